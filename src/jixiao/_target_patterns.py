"""Word lists and regular expressions behind :mod:`jixiao.targets` and its parser (private).

Everything here works on *normalised* text: full-width ASCII folded to ASCII
and every blank removed (see :func:`normalise`). Directions are spelled with
their sign (``"≥"``, ``"≤"``, ``">"``, ``"<"``, ``"="``) so that this module
does not import :mod:`jixiao.targets`.
"""

from __future__ import annotations

import re
from typing import Final

# Full-width ASCII (！ to ～) to ASCII, the ideographic space to a blank, and the
# "≧ ≦ 〜" variants to the signs used everywhere else; "═" (a box-drawing line
# some fonts give for =, as a Yunnan county's tables print it) to "="; the
# full-width yuan sign "￥" to "¥".
_FOLD: Final[dict[int, int]] = {
    **{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)},
    0x3000: 0x20,
    ord("≧"): ord("≥"),
    ord("≦"): ord("≤"),
    ord("〜"): ord("~"),
    ord("═"): ord("="),
    ord("￥"): ord("¥"),
}
_BLANKS: Final = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold full-width characters to ASCII and remove every blank."""
    return _BLANKS.sub("", text.translate(_FOLD))


NOT_APPLICABLE: Final = frozenset(
    {"", "不适用", "无", "/", "\\", "-", "--", "—", "——", "–", "N/A", "NA"}
)
UNREADABLE: Final = re.compile(
    r"#+|#(?:VALUE!|REF!|DIV/0!|N/A|NAME\?|NUM!|NULL!|SPILL!|CALC!)", re.IGNORECASE
)

# Direction words. Longest first, so that "大于等于" wins over "大于".
PREFIXES: Final[dict[str, str]] = dict(
    sorted(
        {
            "≥": "≥", ">=": "≥", "不低于": "≥", "不少于": "≥", "不小于": "≥", "至少": "≥",
            "最少": "≥", "大于等于": "≥", "大于或等于": "≥", "达到": "≥",
            "达": "≥",
            ">": ">", "大于": ">", "超过": ">", "高于": ">", "多于": ">", "突破": ">",
            "≤": "≤", "<=": "≤", "不超过": "≤", "不高于": "≤", "不多于": "≤", "不大于": "≤",
            "至多": "≤", "最多": "≤", "小于等于": "≤", "小于或等于": "≤",
            "<": "<", "小于": "<", "低于": "<", "少于": "<",
            "=": "=",
        }.items(),
        key=lambda item: -len(item[0]),
    )
)  # fmt: skip
SUFFIXES: Final[dict[str, str]] = dict(
    sorted(
        {
            "以上": "≥", "及以上": "≥", "或以上": "≥", "(含)以上": "≥",
            "以下": "≤", "及以下": "≤", "或以下": "≤", "以内": "≤", "之内": "≤", "内": "≤",
            "(含)以下": "≤", "(含)以内": "≤",
        }.items(),
        key=lambda item: -len(item[0]),
    )
)  # fmt: skip
_SIGN_ALTERNATION: Final = "|".join(map(re.escape, PREFIXES))
PREFIX: Final = re.compile(_SIGN_ALTERNATION)
"""The direction words before a number, tried in order (the longest first)."""
INCLUDED: Final = re.compile(r"\(含(?:本数|(?P<number>[^()]+))?\)$")
"""A note after the number that it is included ("≥95%(含)", "90%以上(含90%)",
"90%以上(含本数)"): it says again what an inclusive direction says, and
nothing with another (">95%(含)" contradicts itself, "95%(含)" has no
direction); a number in it must be the value's own."""
LEADS: Final = ("控制在",)
"""Words before a number that give it no direction of their own: a suffix
must ("控制在5万元以内" is ≤); without one the cell is unparsed ("控制在5万元":
a ceiling, or the level to hold?)."""
SCOPE_PREFIX: Final = "全年"

# Units: as written -> (canonical unit, kind name).
COUNT_WORDS: Final = (
    "人次", "人", "批次", "批", "次", "张", "份", "个", "台", "辆", "条", "篇", "场次", "场",
    "起", "件", "宗", "项", "家", "户", "版", "本", "册", "期", "所", "座", "处", "套", "部",
    "名", "位", "例", "轮", "间", "栋", "株", "棵", "只", "头", "架", "艘", "块", "页", "笔",
)  # fmt: skip
DIGIT_COUNT_WORDS: Final = ("种", "类", "班次", "课时", "学时")
"""Count words read as a unit only after digits ("不少于12种"): spelt with a
Chinese numeral they are words of a statement ("形成一种机制"), not a number."""
MEASURE_WORDS: Final = (
    "米", "厘米", "毫米", "公里", "千米", "平方米", "平方公里", "立方米", "亩", "公顷",
    "吨", "千克", "公斤", "千瓦", "千瓦时",
)  # fmt: skip
"""Units of length, area, volume, weight and power, as works and supply targets print them."""
MEASURE_SYMBOLS: Final = {
    "㎡": "平方米", "m²": "平方米", "m2": "平方米", "㎢": "平方公里", "km²": "平方公里",
    "km2": "平方公里", "m³": "立方米", "m3": "立方米", "㎥": "立方米", "㎞": "公里",
    "km": "公里", "㎏": "千克", "kg": "千克", "kW": "千瓦", "kWh": "千瓦时",
}  # fmt: skip
"""The symbols a measure is printed with, read as its word ("2000㎡" is 2000平方米;
``Quantity.unit`` is the word)."""
POINT_WORDS: Final = ("个百分点", "百分点")
"""Percentage points, as a gap or a deviation is bounded ("偏差率≤2个百分点"): a
measure of its own, compared only with percentage points (not with a percent)."""
DURATIONS: Final[dict[str, str]] = {
    "小时": "小时", "分钟": "分钟", "天": "天", "日": "日", "个工作日": "工作日",
    "工作日": "工作日", "周": "周", "个月": "月", "年": "年",
}  # fmt: skip
DURATION_SYMBOLS: Final = {"h": "小时", "min": "分钟"}
"""The symbols a duration is printed with, read as its word ("≤24h" is ≤24小时)."""
UNITS: Final[dict[str, tuple[str, str]]] = {
    "元": ("元", "money"),
    "%": ("%", "percent"),
    "百分比": ("%", "percent"),  # as budget systems export a unit field: "≥95百分比"
    "‰": ("‰", "percent"),  # per mille, as rates of errors and complaints print: "≤3‰"
    "分": ("分", "score"),
    **{word: (unit, "duration") for word, unit in DURATIONS.items()},
    **{symbol: (unit, "duration") for symbol, unit in DURATION_SYMBOLS.items()},
    **{word: (word, "count") for word in (*COUNT_WORDS, *DIGIT_COUNT_WORDS)},
    **{word: (word, "measure") for word in MEASURE_WORDS},
    **dict.fromkeys(POINT_WORDS, ("百分点", "measure")),
    **{symbol: (word, "measure") for symbol, word in MEASURE_SYMBOLS.items()},
}
PER_WORDS: Final[dict[str, str]] = {
    **{word: word for word in (*COUNT_WORDS, *DIGIT_COUNT_WORDS, *MEASURE_WORDS)},
    **MEASURE_SYMBOLS,
    **{word: word for word in ("年", "半年", "季度", "月", "周", "日", "天", "小时", "分钟")},
    **DURATION_SYMBOLS,
    "季": "季度",
}  # fmt: skip
"""What a unit price or a rate is given per, as written -> canonical: a
count word, a measure or a period ("元/人", "万元/公里", "元/㎡", "吨/日"). Two
of them make one ("元/人·天", "元/人天", "元/人/天": 人·天)."""
_PER_ALTERNATION: Final = "|".join(re.escape(u) for u in sorted(PER_WORDS, key=len, reverse=True))
PER_LEAD: Final = re.compile(
    rf"人均|每(?P<per>{_PER_ALTERNATION})(?:每?(?P<per2>{_PER_ALTERNATION}))?"
)
"""What a unit price or a rate is given per, written before its value: 人均
("人均≤500元" is ≤500元/人), 每 and one or two per words ("每人每天20元")."""
PER_JOINS: Final = "·•・⋅/"
"""What may join the two words of a per ("人·天"); canonically "·", or nothing ("人天")."""
PER_KINDS: Final = frozenset({"money", "count", "measure", "duration"})
"""The kinds a quantity per something may be: "≤500元/人", "≥2万人次/年",
"≤3个工作日/件"; not a percent, a score or a bare number ("5%/年": a rise of 5 % a year?)."""
KIND_OF_UNIT: Final[dict[str, str]] = {"": "number", **dict(UNITS.values())}
"""Each canonical unit's kind (the name of a ``Kind``); ``""`` is a bare number."""
WRITTEN_UNIT: Final = {"工作日": "个工作日", "月": "个月", "百分点": "个百分点"}
"""How a canonical unit is written back when it differs from the unit itself."""
SCALES: Final = {"万": 4, "亿": 8}

_UNIT_ALTERNATION: Final = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
NUMBER: Final = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"


def per_of(match: re.Match[str]) -> str:
    """The canonical per of a match of :data:`BODY` or :data:`PER_LEAD` ("人·天" for "人/天", "人天")."""
    per = PER_WORDS[match["per"]]
    return per if match["per2"] is None else f"{per}·{PER_WORDS[match['per2']]}"


BODY: Final = re.compile(
    rf"(?P<currency>¥)?(?P<number>{NUMBER})(?P<scale>[万亿])?(?P<unit>{_UNIT_ALTERNATION})?"
    rf"(?:/(?P<per>{_PER_ALTERNATION})(?:[{PER_JOINS}]?(?P<per2>{_PER_ALTERNATION}))?)?"
    r"(?P<noun>.*)"
)
NOUN: Final = re.compile(r"[\u4e00-\u9fff]+")
# Words that make a trailing "noun" an approximation, a bound or a period instead.
NOT_A_NOUN: Final = re.compile(
    r"左右|上下|以|之|内|外|前|后|余|多|约|至|或|及|每|不|达|超|季|月|年|日|天|周|时|分|元|万|亿"
)
NAMED: Final = re.compile(
    r"[\u4e00-\u9fff]{0,10}?(?:"
    r"(?:率|满意度|满意程度|知晓度|知晓程度|认可度|认知度|参与度|覆盖度|完成度)"
    r"(?=[^\u4e00-\u9fff]|不|大|小|高|低|超|多|少|至|最|达|控)"
    r"|(?:偏差|误差)(?=[<>=≤≥]|不|大|小|高|低|超|多|少|最|控))"
)
"""The name of a rate printed before its value ("合格率100%", "满意度≥90%",
"覆盖率达到95%"): read as the value alone, the row naming what it measures.
Only a rate, a degree of satisfaction, awareness, …, or a deviation bounded in
words or signs ("偏差≤2个百分点", "测量误差不超过5%") is such a name ("季度1次" is
no rate of anything; "偏差2天", a deviation with no bound, says neither whether
less is better nor what was aimed at)."""
RANGE: Final = re.compile(r"(?P<low>¥?[0-9][^~\-—–至到]*)(?:~|-|—{1,2}|–|至|到)(?P<high>¥?[0-9].*)")
"""A range: its bounds, each with the yuan sign or not ("¥300-¥500")."""

# Dates and periods.
DEADLINE_SUFFIXES: Final[tuple[str, ...]] = (
    "底前",
    "底",
    "末前",
    "末",
    "结束前",
    "之前",
    "以前",
    "前",
    "内",
)
_SUFFIX_ALTERNATION: Final = "|".join(DEADLINE_SUFFIXES)
DEADLINE: Final = re.compile(
    r"(?:(?P<year>(?:19|20)[0-9]{2})年度?)?"
    r"(?:(?P<month>[0-9]{1,2})月(?:(?P<day>[0-9]{1,2})[日号])?"
    r"|第?(?P<quarter>[一二三四1-4])季度|[Qq](?P<q>[1-4])"
    r"|(?P<half>[上下])半年"
    r"|(?P<bare>年))?"
    rf"(?P<suffix>{_SUFFIX_ALTERNATION})?"
)
DOTTED_DATE: Final = re.compile(
    r"(?P<year>(?:19|20)[0-9]{2})(?P<sep>[./-])(?P<month>[0-9]{1,2})"
    rf"(?:(?P=sep)(?P<day>[0-9]{{1,2}}))?(?P<suffix>{_SUFFIX_ALTERNATION})?"
)
QUARTERS: Final = "一二三四"
HALVES: Final = "上下"

# Frequencies.
PERIOD_WORDS: Final = {"年": "年", "年度": "年", "半年": "半年", "半年度": "半年", "季度": "季度",
                       "季": "季度", "月": "月", "月度": "月", "周": "周", "星期": "周", "天": "日",
                       "日": "日"}  # fmt: skip
"""The periods of a frequency, as written (每年度2次, 2次/月度 too) -> ``Period`` value."""
_PERIOD_ALTERNATION: Final = "|".join(sorted(PERIOD_WORDS, key=len, reverse=True))
_COUNT_ALTERNATION: Final = "|".join(sorted(COUNT_WORDS, key=len, reverse=True))
_BOUND_ALTERNATION: Final = "|".join(map(re.escape, SUFFIXES))
FREQUENCY: Final = re.compile(
    rf"每(?P<period>{_PERIOD_ALTERNATION})(?P<sign>{_SIGN_ALTERNATION})?"
    rf"(?P<count>[0-9]+)(?P<unit>{_COUNT_ALTERNATION})"
    rf"(?P<suffix>{_BOUND_ALTERNATION})?"
)
"""每月1次, 每季度不少于1次, 每年2次以上 (a count in numerals, 每年两次, is written in
digits first: :mod:`jixiao._target_numerals`)."""
FREQUENCY_SLASH: Final = re.compile(
    rf"(?P<sign>{_SIGN_ALTERNATION})?(?P<count>[0-9]+)(?P<unit>{_COUNT_ALTERNATION})"
    rf"(?P<suffix>{_BOUND_ALTERNATION})?/(?P<period>{_PERIOD_ALTERNATION})"
)
"""4次/年, ≥1次/月, 2次以上/年."""
PER_PERIOD: Final = {
    "1年": "年",
    "年均": "年",
    "半年": "半年",
    "1周": "周",
    "1天": "日",
    "1日": "日",
}
"""A period written before the count without 每 -> ``Period`` value: 一年两次 (1年2次
once in digits), 半年一次, 一周三次, 年均2次. Not 一月 or 一季度, which may be
January or the first quarter."""
FREQUENCY_PER: Final = re.compile(
    rf"(?P<per>{'|'.join(PER_PERIOD)})(?P<sign>{_SIGN_ALTERNATION})?"
    rf"(?P<count>[0-9]+)(?P<unit>{_COUNT_ALTERNATION})(?P<suffix>{_BOUND_ALTERNATION})?"
)
"""一年两次, 半年一次, 年均不少于2次: :data:`PER_PERIOD`."""


# Statements without a number.
QUALITATIVE: Final = re.compile(r"[\u4e00-\u9fff“”《》、]+")
_CN_NUMERAL: Final = "[零一二两三四五六七八九十百千万亿]"
_NUMBERISH_UNITS: Final = "|".join(
    sorted(
        [*COUNT_WORDS, *MEASURE_WORDS, *(d for d in DURATIONS if d != "分钟"), "元", "成", "月"],
        key=len,
        reverse=True,
    )
)
NUMBERISH: Final = re.compile(
    rf"{_CN_NUMERAL}+[余多]?(?:{_NUMBERISH_UNITS})|百分之|季度|半年|年底|年末|月底|月末|第{_CN_NUMERAL}"
)
"""A number in words that is not read ("一百五人", "九成五", "千余人", "第三"): no statement.
(十分, "very", is a word: "十分满意".)"""
_STRUCTURAL_CHARS: Final = "".join(
    sorted(
        {
            *"".join(COUNT_WORDS),
            *"".join(MEASURE_WORDS),
            *"".join(DURATIONS),
            *"以上下内之及或年月日号度季末底前后第每元万亿",
        }
    )
)
STRUCTURAL: Final = re.compile(f"(?:[{_STRUCTURAL_CHARS}]|{_CN_NUMERAL})+")
"""Units, numerals and period words only ("月度", "前", "或"): not a statement."""
STATEMENTS: Final = frozenset({"及时", "公平", "部分"})
"""Words that are statements though every character of them is one of
:data:`STRUCTURAL`'s: 及时 ("timely": 及 of 及以上, 时 of 小时), 公平
("fair": 公 of 公里, 平 of 平方米), 部分 ("partly": 部, 分 are measure words)."""
GRADES: Final = {"优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "中等": "中",
                 "差": "差", "较差": "差"}  # fmt: skip


def grade_word(text: str) -> str | None:
    """The grade (优, 良, 中 or 差) *text* prints, spaces and full-width forms
    aside ("优秀", "良 好"); ``None`` when it prints none.

    >>> grade_word("优秀"), grade_word(" 良 好 "), grade_word("甲")
    ('优', '良', None)
    """
    return GRADES.get(normalise(text)) if len(text) <= 10 else None
