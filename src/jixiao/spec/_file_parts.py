"""The file form of a rule's parts: inputs, measures, components, conditions
and examples, both ways (private; :mod:`jixiao.spec._file` reads whole rules).

Numbers are written as text (``"0.5"``, ratios as ``"25%"``), intervals in
interval notation; every table is checked for keys its form does not have.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from jixiao._toml import refuse_unknown_keys
from jixiao.errors import FrameworkError, UnknownKeyError
from jixiao.intervals import Interval
from jixiao.primitives import (
    KINDS,
    Band,
    Bands,
    Checklist,
    ChecklistItem,
    Component,
    Excess,
    Proportional,
    Tier,
    Tiers,
)
from jixiao.quantities import CONTEXT, HUNDRED, to_decimal
from jixiao.spec.inputs import Constraint, Input, InputKind
from jixiao.spec.measures import MEASURE_KINDS, Measure, ScheduleMeasure
from jixiao.spec.rules import Condition, Example
from jixiao.spec.rulesets import Schedule

__all__ = [
    "component_from_dict",
    "component_to_dict",
    "condition_from_dict",
    "condition_to_dict",
    "example_from_dict",
    "input_from_dict",
    "input_to_dict",
    "items",
    "keyed",
    "measure_from_dict",
    "measure_to_dict",
    "need",
    "number_text",
]


def need(data: Mapping[str, Any], key: str, where: str) -> Any:
    """``data[key]``, or a FrameworkError naming the missing key."""
    if not isinstance(data, Mapping):
        raise FrameworkError("expected a table", zh="应为键值表", field=where, value=data)
    if key not in data:
        raise FrameworkError("missing", zh="缺少此项", field=f"{where}.{key}")
    return data[key]


def number_text(value: Decimal) -> str:
    """A number for the file form, never in exponent notation."""
    return (
        format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    )


def fraction(text: object, field: str) -> Decimal:
    """A fraction written as ``"25%"`` or ``"0.25"``."""
    if isinstance(text, str) and text.strip().endswith("%"):
        return CONTEXT.divide(to_decimal(text.strip()[:-1], field, negative=True), HUNDRED)
    return to_decimal(text, field, negative=True)


def fraction_text(value: Decimal) -> str:
    """A fraction written as a percentage (``"25%"``)."""
    return f"{number_text(value * 100)}%"


def keyed(data: object, allowed: set[str] | frozenset[str], where: str) -> Mapping[str, Any]:
    """*data* as a table of the *allowed* keys."""
    if not isinstance(data, Mapping):
        raise FrameworkError("expected a table", zh="应为键值表", field=where, value=data)
    refuse_unknown_keys(data, set(allowed), where)
    return data


def items(data: Mapping[str, Any], key: str, where: str) -> Sequence[Any]:
    """``data[key]`` as a list (empty when absent)."""
    value = data.get(key, ())
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
        raise FrameworkError("expected a list", zh="应为列表", field=f"{where}.{key}", value=value)
    return value


# ---------------------------------------------------------------- inputs

_INPUT_KEYS = {"name", "label", "label_en", "kind", "unit", "required", "default"}
_INPUT_KEYS |= {"description", "signed", "length", "fields", "constraints"}
_CONSTRAINT_KEYS = {"kind", "other", "limit", "field", "severity", "message", "message_zh"}


def input_from_dict(data: object, where: str) -> Input:
    """An :class:`Input` from its table."""
    table = keyed(data, _INPUT_KEYS, where)
    kind = table.get("kind", "number")
    try:
        input_kind = InputKind(kind)
    except ValueError:
        known = ", ".join(k.value for k in InputKind)
        raise FrameworkError(
            f"unknown input kind; expected one of {known}",
            zh=f"未知的输入类型；应为以下之一：{known}",
            field=where,
            value=kind,
        ) from None
    constraints = tuple(
        Constraint(**keyed(c, _CONSTRAINT_KEYS, f"{where}.constraints[{i + 1}]"))
        for i, c in enumerate(items(table, "constraints", where))
    )
    fields = tuple(
        input_from_dict(f, f"{where}.fields[{i + 1}]")
        for i, f in enumerate(items(table, "fields", where))
    )
    return Input(
        name=need(table, "name", where),
        label=table.get("label", ""),
        label_en=table.get("label_en", ""),
        kind=input_kind,
        unit=table.get("unit", ""),
        required=bool(table.get("required", "default" not in table)),
        default=table.get("default"),
        description=table.get("description", ""),
        signed=bool(table.get("signed", False)),
        length=table.get("length"),
        fields=fields,
        constraints=constraints,
    )


def input_to_dict(item: Input) -> dict[str, Any]:
    """The table of an :class:`Input`."""
    out: dict[str, Any] = {"name": item.name, "label": item.label, "label_en": item.label_en}
    out["kind"] = item.kind.value
    for key in ("unit", "description"):
        if getattr(item, key):
            out[key] = getattr(item, key)
    if not item.required:
        out["required"] = False
        if item.default is not None:
            out["default"] = item.default
    if item.signed:
        out["signed"] = True
    if item.length is not None:
        out["length"] = item.length
    if item.fields:
        out["fields"] = [input_to_dict(f) for f in item.fields]
    if item.constraints:
        out["constraints"] = [
            {k: v for k, v in attrs.asdict(c).items() if v and (k, v) != ("severity", "error")}
            for c in item.constraints
        ]
    return out


# ---------------------------------------------------------------- measures

_FRACTIONS = {"at_most", "cap", "rounding"}


def measure_from_dict(
    data: object, where: str, schedules: Mapping[str, Schedule] | None = None
) -> Measure:
    """A measure from its table; a schedule measure takes its shares from
    the rule set's *schedules*."""
    table = dict(keyed(data, set().union(*_MEASURE_FIELDS.values(), {"kind"}), where))
    kind = table.pop("kind", None)
    cls = MEASURE_KINDS.get(kind)
    if cls is None:
        raise FrameworkError(
            f"unknown measure kind; expected one of {sorted(MEASURE_KINDS)}",
            zh=f"未知的计算量类型；应为以下之一：{sorted(MEASURE_KINDS)}",
            field=where,
            value=kind,
        )
    refuse_unknown_keys(table, _MEASURE_FIELDS[kind] - {"shares", "period"}, where)
    values: dict[str, Any] = {}
    for name, raw in table.items():
        if name in _FRACTIONS:
            values[name] = fraction(raw, f"{where}.{name}")
        elif name == "whole" and cls is not ScheduleMeasure:
            values[name] = (raw,) if isinstance(raw, str) else tuple(raw)
        else:
            values[name] = raw
    if cls is ScheduleMeasure:
        key = need(table, "schedule", where)
        schedule = (schedules or {}).get(key)
        if schedule is None:
            raise FrameworkError(
                "names a schedule the rule set does not state",
                zh="所指的序时进度规则集中没有规定",
                field=f"{where}.schedule",
                value=key,
            )
        values["shares"], values["period"] = schedule.shares, schedule.period
    try:
        return cls(**values)
    except TypeError as error:
        raise FrameworkError(f"malformed: {error}", zh=f"格式有误：{error}", field=where) from None


_MEASURE_FIELDS: dict[str, set[str]] = {
    kind: {f.name for f in attrs.fields(cls)} for kind, cls in MEASURE_KINDS.items()
}


def measure_to_dict(measure: Measure) -> dict[str, Any]:
    """The table of a measure."""
    out: dict[str, Any] = {"key": measure.key, "kind": measure.kind}
    for field in attrs.fields(type(measure)):
        if field.name in ("key", "shares", "period"):
            continue
        value = getattr(measure, field.name)
        if value is None or value == "" or value == field.default:
            continue
        if field.name in _FRACTIONS:
            out[field.name] = fraction_text(value)
        elif field.name == "whole" and isinstance(value, tuple):
            out[field.name] = value[0] if len(value) == 1 else list(value)
        else:
            out[field.name] = value
    return out


# ---------------------------------------------------------------- components

_COMPONENT_NUMBERS = {"points", "factor", "per_item", "threshold", "per_unit", "unit"}


def component_from_dict(data: object, where: str) -> Component:
    """A component from its table; a missing or misplaced key is a FrameworkError."""
    try:
        return _component(data, where)
    except UnknownKeyError:
        raise
    except KeyError as error:
        raise FrameworkError(
            f"missing key {error.args[0]!r}", zh=f"缺少键 {error.args[0]!r}", field=where
        ) from None
    except TypeError as error:
        raise FrameworkError(f"malformed: {error}", zh=f"格式有误：{error}", field=where) from None


def _component(data: object, where: str) -> Component:
    if not isinstance(data, Mapping):
        raise FrameworkError("expected a table", zh="应为键值表", field=where, value=data)
    kind = need(data, "kind", where)
    cls = KINDS.get(kind)
    if cls is None:
        raise FrameworkError(
            f"unknown component kind; expected one of {sorted(KINDS)}",
            zh=f"未知的计分部件类型；应为以下之一：{sorted(KINDS)}",
            field=where,
        )
    names = {f.name for f in attrs.fields(cls)}
    refuse_unknown_keys(data, names | {"kind"}, where)
    for field in attrs.fields(cls):
        if field.default is attrs.NOTHING and field.name not in data:
            raise FrameworkError(
                f"missing key {field.name!r}", zh=f"缺少键 {field.name!r}", field=where
            )
    values: dict[str, Any] = {}
    for name, raw in data.items():
        if name == "kind":
            continue
        if name in _COMPONENT_NUMBERS:
            values[name] = to_decimal(raw, f"{where}.{name}", negative=True)
        elif name == "zero_when":
            values[name] = Interval.parse(raw)
        elif name == "bands":
            values[name] = tuple(
                Band(
                    Interval.parse(b["interval"]), to_decimal(b["points"], where), b.get("text", "")
                )
                for b in raw
            )
        elif name == "items":
            values[name] = tuple(
                ChecklistItem(i["text"], to_decimal(i["points"], where), i.get("text_en", ""))
                for i in raw
            )
        elif name == "tiers":
            values[name] = tuple(
                Tier(
                    t["key"],
                    to_decimal(t["points"], where),
                    t.get("text", ""),
                    t.get("text_en", ""),
                )
                for t in raw
            )
        else:
            values[name] = raw
    return cls(**values)


def component_to_dict(component: Component) -> dict[str, Any]:
    """The table of a component."""
    out: dict[str, Any] = {"kind": component.kind}
    for field in attrs.fields(type(component)):
        value = getattr(component, field.name)
        if value is None or (field.name in {"text", "text_en"} and not value):
            continue
        if field.name in {"official", "capped"} and value is True:
            continue
        if isinstance(component, Excess) and field.name == "steps" and value == "pro-rata":
            continue
        if isinstance(value, Decimal):
            out[field.name] = number_text(value)
        elif isinstance(value, Interval):
            out[field.name] = str(value)
        elif isinstance(component, Bands) and field.name == "bands":
            out["bands"] = [
                {"interval": str(b.interval), "points": number_text(b.points), "text": b.text}
                for b in value
            ]
        elif isinstance(component, Checklist) and field.name == "items":
            out["items"] = [
                {"text": i.text, "text_en": i.text_en, "points": number_text(i.points)}
                for i in value
            ]
        elif isinstance(component, Tiers) and field.name == "tiers":
            out["tiers"] = [
                {
                    "key": t.key,
                    "points": number_text(t.points),
                    "text": t.text,
                    "text_en": t.text_en,
                }
                for t in value
            ]
        elif isinstance(component, Proportional) and field.name == "factor":
            out[field.name] = number_text(value)
        else:
            out[field.name] = value
    return out


# ---------------------------------------------------------------- conditions, examples

_CONDITION_KEYS = {"measure", "text", "text_en", "when", "scope"}


def condition_from_dict(data: object, where: str) -> Condition:
    """A veto or exemption from its table."""
    if not isinstance(data, Mapping):
        raise FrameworkError(
            "expected a table { measure, text, text_en }",
            zh="应为键值表 { measure, text, text_en }",
            field=where,
            value=data,
        )
    refuse_unknown_keys(data, _CONDITION_KEYS, where)
    return Condition(
        measure=need(data, "measure", where),
        text=need(data, "text", where),
        text_en=data.get("text_en", ""),
        when=Interval.parse(data["when"]) if "when" in data else None,
        scope=data.get("scope", ""),
    )


def condition_to_dict(condition: Condition) -> dict[str, Any]:
    """The table of a condition."""
    out: dict[str, Any] = {"measure": condition.measure, "text": condition.text}
    out["text_en"] = condition.text_en
    if condition.when is not None:
        out["when"] = str(condition.when)
    if condition.scope:
        out["scope"] = condition.scope
    return out


def example_from_dict(data: object, where: str) -> Example:
    """A worked example from its table."""
    table = keyed(data, {"inputs", "points", "note"}, where)
    return Example(
        inputs=need(table, "inputs", where),
        points=to_decimal(need(table, "points", where), f"{where}.points"),
        note=table.get("note", ""),
    )
