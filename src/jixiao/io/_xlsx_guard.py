"""Checks an .xlsx file before openpyxl opens it: size, zip, zip bombs, cells, formulas.

:func:`check` refuses, with a :class:`~jixiao.errors.ReadError` naming the
file, anything openpyxl should not be handed:

* a missing, empty or oversized file (over :data:`MAX_FILE_BYTES`);
* anything that is not a readable zip (random bytes, a truncated file);
* a zip of more than :data:`MAX_MEMBERS` members or more than
  :data:`MAX_UNPACKED_BYTES` declared unpacked (a zip bomb; Python's
  :mod:`zipfile` never unpacks a member past its declared size);
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

import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from jixiao.errors import ReadError, system_reason

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

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
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


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


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


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id → (type, target resolved to a member name) of *part*'s relationships."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in archive.NameToInfo:
        return {}
    out: dict[str, tuple[str, str]] = {}
    for element in ElementTree.fromstring(archive.read(rels)):
        if _local(element.tag) != "Relationship" or element.get("TargetMode") == "External":
            continue
        target = element.get("Target", "")
        member = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        out[element.get("Id", "")] = (element.get("Type", ""), posixpath.normpath(member))
    return out


def _sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(title, member) of every worksheet, in workbook order."""
    office = [
        target
        for kind, target in _relationships(archive, "").values()
        if kind.endswith("/officeDocument")
    ]
    workbook = office[0] if office else "xl/workbook.xml"
    relationships = _relationships(archive, workbook)
    out = []
    for element in ElementTree.fromstring(archive.read(workbook)).iter():
        if _local(element.tag) != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
        kind, member = relationships.get(rid, ("", ""))
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
            tag = _local(element.tag)
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
                children = {_local(child.tag): child for child in element}
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
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise ReadError("file not found", zh="文件不存在", source=source) from None
    except OSError as error:
        reason = system_reason(error)
        raise ReadError(
            f"cannot read the file ({reason.en})", zh=f"无法读取文件（{reason.zh}）", source=source
        ) from None
    if not file.is_file():
        raise ReadError("not a regular file", zh="不是普通文件", source=source)
    if size == 0:
        raise ReadError(
            "empty file; expected an .xlsx workbook", zh="空文件；应为 .xlsx 工作簿", source=source
        )
    if size > MAX_FILE_BYTES:
        raise ReadError(
            f"file too large ({size:,} bytes; at most {MAX_FILE_BYTES:,} are read)",
            zh=f"文件过大（{size:,} 字节；最多读取 {MAX_FILE_BYTES:,} 字节）",
            source=source,
        )
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise ReadError(
                    f"zip of {len(members):,} members; refused",
                    zh=f"zip 含 {len(members):,} 个成员；拒绝读取",
                    source=source,
                )
            unpacked = sum(m.file_size for m in members)
            if unpacked > MAX_UNPACKED_BYTES:
                raise ReadError(
                    f"unpacks to {unpacked:,} bytes (over {MAX_UNPACKED_BYTES:,}): a zip bomb? refused",
                    zh=f"解压后为 {unpacked:,} 字节（超过 {MAX_UNPACKED_BYTES:,}）：压缩炸弹？拒绝读取",
                    source=source,
                )
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
    except ReadError:
        raise
    except zipfile.BadZipFile as error:
        raise ReadError(
            f"not an .xlsx workbook (not a readable zip: {error})",
            zh=f"不是 .xlsx 工作簿（不是可读的 zip：{error}）",
            source=source,
        ) from None
    except Exception as error:  # a damaged member: zlib, XML, CRC, encryption …
        raise ReadError(
            f"damaged .xlsx workbook ({type(error).__name__}: {error})",
            zh=f"损坏的 .xlsx 工作簿（{type(error).__name__}: {error}）",
            source=source,
        ) from None
