"""Markdown and HTML reports of audited project tables, for finance officers.

Each report shows the table as printed, the recomputed points beside the
printed ones, and every finding beside its row; a batch report adds an index
(``index.md`` and ``index.html``) with the verdict of each table. Chinese
first, English alongside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from jixiao._format import visible
from jixiao._safe_write import Names, inside, make_folder, safe_name, write_file
from jixiao.project.audit import Audit
from jixiao.project.audit_report import (
    AS_PRINTED,
    FUNDS_ROWS,
    LEGEND,
    RECOMPUTED,
    audit_html,
    finding_text,
    grouped,
    html_page,
    html_text,
    method_label,
    verdict,
)
from jixiao.project.report import grade_label

__all__ = ["ReportWriter", "audit_html", "audit_markdown", "write_reports"]


_MD_ESCAPE = re.compile(
    r"[\\`*\[\]|~$]"  # escapes, code, emphasis, links and images, cells, maths
    r"|^#|(?<=\s)#"  # a heading (a # inside a word, as in #####, starts nothing)
    r"|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])"  # emphasis (``snake_case`` stays as it is)
    r"|(?<=\w)@(?=\w)"  # an e-mail autolink
    r"|(?<=[wW]{3})\."  # a www. autolink
)
"""What Markdown reads as markup (``<``, ``>`` and ``&`` become entities)."""
_SCHEME = re.compile(
    r"(?i)(?<![0-9a-z+.-])(?:javascript|vbscript|data|file|https?|ftps?|mailto|tel|blob):"
)
"""A URI scheme a viewer could turn into a link: its colon is escaped (a
location such as ``report.pdf:p2:21:8`` is left as it is)."""
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _md(text: object) -> str:
    """Table text as Markdown that shows it as printed and runs nothing.

    HTML is written as entities (no tag, and no entity of the input,
    survives), every character Markdown reads as markup is backslash-escaped
    (no link, image, code span, emphasis, heading, table cell or autolink can
    form), line breaks become ``<br>`` (a table row stays one line), control
    characters their pictures (␀, ␛) and a lone surrogate U+FFFD.
    """
    if text is None:
        return ""
    value = "".join(_MD_ENTITIES.get(c, c) for c in visible(str(text)))
    value = _MD_ESCAPE.sub(lambda m: "\\" + m.group(), value)
    value = _SCHEME.sub(lambda m: m.group()[:-1] + "\\:", value)
    return _LINE_BREAK.sub("<br>", value)


def audit_markdown(audit: Audit) -> str:
    """One audited table as Markdown: funds, indicator rows with findings, total."""
    table, evaluation = audit.table, audit.evaluation
    funds_findings, row_findings, other = grouped(audit)
    p = table.project
    out = [
        f"# {_md(table.label())}",
        "",
        "项目支出绩效自评表复核 · Audit of a project self-evaluation table"
        + (f" · {p.year}年" if p.year is not None else ""),
        "",
        f"- 实施单位 Implementing unit: {_md(p.implementing_unit)}",
        f"- 来源 Source: {_md(table.source or '—')}",
        f"- 模板 Template: {_md(audit.template.id)}",
        f"- 结论 Verdict: {verdict(audit)}",
        "",
        _md(LEGEND),
        "",
        f"## 资金使用情况 Funds（{table.funds.unit.value}）",
        "",
        "| | 年初预算数 initial | 全年预算数 full-year | 全年执行数 executed |",
        "|---|---:|---:|---:|",
    ]
    for attr, label in FUNDS_ROWS:
        row = getattr(table.funds, attr)
        out.append(
            f"| {label} | {_md(row.initial_budget)} | {_md(row.full_year_budget)} | {_md(row.executed)} |"
        )
    ex = evaluation.execution
    out += [
        "",
        f"执行率 rate: {_md(table.funds.rate)} · 分值 weight {_md(table.funds.weight)} · "
        f"得分 {AS_PRINTED} {_md(table.funds.points)} · {RECOMPUTED} {ex.points if ex else '—'}",
        "",
    ]
    out += [f"- {_md(finding_text(f))}" for f in funds_findings]
    out += [
        "",
        "## 年度绩效指标 Indicators",
        "",
        "| 一级 | 二级 | 三级指标 indicator | 年度指标值 target | 实际完成值 actual | 分值 weight "
        f"| 得分 {AS_PRINTED} | 得分 {RECOMPUTED} | 计分方法 method | 偏差原因 note "
        "| 复核意见 findings |",
        "|---|---|---|---|---|---:|---:|---:|---|---|---|",
    ]
    for index, result in enumerate(evaluation.rows):
        row = result.row
        recomputed = "—" if result.score is None else str(result.score.points)
        notes = "<br>".join(_md(finding_text(f)) for f in row_findings.get(index, []))
        out.append(
            f"| {_md(result.level1)} | {_md(result.level2)} | {_md(row.name)} | {_md(row.target)} "
            f"| {_md(row.actual)} | {_md(row.weight)} | {_md(row.points)} | {recomputed} "
            f"| {_md(method_label(result))} | {_md(row.note)} | {notes} |"
        )
    out += [
        "",
        "## 总分 Total",
        "",
        f"{AS_PRINTED} {_md(table.total.points)} / {_md(table.total.weight)} · "
        f"{RECOMPUTED} {evaluation.total} · 等级 grade {grade_label(evaluation.grade)}"
        + ("" if evaluation.complete else " · 不完整 incomplete"),
        "",
    ]
    out += [f"- {_md(finding_text(f))}" for f in other]
    return "\n".join(out).rstrip() + "\n"


_INDEX_HEADER = ("#", "项目 project", "来源 source", f"总分 {AS_PRINTED}", f"总分 {RECOMPUTED}")


class ReportWriter:
    """Reports written one table at a time: :meth:`add` writes a table's
    Markdown and HTML reports at once and keeps only its line of the index;
    :meth:`finish` writes ``index.md`` and ``index.html`` (see :func:`write_reports`).

    Raises:
        WriteError: as :func:`write_reports`.
    """

    def __init__(self, folder: str | Path) -> None:
        self._folder = make_folder(folder)
        self._names = Names()
        self._rows: list[tuple[str, ...]] = []

    def add(self, item: Audit) -> None:
        """Write the reports of one audited table."""
        number = len(self._rows) + 1
        page = self._names.take(f"{number:03d}-{safe_name(item.table.project.name)}", ".md")
        write_file(inside(self._folder, page), audit_markdown(item))
        write_file(inside(self._folder, page[: -len(".md")] + ".html"), audit_html(item))
        self._rows.append(
            (
                str(number),
                page[: -len(".md")],
                item.table.project.name,
                item.table.source or "",
                item.table.total.points,
                str(item.evaluation.total),
                verdict(item),
                "ok" if item.ok else "error",
            )
        )

    def _markdown(self) -> str:
        lines = [
            "# 复核汇总 Audit summary",
            "",
            _md(LEGEND),
            "",
            "| " + " | ".join(_INDEX_HEADER) + " | 结论 verdict |",
            "|---:|---|---|---:|---:|---|",
        ]
        for number, stem, name, source, printed, recomputed, result, _ in self._rows:
            lines.append(
                f"| {number} | [{_md(name) or '—'}]({quote(stem + '.md')}) | {_md(source)} "
                f"| {_md(printed)} | {recomputed} | {result} |"
            )
        return "\n".join(lines) + "\n"

    def _html(self) -> str:
        head = "".join(f"<th>{html_text(h)}</th>" for h in _INDEX_HEADER)
        rows = "".join(
            f"<tr class='{state}'><td class='num'>{number}</td>"
            f"<td><a href='{html_text(quote(stem + '.html'))}'>{html_text(name) or '—'}</a></td>"
            f"<td>{html_text(source)}</td><td class='num'>{html_text(printed)}</td>"
            f"<td class='num recomputed'>{recomputed}</td><td>{html_text(result)}</td></tr>"
            for number, stem, name, source, printed, recomputed, result, state in self._rows
        )
        body = (
            f"<h1>复核汇总 Audit summary</h1><p class='legend'>{html_text(LEGEND)}</p>"
            f"<table><tr>{head}<th>结论 verdict</th></tr>{rows}</table>"
        )
        return html_page("复核汇总 Audit summary", body)

    def finish(self) -> Path:
        """Write the index, ``index.md`` and ``index.html``; return the path of ``index.md``."""
        write_file(inside(self._folder, "index.html"), self._html())
        index = inside(self._folder, "index.md")
        write_file(index, self._markdown())
        return index


def write_reports(audits: Iterable[Audit], folder: str | Path) -> Path:
    """Write one Markdown and one HTML report per table, and the index
    (``index.md`` and ``index.html``); return the path of ``index.md``.

    The reports are named ``NNN-name.md`` and ``NNN-name.html`` after the
    table's number and project name (made safe as :ref:`cli-files-written`
    describes), directly in *folder*; each file is
    written whole (a temporary file beside it replaces it) and never through
    a symbolic link. Each index links only to these files (the Markdown
    index to the Markdown reports, the HTML index to the HTML ones). Each table's
    reports are written as *audits* yields it (:class:`ReportWriter`).

    Raises:
        WriteError: *folder* cannot be created, a symbolic link or anything
            but a regular file is where a report goes, or the system refuses.
    """
    writer = ReportWriter(folder)
    for item in audits:
        writer.add(item)
    return writer.finish()
