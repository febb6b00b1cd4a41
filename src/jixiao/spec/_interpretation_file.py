"""Interpretations in the file form of rules, both ways, and the changes an
alternative reading makes to a rule's or a rule set's file form (private).

An interpretation is a switch between readings of an ambiguous rule text; each
alternative lists the changes it makes (dotted paths in the file form). A
rule under any reading is its file form changed (:func:`apply_changes`) and
read again, so it is validated as every rule is. See ``docs/schema.md``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from jixiao.errors import FrameworkError
from jixiao.spec._file_parts import items, keyed, need
from jixiao.spec.rulesets import Alternative, Interpretation

__all__ = ["apply_changes", "interpretation_from_dict", "interpretation_to_dict"]

_INTERPRETATION_KEYS = {"key", "text", "text_en", "default", "alternatives"}


def interpretation_from_dict(data: object, where: str) -> Interpretation:
    """An interpretation (a switch) from its table."""
    table = keyed(data, _INTERPRETATION_KEYS, where)
    alternatives = []
    for i, entry in enumerate(items(table, "alternatives", where)):
        spot = f"{where}.alternatives[{i + 1}]"
        alt = keyed(entry, {"key", "text", "text_en", "changes"}, spot)
        changes = alt.get("changes", {})
        if not isinstance(changes, Mapping):
            raise FrameworkError(
                "expected a table of changes", zh="应为变更的键值表", field=spot, value=changes
            )
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
            raise _nowhere(path, where)
        if value == "":
            node.pop(last, None)
        else:
            node[last] = copy.deepcopy(value)
    return changed


def _step(node: Any, step: str, path: str, where: str) -> Any:
    if isinstance(node, dict):
        if step not in node:
            raise _nowhere(path, where)
        return node[step]
    if isinstance(node, list):
        for entry in node:
            if isinstance(entry, dict) and step in (
                entry.get("measure"),
                entry.get("key"),
                entry.get("name"),
            ):
                return entry
    raise _nowhere(path, where)


def _nowhere(path: str, where: str) -> FrameworkError:
    """The error of a change whose dotted *path* leads nowhere in the file form."""
    return FrameworkError(
        "the change's path leads nowhere", zh="变更的路径指向不存在的位置", field=where, value=path
    )
