"""Shipped rule declarations (``schema = "jixiao.rules/1"``), read once.

Rules that several indicators share declare their inputs and measures once,
in ``src/jixiao/data/rules/department.toml``; an indicator that names one
(``function = "amount_share"``) and declares no inputs of its own takes them.
The project table's rules (``project.toml``) are whole rules, their points
written for the row's weight (``"{weight}"``), which each template instantiates.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from jixiao._toml import check_schema, read_package_toml, refuse_unknown_keys
from jixiao.errors import FrameworkError, JixiaoError
from jixiao.spec._file import need

__all__ = ["SCHEMA", "library_from_dict", "rule_library"]

SCHEMA = "jixiao.rules/1"
_PACKAGE_DATA = "jixiao.data.rules"


def library_from_dict(data: Mapping[str, Any], source: str) -> dict[str, Mapping[str, Any]]:
    """The rules of a rule library by id (each in its file form). A rule's id
    is its ``id`` when it has one (several rules may score rows of one
    indicator ``key``), else its ``key``.

    Raises:
        FrameworkError: a wrong schema, a rule without a key, a key used twice.
        UnknownKeyError: a key the form does not have.
    """
    try:
        refuse_unknown_keys(data, {"schema", "id", "title", "notes", "rules"}, "rules")
        check_schema(data, SCHEMA, FrameworkError)
        rules: dict[str, Mapping[str, Any]] = {}
        for i, entry in enumerate(data.get("rules", ())):
            where = f"rules[{i + 1}]"
            name = entry.get("id") if isinstance(entry, Mapping) and "id" in entry else None
            key = name or need(entry, "key", where)
            if key in rules:
                raise FrameworkError(
                    "the id is used twice", zh="此 id 用了两次", field=where, value=key
                )
            rules[key] = {k: v for k, v in entry.items() if k != "id"}
        return rules
    except JixiaoError as error:
        raise error.located(source=source) from None


@cache
def rule_library(id: str) -> Mapping[str, Mapping[str, Any]]:
    """The shipped rule library *id* (``"department"`` or ``"project"``), read once."""
    return library_from_dict(read_package_toml(_PACKAGE_DATA, id, "rule library"), f"{id}.toml")
