"""The file form of a project table (``schema = "jixiao.project/1"``), TOML or JSON.

Every cell is a string exactly as printed; see ``docs/schema.md``. Reading
checks every key: an unknown key is an error naming the table and the path,
never silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from jixiao._safe_write import write_file
from jixiao._toml import (
    check_schema,
    dumps_json,
    dumps_toml,
    read_data_file,
    refuse_unknown_keys,
)
from jixiao.errors import InputError, JixiaoError
from jixiao.project.model import (
    Funds,
    FundsRow,
    Goal,
    Level1,
    Level2,
    ProjectInfo,
    ProjectTable,
    Row,
    Total,
)
from jixiao.quantities import Unit, to_year

__all__ = ["SCHEMA", "dumps_table", "load_table", "save_table", "table_from_dict", "table_to_dict"]

SCHEMA = "jixiao.project/1"


def _fields(cls: type) -> set[str]:
    return {f.name for f in attrs.fields(cls)}


def _check(data: object, allowed: set[str], where: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise InputError("expected a table", zh="应为键值表", field=where, value=data)
    refuse_unknown_keys(data, allowed, where)
    return data


def _text(data: Mapping[str, Any], key: str, where: str, default: str = "") -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise InputError(
            "expected the cell's text as printed (a string)",
            zh="应为单元格印出的文本（字符串）",
            field=f"{where}.{key}",
            value=value,
        )
    return value


def _strings(data: Mapping[str, Any], cls: type, where: str) -> dict[str, str]:
    checked = _check(data, _fields(cls), where)
    return {k: _text(checked, k, where) for k in checked}


def _row(data: object, where: str) -> Row:
    checked = _check(data, _fields(Row), where)
    if "name" not in checked:
        raise InputError("missing", zh="缺少此项", field=f"{where}.name")
    values: dict[str, Any] = {k: _text(checked, k, where) for k in checked if k != "tier"}
    if "tier" in checked:
        tier = checked["tier"]
        if tier not in ("achieved", "partly", "not"):
            raise InputError(
                "expected achieved, partly or not",
                zh="应为 achieved、partly 或 not",
                field=f"{where}.tier",
                value=tier,
            )
        values["tier"] = tier
    return Row(**values)


MAX_ITEMS = 1_000
"""The most level-1 groups, level-2 groups or rows one list of a table file
may hold (published tables have a few dozen rows): a larger file is refused
at once rather than scored for minutes."""


def _list(data: Mapping[str, Any], key: str, where: str) -> list[Any]:
    """The list under *key* (empty if absent); JSON's null, a number or text is
    refused, and so is a list of more than :data:`MAX_ITEMS`."""
    value = data.get(key, [])
    field = f"{where}.{key}" if where else key
    if not isinstance(value, list):
        raise InputError("expected a list", zh="应为列表", field=field, value=value)
    if len(value) > MAX_ITEMS:
        raise InputError(
            f"more than {MAX_ITEMS:,} entries: no published table has so many",
            zh=f"超过 {MAX_ITEMS:,} 项：没有哪张公开的表有这么多",
            field=field,
            value=f"{len(value):,} entries",
        )
    return value


def _level1(data: object, where: str) -> Level1:
    checked = _check(data, {"name", "weight", "level2"}, where)
    groups = []
    for j, group in enumerate(_list(checked, "level2", where)):
        gwhere = f"{where}.level2[{j + 1}]"
        gchecked = _check(group, {"name", "weight", "indicators"}, gwhere)
        rows = tuple(
            _row(r, f"{gwhere}.indicators[{k + 1}]")
            for k, r in enumerate(_list(gchecked, "indicators", gwhere))
        )
        weight = _text(gchecked, "weight", gwhere)
        groups.append(Level2(_text(gchecked, "name", gwhere), rows, weight))
    return Level1(_text(checked, "name", where), _text(checked, "weight", where), tuple(groups))


def _funds(data: object) -> Funds:
    rows = {"total", "current_appropriation", "carry_over", "other"}
    flags = ("rate_percent", "rate_on_initial_budget")
    checked = _check(data, rows | {"unit", "weight", "rate", "points", *flags}, "funds")
    if "total" not in checked:
        raise InputError("missing", zh="缺少此项", field="funds.total")
    values: dict[str, Any] = {
        name: FundsRow(**_strings(checked[name], FundsRow, f"funds.{name}"))
        for name in rows
        if name in checked
    }
    values |= {k: _text(checked, k, "funds") for k in ("weight", "rate", "points") if k in checked}
    values["unit"] = Unit.parse(checked.get("unit", "元"), "funds.unit")
    for flag in (f for f in flags if f in checked):
        if not isinstance(checked[flag], bool):
            raise InputError(
                "expected true or false",
                zh="应为 true 或 false",
                field=f"funds.{flag}",
                value=checked[flag],
            )
        values[flag] = checked[flag]
    return Funds(**values)


def table_from_dict(data: Mapping[str, Any], source: str | None = None) -> ProjectTable:
    """Build a :class:`ProjectTable` from its file form, checking every key.

    Raises:
        InputError: a missing part or a cell that is not text.
        UnknownKeyError: a key the form does not have.
    """
    try:
        top = {"schema", "source", "remarks", "project", "funds", "goal", "level1", "total"}
        checked = _check(data, top | {"template", "withdrawn", "truncated"}, "table")
        check_schema(checked, SCHEMA, InputError)
        for key in ("project", "funds", "level1"):
            if key not in checked:
                raise InputError("missing", zh="缺少此项", field=key)
        info = _check(checked["project"], _fields(ProjectInfo), "project")
        year = info.get("year")
        if year is not None:
            to_year(year, "project.year")
        project = ProjectInfo(
            code=_text(info, "code", "project"),
            name=_text(info, "name", "project"),
            year=year,
            implementing_unit=_text(info, "implementing_unit", "project"),
            budget_unit=_text(info, "budget_unit", "project"),
            competent_department=_text(info, "competent_department", "project"),
        )
        for key in ("template", "withdrawn", "source"):
            if key in checked and not isinstance(checked[key], str):
                raise InputError("expected text", zh="应为文本", field=key, value=checked[key])
        truncated = checked.get("truncated", False)
        if not isinstance(truncated, bool):
            raise InputError(
                "expected true or false",
                zh="应为 true 或 false",
                field="truncated",
                value=truncated,
            )
        remarks = checked.get("remarks", [])
        if not isinstance(remarks, list) or not all(isinstance(r, str) for r in remarks):
            raise InputError("expected a list of texts", zh="应为文本列表", field="remarks")
        return ProjectTable(
            project=project,
            funds=_funds(checked["funds"]),
            level1=tuple(
                _level1(g, f"level1[{i + 1}]") for i, g in enumerate(_list(checked, "level1", ""))
            ),
            total=Total(**_strings(checked.get("total", {}), Total, "total")),
            goal=Goal(**_strings(checked.get("goal", {}), Goal, "goal")),
            template=checked.get("template"),
            withdrawn=checked.get("withdrawn"),
            source=checked.get("source") or source,
            remarks=tuple(remarks),
            truncated=truncated,
        )
    except JixiaoError as error:
        raise error.located(source=source) from None


def table_to_dict(table: ProjectTable) -> dict[str, Any]:
    """The file form of *table*; :func:`table_from_dict` reads it back equal."""

    def row(r: Row) -> dict[str, Any]:
        out: dict[str, Any] = {
            k: getattr(r, k) for k in ("name", "target", "actual", "weight", "points", "note")
        }
        if r.tier is not None:
            out["tier"] = r.tier
        return out

    funds = table.funds
    data: dict[str, Any] = {"schema": SCHEMA}
    if table.source:
        data["source"] = table.source
    data["remarks"] = list(table.remarks)
    if table.template:
        data["template"] = table.template
    if table.withdrawn:
        data["withdrawn"] = table.withdrawn
    if table.truncated:
        data["truncated"] = True
    optional = {"year": None, "competent_department": ""}  # left out when not printed
    data["project"] = {
        k: v
        for k, v in attrs.asdict(table.project).items()
        if k not in optional or v != optional[k]
    }
    data["funds"] = {
        "unit": funds.unit.value,
        "weight": funds.weight,
        "rate": funds.rate,
        "points": funds.points,
        **({} if funds.rate_percent else {"rate_percent": False}),
        **({"rate_on_initial_budget": True} if funds.rate_on_initial_budget else {}),
        "total": attrs.asdict(funds.total),
        "current_appropriation": attrs.asdict(funds.current_appropriation),
        "carry_over": attrs.asdict(funds.carry_over),
        "other": attrs.asdict(funds.other),
    }
    data["goal"] = attrs.asdict(table.goal)
    data["level1"] = [
        {
            "name": top.name,
            "weight": top.weight,
            "level2": [
                {
                    "name": g.name,
                    **({"weight": g.weight} if g.weight else {}),
                    "indicators": [row(r) for r in g.indicators],
                }
                for g in top.level2
            ],
        }
        for top in table.level1
    ]
    data["total"] = {k: v for k, v in attrs.asdict(table.total).items() if k != "grade" or v}
    return data


def load_table(path: str | Path) -> ProjectTable:
    """Read a project table file (``.toml`` or ``.json``, schema ``jixiao.project/1``)."""
    return table_from_dict(read_data_file(path), str(path))


def dumps_table(table: ProjectTable, form: str = "toml") -> str:
    """The table's file form as text: ``"toml"`` or ``"json"``."""
    data = table_to_dict(table)
    if form == "toml":
        return dumps_toml(data)
    if form == "json":
        return dumps_json(data)
    raise InputError(
        "unknown form; expected toml or json",
        zh="未知的形式；应为 toml 或 json",
        field="form",
        value=form,
    )


def save_table(table: ProjectTable, path: str | Path) -> None:
    """Write the table to a ``.toml`` or ``.json`` file; :func:`load_table` reads it back equal.

    The file is written whole or not at all (a temporary file beside it
    replaces it), never through a symbolic link.

    Raises:
        InputError: a suffix other than ``.toml`` or ``.json``.
        WriteError: a link, folder or other non-regular file is in the way,
            the text holds a lone surrogate, or the system refuses.
    """
    file = Path(path)
    form = file.suffix.lower().lstrip(".")
    write_file(file, dumps_table(table, form))
