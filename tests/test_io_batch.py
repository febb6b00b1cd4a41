"""Batch audit from the command line and from Python; Markdown and HTML reports."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from jixiao._format import display_width
from jixiao.errors import ReadError, WriteError
from jixiao.io import ReadResult, read_tables
from jixiao.io.batch import audit_paths, audit_result, expand_paths, progress_bar
from jixiao.io.reports import audit_html, audit_markdown, write_reports
from jixiao.project import audit, load_table
from jixiao.project.audit_report import method_label

from .cli_helpers import run
from .conftest import ROOT, require_module, require_seeds
from .layouts.forms_docx import docx_package

EXAMPLES = ROOT / "examples" / "projects"


def _seed_texts() -> list[Path]:
    return sorted(require_seeds().glob("00[01]_*.txt"))


def test_folder_audit_summary_and_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["project", "audit", str(EXAMPLES)], capsys)
    assert status == 1  # two published tables are inconsistent
    assert "18 张表 tables read, 16 张一致 consistent, 2 张有错误 with errors" in out
    assert "unreadable" in out
    assert err == ""


def test_seed_text_files_audit_like_the_hand_encoding(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["project", "audit", "--json", *map(str, _seed_texts())], capsys)
    data = json.loads(out)
    assert status == 1
    assert data["summary"]["tables"] == 18
    assert data["summary"]["consistent"] == 16
    assert data["summary"]["unplaced"] == 0
    from_text = {a["project"]["code"]: [f["code"] for f in a["findings"]] for a in data["audits"]}
    for path in EXAMPLES.glob("*.toml"):
        table = load_table(path)
        assert from_text[table.project.code] == [f.code for f in audit(table).findings]


def test_consistent_files_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path in EXAMPLES.glob("luohu-2023-0[134]*.toml"):
        shutil.copy(path, tmp_path)
    status, out, _ = run(["project", "audit", str(tmp_path), "--lang", "en"], capsys)
    assert status == 0
    assert "3 tables read, 3 consistent" in out


def test_unreadable_file_is_reported_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.toml"
    shutil.copy(next(EXAMPLES.glob("luohu-2023-01*.toml")), good)
    (tmp_path / "junk.toml").write_bytes(b"\x00\xff junk")
    status, out, err = run(["project", "audit", str(tmp_path)], capsys)
    assert status == 2
    assert err.count("\n") == 1
    assert err.startswith("jixiao: 错误: ")
    assert "junk.toml" in err
    assert "Traceback" not in err
    assert "1 张表 tables read" in out


def test_a_folder_lists_the_forms_it_does_not_read_with_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A published binary .doc, an .et of another form or an .odt in a folder
    is reported as unreadable, with how to make it readable, not skipped as a
    page's images or scripts are."""
    shutil.copy(next(EXAMPLES.glob("luohu-2023-01*.toml")), tmp_path / "good.toml")
    for name in ("自评表.ET", "page.js", "scan.png", "自评表.odt"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "自评表.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    listed = ["good.toml", "自评表.ET", "自评表.doc", "自评表.odt"]
    assert [p.name for p in expand_paths([tmp_path])] == listed
    status, out, err = run(["project", "audit", str(tmp_path), "--lang", "en"], capsys)
    assert status == 2
    assert "自评表.doc: a Word 97-2003 document (.doc) is not read: save it as .docx" in out + err
    assert "自评表.ET: a WPS spreadsheet (.et) in neither the Excel 97-2003" in out + err
    assert "自评表.odt: an OpenDocument text (.odt) is not read: save it as .docx" in out + err
    assert "1 tables read" in out


def test_the_notes_of_a_files_reader_are_listed_in_every_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a reader could not keep as printed is listed, not only kept in
    ``ReadResult.notes``: a symbol of a font of its own glyphs in Word."""
    path = tmp_path / "r.docx"
    docx_package('<w:p><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>', path)
    note = f"{path}:1: a symbol of the font 'Wingdings' (F0FC) not read; shown as \ufffd"
    status, out, _ = run(["project", "audit", str(path), "--lang", "en"], capsys)
    assert status == 2  # no table in it
    assert f"note: {note}\n" in out
    _, out, _ = run(["project", "audit", str(path), "--json"], capsys)
    assert json.loads(out)["notes"] == [{"source": str(path), "note": note}]
    _, out, _ = run(["project", "audit", str(path), "--jsonl"], capsys)
    assert {"type": "note", "source": str(path), "note": note} in map(json.loads, out.splitlines())


def test_reports_written_for_every_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        ["project", "audit", str(EXAMPLES), "--report", str(tmp_path / "r")], capsys
    )
    assert status == 1
    assert "reports written" in err
    written = sorted(p.suffix for p in (tmp_path / "r").iterdir())
    assert written.count(".md") == 19  # 18 tables and the index
    assert written.count(".html") == 19
    index = (tmp_path / "r" / "index.md").read_text("utf-8")
    assert index.count("✘") == 2


def test_markdown_report_puts_each_finding_beside_its_row() -> None:
    table = load_table(next(EXAMPLES.glob("futian-2022-07*.toml")))
    text = audit_markdown(audit(table))
    line = next(
        x for x in text.splitlines() if x.startswith("| 产出指标 | 数量指标 | 平台项目系统运维个数")
    )
    assert "按偏离度调减分值" in line
    assert "| 2 | 3.00 |" in line  # printed 2, recomputed 3.00


def test_html_report_escapes_and_marks_errors() -> None:
    table = load_table(next(EXAMPLES.glob("luohu-2023-02*.toml")))
    page = audit_html(audit(table))
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("class='error'") >= 7
    assert "<script" not in page


def test_html_report_merges_the_levels_as_the_form_does() -> None:
    table = load_table(next(EXAMPLES.glob("luohu-2023-01*.toml")))
    page = audit_html(audit(table))
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page.split("<h2>年度绩效指标")[1].split("<h2>")[0])
    body = rows[1:]  # after the header
    assert len(body) == sum(1 for _ in table.rows())
    cells = re.findall(r"<td class='level' rowspan='(\d+)'>([^<]*)<", page)
    level1 = [int(n) for n, text in cells if text in {top.name for top in table.level1}]
    assert sum(level1) == len(body)  # each level-1 label once, over its rows
    assert len(level1) == len(table.level1)
    spans = [g for top in table.level1 for g in top.level2]
    assert page.count("<td class='level'") == len(table.level1) + len(spans)
    first = body[0]
    assert first.count("<td class='level'") == 2
    assert body[1].count("<td class='level'") <= 1


def test_reports_name_methods_in_chinese_and_explain_the_values() -> None:
    table = load_table(next(EXAMPLES.glob("futian-2022-07*.toml")))
    checked = audit(table)
    page, text = audit_html(checked), audit_markdown(checked)
    for report in (page, text):
        assert "定量指标（正向） higher-is-better" in report
        assert "表中印出 as printed：表格填报的数值" in report
        assert "复核 recomputed：jixiao 按评分规则重算的数值" in report
    assert "expected" not in page.replace("(JSON: expected)", "")
    assert "<td class='num recomputed differs' title='表中印出 as printed ‘2’'>3.00</td>" in page
    qualitative = next(r for r in checked.evaluation.rows if r.method.value == "evaluator")
    assert method_label(qualitative) == "评价人给分 evaluator"


def test_html_styles_apply_only_inside_the_report() -> None:
    table = load_table(next(EXAMPLES.glob("luohu-2023-02*.toml")))
    for page in (audit_html(audit(table)), audit(table)._repr_html_()):
        style = re.search(r"<style>(.*?)</style>", page)
        assert style is not None
        selectors = re.findall(r"(?:^|})([^{}]+)\{", style.group(1))
        assert selectors
        for group in selectors:
            assert all(s.strip().startswith("div.jixiao-audit") for s in group.split(",")), group
    assert "<div class='jixiao-audit'>" in audit_html(audit(table))


def test_index_html_beside_index_md(tmp_path: Path) -> None:
    tables = [load_table(p) for p in sorted(EXAMPLES.glob("luohu-2023-0[12]*.toml"))]
    index = write_reports([audit(t) for t in tables], tmp_path / "r")
    page = (tmp_path / "r" / "index.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert re.findall(r"href='([^']*)'", page) == [
        quote(p.name) for p in sorted((tmp_path / "r").glob("0*.html"))
    ]
    assert page.count("<tr class='error'>") == 1  # 干部健康管理
    assert index.name == "index.md"


def test_write_reports_into_an_unwritable_place_is_a_write_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    table = load_table(next(EXAMPLES.glob("luohu-2023-01*.toml")))
    with pytest.raises(WriteError, match="cannot create the folder"):
        write_reports([audit(table)], blocker / "sub")


def test_expand_paths_refuses_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no table file"):
        expand_paths([tmp_path])


def test_batch_from_python_counts_reproduced_totals() -> None:
    batch = audit_paths([EXAMPLES])
    assert len(batch.audits) == 18
    assert batch.consistent == 16
    assert not batch.ok
    assert batch.reproduced == 15  # 数据规划管理 keeps the evaluator's reduced points
    assert batch.to_dict()["format"] == "jixiao.project-audit-batch/1"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("jixiao.io.batch.tqdm_bar", lambda *_: None)  # the plain line
    quiet = io.StringIO()
    progress_bar(quiet)(1, 10, "a.toml")
    assert quiet.getvalue() == ""
    loud = FakeTerminal()
    draw = progress_bar(loud)
    draw(5, 10, "a.toml")
    draw(10, 10, "b.toml")
    assert "5/10" in loud.getvalue()
    assert loud.getvalue().endswith("\n")
    few = FakeTerminal()
    progress_bar(few)(1, 2, "a.toml")
    assert few.getvalue() == ""


def test_progress_line_never_wraps_whatever_the_file_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("jixiao.io.batch.tqdm_bar", lambda *_: None)
    loud = FakeTerminal()
    progress_bar(loud)(3, 10, "报告/" + "罗湖区项目支出绩效自评表" * 5 + ".txt")
    line = loud.getvalue().removeprefix("\r")
    assert display_width(line) == display_width("[" + "#" * 30 + "] 3/10 ") + 40
    assert line.endswith(".txt")


def test_progress_bar_is_tqdm_when_installed() -> None:
    require_module("tqdm")
    loud = FakeTerminal()
    draw = progress_bar(loud)
    for done in range(1, 11):
        draw(done, 10, f"表{done}.txt")
    text = loud.getvalue()
    assert "10/10" in text
    assert "file" in text  # tqdm's unit
    assert "表10.txt" in text


def test_project_score_and_templates_commands(capsys: pytest.CaptureFixture[str]) -> None:
    path = next(EXAMPLES.glob("luohu-2023-04*.toml"))
    status, out, _ = run(["project", "score", str(path)], capsys)
    assert status == 0
    assert "总分 Total: 98.16" in out
    status, out, _ = run(["project", "score", str(path), "--json"], capsys)
    assert json.loads(out)["total"] == "98.16"
    status, out, _ = run(["project", "templates"], capsys)
    assert "national-2020" in out
    assert "(默认 default)" in out
    status, out, _ = run(["project", "templates", "--json"], capsys)
    assert {t["id"] for t in json.loads(out)["templates"]} >= {"national-2020"}


def test_project_score_with_an_unknown_template_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = next(EXAMPLES.glob("luohu-2023-04*.toml"))
    status, _, err = run(["project", "score", str(path), "--template", "nope"], capsys)
    assert status == 2
    assert err.startswith("jixiao: 错误:")
    assert "national-2020" in err


def test_seed_texts_through_an_xlsx_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_module("openpyxl")
    workbook = tmp_path / "all.xlsx"
    texts = map(str, _seed_texts())
    status, out, _ = run(["project", "convert", *texts, "-o", str(workbook)], capsys)
    assert status == 0
    assert out.startswith("18 张表")
    status, out, _ = run(["project", "audit", "--json", str(workbook)], capsys)
    summary = json.loads(out)["summary"]
    assert (status, summary["tables"], summary["consistent"], summary["unplaced"]) == (1, 18, 16, 0)


def test_convert_to_folder_and_single_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, _ = run(
        ["project", "convert", str(EXAMPLES), "-o", str(tmp_path / "out"), "--form", "json"], capsys
    )
    assert status == 0
    written = sorted((tmp_path / "out").glob("*.json"))
    assert len(written) == 18
    assert {load_table(p) for p in written} == {load_table(p) for p in EXAMPLES.glob("*.toml")}
    status, _, err = run(
        ["project", "convert", str(EXAMPLES), "-o", str(tmp_path / "one.toml")], capsys
    )
    assert status == 2
    assert "18 tables cannot go into one .toml file" in err


def test_rich_display_in_jupyter() -> None:
    from jixiao.project import score_table

    table = load_table(next(EXAMPLES.glob("luohu-2023-02*.toml")))
    fragment = audit(table)._repr_html_()
    assert fragment.startswith("<div class='jixiao-audit'><style>")
    assert "<html" not in fragment
    assert fragment.count("class='error'") >= 7
    assert "干部健康管理" in score_table(table)._repr_html_()


GUIDE_TEXT = ROOT / "docs" / "guides" / "data" / "luohu-2023-tables-1-2.txt"


@pytest.mark.parametrize(
    ("header", "reason", "unread"),
    [
        # the notes under it: table 1's 13 rows, line 20's printed shifted one column left
        (
            "备注栏",
            "an unknown word in the indicator header: '备注栏'",
            [f"{line}:{8 if line == 20 else 9}" for line in range(14, 27)],
        ),
        ("* 分值", "the indicator header names two columns '* 分值' and '* 分值' alike", []),
    ],
)
def test_an_uncertain_column_role_is_a_finding_of_its_own(
    header: str,
    reason: str,
    unread: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A header word with no role, or a role printed twice, is a ``column-ambiguous``
    finding naming the header cell, counted and listed as unplaced; the cells
    under a word of no role are each such a finding too, never read as
    another column's (the notes' here)."""
    text = GUIDE_TEXT.read_text("utf-8").replace("偏差原因分析及改进措施", header, 1)
    path = tmp_path / "report.txt"
    path.write_text(text, "utf-8")
    batch = audit_paths([path])
    problem, *cells = [u for u in batch.unplaced if u.problem]
    assert problem.kind == "column"
    assert problem.reason.startswith(reason)
    assert problem.location == f"{path}:13:9"
    assert [u.location for u in cells] == [f"{path}:{at}" for at in unread]
    for u in cells:
        assert u.kind == "column"
        assert u.reason == f"printed under {header!r}, a header word of no known role; not read"
    found = [f for a in batch.audits for f in a.findings if f.code == "column-ambiguous"]
    assert [f.cells for f in found] == [(u.location,) for u in (problem, *cells)]
    assert {f.severity.value for f in found} == {"warning"}
    assert batch.summary()["unplaced"] == 1 + len(unread)
    if unread:  # no note read: each was printed under 备注栏
        assert not any(row.note for _, _, row in batch.audits[0].table.rows())
    _, out, _ = run(["project", "audit", str(path)], capsys)
    assert f"未能归位 unplaced: {path}:13:9（第 1 张表 table 1）: [列 column]" in out
    assert "(column-ambiguous)" in out


GUIDE_MARKDOWN = ROOT / "docs" / "guides" / "data" / "forms" / "luohu-2023-tables-1-2.md"


def test_the_cells_of_an_unknown_column_are_listed_never_read_as_a_neighbours(
    tmp_path: Path,
) -> None:
    """The guide's Markdown with a column 指标方向 after 三级指标, as other forms
    print it: the rows read as without it, and the header word and each cell
    under it are listed, unread, where they were printed."""
    lines = GUIDE_MARKDOWN.read_text("utf-8").split("\n")
    path = tmp_path / "extra.md"
    listed: list[str] = []  # where it prints something to list: not in a repeated header
    headers = 0  # the indicator headers printed in the table
    for number, line in enumerate(lines, 1):
        headers += "三级指标" in line
        if headers and line.startswith("|"):
            cells = line.split("|")  # ["", " 年度绩效指标 ", …, ""]
            if set(line) <= set("|-: "):  # the delimiter line after a page's first line
                extra = "---"
            elif "三级指标" in line:
                extra = "指标方向"
            else:
                extra = "" if number % 3 else "正向"
            cells.insert(5, f" {extra} ")
            lines[number - 1] = "|".join(cells)
            if extra not in ("", "---") and not (extra == "指标方向" and headers > 1):
                listed.append(f"{path}:{number}:5")
        if line.startswith("| 总分"):
            headers = 0
    path.write_text("\n".join(lines), "utf-8")
    plain, wider = read_tables(GUIDE_MARKDOWN), read_tables(path)
    assert [list(t.rows()) for t in wider.tables] == [list(t.rows()) for t in plain.tables]
    columns = [u for u in wider.unplaced if u.kind == "column"]
    assert [u.location for u in columns] == listed
    header = "an unknown word in the indicator header: '指标方向'"
    cell = "printed under '指标方向', a header word of no known role; not read"
    assert {u.reason for u in columns} == {header, cell}
    assert sum(u.reason == header for u in columns) == len(wider.tables) == 2
    assert len(columns) > 6
    assert [u for u in wider.unplaced if u.kind == "content"] == []


def _without_weight_column(table: int, tmp_path: Path) -> Path:
    """The guide's two tables, the *table*-th printing no 分值 in its indicator
    header (so it cannot be read)."""
    lines = GUIDE_TEXT.read_text("utf-8").split("\n")
    headers = [n for n, line in enumerate(lines) if "* 分值" in line]
    lines[headers[table - 1]] = lines[headers[table - 1]].replace("* 分值", "* 权数")
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines), "utf-8")
    return path


@pytest.mark.parametrize("broken", [1, 2])
def test_a_table_not_read_keeps_its_number_and_its_lines(broken: int, tmp_path: Path) -> None:
    """The lines of a table that cannot be read are that table's, not the next
    one's: the table read keeps its number in the file, and its audit names
    no line of the other."""
    path = _without_weight_column(broken, tmp_path)
    result = read_tables(path)
    read = 3 - broken
    assert result.numbers == (read,)
    assert result.unread == (broken,)
    assert {u.table for u in result.unplaced if u.problem} == {broken}
    (checked,) = audit_result(result)
    assert not [f for f in checked.findings if f.code == "unplaced-content"]
    assert checked.table.source == f"report.txt, table {read} of 2"


def test_a_table_not_read_or_a_file_without_tables_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``project audit`` says a table it could not read, or a file in which it
    found none, and exits 2 (input it could not read), not 0."""
    path = _without_weight_column(1, tmp_path)
    status, out, err = run(["project", "audit", str(path), "--lang", "en"], capsys)
    assert status == 2
    assert "1 tables read, 1 tables not read" in out
    said = f"jixiao: error: {path}: table 1 could not be read; its lines are listed as unplaced"
    assert err.splitlines() == [said]
    prose = tmp_path / "chapter.txt"
    prose.write_text("一、部门概况\n本部门主要职责是……\n", "utf-8")
    status, out, err = run(["project", "audit", str(prose), "--lang", "zh"], capsys)
    assert status == 2
    assert err.splitlines() == [f"jixiao: 错误: {prose}：未找到项目表格"]
    status, out, _ = run(["project", "audit", str(prose), "--lang", "en"], capsys)
    assert "1 files (0 unreadable, 1 without a table), 0 tables read" in out
    assert f"unreadable: {prose}: no project table found" in out
    status, out, _ = run(["project", "audit", "--json", str(path), str(prose)], capsys)
    summary = json.loads(out)["summary"]
    assert status == 2
    assert (summary["unread_tables"], summary["files_without_tables"]) == (1, 1)
    batch = audit_paths([path, prose])
    assert not batch.ok
    assert batch.unread == ((str(path), 1),)
    assert batch.without_tables == (str(prose),)
    assert batch.summary() == summary


def test_a_consistent_batch_counts_nothing_unread() -> None:
    batch = audit_paths([GUIDE_TEXT])
    assert (batch.unread, batch.without_tables) == ((), ())
    assert batch.summary()["unread_tables"] == batch.summary()["files_without_tables"] == 0


def test_read_result_numbers_one_a_table() -> None:
    table = load_table(EXAMPLES / "luohu-2023-01-党政事务.toml")
    assert ReadResult("x.txt", (table, table)).numbers == (1, 2)
    with pytest.raises(ValueError, match="1 numbers for 2 tables"):
        ReadResult("x.txt", (table, table), numbers=(2,))
