"""Target and actual values of a project self-evaluation table (年度指标值 / 实际完成值).

:func:`parse_value` reads what people write in those two cells and returns a
small frozen value saying what it is. Nothing is guessed: a cell that cannot be
read with certainty comes back as :class:`Unparsed`, keeping its text.

>>> parse_value("≥200人次").format()
'≥200人次'
>>> parse_value("全年突破21万").value
Decimal('210000')
>>> parse_value("≥2天或16小时").combine
<Combine.ANY: 'any'>
>>> parse_value("第四季度前完成").format()
'第四季度前'

Interpretations (the library's reading, not an official rule):

* 以上, 以下 and 以内 include the number (《民法典》第一千二百五十九条: "以上、以下、
  以内、届满，包括本数"), so "99%以上" is ``AT_LEAST`` and "24小时内" is ``AT_MOST``.
* 突破 ("break through"), 超过 and 高于 exclude it, as 超过 does in the same
  article ("不满、超过、以外，不包括本数"): "全年突破21万" is ``MORE_THAN``.
* 达到 or 达 ("reach") is at least: "达到95%" and "满意度达95%以上" are
  ``AT_LEAST``, as "95%以上" is;
  "(含)" before 以上, 以下 or 以内 only says again that the number is included,
  and so does a note after the value ("≥95%(含)", "90%以上(含90%)",
  "90%以上(含本数)"), with an inclusive direction only: "95%(含)" (no
  direction), ">95%(含)" (a contradiction) and "90%以上(含80%)" are unparsed.
* A measure's symbol is read as its word: "2000㎡" or "2000m²" is 2000平方米,
  "㎞"/"km" 公里, "㎏"/"kg" 千克, "m³" 立方米, "kW" 千瓦, "kWh" 千瓦时.
* The yuan sign before a number is its unit: "¥5000" and "￥5,000.00" are
  5000元, "≤¥5万" ≤5万元 ("¥5000元" says it twice, alike); before another
  unit ("¥5人") it is unparsed. A range may carry it on both bounds or once,
  before the lower: "¥300-¥500" and "¥300-500" are 300-500元, and
  "¥300-500元/人" (as "300元-500元/人") 300-500元/人.
* Percentage points (个百分点, 百分点: "偏差率≤2个百分点") are a unit of their
  own, compared only with percentage points, never with a percent; a change
  from another year ("提高2个百分点") stays unparsed.
* A quarter may be written Q1 to Q4: "Q4" and "2023年Q4前" are 第四季度 and
  2023年第四季度前.
* A unit price or a rate per something is one value, not two: "≤500元/人",
  "≤80万元/公里", "≤300元/人天" (人·天), and "人均≤500元" or "每人每天≤20元"
  with the per first; only money, counts, measures and durations are given
  per something ("5%/年" is unparsed). Durations are read from their symbols
  too: "≤24h" is ≤24小时, "30min" 30分钟.
* 控制在 ("hold within") gives no direction of its own: "控制在5万元以内" is
  ``AT_MOST`` by its 以内, "控制在95%以上" ``AT_LEAST``, and "控制在5万元"
  alone (a ceiling, or the level to hold?) is unparsed.
* A leading 全年 is dropped: the whole table is about one year. So is 完成
  ("done") before or after a value ("完成100%", "已完成523人", "100%完成"),
  实际 ("actually") and the words of a total before it ("累计3次", "共3次",
  "合计", "总计", "共计"),
  what a rate is printed as reaching ("100%覆盖", "95%以上达标"), and a note
  in brackets after it that is words alone and neither bounds, scales nor
  divides it ("523人（含线上）" is 523人; "95%（以上）", "500（万元）" and
  "500元（人均）" are unparsed).
* Numbered items are several values ("1.≥3次；2.≥50人", "①≥3次②≥50人"):
  from item 1, in order, at least two; "1.1月底前" (item 1, or the 1st of
  January?) is unparsed. A full stop ends a value as "；" does.
* A rate's name printed before its value is dropped too ("合格率100%" is
  100 %, "满意度≥90%" ≥90 %): the row names what it measures. Only a rate
  (…率), a degree (满意度, 知晓度 …) or a deviation (偏差, 误差: "偏差≤2个百分点"
  is ≤2 percentage points) is such a name; another word before the number
  leaves the cell unparsed ("季度1次", "年度100%").
* "2021.7" is a month (July 2021), not the number 2021.7; write "=2021.7" for
  the number. A four-digit year followed by 年 ("2022年") is a year, while
  "1年" is a duration. "3月" alone (March, or three months?) is unparsed;
  "3个月" is a duration and "3月底前" a deadline.
* In "≥2天或16小时" only the first part carries the sign; the second stays
  ``EQUAL`` as written.
* A lower and an upper bound of one quantity, both including their number,
  are the range they close: "≥80%且≤100%", "不低于80%，不高于100%" and
  "80%以上、100%以下" are 80%~100%, as "80%-100%" is; so are "在80%-100%之间",
  "80%~100%范围内" and the closed interval "[80%,100%]". A bound that
  excludes its number ("≥80%且<100%"), bounds of different things, a
  lower bound above the upper, or two numbered items ("1.≥80%；2.≤100%")
  stay two values; "(80%,100%]" (an edge left
  out) and "≥5且≤10万元" (is 5 in 万 too?) are unparsed.
* A bare number carries no unit: "1" stays the number 1 even in a row whose
  actual is "100%".
"""

from __future__ import annotations

from decimal import Decimal

import jixiao._target_parse as _target_parse
import jixiao._target_values as _target_values
from jixiao._target_parse import Quantity, Value, parse_cell
from jixiao._target_values import (
    Classified,
    Combine,
    Compound,
    Deadline,
    Direction,
    Frequency,
    Kind,
    NotApplicable,
    Period,
    Qualitative,
    Span,
    Unparsed,
    Unreadable,
)
from jixiao.errors import InputError
from jixiao.quantities import Ratio

__all__ = [
    "Classified",
    "Combine",
    "Compound",
    "Deadline",
    "Direction",
    "Frequency",
    "Kind",
    "NotApplicable",
    "Period",
    "Qualitative",
    "Quantity",
    "Span",
    "Unparsed",
    "Unreadable",
    "Value",
    "completion_ratio",
    "parse_value",
]


def completion_ratio(actual: Quantity, target: Quantity) -> Decimal:
    """The exact ratio actual ÷ target of two compatible quantities.

    Money is compared in 元, counts with their scale applied (17.76万 ÷ 21万),
    percents as percents. Directions are ignored: this is the ratio only; what
    it earns is for the scoring rule to say.

    Args:
        actual: the 实际完成值.
        target: the 年度指标值.

    Returns:
        actual ÷ target as a Decimal (34 significant digits where inexact).

    Raises:
        InputError: when the units are incompatible (see
            :meth:`Quantity.compatible_with`), either value is a range, or the
            target is zero.

    >>> completion_ratio(parse_value("3657.8元"), parse_value("≤5万元"))
    Decimal('0.073156')
    """
    if not actual.compatible_with(target):
        raise InputError(
            "the actual and the target are not in compatible units",
            zh="实际完成值与年度指标值的单位不相容",
            field="actual",
            value=(actual.format(), target.format()),
        )
    if Direction.RANGE in (actual.direction, target.direction):
        raise InputError(
            "a range has no single value to divide",
            zh="区间没有可以相除的单一数值",
            value=target.format(),
        )
    return Ratio.of(actual.value, target.value, "completion_ratio").value


def parse_value(text: str) -> Value:
    """Read a target (年度指标值) or actual (实际完成值) cell.

    Full-width characters (＞ ％ ；) and blanks are tolerated, and numbers
    written in Chinese numerals before a unit ("不少于两次", "百分之九十五")
    are read as digits would be. Never raises on text: what cannot be read
    comes back as :class:`Unparsed`.

    Args:
        text: the cell as written.

    Returns:
        A :class:`Quantity`, :class:`Deadline`, :class:`Frequency`,
        :class:`Compound`, :class:`Qualitative`, :class:`NotApplicable`,
        :class:`Classified`, :class:`Unreadable` or :class:`Unparsed`.

    Raises:
        InputError: when *text* is not a ``str``.

    >>> q = parse_value("≤5万元")
    >>> q.direction, q.money_unit, q.in_yuan
    (<Direction.AT_MOST: '≤'>, <Unit.WAN: '万元'>, Decimal('50000'))
    >>> parse_value("99%以上").ratio
    Ratio.percent('99')
    >>> parse_value("不少于两次").format(), parse_value("≤3‰").value
    ('≥2次', Decimal('0.3'))
    >>> d = parse_value("12月底前")
    >>> d.span, d.year, d.month, d.suffix
    (<Span.MONTH: 'month'>, None, 12, '底前')
    >>> parse_value("2022年12月").period_end()
    datetime.date(2022, 12, 31)
    >>> parse_value("158张; 167份; 72份").format()
    '158张; 167份; 72份'
    >>> parse_value("#####"), parse_value("不适用")
    (Unreadable(text='#####'), NotApplicable(text='不适用'))
    """
    return parse_cell(text)


# The classes are documented, and pickled, as members of this module.
for _name in __all__:
    _member = globals()[_name]
    if getattr(_member, "__module__", None) in (_target_parse.__name__, _target_values.__name__):
        _member.__module__ = __name__
