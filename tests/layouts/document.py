"""Documents: 1-4 laid-out tables with the rest of a report around them.

A :class:`Document` is what one file prints: :class:`Prose` (chapter
headings, paragraphs, 填报说明 notes) and :class:`Placed` tables in order,
the page numbers' style (§2.16) and the choices only one form has
(:class:`Options`). :func:`documents` draws one for a form.
"""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

from . import words
from .draws import boolean, integer, pick, rarely
from .inject import Plant, planted
from .layout import Layout, layouts
from .sheet import build
from .tables import Sample, samples

__all__ = ["PAGE_STYLES", "Document", "Options", "Placed", "Prose", "documents", "page_label"]

PAGE_STYLES = ("- {n} -", "第 {n} 页", "第{n}页 共{total}页", "{n}/{total}", "{n}")
"""§2.16 the page number line's styles."""

_NOTES = (
    "1．定量指标完成值达到指标值的记满分，未达到的按比例记分。",
    "2．定性指标按达成、部分达成、未达成三档记分。",
    "3．执行率超过100%的，按100%计算得分。",
    "4．偏差原因分析应说明未完成的原因及改进措施。",
)


def page_label(style: str, n: int, total: int) -> str:
    """The page number line of page *n* of *total* in *style* (:data:`PAGE_STYLES`)."""
    return style.format(n=n, total=total)


@attrs.frozen
class Prose:
    """Text between or around tables (§2.17): ``(kind, text)`` lines, *kind*
    ``"heading"`` (一、项目基本情况), ``"text"`` (a paragraph) or ``"note"`` (填报说明)."""

    lines: tuple[tuple[str, str], ...]


@attrs.frozen
class Placed:
    """A table in a document: the sample, its layout (breaks included), and
    the inconsistencies planted in it (:mod:`tests.layouts.inject`)."""

    sample: Sample
    layout: Layout
    planted: tuple[Plant, ...] = ()


@attrs.frozen
class Options:
    """The choices one form has (left at their defaults in the others).

    Attributes:
        p_single: tab-separated text: a one-paragraph goal text in ``<p>`` tags too.
        pad: tab-separated text: every table line padded with tabs to the table's
            width; CSV: every record padded with empty fields to the sheet's width.
        blank: laid-out text: a blank line between the table's rows.
        encoding: HTML: ``"utf-8"`` or ``"gbk"`` (declared in ``<meta charset>``).
        wrapper: HTML, Word: the content set in a table of the page's layout
            (one cell holding everything, as many sites set an article).
        numbers: xlsx, xls: numbers stored ``"text"`` or as ``"number"`` s with a
            format (0.00).
        sheets: xlsx, xls: ``"one"`` sheet, or one sheet ``"per-table"``.
        breaks: Word: a newline in a cell as ``"paragraphs"`` (one a line) or as
            line ``"breaks"`` (``w:br``) in one paragraph.
        runs: Word: every text cut into runs of 1 to 3 characters (as Word
            keeps the runs of its editing history) instead of one run.
        symbols: Word: ≥ and ≤ inserted from the Symbol font (``w:sym``).
        grid_before: Word: a row's leading empty cells left out (``gridBefore``).
        bom: CSV: a byte-order mark first (Excel's "CSV UTF-8" writes one).
        crlf: CSV: records ended by ``\r\n`` (Excel) rather than ``\n``.
        quote_all: CSV: every field in quotes, not only those that need them.
        per_char: OFD: every character a text object of its own.
        ctm: OFD: objects drawn at twice their size through a ``CTM`` of one half.
        compress: OFD: repeated ``DeltaX`` offsets written ``g n d``.
        borders: OFD: ``"lines"`` (a line a side), ``"rects"`` (a closed
            rectangle a cell) or ``"thin"`` (thin filled rectangles).
        template: OFD: the page numbers in a template page.
        archiver: web archive: ``"blink"`` (as Chrome saves a page) or ``"word"``
            (as Word saves a single-file page).
        transfer: web archive: the page's ``Content-Transfer-Encoding``
            (``"quoted-printable"``, ``"base64"`` or ``"8bit"``).
        declared: web archive: the page's charset declared in its part's header too.
        start: web archive (``"blink"``): the page named by ``start``, after a style sheet.
        digits: XML Spreadsheet: a number written with 17 significant digits (as
            a double prints), not its shortest form.
        suffix: HTML, tab-separated text, web archive, Word, Markdown: the file
            named with this suffix instead of its own (``".xls"``: as systems
            export "Excel"; ``".doc"``: as they export "Word"; ``".txt"``: a
            Markdown table saved as text); ``""``: its own.
        word_xml: Word: written as one of Word's XML documents, ``"2003"``
            (Word 2003's) or ``"flat"`` (a flat package), named ``.doc``;
            ``""``: a .docx package.
        delimiter: Markdown: a delimiter row (``| --- |``) under each table's
            first row, as Markdown writes one; without it, as a page's text
            prints a table.
        drawn: drawn tables: ``"ascii"`` (``+``, ``-``, ``|``, as pandoc
            draws) or ``"box"`` (box-drawing characters).
        fenced: drawn tables inside a code fence (a console's table pasted
            into a Markdown note).
    """

    p_single: bool = False
    pad: bool = True
    blank: bool = False
    encoding: str = "utf-8"
    wrapper: bool = False
    numbers: str = "text"
    sheets: str = "one"
    breaks: str = "paragraphs"
    runs: bool = False
    symbols: bool = False
    grid_before: bool = False
    bom: bool = False
    crlf: bool = False
    quote_all: bool = False
    per_char: bool = False
    ctm: bool = False
    compress: bool = False
    borders: str = "lines"
    template: bool = False
    archiver: str = "blink"
    transfer: str = "quoted-printable"
    declared: bool = False
    start: bool = False
    digits: bool = False
    suffix: str = ""
    word_xml: str = ""
    delimiter: bool = True
    drawn: str = "ascii"
    fenced: bool = False


@attrs.frozen
class Document:
    """A file's content: prose and tables in order, page number style, form options."""

    form: str
    parts: tuple[Prose | Placed, ...]
    page_style: str
    options: Options

    def tables(self) -> list[Placed]:
        """The placed tables, in order."""
        return [p for p in self.parts if isinstance(p, Placed)]


def prose(draw: st.DrawFn) -> Prose:
    """A chapter (heading and paragraphs), or 填报说明 notes, or both."""
    lines: list[tuple[str, str]] = []
    if boolean(draw):
        lines.append(("heading", pick(draw, words.HEADINGS)))
        lines += [("text", words.paragraph(draw)) for _ in range(integer(draw, 1, 2))]
    if not lines or boolean(draw):
        notes = sorted({pick(draw, _NOTES) for _ in range(integer(draw, 1, 3))})
        if boolean(draw):
            lines.append(("note", "填报说明：" + " ".join(notes)))
        else:
            lines += [("note", "填报说明：")] + [("note", n) for n in notes]
    return Prose(tuple(lines))


def _breaks(draw: st.DrawFn, sample: Sample, layout: Layout) -> Layout:
    """§2.16: 1 or 2 page breaks in one table of three, never inside a merged note."""
    sheet = build(sample, layout)
    inside = {r for a, b in sheet.notes for r in range(a + 1, b)}
    # never between the rows of a header of two levels (§2.26)
    inside |= set(range(sheet.indicators[0] + 1, sheet.indicators[0] + len(sheet.header)))
    allowed = tuple(r for r in range(1, len(sheet.rows)) if r not in inside)
    if not allowed or not rarely(draw, 3):
        return layout
    breaks = {pick(draw, allowed) for _ in range(integer(draw, 1, 2))}
    repeat = boolean(draw) and len(sheet.header) == 1  # a header of two levels: not again
    return attrs.evolve(layout, breaks=tuple(sorted(breaks)), repeat_header=repeat)


def _options(draw: st.DrawFn, form: str) -> Options:
    if form == "tsv":
        return Options(
            p_single=boolean(draw), pad=not boolean(draw), suffix=".xls" if rarely(draw, 6) else ""
        )
    if form == "layout":
        return Options(blank=boolean(draw))
    if form == "markdown":
        delimiter = not rarely(draw, 3)  # a .txt is read as Markdown too
        return Options(delimiter=delimiter, suffix=".txt" if rarely(draw, 6) else "")
    if form == "drawn":
        return Options(
            drawn=pick(draw, ("ascii", "box")),
            fenced=rarely(draw, 4),
            suffix=".txt" if rarely(draw, 4) else "",
        )
    if form == "ofd":
        return Options(
            per_char=rarely(draw, 4),
            ctm=rarely(draw, 3),
            compress=boolean(draw),
            borders=pick(draw, ("lines", "rects", "thin")),
            template=boolean(draw),
        )
    if form == "csv":
        return Options(
            pad=boolean(draw), bom=boolean(draw), crlf=boolean(draw), quote_all=rarely(draw, 4)
        )
    if form in ("html", "html-bare"):
        return Options(
            encoding=pick(draw, ("utf-8", "gbk")),
            wrapper=rarely(draw, 3),
            suffix=pick(draw, (".xls", ".doc")) if rarely(draw, 4) else "",
        )
    if form == "xmlss":
        return Options(
            numbers=pick(draw, ("text", "number")),
            sheets=pick(draw, ("one", "per-table")),
            digits=boolean(draw),
        )
    if form == "mht":
        return Options(
            encoding=pick(draw, ("utf-8", "gbk")),
            wrapper=rarely(draw, 3),
            archiver=pick(draw, ("blink", "word")),
            transfer=pick(draw, ("quoted-printable", "base64", "8bit")),
            declared=boolean(draw),
            start=boolean(draw),
            suffix=".doc" if rarely(draw, 6) else "",
        )
    if form in ("xlsx", "xls"):
        return Options(
            numbers=pick(draw, ("text", "number")), sheets=pick(draw, ("one", "per-table"))
        )
    if form == "docx":
        xml = pick(draw, ("2003", "flat")) if rarely(draw, 4) else ""  # as Java systems export
        return Options(
            breaks=pick(draw, ("paragraphs", "breaks")),
            runs=boolean(draw),
            symbols=boolean(draw),
            grid_before=boolean(draw),
            wrapper=rarely(draw, 6),
            suffix=".doc" if xml or rarely(draw, 6) else "",
            word_xml=xml,
        )
    return Options()


@st.composite
def documents(draw: st.DrawFn, form: str, *, tables: int = 4, plant: bool = False) -> Document:
    """A document of 1 to *tables* tables for *form*, with prose around them.

    Args:
        plant: every table complete (scored, ending with its 总分 row and
            printing every weight) with inconsistencies planted in it
            (:func:`tests.layouts.inject.planted`).
    """
    count = integer(draw, 1, tables)
    parts: list[Prose | Placed] = []
    for _ in range(count):
        if rarely(draw, 3):
            parts.append(prose(draw))
        sample = draw(samples())
        layout = draw(layouts(sample, form, complete=plant))
        plants: tuple[Plant, ...] = ()
        if plant:
            sample, plants = planted(draw, sample, layout, form)
        parts.append(Placed(sample, _breaks(draw, sample, layout), plants))
    if rarely(draw, 3):
        parts.append(prose(draw))
    return Document(form, tuple(parts), pick(draw, PAGE_STYLES), _options(draw, form))
