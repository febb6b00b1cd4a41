"""Reading project tables from text (:mod:`jixiao.io.text` onto :mod:`jixiao.io.recognise`).

The acceptance test: the two seed extractions read into the 18 tables that
were transcribed by hand in ``examples/projects``, equal in every field but
``source`` and ``remarks``, audited alike, every finding naming its cells. Then
the variants one small table takes (the recogniser's rules, one by one),
hostile inputs, and arbitrary text that must never raise anything but a
:class:`JixiaoError`.

Choice tested here: a text without any table is **not** an error; it gives an
empty result with every non-blank line in ``unplaced``, each with its kind.
"""

from __future__ import annotations

import re
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
from jixiao.io._furniture import is_sign_off
from jixiao.io.result import ReadResult
from jixiao.io.text import MAX_LINES, read_text, read_text_file
from jixiao.project import FundsRow, audit, load_table
from jixiao.project.file import table_to_dict
from jixiao.project.model import ProjectTable, Total

from .conftest import ROOT, require_seeds

SEED_000 = "000_7cd2ef88782e39ca.txt"
SEED_001 = "001_8c6bbc88d7678e1b.txt"
HAND = sorted((ROOT / "examples" / "projects").glob("*.toml"))


@cache
def _seed_text(name: str) -> str:
    return (require_seeds() / name).read_text("utf-8")


@cache
def _seed_read(name: str) -> ReadResult:
    return read_text_file(require_seeds() / name)


def _comparable(table: ProjectTable) -> dict[str, Any]:
    data = table_to_dict(table)
    del data["source"], data["remarks"]
    return data


def _bare(table: ProjectTable) -> ProjectTable:
    return attrs.evolve(table, source=None, remarks=())


def _read_by_source() -> dict[str, ProjectTable]:
    return {t.source or "": t for seed in (SEED_000, SEED_001) for t in _seed_read(seed).tables}


# ------------------------------------------------------------------ acceptance


@pytest.mark.parametrize(("seed", "count"), [(SEED_000, 7), (SEED_001, 11)])
def test_seed_gives_every_table_in_order_and_nothing_unplaced(seed: str, count: int) -> None:
    result = _seed_read(seed)
    assert len(result.tables) == count
    assert [t.source for t in result.tables] == [
        f"{seed}, table {i} of {count}" for i in range(1, count + 1)
    ]
    assert result.unplaced == ()
    assert result.source == str(require_seeds() / seed)


@pytest.mark.parametrize("path", HAND, ids=lambda p: p.stem)
def test_seed_table_equals_hand_transcription(path: Path) -> None:
    hand = load_table(path)
    assert hand.source is not None
    read = _read_by_source()[hand.source.removeprefix("seeds/")]
    # goal texts included: the reader joins <p> paragraphs with a newline, as the hand did
    assert _comparable(read) == _comparable(hand)
    assert read.remarks, "every seed table needed at least one repair, and says so"


@pytest.mark.parametrize("path", HAND, ids=lambda p: p.stem)
def test_seed_table_audits_like_hand_transcription(path: Path) -> None:
    hand = load_table(path)
    assert hand.source is not None
    seed, _, _ = hand.source.removeprefix("seeds/").partition(",")
    read = _read_by_source()[hand.source.removeprefix("seeds/")]
    found = audit(read).findings
    assert [attrs.evolve(f, cells=()) for f in found] == [
        attrs.evolve(f, cells=()) for f in audit(hand).findings
    ]
    for finding in found:  # the hand's paths become the lines and cells they were read from
        assert finding.cells
        assert all(cell.startswith(f"{require_seeds() / seed}:") for cell in finding.cells)


def test_seed_findings_name_the_printed_cells() -> None:
    table = _read_by_source()[f"{SEED_000}, table 1 of 7"]
    (found,) = audit(table).findings
    assert found.code == "large-deviation-without-note"
    source = str(require_seeds() / SEED_000)
    # line 22 is the 项目成本 row: its note in cell 8, its target and actual in 4 and 5
    assert found.cells == (f"{source}:22:8", f"{source}:22:4", f"{source}:22:5")
    assert _seed_text(SEED_000).split("\n")[21].split("\t")[7] == "无偏差"


@pytest.mark.parametrize(
    ("source", "words"),
    [
        (f"{SEED_001}, table 11 of 11", "printed twice; the duplicate is dropped"),
        (f"{SEED_001}, table 8 of 11", "are printed one row early"),
        (f"{SEED_001}, table 8 of 11", "the level-2 label 时效指标 is printed one row early"),
        (f"{SEED_001}, table 3 of 11", "shifted two columns left"),
        (f"{SEED_000}, table 4 of 7", "the 总分 row is printed shifted one column left"),
        (f"{SEED_000}, table 5 of 7", "'辅助性人力资源 经费'; joined to '辅助性人力资源经费'"),
        (f"{SEED_000}, table 5 of 7", "'服务对象满意度 指标' is joined to 服务对象满意度指标"),
        (f"{SEED_000}, table 7 of 7", "the cells are printed shifted one column right"),
    ],
)
def test_remarks_say_what_was_repaired(source: str, words: str) -> None:
    table = _read_by_source()[source]
    assert any(words in remark for remark in table.remarks), table.remarks


def test_read_tables_dispatches_txt_to_this_reader() -> None:
    assert read_tables(require_seeds() / SEED_000).tables == _seed_read(SEED_000).tables


def test_byte_order_mark_and_crlf_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + _seed_text(SEED_000).replace("\n", "\r\n").encode())
    result = read_text_file(path)
    assert [_bare(t) for t in result.tables] == [_bare(t) for t in _seed_read(SEED_000).tables]
    assert result.tables[0].source == "bom.txt, table 1 of 7"


def test_tables_start_at_the_code_line_without_a_heading() -> None:
    text = _seed_text(SEED_001).replace("项目支出绩效自评表", "")
    result = read_text(text)
    assert [_bare(t) for t in result.tables] == [_bare(t) for t in _seed_read(SEED_001).tables]


def test_report_text_around_the_tables_is_reported_with_its_kind() -> None:
    before = "部门整体支出绩效自评报告\n\n一、部门基本情况\t\n"
    after = "\n填报说明：1. 本表由项目单位填写\n2. 分值保留两位小数\n- 3 -\n三、存在的问题\n"
    result = read_text(before + _seed_text(SEED_000) + after, "report.txt")
    assert len(result.tables) == 7
    assert result.tables[0].source == "report.txt, table 1 of 7"
    outside = [(u.location, u.text, u.table, u.kind) for u in result.unplaced]
    last = 3 + _seed_text(SEED_000).count("\n") + 2
    assert outside == [
        ("report.txt:1", "部门整体支出绩效自评报告", None, "text"),
        ("report.txt:3", "一、部门基本情况\t", None, "text"),
        (f"report.txt:{last}", "填报说明：1. 本表由项目单位填写", None, "note"),
        (f"report.txt:{last + 1}", "2. 分值保留两位小数", None, "note"),
        (f"report.txt:{last + 2}", "- 3 -", None, "furniture"),
        (f"report.txt:{last + 3}", "三、存在的问题", None, "text"),
    ]
    assert result.content == ()


def test_a_page_number_inside_a_table_is_furniture_and_the_table_kept() -> None:
    lines = _seed_text(SEED_000).split("\n")
    lines.insert(19, "第 1 页")  # inside table 1's indicator rows
    result = read_text("\n".join(lines), "r.txt")
    assert [_bare(t) for t in result.tables] == [_bare(t) for t in _seed_read(SEED_000).tables]
    (page,) = result.unplaced
    assert (page.table, page.location, page.text, page.kind) == (
        1,
        "r.txt:20",
        "第 1 页",
        "furniture",
    )


def test_a_stray_line_inside_a_table_is_content_and_said() -> None:
    lines = _seed_text(SEED_000).split("\n")
    lines.insert(19, "\t\t无关\t文字")  # inside table 1's indicator rows
    result = read_text("\n".join(lines), "r.txt")
    assert len(result.tables) == 7
    (stray,) = result.content
    assert (stray.table, stray.location) == (1, "r.txt:20")
    assert any("line 20" in r and "could not be placed" in r for r in result.tables[0].remarks)


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


# ------------------------------------------------------------ cut documents


def test_a_table_cut_before_its_total_is_read_as_truncated() -> None:
    text = _seed_text(SEED_000)
    cut = text.index("党建活动参与率")
    result = read_text(text[:cut], "cut.txt")
    (table,) = result.tables
    assert table.truncated
    assert table.total == Total("", "")
    assert [r.name for _, _, r in table.rows()][-1] == "党建活动模式创新情况"
    assert any("ends before its 总分 row" in r for r in table.remarks)
    assert {f.code for f in audit(table).findings} >= {"table-truncated"}
    assert audit(table).ok


def test_a_truncated_third_table_keeps_the_first_two_whole() -> None:
    text = _seed_text(SEED_000)
    cut = text.index("推文发布数")
    result = read_text(text[:cut])
    assert [_bare(t) for t in result.tables[:2]] == [
        _bare(t) for t in _seed_read(SEED_000).tables[:2]
    ]
    assert [t.truncated for t in result.tables] == [False, False, True]


def test_a_table_cut_mid_line_keeps_what_it_prints() -> None:
    text = _seed_text(SEED_000)
    cut = text.index("100.00\t90.73") + len("100.00\t90.7")
    (table,) = read_text(text[:cut]).tables
    assert table.total.points == "90.7"
    assert not audit(table).ok  # the cut total does not add up, and the audit says so


@given(cut=st.integers(min_value=0, max_value=22_000))
def test_any_cut_returns_whole_or_truncated_tables(cut: int) -> None:
    text = _seed_text(SEED_000)
    full = _seed_read(SEED_000).tables
    for table in read_text(text[:cut]).tables:
        assert table.source is not None
        number = int(table.source.split("table ")[1].split(" of")[0])
        same = _bare(table) == _bare(full[number - 1])
        assert same or table.truncated or number == len(read_text(text[:cut]).tables)


def test_an_unreadable_number_is_kept_as_printed_and_audited() -> None:
    text = _seed_text(SEED_000).replace("≥4批次\t4批次\t7.00\t7.00", "≥4批次\t4批次\t7.00\t7,0O")
    result = read_text(text, "r.txt")
    assert len(result.tables) == 7
    row = result.tables[0].level1[0].level2[0].indicators[1]
    assert row.points == "7,0O"
    assert "total-unverifiable" in {f.code for f in audit(result.tables[0]).errors}


# ------------------------------------------------------------ hostile inputs


def test_empty_file_gives_an_empty_result(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read_text_file(path) == ReadResult(str(path), (), ())


def test_text_without_a_table_is_all_unplaced_not_an_error() -> None:
    result = read_text("一、基本情况\n\n\t\n  本部门共有3个项目。\n<p></p>\n", "r.txt")
    assert result.tables == ()
    assert [(u.location, u.text, u.table, u.kind) for u in result.unplaced] == [
        ("r.txt:1", "一、基本情况", None, "text"),
        ("r.txt:4", "  本部门共有3个项目。", None, "text"),
    ]
    assert str(result.unplaced[0]) == "r.txt:1: [text] outside any table: '一、基本情况'"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL|UTF-8"),
        ("项目编码".encode() + b"\xff\xfe\xfd", "UTF-8"),
        ("项目编码".encode("gb18030"), "UTF-8"),
    ],
)
def test_binary_junk_is_refused_naming_the_file(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=words) as caught:
        read_text_file(path)
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
    with pytest.raises(ReadError, match="20 MB") as caught:
        read_text_file(path)
    assert time.perf_counter() - start < 1
    assert str(path) in str(caught.value)


def test_too_many_lines_are_refused() -> None:
    with pytest.raises(ReadError, match="lines"):
        read_text("\n" * (MAX_LINES + 1))


@pytest.mark.parametrize("name", ["missing.txt", "."])
def test_missing_file_or_directory_is_a_read_error(tmp_path: Path, name: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_text_file(tmp_path / name)
    assert str(tmp_path / name) in str(caught.value)


def test_huge_single_cell_is_kept_as_printed_in_bounded_time() -> None:
    note = "偏差" * 500_000  # a 1 MB cell
    text = _seed_text(SEED_000).replace("无偏差", note, 1)
    start = time.perf_counter()
    result = read_text(text)
    assert time.perf_counter() - start < 5
    assert result.tables[0].level1[0].level2[0].indicators[0].note == note


def test_megabyte_lines_outside_tables_are_reported_whole() -> None:
    line = "<p" * 200_000 + "汉 " * 200_000
    start = time.perf_counter()
    result = read_text(f"{line}\n", "big.txt")
    assert time.perf_counter() - start < 5
    assert [u.text for u in result.unplaced] == [line]


# ------------------------------------------------------------ arbitrary text

_TOKENS = st.sampled_from(
    [
        "项目支出绩效自评表",
        "2023年度",
        "项目编码:",
        "项目名称：",
        "绩效自评年度:",
        "2023",
        "资金使用情况",
        "年度资金总额",
        "其中:当年财政拨款",
        "项目资金(元)",
        "单位：万元",
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
        "填报说明：",
        "- 3 -",
        "\t",
        "\t",
        "\n",
        "  ",
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
        audit(table)  # whatever was read can be audited
    locations = [u.location for u in result.unplaced]
    assert len(locations) == len(set(locations))


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
    assert len(result.tables) <= 12
    for table in result.tables:
        audit(table)


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
    assert table.locations["rows.0.points"] == "small.txt:12:8"
    assert table.locations["funds.rate"] == "small.txt:6:7"
    assert table.locations["level1.0"] == "small.txt:12:2"


@pytest.mark.parametrize(
    ("old", "new", "check"),
    [
        ("项目编码:\tP1", "项目编码：P1\t", lambda t: t.project.code == "P1"),
        ("项目编码:\tP1\t", "", lambda t: t.project.code == ""),
        ("项目资金(元)", "项目资金（万元）", lambda t: t.funds.unit.value == "万元"),
        ("项目资金(元)", "单位：万元\n项目资金", lambda t: t.funds.unit.value == "万元"),
        ("项目支出绩效自评表", "2022年度项目支出绩效自评表", lambda t: t.project.year == 2023),
        ("项目支出绩效自评表", "2023年度\n项目支出绩效自评表", lambda t: t.project.year == 2023),
        ("\t绩效自评年度:\t2023", "", lambda t: t.project.year is None),
        ("执行率(%)", "执行率(B/A)", lambda t: not t.funds.rate_percent),
        ("全年预算数", "全年预算数（A）", lambda t: t.funds.total.full_year_budget == "100.00"),
        (
            "实施单位:\t某单位",
            "主管部门:\t某部门\t实施单位:\t某单位",
            lambda t: t.project.competent_department == "某部门",
        ),
        ("产出指标(90分)", "产出指标（90分）", lambda t: t.level1[0].weight == "90"),
        # words of a published Anhui table (tests/published/anhui-guichi-2022.txt)
        (
            "其中:当年财政拨款\t100.00",
            "其中:本年财政拨款\t100.00",
            lambda t: t.funds.current_appropriation.executed == "100.00",
        ),
        (
            "年度绩效指标\t一级指标",
            "绩效指标\t一级指标",
            lambda t: t.total.points == "100" and "rows.0.points" in t.locations,
        ),
        (
            "总分\t\t\t",
            "绩效指标\t总分\t\t",
            lambda t: t.total.points == "100",
        ),
        (
            "\t产出指标(90分)\t数量指标\t次数\t≥1次\t1次\t90\t90\t\n",
            "\t满意度指标(90分)\t满意度指标\t满意度\t≥90%\t95%\t90\t90\t\n",
            lambda t: (
                [(g.name, len(g.indicators)) for g in t.level1[0].level2] == [("满意度指标", 1)]
            ),
        ),
        (
            "\t产出指标(90分)\t数量指标\t次数\t≥1次\t1次\t90\t90\t\n",
            "\t满意度指标(90分)\t满意度指标\t满意度\t≥90%\t95%\t50\t50\t\n"
            "\t\t满意度指标\t满意率\t≥90%\t95%\t40\t40\t\n",
            lambda t: (
                [(g.name, len(g.indicators)) for g in t.level1[0].level2] == [("满意度指标", 2)]
            ),
        ),
        (
            "\t产出指标(90分)\t数量指标\t次数\t≥1次\t1次\t90\t90\t\n",
            "\t满意度指标(90分)\t服务对象满意度指标\t满意度\t≥90%\t95%\t50\t50\t\n"
            "\t满意度指标\t\t满意率\t≥90%\t95%\t40\t40\t\n",
            lambda t: (
                [(top.name, top.weight, len(list(top.rows()))) for top in t.level1]
                == [("满意度指标", "90", 2)]
            ),
        ),
        (
            "偏差原因分析及改进措施",
            "偏差原因分析\n\t\t\t\t\t\t\t\t及改进措施",
            lambda t: "rows.0.note" in t.locations,
        ),
        # words of the form as other districts print it
        (
            "年度总体目标\t预期目标",
            "年度总体目标完成情况\t预期目标",
            lambda t: (t.goal.expected, t.goal.achieved) == ("目标", "完成"),
        ),
        (
            "年度总体目标\t预期目标\t\t\t* 实际完成情况",
            "年度总体目标\t年初设定目标\t\t\t年度总体目标完成情况综述",
            lambda t: (t.goal.expected, t.goal.achieved) == ("目标", "完成"),
        ),
        (
            "年度绩效指标\t一级指标",
            "年度绩效指标完成情况\t一级指标",
            lambda t: t.level1[0].level2[0].indicators[0].points == "90",
        ),
        (
            "* 实际完成值\t* 分值\t* 得分\t偏差原因分析及改进措施",
            "全年实际值\t分值\t得分\t未完成原因及拟采取的改进措施",
            lambda t: (
                "rows.0.note" in t.locations and t.level1[0].rows().__next__().actual == "1次"
            ),
        ),
        ("项目资金(元)", "资金情况(万元)", lambda t: t.funds.unit.value == "万元"),
        # as Sichuan's forms print them: 完成值, 权重, 未完成原因分析, the section's
        # weight, 合计 for 总分 (the row that ends the indicators only)
        (
            "年度指标值\t* 实际完成值\t* 分值\t* 得分\t偏差原因分析及改进措施",
            "指标值\t完成值\t权重\t得分\t未完成原因分析",
            lambda t: (
                "rows.0.note" in t.locations
                and next(t.level1[0].rows()).actual == "1次"
                and next(t.level1[0].rows()).weight == "90"
            ),
        ),
        (
            "年度绩效指标\t一级指标",
            "绩效指标(90分)\t一级指标",
            lambda t: t.level1[0].level2[0].indicators[0].points == "90",
        ),
        ("总分", "合计", lambda t: (t.total.weight, t.total.points) == ("100", "100")),
        # the seal a label asks for is no part of the value
        (
            "实施单位:\t某单位",
            "实施单位 (盖章)\t某单位",
            lambda t: t.project.implementing_unit == "某单位",
        ),
        (
            "实施单位:\t某单位",
            "实施单位（盖章）：某单位",
            lambda t: t.project.implementing_unit == "某单位",
        ),
        # a blank row of the form under a label of its own (a Hebei table's)
        (
            "总分\t",
            "\t\t质量指标\t指标1：\t\t\t\t\t\n总分\t",
            lambda t: (
                [(g.name, len(g.indicators)) for g in t.level1[0].level2]
                == [("数量指标", 1), ("质量指标", 0)]
            ),
        ),
        # as Anhui and Hebei forms print them: a letter-spaced level-1 label
        ("产出指标(90分)", "产 出 指 标 (90分)", lambda t: t.level1[0].name == "产出指标"),
        ("\t产出指标(90分)\t", "\t产 出 指 标\t", lambda t: t.level1[0].name == "产出指标"),
        # weights and points printed with their unit 分, kept as printed
        (
            "\t90\t90\t\n总分\t\t\t\t\t\t100\t100",
            "\t90分\t90分\t\n总分\t\t\t\t\t\t100 分\t100 分",
            lambda t: (
                (t.level1[0].level2[0].indicators[0].weight, t.total.points) == ("90分", "100 分")
                and audit(t).ok
            ),
        ),
        ("\t10\t100\t10\n", "\t10分\t100%\t10分\n", lambda t: t.funds.points == "10分"),
        # a level-2 label with its weight (as some provinces print it): no level-1 label
        (
            "\t数量指标\t",
            "\t数量指标(90分)\t",
            lambda t: (
                [(g.name, g.weight) for g in t.level1[0].level2] == [("数量指标", "90")]
                and t.level1[0].weight == "90"
                and t.locations["level1.0.level2.0"] == "small.txt:12:3"
                and t.remarks == ()
            ),
        ),
        (
            "\t数量指标\t",
            "\t数量指标 （90分）\t",
            lambda t: t.level1[0].level2[0].weight == "90" and t.remarks == (),
        ),
    ],
)
def test_small_table_variants_that_still_read(old: str, new: str, check: Any) -> None:
    result = _small(old, new)
    assert result.content == ()
    (table,) = result.tables
    assert check(table), table


@pytest.mark.parametrize(
    ("old", "new", "cells"),
    [
        ("测试项目\t绩效", "测试项目\t项目负责人及电话\t李宁 0557-5788003\t绩效", ["2:5", "2:6"]),
        ("测试项目\t绩效", "测试项目\t联系电话：0557-5788003\t绩效", ["2:5"]),
        ("实施单位:", "联系人\t李宁\t实施单位:", ["3:1", "3:2"]),
        ("资金使用情况", "联系人:\t李宁\n资金使用情况", ["4:1", "4:2"]),
    ],
)
def test_an_identification_field_of_no_place_is_listed_not_read(
    old: str, new: str, cells: list[str]
) -> None:
    result = _small(old, new)
    (table,) = result.tables
    assert (table.project.name, table.project.implementing_unit) == ("测试项目", "某单位")
    assert result.content == ()
    fields = [u for u in result.unplaced if u.kind == "field"]
    assert [u.location.removeprefix("small.txt:") for u in fields] == cells
    assert all(u.table == 1 and not u.problem for u in fields)


def test_a_breakdown_row_is_listed_not_joined_to_the_row_above() -> None:
    # 其中… under a row, without 分值 (an Anhui table's): no wrapped part of the row
    row = "\t产出指标(90分)\t数量指标\t次数\t≥1次\t1次\t90\t90\t\n"
    result = _small(row, row + "\t\t\t其中培训次数\t≥1次\t1次\t\t\t\n")
    (table,) = result.tables
    ((_, _, read),) = table.rows()
    assert (read.name, read.target, read.actual) == ("次数", "≥1次", "1次")
    ((location, reason),) = [(u.location, u.reason) for u in result.content]
    assert location == "small.txt:13"
    assert "a breakdown row (其中…) without 分值" in reason


def _in_parts(row: str) -> str:
    """The small table with its target in parts (指标性质 | 指标值 | 度量单位, two
    more columns) and its row printing *row* from its name on."""
    return (
        _SMALL.replace(
            "三级指标\t年度指标值\t* 实际完成值", "三级指标\t指标性质\t指标值\t度量单位\t完成值"
        )
        .replace("次数\t≥1次\t1次\t90\t90", row)
        .replace("总分\t\t\t\t\t\t100", "总分\t\t\t\t\t\t\t\t100")
    )


@pytest.mark.parametrize(
    ("row", "target", "actual"),
    [
        ("次数\t≥\t1\t次\t1\t90\t90", "≥1次", "1次"),
        ("次数\t定性\t有所提升\t\t明显提升\t90\t90", "有所提升", "明显提升"),
        ("次数\t\t≥1次\t\t1次\t90\t90", "≥1次", "1次"),
        ("次数\t=\t100\t%\t98.5\t90\t90", "=100%", "98.5%"),
        ("次数\t≥\t≥1\t次\t1\t90\t90", "≥1次", "1次"),  # printed twice: once
    ],
)
@pytest.mark.parametrize("lost", [0, 1])
def test_a_target_printed_in_parts_is_read_whole(
    row: str, target: str, actual: str, lost: int
) -> None:
    """指标性质 and 度量单位 in columns of their own (Sichuan's form) are joined to
    the target (and the unit to the actual), also in a row an extraction
    shifted (*lost* leading empty cells dropped)."""
    text = _in_parts(row)
    if lost:
        text = text.replace("\t产出指标(90分)", "产出指标(90分)")
    result = read_text(text, "parts.txt")
    assert result.unplaced == ()
    (table,) = result.tables
    read = next(table.rows())[2]
    assert (read.target, read.actual, read.weight, read.points) == (target, actual, "90", "90")
    assert table.locations["rows.0.target"] == f"parts.txt:12:{6 - lost}"
    assert (table.total.weight, table.total.points) == ("100", "100")


@pytest.mark.parametrize(("parts", "target"), [("反向\t1", "1次"), ("≤\t≥1", "≥1次")])
def test_a_part_of_the_target_that_cannot_be_joined_is_listed(parts: str, target: str) -> None:
    result = read_text(_in_parts(f"次数\t{parts}\t次\t1\t90\t90"), "parts.txt")
    (unplaced,) = result.unplaced
    assert (unplaced.location, unplaced.kind) == ("parts.txt:12:5", "content")
    assert "not joined" in unplaced.reason
    read = next(result.tables[0].rows())[2]
    assert (read.target, read.actual) == (target, "1次")


def test_small_table_repairs_that_are_remarked() -> None:
    split = _small("\t产出指标(90分)\t数量指标\t次数", "\t产出指标(90分)\t数量指标\n\t\t\t次数")
    assert [_bare(t) for t in split.tables] == [_bare(t) for t in _small().tables]
    goal = _small("\t目标\t\t\t完成\n", "\t目标\t\t\t完成\n\t续\t\t\t续完\n").tables[0].goal
    assert (goal.expected, goal.achieved) == ("目标\n续", "完成\n续完")
    header = _SMALL.splitlines()[10]
    again = _small("总分", f"{header}\n总分")
    assert [(u.kind, u.location) for u in again.unplaced] == [("furniture", "small.txt:13")]
    assert any("元 assumed" in r for r in _small("项目资金(元)", "").tables[0].remarks)


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("项目编码:", "附表\t项目编码:", "text before the first label"),
        ("项目资金(元)", "项目资金(元)\t附注", "unrecognised cell in the funds row"),
        ("—\t—\t—", "1\t—\t—", "a value where the form prints —"),
        ("—\t—\t—", "—\t—\t1", "a value where the form prints —"),
        ("100\t100\t—", "100\t100\t见说明", "no place for"),
        ("测试项目\t", "测试项目\t项目名称:\t别名\t", "a second 项目名称"),
        ("\t其中:当年财政拨款", "\t年度资金总额", "printed twice"),
        # 合计 before the indicator header is no total row: it does not end the table
        ("\t其中:当年财政拨款", "合计\t\t100.00\n\t其中:当年财政拨款", "not recognised"),
        (
            "总分",
            "\t\t生态效益指标\t指标1:/\t/\t/\t\t\t\n总分",
            "a row that does not apply, printed without 分值 or 得分",
        ),
    ],
)
def test_small_table_cells_without_a_place_are_unplaced(old: str, new: str, reason: str) -> None:
    result = _small(old, new)
    assert len(result.tables) == 1
    (unplaced,) = result.content
    assert unplaced.table == 1
    assert reason in unplaced.reason, unplaced.reason
    assert any("could not be placed" in r for r in result.tables[0].remarks)


def test_a_level2_weight_off_names_its_label_and_its_rows_weights() -> None:
    lines = _SMALL.split("\n")
    lines[11] = lines[11].replace("数量指标", "数量指标(80分)")  # its row weighs 90
    (table,) = read_text("\n".join(lines), "small.txt").tables
    (found,) = [f for f in audit(table).errors if f.code == "level-weights"]
    assert (found.row, found.printed, found.expected) == ("产出指标 / 数量指标", "80", "90")
    assert found.cells == ("small.txt:12:3", "small.txt:12:7")


def test_a_breakdown_funds_rows_own_rate_is_listed_not_read() -> None:
    # 其中:当年财政拨款 | … | — | 100% | —, as a Shanxi county prints it: the row's
    # own rate, which the model keeps nowhere, is a field, not table content
    result = _small("100.00\t—\t—\t—", "100.00\t—\t100%\t—")
    assert [_bare(t) for t in result.tables] == [_bare(t) for t in _small().tables]
    (listed,) = result.unplaced
    assert (listed.kind, listed.location, listed.problem) == ("field", "small.txt:7:7", False)
    assert "the execution rate of the funds row 其中:当年财政拨款" in listed.reason
    assert "'100%'" in listed.reason


def test_columns_in_another_order_are_read_in_the_header_columns() -> None:
    # a Sichuan county prints 分值 before 年度指标值: the structural reading,
    # which knows the national order only, gives way to the header's columns
    header = "三级指标\t年度指标值\t* 实际完成值\t* 分值\t* 得分"
    result = read_text(
        _SMALL.replace(header, "三级指标\t* 分值\t年度指标值\t* 实际完成值\t* 得分")
        .replace("次数\t≥1次\t1次\t90\t90", "次数\t90\t≥1次\t1次\t90")
        .replace("总分\t\t\t\t\t\t100\t100", "总分\t\t\t\t100\t\t\t100"),
        "small.txt",
    )
    assert result.content == ()
    assert [_bare(t) for t in result.tables] == [_bare(t) for t in _small().tables]
    (remark,) = result.tables[0].remarks
    assert "not in the national form's order (name, weight, target, actual, points)" in remark


@pytest.mark.parametrize(
    ("header", "rows"),
    [
        (
            "绩效指标\t\t\t年度指标值\t* 实际完成值\t* 分值\t* 得分\t偏差原因分析及改进措施\n"
            "一级指标\t二级指标\t三级指标",
            "产出指标(90分)\t数量指标\t次数\t≥1次\t1次\t90\t90\t\n总分\t\t\t\t\t100\t100\t—",
        ),
        (  # the target's word over its parts (as Yunnan's published form prints it)
            "绩效指标\t\t\t年度指标值\t\t\t* 实际完成值\t* 分值\t* 得分\t偏差原因分析及改进措施\n"
            "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位",
            "产出指标(90分)\t数量指标\t次数\t≥\t1\t次\t1次\t90\t90\t\n"
            "总分\t\t\t\t\t\t\t100\t100\t—",
        ),
    ],
)
def test_a_header_of_two_levels_is_read_from_its_second_level(header: str, rows: str) -> None:
    # 绩效指标 names a group over 一级指标 | 二级指标 | 三级指标: the group's
    # columns are those its second row names, and the table reads as the one-row form
    result = _small(
        "年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t* 实际完成值\t* 分值\t* 得分"
        "\t偏差原因分析及改进措施\n\t产出指标(90分)\t数量指标\t次数\t≥1次\t1次\t90\t90\t\n"
        "总分\t\t\t\t\t\t100\t100\t—",
        f"{header}\n{rows}",
    )
    assert result.unplaced == ()
    assert [_bare(t) for t in result.tables] == [_bare(t) for t in _small().tables]
    header_remark, *parts = result.tables[0].remarks
    assert "the indicator header is printed over two lines" in header_remark
    assert len(parts) == ("指标性质" in header)  # ≥ | 1 | 次 → ≥1次, said once


def test_a_field_of_no_place_above_the_identification_starts_no_table() -> None:
    # Yunnan's 公开14表 prints the unit filling it in above 项目名称
    result = _small("项目编码:", "部门:某中学\t公开14表\n项目编码:")
    assert [_bare(t) for t in result.tables] == [_bare(t) for t in _small().tables]
    assert [(u.kind, u.location) for u in result.unplaced] == [
        ("field", "small.txt:2:1"),
        ("field", "small.txt:2:2"),
    ]


ZHONGJIANG = ROOT / "tests" / "published" / "sichuan-zhongjiang-2022.txt"
"""A table a Sichuan county (Zhongjiang) published for 2022, its cells typed
from the public page's text in the order its header prints them: 分值
before 年度指标值, and words of its own (资金情况, 年初设定目标, 全年实际值,
未完成原因及拟采取的改进措施)."""


def test_a_published_table_with_its_own_words_and_order_is_read_whole() -> None:
    result = read_tables(ZHONGJIANG)
    (table,) = result.tables
    assert result.content == ()
    assert (table.project.year, table.funds.unit.value, table.funds.total.executed) == (
        2022,
        "万元",
        "20",
    )
    assert table.goal.expected.startswith("对农村地区供水计量设施设备进行改进")
    rows = [row for _, _, row in table.rows()]
    assert (rows[0].target, rows[0].actual, rows[0].weight, rows[0].points) == (
        "≥266米",
        "≥266米",
        "10",
        "10",
    )
    assert [top.weight for top in table.level1] == ["70", "20", "10"]
    assert any("not in the national form's order" in r for r in table.remarks)
    # its own error: 70 + 20 + 10 and the execution's 10 under a total of 100
    errors = {(f.code, f.field) for f in audit(table).errors}
    assert errors == {("total-weight", "weight"), ("total", "points")}


DAYING = ROOT / "tests" / "published" / "sichuan-daying-2023.md"
"""A 部门预算项目支出绩效自评表 a Sichuan county department (Daying, 司法局)
published for 2023, as a Markdown table (each cell under a merged one left
empty): Sichuan's form, whose words differ from the national one's (its goal
block first: 项目基本情况, 项目年度目标, 年度目标完成情况; 预算执行情况(10分) over
the funds, 年初预算, 预算执行数, 预算执行率, 权重, 总额; 绩效指标(90分) over the
indicators, 完成值, 未完成原因分析; 合计 for 总分), which prints the target in
parts (指标性质 | 指标值 | 度量单位: ≥ | 13 | 台), and prints what the national form
has not (2.项目实施内容及过程概述, funds rows of its own, a column 原因)."""


def test_sichuans_form_is_read_in_its_own_words_and_its_own_columns_listed() -> None:
    result = read_tables(DAYING)
    (table,) = result.tables
    assert (table.project.year, table.funds.unit.value) == (2023, "万元")
    assert table.funds.total == FundsRow("0.00", "3.36", "3.36")
    assert (table.funds.weight, table.funds.rate, table.funds.points) == ("10", "100.00%", "10")
    rows = [row for _, _, row in table.rows()]
    assert [(r.target, r.actual, r.weight, r.points) for r in rows] == [
        ("≥13台", "13台", "30", "30"),
        ("=100%", "100%", "30", "30"),
        ("提升", "提升", "20", "20"),
        ("≥90%", "95%", "10", "10"),
    ]
    assert (table.total.weight, table.total.points) == ("100", "100")
    assert table.locations["total.points"] == f"{DAYING}:20:10"
    assert (table.goal.expected, table.goal.achieved) == (
        "根据要求购买安可设备,并完成项目资金支付。",
        "完成",
    )
    assert table.locations["goal.achieved"] == f"{DAYING}:7:4"
    # what its form prints beyond the national one is listed as fields, never read
    listed = {(u.kind, u.location.removeprefix(f"{DAYING}:")) for u in result.unplaced}
    assert listed == {
        ("field", "8"),  # 2.项目实施内容及过程概述: no place in the table model
        ("field", "9:9"),  # 原因, and the form's prompt under it
        ("field", "10:9"),
        ("field", "11"),  # 其中:财政资金, 财政专户管理资金, 单位资金: the national
        ("field", "12"),  # form splits the funds otherwise
        ("field", "13"),
    }
    assert not any(u.problem for u in result.unplaced)
    assert table.locations["rows.0.target"] == f"{DAYING}:16:6"  # 指标值, beside 指标性质
    # its numbers agree; its level-1 weights (60, 20, 10) are no national template's
    assert [(f.severity.value, f.code) for f in audit(table).findings] == [
        ("warning", "template-weights")
    ]


DAYING_PAGE = ROOT / "tests" / "published" / "sichuan-daying-2023-page.md"
"""The same table as the public page's own text prints it: cells parted by
pipes, no delimiter row, and the places of merged cells lost, so that a
continuation row starts with its first printed cell (质量指标 | 完成安可… two
columns left of its header's) and 合计 | 100 | 100 has lost the seven places
its label spans (as a converter from HTML that drops a rowspan's or colspan's
places writes a table)."""


def test_markdown_that_lost_merged_cells_reads_as_the_table_it_prints() -> None:
    typed, page = read_tables(DAYING), read_tables(DAYING_PAGE)
    (expected,), (table,) = typed.tables, page.tables
    # the same table, but where its cells print and what its reading repaired
    assert (
        attrs.evolve(
            table, source=expected.source, locations=expected.locations, remarks=expected.remarks
        )
        == expected
    )
    shifted = [r.split(",")[0].split(":")[0] for r in table.remarks if "shifted" in r]
    assert shifted == ["Line 14", "Line 15", "Line 16", "Line 17", "Line 18"]  # and said so
    assert table.locations["rows.1.points"] == f"{DAYING_PAGE}:15:8"  # counted as printed
    assert [u.location.removeprefix(f"{DAYING_PAGE}:") for u in page.unplaced] == [
        "6",
        "7:9",
        "8:8",
        "9",
        "10",
        "11",
    ]
    assert not any(u.problem for u in page.unplaced)
    assert [f.code for f in audit(table).findings] == ["template-weights"]


QINGSHEN = ROOT / "tests" / "published" / "sichuan-qingshen-2023.txt"
"""The same Sichuan form as a Qingshen county bureau published it for 2023,
typed from the public page's text in the order its cells print (tab-separated,
each cell under a merged one left empty): the form's own prompts where the
actuals and points would be, 实施单位 (盖章), four funds rows of its own, and
the lines after 合计 (评价结论, 存在问题, 改进措施, the signatures)."""


def test_sichuans_form_as_another_county_published_it() -> None:
    result = read_tables(QINGSHEN)
    (table,) = result.tables
    assert table.project.implementing_unit == "青神县发展和改革局"  # not "(盖章) …"
    assert table.goal.expected.startswith("严格执行相关政策")
    assert table.funds.total == FundsRow("238.93", "251.89", "251.89")
    rows = [row for _, _, row in table.rows()]
    assert [(r.target, r.actual, r.weight) for r in rows] == [
        ("=100%", "", "60"),
        ("=100%", "", "30"),
    ]
    assert (table.total.weight, table.total.points) == ("100", "")
    kinds = {(u.kind, u.location.removeprefix(f"{QINGSHEN}:")) for u in result.unplaced}
    assert kinds == {
        ("text", "1"),  # 报表编号:510000_0013zp, above the title
        ("field", "7"),  # 2.项目实施内容及过程概述
        ("field", "8:9"),  # 原因, and the form's prompt under it
        ("field", "9:9"),
        ("field", "10"),  # the funds rows of its own
        ("field", "11"),
        ("field", "12"),
        *(("text", str(n)) for n in range(18, 22)),  # after 合计, outside the table
    }
    assert {
        u.reason for u in result.unplaced if u.kind == "field" and u.location.count(":") == 1
    } == {
        "an item of the goal block the table model has no place for; not read",
        "a funds row of another form, which the table model has no place for; not read",
    }
    assert [(f.severity.value, f.code) for f in audit(table).findings] == [
        ("info", "table-unscored"),
        ("warning", "template-weights"),
    ]


def test_unfilled_rows_of_the_form_are_furniture() -> None:
    # the blank form's prompts, left as printed below each filled row
    row = "\t产出指标(90分)\t数量指标\t次数\t≥1次\t1次\t90\t90\t\n"
    result = _small(row, row + "\t\t\t指标2:\t\t\t\t\t\n\t\t\t……\t\t\t\t\t\n")
    assert result.content == ()
    assert [(u.kind, u.reason) for u in result.unplaced] == [
        ("furniture", "an unfilled row of the form")
    ] * 2
    assert [_bare(t) for t in result.tables] == [_bare(t) for t in _small().tables]


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("\t2023", "\t去年", "is not a year"),
        ("\t产出指标(90分)\t数量指标\t次数\t≥1次\t1次\t90\t90\t\n", "", "no indicator rows"),
        ("产出指标(90分)\t数量指标", "\t", "before its level-1 and level-2 labels"),
        ("产出指标(90分)\t", "\t", "a level-2 label before any level-1 label"),
        ("项目资金(元)", "项目资金（美元）", "an unknown unit"),
    ],
)
def test_small_table_that_cannot_be_read_is_not_returned(old: str, new: str, reason: str) -> None:
    result = _small(old, new)
    assert result.tables == ()
    assert any(reason in u.reason for u in result.unplaced), [u.reason for u in result.unplaced]
    assert all(u.table == 1 and u.kind == "content" for u in result.unplaced)


def test_a_second_code_line_starts_a_new_table() -> None:
    body = _SMALL.split("\n", 1)[1]
    result = read_text(body.split("资金使用情况")[0] + body, "two.txt")
    assert len(result.tables) == 1
    assert result.tables[0].source == "two.txt, table 2 of 2"
    assert {u.table for u in result.unplaced} == {1}


def test_text_over_twenty_megabytes_is_refused() -> None:
    with pytest.raises(ReadError, match="20 MB"):
        read_text("a" * (20 * 1024 * 1024 + 1))


def test_every_reason_the_reader_gives_is_in_both_languages() -> None:
    """A document with another chapter, a page number, a note about the form
    and a table cut short: every unplaced line's reason has its Chinese, and
    its line follows the language asked for."""
    lines = (
        (ROOT / "docs" / "guides" / "data" / "luohu-2023-tables-1-2.txt")
        .read_text("utf-8")
        .splitlines()
    )
    middle = len(lines) // 2
    document = [
        "一、部门概况",
        "本部门主要职责是为辖区居民提供行政服务。",
        *lines[:middle],
        "- 3 -",
        *lines[middle:],
        "填报说明：1. 本表金额单位为万元。",
        "项目支出绩效自评表",
        "项目名称\t某项目",
        "一级指标\t二级指标\t三级指标",
        "产出指标\t数量指标",
    ]
    unplaced = read_text("\n".join(document), "doc.txt").unplaced
    assert {u.kind for u in unplaced} >= {"text", "furniture", "note", "content"}
    for place in unplaced:
        assert re.search("[\u4e00-\u9fff]", place.reason_zh), place
        assert place.reason_zh != place.reason
        assert place.reason_zh in place.line("zh")
        assert place.reason not in place.line("zh")
        assert place.reason in place.line("en")


LANGFANG = ROOT / "tests" / "published" / "hebei-langfang-2019.txt"
"""A table a Hebei school (Langfang) published for 2019, typed from the public
page's text (one cell a paragraph) in the national form's columns, up to where
the page's text stops: the blank form's rows (指标2, ……) left in, and ``0``
printed as the note of three rows that met their targets."""


def test_a_number_printed_as_the_note_is_read_as_the_note() -> None:
    result = read_tables(LANGFANG)
    (table,) = result.tables
    rows = [row for _, _, row in table.rows()]
    assert len(rows) == 9
    assert [(r.name, r.weight, r.points, r.note) for r in rows if r.note == "0"] == [
        ("指标1安全率", "10", "10", "0"),
        ("指标1学校发展能力", "10", "10", "0"),
        ("指标1学生满意度", "10", "10", "0"),
    ]
    assert (
        sum(1 for r in table.remarks if "the number '0' after 得分 is read as the note" in r) == 3
    )
    # listed: the text above the title and the blank form's rows, one under its label
    listed = {(u.kind, u.location.removeprefix(f"{LANGFANG}:")) for u in result.unplaced}
    assert {(kind, where) for kind, where in listed if kind != "furniture"} == {("text", "1")}
    assert ("furniture", "32") in listed
    groups = [(g.name, len(g.indicators)) for top in table.level1 for g in top.level2]
    assert ("生态效益指标", 0) in groups  # printed by the form, left unfilled
    # its weights are the national template's; its execution points (9 for 86.2 %) are not
    findings = {(f.severity.value, f.code) for f in audit(table).findings}
    assert ("warning", "template-weights") not in findings
    assert ("error", "execution-points") in findings


@pytest.mark.parametrize(
    ("line", "read"),
    [
        # scored: 分值 | 得分 | a number as the note
        ("\t产出指标(90分)\t数量指标\t次数\t≥1次\t1次\t90\t90\t0\n", ("90", "90", "0")),
        # unscored: 分值 | (empty) | a number as the note
        ("\t产出指标(90分)\t数量指标\t次数\t≥1次\t1次\t90\t\t0\n", ("90", "", "0")),
        # an actual printed twice stays so read (the last two numbers are 分值 and 得分)
        ("\t产出指标(90分)\t数量指标\t次数\t≥1次\t1\t1\t90\t90\n", ("90", "90", "")),
    ],
)
def test_the_last_number_of_a_row_is_its_note_only_when_the_row_reads_so(
    line: str, read: tuple[str, str, str]
) -> None:
    result = _small("\t产出指标(90分)\t数量指标\t次数\t≥1次\t1次\t90\t90\t\n", line)
    assert result.unplaced == ()
    (table,) = result.tables
    (row,) = [row for _, _, row in table.rows()]
    assert (row.weight, row.points, row.note) == read


# ---------------------------------------------------------------- columns lost in extraction

_LUOHU = ROOT / "docs" / "guides" / "data" / "luohu-2023-tables-1-2.txt"
_LOST = "the table's columns were lost before it was read"


def test_text_extracted_without_its_columns_says_what_to_do() -> None:
    """pdftotext without -layout prints a table one cell a line: every table
    is reported unread, its lines unplaced, saying why and what to do."""
    lines = _LUOHU.read_text("utf-8").split("\n")
    raw = "\n".join(cell.strip() for line in lines for cell in line.split("\t") if cell.strip())
    result = read_text(raw, "raw.txt")
    assert result.tables == ()
    content = [u for u in result.unplaced if u.kind == "content"]
    long_tables = {u.table for u in content} - {u.table for u in content if _LOST not in u.reason}
    assert len(long_tables) >= 2  # the two tables' bodies (a title line alone is too short)
    assert all("pdftotext -layout" in u.reason for u in content if u.table in long_tables)
    assert all("pdftotext -layout" in u.reason_zh for u in content if u.table in long_tables)


def test_a_table_with_columns_not_read_gets_no_such_advice() -> None:
    """Without its indicator header a table is not read, for that reason alone."""
    kept = [line for line in _LUOHU.read_text("utf-8").split("\n") if "一级指标" not in line]
    result = read_text("\n".join(kept), "cut.txt")
    rejected = [u for u in result.unplaced if "which was not read" in u.reason]
    assert {u.table for u in rejected} == {1, 2}
    assert all(u.reason.endswith("no indicator rows found in the table") for u in rejected)


@pytest.mark.parametrize(
    ("texts", "signed"),
    [
        (["填表人：张三"], True),
        (["单位负责人：", "填表人：李四", "联系电话：0755-1234"], True),
        (["填报日期: 2024年3月1日"], True),
        (["填表人张三"], False),  # (no colon: a label's value is not told from a name)
        (["项目负责人及电话：张三"], False),  # an identification field, read as such
        (["实施日期：2024年"], False),
        (["填表人：张三", "50"], False),
        ([], False),
    ],
)
def test_the_forms_sign_off_is_told_by_every_cell(texts: list[str], signed: bool) -> None:
    assert is_sign_off(texts) is signed
