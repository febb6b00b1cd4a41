"""The layout dimensions: every way real exports print the same table.

A :class:`Layout` is one independent choice along each dimension of issue 11
(its repr names them all, so that a shrunk failure says which one broke);
:func:`layouts` draws one for a sample and a source form. How a layout turns
into printed rows is :func:`tests.layouts.sheet.build`; what the reader must
give back, :func:`tests.layouts.sheet.expected`.
"""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

from jixiao.quantities import Unit

from .draws import boolean, integer, pick, rarely
from .tables import Sample

__all__ = [
    "ACTUAL_WORDS",
    "BUDGET_WORDS",
    "EXECUTED_WORDS",
    "EXTRA_WORDS",
    "FILLABLE",
    "FUNDS_METHOD",
    "FUNDS_REASON",
    "INITIAL_WORDS",
    "METHOD_WORDS",
    "NOTE_WORDS",
    "OWN_ROWS",
    "PART_WORDS",
    "RATE_WORDS",
    "SECTION_WORDS",
    "SHIFTED",
    "STRUCTURAL",
    "SUB_ROWS",
    "TARGET_WORDS",
    "TITLES",
    "WEIGHT_WORDS",
    "Layout",
    "layouts",
]

TITLES = (
    "",
    "项目支出绩效自评表",
    "{Y}年度项目支出绩效自评表",
    "{Y}年项目支出绩效自评表",
    "项目绩效自评表",
    "项目支出绩效自评表（{Y}年度）",
    "部门预算项目支出绩效自评表（{Y}年度）",
    "绩效目标自评表（{Y}年度）",
    "稷山县项目支出绩效自评表（{Y}年度）",
)
"""§2.1 the title's wordings ("" : no title; ``{Y}`` the year)."""

EXTRA_WORDS = {
    "指标方向": ("正向", "反向"),
    "考核方式": ("定量", "定性"),
    "指标类型": ("共性", "个性"),
}
"""§2.20 header words of a column the national form does not print and the
reader does not know, with the values printed under them."""

METHOD_WORDS = {
    "得分计算方法": ("按B/A计分", "完成得满分"),
    "评分标准": ("完成得满分", "按比例计分"),
    "计分方法": ("按A/B计分", "达标得满分"),
}
"""§2.29 header words of a column that prints how the points are computed
(Beijing's 得分计算方法), which the table model has no place for, with the
values printed under them among the indicators; beside the funds, the total
row prints :data:`FUNDS_METHOD`."""

FUNDS_METHOD = "执行率×分值"
"""§2.29 what a method column prints on the funds' total row."""

FUNDS_REASON = ("原因", "无偏差")
"""§2.29 Sichuan's column beside the funds (why the execution fell short), the
header word and what the total row prints under it."""

OWN_ROWS = ("其中:财政资金", "财政专户管理资金", "单位资金")
"""§2.31 the funds rows of Sichuan's own form, after the total."""

PART_WORDS = ("指标性质", "度量单位", "计量单位")
"""§2.21 the header words of the columns that print the target's parts: its
comparison (指标性质: ≥, ≤, 定性) and its unit (度量单位 or 计量单位)."""

TARGET_WORDS = ("年度指标值", "年度指标值", "指标值")
ACTUAL_WORDS = ("实际完成值", "实际完成值", "全年实际值", "全年实际完成值", "完成值")
WEIGHT_WORDS = ("分值", "分值", "权重", "参考分值")
NOTE_WORDS = (
    "偏差原因分析及改进措施",
    "未完成原因分析及改进措施",
    "未完成原因及拟采取的改进措施",
    "偏差原因分析",
    "未完成原因分析",
)
SECTION_WORDS = ("年度绩效指标", "绩效指标", "年度绩效指标完成情况")
BUDGET_WORDS = ("全年预算数", "全年预算数", "调整后预算数", "调整预算数")
INITIAL_WORDS = ("年初预算数", "年初预算数", "年初预算")
EXECUTED_WORDS = ("全年执行数", "全年执行数", "预算执行数")
RATE_WORDS = ("执行率(%)", "执行率", "执行率（%）", "执行率(B/A)", "预算执行率", "预算执行率(%)")
"""The words a header prints for a column, as districts' forms vary them (the
first the national form's; a word twice is drawn more often). Every header
word the reader knows is among them (``test_every_header_word_is_generated``)."""

SUB_ROWS = ("current_appropriation", "carry_over", "other")
"""The funds sub-rows, in printed order (Funds fields)."""

STRUCTURAL = ("tsv", "markdown", "drawn", "html-bare")
"""The forms whose indicator rows are read structurally, from the 分值 and 得分
pair at their right (text put in lines, where a merged cell's empty places may
be lost, §2.12, and a page that lost its merges); the rest are read cell by
cell at the header's columns."""

SHIFTED = ("tsv", "markdown")
"""The :data:`STRUCTURAL` forms that may lose a merged cell's empty places
(§2.12); a drawn table draws every place."""


FILLABLE = ("tsv", "csv", "markdown", "html", "xlsx", "xls", "xmlss")
"""The forms a sheet unmerged and filled is saved in (:attr:`Layout.filled`):
the workbook's own, and what is copied or exported from it."""


@attrs.frozen
class Layout:
    """One table's layout, a choice along each dimension.

    Attributes:
        title: §2.1 the title's wording, one of :data:`TITLES`: ``""`` (none) |
            ``"项目支出绩效自评表"`` | ``"{Y}年度项目支出绩效自评表"`` …
        title_lines: on one line, or two: ``"2023年度"`` / ``"项目支出绩效自评表"``,
            ``"项目支出绩效自评表"`` / ``"（2023年度）"`` (titles with the year only).
        title_in_cell: a cell merged across the table's first row, rather
            than a line of its own above the table.
        code: §2.2 项目编码 printed (else the model's code is ``""``).
        department: 主管部门 printed.
        department_word: its label: ``"主管部门"`` | ``"主管部门及代码"`` (Beijing's 2016 form).
        budget_unit: 一级预算单位 printed.
        implementing_unit: 实施单位 printed.
        seal: the seal its label asks for: ``""`` | ``"half"`` (实施单位(盖章)) |
            ``"full"`` (实施单位（盖章）, as Sichuan's form prints it).
        year_label: the year's row label: ``"绩效自评年度"`` | ``"自评年度"`` |
            ``""`` (no year row: the year is in the title, or nowhere → ``None``).
        ident: the identification's arrangement: ``"pairs"`` (label, value,
            label, value… as the seeds), ``"one-a-row"`` (项目名称 | 党政事务), or
            ``"in-cell"`` (one cell ``"项目名称：党政事务"``).
        per_row: pairs (or in-cell items) on one row: 2 or 3.
        colon: after each label: ``":"`` | ``"："`` | ``""`` (never empty in-cell).
        value_span: the columns a value spans in pairs: 1 or 2 (merged cells);
            the last value of a row spans to the table's edge.
        funds_title: §2.3 the row 资金使用情况 printed.
        funds_section: ``""``, or the funds header's first cell, merged down over
            the funds rows: ``"预算执行情况({w}分)"`` (``{w}`` the execution's
            weight) | ``"预算执行情况"``; 年度预算数(万元) then stands over the rows'
            labels (as Sichuan's forms print them: the unit is printed there, and
            no 资金使用情况 row).
        unit: §2.4 where the amounts' unit is printed: ``"label"``
            (项目资金(元)), ``"header"`` (a header cell 单位：万元), ``"line"`` (a
            row of its own above the funds: 金额单位：万元), ``"none"`` (元 only).
        unit_word: ``"单位"`` | ``"金额单位"`` (header cell and line).
        fullwidth: full-width parentheses in 项目资金（万元）, 全年预算数（A）.
        initial_column: §2.5 the 年初预算数 column printed (else ``""`` in the model);
            always when the rate is on it (``Funds.rate_on_initial_budget``: the
            全年预算数 column is not printed then, as Beijing's 2016 form prints none).
        weight_column: the funds' 分值 column printed (else ``funds.weight`` is ``""``).
        annotate_funds: 全年预算数(A), 全年执行数(B) rather than the bare words.
        rate_word: one of :data:`RATE_WORDS`, ``"执行率"`` | ``"执行率(%)"`` |
            ``"执行率(B/A)"`` | ``"预算执行率"`` … (``rate_percent`` is true exactly
            when it shows %).
        initial_word, executed_word, funds_weight_word: the funds header's words
            for 年初预算数, 全年执行数 and 分值 (:data:`INITIAL_WORDS`,
            :data:`EXECUTED_WORDS`, :data:`WEIGHT_WORDS`).
        total_funds_word: the label of the funds' total row: ``"年度资金总额"`` | ``"总额"``.
        sub_rows: §2.6 the sub-rows printed, a subset of :data:`SUB_ROWS`.
        appropriation_word: ``"其中：当年财政拨款"`` | ``"其中:当年财政拨款"`` |
            ``"当年财政拨款"`` | ``"其中:本年财政拨款"`` (a published Anhui table's word) |
            ``"其中:本年一般公共预算拨款"`` (Beijing's 2016 form).
        dash: the sub-rows' not-applicable cells: ``"—"`` | ``"-"`` | ``"/"`` | ``""``.
        rate_form: §2.7 ``"plain"`` (96.99) | ``"sign"`` (96.99%) | ``"fraction"``
            (0.9699, only when the header shows no %).
        goal_title: §2.8 the row 项目目标完成情况 printed.
        goal_star: the mark before 实际完成情况: ``""`` | ``"*"`` | ``"* "``.
        goal_label: 年度总体目标 on the ``"header"`` line or the ``"texts"`` line.
        star: §2.9 the mark before 实际完成值, 分值, 得分: ``""`` | ``"*"`` | ``"* "``.
        annotations: 年度指标值(A), 实际完成值(B).
        header_split: the header over two lines: 年度 / 指标值, 偏差原因分析 / 及改进措施.
        first_column: the column 年度绩效指标 printed (merged down over the rows).
        section_word: that column's word: ``"年度绩效指标"`` | ``"绩效指标"`` |
            ``"年度绩效指标完成情况"`` (as published Anhui tables print it).
        section_weight: that word followed by the indicators' weight, "绩效指标(90分)"
            (as Sichuan's forms print it; the table's total weight less the execution's).
        goal_word: the goal rows' label: ``"年度总体目标"`` | ``"年度总体目标完成情况"``.
        goal_block: the goal printed as Sichuan's form prints it, before the
            funds: 项目基本情况 | 1.项目年度目标完成情况 | 项目年度目标 | 年度目标完成情况
            over the two texts (and none of the goal's other choices).
        actual_word: the header of 实际完成值, one of :data:`ACTUAL_WORDS`
            (``"全年实际值"``, ``"完成值"`` …).
        note_word: the header of the notes, one of :data:`NOTE_WORDS`
            (``"偏差原因分析及改进措施"``, ``"未完成原因分析"`` …; split before 及
            when the header is split).
        target_word: the header of 年度指标值, one of :data:`TARGET_WORDS`
            (split after 年度 when the header is split).
        weight_word: the header of the rows' 分值: ``"分值"`` | ``"权重"``.
        budget_word: the funds' header of 全年预算数: ``"全年预算数"`` | ``"调整后预算数"``.
        level1_label: §2.10 the weight after the level-1 name: ``"({w}分)"`` |
            ``"（{w}分）"`` | ``" ({w}分)"`` | ``""`` (no weight: ``Level1.weight`` ``""``).
        contact: §2.23 a field the table model has no place for printed after
            项目名称 (``"项目负责人及电话"`` | ``"联系电话"``, as an Anhui form
            prints it), or on a line of its own between the title and the
            identification (``"部门"``: 部门:某县某中学, as Yunnan's 公开14表
            prints it; only under a title); ``""``: none. Its label and value
            are reported (kind ``"field"``), never read into the name, and
            the line above starts no table of its own.
        prompt: §2.24 a row of the blank form left unfilled after the last
            indicator row, its prompt in the 三级指标 column (``"……"`` |
            ``"指标2："`` | ``"指标3:"``; ``""``: none), as tables filled in from
            the blank form print it; reported as furniture.
        breakdown: §2.25 a breakdown row (``"其中桃树种植面积"`` | ``"其中培训人次"``;
            ``""``: none) printed under the last indicator row, with a target
            and an actual and no 分值, as an Anhui table breaks a row down: the
            model has no place for it; reported as content, never joined to the
            row above.
        header_groups: §2.26 the indicator header on two rows of two levels, as
            Yunnan's published form prints it: the section word (绩效指标) over
            一级指标 | 二级指标 | 三级指标, and, when the target is printed in
            parts, the target's word (年度指标值) over 指标性质 | 指标值 | 度量单位;
            the other words merged down over both rows. Not with 年度绩效指标's
            own column, nor with a header split in two (§2.9: a header is read
            from two lines at most); a page break never falls between its rows,
            and after one it is not printed again.
        other_row: §2.27 a row before 总分 the model has no place for, its
            label from the first column (``"其他需要说明事项"`` |
            ``"其他需要说明的事项"``; ``""``: none) and its value (无) across the
            rest, as Yunnan's published tables print it; reported as a field.
        spaced_level1: §2.22 the level-1 name letter-spaced, as a form spreads a
            short label over its cell ("产 出 指 标 (50分)", a Hebei/Anhui habit).
        level1_repeat: the level-1 label repeated on every row (else printed
            once, merged down).
        level2_repeat: §2.11 the level-2 label repeated on every row.
        shifts: §2.12 (the :data:`SHIFTED` forms only) ``(row, n)``: on the indicator
            row *row* (printed order) the extraction drops *n* (1 or 2) of its
            leading empty cells (at most as many as it has).
        unscored: §2.18 every points cell printed empty (rows, funds, total).
        cut: §2.19 the table ends after this indicator row (printed order),
            with no 总分 row; ``None``: complete.
        total_note: the 总分 row's note cell: ``"—"`` | ``""`` (the grade there
            instead when the sample's total has one, §2.28: 总分 | 100 | 96 | 优).
        total_word: that row's label: ``"总分"`` | ``"合计"``.
        breaks: §2.16 page breaks, before these rows of the table's sheet
            (:func:`tests.layouts.sheet.build`), never inside a merged note.
        repeat_header: after a break among the indicator rows, the indicator
            header is printed again.
        part_unit: ``""`` or §2.21 the target printed in parts (as Sichuan's form
            prints it): 指标性质 (≥, ≤, or 定性 for words) before 指标值, and after
            it the unit, under this word (``"度量单位"`` | ``"计量单位"``), printed
            apart from the target and the actual when both end in it; not in an
            unscored table of tab-separated text, whose rows are read from a
            pair of numbers at their right (an actual printed without its unit
            would be taken for 分值: see the reader's limits).
        extra: §2.20 a column the reader does not know, its header word one of
            :data:`EXTRA_WORDS` (``""``: none), standing after the column of
            *extra_after* (``"name"`` | ``"actual"`` | ``"points"``); printed only
            where the table has room for it (no 年度绩效指标 column), and in
            tab-separated text never after 得分 (its rows are read from the pair
            分值 and 得分 at their right). Its cells are reported, never read.
            Its word may also be one of :data:`METHOD_WORDS` (§2.29): a column
            the reader knows the model has no place for, its cells listed as
            fields rather than problems.
        funds_method: §2.29 a column of :data:`METHOD_WORDS` after the funds'
            得分 (``""``: none), printing :data:`FUNDS_METHOD` on the total row;
            or Sichuan's :data:`FUNDS_REASON`.
        own_rows: §2.31 with a funds section (Sichuan's 预算执行情况), the
            funds rows of that form's own (:data:`OWN_ROWS`) after the total,
            which the table model has no place for: each listed once.
        sub_rates: §2.30 the funds rows under the total (当年财政拨款 …)
            print their own execution rate where the national form prints —,
            as a Shanxi county's table does; the table model has no place for
            it, so it is listed as a field.

    points_unit: §2.33 every weight and points cell (the rows', the funds'
        and the total's) prints the unit 分 after its number ("7.00分"), kept
        as printed in the model.

    funds_merged: §2.35 the total row's 分值, 执行率 and 得分 merged down over
        the funds rows under it (where the national form prints —), as many
        districts' forms print one execution for the block; not with
        *sub_rates*. Filled (*filled*), each row prints the total's.

    filled: §2.34 (the :data:`FILLABLE` forms only) the sheet unmerged and
        filled (WPS's and Excel's 取消合并并填充): every merged cell's text
        printed in each place it covered, and no merge left — a title across
        the table, a value over two columns, a header word, a level-1 label
        and a note down over rows, the goal texts. A note merged over rows is
        then every row's note; nothing is shifted (every place is printed).

    §2.32, level-2 labels that print their weight ("数量指标(20分)", in the
    level-1 labels' style), is a choice of the table's
    (:func:`tests.layouts.tables.samples`: ``Level2.weight``), not of its layout.
    """

    title: str
    title_lines: int
    title_in_cell: bool
    code: bool
    department: bool
    budget_unit: bool
    implementing_unit: bool
    year_label: str
    ident: str
    per_row: int
    colon: str
    value_span: int
    funds_title: bool
    unit: str
    unit_word: str
    fullwidth: bool
    initial_column: bool
    weight_column: bool
    annotate_funds: bool
    rate_word: str
    sub_rows: tuple[str, ...]
    appropriation_word: str
    dash: str
    rate_form: str
    goal_title: bool
    goal_star: str
    goal_label: str
    star: str
    annotations: bool
    header_split: bool
    first_column: bool
    level1_label: str
    level1_repeat: bool
    level2_repeat: bool
    shifts: tuple[tuple[int, int], ...]
    unscored: bool
    cut: int | None
    total_note: str
    breaks: tuple[int, ...] = ()
    repeat_header: bool = False
    section_word: str = "年度绩效指标"
    goal_word: str = "年度总体目标"
    actual_word: str = "实际完成值"
    note_word: str = "偏差原因分析及改进措施"
    target_word: str = "年度指标值"
    weight_word: str = "分值"
    budget_word: str = "全年预算数"
    total_word: str = "总分"
    section_weight: bool = False
    funds_section: str = ""
    part_unit: str = ""
    seal: str = ""
    goal_block: bool = False
    initial_word: str = "年初预算数"
    executed_word: str = "全年执行数"
    funds_weight_word: str = "分值"
    total_funds_word: str = "年度资金总额"
    extra: str = ""
    extra_after: str = "points"
    spaced_level1: bool = False
    contact: str = ""
    prompt: str = ""
    breakdown: str = ""
    header_groups: bool = False
    department_word: str = "主管部门"
    other_row: str = ""
    funds_method: str = ""
    sub_rates: bool = False
    own_rows: bool = False
    points_unit: bool = False
    filled: bool = False
    funds_merged: bool = False

    @property
    def rate_percent(self) -> bool:
        """Whether the rate's header shows % (``Funds.rate_percent``)."""
        return "%" in self.rate_word

    @property
    def year_in_title(self) -> bool:
        """Whether the title prints the year."""
        return "{Y}" in self.title

    def title_text(self, year: int | None) -> list[str]:
        """The title's lines (none when there is no title)."""
        if not self.title:
            return []
        text = self.title.replace("{Y}", str(year))
        if self.title_lines == 1 or not self.year_in_title:
            return [text]
        for cut in ("年度项目", "年项目", "（"):
            head, sep, tail = text.partition(cut)
            if sep:
                if cut == "（":
                    return [head, sep + tail]
                return [head + sep[: -len("项目")], "项目" + tail]
        raise AssertionError(text)  # pragma: no cover - every title with {Y} has a cut


@st.composite
def layouts(draw: st.DrawFn, sample: Sample, form: str, *, complete: bool = False) -> Layout:
    """A random :class:`Layout` for *sample* in *form* (breaks are drawn later,
    once the rows are known: :func:`tests.layouts.document.documents`).

    Args:
        complete: a scored table that ends with its 总分 row and prints every
            weight (for planting inconsistencies).
    """
    table = sample.table
    ident = pick(draw, ("pairs", "one-a-row", "in-cell", "pairs"))
    colons = (":", "：") if ident == "in-cell" else (":", "：", "")
    unit_places = ("label", "header", "line") + (("none",) if table.funds.unit is Unit.YUAN else ())
    rate_word = pick(draw, RATE_WORDS)
    unscored = not complete and rarely(draw, 8)
    # A row of a STRUCTURAL form is read from its 分值 and 得分 at the right; in an unscored
    # table, an actual printed as a bare number (its unit apart) would pair with 分值.
    # A documented limit (guide §6): a note printed as a number beside a column that
    # may take a cell (a target part, a column of no role) leaves two readings.
    noted = form in STRUCTURAL and any(row.note.isdigit() for _, _, row in table.rows())
    parts = not (form in STRUCTURAL and unscored) and not noted and rarely(draw, 4)
    funds_section = rarely(draw, 4)
    goal_block = rarely(draw, 4)
    rate_forms = ("plain", "sign") if "%" in rate_word else ("plain", "sign", "fraction")
    rows = sum(1 for _ in table.rows())
    filled = form in FILLABLE and rarely(draw, 4)
    sub_rates = rarely(draw, 5)
    shifts: tuple[tuple[int, int], ...] = ()
    if form in SHIFTED and not filled:
        shifted = {integer(draw, 0, rows - 1) for _ in range(integer(draw, 0, 3))}
        shifts = tuple((r, integer(draw, 1, 2)) for r in sorted(shifted))
    cut = integer(draw, 0, rows - 1) if not complete and rarely(draw, 6) else None
    first_column = not rarely(draw, 4)
    extra = ""
    if not first_column and not noted and not rarely(draw, 3):
        extra = pick(draw, (*EXTRA_WORDS, *METHOD_WORDS))
    # tab-separated rows are read from the 分值 and 得分 pair at their right: none after it
    places = ("name", "actual") if form in STRUCTURAL else ("name", "actual", "points")
    layout = Layout(
        title=pick(draw, TITLES[1:] + TITLES[:1]),
        title_lines=2 if rarely(draw, 3) else 1,
        title_in_cell=boolean(draw),
        code=not rarely(draw, 3),
        department=boolean(draw),
        department_word=pick(draw, ("主管部门", "主管部门", "主管部门及代码")),
        budget_unit=not rarely(draw, 3),
        implementing_unit=not rarely(draw, 5),
        year_label=pick(draw, ("绩效自评年度", "自评年度", "绩效自评年度", "")),
        ident=ident,
        per_row=pick(draw, (3, 2)),
        colon=pick(draw, colons),
        value_span=pick(draw, (1, 2)),
        funds_title=not funds_section and not rarely(draw, 3),
        unit="label" if funds_section else pick(draw, unit_places),
        unit_word=pick(draw, ("单位", "金额单位")),
        fullwidth=boolean(draw),
        initial_column=not rarely(draw, 4) or table.funds.rate_on_initial_budget,
        weight_column=complete or not rarely(draw, 4),
        annotate_funds=boolean(draw),
        rate_word=rate_word,
        sub_rows=tuple(r for r in SUB_ROWS if not rarely(draw, 3)),
        appropriation_word=pick(
            draw,
            (
                "其中:当年财政拨款",
                "其中：当年财政拨款",
                "当年财政拨款",
                "其中:本年财政拨款",
                "其中:本年一般公共预算拨款",
            ),
        ),
        dash=pick(draw, ("—", "-", "/", "")),
        rate_form=pick(draw, rate_forms),
        goal_title=not goal_block and not rarely(draw, 3),
        goal_star=pick(draw, ("* ", "*", "")),
        goal_label=pick(draw, ("header", "texts")),
        star=pick(draw, ("* ", "*", "")),
        annotations=boolean(draw),
        header_split=rarely(draw, 3),
        first_column=first_column,
        level1_label=pick(draw, ("({w}分)", "（{w}分）", " ({w}分)") + (() if complete else ("",))),
        level1_repeat=rarely(draw, 4),
        level2_repeat=rarely(draw, 4),
        shifts=shifts,
        unscored=unscored,
        cut=cut,
        total_note=pick(draw, ("—", "")),
        section_word=pick(draw, SECTION_WORDS),
        goal_word=pick(draw, ("年度总体目标", "年度总体目标完成情况")),
        actual_word=pick(draw, ACTUAL_WORDS),
        note_word=pick(draw, NOTE_WORDS),
        target_word=pick(draw, TARGET_WORDS),
        weight_word=pick(draw, WEIGHT_WORDS),
        budget_word=pick(draw, BUDGET_WORDS),
        total_word=pick(draw, ("总分", "总分", "合计")),
        section_weight=rarely(draw, 3),
        funds_section=pick(draw, ("预算执行情况({w}分)", "预算执行情况")) if funds_section else "",
        initial_word=pick(draw, INITIAL_WORDS),
        executed_word=pick(draw, EXECUTED_WORDS),
        funds_weight_word=pick(draw, WEIGHT_WORDS),
        total_funds_word=pick(draw, ("年度资金总额", "年度资金总额", "总额")),
        part_unit=pick(draw, PART_WORDS[1:]) if parts else "",
        seal=pick(draw, ("", "", "half", "full")),
        goal_block=goal_block,
        extra=extra,
        extra_after=pick(draw, places) if extra else "points",
        spaced_level1=rarely(draw, 5),
        contact=pick(draw, ("项目负责人及电话", "联系电话", "部门")) if rarely(draw, 4) else "",
        prompt=pick(draw, ("……", "指标2：", "指标3:")) if rarely(draw, 4) else "",
        breakdown=pick(draw, ("其中桃树种植面积", "其中培训人次")) if rarely(draw, 5) else "",
        other_row=pick(draw, ("其他需要说明事项", "其他需要说明的事项")) if rarely(draw, 5) else "",
        funds_method=pick(draw, (*METHOD_WORDS, FUNDS_REASON[0])) if rarely(draw, 5) else "",
        sub_rates=sub_rates,
        own_rows=funds_section and rarely(draw, 3),
        points_unit=rarely(draw, 6),
        filled=filled,
        funds_merged=not sub_rates and rarely(draw, 5),
    )
    # A limit: a header of two levels is aligned by its upper row's colspans; a page that
    # lost them (html-bare) prints no sign of which columns each upper word spans.
    grouped = not layout.first_column and not layout.header_split and form != "html-bare"
    groups = grouped and rarely(draw, 4)
    contact = "" if layout.contact == "部门" and not layout.title else layout.contact
    return attrs.evolve(layout, header_groups=groups, contact=contact)
