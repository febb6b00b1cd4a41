"""A department's inputs for one year, and their file form (``schema = "jixiao.department/1"``).

A department's inputs can live in a file (TOML or JSON), read by
:func:`load_department`:

.. code-block:: toml

    schema = "jixiao.department/1"
    name = "深圳市罗湖区政务服务数据管理局（本级）"
    year = 2023
    framework = "shenzhen-luohu-2023"
    unit = "万元"

    [inputs.non_establishment_staff]
    established = 11
    non_establishment = 60

    [overrides.non_establishment_staff]
    points = "1"
    reason = "编外人员未超过区编办批复的控制数，不作扣分处理"

``framework`` names a shipped framework by id, a family of them (the version
whose period holds the year is chosen), or a framework file beside this one.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from jixiao._format import jsonable
from jixiao._toml import check_schema, read_data_file, refuse_unknown_keys
from jixiao.department.catalog import framework_for, load_framework
from jixiao.department.evaluation import Evaluation, evaluate
from jixiao.department.framework import Framework
from jixiao.errors import InputError, JixiaoError
from jixiao.quantities import CONTEXT, Amount, Ratio, Unit, to_decimal, to_year
from jixiao.score import Override

__all__ = ["SCHEMA", "Department", "department_from_dict", "load_department"]

SCHEMA = "jixiao.department/1"


@attrs.frozen
class Department:
    """A department's inputs for one year, as read from its file.

    Attributes:
        name: the department's name.
        year: the year evaluated.
        framework: the framework's id, or the path of a framework file.
        unit: the money unit of the amounts in ``inputs``.
        inputs: per indicator key, the rule function's keyword inputs.
        overrides: per indicator key, a documented change of points.
        source: the file it was read from.
    """

    name: str
    year: int
    framework: str
    unit: Unit
    inputs: Mapping[str, Mapping[str, Any]]
    overrides: Mapping[str, Override] = attrs.field(factory=dict)
    source: str | None = None
    notes: tuple[str, ...] = ()

    def resolve_framework(self) -> Framework:
        """The framework object: a shipped id, the version of a shipped family
        that applies to the department's year, or a file path relative to the
        input file."""
        if self.framework.endswith((".toml", ".json")):
            base = Path(self.source).parent if self.source else Path()
            return load_framework(str(base / self.framework))
        return framework_for(self.framework, self.year)

    def evaluate(
        self, *, interpretations: Mapping[str, str] | None = None, trace: bool = False
    ) -> Evaluation:
        """Evaluate the department on its framework (the year checked against
        its period), under the *interpretations* chosen (default readings
        otherwise)."""
        try:
            return evaluate(
                self.resolve_framework(),
                self.inputs,
                self.overrides,
                department=self,
                interpretations=interpretations,
                trace=trace,
            )
        except JixiaoError as error:
            raise error.located(source=self.source) from None

    def to_dict(self) -> dict[str, Any]:
        """The file form; :func:`department_from_dict` reads it back equal."""
        return {
            "schema": SCHEMA,
            "name": self.name,
            "year": self.year,
            "framework": self.framework,
            "unit": self.unit.value,
            "notes": list(self.notes),
            "inputs": {k: jsonable(_in_unit(v, self.unit)) for k, v in self.inputs.items()},
            "overrides": {
                k: {"points": str(o.points), "reason": o.reason} for k, o in self.overrides.items()
            },
        }


def _in_unit(value: object, unit: Unit) -> object:
    """Inputs with every :class:`Amount` written as a plain number in the file's unit."""
    if isinstance(value, Amount):
        return CONTEXT.divide(value.in_yuan, unit.factor)
    if isinstance(value, Mapping):
        return {k: _in_unit(v, unit) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_in_unit(v, unit) for v in value]
    if attrs.has(type(value)) and not isinstance(value, Ratio):
        return _in_unit(attrs.asdict(value, recurse=False), unit)  # type: ignore[arg-type]
    return value


def department_from_dict(data: Mapping[str, Any], source: str | None = None) -> Department:
    """Build a :class:`Department` from its file form, checking every key."""
    allowed = {"schema", "name", "year", "framework", "unit", "inputs", "overrides", "notes"}
    try:
        refuse_unknown_keys(data, allowed, "department")
        check_schema(data, SCHEMA, InputError)
        for key in ("name", "year", "framework", "unit", "inputs"):
            if key not in data:
                raise InputError("missing", zh="缺少此项", field=key)
        for key, kind in (("name", str), ("framework", str), ("unit", str)):
            if not isinstance(data[key], kind):
                raise InputError("expected text", zh="应为文本", field=key, value=data[key])
        to_year(data["year"], "year")  # four digits, before any use (an int of 5,000 digits)
        given = data.get("overrides", {})
        if not isinstance(given, Mapping):
            raise InputError(
                "expected one table per overridden indicator",
                zh="应为每个不作扣分处理的指标各一个键值表",
                field="overrides",
                value=given,
            )
        overrides: dict[str, Override] = {}
        for key, entry in given.items():
            where = f"overrides.{key}"
            if (
                not isinstance(entry, Mapping)
                or set(entry) - {"points", "reason"}
                or "points" not in entry
            ):
                raise InputError(
                    "an override is a table of points and reason",
                    zh="不作扣分处理应为含 points 和 reason 的键值表",
                    field=where,
                    value=entry,
                )
            reason = entry.get("reason", "")
            if not isinstance(reason, str) or not reason.strip():
                raise InputError(
                    "an override needs its reason",
                    zh="不作扣分处理须写明理由",
                    field=f"{where}.reason",
                    value=reason,
                )
            overrides[key] = Override(to_decimal(entry["points"], f"{where}.points"), reason)
        notes = data.get("notes", [])
        if not isinstance(notes, list | tuple) or not all(isinstance(n, str) for n in notes):
            raise InputError(
                "expected notes as a list of texts",
                zh="notes 应为文本列表",
                field="notes",
                value=notes,
            )
        inputs = data["inputs"]
        if not isinstance(inputs, Mapping) or not all(
            isinstance(v, Mapping) for v in inputs.values()
        ):
            raise InputError(
                "expected one table of inputs per indicator",
                zh="应为每个指标各一个输入键值表",
                field="inputs",
            )
        return Department(
            name=data["name"],
            year=data["year"],
            framework=data["framework"],
            unit=Unit.parse(data["unit"]),
            inputs=inputs,
            overrides=overrides,
            source=source,
            notes=tuple(notes),
        )
    except JixiaoError as error:
        raise error.located(source=source) from None


def load_department(path: str | Path) -> Department:
    """Read a department input file (``.toml`` or ``.json``)."""
    return department_from_dict(read_data_file(path), str(path))
