"""Sphinx extension: the parts of the documentation that are written from data.

At every build (``builder-inited``), before any page is read, this writes
``docs/reference/generated/``:

- ``<framework-id>.md`` for every framework of :func:`jixiao.available_frameworks`:
  the framework's tree (level 1 → level 2 → level 3 headings with weights); for
  each level-3 indicator its names, weight, 指标说明 and 评分标准 quoted as
  published, the formula of each component in plain notation, band tables with
  every edge spelled out, checklist items and tiers with their points, the
  citation, the library's interpretations (marked as such) and every worked
  example of the rule data as a doctest. The expected points of an example are
  the ``points`` written in the data, never computed here: the doctest builder
  then checks the code against the data.
- ``fragments/department-inputs.md``: the inputs of every indicator in a
  department file, read from each indicator's declared inputs (their labels,
  kinds and units are data: an input cannot go undocumented).
- ``fragments/framework-components.md``: the fields of each component kind,
  from :data:`jixiao.primitives.KINDS`.
- ``fragments/cli.md``: the help of the ``jixiao`` command and each
  subcommand, from :func:`jixiao.cli.build_parser`.
- ``fragments/interpretations.md``: every interpretation (a switch with its
  alternatives) and every note of every framework.
- ``fragments/api-exports.md``: the names ``jixiao`` re-exports and where
  they are documented;
- the project self-evaluation parts (a page per template of
  :func:`jixiao.project.available_templates`, the finding codes of the audit,
  the direction words of :mod:`jixiao.targets` …), written by
  ``jixiao_project_reference.py``, which also provides the directive
  ``jixiao-template-text`` (official wording quoted from a template's data).

Files under ``fragments/`` are pulled into hand-written pages with MyST's
``{include}`` and are excluded from the build as documents of their own.

It also checks, and reports as warnings (errors under ``-W``): every declared
input has a Chinese and an English label; every rule function an indicator
names is registered; its examples use only its declared inputs; every key of
the file forms ``jixiao.framework/1`` and ``jixiao.department/1`` is named in
``schema.md``; and, through ``jixiao_project_reference.check_project``, every
finding code of the audit has a meaning and every key of ``jixiao.project/1``
and ``jixiao.template/1`` is named in its section of ``schema.md``.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import json
import re
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import attrs
import jixiao_project_reference as project_reference  # same folder, on sys.path
from sphinx.application import Sphinx
from sphinx.util import logging

import jixiao
import jixiao.rules
from jixiao.cli import build_parser
from jixiao.explain import number
from jixiao.framework import Framework, Group, Indicator, available_frameworks, framework
from jixiao.primitives import (
    KINDS,
    Bands,
    Checklist,
    Component,
    Deduction,
    Excess,
    Interval,
    Judged,
    Proportional,
    Tiers,
)
from jixiao.rules import RULES
from jixiao.spec import Input, InputKind

logger = logging.getLogger(__name__)

GENERATED = Path("reference") / "generated"
FRAGMENTS = GENERATED / "fragments"
CENT = Decimal("0.01")

STATUS = {
    "transcribed": "transcribed, not reviewed by the issuing office"
    "（据公开文本转录，未经发文机关审核）",
    "official": "official, confirmed by the issuing office（经发文机关确认）",
}

# ------------------------------------------------------------------ Markdown helpers

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>|#~$!])")


def md(text: str) -> str:
    """Text safe to place in Markdown: every character Markdown could read as
    markup is backslash-escaped (CommonMark allows it for all ASCII punctuation)."""
    return escape(text.strip())


def escape(text: str) -> str:
    """Backslash-escape Markdown's special characters, keeping spaces."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def cell(text: str) -> str:
    """Text for a table cell (no line breaks)."""
    return md(" ".join(text.split()))


def docstring_cell(text: str) -> str:
    """Docstring text for a table cell: reST ````literals```` become code spans."""
    pieces = re.split(r"``(.+?)``", " ".join(text.split()))
    return "".join(code(p) if i % 2 else escape(p) for i, p in enumerate(pieces))


def verbatim_line(text: str) -> str:
    """A line of official wording, escaped so that nothing in it becomes markup,
    including a leading "1." or "-" (which Markdown would turn into a list)."""
    escaped = md(text)
    escaped = re.sub(r"^(\d+)([.)])", r"\1\\\2", escaped)
    return re.sub(r"^([-+=])", r"\\\1", escaped)


def quote(text: str) -> str:
    """A block quote of official wording, line breaks kept."""
    return "\n".join(
        f"> {verbatim_line(line)}" if line.strip() else ">" for line in text.splitlines()
    )


def code(text: str) -> str:
    """Inline code, choosing a fence that the text does not contain."""
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}"


def pts(value: Decimal) -> str:
    """Points as published (no trailing zeros)."""
    return number(value)


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A Markdown table; a ``|`` inside a cell (code spans included) is escaped."""

    def pipe(text: str) -> str:
        return re.sub(r"(?<!\\)\|", r"\\|", text)

    head = list(header)
    lines = [
        "| " + " | ".join(pipe(h) for h in head) + " |",
        "|" + "|".join("---" for _ in head) + "|",
    ]
    lines += ["| " + " | ".join(pipe(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def fields(rows: Iterable[tuple[str, str]]) -> str:
    """A field list (name: value), rendered as a two-column block."""
    return "\n".join(f":{name}: {value}" for name, value in rows)


def label(*parts: str) -> str:
    """A cross-reference label (MyST target)."""
    return "-".join(re.sub(r"[^0-9a-z]+", "-", p.lower()).strip("-") for p in parts)


# ------------------------------------------------------------------ Python literals


def literal(value: Any) -> str:
    """A Python literal for an example input as read from TOML."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return f'Decimal("{value}")'
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as a literal")


def literal_lines(value: Any, width: int = 72) -> list[str]:
    """The literal on one line when it fits, else one element per line (nested
    containers likewise), indented by four spaces per level."""

    def render(item: Any, indent: int) -> list[str]:
        # first line unindented (it follows a key or an opening bracket);
        # the lines after it carry their own indentation
        flat = literal(item)
        if len(flat) + indent <= width or not isinstance(item, (Mapping, list, tuple)):
            return [flat]
        if isinstance(item, Mapping):
            opening, closing = "{", "}"
            entries = [(f"{literal(k)}: ", v) for k, v in item.items()]
        else:
            opening, closing = "[", "]"
            entries = [("", v) for v in item]
        lines = [opening]
        for prefix, entry in entries:
            inner = render(entry, indent + 4)
            inner[0] = " " * (indent + 4) + prefix + inner[0]
            inner[-1] += ","
            lines += inner
        lines.append(" " * indent + closing)
        return lines

    return render(value, 0)


def uses_decimal(value: Any) -> bool:
    if isinstance(value, Decimal):
        return True
    if isinstance(value, Mapping):
        return any(uses_decimal(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(uses_decimal(v) for v in value)
    return False


# ------------------------------------------------------------------ inputs


def rule_path(key: str) -> str:
    """The public dotted name of a registered rule function."""
    function = RULES[key]
    if getattr(jixiao.rules, function.__name__, None) is function:
        return f"jixiao.rules.{function.__name__}"
    return f"{function.__module__}.{function.__qualname__}"


def component_for(indicator: Indicator, name: str) -> Component | None:
    for component in indicator.components:
        if component.measure == name:
            return component
    return None


KIND_FORMS = {
    "amount": 'an amount, as text (`"157.46"`) or a whole number, in the file\'s `unit`',
    "count": "a whole number ≥ 0",
    "ratio": 'a ratio as text with a percent sign, `"84.51%"`',
    "number": 'a number, as text (`"17.76"`)',
    "date": "a date",
    "flag": "`true` or `false`",
    "choice": "one of the rule's keys",
    "verdicts": "`true` (all met) or a list of verdicts, one per item",
    "points": "`true` (full), `false` (0) or the points given, as text",
}


def input_form(indicator: Indicator, item: Input) -> str:
    """What to write for one input: from its kind, and the component that reads it."""
    component = component_for(indicator, item.name)
    if item.kind is InputKind.RECORDS:
        keys = ", ".join(f"{f.name} = …" for f in item.fields)
        return (
            f"a list of {item.length} tables, `{{ {keys} }}`, amounts as text, in the file's `unit`"
        )
    if item.length is not None:
        return f'a list of {item.length} ratios as text with a percent sign, `["20.59%", …]`'
    if isinstance(component, Checklist):
        n = len(component.items)
        return (
            f"`true` (all {n} items met) or a list of {n} verdicts, one per item: "
            '`true` (met), `false` (not met) or the points given, as text (`"0.5"`)'
        )
    if isinstance(component, Tiers):
        keys = ", ".join(code(json.dumps(t.key, ensure_ascii=False)) for t in component.tiers)
        return f"one of {keys}"
    if isinstance(component, Judged):
        return (
            f"`true` (full {pts(component.points)}), `false` (0) or the points given, "
            f"as text, at most {pts(component.points)}"
        )
    for name, condition, effect in (
        ("veto", indicator.veto, "sets {scope} to 0"),
        ("exemption", indicator.exemption, "gives the full weight"),
    ):
        if condition is not None and condition.measure == item.name and condition.when is None:
            scope = "the indicator" if not condition.scope else code(condition.scope)
            return f"`true` or `false`; `true` {effect.format(scope=scope)} ({name})"
    form = KIND_FORMS[item.kind.value]
    if item.signed:
        form += ", may be below 0"
    return form


def input_description(item: Input) -> str:
    """The meaning of one input, from its declaration."""
    text = f"{item.label}: {item.label_en}" if item.label else item.label_en
    if item.unit:
        text += f" ({item.unit})"
    if item.description:
        text += f"; {item.description}"
    for constraint in item.constraints:
        if constraint.kind == "not-falling":
            what = f"{code(constraint.field)} " if constraint.field else ""
            text += f"; {what}never falls from one element to the next"
        else:
            text += f"; at most {code(constraint.other or constraint.limit)}"
        if constraint.severity == "warning":
            text += " (else a warning)"
        text += f": {constraint.text()}"
    return text


# ------------------------------------------------------------------ components


def edges(interval: Interval) -> str:
    """Each edge of an interval, said in words, Chinese and English."""
    low = None if interval.lower is None else str(interval).split(",")[0][1:]
    high = None if interval.upper is None else str(interval).split(",")[1].strip()[:-1]
    if low is None and high is None:
        return "无界 unbounded"
    if low is not None and high is not None and interval.lower_closed and interval.upper_closed:
        return f"两端均含（{low}、{high}）; both edges included ({low} and {high})"
    if (
        low is not None
        and high is not None
        and not interval.lower_closed
        and not interval.upper_closed
    ):
        return f"两端均不含（{low}、{high}）; both edges excluded ({low} and {high})"
    zh: list[str] = []
    en: list[str] = []
    if low is not None:
        zh.append(f"{'含' if interval.lower_closed else '不含'}下界 {low}")
        en.append(f"lower edge {low} {'included' if interval.lower_closed else 'excluded'}")
    else:
        zh.append("无下界")
        en.append("no lower edge")
    if high is not None:
        zh.append(f"{'含' if interval.upper_closed else '不含'}上界 {high}")
        en.append(f"upper edge {high} {'included' if interval.upper_closed else 'excluded'}")
    else:
        zh.append("无上界")
        en.append("no upper edge")
    return f"{'，'.join(zh)}; {', '.join(en)}"


def fraction_and_percent(value: Decimal) -> str:
    return f"{number(value)} (= {number(value * 100)}%)"


def component_section(component: Component, n: int, total: int) -> list[str]:
    """One component: its wording, formula in plain notation, and its table."""
    x = component.measure
    out: list[str] = []
    head = f"**{n}.** " if total > 1 else ""
    kind = (
        f"{code(component.kind)} · 读取 reads {code(x)} · 至多 at most {pts(component.points)} 分"
    )
    text = md(component.text) if component.text else ""
    if text and not component.official:
        text += "（jixiao 的表述，非原文 · the library's phrasing, not the official text）"
    text_en = f" — *{md(component.text_en)}*" if component.text_en else ""
    if text or text_en:
        out.append(f"{head}{text}{text_en}  ")
        out.append(kind)
    else:
        out.append(f"{head}{kind}")
    out.append("")
    if isinstance(component, Bands):
        out.append(f"公式 Formula: `points = band points of {x}` (分档计分)")
        out.append("")
        rows = [
            [
                code(str(band.interval)),
                code(band.interval.inequality(x)),
                cell(edges(band.interval)),
                pts(band.points),
                cell(band.text),
            ]
            for band in component.bands
        ]
        out.append(
            table(
                [
                    "区间 Interval",
                    "条件 Condition",
                    "边界 Edges",
                    "得分 Points",
                    "原文 Official clause",
                ],
                rows,
            )
        )
    elif isinstance(component, Proportional):
        formula = (
            f"points = min(max({x} × {number(component.multiplier)}, 0), {pts(component.points)})"
            if component.capped
            else f"points = max({x} × {number(component.multiplier)}, 0) (not capped)"
        )
        out.append(f"公式 Formula: {code(formula)}")
        if component.zero_when is not None:
            zero = component.zero_when
            out.append("")
            out.append(
                f"得 0 分 Zero when {code(x + ' ∈ ' + str(zero))}, i.e. "
                f"{code(zero.inequality(x))} ({cell(edges(zero))})"
            )
    elif isinstance(component, Deduction):
        formula = f"points = max({pts(component.points)} − {number(component.per_item)} × {x}, 0)"
        out.append(f"公式 Formula: {code(formula)} (扣完为止 down to 0)")
        out.append("")
        out.append(f"扣分 Deduction: {number(component.per_item)} 分 per item counted in {code(x)}")
    elif isinstance(component, Excess):
        full = f"points = {pts(component.points)} when {x} ≤ {number(component.threshold)}"
        over = (
            f"points = max({pts(component.points)} − {number(component.per_unit)} × "
            f"({x} − {number(component.threshold)}) ÷ {number(component.unit)}, 0) "
            f"when {x} > {number(component.threshold)}"
        )
        out.append(f"公式 Formula: {code(full)}; {code(over)}")
        out.append("")
        out.append(
            f"Threshold {fraction_and_percent(component.threshold)}, the threshold itself "
            f"included in the full-points range; {number(component.per_unit)} 分 off per "
            f"{fraction_and_percent(component.unit)} of excess, "
            + {
                "pro-rata": "pro rata.",
                "started": "each unit started counting whole.",
                "completed": "whole units only.",
            }[component.steps]
        )
    elif isinstance(component, Checklist):
        out.append(f"公式 Formula: {code(f'points = Σ points earned on each item of {x}')}")
        out.append("")
        rows = [
            [str(i + 1), cell(item.text), cell(item.text_en), pts(item.points)]
            for i, item in enumerate(component.items)
        ]
        out.append(table(["#", "条目（原文）Item", "English", "分值 Points"], rows))
    elif isinstance(component, Judged):
        formula = f"points = evaluator's points, 0 ≤ {x} ≤ {pts(component.points)}"
        out.append(f"公式 Formula: {code(formula)} (酌情 at the evaluator's judgement)")
    elif isinstance(component, Tiers):
        out.append(f"公式 Formula: {code(f'points = points of the tier named by {x}')}")
        out.append("")
        rows = [
            [code(tier.key), cell(tier.text), cell(tier.text_en), pts(tier.points)]
            for tier in component.tiers
        ]
        out.append(table(["键 Key", "原文 Official clause", "English", "得分 Points"], rows))
    else:  # a kind added later: say so rather than guess
        out.append(f"(component kind {code(component.kind)}: see {{py:mod}}`jixiao.primitives`)")
    out.append("")
    return out


# ------------------------------------------------------------------ framework pages


def example_block(
    fw: Framework, indicator: Indicator, inputs: Mapping[str, Any], points: Decimal
) -> list[str]:
    """A worked example as a doctest: expected output from the data, not the code."""
    expected = repr(points.quantize(CENT, rounding=ROUND_HALF_UP))
    lines = ["```{doctest}"]
    if uses_decimal(inputs):
        lines.append(">>> from decimal import Decimal")
    lines += [
        ">>> from jixiao import framework",
        ">>> from jixiao.rules import call_rule",
        f'>>> indicator = framework("{fw.id}").indicator("{indicator.key}")',
    ]
    call = f">>> call_rule(indicator, {literal(inputs)}).points"
    if len(call) <= 88:
        lines.append(call)
    else:
        body = literal_lines(dict(inputs))
        lines.append(f">>> inputs = {body[0]}")
        lines += [f"... {line}" for line in body[1:]]
        lines.append(">>> call_rule(indicator, inputs).points")
    lines.append(expected)
    lines.append("```")
    return lines


def indicator_section(fw: Framework, indicator: Indicator, number_path: str) -> list[str]:
    out = [
        f"({label(fw.id, indicator.key)})=",
        f"#### {number_path} {md(indicator.name)} · {md(indicator.name_en)}（{pts(indicator.weight)} 分）",
        "",
        fields(
            [
                ("指标 Indicator", f"{md(indicator.name)} — *{md(indicator.name_en)}*"),
                ("键 Key", code(indicator.key)),
                ("分值 Weight", f"{pts(indicator.weight)} 分 points"),
                (
                    "输入 Inputs",
                    ", ".join(code(i.name) for i in indicator.inputs)
                    + f" ({{ref}}`input form <{label('inputs', fw.id, indicator.key)}>`)",
                ),
                (
                    "规则函数 Rule function",
                    f"{{py:func}}`{rule_path(indicator.function)}`"
                    if indicator.function
                    else "— (declared in the data; score with {py:func}`jixiao.score_rule`)",
                ),
                ("依据 Citation", cell(str(indicator.citation))),
            ]
        ),
        "",
        "**指标说明 Description** (official wording 原文):",
        "",
        quote(indicator.description) if indicator.description else "> —",
        "",
        "**评分标准 Rule** (official wording 原文):",
        "",
        quote(indicator.rule_text) if indicator.rule_text else "> —",
        "",
        "**计分 How jixiao scores it**",
        "",
    ]
    total = len(indicator.components)
    for i, component in enumerate(indicator.components):
        out += component_section(component, i + 1, total)
    if indicator.veto is not None:
        veto = indicator.veto
        when = f"{veto.measure} ∈ {veto.when}" if veto.when else f"{veto.measure} = true"
        scope = "" if not veto.scope else f" (only {code(veto.scope)})"
        out += [
            f"**否决 Veto** — when {code(when)}: "
            f"{md(veto.text)} — *{md(veto.text_en)}* → 0 分{scope}",
            "",
        ]
    if indicator.exemption is not None:
        out += [
            f"**直接得分 Exemption** — when {code(indicator.exemption.measure + ' = true')}: "
            f"{md(indicator.exemption.text)} — *{md(indicator.exemption.text_en)}* → "
            f"{pts(indicator.weight)} 分",
            "",
        ]
    out += [
        f"各部分相加，以分值 {pts(indicator.weight)} 为限，四舍五入保留两位小数。"
        f"*The parts are added, capped at the weight {pts(indicator.weight)}, and rounded "
        "half-up to 0.01 by {py:func}`jixiao.quantities.round_points`.*",
        "",
    ]
    if indicator.interpretations or indicator.notes:
        out += [
            ":::{admonition} 解释（非官方原文）· Interpretation — not the official text",
            ":class: warning",
            "",
            "What the official text leaves implicit, as jixiao reads it:",
            "",
        ]
        out += interpretation_lines(indicator)
        out += [":::", ""]
    if indicator.examples:
        out += ["**算例 Worked examples** (run as doctests against the rule data):", ""]
        for i, example in enumerate(indicator.examples):
            note = f" — {md(example.note)}" if example.note else ""
            out.append(f"例 {i + 1} Example {i + 1}: {pts(example.points)} 分{note}")
            out.append("")
            out += example_block(fw, indicator, example.inputs, example.points)
            out.append("")
    return out


def interpretation_lines(indicator: Indicator) -> list[str]:
    """The interpretations of one indicator, each with its alternatives, and its notes."""
    out: list[str] = []
    for interpretation in indicator.interpretations:
        name = f"{indicator.key}.{interpretation.key}"
        text = f" {md(interpretation.text)}" if interpretation.text else ""
        out.append(f"- {code(name)}:{text} {md(interpretation.text_en)}")
        for alternative in interpretation.alternatives:
            default = " (default 默认)" if alternative.key == interpretation.default else ""
            words = " ".join(md(t) for t in (alternative.text, alternative.text_en) if t)
            out.append(f"  - {code(alternative.key)}{default}: {words}")
    out += [f"- {md(text)} *(a note, not a switch)*" for text in indicator.notes]
    return out


def framework_page(fw: Framework) -> str:
    status = STATUS.get(fw.citation.status, fw.citation.status)
    out = [
        f"({label('framework', fw.id)})=",
        f"# {md(fw.title)} · {md(fw.jurisdiction)} {fw.year}",
        "",
        f"*{md(fw.title_en)} — {md(fw.jurisdiction_en)}, {fw.year}*",
        "",
        ":::{note}",
        "本页由规则数据在每次构建时生成 (generated from the rule data at every build, by "
        "`docs/_ext/jixiao_reference.py`); edit the framework file, not this page.",
        ":::",
        "",
        fields(
            [
                ("标识 Framework id", code(fw.id)),
                ("辖区 Jurisdiction", f"{md(fw.jurisdiction)} — {md(fw.jurisdiction_en)}"),
                ("年度 Year", str(fw.year)),
                ("适用期间 Period", f"{fw.validity} (family {code(fw.family)})"),
                ("依据 Citation", cell(str(fw.citation))),
                ("发文机关 Issuer", cell(fw.citation.issuer)),
                ("文号 Document number", cell(fw.citation.document_number or "—")),
                ("来源 Source", cell(fw.citation.source or "—")),
                ("状态 Review status", f"{code(fw.citation.status)} — {cell(status)}"),
                ("总分 Total", f"{pts(fw.weight)} 分"),
                ("三级指标 Level-3 indicators", str(len(fw.indicators))),
            ]
        ),
        "",
    ]
    if fw.notes:
        out += ["**附注 Notes** (official wording 原文):", ""]
        out += [quote(note_text) + "\n>" for note_text in fw.notes]
        out[-1] = out[-1].removesuffix("\n>")
        out.append("")
    # overview
    rows: list[list[str]] = []
    for g1 in fw.children:
        for g2 in g1.children:
            assert isinstance(g2, Group)
            for leaf in g2.children:
                assert isinstance(leaf, Indicator)
                rows.append(
                    [
                        f"{md(g1.name)} ({pts(g1.weight)})",
                        f"{md(g2.name)} ({pts(g2.weight)})",
                        f"{{ref}}`{md(leaf.name)} <{label(fw.id, leaf.key)}>`",
                        pts(leaf.weight),
                    ]
                )
    out += [
        "## 指标一览 Overview",
        "",
        table(["一级 Level 1", "二级 Level 2", "三级 Level 3", "分值 Weight"], rows),
        "",
    ]
    for i, g1 in enumerate(fw.children, 1):
        out += [
            f"({label(fw.id, g1.key)})=",
            f"## {i} {md(g1.name)} · {md(g1.name_en)}（{pts(g1.weight)} 分）",
            "",
        ]
        for j, g2 in enumerate(g1.children, 1):
            assert isinstance(g2, Group)
            out += [
                f"({label(fw.id, g2.key)})=",
                f"### {i}.{j} {md(g2.name)} · {md(g2.name_en)}（{pts(g2.weight)} 分）",
                "",
            ]
            for k, leaf in enumerate(g2.children, 1):
                if isinstance(leaf, Indicator):
                    out += indicator_section(fw, leaf, f"{i}.{j}.{k}")
                else:  # a deeper tree than the published form: list it plainly
                    out += [f"- {md(leaf.name)}（{pts(leaf.weight)} 分）", ""]
    return "\n".join(out).rstrip() + "\n"


# ------------------------------------------------------------------ fragments


def department_inputs(frameworks: list[Framework]) -> str:
    out: list[str] = []
    for fw in frameworks:
        out += [
            f"#### {md(fw.title)} · {md(fw.jurisdiction)} {fw.year} ({code(fw.id)})",
            "",
        ]
        for indicator in fw.indicators:
            rows = []
            for item in indicator.inputs:
                if item.required:
                    required = "required 必填"
                elif item.default is None:
                    required = "optional 选填"
                else:
                    required = f"optional 选填, default {code(toml_value(item.default))}"
                rows.append(
                    [
                        code(item.name),
                        code(item.kind.value),
                        required,
                        docstring_cell(input_description(item)),
                        input_form(indicator, item),
                    ]
                )
            function = (
                f"Rule function {{py:func}}`{rule_path(indicator.function)}`; "
                if indicator.function
                else ""
            )
            out += [
                f"({label('inputs', fw.id, indicator.key)})=",
                f"##### {code('[inputs.' + indicator.key + ']')} {md(indicator.name)} · {md(indicator.name_en)}",
                "",
                f"{function}rule: {{ref}}`{md(indicator.name)} <{label(fw.id, indicator.key)}>`.",
                "",
                table(
                    ["键 Key", "种类 Kind", "必填 Required", "含义 Meaning", "写法 In a file"],
                    rows,
                ),
                "",
            ]
            if indicator.examples:
                out += ["```toml", f"[inputs.{indicator.key}]"]
                out += [f"{k} = {toml_value(v)}" for k, v in indicator.examples[0].inputs.items()]
                out += ["```", ""]
    return "\n".join(out).rstrip() + "\n"


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def framework_components() -> str:
    out = []
    for kind, cls in KINDS.items():
        rows = []
        for field in attrs.fields(cls):
            default = (
                "required"
                if field.default is attrs.NOTHING
                else f"default {code(repr(field.default))}"
            )
            rows.append([code(field.name), code(str(field.type)), default])
        doc = " ".join((inspect.getdoc(cls) or "").split())
        out += [
            f'#### `kind = "{kind}"` — {{py:class}}`~{cls.__module__}.{cls.__qualname__}`',
            "",
            md(doc),
            "",
            table(["键 Key", "Type", ""], rows),
            "",
        ]
    return "\n".join(out).rstrip() + "\n"


def cli_reference() -> str:
    parser = build_parser()
    formatter = functools.partial(argparse.HelpFormatter, width=88, max_help_position=32)
    out: list[str] = []

    def render(p: argparse.ArgumentParser, level: int, summary: str | None) -> None:
        p.formatter_class = formatter
        out.append(f"{'#' * level} `{p.prog}`")
        out.append("")
        if summary:
            out.append(md(summary))
            out.append("")
        out.extend(["```text", p.format_help().rstrip(), "```", ""])
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                helps = {a.dest: a.help for a in action._choices_actions}
                for name, sub in action.choices.items():
                    render(sub, level + 1, helps.get(name))

    render(parser, 3, None)
    return "\n".join(out).rstrip() + "\n"


def interpretations(frameworks: list[Framework]) -> str:
    out: list[str] = []
    for fw in frameworks:
        leaves = [i for i in fw.indicators if i.interpretations or i.notes]
        switches = sum(len(i.interpretations) for i in leaves)
        notes = sum(len(i.notes) for i in leaves)
        out += [
            f"## {md(fw.title)} · {md(fw.jurisdiction)} {fw.year} ({code(fw.id)})",
            "",
            f"{switches} interpretation(s) (switches) and {notes} note(s) on {len(leaves)} of "
            f"{len(fw.indicators)} level-3 indicators; status of the official text: "
            f"{md(STATUS.get(fw.citation.status, fw.citation.status))}.",
            "",
        ]
        for indicator in leaves:
            out += [
                f"### {{ref}}`{md(indicator.name)} · {md(indicator.name_en)} <{label(fw.id, indicator.key)}>`",
                "",
                ":::{admonition} 解释（非官方原文）· Interpretation — not the official text",
                ":class: warning",
                "",
            ]
            out += interpretation_lines(indicator)
            out += [":::", ""]
        if not leaves:
            out += ["None.", ""]
    out += project_reference.template_interpretations()
    return "\n".join(out).rstrip() + "\n"


def api_exports() -> str:
    rows = []
    for name in jixiao.__all__:
        obj = getattr(jixiao, name)
        if name == "__version__":
            rows.append([code("jixiao.__version__"), f"the version, {code(obj)}"])
            continue
        target = f"{obj.__module__}.{obj.__qualname__}"
        rows.append([code(f"jixiao.{name}"), f"{{py:obj}}`{target}`"])
    return table(["名称 Name", "文档 Documented as"], rows) + "\n"


# ------------------------------------------------------------------ checks


def check(frameworks: list[Framework], srcdir: Path) -> None:
    for fw in frameworks:
        for indicator in fw.indicators:
            if indicator.function and indicator.function not in RULES:
                logger.warning(
                    "jixiao: %s: indicator %s names no registered rule function %r",
                    fw.id,
                    indicator.key,
                    indicator.function,
                    type="jixiao",
                )
            for item in indicator.inputs:
                if not item.label or not item.label_en:
                    logger.warning(
                        "jixiao: %s: %s input %r lacks its Chinese or English label",
                        fw.id,
                        indicator.key,
                        item.name,
                        type="jixiao",
                    )
            names = {i.name for i in indicator.inputs}
            for n, example in enumerate(indicator.examples, 1):
                extra = sorted(set(example.inputs) - names)
                if extra:
                    logger.warning(
                        "jixiao: %s: %s example %d uses unknown input(s) %s",
                        fw.id,
                        indicator.key,
                        n,
                        ", ".join(extra),
                        type="jixiao",
                    )
    schema = (srcdir / "schema.md").read_text("utf-8")
    keys: set[str] = set()
    for fw in frameworks:
        form = fw.to_dict()
        keys |= set(form) | set(form["citation"]) | set(form["period"])
        keys |= set(form.get("grades", {}))
        for schedule in form.get("schedules", []):
            keys |= set(schedule)
        for group in form["groups"]:
            keys |= set(group)
        for item in form["indicators"]:
            keys |= set(item)
            for interpretation in item.get("interpretations", []):
                keys |= set(interpretation)
                for alternative in interpretation["alternatives"]:
                    keys |= set(alternative)
            for entry in (
                item.get("veto"),
                item.get("exemption"),
                *item.get("inputs", []),
                *item.get("measures", []),
            ):
                keys |= set(entry or {})
            for component in item["components"]:
                keys |= set(component)
                for row in (
                    component.get("bands", [])
                    + component.get("items", [])
                    + component.get("tiers", [])
                ):
                    keys |= set(row)
            for example in item.get("examples", []):
                keys |= set(example)
    from jixiao.department import Department
    from jixiao.quantities import Unit

    keys |= set(Department("x", 2023, "x", Unit.YUAN, {}).to_dict())
    for key in sorted(keys):
        if f"`{key}`" not in schema:
            logger.warning(
                "jixiao: schema.md does not describe the file key `%s`", key, type="jixiao"
            )


# ------------------------------------------------------------------ writing


def write_all(app: Sphinx) -> None:
    srcdir = Path(app.srcdir)
    frameworks = [framework(i) for i in available_frameworks()]
    files: dict[Path, str] = {}
    for fw in frameworks:
        files[GENERATED / f"{fw.id}.md"] = framework_page(fw)
    files[FRAGMENTS / "department-inputs.md"] = department_inputs(frameworks)
    files[FRAGMENTS / "framework-components.md"] = framework_components()
    files[FRAGMENTS / "cli.md"] = cli_reference()
    files[FRAGMENTS / "interpretations.md"] = interpretations(frameworks)
    files[FRAGMENTS / "api-exports.md"] = api_exports()
    files.update(project_reference.project_files())

    for relative, text in files.items():
        path = srcdir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        # Regenerated at every build; written only when changed, so that
        # Sphinx re-reads only the pages whose rules changed.
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
    wanted = {srcdir / r for r in files}
    for stale in (srcdir / GENERATED).rglob("*.md"):
        if stale not in wanted:  # e.g. a framework that was removed
            stale.unlink()
    check(frameworks, srcdir)
    project_reference.check_project(srcdir)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", write_all)
    project_reference.setup_project(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
