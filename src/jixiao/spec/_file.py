"""The file form of rules: inputs, measures, components, conditions,
interpretations and examples, both ways (private).

Frameworks (``jixiao.framework/1``), templates (``jixiao.template/1``) and
the rule libraries (``jixiao.rules/1``) write their rules in this one form;
their readers call :func:`indicator_from_dict`. Numbers are written as text
(``"0.5"``, ratios as ``"25%"``), intervals in interval notation. Every table
is checked for keys its form does not have. See ``docs/schema.md``.

An interpretation's alternative changes the rule's file form
(:func:`apply_changes`), and the changed form is read again, so a rule under
any reading is validated as every rule is.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from jixiao._toml import refuse_unknown_keys
from jixiao.errors import FrameworkError, JixiaoError, UnknownKeyError
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
from jixiao.quantities import to_decimal
from jixiao.spec.inputs import Constraint, Input, InputKind
from jixiao.spec.measures import MEASURE_KINDS, Measure, ScheduleMeasure
from jixiao.spec.rules import Condition, Example, Indicator
from jixiao.spec.rulesets import (
    Alternative,
    Citation,
    Grade,
    GradeBand,
    Grades,
    Interpretation,
    Period,
    Schedule,
)

__all__ = [
    "INDICATOR_KEYS",
    "apply_changes",
    "component_from_dict",
    "component_to_dict",
    "grades_from_dict",
    "grades_to_dict",
    "indicator_from_dict",
    "indicator_to_dict",
    "need",
    "number_text",
    "period_from_dict",
    "period_to_dict",
]

INDICATOR_KEYS = frozenset(
    {
        "key",
        "name",
        "name_en",
        "weight",
        "function",
        "inputs",
        "measures",
        "components",
        "clause",
        "description",
        "rule_text",
        "veto",
        "exemption",
        "interpretations",
        "notes",
        "examples",
        "reference_weight",
        "rounding",
    }
)
"""The keys of an indicator (a rule) in every file form."""


def need(data: Mapping[str, Any], key: str, where: str) -> Any:
    """``data[key]``, or a FrameworkError naming the missing key."""
    if not isinstance(data, Mapping):
        raise FrameworkError("expected a table", field=where, value=data)
    if key not in data:
        raise FrameworkError("missing", field=f"{where}.{key}")
    return data[key]


def number_text(value: Decimal) -> str:
    """A number for the file form, never in exponent notation."""
    return (
        format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    )


def _fraction(text: object, field: str) -> Decimal:
    """A fraction written as ``"25%"`` or ``"0.25"``."""
    if isinstance(text, str) and text.strip().endswith("%"):
        return to_decimal(text.strip()[:-1], field, negative=True) / 100
    return to_decimal(text, field, negative=True)


def _fraction_text(value: Decimal) -> str:
    return f"{number_text(value * 100)}%"


def _table(data: object, allowed: set[str] | frozenset[str], where: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise FrameworkError("expected a table", field=where, value=data)
    refuse_unknown_keys(data, set(allowed), where)
    return data


def _list(data: Mapping[str, Any], key: str, where: str) -> Sequence[Any]:
    value = data.get(key, ())
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
        raise FrameworkError("expected a list", field=f"{where}.{key}", value=value)
    return value


# ---------------------------------------------------------------- inputs

_INPUT_KEYS = {"name", "label", "label_en", "kind", "unit", "required", "default"}
_INPUT_KEYS |= {"description", "signed", "length", "fields", "constraints"}


def input_from_dict(data: object, where: str) -> Input:
    """An :class:`Input` from its table."""
    table = _table(data, _INPUT_KEYS, where)
    kind = table.get("kind", "number")
    try:
        input_kind = InputKind(kind)
    except ValueError:
        known = ", ".join(k.value for k in InputKind)
        raise FrameworkError(
            f"unknown input kind; expected one of {known}", field=where, value=kind
        ) from None
    constraints = tuple(
        Constraint(**_table(c, {"kind", "other", "message"}, f"{where}.constraints[{i + 1}]"))
        for i, c in enumerate(_list(table, "constraints", where))
    )
    fields = tuple(
        input_from_dict(f, f"{where}.fields[{i + 1}]")
        for i, f in enumerate(_list(table, "fields", where))
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
            {k: v for k, v in attrs.asdict(c).items() if v} for c in item.constraints
        ]
    return out


# ---------------------------------------------------------------- measures

_FRACTIONS = {"at_most", "cap", "rounding"}


def measure_from_dict(
    data: object, where: str, schedules: Mapping[str, Schedule] | None = None
) -> Measure:
    """A measure from its table; a schedule measure takes its shares from
    the rule set's *schedules*."""
    table = dict(_table(data, set().union(*_MEASURE_FIELDS.values(), {"kind"}), where))
    kind = table.pop("kind", None)
    cls = MEASURE_KINDS.get(kind)
    if cls is None:
        raise FrameworkError(
            f"unknown measure kind; expected one of {sorted(MEASURE_KINDS)}",
            field=where,
            value=kind,
        )
    refuse_unknown_keys(table, _MEASURE_FIELDS[kind] - {"shares", "period"}, where)
    values: dict[str, Any] = {}
    for name, raw in table.items():
        if name in _FRACTIONS:
            values[name] = _fraction(raw, f"{where}.{name}")
        elif name == "whole" and cls is not ScheduleMeasure:
            values[name] = (raw,) if isinstance(raw, str) else tuple(raw)
        else:
            values[name] = raw
    if cls is ScheduleMeasure:
        key = need(table, "schedule", where)
        schedule = (schedules or {}).get(key)
        if schedule is None:
            raise FrameworkError(
                "names a schedule the rule set does not state", field=f"{where}.schedule", value=key
            )
        values["shares"], values["period"] = schedule.shares, schedule.period
    try:
        return cls(**values)
    except TypeError as error:
        raise FrameworkError(f"malformed: {error}", field=where) from None


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
            out[field.name] = _fraction_text(value)
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
        raise FrameworkError(f"missing key {error.args[0]!r}", field=where) from None
    except TypeError as error:
        raise FrameworkError(f"malformed: {error}", field=where) from None


def _component(data: object, where: str) -> Component:
    if not isinstance(data, Mapping):
        raise FrameworkError("expected a table", field=where, value=data)
    kind = need(data, "kind", where)
    cls = KINDS.get(kind)
    if cls is None:
        raise FrameworkError(
            f"unknown component kind; expected one of {sorted(KINDS)}", field=where
        )
    names = {f.name for f in attrs.fields(cls)}
    refuse_unknown_keys(data, names | {"kind"}, where)
    for field in attrs.fields(cls):
        if field.default is attrs.NOTHING and field.name not in data:
            raise FrameworkError(f"missing key {field.name!r}", field=where)
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
        raise FrameworkError("expected a table { measure, text, text_en }", field=where, value=data)
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


def _example(data: object, where: str) -> Example:
    table = _table(data, {"inputs", "points", "note"}, where)
    return Example(
        inputs=need(table, "inputs", where),
        points=to_decimal(need(table, "points", where), f"{where}.points"),
        note=table.get("note", ""),
    )


# ---------------------------------------------------------------- interpretations

_INTERPRETATION_KEYS = {"key", "text", "text_en", "default", "alternatives"}


def interpretation_from_dict(data: object, where: str) -> Interpretation:
    """An interpretation (a switch) from its table."""
    table = _table(data, _INTERPRETATION_KEYS, where)
    alternatives = []
    for i, entry in enumerate(_list(table, "alternatives", where)):
        spot = f"{where}.alternatives[{i + 1}]"
        alt = _table(entry, {"key", "text", "text_en", "changes"}, spot)
        changes = alt.get("changes", {})
        if not isinstance(changes, Mapping):
            raise FrameworkError("expected a table of changes", field=spot, value=changes)
        alternatives.append(
            Alternative(
                need(alt, "key", spot), alt.get("text", ""), alt.get("text_en", ""), changes
            )
        )
    return Interpretation(
        key=need(table, "key", where),
        text_en=need(table, "text_en", where),
        text=table.get("text", ""),
        default=need(table, "default", where),
        alternatives=tuple(alternatives),
    )


def interpretation_to_dict(interpretation: Interpretation) -> dict[str, Any]:
    """The table of an interpretation."""
    out: dict[str, Any] = {"key": interpretation.key}
    if interpretation.text:
        out["text"] = interpretation.text
    out["text_en"] = interpretation.text_en
    out["default"] = interpretation.default
    out["alternatives"] = [
        {
            k: v
            for k, v in (
                ("key", a.key),
                ("text", a.text),
                ("text_en", a.text_en),
                ("changes", dict(a.changes)),
            )
            if v
        }
        for a in interpretation.alternatives
    ]
    return out


def apply_changes(
    data: Mapping[str, Any], changes: Mapping[str, Any], where: str
) -> dict[str, Any]:
    """*data* (a rule's or a rule set's file form) with *changes* made: each
    dotted path set to its value, or removed when the value is ``""``.

    In a list of tables a path's step names the table by its ``measure``
    (components), ``key`` (measures, alternatives) or ``name`` (inputs).

    Raises:
        FrameworkError: a path leads nowhere.
    """
    changed = copy.deepcopy(dict(data))
    for path, value in changes.items():
        steps = path.split(".")
        node: Any = changed
        for step in steps[:-1]:
            node = _step(node, step, path, where)
        last = steps[-1]
        if isinstance(node, list):  # a whole entry of a list of tables
            entry = _step(node, last, path, where)
            index = next(i for i, e in enumerate(node) if e is entry)
            if value == "":
                del node[index]
            else:
                node[index] = copy.deepcopy(value)
            continue
        if not isinstance(node, dict):
            raise FrameworkError("the change's path leads nowhere", field=where, value=path)
        if value == "":
            node.pop(last, None)
        else:
            node[last] = copy.deepcopy(value)
    return changed


def _step(node: Any, step: str, path: str, where: str) -> Any:
    if isinstance(node, dict):
        if step not in node:
            raise FrameworkError("the change's path leads nowhere", field=where, value=path)
        return node[step]
    if isinstance(node, list):
        for entry in node:
            if isinstance(entry, dict) and step in (
                entry.get("measure"),
                entry.get("key"),
                entry.get("name"),
            ):
                return entry
    raise FrameworkError("the change's path leads nowhere", field=where, value=path)


# ---------------------------------------------------------------- periods and grades


def period_from_dict(data: object, where: str = "period") -> Period:
    """A :class:`~jixiao.spec.Period` from ``{ first = 2023, last = 2023 }``."""
    if not isinstance(data, Mapping):
        raise FrameworkError("expected a table { first, last }", field=where, value=data)
    refuse_unknown_keys(data, {"first", "last"}, where)
    return Period(need(data, "first", where), data.get("last"))


def grades_from_dict(data: object, where: str = "grades") -> Grades:
    """:class:`~jixiao.spec.Grades` from ``{ text, bands = [{ grade, interval }, …] }``."""
    if not isinstance(data, Mapping):
        raise FrameworkError("expected a table { text, bands }", field=where, value=data)
    refuse_unknown_keys(data, {"text", "bands"}, where)
    bands = []
    for i, band in enumerate(need(data, "bands", where)):
        spot = f"{where}.bands[{i + 1}]"
        if not isinstance(band, Mapping):
            raise FrameworkError("expected a table { grade, interval }", field=spot, value=band)
        refuse_unknown_keys(band, {"grade", "interval"}, spot)
        try:
            grade = Grade(need(band, "grade", spot))
        except ValueError:
            raise FrameworkError(
                "a grade is 优, 良, 中 or 差", field=spot, value=band.get("grade")
            ) from None
        bands.append(GradeBand(grade, Interval.parse(need(band, "interval", spot))))
    return Grades(tuple(bands), data.get("text", ""))


def period_to_dict(period: Period) -> dict[str, Any]:
    """The table of a period."""
    return {"first": period.first} | ({} if period.last is None else {"last": period.last})


def grades_to_dict(grades: Grades) -> dict[str, Any]:
    """The table of grades."""
    out: dict[str, Any] = {"text": grades.text} if grades.text else {}
    out["bands"] = [
        {"grade": band.grade.value, "interval": str(band.interval)} for band in grades.bands
    ]
    return out


# ---------------------------------------------------------------- indicators


def indicator_from_dict(
    data: Mapping[str, Any],
    where: str,
    citation: Citation,
    *,
    library: Mapping[str, Mapping[str, Any]] | None = None,
    schedules: Mapping[str, Schedule] | None = None,
) -> Indicator:
    """An :class:`Indicator` from its table.

    Its inputs and measures are its own (``inputs``, ``measures``), or, when it
    names a ``function`` and declares no inputs, those of that rule in the
    *library* (the shipped rule declarations).

    Raises:
        FrameworkError: a missing key, an unknown rule, inconsistent rule data.
        UnknownKeyError: a key the form does not have.
    """
    refuse_unknown_keys(data, set(INDICATOR_KEYS), where)
    function = data.get("function", "")
    declared: Mapping[str, Any] = data
    if "inputs" not in data and function:
        entry = (library or {}).get(function)
        if entry is None:
            known = ", ".join(sorted(library or {}))
            raise UnknownKeyError(
                f"no rule function of this name; known: {known}",
                field=f"{where}.function",
                value=function,
            )
        declared = entry
    inputs = tuple(
        input_from_dict(i, f"{where}.inputs[{n + 1}]")
        for n, i in enumerate(_list(declared, "inputs", where))
    )
    measures = tuple(
        measure_from_dict(m, f"{where}.measures[{n + 1}]", schedules)
        for n, m in enumerate(_list(declared, "measures", where))
    )
    interpretations: list[Interpretation] = []
    notes = list(_list(data, "notes", where))
    for n, entry in enumerate(_list(data, "interpretations", where)):
        if isinstance(entry, str):  # a statement without alternatives
            notes.append(entry)
        else:
            interpretations.append(
                interpretation_from_dict(entry, f"{where}.interpretations[{n + 1}]")
            )
    veto, exemption = (
        condition_from_dict(data[name], f"{where}.{name}") if name in data else None
        for name in ("veto", "exemption")
    )
    name = need(data, "name", where)
    try:
        return Indicator(
            key=need(data, "key", where),
            name=name,
            name_en=data.get("name_en", ""),
            weight=to_decimal(need(data, "weight", where), f"{where}.weight"),
            function=function,
            inputs=inputs,
            measures=measures,
            components=tuple(
                component_from_dict(c, f"{where}.components[{j + 1}]")
                for j, c in enumerate(_list(data, "components", where))
            ),
            citation=citation.with_clause(data.get("clause") or f"三级指标“{name}”"),
            description=data.get("description", ""),
            rule_text=data.get("rule_text", ""),
            interpretations=tuple(interpretations),
            notes=tuple(notes),
            reference_weight=(
                to_decimal(data["reference_weight"], f"{where}.reference_weight")
                if "reference_weight" in data
                else None
            ),
            examples=tuple(
                _example(e, f"{where}.examples[{j + 1}]")
                for j, e in enumerate(_list(data, "examples", where))
            ),
            rounding=data.get("rounding", "indicator"),
            veto=veto,
            exemption=exemption,
        )
    except JixiaoError as error:
        raise error.located(field=where) from None


def _as_declared(ind: Indicator, library: Mapping[str, Mapping[str, Any]] | None) -> bool:
    """Whether *ind*'s inputs and measures are those its function declares."""
    entry = (library or {}).get(ind.function) if ind.function else None
    if entry is None:
        return False
    schedules = {
        m.schedule: Schedule(m.schedule, m.period, m.shares)
        for m in ind.measures
        if isinstance(m, ScheduleMeasure)
    }
    where = f"rules.{ind.function}"
    try:
        inputs = tuple(input_from_dict(i, where) for i in _list(entry, "inputs", where))
        measures = tuple(
            measure_from_dict(m, where, schedules) for m in _list(entry, "measures", where)
        )
    except JixiaoError:
        return False
    return inputs == ind.inputs and measures == ind.measures


def indicator_to_dict(
    ind: Indicator, library: Mapping[str, Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """The table of *ind*; :func:`indicator_from_dict` reads it back equal.

    Inputs and measures are written only when they are not those of the
    rule function it names in the *library*.
    """
    item: dict[str, Any] = {
        "key": ind.key,
        "name": ind.name,
        "name_en": ind.name_en,
        "weight": number_text(ind.weight),
    }
    if ind.function:
        item["function"] = ind.function
    item["clause"] = ind.citation.clause
    item["description"] = ind.description
    item["rule_text"] = ind.rule_text
    if not _as_declared(ind, library):
        item["inputs"] = [input_to_dict(i) for i in ind.inputs]
        item["measures"] = [measure_to_dict(m) for m in ind.measures]
    if ind.notes:
        item["notes"] = list(ind.notes)
    item["interpretations"] = [interpretation_to_dict(i) for i in ind.interpretations]
    if ind.reference_weight is not None:
        item["reference_weight"] = number_text(ind.reference_weight)
    if ind.rounding != "indicator":
        item["rounding"] = ind.rounding
    for name in ("veto", "exemption"):
        condition = getattr(ind, name)
        if condition is not None:
            item[name] = condition_to_dict(condition)
    item["components"] = [component_to_dict(c) for c in ind.components]
    if ind.examples:
        item["examples"] = [
            {"inputs": dict(e.inputs), "points": str(e.points), "note": e.note}
            for e in ind.examples
        ]
    return item
