"""Lines and cells of extracted text, the labels they print, and where tables are (private).

The first stage of :mod:`jixiao.io.text`: a line split into cleaned cells
(HTML tags stripped, ``</p> <p>`` made a newline), labels compacted (no
spaces, ``*`` marks or colons; full width folded), PDF line-wraps joined, the
labels of a table recognised (the project information, the funds rows, the
level-1 and level-2 indicator labels) and the lines cut into tables. Every
pattern here is anchored or bounded, so that a line of a megabyte is read in
linear time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

import attrs

from jixiao.project.model import Level2Kind

HEADING = "项目支出绩效自评表"
TOTAL = "总分"
INFO_LABELS = {
    "项目编码": "code",
    "项目名称": "name",
    "绩效自评年度": "year",
    "实施单位": "implementing_unit",
    "一级预算单位": "budget_unit",
}
FUNDS_LABELS = {
    "年度资金总额": "total",
    "当年财政拨款": "current_appropriation",
    "上年结转资金": "carry_over",
    "其他资金": "other",
}
LEVEL2_NAMES = {kind.value for kind in Level2Kind}

_PARAGRAPH_BREAK = re.compile(r"</p\s{0,20}>\s*<p(?:\s[^<>]{0,200})?>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"<br\s{0,20}/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,20}(?:\s[^<>]{0,200})?/?>")
_SPACE = re.compile(r"\s+")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WRAP = re.compile(rf"(?<=[{_CJK}])[ \u3000]+(?=[{_CJK}(（])")
_FULL_WIDTH = str.maketrans({"：": ":", "（": "(", "）": ")"})
_SCORE = re.compile(r"[0-9]+(?:\.[0-9]+)?|#+")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_LEVEL1 = re.compile(
    r"([^\s()（）]{0,20}指标)\s{0,5}[(（]\s{0,5}([0-9]+(?:\.[0-9]+)?)\s{0,5}分\s{0,5}[)）]"
)
_INFO_HINT = re.compile(r"项目|绩效|实施|一级")


def short(text: str, size: int = 40) -> str:
    """*text*, cut to *size* characters for a message."""
    return text if len(text) <= size else text[:size] + "…"


def shift_words(columns: int) -> str:
    """``"one column left"``, ``"two columns right"``."""
    count = {1: "one column", 2: "two columns"}.get(abs(columns), f"{abs(columns)} columns")
    return f"{count} {'left' if columns < 0 else 'right'}"


def clean_cell(text: str) -> str:
    """A cell without HTML tags and surrounding space; ``</p> <p>`` becomes a newline."""
    if "<" in text:
        text = _PARAGRAPH_BREAK.sub("\n", text)
        text = _LINE_BREAK.sub("\n", text)
        text = _TAG.sub("", text)
    return text.strip()


def has_tag(text: str) -> bool:
    """Whether *text* holds an HTML tag that :func:`clean_cell` strips."""
    return "<" in text and _TAG.search(text) is not None


MAX_CELLS = 64
"""More cells than this on a line make it no table line (its rest stays in the last cell)."""


def split_cells(line: str) -> list[str]:
    """The cleaned cells of a tab-separated line (at most ``MAX_CELLS + 1``)."""
    return [clean_cell(cell) for cell in line.rstrip("\r\n").split("\t", MAX_CELLS)]


def compact(text: str) -> str:
    """A label without spaces, wrap artefacts, ``*`` marks and colons; full width folded."""
    return _SPACE.sub("", text).translate(_FULL_WIDTH).lstrip("*").rstrip(":")


def join_wraps(text: str) -> str:
    """Join PDF line-wraps: drop spaces between two CJK characters or before a bracket."""
    return _WRAP.sub("", text) if " " in text or "\u3000" in text else text


def number(text: str) -> Decimal | None:
    """The plain number a weight cell shows, or ``None``."""
    return Decimal(text) if _NUMBER.fullmatch(text) else None


def is_score(text: str) -> bool:
    """Whether a cell can be a weight or points cell: a plain number or ``#####``."""
    return _SCORE.fullmatch(text) is not None


def level1_label(cell: str) -> tuple[str, str] | None:
    """``("产出指标", "50")`` for ``"产出指标(50分)"`` / ``"产出指标 (50分)"``, else ``None``."""
    if "指标" not in cell or len(cell) > 40:
        return None
    match = _LEVEL1.fullmatch(cell.strip())
    return (match.group(1), match.group(2)) if match else None


def level2_label(cell: str) -> str | None:
    """The standard level-2 name a cell prints (``"服务对象满意度 指标"`` too), else ``None``."""
    if "指标" not in cell or len(cell) > 40:
        return None
    name = compact(cell)
    return name if name in LEVEL2_NAMES else None


def non_empty(cells: Sequence[str]) -> list[str]:
    """The cells that print something."""
    return [cell for cell in cells if cell]


@attrs.frozen
class TextLine:
    """A non-blank line of the text: its number, the line as found and its cells."""

    number: int
    raw: str
    cells: list[str]

    @property
    def wide(self) -> bool:
        """Whether the line has more cells than any table line."""
        return len(self.cells) > MAX_CELLS


def first_cell(cells: list[str]) -> str:
    """The first printed cell as a compacted label, or ``""`` when it is too long for one."""
    filled = non_empty(cells)
    return compact(filled[0]) if filled and len(filled[0]) <= 200 else ""


def info_key(cell: str) -> tuple[str, str | None] | None:
    """The info field a cell labels, with the value printed in the same cell if any."""
    if not cell or len(cell) > 200 or not _INFO_HINT.search(cell, 0, 12):
        return None
    key = compact(cell)
    if key in INFO_LABELS:
        return INFO_LABELS[key], None
    for label, field in INFO_LABELS.items():
        if key.startswith(label + ":"):
            return field, cell.translate({0xFF1A: ":"}).split(":", 1)[1].strip()
    return None


def funds_key(cell: str) -> str:
    """The funds row a cell labels ("其中:当年财政拨款" → "当年财政拨款"), or ``""``."""
    return compact(cell).removeprefix("其中:") if cell and len(cell) <= 40 else ""


def cut_tables(lines: list[TextLine]) -> tuple[list[list[TextLine]], list[TextLine]]:
    """Cut the lines into tables (heading or 项目编码 … 总分) and lines outside any."""
    segments: list[list[TextLine]] = []
    outside: list[TextLine] = []
    current: list[TextLine] | None = None
    has_code = False
    for line in lines:
        filled = non_empty(line.cells)
        if not filled:
            continue  # only tags or spaces: nothing printed
        if line.wide:
            (outside if current is None else current).append(line)
            continue
        first = first_cell(line.cells)
        heading = first.startswith(HEADING) and len(filled) == 1
        code = any(
            "项目编码" in c and (info_key(c) or ("", None))[0] == "code" for c in line.cells[:8]
        )
        if heading or (code and (current is None or has_code)):
            if current is not None:
                segments.append(current)
            current, has_code = [], False
        if current is None:
            outside.append(line)
            continue
        current.append(line)
        has_code = has_code or code
        if first == TOTAL:
            segments.append(current)
            current = None
    if current is not None:
        segments.append(current)
    return segments, outside
