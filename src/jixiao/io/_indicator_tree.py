"""The indicator tree from the lines of a table, with where every value was read (private).

The third stage of reading indicators (after :mod:`jixiao.io._indicator_rows`):
labels printed one row too early are moved back down when the printed weights
prove the drift, rows are grouped under their level-1 and level-2 labels, a
note merged over several rows is given to each of them, and every value's
location is recorded under its path (:mod:`jixiao.project.paths`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

import jixiao.project.paths as paths
from jixiao.errors import Wording
from jixiao.io._columns import Columns
from jixiao.io._form_words import (
    TIERS,
)
from jixiao.io._indicator_rows import VALUE_ROLES, Entry
from jixiao.io._rejected import LayoutError
from jixiao.io._vocab import (
    compact,
    join_line_wraps,
    level2_weight,
    number,
)
from jixiao.io.grid import Cell, Locations
from jixiao.project.model import Level1, Level2, Level2Kind, Row

__all__ = ["COMPARISONS", "Tree", "assemble", "fix_label_drift", "join_parts"]

# Words that tell an indicator's level-2 kind by meaning; used only to undo a
# label drift that the printed weights have already proved (see fix_label_drift).
_MARKERS: dict[Level2Kind, tuple[str, ...]] = {
    Level2Kind.QUALITY: ("合格率", "准确率", "通过率", "覆盖率"),
    Level2Kind.TIMELINESS: ("及时性", "及时率"),
}


def _markers(name: str) -> set[Level2Kind]:
    return {kind for kind, words in _MARKERS.items() if any(w in name for w in words)}


def fix_label_drift(entries: list[Entry]) -> list[tuple[int, str]]:
    """Undo labels printed one row too early; a remark (line, text) for each repair.

    A level-1 label is moved one row down when its group's level-3 weights do
    not add up to its printed weight as printed but do once the labelled row
    is counted with the group before, and the group before is short of that
    row's weight (the extraction drifted the label; one mistyped weight does
    not). Only
    in a table where the weights proved such a drift, a level-2 label is moved
    one row down too when its row names the kind of the group before
    (合格率 → 质量, 及时性 → 时效) and the next row names the label's own kind.
    """
    remarks: list[tuple[int, str]] = []
    tops = [i for i, e in enumerate(entries) if e.level1]
    drifted = False
    for k, i in enumerate(tops[1:], start=1):
        end = tops[k + 1] if k + 1 < len(tops) else len(entries)
        here, below = entries[i], entries[i + 1] if i + 1 < end else None
        if not here.has_row or below is None:
            continue  # the labels move off a row, onto a row of their group
        if not below.has_row or below.level1 or below.level2:
            continue
        printed = number(here.level1[1]) if here.level1 else None
        moved = number(here.text("weight"))
        weights = [number(e.text("weight")) for e in entries[i:end] if e.has_row]
        if printed is None or moved is None or any(x is None for x in weights):
            continue
        total = sum((x for x in weights if x is not None), Decimal(0))
        if total == printed or total - moved != printed:
            continue
        if not _short_by(entries[tops[k - 1] : i], moved):  # the group before misses it
            continue
        below.level1, below.level1_cell = here.level1, here.level1_cell
        below.level2, below.level2_cell = here.level2, here.level2_cell
        here.level1 = here.level2 = None
        here.level1_cell = here.level2_cell = None
        drifted = True
        top = below.level1[0] if below.level1 else ""
        line = here.line.location.row
        remarks.append(
            (
                line,
                f"Line {line}: the labels {top} ({printed}分)"
                f"{' / ' + below.level2 if below.level2 else ''} are printed one row early, on the "
                f"row {here.text('name')}; read literally the level-3 weights of {top} add up "
                f"to {total}, not the printed {printed}. The row is placed in the group before and "
                f"the labels start at line {below.line.location.row}.",
            )
        )
    if drifted:
        remarks.extend(_fix_level2_drift(entries))
    return remarks


def _short_by(group: list[Entry], moved: Decimal) -> bool:
    """Whether the level-3 weights of *group* (its rows, the level-1 label on
    the first) fall short of its printed weight by *moved* at least (a row of
    its own may be missing too)."""
    printed = number(group[0].level1[1]) if group[0].level1 else None
    weights = [number(e.text("weight")) for e in group if e.has_row]
    if printed is None or any(x is None for x in weights):
        return False
    return sum((x for x in weights if x is not None), Decimal(0)) + moved <= printed


def _fix_level2_drift(entries: list[Entry]) -> list[tuple[int, str]]:
    remarks: list[tuple[int, str]] = []
    before: Level2Kind | None = None
    for i, entry in enumerate(entries):
        kind = Level2Kind.of(entry.level2) if entry.level2 else None
        if entry.level1 and not entry.level2:
            before = None
        below = entries[i + 1] if i + 1 < len(entries) else None
        name = entry.text("name")
        if (
            entry.level2
            and not entry.level1
            and kind is not None
            and before is not None
            and below is not None
            and below.has_row
            and not below.level1
            and not below.level2
            and before in _markers(name)
            and kind not in _markers(name)
            and kind in _markers(below.text("name"))
        ):
            line = entry.line.location.row
            remarks.append(
                (
                    line,
                    f"Line {line}: the level-2 label {entry.level2} is printed one row early, "
                    f"on the row {name}, which by its name belongs to {before.value} (the "
                    f"table's labels drifted, see above); the row is placed under "
                    f"{before.value} and {entry.level2} starts at line {below.line.location.row}.",
                )
            )
            below.level2, below.level2_cell = entry.level2, entry.level2_cell
            entry.level2, entry.level2_cell = None, None
            continue
        if entry.level2:
            before = kind
    return remarks


@attrs.frozen
class Tree:
    """The indicator tree as read, with the locations of its values and the remarks."""

    level1: tuple[Level1, ...]
    locations: Locations
    remarks: list[tuple[int, str]]
    problems: list[tuple[Entry, Wording, Cell]]
    """Cells of placed lines that could not be read (an unknown tier)."""


def _continues(top: tuple[str, str], label: tuple[str, str]) -> bool:
    """Whether a level-1 *label* printed on a row continues the group *top*:
    the same name, with the same weight or none (a weight printed once, on the
    group's first row; or a lone "满意度指标" repeated down a level-2 column
    that names its group like its level-1 group)."""
    return top[0] == label[0] and label[1] in (top[1], "")


COMPARISONS = frozenset("≥≤=＝><＞＜≧≦═")
"""What a 指标性质 cell may print that is joined before the target (≥ | 13 → ≥13);
the look-alikes the target parser folds too (≧, ＝, and ═ for =, as a Yunnan
county's published tables print it)."""
_KIND_WORDS = frozenset({"定性", "定量"})
"""What it may print that says only whether the target is a number: read, not joined."""


_NOT_JOINED = Wording(
    "a part of the target (指标性质, 度量单位) that is not joined to it",
    "未并入指标值的指标性质或度量单位",
)


def join_parts(entry: Entry, target: str, actual: str) -> tuple[str, str, list[Cell]]:
    """The target and actual of *entry* with the parts of the target printed in
    columns of their own: the comparison (指标性质) before the target, the unit
    (度量单位) after the target and the actual where each ends in a digit
    (≥ | 13 | 台 | 13 → ≥13台, 13台). Returns them with the part cells that
    could not be joined (a 指标性质 such as 反向, or another comparison than the
    target prints; a unit beside no number).

    >>> from jixiao.io.grid import Cell, Line, Location
    >>> at = Location("t.md", 13)
    >>> parts = {"direction": Cell("≥", 4, 4, 5, at, 5), "unit": Cell("台", 6, 6, 7, at, 7)}
    >>> join_parts(Entry(Line((), at, ""), parts, []), "13", "13")
    ('≥13台', '13台', [])
    >>> join_parts(Entry(Line((), at, ""), {"direction": Cell("═", 4, 4, 5, at, 5)}, []), "100%", "98%")
    ('═100%', '98%', [])
    """
    direction, unit = entry.values.get("direction"), entry.values.get("unit")
    left: list[Cell] = []
    if direction is not None:
        word = compact(direction.text)
        if word in COMPARISONS:
            if not target or target[0] in COMPARISONS - {word}:
                left.append(direction)  # nothing to compare, or another comparison
            elif target[0] != word:  # (the target may print its comparison too)
                target = word + target
        elif word not in _KIND_WORDS:
            left.append(direction)
    if unit is not None:
        joined = False
        if target[-1:].isdigit():
            target, joined = target + unit.text, True
        if actual[-1:].isdigit():
            actual, joined = actual + unit.text, True
        if not joined:
            left.append(unit)
    return target, actual, left


def assemble(entries: Sequence[Entry], columns: Columns) -> Tree:
    """Build the indicator tree from a table's entries (after the drift repair).

    Raises:
        LayoutError: a row or a level-2 label printed before the labels it needs.
    """
    remarks: list[tuple[int, str]] = []
    problems: list[tuple[Entry, Wording, Cell]] = []
    locations = Locations()
    tops: list[tuple[str, str, list[tuple[str, str, list[Row]]]]] = []
    previous_note: tuple[str, str] | None = None
    joined_remark = False  # the remark that targets are joined from their parts, made once
    count = 0
    # where an empty cell of each role the header prints would be
    printed_columns = {r: columns.location_column(r) for r in VALUE_ROLES if r in columns.by_role}
    for entry in entries:
        if entry.level1 and not (tops and _continues(tops[-1][:2], entry.level1)):
            tops.append((*entry.level1, []))
            if entry.level1_cell is not None:
                locations.put_cell(paths.level1(len(tops) - 1), entry.level1_cell)
        if entry.level2:
            if not tops:
                raise LayoutError(
                    Wording(
                        "a level-2 label before any level-1 label", "二级指标出现在任何一级指标之前"
                    ),
                    entry.line,
                )
            groups = tops[-1][2]
            if not (groups and groups[-1][0] == entry.level2):
                cell = entry.level2_cell
                groups.append((entry.level2, level2_weight(cell.text) if cell else "", []))
                if entry.level2_cell is not None:
                    where = paths.level2(len(tops) - 1, len(groups) - 1)
                    locations.put_cell(where, entry.level2_cell)
        if not entry.has_row:
            continue
        if not tops or not tops[-1][2]:
            raise LayoutError(
                Wording(
                    "an indicator row before its level-1 and level-2 labels",
                    "指标行出现在其一级、二级指标之前",
                ),
                entry.line,
            )
        top, group = tops[-1][0], tops[-1][2][-1]
        printed: list[str] = []  # the row's texts, in the order of VALUE_ROLES
        for role in VALUE_ROLES:
            cell = entry.values.get(role)
            if cell is not None:
                printed.append(cell.text)
                locations.put_cell(paths.row(count, role), cell)
            else:
                printed.append("")
                if role in printed_columns:
                    column = printed_columns[role]
                    locations.put(paths.row(count, role), entry.line.location, column)
        name, target, actual, weight, points, printed_note = printed
        if "direction" in entry.values or "unit" in entry.values:
            target, actual, left = join_parts(entry, target, actual)
            for cell in left:
                problems.append((entry, _NOT_JOINED, cell))
            if not joined_remark and not left:
                joined_remark = True
                line = entry.line.location.row
                parts = " | ".join(entry.text(r) for r in ("direction", "target", "unit", "actual"))
                remarks.append(
                    (
                        line,
                        "The targets and actuals are read with the 指标性质 and 度量单位 "
                        f"printed beside them (line {line}: {parts} → {target}, {actual}).",
                    )
                )
        note_path = paths.row(count, "note")
        note = join_line_wraps(printed_note)
        if entry.note_continued and "note" not in entry.values and previous_note is not None:
            note, previous_path = previous_note
            locations.alias(note_path, previous_path)
        previous_note = (note, note_path)
        printed_tier = entry.text("tier")
        tier = TIERS.get(compact(printed_tier)) if printed_tier else None
        if printed_tier and tier is None:
            unknown = Wording(
                f"an unknown tier {printed_tier[:20]!r}", f"不认识的档次 {printed_tier[:20]!r}"
            )
            problems.append((entry, unknown, entry.values["tier"]))
        group[2].append(Row(name, target, actual, weight, points, note, tier))
        count += 1
        if entry.repairs:
            line = entry.line.location.row
            remarks.append(
                (
                    line,
                    f"Line {line}, row {name[:40] or '(no name)'}: "
                    f"{'; '.join(entry.repairs)}; placed under {top} / {group[0]}.",
                )
            )
    level1 = tuple(
        [
            Level1(name, weight, tuple([Level2(g, tuple(rows), w) for g, w, rows in groups]))
            for name, weight, groups in tops
        ]
    )
    return Tree(level1, locations, remarks, problems)
