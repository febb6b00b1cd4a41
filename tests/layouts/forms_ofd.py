"""The OFD form: a fixed-layout document (GB/T 33190) written by hand.

A page per page of the document, as tall and wide as its content (an OFD
page may have any size), in millimetres: text lines outside tables at the
left margin, tables drawn with ruling lines (a merged cell's inner lines not
drawn), a cell's text wrapped in its column, top-aligned. The choices an OFD
producer makes (:class:`~tests.layouts.document.Options`): every character a
text object of its own (as converters of scanned or typeset pages write) or a
text object a line with its ``DeltaX`` (``g`` repeats compressed or not);
objects drawn at twice their size through a ``CTM`` of one half; borders as
one line a side, as a rectangle a cell (closed with ``C``), or as thin
filled rectangles; the page numbers in a template page. Locations are
predicted to the page only (``file.ofd:p2``), as for PDF.
"""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from .document import Document
from .sheet import SheetRow
from .walk import Break, Rows, Text, column_widths, events

__all__ = ["write_ofd"]

Locations = tuple[dict[str, str], ...]

_NS = "http://www.ofdspec.org/2016"
SIZE = 3.0
"""The text's size (mm)."""
LEAD = 4.5
"""A text line's height (mm)."""
PAD = 1.0
"""A cell's padding (mm)."""
MARGIN = 10.0
CAP = 50.0
"""The widest a column of free text is drawn (mm)."""


def _advance(char: str) -> float:
    return SIZE if unicodedata.east_asian_width(char) in "WF" else SIZE / 2


def _width(text: str) -> float:
    return sum(_advance(c) for c in text)


def _measure(text: str) -> float:
    return _width(text) + 2 * PAD + 0.5


def _wrap(text: str, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for char in paragraph:
            if used + _advance(char) > width and line:
                lines.append(line)
                line, used = "", 0.0
            line += char
            used += _advance(char)
        lines.append(line)
    return lines


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _deltas(line: str, compress: bool, scale: float) -> str:
    steps = [_number(_advance(c) * scale) for c in line[:-1]]
    if not compress:
        return " ".join(steps)
    out: list[str] = []
    at = 0
    while at < len(steps):
        run = at
        while run < len(steps) and steps[run] == steps[at]:
            run += 1
        out.append(f"g {run - at} {steps[at]}" if run - at > 2 else " ".join(steps[at:run]))
        at = run
    return " ".join(out)


class _Page:
    def __init__(self, document: Document) -> None:
        self.options = document.options
        self.objects: list[str] = []
        self.template: list[str] = []
        self.y = MARGIN
        self.right = 100.0
        self.ident = 0

    def _id(self) -> int:
        self.ident += 1
        return self.ident

    def text(self, line: str, x: float, top: float, into: list[str] | None = None) -> None:
        """One line of text, its em squares' tops at *top*."""
        if not line.strip():
            return
        out = self.objects if into is None else into
        scale = 2.0 if self.options.ctm else 1.0
        ctm = ' CTM="0.5 0 0 0.5 0 0"' if self.options.ctm else ""
        pieces = (
            [(x + _width(line[:n]), c) for n, c in enumerate(line)]
            if self.options.per_char
            else [(x, line)]
        )
        for left, piece in pieces:
            if not piece.strip():
                continue
            deltas = _deltas(piece, self.options.compress, scale)
            delta = f' DeltaX="{deltas}"' if deltas else ""
            out.append(
                f'<ofd:TextObject ID="{self._id()}" Boundary="{_number(left)} {_number(top)} '
                f'{_number(_width(piece) + 1)} {_number(LEAD)}" Font="1" '
                f'Size="{_number(SIZE * scale)}"{ctm}>'
                f'<ofd:TextCode X="0" Y="{_number(0.85 * SIZE * scale)}"{delta}>'
                f"{escape(piece)}</ofd:TextCode></ofd:TextObject>"
            )
        self.right = max(self.right, x + _width(line))

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if self.options.borders == "thin":
            left, top = min(x0, x1) - 0.1, min(y0, y1) - 0.1
            w, h = abs(x1 - x0) + 0.2, abs(y1 - y0) + 0.2
            self.objects.append(
                f'<ofd:PathObject ID="{self._id()}" Boundary="{_number(left)} {_number(top)} '
                f'{_number(w)} {_number(h)}" Stroke="false" Fill="true"><ofd:AbbreviatedData>'
                f"M 0 0 L {_number(w)} 0 L {_number(w)} {_number(h)} L 0 {_number(h)} C"
                "</ofd:AbbreviatedData></ofd:PathObject>"
            )
            return
        self.objects.append(
            f'<ofd:PathObject ID="{self._id()}" Boundary="{_number(min(x0, x1))} '
            f'{_number(min(y0, y1))} {_number(abs(x1 - x0) + 0.1)} {_number(abs(y1 - y0) + 0.1)}">'
            f"<ofd:AbbreviatedData>M {_number(x0 - min(x0, x1))} {_number(y0 - min(y0, y1))} "
            f"L {_number(x1 - min(x0, x1))} {_number(y1 - min(y0, y1))}</ofd:AbbreviatedData>"
            "</ofd:PathObject>"
        )

    def box(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if self.options.borders == "rects":
            w, h = x1 - x0, y1 - y0
            self.objects.append(
                f'<ofd:PathObject ID="{self._id()}" Boundary="{_number(x0)} {_number(y0)} '
                f'{_number(w + 0.1)} {_number(h + 0.1)}"><ofd:AbbreviatedData>'
                f"M 0 0 L {_number(w)} 0 L {_number(w)} {_number(h)} L 0 {_number(h)} C"
                "</ofd:AbbreviatedData></ofd:PathObject>"
            )
            return
        for a, b, c, d in ((x0, y0, x1, y0), (x1, y0, x1, y1), (x0, y1, x1, y1), (x0, y0, x0, y1)):
            self.line(a, b, c, d)


def _table(page: _Page, rows: tuple[SheetRow, ...], sizes: list[float]) -> None:
    lefts = [MARGIN]
    for size in sizes:
        lefts.append(lefts[-1] + size)
    wrapped = {
        (r, cell.col): _wrap(cell.text, lefts[cell.col + cell.span] - lefts[cell.col] - 2 * PAD)
        for r, row in enumerate(rows)
        for cell in row.cells
    }
    heights = [LEAD + 2 * PAD] * len(rows)
    for r, row in enumerate(rows):
        for cell in row.cells:
            if cell.down == 1:
                heights[r] = max(heights[r], len(wrapped[r, cell.col]) * LEAD + 2 * PAD)
    for r, row in enumerate(rows):
        for cell in row.cells:
            if cell.down > 1:
                need = len(wrapped[r, cell.col]) * LEAD + 2 * PAD
                have = sum(heights[r : r + cell.down])
                heights[r + cell.down - 1] += max(0.0, need - have)
    tops = [page.y]
    for height in heights:
        tops.append(tops[-1] + height)
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        for cell in row.cells:
            covered |= {(r + d, cell.col + s) for d in range(cell.down) for s in range(cell.span)}
            page.box(lefts[cell.col], tops[r], lefts[cell.col + cell.span], tops[r + cell.down])
            for n, text in enumerate(wrapped[r, cell.col]):
                page.text(text, lefts[cell.col] + PAD, tops[r] + PAD + n * LEAD)
    for r in range(len(rows)):
        for col in range(len(sizes)):
            if (r, col) not in covered:
                page.box(lefts[col], tops[r], lefts[col + 1], tops[r + 1])
    page.y = tops[-1] + LEAD
    page.right = max(page.right, lefts[-1])


def write_ofd(document: Document, path: Path, locations: Locations) -> None:
    """An OFD file (see the module's docstring)."""
    walk = list(events(document))
    sizes = column_widths(walk, _measure, CAP)
    name = str(path)
    pages = [_Page(document)]
    for event in walk:
        page = pages[-1]
        if isinstance(event, Text):
            into = (
                page.template if event.kind == "furniture" and document.options.template else None
            )
            for line in event.text.split("\n"):
                page.text(line, MARGIN, page.y, into)
                page.y += LEAD
            for p in event.paths:
                locations[event.table].setdefault(p, f"{name}:p{len(pages)}")
        elif isinstance(event, Rows):
            _table(page, event.rows, sizes[event.table])
            for row in event.rows:
                for cell in row.cells:
                    for p in cell.paths:
                        locations[event.table].setdefault(p, f"{name}:p{len(pages)}")
        elif isinstance(event, Break):
            pages.append(_Page(document))
    _package(pages, path)


def _package(pages: list[_Page], path: Path) -> None:
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    entries = "".join(
        f'<ofd:Page ID="{100 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
        for n in range(len(pages))
    )
    templates = "".join(
        f'<ofd:TemplatePage ID="{900 + n}" BaseLoc="Tpls/Tpl_{n}/Content.xml"/>'
        for n, page in enumerate(pages)
        if page.template
    )
    parts = {
        "OFD.xml": f'{head}<ofd:OFD xmlns:ofd="{_NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
        "<ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f'{head}<ofd:Document xmlns:ofd="{_NS}"><ofd:CommonData>'
        "<ofd:MaxUnitID>0</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
        f"</ofd:PhysicalBox></ofd:PageArea>{templates}</ofd:CommonData>"
        f"<ofd:Pages>{entries}</ofd:Pages></ofd:Document>",
    }
    for n, page in enumerate(pages):
        size = f"0 0 {_number(page.right + MARGIN)} {_number(page.y + MARGIN)}"
        use = f'<ofd:Template TemplateID="{900 + n}" ZOrder="Foreground"/>' if page.template else ""
        parts[f"Doc_0/Pages/Page_{n}/Content.xml"] = (
            f'{head}<ofd:Page xmlns:ofd="{_NS}">{use}<ofd:Area><ofd:PhysicalBox>{size}'
            '</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID="1">'
            f"{''.join(page.objects)}</ofd:Layer></ofd:Content></ofd:Page>"
        )
        if page.template:
            parts[f"Doc_0/Tpls/Tpl_{n}/Content.xml"] = (
                f'{head}<ofd:Page xmlns:ofd="{_NS}"><ofd:Content><ofd:Layer ID="1">'
                f"{''.join(page.template)}</ofd:Layer></ofd:Content></ofd:Page>"
            )
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():  # a fixed time: the same document gives the same bytes
            member = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(member, text, compress_type=zipfile.ZIP_DEFLATED)
