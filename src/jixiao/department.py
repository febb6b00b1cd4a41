"""Department evaluation (部门整体支出绩效评价): a department's year on a framework.

:func:`evaluate` scores every level-3 indicator of a framework from a
department's inputs, applies the recorded overrides, and returns an
:class:`Evaluation` with the total, the grade, the subtotal of every group and
every :class:`~jixiao.Score`.

A department's inputs can live in a file (``schema = "jixiao.department/1"``,
TOML or JSON), read by :func:`load_department`:

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
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

import attrs

from jixiao._plan import Result, run_plan
from jixiao._toml import check_schema, read_data_file, refuse_unknown_keys
from jixiao.errors import FrameworkError, InputError, JixiaoError, UnknownKeyError
from jixiao.framework import Framework, framework, load_framework
from jixiao.primitives import Interval
from jixiao.quantities import CONTEXT, ZERO, Amount, Ratio, Unit, to_decimal
from jixiao.rules._registry import complete_inputs
from jixiao.score import Override, Score

__all__ = ["Department", "Evaluation", "Grade", "evaluate", "grade", "load_department"]

SCHEMA = "jixiao.department/1"


class Grade(enum.Enum):
    """The four grades: 优 (excellent), 良 (good), 中 (fair), 差 (poor)."""

    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"

    @property
    def label_en(self) -> str:
        """The English name of the grade."""
        return self.name.lower()


GRADE_BANDS: tuple[tuple[Interval, Grade], ...] = (
    (Interval.parse("[90, ∞)"), Grade.EXCELLENT),
    (Interval.parse("[80, 90)"), Grade.GOOD),
    (Interval.parse("[60, 80)"), Grade.FAIR),
    (Interval.parse("[0, 60)"), Grade.POOR),
)
"""90（含）-100 优, 80（含）-90 良, 60（含）-80 中, below 60 差: lower edges included."""


def _floors() -> tuple[tuple[Decimal, Grade], ...]:
    """Each grade's floor, highest first: the bands run down from 90 and
    each includes its lower edge, so the first floor a total reaches is its grade."""
    floors = []
    for interval, result in GRADE_BANDS:
        if interval.lower is None or not interval.lower_closed:
            raise FrameworkError("a grade band must include its lower edge", value=str(interval))
        floors.append((interval.lower, result))
    return tuple(floors)


_GRADE_FLOORS = _floors()


def grade(total: Decimal) -> Grade:
    """The grade of a total: lower edges included.

    >>> grade(Decimal("97.11")).value, grade(Decimal("90")).value, grade(Decimal("89.99")).value
    ('优', '优', '良')
    """
    for lowest, result in _GRADE_FLOORS:
        if total >= lowest:
            return result
    raise InputError("a total must not be negative", field="total", value=total)


@attrs.frozen(repr=False)
class Evaluation:
    """A department's evaluation: every score, the subtotals, total and grade.

    Build one with :func:`evaluate`. The :class:`~jixiao.Score` objects and the
    subtotals are built from what the evaluation kept when first asked for, so
    scoring alone (a sweep, a what-if loop) does not pay for them.

    Attributes:
        framework: the framework evaluated on.
        total: the sum of the final points.
        grade: the grade of the total.
        department: the department's inputs, when evaluated from them.
    """

    framework: Framework
    total: Decimal
    grade: Grade
    department: Department | None = None
    _results: tuple[Result, ...] = attrs.field(default=(), alias="results", repr=False)

    @cached_property
    def scores(self) -> tuple[Score, ...]:
        """One :class:`~jixiao.Score` per level-3 indicator, in order."""
        return tuple(
            Score(
                indicator,
                points,
                rule_points,
                raw,
                complete_inputs(indicator.function, inputs),
                measures,
                how,
                override,
            )
            for indicator, points, rule_points, raw, inputs, measures, how, override in (
                self._results
            )
        )

    @cached_property
    def subtotals(self) -> Mapping[str, Decimal]:
        """Points by group key (level 1 and level 2)."""
        points = [result[1] for result in self._results]
        return {
            key: sum([points[i] for i in below], ZERO) for key, below in self.framework.plan.groups
        }

    def score(self, key: str) -> Score:
        """The score of the indicator *key*."""
        for score in self.scores:
            if score.key == key:
                return score
        raise UnknownKeyError("no indicator of this key in the evaluation", value=key)

    @property
    def overridden(self) -> tuple[Score, ...]:
        """The scores whose points were changed by an override."""
        return tuple(s for s in self.scores if s.override is not None)

    def to_dict(self) -> dict[str, Any]:
        """The evaluation as JSON-ready data (``format = "jixiao.evaluation/1"``)."""
        from jixiao.explain import evaluation_trace

        return evaluation_trace(self)

    def explain(self, lang: str = "both") -> str:
        """The evaluation as a readable table with every explanation."""
        from jixiao.explain import explain_evaluation

        return explain_evaluation(self, lang)

    def _repr_html_(self) -> str:
        from jixiao.explain import evaluation_html

        return evaluation_html(self)

    def __repr__(self) -> str:
        return f"<Evaluation {self.framework.id} total={self.total} grade={self.grade.value}>"


def evaluate(
    fw: Framework,
    inputs: Mapping[str, Mapping[str, object]],
    overrides: Mapping[str, Override] | None = None,
    *,
    department: Department | None = None,
) -> Evaluation:
    """Score every indicator of *fw* and total them.

    This is the plain path: each indicator's measure function and its compiled
    rule, in one decimal context (:data:`~jixiao.quantities.CONTEXT`), keeping
    only the numbers; the scores are built when first asked for.

    Args:
        fw: the framework.
        inputs: for each indicator key, the keyword inputs of its rule function.
        overrides: for some indicator keys, an :class:`~jixiao.Override`.

    Raises:
        InputError: an indicator has no inputs, or an input is unusable.
        UnknownKeyError: inputs or overrides name an indicator the framework lacks.
    """
    overrides = overrides or {}
    plan = fw.plan
    for where, named in (("inputs", inputs), ("overrides", overrides)):
        if not plan.keys.issuperset(named):
            unknown = sorted(set(named) - plan.keys)
            raise UnknownKeyError(
                f"framework {fw.id!r} has no indicator {', '.join(unknown)}", field=where
            )
    total, results = run_plan(plan, inputs, overrides)
    return Evaluation(fw, total, grade(total), department, results=results)


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
        """The framework object: a shipped id, or a file path relative to the input file."""
        if self.framework.endswith((".toml", ".json")):
            base = Path(self.source).parent if self.source else Path()
            return load_framework(str(base / self.framework))
        return framework(self.framework)

    def evaluate(self) -> Evaluation:
        """Evaluate the department on its framework."""
        try:
            return evaluate(self.resolve_framework(), self.inputs, self.overrides, department=self)
        except JixiaoError as error:
            raise error.located(source=self.source) from None

    def to_dict(self) -> dict[str, Any]:
        """The file form; :func:`department_from_dict` reads it back equal."""
        from jixiao.explain import jsonable

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
                raise InputError("missing", field=key)
        for key, kind in (("name", str), ("framework", str), ("unit", str)):
            if not isinstance(data[key], kind):
                raise InputError("expected text", field=key, value=data[key])
        if isinstance(data["year"], bool) or not isinstance(data["year"], int):
            raise InputError(
                "expected the year as a whole number", field="year", value=data["year"]
            )
        given = data.get("overrides", {})
        if not isinstance(given, Mapping):
            raise InputError(
                "expected one table per overridden indicator", field="overrides", value=given
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
                    "an override is a table of points and reason", field=where, value=entry
                )
            reason = entry.get("reason", "")
            if not isinstance(reason, str) or not reason.strip():
                raise InputError(
                    "an override needs its reason", field=f"{where}.reason", value=reason
                )
            overrides[key] = Override(to_decimal(entry["points"], f"{where}.points"), reason)
        inputs = data["inputs"]
        if not isinstance(inputs, Mapping) or not all(
            isinstance(v, Mapping) for v in inputs.values()
        ):
            raise InputError("expected one table of inputs per indicator", field="inputs")
        return Department(
            name=data["name"],
            year=data["year"],
            framework=data["framework"],
            unit=Unit.parse(data["unit"]),
            inputs=inputs,
            overrides=overrides,
            source=source,
            notes=tuple(data.get("notes", ())),
        )
    except JixiaoError as error:
        raise error.located(source=source) from None


def load_department(path: str | Path) -> Department:
    """Read a department input file (``.toml`` or ``.json``)."""
    return department_from_dict(read_data_file(path), str(path))
