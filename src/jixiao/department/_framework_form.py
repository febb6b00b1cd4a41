"""A framework written in its file form (``schema = "jixiao.framework/1"``) (private).

The form is flat: ``[[groups]]`` (level 1 and 2, each naming its ``parent``)
and ``[[indicators]]`` (level 3, naming their level-2 parent), each indicator
in the rule form of the private ``jixiao.spec._file``; beside them the framework's
citation, family, period, grades, schedules and reforms. See ``docs/schema.md``.
:mod:`jixiao.department._framework_file` reads it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from jixiao.spec._file import grades_to_dict, indicator_to_dict, number_text, period_to_dict
from jixiao.spec.library import rule_library
from jixiao.spec.rules import Group, Indicator
from jixiao.spec.rulesets import DEFAULT_GRADES

if TYPE_CHECKING:
    from jixiao.department.framework import Framework

__all__ = ["SCHEMA", "framework_to_dict"]

SCHEMA = "jixiao.framework/1"


def framework_to_dict(fw: Framework) -> dict[str, Any]:
    """The file form of *fw*; :func:`~jixiao.department._framework_file.framework_from_dict`
    reads it back equal."""
    library = rule_library("department")
    groups: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []

    def walk(nodes: tuple[Group | Indicator, ...], parent: str | None) -> None:
        for node in nodes:
            if isinstance(node, Group):
                entry = {"key": node.key, "parent": parent, "name": node.name}
                entry |= {"name_en": node.name_en, "weight": number_text(node.weight)}
                groups.append(entry)
                walk(node.children, node.key)
                continue
            item = indicator_to_dict(node, library)
            indicators.append({"key": item.pop("key"), "parent": parent, **item})

    walk(fw.children, None)
    citation = {k: v for k, v in attrs.asdict(fw.citation).items() if v is not None}
    citation.pop("clause", None)
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "id": fw.id,
        "family": fw.family,
        "title": fw.title,
        "title_en": fw.title_en,
        "jurisdiction": fw.jurisdiction,
        "jurisdiction_en": fw.jurisdiction_en,
        "year": fw.year,
        "period": period_to_dict(fw.validity),
        "weight": number_text(fw.weight),
        "notes": list(fw.notes),
        "citation": citation,
    }
    if fw.grades != DEFAULT_GRADES:
        out["grades"] = grades_to_dict(fw.grades)
    if fw.schedules:
        out["schedules"] = [
            {
                "key": s.key,
                "period": s.period,
                "shares": [f"{number_text(share * 100)}%" for share in s.shares],
                "text": s.text,
            }
            for s in fw.schedules
        ]
    if fw.reforms:
        out["reforms"] = [{"name": r.name, "changes": list(r.changes)} for r in fw.reforms]
    out["groups"] = groups
    out["indicators"] = indicators
    return out
