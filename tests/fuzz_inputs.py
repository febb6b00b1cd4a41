"""Hostile inputs for the fuzzing suite (:mod:`tests.test_fuzz`).

Mutation-based: each strategy starts from a real, bundled file (a department
file, a project table, a published-table form) and damages it the way a
careless or hostile writer would — a hostile number or a value of the wrong
type in place of a value, a key deleted or duplicated, deep nesting, control
and direction characters, truncation, flipped bytes, shuffled, duplicated or
shifted lines, injected HTML. The Python API gets hostile values of every
type. Also the guards every fuzz call runs under: a per-call time limit and
the "only the library's own errors" check.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import io
import os
import re
import shutil
import signal
import tempfile
import tracemalloc
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
from hypothesis import strategies as st

from tests.layouts.bundle import document as bundled_document
from tests.layouts.document import Options
from tests.layouts.forms import render
from tests.layouts.forms_mht import wrap_page

ROOT = Path(__file__).resolve().parent.parent

DEPARTMENT_FILES = sorted((ROOT / "examples").glob("*.toml"))
PROJECT_FILES = sorted((ROOT / "examples" / "projects").glob("*.toml"))
FORMS_DIR = ROOT / "docs" / "guides" / "data" / "forms"
TEXT_FORMS = [
    ROOT / "docs" / "guides" / "data" / "luohu-2023-tables-1-2.txt",
    FORMS_DIR / "luohu-2023-tables-1-2.md",
    FORMS_DIR / "luohu-2023-tables-1-2.html",
    FORMS_DIR / "luohu-2023-tables-1-2.layout.txt",
    FORMS_DIR / "luohu-2023-tables-1-2.csv",
]
XLSX_FORM = FORMS_DIR / "luohu-2023-tables-1-2.xlsx"
DOCX_FORM = FORMS_DIR / "luohu-2023-tables-1-2.docx"
XLS_FORM = FORMS_DIR / "luohu-2023-tables-1-2.xls"
OFD_FORM = FORMS_DIR / "luohu-2023-tables-1-2.ofd"
HTML_FORM = FORMS_DIR / "luohu-2023-tables-1-2.html"

CALL_SECONDS = float(os.environ.get("FUZZ_CALL_SECONDS", "10"))
"""The time one call may take on one input (a loaded 2-core runner is slow;
a hang is minutes, not seconds)."""


# ---------------------------------------------------------------- guards


class FuzzTimeout(BaseException):
    """A call ran past :data:`CALL_SECONDS` (a BaseException: no ``except
    Exception`` in the library swallows it)."""


@contextlib.contextmanager
def bounded(seconds: float = CALL_SECONDS) -> Iterator[None]:
    """Run the block under a real-time alarm: :class:`FuzzTimeout` past *seconds*."""

    def alarm(signum: int, frame: object) -> None:
        raise FuzzTimeout(f"a call took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


INPUT_MIB = float(os.environ.get("FUZZ_INPUT_MIB", "256"))
"""The most memory (MiB) reading one input may take at its peak, as
:mod:`tracemalloc` counts it (Python's allocations): generous — every reader
refuses a file over 20 MB (50 MB for a PDF) and bounds its rows, cells and
pages, and the largest hostile input measured peaks at 70 MiB."""


class MemoryBound:
    """Trace the block's allocations (:mod:`tracemalloc`); on leaving it, fail
    when their peak passed *mib* (also when the block raised: the bound holds
    for an input refused as for one read)."""

    def __init__(self, mib: float = INPUT_MIB) -> None:
        self.mib = mib
        self.peak = 0

    def __enter__(self) -> MemoryBound:
        tracemalloc.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert self.peak <= self.mib * 2**20, (
            f"one input took {self.peak / 2**20:.0f} MiB (bound {self.mib:.0f} MiB)"
        )


# ---------------------------------------------------------------- hostile values

HOSTILE_NUMBER_TEXTS = [
    "157,46",
    "84,51%",
    "1.571,04",
    "1,1",
    "1_1",
    "1e999999",
    "1E-999",
    "1e5",
    "NaN",
    "nan",
    "sNaN",
    "inf",
    "-Infinity",
    "-0",
    "-0.00",
    "-3",
    "９９",
    "１,２３４",
    "１，１７１．０４",
    "８４．５１％",
    "9" * 5000,
    "1" + "0" * 40,
    "0." + "0" * 60 + "1",
    "5.",
    ".5",
    "٣",
    "²",
    "1.234.567",
    "150%",
    "-150%",
    "1000%",
    "190.7万",
    "1.2亿元",
    "99999999999999亿",
    "#####",
    "#DIV/0!",
    "—",
    "无",
    "",
    " ",
    "100\x00",
    "\u202e001",
    "1\u0301",
    "\ufeff100",
    "1\u200b00",
    "≥157,46人",
    "≤5万元",
    "100%; 100%",
    "≥" * 200,
    "x" * 100_000,
]
"""Texts that print a number wrongly, ambiguously, hugely, or not at all."""

HOSTILE_TEXTS = [
    "\x00",
    "\x1b[31m",
    "\u202eevil\u202c",
    "\u200f\u200e",
    "e\u0301\u0301\u0301",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "x/../../name",
    "../../../../tmp/escape",
    "/etc/passwd",
    "CON",
    "..",
    "a\nb\r\nc",
    "\t\t\t",
    "=1+1",
    "@SUM(A1)",
    "{{}}",
    "%s%n",
    "🙂" * 50,
    "名" * 300,
]
"""Text that hides control, direction or markup, or names a path."""

hostile_number_texts = st.sampled_from(HOSTILE_NUMBER_TEXTS)
hostile_texts = st.sampled_from(HOSTILE_TEXTS) | st.text(max_size=40)

hostile_decimals = st.sampled_from(
    [
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
        Decimal("1e999999"),
        Decimal("1e-999999"),
        Decimal("-0"),
        Decimal("-1"),
        Decimal("1E+30"),
        Decimal("0E-50"),
        Decimal("100.5"),
        Decimal("1000"),
    ]
) | st.decimals(allow_nan=True, allow_infinity=True, places=None)

scalars: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([30, -30, 5000, -5000]).map(lambda n: 10 ** abs(n) * (1 if n > 0 else -1)),
    st.floats(allow_nan=True, allow_infinity=True),
    hostile_decimals,
    hostile_number_texts,
    hostile_texts,
    st.binary(max_size=8),
)

hostile_values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
"""Any value of any type: for arguments and for file values."""


DEEP = "\u0000deep-nesting\u0000"
"""A value that :func:`tests.test_fuzz.as_json` writes as a list nested 3,000 deep
(too deep to build and copy as Python data)."""


def deep(depth: int) -> Any:
    """A list nested *depth* deep."""
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


# ---------------------------------------------------------------- data mutations

# One TOML value literal in place of a value (mutating the TOML text keeps
# everything else as it was).
TOML_LITERALS = [
    *(f'"{t}"' for t in HOSTILE_NUMBER_TEXTS if "\x00" not in t and len(t) < 300),
    "1e999999",
    "-1e999999",
    "nan",
    "inf",
    "-0",
    "-0.0",
    "1e-999",
    "9" * 5000,
    "-1",
    "0",
    "1000",
    "1_000",
    "true",
    "false",
    "[]",
    "[1, 2]",
    '["a", ["b"]]',
    "{}",
    '{ a = "1" }',
    "1979-05-27",
    "07:32:00",
    '"\\u0000"',
    '"\\u202eevil"',
    '"\\u0007\\u001b"',
    '"e\\u0301\\u0301"',
    '"<script>alert(1)</script>"',
    '"x/../../name"',
    '""',
    "[" * 2000 + "]" * 2000,
]

_VALUE_LINE = re.compile(r"^(\s*[\w.\"-]+\s*=\s*)(.+)$")


@st.composite
def mutated_toml(draw: st.DrawFn, files: list[Path]) -> bytes:
    """A bundled TOML file, damaged by a few mutations."""
    text = draw(st.sampled_from(files)).read_text(encoding="utf-8")
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(
                ["value", "value", "value", "delete", "duplicate", "text", "header", "deep"]
            )
        )
        index = draw(st.integers(0, max(len(lines) - 1, 0)))
        if not lines:
            break
        line = lines[index]
        if kind == "value":
            candidates = [i for i, x in enumerate(lines) if _VALUE_LINE.match(x)]
            if candidates:
                index = draw(st.sampled_from(candidates))
                match = _VALUE_LINE.match(lines[index])
                assert match is not None
                lines[index] = match.group(1) + draw(st.sampled_from(TOML_LITERALS))
        elif kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        elif kind == "text":
            lines.insert(index, draw(st.text(max_size=30)).replace("\x00", ""))
        elif kind == "header":
            lines.insert(
                index,
                draw(
                    st.sampled_from(
                        ["[inputs]", "[[rows]]", "[project]", "[a.b.c]", "[funds.total]"]
                    )
                ),
            )
        else:
            lines.insert(index, f"deep = {'[' * draw(st.integers(10, 3000))}{']' * 3000}"[:7000])
    data = "\n".join(lines).encode("utf-8")
    return _byte_damage(draw, data)


def _byte_damage(draw: st.DrawFn, data: bytes) -> bytes:
    """Now and then: cut at a random byte, or flip a few bytes."""
    kind = draw(st.sampled_from(["none", "none", "none", "truncate", "flip"]))
    if kind == "truncate" and data:
        return data[: draw(st.integers(0, len(data)))]
    if kind == "flip" and data:
        damaged = bytearray(data)
        for _ in range(draw(st.integers(1, 5))):
            at = draw(st.integers(0, len(damaged) - 1))
            damaged[at] = draw(st.integers(0, 255))
        return bytes(damaged)
    return data


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


@st.composite
def mutated_data(draw: st.DrawFn, data: Any) -> Any:
    """Plain data (as read from a TOML file) with a few values replaced by
    hostile ones of any type, keys deleted, or values nested deeply."""
    import copy

    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        kind = draw(st.sampled_from(["replace", "replace", "delete", "deep", "wrap"]))
        if kind == "delete":
            del parent[path[-1]]
        elif kind == "deep":  # written out as thousands of brackets (see DEEP)
            parent[path[-1]] = draw(st.sampled_from([deep(50), deep(200), DEEP]))
        elif kind == "wrap":
            parent[path[-1]] = draw(st.sampled_from([[parent[path[-1]]], {"x": parent[path[-1]]}]))
        else:
            parent[path[-1]] = draw(hostile_values)
    return data


def json_default(value: Any) -> Any:
    """Write what JSON has no form for (a Decimal, bytes) as text."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    raise TypeError(type(value).__name__)


# ---------------------------------------------------------------- blank rows

_ROW_REF = re.compile(r'(<row r=")(\d+)|(?<=[":])([A-Z]{1,3})(\d+)(?=[":])')


def blank_rows_xlsx(target: Path, count: int, after: int = 22) -> Path:
    """The xlsx form (:data:`XLSX_FORM`) with *count* blank rows (a row with
    a height and no cell, as Excel saves rows formatted and left empty)
    inserted after row *after* (22: among the first table's indicator rows);
    the rows, cells and merged ranges below are moved down. Built as XML in
    well under a second for a million rows."""
    with zipfile.ZipFile(XLSX_FORM) as archive:
        parts = {item.filename: archive.read(item) for item in archive.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")

    def moved(match: re.Match[str]) -> str:
        if match.group(1):
            number = int(match.group(2))
            return match.group(1) + str(number + count if number > after else number)
        number = int(match.group(4))
        return match.group(3) + str(number + count if number > after else number)

    sheet = _ROW_REF.sub(moved, sheet)
    cut = sheet.index(f'<row r="{after + 1 + count}"')
    blank = "".join(
        f'<row r="{r}" ht="15" customHeight="1"/>' for r in range(after + 1, after + 1 + count)
    )
    parts["xl/worksheets/sheet1.xml"] = (sheet[:cut] + blank + sheet[cut:]).encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return target


# ---------------------------------------------------------------- forms


@st.composite
def mutated_form(draw: st.DrawFn) -> tuple[str, bytes]:
    """A published-table form (.txt, .md, .html, .csv, an XML Spreadsheet, a Word 2003
    XML document) damaged line by line: lines shuffled, duplicated or deleted, cells
    shifted by tabs, pipes, commas or quotes, a number replaced by a hostile one, HTML
    injected; text and web pages named .xls or .doc now and then (read by their
    content). Returns (suffix, content)."""
    source = draw(st.sampled_from([*TEXT_FORMS, _xmlss_form(), _wordml_form()]))
    lines = draw(mutated_lines(source))
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    suffix = ".txt" if source.suffix == ".txt" else source.suffix
    if suffix in (".txt", ".html") and draw(st.integers(0, 3)) == 0:
        # as systems export "Excel" (and a page as "Word"): read by its content
        suffix = ".doc" if suffix == ".html" and draw(st.booleans()) else ".xls"
    return suffix, _byte_damage(draw, data)


@functools.cache
def _xmlss_form() -> Path:
    """The bundled tables as an XML Spreadsheet (named .xls), written once."""
    folder = Path(tempfile.mkdtemp(prefix="jixiao-fuzz-"))
    atexit.register(shutil.rmtree, folder, True)
    return render(bundled_document("xmlss"), folder, "luohu-2023-tables-1-2").path


@functools.cache
def _wordml_form() -> Path:
    """The bundled tables as a Word 2003 XML document (named .doc), an element
    a line, written once."""
    folder = Path(tempfile.mkdtemp(prefix="jixiao-fuzz-"))
    atexit.register(shutil.rmtree, folder, True)
    options = Options(word_xml="2003", suffix=".doc")
    path = render(
        attrs.evolve(bundled_document("docx"), options=options), folder, "luohu-2023-tables-1-2"
    ).path
    path.write_text(path.read_text("utf-8").replace("><", ">\n<"), "utf-8")
    return path


_MOVES = ("delete", "duplicate", "swap")


def _move(draw: st.DrawFn, lines: list[Any], kind: str, index: int) -> None:
    """Delete the line at *index*, duplicate it, or swap it with another."""
    if kind == "delete":
        del lines[index]
    elif kind == "duplicate":
        lines[index:index] = [lines[index]] * draw(st.integers(1, 3))
    else:
        other = draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], lines[index]


@st.composite
def mutated_lines(draw: st.DrawFn, source: Path) -> list[str]:
    """The lines of the form *source*, damaged (see :func:`mutated_form`)."""
    lines = source.read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        kind = draw(
            st.sampled_from(
                ["number", "number", "shift", "delete", "duplicate", "swap", "html", "text", "cell"]
            )
        )
        if kind == "number":
            numbers = [i for i, x in enumerate(lines) if re.search(r"\d", x)]
            if numbers:
                index = draw(st.sampled_from(numbers))
                hostile = draw(hostile_number_texts).replace("\n", " ")[:5000]
                lines[index] = re.sub(
                    r"\d[\d.,]*", hostile.replace("\\", "\\\\"), lines[index], count=1
                )
        elif kind == "shift":
            sep = {".md": "|", ".csv": draw(st.sampled_from([",", '"']))}.get(source.suffix, "\t")
            at = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:at] + sep * draw(st.integers(1, 3)) + lines[index][at:]
        elif kind in _MOVES:
            _move(draw, lines, kind, index)
        elif kind == "html":
            lines.insert(
                index,
                draw(
                    st.sampled_from(
                        [
                            "<table><tr><td>项目编码:</td><td>x/../../n</td></tr>",
                            "</table></table></td>",
                            "<td colspan=999999 rowspan=999999>1</td>",
                            "<td colspan=-1>得分</td>",
                            "<script>alert(1)</script>",
                            "<!-- unclosed",
                            "<![CDATA[",
                            "&#0;&#xffffffff;&amp",
                            "<tr>" * 500,
                            '<meta charset="rot13">',  # a codec, of no text
                            "<meta charset=x-unknown-charset>",
                        ]
                    )
                ),
            )
        elif kind == "cell":
            sep = "," if source.suffix == ".csv" else "\t"
            cells = lines[index].split(sep)
            cells[draw(st.integers(0, len(cells) - 1))] = draw(
                hostile_texts | hostile_number_texts
            )[:300]
            lines[index] = sep.join(cells)
        else:
            lines.insert(index, draw(st.text(max_size=40)))
    return lines


# ---------------------------------------------------------------- PDF

PDF_FONT = "STSong-Light"
"""reportlab's built-in CID font for Chinese (no font file needed)."""
PDF_TEXT_FORM = TEXT_FORMS[0]
"""The text form whose lines (cells split at tabs) the PDFs print."""


def pdf_of_lines(lines: list[str], ruled: bool) -> bytes:
    """A PDF printing *lines* (cells split at tabs) in columns, 80 lines a
    page; with *ruled*, each cell boxed (a ruled table, as Excel exports it),
    else words placed in columns. reportlab is the tests' extra (lazy import).

    Raises:
        Exception: whatever reportlab raises for a text it cannot draw.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    size, per_page = 7.0, 80
    rows = [line.split("\t") for line in lines] or [[""]]
    widths = [20.0] * max(len(r) for r in rows)
    for row in rows:
        for i, text in enumerate(row):
            width = pdfmetrics.stringWidth(text[:300], PDF_FONT, size) + 8
            widths[i] = min(max(widths[i], width), 300.0)
    height = 2 * size
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(min(sum(widths), 14_000.0) + 60, per_page * height + 60))
    for start in range(0, len(rows), per_page):
        y = per_page * height + 30
        for row in rows[start : start + per_page]:
            x = 30.0
            for i, text in enumerate(row):
                if ruled:
                    canvas.rect(x, y - height, widths[i], height)
                canvas.setFont(PDF_FONT, size)
                canvas.drawString(x + 4, y - height + 4, text[:300])
                x += widths[i]
            y -= height
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def page_tree_pdf(pages: int, *, declared: int | None = None, distinct: bool = True) -> bytes:
    """A PDF of *pages* empty pages, written by hand: each its own object
    (*distinct*) or one page object listed *pages* times; its page tree
    declaring ``/Count`` *declared* (default: the truth)."""
    count = pages if declared is None else declared
    kids = [3 + (i if distinct else 0) for i in range(pages)]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % k for k in kids)
        + b"] /Count %d >>" % count,
        *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * (len(set(kids)) or 1),
    ]
    return pdf_of_objects(objects)


def pdf_of_objects(objects: list[bytes]) -> bytes:
    """A PDF file of *objects* (numbered from 1, the first the catalog), with
    its cross-reference table, written by hand."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    return bytes(out + b"startxref\n%d\n%%%%EOF\n" % xref)


_PDF_PAGES = [
    lambda: page_tree_pdf(0),
    lambda: page_tree_pdf(1),
    lambda: page_tree_pdf(40),
    lambda: page_tree_pdf(501),  # over the bound: refused
    lambda: page_tree_pdf(1, declared=10**9),  # a /Count that lies
    lambda: page_tree_pdf(1, declared=-1),
    lambda: page_tree_pdf(2_000, distinct=False),  # one page listed 2,000 times
]


@st.composite
def hostile_pdf(draw: st.DrawFn) -> bytes | None:
    """A hostile PDF: the tables of the text form printed with hostile content
    (its lines damaged as :func:`mutated_form` damages them), ruled or not;
    such a PDF cut at a random byte or with bytes flipped; garbage behind a
    ``%PDF`` header; an empty, huge or lying page tree. ``None`` when
    reportlab cannot draw the text drawn."""
    kind = draw(st.sampled_from(["table", "table", "damaged", "garbage", "pages"]))
    if kind == "garbage":
        header = draw(st.sampled_from([b"%PDF-1.4\n", b"%PDF-", b"%PDF-2.0\r%\xe2\xe3\n"]))
        return header + draw(st.binary(max_size=2_000))
    if kind == "pages":
        return draw(st.sampled_from(_PDF_PAGES))()
    lines = draw(mutated_lines(PDF_TEXT_FORM))
    lines = [line.encode("utf-8", "replace").decode("utf-8") for line in lines]
    try:
        data = pdf_of_lines(lines, ruled=draw(st.booleans()))
    except Exception:  # reportlab cannot draw it: not the library's concern
        return None
    if kind == "damaged":
        damaged = _byte_damage(draw, data)
        return damaged if damaged != data else data[: draw(st.integers(0, len(data)))]
    return data


# ---------------------------------------------------------------- Word


_DOCX_TEXT = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")
_DOCX_PROPERTY = re.compile(r'<w:(gridSpan|vMerge|gridBefore) w:val="[^"]*"/>|<w:vMerge/>')
_DOCX_VALUES = ["0", "-1", "65", "99999999999999999999", "x", "", "restart", "continue"]


@st.composite
def mutated_docx(draw: st.DrawFn) -> bytes:
    """The bundled Word document with its document part damaged: texts
    replaced by hostile ones, merge and span properties given hostile values,
    elements deleted or duplicated, then now and then its bytes cut or flipped
    (the XML or the zip). Returns the file's bytes."""
    with zipfile.ZipFile(DOCX_FORM) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    document = parts["word/document.xml"].decode("utf-8")
    texts = list(_DOCX_TEXT.finditer(document))
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["text", "property", "delete", "duplicate"]))
        if kind == "text" and texts:
            match = draw(st.sampled_from(texts))
            hostile = draw(hostile_number_texts | hostile_texts)
            escaped = hostile.replace("&", "&amp;").replace("<", "&lt;")
            document = document.replace(
                match.group(0), match.group(1) + escaped + match.group(3), 1
            )
        elif kind == "property":
            name = draw(st.sampled_from(["gridSpan", "vMerge", "gridBefore"]))
            value = draw(st.sampled_from(_DOCX_VALUES))
            document = _DOCX_PROPERTY.sub(f'<w:{name} w:val="{value}"/>', document, count=1)
        else:
            tag = draw(st.sampled_from(["w:tc", "w:tr", "w:p", "w:tbl"]))
            spans = [m.span() for m in re.finditer(f"<{tag}>.*?</{tag}>", document)]
            if spans:
                start, end = draw(st.sampled_from(spans))
                twice = document[start:end] * 2 if kind == "duplicate" else ""
                document = document[:start] + twice + document[end:]
    parts["word/document.xml"] = _byte_damage(draw, document.encode("utf-8", "surrogatepass"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return _byte_damage(draw, out.getvalue())


# ---------------------------------------------------------------- OFD

_OFD_TEXT = re.compile(r"(<ofd:TextCode[^>]*>)([^<]*)(</ofd:TextCode>)")
_OFD_NUMBER = re.compile(r'(Boundary|CTM|Size|X|Y|DeltaX|BaseLoc|TemplateID)="[^"]*"')
_OFD_VALUES = [
    "nan", "inf", "-1e308", "1e308", "", "abc", "0 0 0", "g 999999999999 1", "g", "g 2",
    "../../../etc/passwd", "/", "Pages/Page_9/Content.xml", "0.5 0 0 0.5 1e300 0",
]  # fmt: skip
_OFD_DATA = re.compile(r"<ofd:AbbreviatedData>([^<]*)<")
_OFD_PATHS = ["", "M", "L 1", "M 0 0 L 1e308 0", "M 0 0 A 1 1 0 1 1 5 5 C", "M nan 0 L 1 1", "Z"]


@st.composite
def mutated_ofd(draw: st.DrawFn) -> bytes:
    """The bundled OFD file with its parts damaged: texts replaced by hostile
    ones, placements, sizes, offsets, locations and paths given hostile
    values, objects deleted or duplicated, then now and then its bytes cut or
    flipped (the XML or the zip). Returns the file's bytes."""
    with zipfile.ZipFile(OFD_FORM) as archive:
        parts = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    for _ in range(draw(st.integers(0, 6))):
        name = draw(st.sampled_from(sorted(parts)))
        part = parts[name]
        kind = draw(st.sampled_from(["text", "number", "path", "delete", "duplicate"]))
        if kind == "text" and (texts := list(_OFD_TEXT.finditer(part))):
            match = draw(st.sampled_from(texts))
            hostile = draw(hostile_number_texts | hostile_texts)
            escaped = hostile.replace("&", "&amp;").replace("<", "&lt;")
            part = part.replace(match.group(0), match.group(1) + escaped + match.group(3), 1)
        elif kind == "number" and (numbers := list(_OFD_NUMBER.finditer(part))):
            found = draw(st.sampled_from(numbers))
            value = draw(st.sampled_from(_OFD_VALUES))
            part = f'{part[: found.start()]}{found.group(1)}="{value}"{part[found.end() :]}'
        elif kind == "path" and (paths := list(_OFD_DATA.finditer(part))):
            found = draw(st.sampled_from(paths))
            value = draw(st.sampled_from(_OFD_PATHS))
            part = f"{part[: found.start(1)]}{value}{part[found.end(1) :]}"
        else:
            tag = draw(
                st.sampled_from(["ofd:TextObject", "ofd:PathObject", "ofd:Page", "ofd:Layer"])
            )
            spans = [m.span() for m in re.finditer(f"<{tag}[ >].*?</{tag}>", part)]
            if spans:
                start, end = draw(st.sampled_from(spans))
                twice = part[start:end] * 2 if kind == "duplicate" else ""
                part = part[:start] + twice + part[end:]
        parts[name] = part
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, _byte_damage(draw, content.encode("utf-8", "surrogatepass")))
    return _byte_damage(draw, out.getvalue())


# ---------------------------------------------------------------- Excel 97-2003


@st.composite
def mutated_xls(draw: st.DrawFn) -> bytes:
    """The bundled .xls workbook written again with xlwt, some of its cells
    given hostile values (texts, numbers, infinities, booleans, formulas) or
    emptied, then now and then its bytes cut or flipped. Returns the file's bytes."""
    import xlrd
    import xlwt

    source = xlrd.open_workbook(str(XLS_FORM))
    sheet = source.sheet_by_index(0)
    cells = {
        (row, column): sheet.cell_value(row, column)
        for row in range(sheet.nrows)
        for column in range(sheet.row_len(row))
        if sheet.cell_value(row, column) != ""
    }
    places = sorted(cells)
    for _ in range(draw(st.integers(0, 8))):
        place = (
            draw(st.sampled_from(places))
            if draw(st.booleans())
            else (draw(st.integers(0, 80)), draw(st.integers(0, 12)))
        )
        cells[place] = draw(
            hostile_number_texts.map(lambda t: t[:30000])
            | hostile_texts.map(lambda t: t.replace("\x00", ""))
            | st.floats(allow_nan=False, allow_infinity=False)
            | st.integers(-(2**52), 2**52)
            | st.booleans()
            | st.just(None)
        )
    book = xlwt.Workbook(encoding="utf-8")
    out = book.add_sheet("Sheet1", cell_overwrite_ok=True)
    for (row, column), value in cells.items():
        with contextlib.suppress(Exception):  # xlwt refuses the value
            out.write(row, column, value)
    data = io.BytesIO()
    book.save(data)
    return _byte_damage(draw, data.getvalue())


# ---------------------------------------------------------------- web archives


@st.composite
def mutated_mht(draw: st.DrawFn) -> bytes:
    """The bundled web page, damaged line by line as :func:`mutated_form` damages
    it, saved as a web archive (a browser's or Word's, in a transfer encoding
    drawn), then the archive's own lines damaged (its headers and boundaries:
    deleted, duplicated, swapped or replaced) and now and then its bytes cut or
    flipped. Returns the file's bytes."""
    page = "\n".join(draw(mutated_lines(HTML_FORM))).encode("utf-8", "surrogatepass")
    options = Options(
        archiver=draw(st.sampled_from(["blink", "word"])),
        transfer=draw(st.sampled_from(["quoted-printable", "base64", "8bit"])),
        declared=draw(st.booleans()),
        start=draw(st.booleans()),
    )
    lines = wrap_page(page, options).split(b"\r\n")
    for _ in range(draw(st.integers(0, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "replace"]))
        if kind in _MOVES:
            _move(draw, lines, kind, index)
        else:
            lines[index] = draw(
                st.sampled_from(
                    [
                        b"Content-Type: multipart/related; boundary=",
                        b"Content-Type: text/html; charset=rot13",
                        b'Content-Type: multipart/related; start="<nowhere>"; boundary="x"',
                        b"Content-Transfer-Encoding: base64",
                        b"Content-Transfer-Encoding: x-unknown",
                        b"--" + b"-" * 5000,
                        b"=" * 200,
                    ]
                )
            )
        if not lines:
            break
    return _byte_damage(draw, b"\r\n".join(lines))
