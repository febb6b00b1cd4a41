"""The file form of rules, both ways (private).

Frameworks (``jixiao.framework/1``), templates (``jixiao.template/1``) and
the rule libraries (``jixiao.rules/1``) write their rules in this one form;
their readers call :func:`indicator_from_dict`. A rule's parts (inputs,
measures, components, conditions, examples) are read by
:mod:`jixiao.spec._file_parts`, its interpretations by
:mod:`jixiao.spec._interpretation_file`. See ``docs/schema.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jixiao._toml import refuse_unknown_keys
from jixiao.errors import FrameworkError, JixiaoError, UnknownKeyError
from jixiao.intervals import Interval
from jixiao.quantities import to_decimal
from jixiao.spec._file_parts import (
    component_from_dict,
    component_to_dict,
    condition_from_dict,
    condition_to_dict,
    example_from_dict,
    input_from_dict,
    input_to_dict,
    items,
    measure_from_dict,
    measure_to_dict,
    need,
    number_text,
)
from jixiao.spec._interpretation_file import interpretation_from_dict, interpretation_to_dict
from jixiao.spec.measures import ScheduleMeasure
from jixiao.spec.rules import Indicator
from jixiao.spec.rulesets import (
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


# ---------------------------------------------------------------- periods and grades


def period_from_dict(data: object, where: str = "period") -> Period:
    """A :class:`~jixiao.spec.Period` from ``{ first = 2023, last = 2023 }``."""
    if not isinstance(data, Mapping):
        raise FrameworkError(
            "expected a table { first, last }",
            zh="应为键值表 { first, last }",
            field=where,
            value=data,
        )
    refuse_unknown_keys(data, {"first", "last"}, where)
    return Period(need(data, "first", where), data.get("last"))


def grades_from_dict(data: object, where: str = "grades") -> Grades:
    """:class:`~jixiao.spec.Grades` from ``{ text, bands = [{ grade, interval }, …] }``."""
    if not isinstance(data, Mapping):
        raise FrameworkError(
            "expected a table { text, bands }",
            zh="应为键值表 { text, bands }",
            field=where,
            value=data,
        )
    refuse_unknown_keys(data, {"text", "bands"}, where)
    bands = []
    for i, band in enumerate(need(data, "bands", where)):
        spot = f"{where}.bands[{i + 1}]"
        if not isinstance(band, Mapping):
            raise FrameworkError(
                "expected a table { grade, interval }",
                zh="应为键值表 { grade, interval }",
                field=spot,
                value=band,
            )
        refuse_unknown_keys(band, {"grade", "interval"}, spot)
        try:
            grade = Grade(need(band, "grade", spot))
        except ValueError:
            raise FrameworkError(
                "a grade is 优, 良, 中 or 差",
                zh="等级为 优、良、中 或 差",
                field=spot,
                value=band.get("grade"),
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
                zh=f"没有此名称的评分函数；已有：{known}",
                field=f"{where}.function",
                value=function,
            )
        declared = entry
    inputs = tuple(
        input_from_dict(i, f"{where}.inputs[{n + 1}]")
        for n, i in enumerate(items(declared, "inputs", where))
    )
    measures = tuple(
        measure_from_dict(m, f"{where}.measures[{n + 1}]", schedules)
        for n, m in enumerate(items(declared, "measures", where))
    )
    interpretations: list[Interpretation] = []
    notes = list(items(data, "notes", where))
    for n, entry in enumerate(items(data, "interpretations", where)):
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
                for j, c in enumerate(items(data, "components", where))
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
                example_from_dict(e, f"{where}.examples[{j + 1}]")
                for j, e in enumerate(items(data, "examples", where))
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
        inputs = tuple(input_from_dict(i, where) for i in items(entry, "inputs", where))
        measures = tuple(
            measure_from_dict(m, where, schedules) for m in items(entry, "measures", where)
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
