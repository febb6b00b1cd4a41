"""Write the bundled examples of every form: two real tables as other exports print them.

Usage::

    python -m tests.layouts.bundle docs/guides/data/forms

The first two tables of the Luohu 2023 report (their hand transcriptions in
``examples/projects``) are printed in one fixed :data:`LAYOUT` — a district's
Excel export: a title with the year, identification in label/value pairs, the
unit in the funds label, level-1 labels carrying their weight and merged
down, a page break with the indicator header repeated — between a chapter of
the report and the form's 填报说明 notes, and written as CSV (as Excel's "CSV
UTF-8" writes it), laid-out text
(``.layout.txt``, as ``pdftotext -layout`` writes it), Markdown, HTML, xlsx,
xls, Word (.docx), PDF (with ruling lines, as Excel and WPS export) and OFD
(ruled, the page numbers in template pages); and, as a sheet unmerged and
filled (:attr:`~tests.layouts.layout.Layout.filled`) is saved, as xlsx and
CSV (``.filled.xlsx``, ``.filled.csv``). ``tests/test_io_bundled.py``
reads every file back; the guide (:doc:`/guides/project`) shows them read and
audited. PDF files carry their creation time, so the PDF changes at every run;
the others are reproduced byte for byte.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import attrs

from jixiao.project import ProjectTable, load_table

from .document import Document, Options, Placed, Prose
from .forms import FORMS, SUFFIX, render
from .layout import Layout
from .tables import Sample

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("luohu-2023-01-党政事务.toml", "luohu-2023-02-干部健康管理.toml")
"""The hand transcriptions printed, from ``examples/projects``."""

NAME = "luohu-2023-tables-1-2"
"""The files' name (``NAME`` + the form's suffix)."""

LAYOUT = Layout(
    title="{Y}年度项目支出绩效自评表",
    title_lines=1,
    title_in_cell=False,
    code=True,
    department=False,
    budget_unit=True,
    implementing_unit=True,
    year_label="绩效自评年度",
    ident="pairs",
    per_row=2,
    colon="",
    value_span=1,
    funds_title=False,
    unit="label",
    unit_word="单位",
    fullwidth=False,
    initial_column=True,
    weight_column=True,
    annotate_funds=True,
    rate_word="执行率(%)",
    sub_rows=("current_appropriation", "carry_over", "other"),
    appropriation_word="其中：当年财政拨款",
    dash="—",
    rate_form="plain",
    goal_title=True,
    goal_star="",
    goal_label="header",
    star="",
    annotations=True,
    header_split=False,
    first_column=True,
    level1_label="({w}分)",
    level1_repeat=False,
    level2_repeat=False,
    shifts=(),
    unscored=False,
    cut=None,
    total_note="",
    breaks=(),
    repeat_header=False,
)
"""How both tables are printed."""

BREAK = 20
"""The first table breaks to a new page before this row of its sheet."""

CHAPTER = Prose(
    (
        ("heading", "三、项目支出绩效自评情况"),
        ("text", "各项目自评结果见下表。"),
    )
)
NOTES = Prose(
    (
        ("note", "填报说明："),
        ("note", "1．定量指标完成值达到指标值的记满分，未达到的按比例记分。"),
        ("note", "2．偏差原因分析应说明未完成的原因及改进措施。"),
    )
)


def sample(table: ProjectTable) -> Sample:
    """*table* as the generator's sample, printing its rate as transcribed."""
    return Sample(table, "national-2020", "2dp", 2, misprints=(("funds.rate", table.funds.rate),))


def document(form: str, *, filled: bool = False) -> Document:
    """The bundled document in *form* (*filled*: its sheet unmerged and filled)."""
    first, second = (sample(load_table(ROOT / "examples" / "projects" / n)) for n in TABLES)
    layout = attrs.evolve(LAYOUT, filled=filled)
    broken = attrs.evolve(layout, breaks=(BREAK,), repeat_header=True)
    parts = (CHAPTER, Placed(first, broken), Placed(second, layout), NOTES)
    options = {  # as Excel writes a CSV, a converter an OFD and Word a single-file page
        "csv": Options(bom=True, crlf=True),
        "ofd": Options(compress=True, template=True),
        "mht": Options(encoding="gbk", archiver="word", declared=True),
    }.get(form, Options())
    return Document(form, parts, "- {n} -", options)


WRITTEN = ("csv", "layout", "markdown", "html", "mht", "xlsx", "xls", "docx", "pdf", "ofd")
"""The forms bundled (tab-separated text is the seeds' own form)."""


FILLED = ("csv", "xlsx")
"""The forms the bundled document is also written in unmerged and filled
(``NAME + ".filled" +`` the form's suffix)."""


def write(
    out: Path, forms: tuple[str, ...] = WRITTEN, filled: tuple[str, ...] = FILLED
) -> list[Path]:
    """Write the bundled document in each of *forms* into *out*, and unmerged
    and filled in each of *filled*."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    wanted = [(form, False) for form in forms] + [(form, True) for form in filled]
    with tempfile.TemporaryDirectory() as scratch:
        for form, fill in wanted:
            rendered = render(document(form, filled=fill), Path(scratch), NAME)
            suffix = ".layout.txt" if form == "layout" else SUFFIX[form]
            target = out / (NAME + (".filled" if fill else "") + suffix)
            shutil.copyfile(rendered.path, target)
            written.append(target)
    return written


def main(argv: list[str] | None = None) -> None:
    """Write the bundled examples (see the module's docstring)."""
    parser = argparse.ArgumentParser(prog="python -m tests.layouts.bundle", description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--form", choices=FORMS, action="append")
    parser.add_argument("--filled", choices=FILLED, action="append")
    args = parser.parse_args(argv)
    chosen = bool(args.form or args.filled)
    forms = tuple(args.form or ()) if chosen else WRITTEN
    filled = tuple(args.filled or ()) if chosen else FILLED
    for path in write(args.out, forms, filled):
        print(path)


if __name__ == "__main__":
    main()
