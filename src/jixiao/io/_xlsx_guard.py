"""Checks an .xlsx file before openpyxl opens it: size, zip, zip bombs, cells, formulas.

:func:`check` refuses, with a :class:`~jixiao.errors.ReadError` naming the
file, anything openpyxl should not be handed:

* what :func:`jixiao.io._ooxml.package` refuses of any Office package: a
  missing, empty or oversized file, anything that is not a readable zip, a
  zip bomb (:data:`MAX_FILE_BYTES`, :data:`MAX_MEMBERS`,
  :data:`MAX_UNPACKED_BYTES`);
* more than :data:`MAX_SHEETS` worksheets; sheets with more than
  :data:`MAX_CELLS` cells, :data:`MAX_ROWS` rows (a row without cells costs
  openpyxl as much as one with: a million blank rows took 11 s and 800 MB),
  :data:`MAX_COLUMN_RANGES` column ranges or :data:`MAX_MERGED_CELLS` merged
  cells (openpyxl creates an object for every merged cell), all sheets together.

While it streams through the sheets it notes every formula cell that has no
stored value, so that the reader can report it (with ``data_only=True``
openpyxl shows such a cell as empty). Every step is bounded by the limits
above, so a hostile file is refused in bounded time.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from jixiao.errors import ReadError
from jixiao.io._ooxml import (
    MAX_FILE_BYTES,
    MAX_MEMBERS,
    MAX_UNPACKED_BYTES,
    XLSX,
    damaged,
    local,
    main_part,
    package,
    relationships,
)

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMN_RANGES",
    "MAX_FILE_BYTES",
    "MAX_MEMBERS",
    "MAX_MERGED_CELLS",
    "MAX_ROWS",
    "MAX_SHEETS",
    "MAX_UNPACKED_BYTES",
    "check",
]

MAX_SHEETS = 500
"""The most worksheets a workbook may have (a department's report has a few)."""
MAX_CELLS = 200_000
MAX_ROWS = 100_000
"""The most rows, with or without cells, all sheets together (200 tables of
60 rows are 12,000)."""
MAX_COLUMN_RANGES = 16_384
"""The most column ranges (``<col>``), all sheets together: a sheet has 16,384 columns."""
MAX_MERGED_CELLS = 200_000

Formulas = dict[str, dict[tuple[int, int], str]]
"""Sheet title → (row, column) → "=formula" of the formula cells without a stored value."""

_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


def _cell(ref: str) -> tuple[int, int]:
    match = _REF.fullmatch(ref)
    if match is None:
        raise ValueError(f"bad cell reference {ref[:20]!r}")
    col = 0
    for letter in match.group(1).upper():
        col = col * 26 + ord(letter) - 64
    return int(match.group(2)), col


def _area(ref: str) -> int:
    first, _, second = ref.partition(":")
    (r1, c1), (r2, c2) = _cell(first), _cell(second or first)
    return (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)


def _sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(title, member) of every worksheet, in workbook order."""
    workbook = main_part(archive, XLSX)
    rels = relationships(archive, workbook)
    out = []
    for element in ElementTree.fromstring(archive.read(workbook)).iter():
        if local(element.tag) != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if local(k) == "id"), "")
        kind, member = rels.get(rid, ("", ""))
        if kind.endswith("/worksheet"):
            out.append((element.get("name", ""), member))
    return out


def _scan(
    archive: zipfile.ZipFile, member: str, counts: list[int], source: str
) -> dict[tuple[int, int], str]:
    """Count the cells, rows, column ranges and merged cells of one sheet
    (*counts*, all sheets together); note formulas without a value."""
    found: dict[tuple[int, int], str] = {}
    row = col = 0
    data: ElementTree.Element | None = None
    with archive.open(member) as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = local(element.tag)
            if event == "start":
                if tag == "row":
                    counts[2] += 1
                    if counts[2] > MAX_ROWS:
                        raise ReadError(
                            f"more than {MAX_ROWS:,} rows; refused",
                            zh=f"超过 {MAX_ROWS:,} 行；拒绝读取",
                            source=source,
                        )
                    row = int(element.get("r") or row + 1)
                    col = 0
                elif tag == "sheetData":
                    data = element
                elif tag == "col":
                    counts[3] += 1
                    if counts[3] > MAX_COLUMN_RANGES:
                        raise ReadError(
                            f"more than {MAX_COLUMN_RANGES:,} column ranges; refused",
                            zh=f"超过 {MAX_COLUMN_RANGES:,} 个列区间；拒绝读取",
                            source=source,
                        )
                continue
            if tag == "c":
                counts[0] += 1
                if counts[0] > MAX_CELLS:
                    raise ReadError(
                        f"more than {MAX_CELLS:,} cells; refused",
                        zh=f"超过 {MAX_CELLS:,} 个单元格；拒绝读取",
                        source=source,
                    )
                ref = element.get("r")
                row, col = _cell(ref) if ref else (row, col + 1)
                children = {local(child.tag): child for child in element}
                value = children.get("v")
                stored = value is not None and (value.text or element.get("t") == "str")
                if "f" in children and not stored:
                    found[row, col] = "=" + (children["f"].text or "")
                element.clear()
            elif tag == "mergeCell":
                counts[1] += _area(element.get("ref", "A1"))
                if counts[1] > MAX_MERGED_CELLS:
                    raise ReadError(
                        f"more than {MAX_MERGED_CELLS:,} merged cells; refused",
                        zh=f"超过 {MAX_MERGED_CELLS:,} 个合并单元格；拒绝读取",
                        source=source,
                    )
            elif tag == "row" and data is not None:
                data.clear()  # drop the rows read: the scan's memory stays flat
            elif tag == "sheetData":
                element.clear()
    return found


def check(file: Path, source: str) -> Formulas:
    """Refuse a hostile or broken file (see the module's docstring); return
    the formula cells without a stored value, by sheet title.

    Raises:
        ReadError: naming *source*, with the reason.
    """
    with package(file, source, XLSX) as archive, damaged(source, XLSX):
        sheets = _sheets(archive)
        if len(sheets) > MAX_SHEETS:
            raise ReadError(
                f"{len(sheets):,} worksheets (more than {MAX_SHEETS:,}); refused",
                zh=f"{len(sheets):,} 个工作表（超过 {MAX_SHEETS:,} 个）；拒绝读取",
                source=source,
            )
        counts = [0, 0, 0, 0]  # cells, merged cells, rows, column ranges
        return {
            title: _scan(archive, member, counts, source)
            for title, member in sheets
            if member in archive.NameToInfo
        }
