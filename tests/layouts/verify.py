"""Checks of the generator itself: what a location points at, what a path names.

:func:`printed_at` reads back the text printed at a location in a written
file (tab-separated and laid-out text, Markdown, xlsx, xls, Word), and :func:`value_at`
the value a path names in a table, so that a test can check that every
location the writers report points at its value, without any reader of
jixiao's.
"""

from __future__ import annotations

import csv
import hashlib
import re
import zipfile
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from jixiao.project import ProjectTable

from .forms_text import display_width, placed

__all__ = ["printed_at", "value_at"]

_TAGS = re.compile(r"</?p>")


def _stamp(path: Path) -> str:
    """What the caches below know a file's content by: its digest (a file
    written again within the file system's time resolution keeps its mtime)."""
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


@cache
def _lines(path: Path, stamp: str) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def printed_at(path: Path, form: str, location: str) -> str | None:
    """The text printed at *location* (``str`` of a grid location) in the
    file *path* written in *form*; ``None`` for the forms it cannot read back
    (HTML, PDF)."""
    where = location.removeprefix(str(path) + ":")
    if form == "xlsx":
        return _sheet_cell(path, _stamp(path), where)
    if form == "xls":
        return _xls_cell(path, _stamp(path), where)
    if form == "docx":
        return _docx_text(path, _stamp(path), where)
    if form == "csv":
        line, column = (int(n) for n in where.split(":"))
        fields = _csv_records(path, _stamp(path))[line]
        return fields[column - 1] if column <= len(fields) else ""
    if form not in ("tsv", "layout", "markdown", "drawn"):
        return None
    line, column = (int(n) for n in where.split(":"))
    if form == "drawn":
        return _drawn_cell(_lines(path, _stamp(path)), line - 1, column)
    text = _lines(path, _stamp(path))[line - 1].lstrip("\f")
    if form == "tsv":
        return _TAGS.sub("", text.split("\t")[column - 1])
    if form == "markdown":
        cells = text.split("|") if text.startswith("|") else ["", text]
        return cells[column].strip().replace("<br>", "\n")
    used = 0
    for n, ch in enumerate(text):  # laid-out: from the display column on
        if used >= column - 1:
            return text[n:]
        used += display_width(ch)
    return ""


_ASCII = str.maketrans({**dict.fromkeys("┌┐└┘├┤┬┴┼", "+"), "─": "-", "│": "|"})


def _drawn_cell(lines: list[str], n: int, column: int) -> str:
    """The text of the cell of a drawn table whose first text line is line *n*
    (0-based), at its *column*-th column: the columns cut where the table's
    rules print ``+``, the text up to the next bar, on each line down to a rule."""
    if not lines[n].translate(_ASCII).startswith("|"):
        return lines[n].strip()  # a line outside the tables
    first = last = n
    while first > 0 and lines[first - 1].strip():
        first -= 1
    while last + 1 < len(lines) and lines[last + 1].strip():
        last += 1
    table = [lines[k].translate(_ASCII) for k in range(first, last + 1)]
    corners = sorted({x for text in table for x, ch in placed(text) if ch == "+"})
    left = corners[column - 1]
    texts = []
    for text in table[n - first :]:
        chars = placed(text)
        if dict(chars).get(left + 1) == "-":
            break  # the rule under the cell
        out = []
        for x, ch in chars:
            if x <= left:
                continue
            if ch == "|" and x in corners:
                break
            out.append(ch)
        texts.append("".join(out).strip())
    return "\n".join(t for t in texts if t)


@cache
def _csv_records(path: Path, stamp: str) -> dict[int, list[str]]:
    """Each record of a CSV file by the line it starts on, read with :mod:`csv`."""
    records: dict[int, list[str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file)
        first = 1
        for fields in reader:
            records[first] = fields
            first = reader.line_num + 1
    return records


@cache
def _workbook(path: Path, stamp: str) -> Any:
    from openpyxl import load_workbook

    return load_workbook(path)


@cache
def _xls_book(path: Path, stamp: str) -> Any:
    import xlrd

    return xlrd.open_workbook(str(path), formatting_info=True)


def _xls_cell(path: Path, stamp: str, where: str) -> str:
    """The cell's text as Excel shows it, read with xlrd."""
    sheet_name, _, ref = where.partition("!")
    letters = ref.rstrip("0123456789")
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    book = _xls_book(path, stamp)
    sheet = book.sheet_by_name(sheet_name)
    row = int(ref[len(letters) :]) - 1
    if row >= sheet.nrows or column > sheet.row_len(row):
        return ""
    cell = sheet.cell(row, column - 1)
    shape = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
    return _shown(cell.value, shape)


def _shown(value: object, shape: str) -> str:
    """A stored value as Excel shows it in the number format *shape*
    (``0.00``, ``0.00%``; anything else as it is)."""
    if isinstance(value, int | float) and shape.startswith("0"):
        places = len(shape.rstrip("%").partition(".")[2])
        if shape.endswith("%"):
            return f"{value * 100:.{places}f}%"
        return f"{value:.{places}f}"
    return "" if value is None else str(value)


def _sheet_cell(path: Path, stamp: str, where: str) -> str:
    """The cell's text as Excel shows it (a number in its format ``0.00``, ``0.00%``)."""
    sheet, _, ref = where.partition("!")
    cell = _workbook(path, stamp)[sheet][ref]
    return _shown(cell.value, str(cell.number_format))


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SYMBOL = {"F0B3": "≥", "F0A3": "≤"}


_WORDML = "http://schemas.microsoft.com/office/word/2003/wordml"
_WX = "{http://schemas.microsoft.com/office/word/2003/auxHint}"


@cache
def _docx_body(path: Path, stamp: str) -> ElementTree.Element:
    """The element holding the body's blocks: ``w:body`` (in a flat package,
    its document part's), or in a Word 2003 XML document its ``wx:sect`` (its
    tags read as a .docx's)."""
    if not zipfile.is_zipfile(path):  # Word's XML, named .doc: 2003's, or a flat package
        root = ElementTree.fromstring(path.read_text("utf-8").replace(_WORDML, _W[1:-1]))
        held = root.find(f"{_W}body/{_WX}sect")  # Word 2003 holds the blocks in a section
        held = held if held is not None else root.find(f".//{_W}body")
        assert held is not None
        return held
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    body = root.find(f"{_W}body")
    assert body is not None
    return body


def _docx_words(element: ElementTree.Element) -> str:
    """The text of a paragraph or a cell as the writer wrote it: runs' text,
    symbols, line breaks and paragraphs as newlines."""
    lines = []
    for paragraph in element.iter(f"{_W}p"):
        text = ""
        for node in paragraph.iter():
            if node.tag == f"{_W}t":
                text += node.text or ""
            elif node.tag == f"{_W}sym":
                text += _SYMBOL[node.get(f"{_W}char", "")]
            elif node.tag == f"{_W}br" and node.get(f"{_W}type") is None:
                text += "\n"
        lines.append(text)
    return "\n".join(lines)


def _docx_text(path: Path, stamp: str, where: str) -> str:
    """The text at ``t<k>:<row>:<col>`` (table *k*, its grid column *col*) or
    at the body's paragraph ``<n>`` (``t<k>:<row>``: a layout table's row)."""
    body = _docx_body(path, stamp)
    if not where.startswith("t"):
        return _docx_words(body.findall(f"{_W}p")[int(where) - 1])
    table, row, *col = where.split(":")
    tables = list(body.iter(f"{_W}tbl"))  # in the order they start, nested ones counted
    tr = tables[int(table[1:]) - 1].findall(f"{_W}tr")[int(row) - 1]
    if not col:  # a line of a layout row: the row's text
        return _docx_words(tr)
    before = tr.find(f"{_W}trPr/{_W}gridBefore")
    column = 1 + (int(before.get(f"{_W}val", "0")) if before is not None else 0)
    for tc in tr.findall(f"{_W}tc"):
        if column == int(col[0]):
            return _docx_words(tc)
        span = tc.find(f"{_W}tcPr/{_W}gridSpan")
        column += int(span.get(f"{_W}val", "1")) if span is not None else 1
    raise AssertionError(f"no cell at {where}")


def value_at(table: ProjectTable, path: str) -> str:
    """The value of *table* that *path* names (a level-1 or level-2 label: its name)."""
    parts = path.split(".")
    if parts[0] == "rows":
        row = next(r for k, (_, _, r) in enumerate(table.rows()) if k == int(parts[1]))
        return str(getattr(row, parts[2]))
    if parts[0] == "level1":
        top = table.level1[int(parts[1])]
        return top.level2[int(parts[3])].name if len(parts) > 2 else top.name
    if parts == ["funds", "unit"]:
        return table.funds.unit.value
    value: Any = table
    for part in parts:
        value = getattr(value, part)
    return "" if value is None else str(value)
