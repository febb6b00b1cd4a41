"""Writing a document in each source form, and what each form can carry.

:func:`render` writes a :class:`~tests.layouts.document.Document` as one of
:data:`FORMS` and returns a :class:`Rendered`: the file, the location of every
printed value of every table (as :class:`jixiao.io.grid.Location` prints it),
and the lines outside the tables with the kind a reader must give them. Every
writer consumes the same walk of the document (:func:`events`).

What a form cannot carry is decided once, in :func:`expected`, and how the
tables read are compared, in :func:`comparable`:

* tab-separated text, CSV, laid-out text and Markdown pipe tables carry no merges: a note
  merged over several rows comes back on its first row only (the others ``""``),
  unless the sheet was unmerged and filled (every row prints it);
* laid-out text and PDF wrap long cells: free texts (the project's name and
  units, goal texts, row names, targets, actuals, notes) are compared with all
  whitespace removed; everything else exactly;
* ``source``, ``remarks`` and ``locations`` are never compared.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from jixiao.project import ProjectTable, Row

from . import (
    forms_csv,
    forms_docx,
    forms_mht,
    forms_ofd,
    forms_rich,
    forms_text,
    forms_xls,
    forms_xmlss,
)
from .document import Document, Placed
from .expected import expected as sheet_expected
from .tables import map_rows
from .walk import Text, events

__all__ = [
    "FORMS",
    "MERGES",
    "SUFFIX",
    "Rendered",
    "comparable",
    "expected",
    "render",
]

FORMS = (
    "tsv",
    "csv",
    "layout",
    "markdown",
    "drawn",
    "html",
    "html-bare",
    "mht",
    "xlsx",
    "xls",
    "xmlss",
    "docx",
    "pdf",
    "ofd",
)
"""The source forms, as :class:`jixiao.io.grid.SourceKind` names them; ``"mht"``, a web
archive, is read as the HTML page it holds; ``"drawn"`` is Markdown whose tables are
drawn with characters (grid tables); ``"html-bare"`` is an HTML page whose merges
were cleaned away (no ``colspan``, no ``rowspan``, no cell where a merged one
stood)."""

SUFFIX = {
    "tsv": ".txt",
    "csv": ".csv",
    "layout": ".txt",
    "markdown": ".md",
    "drawn": ".md",
    "html": ".html",
    "html-bare": ".html",
    "mht": ".mht",
    "xlsx": ".xlsx",
    "xls": ".xls",
    "xmlss": ".xls",
    "docx": ".docx",
    "pdf": ".pdf",
    "ofd": ".ofd",
}

MERGES = frozenset({"drawn", "html", "mht", "xlsx", "xls", "xmlss", "docx", "pdf", "ofd"})
"""The forms that record merged cells."""

WRAPS = frozenset({"layout", "pdf", "ofd"})
"""The forms that wrap long cells."""

OUTSIDE = {"heading": "text", "text": "text", "note": "note", "furniture": "furniture"}
"""The kind a reader gives each kind of line outside the tables (``Unplaced.kind``)."""


@attrs.frozen
class Rendered:
    """A written document.

    Attributes:
        path: the file.
        locations: for each table, in order, the location of each path it prints.
        outside: ``(kind, text)`` of every line printed outside the tables,
            *kind* as :data:`OUTSIDE` maps it.
        exact: whether the locations are exact; ``False`` for PDF, where only
            the page is predicted (each location is then ``file:p<page>``).
    """

    path: Path
    locations: tuple[dict[str, str], ...]
    outside: tuple[tuple[str, str], ...]
    exact: bool = True


def render(document: Document, directory: Path, name: str = "doc") -> Rendered:
    """Write *document* in its form into *directory* and say where everything is."""
    path = directory / (name + (document.options.suffix or SUFFIX[document.form]))
    writer = {
        "tsv": forms_text.write_tsv,
        "csv": forms_csv.write_csv,
        "layout": forms_text.write_layout,
        "markdown": forms_text.write_markdown,
        "drawn": forms_text.write_drawn,
        "html": forms_rich.write_html,
        "html-bare": forms_rich.write_html,
        "mht": forms_mht.write_mht,
        "xlsx": forms_rich.write_xlsx,
        "xls": forms_xls.write_xls,
        "xmlss": forms_xmlss.write_xmlss,
        "docx": forms_docx.write_docx,
        "pdf": forms_rich.write_pdf,
        "ofd": forms_ofd.write_ofd,
    }[document.form]
    locations: tuple[dict[str, str], ...] = tuple({} for _ in document.tables())
    writer(document, path, locations)
    outside = tuple(
        (OUTSIDE[e.kind], e.text)
        for e in events(document)
        if isinstance(e, Text) and e.kind != "title"
    )
    return Rendered(path, locations, outside, exact=document.form not in ("pdf", "ofd"))


def expected(placed: Placed, form: str) -> ProjectTable:
    """The table a reader must give back for *placed* written in *form*."""
    table = sheet_expected(placed.sample, placed.layout)
    if form in MERGES or placed.layout.filled or not placed.sample.note_groups:
        return table
    followers = {k for a, b in placed.sample.note_groups for k in range(a + 1, b)}

    def first_only(index: int, row: Row) -> Row:
        return attrs.evolve(row, note="") if index in followers else row

    return map_rows(table, first_only)


_SPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def comparable(table: ProjectTable, form: str) -> ProjectTable:
    """*table* as it is compared for *form*: without source and remarks, and,
    in forms that wrap, its free texts without whitespace."""
    table = attrs.evolve(table, source=None, remarks=())
    if form not in WRAPS:
        return table
    info = table.project
    project = attrs.evolve(
        info,
        name=_squeeze(info.name),
        implementing_unit=_squeeze(info.implementing_unit),
        budget_unit=_squeeze(info.budget_unit),
        competent_department=_squeeze(info.competent_department),
    )
    goal = attrs.evolve(
        table.goal, expected=_squeeze(table.goal.expected), achieved=_squeeze(table.goal.achieved)
    )

    def squeeze(_: int, row: Row) -> Row:
        return attrs.evolve(
            row,
            name=_squeeze(row.name),
            target=_squeeze(row.target),
            actual=_squeeze(row.actual),
            note=_squeeze(row.note),
        )

    return attrs.evolve(map_rows(table, squeeze), project=project, goal=goal)
