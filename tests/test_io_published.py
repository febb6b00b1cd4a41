"""Tables published as web pages, read as a user saves them: acceptance cases
on top of the generated proof (``tests/test_io_layouts.py``), each with what
it shows the reader must take in its stride and what it leaves reported."""

from __future__ import annotations

from decimal import Decimal

from jixiao.io import read_tables
from jixiao.project import FundsRow, Severity, Total, audit
from jixiao.quantities import Unit
from jixiao.targets import parse_value

from .conftest import ROOT

YONGDE = ROOT / "tests" / "published" / "yunnan-yongde-2022.html"
"""A table a Yunnan school (Yongde county, 明朗中学) published for 2022 as the
county's 公开14表, rebuilt as HTML from the public page's table: its title in
the page's title and the table's first row, a line 部门: … | 公开14表 above
项目名称, an indicator header of two levels (绩效指标 over 一级指标 | 二级指标 |
三级指标, 年度指标值 over 指标性质 | 指标值 | 度量单位), amounts in 元."""


def test_yunnans_form_with_a_header_of_two_levels_is_read_whole() -> None:
    result = read_tables(YONGDE)
    (table,) = result.tables  # one table: the 部门 line starts none of its own
    assert (table.project.year, table.project.name, table.project.implementing_unit) == (
        2022,
        "义务教育营养改善计划专项资金",
        "永德县明朗中学",
    )
    assert (table.funds.unit.value, table.funds.total.executed) == ("元", "387664.62")
    assert table.total == Total("100", "96", "优")  # the grade printed beside the total
    rows = [row for _, _, row in table.rows()]
    assert len(rows) == 9
    assert [(r.target, r.actual, r.points) for r in rows[:3]] == [
        ("≧735人次", "735人次", "10"),
        ("≧100%", "100%", "10"),
        ("≧100%", "100%", "7"),
    ]
    # 指标性质 printed as "═" (a box-drawing line for =) is joined, and read as =
    assert [(r.target, r.actual) for r in (rows[3], rows[5])] == [
        ("═100%", "100%"),
        ("═100%", "98%"),
    ]
    assert rows[5].target_value == parse_value("=100%")
    kinds = [(u.kind, u.location.split(":", 1)[1]) for u in result.unplaced]
    # 部门: … | 公开14表 and the row 其他需要说明事项 | 无 are fields of no place
    assert kinds == [
        ("field", "t1:2:1"),
        ("field", "t1:2:9"),
        ("field", "t1:24:1"),
        ("field", "t1:24:3"),
    ]


def test_yunnans_table_shows_its_two_scoring_errors_in_their_cells() -> None:
    (table,) = read_tables(YONGDE).tables
    assert "total as printed: 96 优" in audit(table).explain("en")  # with its grade
    found = {
        (f.code, f.row.rpartition(" / ")[2], f.cells[0].rpartition(":t1:")[2])
        for f in audit(table).findings
    }
    # 资金到位及时率 met its target and scored 7 of 10; 政策知晓率 98 % of 100 % scored
    # 9 where the proportional rule gives 9.80; neither prints a deviation note
    assert found == {
        ("met-but-deducted", "资金到位及时率", "16:9"),
        ("deduction-without-note", "资金到位及时率", "16:10"),
        ("shortfall-scoring", "政策知晓率", "19:9"),
        ("deduction-without-note", "政策知晓率", "19:10"),
        ("template-weights", "总分", "6:8"),  # level-1 weights 40/30/20 fit no template
    }


BEIJING = ROOT / "tests" / "published" / "beijing-haidian-2016.txt"
"""The first rows of a table a Beijing street office (Haidian, 学院路街道)
published for 2016, as a document-sharing site's text gives it (cut after the
first indicator row): 主管部门及代码 as a label, a funds header 年初预算数(A) |
全年执行数(B) | 分值(10分) | 执行率(B/A) without 全年预算数, the row
其中:本年一般公共预算拨款, and a column 得分计算方法 in both headers."""


def test_beijings_2016_form_is_read_with_its_rate_on_the_initial_budget() -> None:
    result = read_tables(BEIJING)
    (table,) = result.tables
    assert table.project.competent_department == "北京市海淀区人民政府学院路街道办事处"
    funds = table.funds
    assert funds.rate_on_initial_budget
    assert funds.total == funds.current_appropriation == FundsRow("310.2", "", "154.74")
    assert (funds.unit, funds.weight, funds.rate, funds.points) == (Unit.WAN, "10", "50%", "5")
    # only the column 得分计算方法 is left: a column the model has no place for,
    # listed in both headers and under them, never warned of as of no known role
    kinds = [(u.kind, u.location.rpartition(".txt:")[2]) for u in result.unplaced]
    assert kinds == [("field", "5:8"), ("field", "6:8"), ("field", "10:8"), ("field", "11:8")]
    assert not any(u.problem for u in result.unplaced)


def test_beijings_2016_rate_is_checked_against_its_initial_budget() -> None:
    (table,) = read_tables(BEIJING).tables
    result = audit(table)
    assert result.ok  # no unreadable 全年预算数: the form prints none
    assert result.evaluation.execution is not None
    assert result.evaluation.execution.points == Decimal("4.99")  # 154.74 / 310.2 = 49.88 %
    codes = {f.code: f.severity for f in result.findings}
    assert codes == {
        "rate-on-initial-budget": Severity.INFO,
        "execution-points-from-printed-rate": Severity.INFO,  # 5 from the printed 50 %
        "table-truncated": Severity.WARNING,
        "year-outside-period": Severity.WARNING,
    }
