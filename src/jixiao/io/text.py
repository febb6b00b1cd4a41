"""Reading project self-evaluation tables from text extracted from published PDFs.

Published 项目支出绩效自评表 are PDFs; their extracted text holds one line per
printed row with tab-separated cells, and every extraction artefact the hand
transcriptions in ``examples/projects`` describe: wrapped cells, cells shifted
by one or two columns, a duplicated cell, labels printed on the wrong line,
full-width punctuation, ``<p>`` tags, several tables per file and text around
them. :func:`read_text` finds every table, reads it **by its logical
structure** rather than by column positions, and returns the tables in order
with what it repaired written in each table's ``remarks``.

Nothing is dropped silently: every non-blank line that cannot be placed in a
table is returned in :attr:`ReadResult.unplaced` with its line number and the
reason. A table that cannot be read completely (a file cut in the middle of a
table, a row whose numbers cannot be read, a missing 总分 row) is not returned
at all: its lines are all reported, the one at fault with the reason, so that
no smaller, complete-looking table is ever returned.

How a table is read (the interpretations, one by one):

* A table starts at a "项目支出绩效自评表" heading, or at a 项目编码 line when
  the table being read already has one; it ends at its 总分 row.
* Labels are matched without spaces, ``*`` marks and colons; full-width ``：``
  and ``（）`` count as ``:`` and ``()``. HTML tags are stripped; ``</p> <p>``
  between paragraphs becomes a newline. A ``<`` that starts no tag
  (``<关于…>``, a title bracket) is kept.
* A PDF line-wrap inside a project name, a unit's name, a level-2 label or a
  level-3 name (a space between two Chinese characters, or before ``(``) is
  joined. Goal texts, targets, actual values and notes are kept as printed.
* An indicator row is read from its right: the last two numbers (or
  ``#####``) with at most one cell after them are 分值 and 得分, the cell after
  them the deviation note; the three cells before 分值 are 三级指标,
  年度指标值 and 实际完成值. Empty spacer cells left by a shifted row are
  dropped. A row whose 实际完成值 is printed twice (four value cells, the last
  two equal, 年度指标值 printed as a value) loses the duplicate.
* Level-1 labels ("产出指标(50分)") and level-2 labels (ending in 指标) are
  recognised wherever the extraction printed them on the line; a row without
  labels continues the current groups.
* Labels printed one row early: a level-1 label whose group's level-3
  weights add up to its printed weight only when its own row is counted with
  the group before is moved one row down, with its level-2 label. In such a
  table only, a level-2 label is moved likewise when its row names the kind of
  the group before (合格率 → 质量指标, 及时性 → 时效指标) and the next row
  names the label's own kind. Without that proof by the weights, labels stay
  where they are printed.
* Cells are kept as printed text: ``#####``, ``—``, ``7.00`` and ``7`` alike;
  a 得分 of "无" is kept when it is the only reading of the row.
* Bounds: texts over :data:`MAX_BYTES` or :data:`MAX_LINES` lines are refused;
  a line of more than 64 cells is not a table line (it is reported).

A file without any table is not an error: the result has no table and every
non-blank line in ``unplaced`` ("outside any table").
"""

from __future__ import annotations

from pathlib import Path, PurePath

from jixiao.errors import ReadError
from jixiao.io._text_cells import TextLine, cut_tables, non_empty, split_cells
from jixiao.io._text_layout import TableReader, TableRejected
from jixiao.io.result import ReadResult, Unplaced
from jixiao.project.model import ProjectTable

__all__ = ["MAX_BYTES", "MAX_LINES", "read_text", "read_text_file"]

MAX_BYTES = 20 * 1024 * 1024
"""The largest file :func:`read_text_file` reads (20 MB); larger files are refused."""

MAX_LINES = 200_000
"""The most lines a text may have (a 500-page report extracts to some 30 000)."""


def read_text_file(path: str | Path) -> ReadResult:
    """Read every project table in a UTF-8 text file extracted from a PDF.

    A byte-order mark is tolerated.

    Args:
        path: the ``.txt`` file.

    Returns:
        The tables in file order and every line that could not be placed.

    Raises:
        ReadError: the file is missing or unreadable, larger than
            :data:`MAX_BYTES`, binary (NUL bytes) or not UTF-8; the error names
            the file.
    """
    name = str(path)
    file = Path(path)
    try:
        if not file.is_file():
            raise ReadError("no such file (or not a regular file)", source=name)
        if file.stat().st_size > MAX_BYTES:
            raise ReadError(
                f"file larger than {MAX_BYTES // (1024 * 1024)} MB; refused", source=name
            )
        with file.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:  # pragma: no cover - permissions, races; not reproducible as root
        raise ReadError(f"cannot read the file: {error.strerror or error}", source=name) from None
    if len(data) > MAX_BYTES:  # pragma: no cover - the file grew after stat()
        raise ReadError(f"file larger than {MAX_BYTES // (1024 * 1024)} MB; refused", source=name)
    if b"\x00" in data:
        raise ReadError("binary data (NUL bytes), not extracted text", source=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReadError(
            f"not UTF-8 text (undecodable byte at offset {error.start})", source=name
        ) from None
    return read_text(text, name)


def read_text(text: str, source: str = "<text>") -> ReadResult:
    """Read every project table in extracted text.

    Args:
        text: the extracted text (tab-separated cells, one printed row a line).
        source: the file the text came from, used in ``source`` fields and messages.

    Returns:
        The tables in order (each with ``source`` such as ``"x.txt, table 3 of 7"``
        and ``remarks`` listing what was repaired) and the lines not placed.

    Raises:
        ReadError: the text holds NUL characters (binary data), is larger than
            :data:`MAX_BYTES` characters or has more than :data:`MAX_LINES` lines.
    """
    if "\x00" in text:
        raise ReadError("binary data (NUL characters), not extracted text", source=source)
    if len(text) > MAX_BYTES:
        raise ReadError(f"text larger than {MAX_BYTES // (1024 * 1024)} MB; refused", source=source)
    if text.count("\n") >= MAX_LINES:
        raise ReadError(f"more than {MAX_LINES} lines; not an extracted report", source=source)
    text = text.removeprefix("\ufeff")
    raw_lines = text.split("\n")
    open_end = len(raw_lines) if text and not text.endswith("\n") else None
    lines = [
        TextLine(n, raw.rstrip("\r"), split_cells(raw))
        for n, raw in enumerate(raw_lines, 1)
        if raw.strip()
    ]
    segments, outside = cut_tables(lines)
    name = PurePath(source).name or source
    tables: list[ProjectTable] = []
    unplaced = [
        Unplaced(source, None, f"line {line.number}", line.raw, "outside any table")
        for line in outside
    ]
    for index, segment in enumerate(segments, start=1):
        reader = TableReader(segment, f"{name}, table {index} of {len(segments)}", open_end)
        try:
            tables.append(reader.read())
            unplaced.extend(
                Unplaced(source, index, f"line {line.number}", line.raw, reason)
                for line, reason in reader.unplaced
            )
        except TableRejected as rejected:
            unplaced.extend(
                Unplaced(
                    source,
                    index,
                    f"line {line.number}",
                    line.raw,
                    rejected.reason
                    if line.number == rejected.line
                    else f"part of table {index}, which was not read: {rejected.reason}",
                )
                for line in segment
                if non_empty(line.cells)
            )
    unplaced.sort(key=lambda u: int(u.location.removeprefix("line ")))
    return ReadResult(source, tuple(tables), tuple(unplaced))
