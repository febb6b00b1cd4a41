"""Markdown and HTML reports of audited project tables, for finance officers.

Each report shows the table as printed, the recomputed points beside the
printed ones, and every finding beside its row; a batch report adds an index
(``index.md`` and ``index.html``) with the verdict of each table. Every
label in the language asked for (``lang``): Chinese, English, or (``both``,
the default) Chinese first, English alongside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from jixiao._format import check_lang, visible, words, words_in
from jixiao._safe_write import Names, inside, make_folder, safe_name, write_file
from jixiao.project.audit import Audit
from jixiao.project.audit_html import audit_html, grouped, html_page, html_text
from jixiao.project.audit_report import (
    AUDIT_TITLE,
    FUNDS_COLUMNS,
    FUNDS_ROWS,
    as_printed,
    finding_text,
    funds_heading,
    funds_label,
    heading,
    indicator_columns,
    legend,
    method_label,
    recomputed,
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


def audit_markdown(audit: Audit, lang: str = "both") -> str:
    """One audited table as Markdown: funds, indicator rows with findings,
    total; its labels in *lang*.

    Raises:
        InputError: *lang* is not ``zh``, ``en`` or ``both``.
    """
    w = words_in(lang)

    table, evaluation = audit.table, audit.evaluation
    funds_findings, row_findings, other = grouped(audit)
    p = table.project
    printed, again = as_printed(lang), recomputed(lang)
    points = w("得分", "points", "得分")
    year = "" if p.year is None else f" · {w(f'{p.year}年', str(p.year), f'{p.year}年')}"
    columns = " | ".join(w(zh, en) for zh, en in FUNDS_COLUMNS)
    out = [
        f"# {_md(heading(table, lang))}",
        "",
        w(*AUDIT_TITLE, both=" · ".join(AUDIT_TITLE)) + year,
        "",
        f"- {w('实施单位', 'Implementing unit')}: {_md(p.implementing_unit)}",
        f"- {w('来源', 'Source')}: {_md(table.source or '—')}",
        f"- {w('模板', 'Template')}: {_md(audit.template.id)}",
        f"- {w('结论', 'Verdict')}: {verdict(audit, lang)}",
        "",
        _md(legend(lang)),
        "",
        f"## {funds_heading(table.funds.unit, lang)}",
        "",
        f"| | {columns} |",
        "|---|---:|---:|---:|",
    ]
    for attr, zh, en in FUNDS_ROWS:
        row = getattr(table.funds, attr)
        out.append(
            f"| {funds_label(zh, en, lang)} | {_md(row.initial_budget)} "
            f"| {_md(row.full_year_budget)} | {_md(row.executed)} |"
        )
    ex = evaluation.execution
    out += [
        "",
        f"{w('执行率', 'rate')}: {_md(table.funds.rate)} · "
        f"{w('分值', 'weight')} {_md(table.funds.weight)} · "
        f"{points} {printed} {_md(table.funds.points)} · {again} {ex.points if ex else '—'}",
        "",
    ]
    out += [f"- {_md(finding_text(f, lang))}" for f in funds_findings]
    head = indicator_columns(lang)
    out += [
        "",
        f"## {w('年度绩效指标', 'Indicators')}",
        "",
        f"| {' | '.join(head)} |",
        "|---|---|---|---|---|---:|---:|---:|---|---|---|",
    ]
    for index, result in enumerate(evaluation.rows):
        row = result.row
        shown = "—" if result.score is None else str(result.score.points)
        notes = "<br>".join(_md(finding_text(f, lang)) for f in row_findings.get(index, []))
        out.append(
            f"| {_md(result.level1)} | {_md(result.level2)} | {_md(row.name)} | {_md(row.target)} "
            f"| {_md(row.actual)} | {_md(row.weight)} | {_md(row.points)} | {shown} "
            f"| {_md(method_label(result, lang))} | {_md(row.note)} | {notes} |"
        )
    incomplete = "" if evaluation.complete else f" · {w('不完整', 'incomplete')}"
    out += [
        "",
        f"## {w('总分', 'Total')}",
        "",
        f"{printed} {_md(table.total.points)} / {_md(table.total.weight)} · "
        f"{again} {evaluation.total} · {w('等级', 'grade')} "
        f"{grade_label(evaluation.grade, lang)}{incomplete}",
        "",
    ]
    out += [f"- {_md(finding_text(f, lang))}" for f in other]
    return "\n".join(out).rstrip() + "\n"


def _index_header(lang: str) -> tuple[str, ...]:
    """The index's columns in *lang*."""
    total = words("总分", "total", lang, both="总分")
    return (
        "#",
        words("项目", "project", lang),
        words("来源", "source", lang),
        f"{total} {as_printed(lang)}",
        f"{total} {recomputed(lang)}",
        words("结论", "verdict", lang),
    )


class ReportWriter:
    """Reports written one table at a time: :meth:`add` writes a table's
    Markdown and HTML reports at once and keeps only its line of the index;
    :meth:`finish` writes ``index.md`` and ``index.html`` (see
    :func:`write_reports`); every label in *lang*.

    Raises:
        WriteError: as :func:`write_reports`.
    """

    def __init__(self, folder: str | Path, lang: str = "both") -> None:
        self._lang = check_lang(lang)
        self._folder = make_folder(folder)
        self._names = Names()
        self._rows: list[tuple[str, ...]] = []

    def add(self, item: Audit) -> None:
        """Write the reports of one audited table."""
        number = len(self._rows) + 1
        page = self._names.take(f"{number:03d}-{safe_name(item.table.project.name)}", ".md")
        lang = self._lang
        write_file(inside(self._folder, page), audit_markdown(item, lang))
        write_file(inside(self._folder, page[: -len(".md")] + ".html"), audit_html(item, lang=lang))
        self._rows.append(
            (
                str(number),
                page[: -len(".md")],
                item.table.project.name,
                item.table.source or "",
                item.table.total.points,
                str(item.evaluation.total),
                verdict(item, lang),
                "ok" if item.ok else "error",
            )
        )

    def _title(self) -> str:
        return words("复核汇总", "Audit summary", self._lang)

    def _markdown(self) -> str:
        lines = [
            f"# {self._title()}",
            "",
            _md(legend(self._lang)),
            "",
            "| " + " | ".join(_index_header(self._lang)) + " |",
            "|---:|---|---|---:|---:|---|",
        ]
        for number, stem, name, source, printed, total, result, _ in self._rows:
            lines.append(
                f"| {number} | [{_md(name) or '—'}]({quote(stem + '.md')}) | {_md(source)} "
                f"| {_md(printed)} | {total} | {result} |"
            )
        return "\n".join(lines) + "\n"

    def _html(self) -> str:
        head = "".join(f"<th>{html_text(h)}</th>" for h in _index_header(self._lang))
        rows = "".join(
            f"<tr class='{state}'><td class='num'>{number}</td>"
            f"<td><a href='{html_text(quote(stem + '.html'))}'>{html_text(name) or '—'}</a></td>"
            f"<td>{html_text(source)}</td><td class='num'>{html_text(printed)}</td>"
            f"<td class='num recomputed'>{total}</td><td>{html_text(result)}</td></tr>"
            for number, stem, name, source, printed, total, result, state in self._rows
        )
        title = self._title()
        body = (
            f"<h1>{title}</h1><p class='legend'>{html_text(legend(self._lang))}</p>"
            f"<table><tr>{head}</tr>{rows}</table>"
        )
        return html_page(title, body, self._lang)

    def finish(self) -> Path:
        """Write the index, ``index.md`` and ``index.html``; return the path of ``index.md``."""
        write_file(inside(self._folder, "index.html"), self._html())
        index = inside(self._folder, "index.md")
        write_file(index, self._markdown())
        return index


def write_reports(audits: Iterable[Audit], folder: str | Path, lang: str = "both") -> Path:
    """Write one Markdown and one HTML report per table, and the index
    (``index.md`` and ``index.html``); return the path of ``index.md``.

    The reports are named ``NNN-name.md`` and ``NNN-name.html`` after the
    table's number and project name (made safe as :ref:`cli-files-written`
    describes), directly in *folder*; each file is
    written whole (a temporary file beside it replaces it) and never through
    a symbolic link. Each index links only to these files (the Markdown
    index to the Markdown reports, the HTML index to the HTML ones). Each table's
    reports are written as *audits* yields it (:class:`ReportWriter`). Their
    labels are in *lang*: ``"zh"``, ``"en"``, or ``"both"`` (Chinese with
    the English alongside); the tables' own text is shown as printed.

    Raises:
        InputError: *lang* is not ``zh``, ``en`` or ``both``.
        WriteError: *folder* cannot be created, a symbolic link or anything
            but a regular file is where a report goes, or the system refuses.
    """
    writer = ReportWriter(folder, lang)
    for item in audits:
        writer.add(item)
    return writer.finish()
