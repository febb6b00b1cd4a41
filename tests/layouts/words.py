"""The words generated tables and documents are made of, as real ones print them.

Names, units, goal sentences, deviation notes and report prose are drawn from
short lists modelled on the published tables (``../shared/seeds``). None of
them spells a table label (项目名称, 总分, 产出指标 …) on its own, and no row
name ends in 指标 (which a reader would take for a level-2 label).
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from .draws import integer, pick

__all__ = [
    "DEVIATIONS",
    "HEADINGS",
    "PROJECTS",
    "goal_text",
    "numerals",
    "paragraph",
    "percent_words",
    "unit",
]

PROJECTS = (
    "党政事务",
    "干部健康管理",
    "平台运营及项目管理",
    "行政服务大厅运行",
    "辅助性人力资源经费",
    "综合管理事务",
    "政务热线智能化建设",
    "离退休干部节日慰问金",
    "网格信息管理",
    "公务用车购置",
    "疫情防控",
    "数据规划管理",
    "办公设备采购",
    "基层党建",
    "民意速办",
    "社区公共卫生服务",
    "河道日常养护",
    "校园安全设施改造",
    "老旧小区消防改造",
    "食品安全抽检",
)

_PLACES = (
    "深圳市罗湖区",
    "深圳市福田区",
    "武汉市江岸区",
    "长沙市岳麓区",
    "成都市武侯区",
    "杭州市西湖区",
)
_BUREAUS = (
    "政务服务数据管理局",
    "教育局",
    "卫生健康局",
    "城市管理和综合执法局",
    "应急管理局",
    "民政局",
    "财政局",
)
_OWN = ("", "(本级)", "（本级）")


_UNITS = tuple(p + b + o for p in _PLACES for b in _BUREAUS for o in _OWN)


def unit(draw: st.DrawFn) -> str:
    """A unit's name: 深圳市罗湖区政务服务数据管理局(本级)."""
    return pick(draw, _UNITS)


_GOALS = (
    "通过本项目的实施，保障本年度机关各项工作正常开展",
    "开展党建活动{n}次，推动政治学习教育常态化制度化",
    "完成网格管理人员培训，培训参与率达到{p}%以上",
    "为{n}名干部职工提供健康管理服务，增强干部职工的归属感",
    "及时发放慰问金，关心关爱离退休干部{n}人",
    "全年受理群众诉求{n}件，办结率达{p}%",
    "完成{n}项信息化项目技术论证工作",
    "保障政务服务大厅全年正常运行，群众满意度达{p}%",
)


def goal_text(draw: st.DrawFn) -> str:
    """A goal text: 1-3 sentences, each a paragraph (joined with "\\n")."""
    count = integer(draw, 1, 3)
    sentences = []
    for _ in range(count):
        number = integer(draw, 0, 10_000)
        sentences.append(pick(draw, _GOALS).format(n=2 + number % 499, p=80 + number % 21) + "。")
    return "\n".join(sentences)


DEVIATIONS = (
    "受疫情影响，部分活动延期开展，下一年度将加强计划管理。",
    "因实际需求减少，完成数量低于预期，将优化指标设置。",
    "实际支出低于预算，结余资金按规定收回。",
    "剩余资金不足以支付一人次服务费用。",
    "部分采购项目流标，已重新组织采购。",
    "偏差原因：人员调整；改进措施：加强事中管理，及时调整预算。",
)
"""Deviation notes that explain something (sentences)."""

HEADINGS = (
    "一、项目基本情况",
    "二、绩效目标实现情况",
    "三、存在的问题及改进措施",
    "（一）项目概况",
    "（二）资金投入和使用情况",
    "四、自评结论",
)
"""Chapter headings of a report."""

_PROSE = (
    "本年度共安排资金{n}万元，实际支出{m}万元，资金使用合规。",
    "项目于{y}年{k}月启动，按计划推进，全年完成各项任务。",
    "经自评，项目总体完成情况较好，得分{n}分。",
    "下一步将进一步加强预算编制的科学性，提高资金使用效益。",
    "全年开展检查{k}次，发现问题{m}个，均已整改到位。",
)


def paragraph(draw: st.DrawFn) -> str:
    """A prose paragraph of a report, with numbers; short enough not to wrap in text."""
    return pick(draw, _PROSE).format(
        n=integer(draw, 10, 999),
        m=integer(draw, 1, 99),
        y=integer(draw, 2019, 2026),
        k=integer(draw, 1, 12),
    )


_DIGITS = "零一二三四五六七八九"


def numerals(n: int) -> str:
    """*n* (1 to 9,999) written in Chinese numerals, in the standard form (a
    gap of places written 零 once, 十 alone for 10 to 19), as some tables
    print their counts ("不少于两次" aside, which says 两 for 二). Written here
    from the rule, not from the reader."""
    places = [(n // 1000 % 10, "千"), (n // 100 % 10, "百"), (n // 10 % 10, "十"), (n % 10, "")]
    while places[0][0] == 0:
        places.pop(0)
    out, gap = "", False
    for digit, power in places:
        if digit == 0:
            gap = True
            continue
        if gap:
            out, gap = out + "零", False
        out += ("" if power == "十" and not out and digit == 1 else _DIGITS[digit]) + power
    return out


def percent_words(value: Decimal) -> str:
    """A percent (above 0, at most one decimal) in words: 百分之九十二点五."""
    whole, _, tenths = format(value.normalize(), "f").partition(".")
    decimals = "".join(_DIGITS[int(d)] for d in tenths)
    return f"百分之{numerals(int(whole))}" + (f"点{decimals}" if decimals else "")
