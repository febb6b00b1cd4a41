"""The words each part of a project table prints, and what they stand for (private).

Data only: the labels of the sections (资金使用情况, 项目目标完成情况 …), the
header words of the funds, goal and indicator columns and the roles they give,
the funds rows' labels, the tiers, the blocks jixiao writes after a table, and
the total row's labels, with the words other provinces' forms print for the
national form's. :mod:`jixiao.io._vocab` reads cell texts against them.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "AUDIT_BLOCK",
    "COLUMNS_UNREAD",
    "FUNDS_HEADER",
    "FUNDS_ROWS",
    "FUNDS_SECTION",
    "FUNDS_UNREAD",
    "GOAL_HEADER",
    "GOAL_LABELS",
    "GOAL_SECTION",
    "GOAL_UNREAD",
    "INDICATOR_HEADER",
    "INDICATOR_SECTION",
    "METADATA",
    "METADATA_BLOCK",
    "ROWS_UNREAD",
    "TIERS",
    "TOTAL",
    "TOTALS",
]

FUNDS_SECTION = frozenset(
    {"资金使用情况", "项目资金使用情况", "项目资金情况", "资金情况", "预算执行情况"}
)
"""The label of the funds section: on a line of its own, or (预算执行情况(10分), as
Sichuan's forms print it) in the first cell of the funds header."""
FUNDS_HEADER: Mapping[str, str] = {
    "年初预算数": "initial_budget",
    "年初预算": "initial_budget",
    "全年预算数": "full_year_budget",
    "调整后预算数": "full_year_budget",
    "调整预算数": "full_year_budget",
    "全年执行数": "executed",
    "预算执行数": "executed",
    "分值": "weight",
    "权重": "weight",
    "参考分值": "weight",
    "执行率": "rate",
    "预算执行率": "rate",
    "得分": "points",
    "复核得分": "recomputed",
}
"""Funds header words → roles (FundsRow fields, and the execution's weight, rate, points)."""

FUNDS_ROWS: Mapping[str, str] = {
    "年度资金总额": "total",
    "总额": "total",
    "当年财政拨款": "current_appropriation",
    "本年财政拨款": "current_appropriation",
    "本年一般公共预算拨款": "current_appropriation",
    "当年一般公共预算拨款": "current_appropriation",
    "上年结转资金": "carry_over",
    "其他资金": "other",
}
"""Funds row labels → :class:`~jixiao.project.model.Funds` fields (其中:本年一般公共预算拨款
is the appropriation row of Beijing's 2016 form)."""
FUNDS_UNREAD = frozenset({"财政资金", "财政专户管理资金", "单位资金"})
"""Funds rows another form prints that the table model has no place for
(Sichuan's splits its funds so): listed, never read."""

IDENT_UNREAD = frozenset(
    {
        "项目负责人",
        "项目负责人及电话",
        "项目负责人及联系电话",
        "负责人",
        "联系人",
        "联系电话",
        "联系人及电话",
        "填报人",
        "填报日期",
        "部门",
    }
)
"""Labels of identification fields the table model has no place for, printed
beside 项目名称 and the like (an Anhui form prints 项目负责人及电话 | 李宁…): each
ends the value before it, and is listed with its value, never read."""

ROWS_UNREAD = frozenset({"其他需要说明事项", "其他需要说明的事项", "其他需要说明的问题"})
"""Labels of rows a form prints among its indicator rows, before 总分, that the
table model has no place for (Yunnan's 其他需要说明事项 | 无): listed with their
value (kind ``field``), never read as an indicator row."""

COLUMNS_UNREAD = frozenset(
    {"得分计算方法", "计分方法", "评分方法", "评分标准", "计分标准", "评分办法", "计分办法", "原因"}
)
"""Header words (as :func:`~jixiao.io._vocab.header_word` reads them) of a
column a form prints that the table model has no place for: how the points
are computed (Beijing's 得分计算方法 | 执行率*该指标分值…), beside the funds or
the indicators (jixiao scores by its template's rules, not by this text), and
Sichuan's 原因 beside the funds (why the execution fell short, or the form's
prompt). The header and every cell under it are listed (kind ``field``),
never read, and never taken for a column of no known role."""

GOAL_SECTION = frozenset({"项目目标完成情况", "目标完成情况", "项目基本情况"})
"""The label of the goal section: on a line of its own, or (项目基本情况, as
Sichuan's form prints it) in the first cell of the goal header."""
GOAL_LABELS = frozenset({"年度总体目标", "年度总体目标完成情况", "项目年度目标完成情况"})
"""The label of the goal rows (年度总体目标完成情况 in some districts' forms,
1.项目年度目标完成情况 in Sichuan's: see :func:`item_word`)."""
GOAL_HEADER: Mapping[str, str] = {
    "预期目标": "expected",
    "实际完成情况": "achieved",
    "年初设定目标": "expected",
    "年度总体目标完成情况综述": "achieved",
    "项目年度目标": "expected",
    "年度目标完成情况": "achieved",
}
"""Goal header words → :class:`~jixiao.project.model.Goal` fields."""
GOAL_UNREAD = frozenset({"项目实施内容及过程概述"})
"""Items of the goal block a form may print that the table model has no place
for (2.项目实施内容及过程概述 in Sichuan's): listed, never read as the goal."""


INDICATOR_HEADER: Mapping[str, str] = {
    "年度绩效指标": "section",
    "绩效指标": "section",
    "年度绩效指标完成情况": "section",
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "年度指标值": "target",
    "指标值": "target",
    "实际完成值": "actual",
    "全年实际完成值": "actual",
    "全年实际值": "actual",
    "完成值": "actual",
    "分值": "weight",
    "权重": "weight",
    "参考分值": "weight",
    "得分": "points",
    "指标性质": "direction",
    "度量单位": "unit",
    "计量单位": "unit",
    "偏差原因分析及改进措施": "note",
    "偏差原因分析": "note",
    "未完成原因分析": "note",
    "未完成原因分析及改进措施": "note",
    "未完成原因及拟采取的改进措施": "note",
    "复核得分": "recomputed",
    "等次": "tier",
}
"""Indicator header words → column roles. 复核得分 (points jixiao recomputed)
and 等次 (the evaluator's tier) are the columns jixiao adds when it writes a
table: the first is ignored when read, the second read into ``Row.tier``.
指标性质 (≥, =, ≤ or 定性) and 度量单位 are the target's parts other forms print
in columns of their own (≥ | 13 | 台): read with the target and the actual."""

INDICATOR_SECTION = frozenset(w for w, role in INDICATOR_HEADER.items() if role == "section")
"""The words of the cell merged down the indicator rows' first column: 年度绩效指标,
or 绩效指标, 年度绩效指标完成情况 as some districts' forms print it."""

TIERS: Mapping[str, str] = {
    "achieved": "achieved",
    "partly": "partly",
    "not": "not",
    "达成": "achieved",
    "部分达成": "partly",
    "未达成": "not",
}
"""The evaluator's tier as printed in the 等次 column → ``Row.tier``."""

AUDIT_BLOCK = "复核"
"""The title of the findings block jixiao writes after a table (ignored when read)."""
METADATA_BLOCK = "元数据"
"""The title of the block of notes jixiao writes after a table to read it back."""
METADATA: Mapping[str, str] = {
    "来源": "source",
    "模板": "template",
    "收回": "withdrawn",
    "备注": "remark",
    "一级指标": "level1",
    "结构": "structure",
}
"""The keys of jixiao's notes after a table → what they hold."""

TOTAL = "总分"
"""The label of the row that prints the table's total weight and points."""
TOTALS = frozenset({TOTAL, "合计"})
"""The labels of that row as forms print it: 总分, or 合计 (taken for it only
after the indicator header: a funds block may print 合计 for its own sum)."""
