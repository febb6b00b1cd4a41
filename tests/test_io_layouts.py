"""Proof by generation (issue 11, item 5): random tables in random layouts, in every form.

Random valid tables (:mod:`tests.layouts.tables`) are laid out along every
dimension of the issue (:class:`tests.layouts.layout.Layout`, whose repr names
each choice), put 1-4 to a document with page furniture and prose around
them, and written as tab-separated text, laid-out text, Markdown, HTML, xlsx
and PDF (:mod:`tests.layouts.forms`). The properties:

* **round trip**: :func:`jixiao.io.read_tables` gives back the tables, in
  order, equal to the expected models (:func:`tests.layouts.forms.expected`,
  compared as :func:`tests.layouts.forms.comparable` says); nothing it leaves
  unplaced is of kind ``"content"``, and every page number, 填报说明 note and
  line of prose printed is reported with its kind, and every cell printed
  under a header word of no known role (§2.20) is reported (kind
  ``"column"``), never read, and every cell of a column the model has no
  place for (得分计算方法, §2.29) listed as a field;
* **clean tables audit clean**: no error-level finding; the template the
  weights imply; ``template-ambiguous`` for national weights,
  ``table-unscored`` and ``table-truncated`` for what they say;
* **planted inconsistencies are found in their cells**: the audit reports
  exactly the planted error-level findings (:mod:`tests.layouts.inject`),
  each naming the locations of its cells (for PDF, their pages).

The model-level tests (the samples audit clean; the planted findings' codes)
need no reader; the others need the layout recogniser, the six sources,
``Unplaced.kind`` and ``Finding.cells``.

Examples: each example is a document of 1-4 tables (2.3 to 2.7 on average,
by form); the per-form counts in :data:`EXAMPLES` are for CI's "ci" profile,
in which the two reader properties read at least 2,000 tables of every form
but PDF, and 1,000 of PDF (:data:`TABLES`; the tests fail when fewer were
read). For a thorough run, ten times as
many::

    HYPOTHESIS_PROFILE=thorough python -m pytest --no-cov -p no:cacheprovider tests/test_io_layouts.py

The two reader properties run untraced by coverage (the ``untraced`` fixture of
:mod:`tests.conftest`): traced, they take about twice as long (the CSV round
trip: 74 s against 35 s), and were most of the suite's time in CI. The readers'
coverage is measured by the rest of the suite (the tests of each reader, the
seeds and published tables); some fifteen statements only these properties
reach go unmeasured.

Writing PDFs needs reportlab and reading them pdfplumber; writing xlsx needs
openpyxl (their tests are skipped without them).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from typing import cast

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.io import ReadResult, read_tables
from jixiao.io._form_words import (
    FUNDS_HEADER,
    INDICATOR_HEADER,
)
from jixiao.io._vocab import (
    header_word,
)
from jixiao.project import Audit, ProjectTable, Severity, audit

from .conftest import require_module
from .layouts.document import Document, Placed, documents
from .layouts.expected import expected as model_expected
from .layouts.expected import shown
from .layouts.forms import FORMS, Rendered, comparable, expected, render
from .layouts.inject import Plant, findings, planted_samples
from .layouts.layout import (
    ACTUAL_WORDS,
    BUDGET_WORDS,
    EXECUTED_WORDS,
    INITIAL_WORDS,
    NOTE_WORDS,
    PART_WORDS,
    RATE_WORDS,
    SECTION_WORDS,
    TARGET_WORDS,
    WEIGHT_WORDS,
    Layout,
    layouts,
)
from .layouts.sheet import build, pages
from .layouts.tables import Sample, map_rows, samples
from .layouts.verify import printed_at, value_at

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"

EXAMPLES = {
    "tsv": 500,
    "csv": 500,
    "layout": 500,
    "markdown": 500,
    "drawn": 500,
    "html": 500,
    "html-bare": 500,
    "mht": 500,
    "xlsx": 500,
    "xls": 500,
    "xmlss": 500,
    "docx": 500,
    "pdf": 300,
    "ofd": 500,
}
"""Documents per form and property in the "ci" profile (ten times as many when thorough).
PDF has fewer: reading one (pdfplumber's layout analysis of its pages) takes some
0.12 s, three times that under coverage. 300 leave room above the 500 tables
:data:`TABLES` wants: its documents hold 2.3 tables on average, but one CI run of
the compiled build drew documents of 1.9 (473 tables in 250)."""

TABLES = {"pdf": 500}
"""Tables each reader property must have read per form in the "ci" profile, 1,000
for the forms not named (ten times as many when thorough): with the round trip
and the planted inconsistencies, at least 2,000 tables of each text form, HTML
and xlsx, and 1,000 of PDF, checked after each run (:func:`_enough`).
Documents hold 2.3 to 2.7 tables on average, by form."""

MODEL_EXAMPLES = 300
"""Examples of the model-level properties (ten times as many when thorough)."""

NEEDS = {"xlsx": ("openpyxl",), "xls": ("xlrd", "xlwt"), "pdf": ("reportlab", "pdfplumber")}


def _examples(form: str) -> int:
    return EXAMPLES.get(form, MODEL_EXAMPLES) * (10 if THOROUGH else 1)


def _enough(form: str, tables: list[int]) -> None:
    """Fail when the documents a property read (*tables*: each one's count of
    tables) held fewer tables than :data:`TABLES` says."""
    wanted = TABLES.get(form, 1_000) * (10 if THOROUGH else 1)
    assert sum(tables) >= wanted, (
        f"{form}: {sum(tables)} tables in {len(tables)} documents; at least {wanted} wanted"
    )


def _needs(form: str) -> None:
    for module in NEEDS.get(form, ()):
        require_module(module)


def differences(got: object, want: object, path: str = "") -> list[str]:
    """What differs between a table read and the one expected, value by value."""
    if attrs.has(type(want)) and type(got) is type(want):
        found: list[str] = []
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(want))):
            if field.eq:
                where = f"{path}.{field.name}" if path else field.name
                found += differences(getattr(got, field.name), getattr(want, field.name), where)
        return found
    if isinstance(want, tuple) and isinstance(got, tuple) and len(got) == len(want):
        return [
            d
            for n, (g, w) in enumerate(zip(got, want, strict=True))
            for d in differences(g, w, f"{path}[{n}]")
        ]
    return [] if got == want else [f"{path}: read {got!r}, expected {want!r}"]


_SPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def _read(document: Document, directory: Path) -> tuple[Rendered, ReadResult]:
    rendered = render(document, directory)
    result = read_tables(rendered.path)
    count = len(document.tables())
    assert len(result.tables) == count, (
        f"{document.form}: {len(result.tables)} tables read, {count} printed; "
        f"unplaced: {[str(u) for u in result.unplaced][:8]}"
    )
    assert result.numbers == tuple(range(1, count + 1)), result.numbers
    assert result.unread == ()
    return rendered, result


_GUARDED = re.compile(r":p(\d+):\d+: ruling lines cross at up to [\d,]+ points")


def _expected_read(
    placed: Placed, form: str, result: ReadResult, where: dict[str, str]
) -> ProjectTable:
    """The table a reader must give back for *placed* (:func:`expected`), where
    a PDF page whose ruling lines may cross at too many points is not searched
    for tables (:mod:`jixiao.io.sources` notes it) but read as words, without
    merges, as laid-out text is (the generator's tall pages of several long
    tables can be such pages): a note merged over rows from such a page comes
    back on its first row only. Each merged note is placed by the page its
    first row prints on (a table's rows may run over pages of both kinds)."""
    table = expected(placed, form)
    if form != "pdf":
        return table
    guarded = {match.group(1) for note in result.notes if (match := _GUARDED.search(note))}
    followers = set()
    for first, stop in placed.sample.note_groups:
        page = re.search(r":p(\d+)", where.get(f"rows.{first}.name", ""))
        if page is not None and page.group(1) in guarded:
            followers |= set(range(first + 1, stop))
    return map_rows(table, lambda k, row: attrs.evolve(row, note="") if k in followers else row)


def _audits_clean(checked: Audit, placed: Placed) -> None:
    layout = placed.layout
    errors = [(f.code, f.row, f.field, f.printed) for f in checked.errors]
    assert not errors, f"clean table audited with errors {errors}; layout {layout!r}"
    codes = {f.code: f.severity for f in checked.findings}
    implied = placed.sample.template
    if layout.cut is None:  # the weights say which template, and which others they fit
        assert checked.template.id == implied, f"template {checked.template.id}, not {implied}"
        ambiguous = placed.sample.ambiguous
        assert bool(checked.alternatives) is ambiguous, f"ambiguous: {checked.alternatives}"
        if "template-ambiguous" in codes:  # said only when the choice changes the outcome
            assert ambiguous, codes
    elif layout.level1_label:  # a cut table fits as far as it goes: among the fitting ones
        fitting = {checked.template.id, *checked.alternatives}
        assert implied in fitting, f"template {implied} not among {fitting}"
    if layout.unscored:
        assert codes.get("table-unscored") is Severity.INFO, f"unscored: {codes}"
    if layout.cut is not None:
        assert codes.get("table-truncated") is Severity.WARNING, f"truncated: {codes}"


# ---------------------------------------------------------------- the generator itself (no reader)


@settings(max_examples=_examples("model"))
@given(samples())
def test_clean_samples_audit_without_errors(sample: Sample) -> None:
    checked = audit(sample.table)
    assert not checked.errors, [(f.code, f.row, f.field) for f in checked.errors]
    assert checked.template.id == sample.template


@settings(max_examples=_examples("model"))
@given(planted_samples())
def test_planted_inconsistencies_give_their_findings_in_the_model(
    drawn: tuple[Sample, Layout, tuple[Plant, ...]],
) -> None:
    sample, _, plants = drawn
    want = Counter(code for code, _ in findings(sample, plants))
    got = Counter(f.code for f in audit(shown(sample)).errors)
    assert got == want, (plants, sample.misprints)


@pytest.mark.parametrize("form", FORMS)
def test_every_printed_value_is_located_once_on_well_formed_pages(
    form: str, tmp_path: Path
) -> None:
    _needs(form)

    @settings(max_examples=3 if form == "pdf" else 40)
    @given(documents(form))
    def check(document: Document) -> None:
        rendered = render(document, tmp_path)
        for placed, where in zip(document.tables(), rendered.locations, strict=True):
            sheet = build(placed.sample, placed.layout)
            inside = {r for a, b in sheet.notes for r in range(a + 1, b)}
            assert not inside & set(placed.layout.breaks)
            for page in pages(sheet, placed.layout.breaks, placed.layout.repeat_header):
                covered: set[tuple[int, int]] = set()
                for r, row in enumerate(page):
                    for cell in row.cells:
                        spots = {
                            (r + d, cell.col + s)
                            for d in range(cell.down)
                            for s in range(cell.span)
                        }
                        assert not spots & covered, (form, r, cell)
                        assert r + cell.down <= len(page), (form, r, cell)
                        covered |= spots
            table = model_expected(placed.sample, placed.layout)
            wanted = {
                f"rows.{k}.{f}"
                for k in range(sum(1 for _ in table.rows()))
                for f in ("name", "target", "actual", "weight", "points", "note")
            }
            wanted |= {f"level1.{i}" for i in range(len(table.level1))}
            wanted |= {
                "funds.total.executed",
                f"funds.total.{table.funds.rate_budget}",
                "funds.rate",
                "funds.points",
                "goal.expected",
                "goal.achieved",
                "project.name",
            }
            if placed.layout.cut is None:
                wanted |= {"total.weight", "total.points"}
            assert wanted <= set(where), sorted(wanted - set(where))
            for path, location in where.items():
                assert location.startswith(str(rendered.path) + ":"), location
                if path.split(".")[0] in ("extra", "method", "field", "fieldrow", "breakdown"):
                    continue
                value = _squeeze(value_at(table, path))[:4]
                printed = printed_at(rendered.path, form, location) if value else None
                if printed is None:
                    continue
                if placed.layout.part_unit and path.endswith((".target", ".actual")):
                    whole = _squeeze(value_at(table, path))  # §2.21: its cell prints a part
                    part = printed.split()[0]  # (laid-out text: the line from the cell on)
                    assert part in whole, (form, path, location, whole, printed)
                else:
                    assert value in _squeeze(printed), (form, path, location, value, printed)

    check()


@settings(max_examples=_examples("model"), report_multiple_bugs=False)
@given(st.data())
def test_expected_models_audit_clean(data: st.DataObject) -> None:
    """The tables a reader must give back audit clean (needs the audit of
    issue 11: rate without %, unscored and truncated tables, weights not printed)."""
    sample = data.draw(samples())
    layout = data.draw(layouts(sample, data.draw(st.sampled_from(FORMS))))
    placed = Placed(sample, layout)
    _audits_clean(audit(model_expected(sample, layout)), placed)


# ---------------------------------------------------------------- the reader


WRITTEN_BY_JIXIAO = {"复核得分", "等次"}
"""The header words of the columns jixiao adds when it writes a table (read
back by the tests of the writer, not generated as a district's form)."""


def test_every_header_word_is_generated() -> None:
    """Every header word the reader knows is printed by some generated layout,
    so that each is proven by the round trip (a word added to the vocabulary
    without a layout printing it fails here)."""
    indicators = {"一级指标", "二级指标", "三级指标", "得分"}.union(
        TARGET_WORDS, ACTUAL_WORDS, WEIGHT_WORDS, NOTE_WORDS, SECTION_WORDS, PART_WORDS
    )
    funds = {"得分"}.union(INITIAL_WORDS, BUDGET_WORDS, EXECUTED_WORDS, WEIGHT_WORDS)
    funds |= {header_word(word) for word in RATE_WORDS}  # 执行率(%) → 执行率
    assert set(INDICATOR_HEADER) - WRITTEN_BY_JIXIAO == indicators
    assert set(FUNDS_HEADER) - WRITTEN_BY_JIXIAO == funds


@pytest.mark.usefixtures("untraced")  # see the module's docstring
@pytest.mark.parametrize("form", FORMS)
def test_round_trip(form: str, tmp_path: Path) -> None:
    _needs(form)

    read: list[int] = []

    @settings(max_examples=_examples(form), report_multiple_bugs=False)
    @given(documents(form))
    def check(document: Document) -> None:
        rendered, result = _read(document, tmp_path)
        read.append(len(result.tables))
        tables = zip(result.tables, document.tables(), rendered.locations, strict=True)
        for n, (table, placed, where) in enumerate(tables, 1):
            got = comparable(table, form)
            want = comparable(_expected_read(placed, form, result, where), form)
            assert got == want, (
                f"{form}, table {n}: {differences(got, want)}; layout {placed.layout!r}"
            )
        content = [u for u in result.unplaced if u.kind == "content"]
        # §2.25: a breakdown row, listed as content of no place, once for each table printing one
        broken = [u for u in content if "a breakdown row (其中…)" in u.reason]
        breakdowns = sum(1 for where in rendered.locations if "breakdown" in where)
        assert len(broken) == breakdowns, f"{form}: breakdown rows listed {broken}, {breakdowns}"
        content = [u for u in content if u not in broken]
        assert not content, f"{form}: table content left unplaced: {[str(u) for u in content]}"
        # §2.20: the header word of no known role and every cell under it, reported unread;
        # §2.23: a field the model has no place for, reported with its value; §2.29: a
        # column the model has no place for (得分计算方法), its header and cells listed as
        # fields, never as problems
        problems = {u.location for u in result.unplaced if u.problem}
        for head, kind in (("extra", "column"), ("field", "field"), ("method", "field")):
            found = {u.location for u in result.unplaced if u.kind == kind}
            if not rendered.exact:
                found = {_page(location) for location in found}
            for where in rendered.locations:
                printed = {at for path, at in where.items() if path.split(".")[0] == head}
                assert printed <= found, f"{form}: not reported as {kind}: {printed - found}"
                if head == "method" and rendered.exact:
                    assert not printed & problems, f"{form}: {printed & problems} a problem"
        # §2.31: a row the model has no place for, listed once (at its line, or a
        # sheet's at its first cell)
        found = {u.location for u in result.unplaced if u.kind == "field"}
        found |= {_line_of(location) for location in found}
        found = found if rendered.exact else {_page(location) for location in found}
        for where in rendered.locations:
            rows = {at for path, at in where.items() if path.startswith("fieldrow.")}
            lines = {_line_of(at) for at in rows} if rendered.exact else rows
            assert lines <= found, f"{form}: rows not listed as fields: {lines - found}"
        reported: dict[str, str] = {}
        for u in result.unplaced:
            kind = u.kind or "?"
            reported[kind] = reported.get(kind, "") + _squeeze(u.text)
        for kind, text in rendered.outside:
            assert _squeeze(text) in reported.get(kind, ""), (
                f"{form}: {kind} line not reported as such: {text!r}"
            )
        for table, placed in zip(result.tables, document.tables(), strict=True):
            _audits_clean(audit(table), placed)

    check()
    _enough(form, read)


_PAGE = re.compile(r"^(.*:p\d+):")
_SHEET_CELL = re.compile(r"!([A-Z]+)(\d+)$")


def _line_of(location: str) -> str:
    """The location of the line a cell's *location* stands on: without its
    column (``book.xlsx:S!B7`` → ``book.xlsx:S!7``, ``doc.txt:7:2`` → ``doc.txt:7``)."""
    if _SHEET_CELL.search(location):
        return _SHEET_CELL.sub(r"!\2", location)
    return location.rpartition(":")[0]


def _page(location: str) -> str:
    found = _PAGE.match(location)
    return found.group(1) if found else location


@pytest.mark.usefixtures("untraced")  # see the module's docstring
@pytest.mark.parametrize("form", FORMS)
def test_planted_inconsistencies_found_in_their_cells(form: str, tmp_path: Path) -> None:
    _needs(form)

    read: list[int] = []

    @settings(max_examples=_examples(form), report_multiple_bugs=False)
    @given(documents(form, plant=True))
    def check(document: Document) -> None:
        rendered, result = _read(document, tmp_path)
        read.append(len(result.tables))
        tables = zip(result.tables, document.tables(), rendered.locations, strict=True)
        for n, (table, placed, where) in enumerate(tables, 1):
            want_table = comparable(_expected_read(placed, form, result, where), form)
            assert comparable(table, form) == want_table, differences(
                comparable(table, form), want_table
            )
            want = {
                (code, tuple(where[p] for p in cells))
                for code, cells in findings(placed.sample, placed.planted)
            }
            got = {(f.code, f.cells or ()) for f in audit(table).errors}
            if not rendered.exact:
                got = {(code, tuple(_page(c) for c in cells)) for code, cells in got}
            assert got == want, (
                f"{form}, table {n}, planted {placed.planted}: found {got}, expected {want}"
            )

    check()
    _enough(form, read)
