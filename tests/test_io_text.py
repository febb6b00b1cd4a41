"""Reading project tables from text extracted from PDFs (:mod:`jixiao.io.text`).

The acceptance test: the two seed extractions read into the 18 tables that
were transcribed by hand in ``examples/projects``, equal in every field but
``source`` and ``remarks``, and audited alike. Then hostile inputs, and
arbitrary text that must never raise anything but a :class:`JixiaoError`.

Choice tested here: a text without any table is **not** an error; it gives an
empty result with every non-blank line in ``unplaced`` ("outside any table").
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.errors import JixiaoError, ReadError
from jixiao.io import read_tables
from jixiao.io._text_layout import (
    LayoutError,
    clean_cell,
    find_scores,
    join_wraps,
    level1_label,
    level2_label,
    read_row,
)
from jixiao.io.result import ReadResult
from jixiao.io.text import MAX_LINES, read_text, read_text_file
from jixiao.project import audit, load_table
from jixiao.project.file import table_to_dict
from jixiao.project.model import ProjectTable

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_000 = "000_7cd2ef88782e39ca.txt"
SEED_001 = "001_8c6bbc88d7678e1b.txt"
HAND = sorted((ROOT / "examples" / "projects").glob("*.toml"))

needs_seeds = pytest.mark.skipif(
    not (SEEDS / SEED_000).is_file() or not (SEEDS / SEED_001).is_file(),
    reason=f"the seed extractions are not present in {SEEDS}",
)


@cache
def _seed_text(name: str) -> str:
    return (SEEDS / name).read_text("utf-8")


@cache
def _seed_read(name: str) -> ReadResult:
    return read_text_file(SEEDS / name)


def _comparable(table: ProjectTable) -> dict[str, Any]:
    data = table_to_dict(table)
    del data["source"], data["remarks"]
    return data


def _bare(table: ProjectTable) -> ProjectTable:
    return attrs.evolve(table, source=None, remarks=())


def _read_by_source() -> dict[str, ProjectTable]:
    return {t.source or "": t for seed in (SEED_000, SEED_001) for t in _seed_read(seed).tables}


# ------------------------------------------------------------------ acceptance


@needs_seeds
@pytest.mark.parametrize(("seed", "count"), [(SEED_000, 7), (SEED_001, 11)])
def test_seed_gives_every_table_in_order_and_nothing_unplaced(seed: str, count: int) -> None:
    result = _seed_read(seed)
    assert len(result.tables) == count
    assert [t.source for t in result.tables] == [
        f"{seed}, table {i} of {count}" for i in range(1, count + 1)
    ]
    assert result.unplaced == ()
    assert result.source == str(SEEDS / seed)


@needs_seeds
@pytest.mark.parametrize("path", HAND, ids=lambda p: p.stem)
def test_seed_table_equals_hand_transcription(path: Path) -> None:
    hand = load_table(path)
    assert hand.source is not None
    read = _read_by_source()[hand.source.removeprefix("seeds/")]
    # goal texts included: the reader joins <p> paragraphs with a newline, as the hand did
    assert _comparable(read) == _comparable(hand)
    assert read.remarks, "every seed table needed at least one repair, and says so"


@needs_seeds
@pytest.mark.parametrize("path", HAND, ids=lambda p: p.stem)
def test_seed_table_audits_like_hand_transcription(path: Path) -> None:
    hand = load_table(path)
    assert hand.source is not None
    read = _read_by_source()[hand.source.removeprefix("seeds/")]
    assert audit(read).findings == audit(hand).findings


@needs_seeds
@pytest.mark.parametrize(
    ("source", "words"),
    [
        (f"{SEED_001}, table 11 of 11", "printed twice; the duplicate is dropped"),
        (f"{SEED_001}, table 8 of 11", "are printed one row early"),
        (f"{SEED_001}, table 8 of 11", "the level-2 label 时效指标 is printed one row early"),
        (f"{SEED_001}, table 3 of 11", "full-width colons"),
        (f"{SEED_001}, table 3 of 11", "shifted two columns left"),
        (f"{SEED_000}, table 4 of 7", "HTML tags are stripped"),
        (f"{SEED_000}, table 4 of 7", "the 总分 row is printed shifted one column left"),
        (f"{SEED_000}, table 5 of 7", "'辅助性人力资源 经费'; joined to '辅助性人力资源经费'"),
        (f"{SEED_000}, table 5 of 7", "'服务对象满意度 指标' is joined to 服务对象满意度指标"),
        (f"{SEED_000}, table 5 of 7", "the 年度总体目标 label is printed on the line of the goal"),
        (f"{SEED_000}, table 7 of 7", "the cells are printed shifted one column right"),
    ],
)
def test_remarks_say_what_was_repaired(source: str, words: str) -> None:
    table = _read_by_source()[source]
    assert any(words in remark for remark in table.remarks), table.remarks


@needs_seeds
def test_read_tables_dispatches_txt_to_this_reader() -> None:
    assert read_tables(SEEDS / SEED_000).tables == _seed_read(SEED_000).tables


@needs_seeds
def test_byte_order_mark_and_crlf_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + _seed_text(SEED_000).replace("\n", "\r\n").encode())
    result = read_text_file(path)
    assert [_bare(t) for t in result.tables] == [_bare(t) for t in _seed_read(SEED_000).tables]
    assert result.tables[0].source == "bom.txt, table 1 of 7"


@needs_seeds
def test_tables_start_at_the_code_line_without_a_heading() -> None:
    text = _seed_text(SEED_001).replace("项目支出绩效自评表", "")
    result = read_text(text)
    assert [_bare(t) for t in result.tables] == [_bare(t) for t in _seed_read(SEED_001).tables]


@needs_seeds
def test_report_text_around_the_tables_is_reported_outside_any_table() -> None:
    before = "部门整体支出绩效自评报告\n\n一、部门基本情况\t\n"
    after = "\n三、存在的问题\n  \n"
    result = read_text(before + _seed_text(SEED_000) + after, "report.txt")
    assert len(result.tables) == 7
    assert result.tables[0].source == "report.txt, table 1 of 7"
    outside = [(u.location, u.text, u.table, u.reason) for u in result.unplaced]
    last = 3 + _seed_text(SEED_000).count("\n") + 2
    assert outside == [
        ("line 1", "部门整体支出绩效自评报告", None, "outside any table"),
        ("line 3", "一、部门基本情况\t", None, "outside any table"),
        (f"line {last}", "三、存在的问题", None, "outside any table"),
    ]


@needs_seeds
def test_stray_line_inside_a_table_is_reported_and_the_table_kept() -> None:
    lines = _seed_text(SEED_000).split("\n")
    lines.insert(19, "第 1 页")  # inside table 1's indicator rows
    result = read_text("\n".join(lines))
    assert [_bare(t) for t in result.tables] == [_bare(t) for t in _seed_read(SEED_000).tables]
    (stray,) = result.unplaced
    assert (stray.table, stray.location, stray.text) == (1, "line 20", "第 1 页")
    assert "not an indicator row" in stray.reason
    assert any("line 20" in r and "could not be placed" in r for r in result.tables[0].remarks)


# --------------------------------------------------------------- drift guard


@needs_seeds
def test_label_drift_is_repaired_only_when_the_weights_prove_it() -> None:
    text = _seed_text(SEED_001).replace(
        "效益指标 (30分)\t社会效益指标\t政务服务适老化",
        "效益指标 (35分)\t社会效益指标\t政务服务适老化",
    )
    table = read_text(text).tables[7]
    outcome = table.level1[1]
    assert (outcome.name, outcome.weight) == ("效益指标", "35")
    assert outcome.level2[0].indicators[0].name == "政务服务适老化智慧终端试点建设项目完成及时性"
    timeliness = table.level1[0].level2[2]
    assert timeliness.name == "时效指标"
    assert timeliness.indicators[0].name == "政务服务管理能力和服务质量综合提升工作验收合格率"
    assert not any("one row early" in r for r in table.remarks)


# ------------------------------------------------------------ hostile inputs


def test_empty_file_gives_an_empty_result(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read_text_file(path) == ReadResult(str(path), (), ())


def test_text_without_a_table_is_all_unplaced_not_an_error() -> None:
    result = read_text("一、基本情况\n\n\t\n  本部门共有3个项目。\n<p></p>\n", "r.txt")
    assert result.tables == ()
    assert [(u.location, u.text, u.table) for u in result.unplaced] == [
        ("line 1", "一、基本情况", None),
        ("line 4", "  本部门共有3个项目。", None),
    ]
    assert str(result.unplaced[0]) == "r.txt, line 1: outside any table: '一、基本情况'"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL"),
        ("项目编码".encode() + b"\xff\xfe\xfd", "not UTF-8"),
        ("项目编码".encode("gb18030"), "not UTF-8"),
    ],
)
def test_binary_junk_is_refused_naming_the_file(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=words) as caught:
        read_text_file(path)
    assert caught.value.source == str(path)
    assert str(path) in str(caught.value)


def test_nul_characters_in_text_are_refused() -> None:
    with pytest.raises(ReadError, match="NUL"):
        read_text("项目编码:\x00", "x.txt")


def test_fifty_megabyte_file_is_refused_by_its_size_quickly(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as stream:  # sparse: nothing is written but the last byte
        stream.seek(50 * 1024 * 1024)
        stream.write(b"\n")
    start = time.perf_counter()
    with pytest.raises(ReadError, match="larger than 20 MB") as caught:
        read_text_file(path)
    assert time.perf_counter() - start < 1
    assert caught.value.source == str(path)


def test_too_many_lines_are_refused() -> None:
    with pytest.raises(ReadError, match="lines"):
        read_text("\n" * MAX_LINES)


@pytest.mark.parametrize("name", ["missing.txt", "."])
def test_missing_file_or_directory_is_a_read_error(tmp_path: Path, name: str) -> None:
    with pytest.raises(ReadError, match="no such file") as caught:
        read_text_file(tmp_path / name)
    assert caught.value.source == str(tmp_path / name)


@needs_seeds
def test_truncated_table_is_reported_never_returned_smaller() -> None:
    text = _seed_text(SEED_000)
    cut = text.index("党建活动参与率") + len("党建活动参与率\t≥90%\t90%\t7.0")
    result = read_text(text[:cut], "cut.txt")
    assert result.tables == ()
    last = result.unplaced[-1]
    assert (last.table, last.location) == (1, "line 20")
    assert "分值" in last.reason
    assert all(u.table == 1 for u in result.unplaced)
    assert "which was not read" in result.unplaced[0].reason


@needs_seeds
def test_truncated_third_table_keeps_the_first_two() -> None:
    text = _seed_text(SEED_000)
    cut = text.index("推文发布数")
    result = read_text(text[:cut])
    assert [_bare(t) for t in result.tables] == [_bare(t) for t in _seed_read(SEED_000).tables[:2]]
    assert {u.table for u in result.unplaced} == {3}
    assert "no 总分 row" in result.unplaced[0].reason


@needs_seeds
def test_table_cut_in_its_total_points_says_it_may_be_cut() -> None:
    text = _seed_text(SEED_000)
    cut = text.index("100.00\t90.73") + len("100.00\t90.7")
    (table,) = read_text(text[:cut]).tables
    assert table.total.points == "90.7"
    assert any("may be incomplete" in r for r in table.remarks)


@needs_seeds
def test_unreadable_number_in_a_complete_table_rejects_that_table() -> None:
    text = _seed_text(SEED_000).replace("≥4批次\t4批次\t7.00\t7.00", "≥4批次\t4批次\t7.00\t7,0O")
    result = read_text(text)
    full = _seed_read(SEED_000).tables
    assert [_bare(t) for t in result.tables] == [_bare(t) for t in full[1:]]
    faulty = [u for u in result.unplaced if "which was not read" not in u.reason]
    assert [(u.table, u.location) for u in faulty] == [(1, "line 17")]
    assert "no 分值 and 得分" in faulty[0].reason


@needs_seeds
def test_unreadable_funds_amount_rejects_the_table() -> None:
    text = _seed_text(SEED_000).replace(
        "50000.00\t50000.00\t3657.80\t10", "5OOOO\t50000.00\t3657.80\t10", 1
    )
    result = read_text(text)
    assert len(result.tables) == 6
    assert any("is not a number" in u.reason and u.location == "line 8" for u in result.unplaced)


@needs_seeds
@given(cut=st.integers(min_value=0, max_value=22_000))
def test_any_cut_returns_only_whole_tables(cut: int) -> None:
    text = _seed_text(SEED_000)
    full = _seed_read(SEED_000).tables
    for table in read_text(text[:cut]).tables:
        assert table.source is not None
        number = int(table.source.split("table ")[1].split(" of")[0])
        same = _bare(table) == _bare(full[number - 1])
        assert same or any("may be incomplete" in r for r in table.remarks)


@needs_seeds
def test_huge_single_cell_is_kept_as_printed_in_bounded_time() -> None:
    note = "偏差" * 500_000  # a 1 MB cell
    text = _seed_text(SEED_000).replace("无偏差", note, 1)
    start = time.perf_counter()
    result = read_text(text)
    assert time.perf_counter() - start < 5
    assert result.tables[0].level1[0].level2[0].indicators[0].note == note


def test_megabyte_lines_outside_tables_are_reported_whole() -> None:
    line = "<p" * 200_000 + "汉 " * 200_000
    wide = "\t".join(["1"] * 100_000)
    start = time.perf_counter()
    result = read_text(f"{line}\n{wide}\n")
    assert time.perf_counter() - start < 5
    assert [u.text for u in result.unplaced] == [line, wide]


@needs_seeds
def test_line_with_too_many_cells_inside_a_table_is_unplaced() -> None:
    lines = _seed_text(SEED_000).split("\n")
    lines.insert(19, "\t".join(["7.00"] * 1000))
    result = read_text("\n".join(lines))
    assert len(result.tables) == 7
    (wide,) = result.unplaced
    assert wide.table == 1
    assert "more than 64 cells" in wide.reason


# ----------------------------------------------------------- line layout


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("<p>a</p> <p>b</p>", "a\nb"),
        ("<P class='x'>a</P>", "a"),
        ("a<br/>b", "a\nb"),
        ("《通知<关于(试行)>》", "《通知<关于(试行)>》"),
        ("  x < y  ", "x < y"),
    ],
)
def test_clean_cell_strips_tags_only(text: str, cleaned: str) -> None:
    assert clean_cell(text) == cleaned


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("辅助性人员的满 意程度", "辅助性人员的满意程度"),
        ("数据管理局 (本级)", "数据管理局(本级)"),
        ("已接入 3770 项", "已接入 3770 项"),
        ("PDA 工作终端", "PDA 工作终端"),
    ],
)
def test_join_wraps_only_between_chinese_characters(text: str, joined: str) -> None:
    assert join_wraps(text) == joined


def test_labels() -> None:
    assert level1_label("产出指标 (50分)") == ("产出指标", "50")
    assert level1_label("满意度指标（10分）") == ("满意度指标", "10")
    assert level1_label("产出指标") is None
    assert level2_label("服务对象满意度 指标") == "服务对象满意度指标"
    assert level2_label("创文区考部门绩效指标得分") is None


@pytest.mark.parametrize(
    ("cells", "weight"),
    [
        (["无", "无", "无", "0", "0", "无"], 3),
        (["无", "无", "无", "0", "无", "无"], 3),
        (["1", "100%", "12.50", "#####", ""], 2),
        (["0", "0", "6", "6"], 2),
        (["≥90%", "9"], None),
    ],
)
def test_find_scores(cells: list[str], weight: int | None) -> None:
    assert find_scores(cells) == weight


def test_row_with_a_duplicated_actual_value() -> None:
    row = read_row(["", "平台事件分拨及时率", "", "≥90%", "100%", "100%", "5", "5", "", ""])
    assert row is not None
    assert (row.name, row.target, row.actual, row.weight, row.points, row.note) == (
        "平台事件分拨及时率",
        "≥90%",
        "100%",
        "5",
        "5",
        "",
    )
    assert row.duplicate


def test_equal_target_and_actual_are_no_duplicate() -> None:
    row = read_row(["", "", "时效指标", "2023年", "1年", "1年", "12.50", "#####", ""])
    assert row is not None
    assert (row.name, row.target, row.actual, row.duplicate) == ("2023年", "1年", "1年", False)


def test_label_only_line_and_fragment() -> None:
    row = read_row(["", "产出指标(50分)", "数量指标", "", ""])
    assert row is not None
    assert (row.level1, row.level2, row.has_row) == (("产出指标", "50"), "数量指标", False)
    assert read_row(["", "第 3 页"]) is None


def test_unknown_level2_label() -> None:
    row = read_row(["", "", "政治效益指标", "学习次数", "≥4次", "4次", "5", "5"])
    assert row is not None
    assert (row.level2, row.name) == ("政治效益指标", "学习次数")


@pytest.mark.parametrize(
    ("cells", "words"),
    [
        (["", "a", "b", "c", "d", "e", "5", "5"], "cells before 分值"),
        (["", "名称", "有所提升", "100%", "100%", "5", "5"], "cells before 分值"),
        (["", "产出指标(50分)", "效益指标(30分)", "x", "y", "z", "5", "5"], "two labels"),
        (["", "多余", "产出指标(50分)", "数量指标", "x", "y", "z", "5", "5"], "before the"),
        (["", "", "", "名称", "≥90%", "90%", "7.00", "abc"], "no 分值"),
    ],
)
def test_rows_that_cannot_be_told_apart_are_errors(cells: list[str], words: str) -> None:
    with pytest.raises(LayoutError, match=words):
        read_row(cells)


# ------------------------------------------------------------ arbitrary text

_TOKENS = st.sampled_from(
    [
        "项目支出绩效自评表",
        "项目编码:",
        "项目名称：",
        "绩效自评年度:",
        "2023",
        "资金使用情况",
        "年度资金总额",
        "其中:当年财政拨款",
        "项目资金(元)",
        "项目目标完成情况",
        "预期目标",
        "实际完成情况",
        "年度绩效指标",
        "一级指标",
        "三级指标",
        "分值",
        "产出指标(50分)",
        "数量指标",
        "其他满意度指标",
        "总分",
        "合格率",
        "及时性",
        "100.00",
        "7",
        "#####",
        "—",
        "无",
        "<p>",
        "</p>",
        "\t",
        "\t",
        "\n",
        " ",
    ]
)
_TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(_TOKENS, st.text(max_size=3)), max_size=80).map("".join),
)


@given(text=_TEXTS)
def test_arbitrary_text_raises_nothing_but_jixiao_errors(text: str) -> None:
    try:
        result = read_text(text, "fuzz.txt")
    except JixiaoError:
        return
    for table in result.tables:
        assert table.level1
        assert table.source is not None
        assert table.source.startswith("fuzz.txt, table ")
    locations = [u.location for u in result.unplaced]
    assert len(locations) == len(set(locations))


@needs_seeds
@given(data=st.data())
def test_seed_with_lines_dropped_or_swapped_raises_nothing_but_jixiao_errors(
    data: st.DataObject,
) -> None:
    lines = _seed_text(SEED_001).split("\n")
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(lines) - 1))
        j = data.draw(st.integers(0, len(lines) - 1))
        if data.draw(st.booleans()):
            del lines[i]
        else:
            lines[i], lines[j] = lines[j], lines[i]
    try:
        result = read_text("\n".join(lines))
    except JixiaoError:  # pragma: no cover - no line makes the whole text unreadable
        return
    assert len(result.tables) <= 11


# ------------------------------------------------------- a small clean table

_SMALL = """项目支出绩效自评表
项目编码:\tP1\t项目名称:\t测试项目\t绩效自评年度:\t2023
实施单位:\t某单位\t一级预算单位:\t某单位
资金使用情况
\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率(%)\t得分
项目资金(元)\t年度资金总额\t100.00\t100.00\t100.00\t10\t100\t10
\t其中:当年财政拨款\t100.00\t100.00\t100.00\t—\t—\t—
项目目标完成情况
年度总体目标\t预期目标\t\t\t* 实际完成情况
\t目标\t\t\t完成
年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t* 实际完成值\t* 分值\t* 得分\t偏差原因分析及改进措施
\t产出指标(90分)\t数量指标\t次数\t≥1次\t1次\t90\t90\t
总分\t\t\t\t\t\t100\t100\t—
"""


def _small(old: str = "", new: str = "") -> ReadResult:
    assert old in _SMALL
    return read_text(_SMALL.replace(old, new, 1) if old else _SMALL, "small.txt")


def test_small_table_reads_cleanly() -> None:
    result = _small()
    (table,) = result.tables
    assert result.unplaced == ()
    assert table.remarks == ()
    assert (table.project.code, table.project.name, table.project.year) == ("P1", "测试项目", 2023)
    assert (table.funds.unit.value, table.funds.carry_over.executed) == ("元", "")
    assert (table.goal.expected, table.goal.achieved) == ("目标", "完成")
    assert (table.total.weight, table.total.points) == ("100", "100")


def test_small_table_variants_that_still_read() -> None:
    assert _small("项目编码:\tP1", "项目编码：P1\t").tables[0].project.code == "P1"
    assert _small("项目资金(元)", "项目资金（万元）").tables[0].funds.unit.value == "万元"
    split = _small("\t产出指标(90分)\t数量指标\t次数", "\t产出指标(90分)\t数量指标\n\t\t\t次数")
    assert [_bare(t) for t in split.tables] == [_bare(t) for t in _small().tables]
    goal = _small("\t目标\t\t\t完成\n", "\t目标\t\t\t完成\n\t续\t\t\t续完\n").tables[0].goal
    assert (goal.expected, goal.achieved) == ("目标\n续", "完成\n续完")
    header = _SMALL.splitlines()[10]
    again = _small("总分", f"{header}\n总分").tables[0]
    assert any("printed again" in r for r in again.remarks)
    assert any("元 assumed" in r for r in _small("项目资金(元)", "").tables[0].remarks)


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("项目编码:", "附表\t项目编码:", "cells before the first label"),
        ("项目资金(元)", "项目资金(元)\t附注", "unrecognised cell in the funds row"),
        ("—\t—\t—", "—\t1\t—", "cells beyond the 当年财政拨款 row"),
        ("100\t100\t—", "100\t100\t见说明", "no place for a note"),
        ("测试项目\t", "测试项目\t项目名称:\t别名\t", "a second name"),
    ],
)
def test_small_table_cells_without_a_place_are_unplaced(old: str, new: str, reason: str) -> None:
    result = _small(old, new)
    assert len(result.tables) == 1
    (unplaced,) = result.unplaced
    assert (unplaced.table, reason in unplaced.reason) == (1, True)
    assert any("could not be placed" in r for r in result.tables[0].remarks)


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("\t2023", "\t二〇二三", "is not a year"),
        ("项目名称:\t测试项目", "", "no 项目名称 found"),
        ("项目资金(元)\t年度资金总额", "项目资金(元)\t合计", "no 年度资金总额 row"),
        ("\t其中:当年财政拨款", "\t年度资金总额", "printed twice"),
        ("\t产出指标(90分)\t数量指标\t次数\t≥1次\t1次\t90\t90\t\n", "", "no indicator rows"),
        ("产出指标(90分)\t数量指标", "\t", "before its level-1 and level-2 labels"),
        ("产出指标(90分)\t", "\t", "a level-2 label before any level-1 label"),
        ("100\t100\t—", "100\t满分\t—", "the 总分 row prints no"),
    ],
)
def test_small_table_that_cannot_be_read_is_rejected(old: str, new: str, reason: str) -> None:
    result = _small(old, new)
    assert result.tables == ()
    assert any(reason in u.reason for u in result.unplaced), [u.reason for u in result.unplaced]
    assert all(u.table == 1 for u in result.unplaced)


def test_a_second_code_line_starts_a_new_table() -> None:
    body = _SMALL.split("\n", 1)[1]
    result = read_text(body.split("资金使用情况")[0] + body, "two.txt")
    assert len(result.tables) == 1
    assert result.tables[0].source == "two.txt, table 2 of 2"
    assert {u.table for u in result.unplaced} == {1}


def test_text_over_twenty_megabytes_is_refused() -> None:
    with pytest.raises(ReadError, match="larger than 20 MB"):
        read_text("a" * (20 * 1024 * 1024 + 1))
