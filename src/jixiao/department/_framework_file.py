"""A framework read from its file form (``schema = "jixiao.framework/1"``) (private).

See :mod:`jixiao.department._framework_form` for the form, which this module
reads back: every key checked, every rule validated as it is built.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from jixiao._toml import check_schema, refuse_unknown_keys
from jixiao.department._framework_form import SCHEMA
from jixiao.department.framework import Framework
from jixiao.errors import FrameworkError, JixiaoError
from jixiao.quantities import CONTEXT, HUNDRED, to_decimal
from jixiao.spec._file import (
    INDICATOR_KEYS,
    grades_from_dict,
    indicator_from_dict,
    need,
    period_from_dict,
)
from jixiao.spec.library import rule_library
from jixiao.spec.rules import Group, Indicator
from jixiao.spec.rulesets import (
    DEFAULT_GRADES,
    Citation,
    Reform,
    Schedule,
)

__all__ = ["framework_from_dict"]

_TOP = {"schema", "id", "family", "title", "title_en", "jurisdiction", "jurisdiction_en"}
_TOP |= {"year", "period", "weight", "notes", "citation", "grades", "schedules", "reforms"}
_TOP |= {"groups", "indicators"}


def _citation(data: object, where: str) -> Citation:
    if not isinstance(data, Mapping):
        raise FrameworkError("expected a table", zh="应为键值表", field=where, value=data)
    refuse_unknown_keys(data, {f.name for f in attrs.fields(Citation)}, where)
    return Citation(**data)


def _schedule(data: object, where: str) -> Schedule:
    if not isinstance(data, Mapping):
        raise FrameworkError("expected a table", zh="应为键值表", field=where, value=data)
    refuse_unknown_keys(data, {"key", "period", "shares", "text"}, where)
    shares = []
    for i, share in enumerate(need(data, "shares", where)):
        spot = f"{where}.shares[{i + 1}]"
        text = share.strip() if isinstance(share, str) else share
        if isinstance(text, str) and text.endswith("%"):
            shares.append(CONTEXT.divide(to_decimal(text[:-1], spot), HUNDRED))
        else:
            shares.append(to_decimal(text, spot))
    return Schedule(
        need(data, "key", where), need(data, "period", where), tuple(shares), data.get("text", "")
    )


def framework_from_dict(data: Mapping[str, Any], source: str = "framework") -> Framework:
    """Build and validate a :class:`~jixiao.department.framework.Framework` from its file form.

    Raises:
        FrameworkError: inconsistent weights, unknown parents, bad rules.
        UnknownKeyError: a key the form does not have.
    """
    try:
        return _framework_from_dict(data)
    except JixiaoError as error:
        raise error.located(source=source) from None


def _framework_from_dict(data: Mapping[str, Any]) -> Framework:
    refuse_unknown_keys(data, _TOP, "framework")
    check_schema(data, SCHEMA, FrameworkError)
    citation = _citation(need(data, "citation", "framework"), "citation")
    schedules = tuple(
        _schedule(s, f"schedules[{i + 1}]") for i, s in enumerate(data.get("schedules", ()))
    )
    by_key = {s.key: s for s in schedules}
    library = rule_library("department")
    children: dict[str | None, list[tuple[str, Any]]] = {}
    groups: dict[str, Mapping[str, Any]] = {}
    for i, group in enumerate(data.get("groups", [])):
        where = f"groups[{i + 1}]"
        refuse_unknown_keys(group, {"key", "parent", "name", "name_en", "weight"}, where)
        groups[need(group, "key", where)] = group
        children.setdefault(group.get("parent"), []).append(("group", group))
    for key, group in groups.items():
        if group.get("parent") is not None and group["parent"] not in groups:
            raise FrameworkError(
                "names a parent group that does not exist",
                zh="所指的上级指标不存在",
                field=f"groups.{key}.parent",
                value=group["parent"],
            )
    for i, ind in enumerate(data.get("indicators", [])):
        where = f"indicators[{i + 1}]"
        refuse_unknown_keys(ind, set(INDICATOR_KEYS) | {"parent"}, where)
        parent = need(ind, "parent", where)
        if parent not in groups:
            raise FrameworkError(
                "names a parent group that does not exist",
                zh="所指的上级指标不存在",
                field=where,
                value=parent,
            )
        children.setdefault(parent, []).append(("indicator", ind))

    def indicator(ind: Mapping[str, Any]) -> Indicator:
        rule = {k: v for k, v in ind.items() if k != "parent"}
        return indicator_from_dict(
            rule,
            f"indicators.{ind.get('key')}",
            citation,
            library=library,
            schedules=by_key,
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
                    name=need(node, "name", f"groups.{key}"),
                    name_en=node.get("name_en", ""),
                    weight=to_decimal(
                        need(node, "weight", f"groups.{key}"), f"groups.{key}.weight"
                    ),
                    children=build(key),
                )
            )
        return tuple(built)

    level1 = build(None)
    if not all(isinstance(node, Group) for node in level1):
        raise FrameworkError(
            "level-3 indicators must sit under a level-2 group", zh="三级指标应位于二级指标之下"
        )
    return Framework(
        id=need(data, "id", "framework"),
        title=need(data, "title", "framework"),
        title_en=data.get("title_en", ""),
        jurisdiction=need(data, "jurisdiction", "framework"),
        jurisdiction_en=data.get("jurisdiction_en", ""),
        year=need(data, "year", "framework"),
        citation=citation,
        weight=to_decimal(data.get("weight", "100"), "weight"),
        children=level1,  # type: ignore[arg-type]
        notes=tuple(data.get("notes", ())),
        family=data.get("family", ""),
        period=period_from_dict(data["period"]) if "period" in data else None,
        grades=grades_from_dict(data["grades"]) if "grades" in data else DEFAULT_GRADES,
        schedules=schedules,
        reforms=tuple(
            Reform(need(r, "name", "reforms"), tuple(r.get("changes", ())))
            for r in data.get("reforms", ())
        ),
    )
