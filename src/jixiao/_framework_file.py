"""The file form of a framework (``schema = "jixiao.framework/1"``), both ways.

The form is flat: ``[[groups]]`` (level 1 and 2, each naming its ``parent``)
and ``[[indicators]]`` (level 3, naming their level-2 parent), each indicator
with its ``[[indicators.components]]``. See ``docs/schema.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from jixiao._toml import check_schema, read_data_file, read_toml_text, refuse_unknown_keys
from jixiao.errors import FrameworkError, JixiaoError, UnknownKeyError
from jixiao.framework import Condition, Example, Framework, Group, Indicator
from jixiao.primitives import (
    KINDS,
    Band,
    Bands,
    Checklist,
    ChecklistItem,
    Component,
    Interval,
    Tier,
    Tiers,
)
from jixiao.quantities import to_decimal
from jixiao.score import Citation

__all__ = ["framework_from_dict", "framework_to_dict", "read_toml_file", "read_toml_text"]

SCHEMA = "jixiao.framework/1"


def read_toml_file(path: str) -> dict[str, Any]:
    """Read a framework file (TOML or JSON)."""
    return read_data_file(path)


def _need(data: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise FrameworkError("missing", field=f"{where}.{key}")
    return data[key]


def _component(data: Mapping[str, Any], where: str) -> Component:
    """A component from its table; a missing or misplaced key is a FrameworkError."""
    try:
        return _build_component(data, where)
    except UnknownKeyError:
        raise
    except KeyError as error:
        raise FrameworkError(f"missing key {error.args[0]!r}", field=where) from None
    except TypeError as error:
        raise FrameworkError(f"malformed: {error}", field=where) from None


def _build_component(data: Mapping[str, Any], where: str) -> Component:
    kind = _need(data, "kind", where)
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
    for field in attrs.fields(cls):
        if field.name not in data:
            continue
        raw = data[field.name]
        if field.name in {"points", "factor", "per_item", "threshold", "per_unit", "unit"}:
            values[field.name] = to_decimal(raw, f"{where}.{field.name}", negative=True)
        elif field.name == "zero_when":
            values[field.name] = Interval.parse(raw)
        elif field.name == "bands":
            values[field.name] = tuple(
                Band(
                    Interval.parse(b["interval"]), to_decimal(b["points"], where), b.get("text", "")
                )
                for b in raw
            )
        elif field.name == "items":
            values[field.name] = tuple(
                ChecklistItem(i["text"], to_decimal(i["points"], where), i.get("text_en", ""))
                for i in raw
            )
        elif field.name == "tiers":
            values[field.name] = tuple(
                Tier(
                    t["key"],
                    to_decimal(t["points"], where),
                    t.get("text", ""),
                    t.get("text_en", ""),
                )
                for t in raw
            )
        else:
            values[field.name] = raw
    return cls(**values)


def _condition(data: object, where: str) -> Condition:
    if not isinstance(data, Mapping):
        raise FrameworkError("expected a table { measure, text, text_en }", field=where, value=data)
    refuse_unknown_keys(data, {"measure", "text", "text_en"}, where)
    return Condition(
        measure=_need(data, "measure", where),
        text=_need(data, "text", where),
        text_en=data.get("text_en", ""),
    )


def _example(data: Mapping[str, Any], where: str) -> Example:
    refuse_unknown_keys(data, {"inputs", "points", "note"}, where)
    return Example(
        inputs=_need(data, "inputs", where),
        points=to_decimal(_need(data, "points", where), f"{where}.points"),
        note=data.get("note", ""),
    )


def _citation(data: Mapping[str, Any], where: str) -> Citation:
    refuse_unknown_keys(data, {f.name for f in attrs.fields(Citation)}, where)
    return Citation(**data)


def framework_from_dict(data: Mapping[str, Any], source: str = "framework") -> Framework:
    """Build and validate a :class:`Framework` from its file form.

    Raises:
        FrameworkError: inconsistent weights, unknown parents, bad rules.
        UnknownKeyError: a key the form does not have.
    """
    try:
        return _framework_from_dict(data)
    except JixiaoError as error:
        raise error.located(source=source) from None


def _framework_from_dict(data: Mapping[str, Any]) -> Framework:
    top = {"schema", "id", "title", "title_en", "jurisdiction", "jurisdiction_en", "year"}
    refuse_unknown_keys(
        data, top | {"weight", "notes", "citation", "groups", "indicators"}, "framework"
    )
    check_schema(data, SCHEMA, FrameworkError)
    citation = _citation(_need(data, "citation", "framework"), "citation")
    children: dict[str | None, list[tuple[str, Any]]] = {}
    groups: dict[str, Mapping[str, Any]] = {}
    for i, group in enumerate(data.get("groups", [])):
        where = f"groups[{i + 1}]"
        refuse_unknown_keys(group, {"key", "parent", "name", "name_en", "weight"}, where)
        groups[_need(group, "key", where)] = group
        children.setdefault(group.get("parent"), []).append(("group", group))
    for key, group in groups.items():
        if group.get("parent") is not None and group["parent"] not in groups:
            raise FrameworkError(
                "names a parent group that does not exist",
                field=f"groups.{key}.parent",
                value=group["parent"],
            )
    for i, ind in enumerate(data.get("indicators", [])):
        where = f"indicators[{i + 1}]"
        fields = {"key", "parent", "name", "name_en", "weight", "function", "components"}
        fields |= {"clause", "description", "rule_text", "veto", "exemption", "interpretations"}
        fields |= {"examples", "reference_weight"}
        refuse_unknown_keys(ind, fields, where)
        parent = _need(ind, "parent", where)
        if parent not in groups:
            raise FrameworkError(
                "names a parent group that does not exist", field=where, value=parent
            )
        children.setdefault(parent, []).append(("indicator", ind))

    def indicator(ind: Mapping[str, Any]) -> Indicator:
        where = f"indicators.{ind.get('key')}"
        conditions = {
            name: _condition(ind[name], f"{where}.{name}") if name in ind else None
            for name in ("veto", "exemption")
        }
        return Indicator(
            key=_need(ind, "key", where),
            name=_need(ind, "name", where),
            name_en=ind.get("name_en", ""),
            weight=to_decimal(_need(ind, "weight", where), f"{where}.weight"),
            function=_need(ind, "function", where),
            components=tuple(
                _component(c, f"{where}.components[{j + 1}]")
                for j, c in enumerate(_need(ind, "components", where))
            ),
            citation=citation.with_clause(ind.get("clause") or f"三级指标“{ind['name']}”"),
            description=ind.get("description", ""),
            rule_text=ind.get("rule_text", ""),
            interpretations=tuple(ind.get("interpretations", ())),
            reference_weight=(
                to_decimal(ind["reference_weight"], f"{where}.reference_weight")
                if "reference_weight" in ind
                else None
            ),
            examples=tuple(
                _example(e, f"{where}.examples[{j + 1}]")
                for j, e in enumerate(ind.get("examples", ()))
            ),
            **conditions,
        )

    def build(parent: str | None) -> tuple[Group | Indicator, ...]:
        built: list[Group | Indicator] = []
        for kind, node in children.get(parent, []):
            if kind == "indicator":
                built.append(indicator(node))
                continue
            key = node["key"]
            built.append(
                Group(
                    key=key,
                    name=_need(node, "name", f"groups.{key}"),
                    name_en=node.get("name_en", ""),
                    weight=to_decimal(
                        _need(node, "weight", f"groups.{key}"), f"groups.{key}.weight"
                    ),
                    children=build(key),
                )
            )
        return tuple(built)

    level1 = build(None)
    if not all(isinstance(node, Group) for node in level1):
        raise FrameworkError("level-3 indicators must sit under a level-2 group")
    return Framework(
        id=_need(data, "id", "framework"),
        title=_need(data, "title", "framework"),
        title_en=data.get("title_en", ""),
        jurisdiction=_need(data, "jurisdiction", "framework"),
        jurisdiction_en=data.get("jurisdiction_en", ""),
        year=_need(data, "year", "framework"),
        citation=citation,
        weight=to_decimal(data.get("weight", "100"), "weight"),
        children=level1,  # type: ignore[arg-type]
        notes=tuple(data.get("notes", ())),
    )


def _num(value: Decimal) -> str:
    """A number for the file form, never in exponent notation."""
    return (
        format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    )


def _component_to_dict(component: Component) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": component.kind}
    for field in attrs.fields(type(component)):
        value = getattr(component, field.name)
        if value is None or (field.name in {"text", "text_en"} and not value):
            continue
        if isinstance(value, Decimal):
            out[field.name] = _num(value)
        elif isinstance(value, Interval):
            out[field.name] = str(value)
        elif isinstance(component, Bands) and field.name == "bands":
            out["bands"] = [
                {"interval": str(b.interval), "points": _num(b.points), "text": b.text}
                for b in value
            ]
        elif isinstance(component, Checklist) and field.name == "items":
            out["items"] = [
                {"text": i.text, "text_en": i.text_en, "points": _num(i.points)} for i in value
            ]
        elif isinstance(component, Tiers) and field.name == "tiers":
            out["tiers"] = [
                {"key": t.key, "points": _num(t.points), "text": t.text, "text_en": t.text_en}
                for t in value
            ]
        else:
            out[field.name] = value
    return out


def framework_to_dict(fw: Framework) -> dict[str, Any]:
    """The file form of *fw*; :func:`framework_from_dict` reads it back equal."""
    groups: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []

    def walk(nodes: tuple[Group | Indicator, ...], parent: str | None) -> None:
        for node in nodes:
            if isinstance(node, Group):
                entry = {"key": node.key, "parent": parent, "name": node.name}
                entry |= {"name_en": node.name_en, "weight": _num(node.weight)}
                groups.append(entry)
                walk(node.children, node.key)
                continue
            item: dict[str, Any] = {
                "key": node.key,
                "parent": parent,
                "name": node.name,
                "name_en": node.name_en,
                "weight": _num(node.weight),
                "function": node.function,
                "clause": node.citation.clause,
                "description": node.description,
                "rule_text": node.rule_text,
                "interpretations": list(node.interpretations),
            }
            if node.reference_weight is not None:
                item["reference_weight"] = _num(node.reference_weight)
            for name in ("veto", "exemption"):
                condition = getattr(node, name)
                if condition is not None:
                    item[name] = attrs.asdict(condition)
            item["components"] = [_component_to_dict(c) for c in node.components]
            if node.examples:
                item["examples"] = [
                    {"inputs": dict(e.inputs), "points": str(e.points), "note": e.note}
                    for e in node.examples
                ]
            indicators.append(item)

    walk(fw.children, None)
    citation = {k: v for k, v in attrs.asdict(fw.citation).items() if v is not None}
    citation.pop("clause", None)
    return {
        "schema": SCHEMA,
        "id": fw.id,
        "title": fw.title,
        "title_en": fw.title_en,
        "jurisdiction": fw.jurisdiction,
        "jurisdiction_en": fw.jurisdiction_en,
        "year": fw.year,
        "weight": _num(fw.weight),
        "notes": list(fw.notes),
        "citation": citation,
        "groups": groups,
        "indicators": indicators,
    }
