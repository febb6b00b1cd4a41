r"""Comma-separated values: the grid of a CSV file (private).

As Excel, WPS or a budget system exports a sheet. Records are read as Excel
reads them (RFC 4180): a field in double quotes may hold commas, doubled
quotes and line breaks; a quote inside a field not quoted is kept as it is.
A field is cleaned as a tab-separated cell is
(:func:`jixiao.io._grid_text.clean_cell`); a line break in a quoted field is
a line of the cell (``\r\n`` there read as ``\n``). Field *k* (1-based,
empty fields counted) prints as ``file:line:k``, *line* the first line of
its record. The grid is one block (a sheet) and has no pages; rows padded
with empty fields print what they print. A first line ``sep=;`` (as Excel
reads it) names the separator, and is no record; without it the separator
is the comma.

Refused: a quoted field never closed (the rest of the file would be one
cell), a carriage return alone in a field not quoted, a field over the
:mod:`csv` module's field size limit, more than 2,000,000 separators, a
``sep=`` line naming a quote or a line end, and a file with tabs, no comma
and no ``sep=`` line (tab-separated text: the error says to name it
``.tsv``; which separator is meant is never guessed).
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterator

from jixiao.errors import ReadError
from jixiao.io._grid_base import MAX_CELLS, MAX_LINE_CELLS, REST_OF_LINE, Collector
from jixiao.io._grid_text import Fields, field_lines
from jixiao.io.grid import Grid, Location, SourceKind

__all__ = ["csv_grid"]

_END = "\x00"
"""Read after the last line: a quoted field left open takes it in (a text read holds no NUL)."""


_DECLARED = re.compile(r"sep=(.)\r?(?:\n|$)")
"""Excel's first line naming the separator (``sep=;``), printed by some exports."""


def csv_grid(text: str, source: str) -> Grid:
    """The grid of comma-separated values (see the module's docstring)."""
    declared = _DECLARED.match(text)
    separator = declared.group(1) if declared else ","
    if _END in separator or separator in '"\r':
        raise ReadError(
            f"sep={separator!r} declares no separator a record can be split on",
            zh=f"sep={separator!r} 不是可用于分隔字段的分隔符",
            source=source,
        )
    if not declared and "," not in text and "\t" in text:
        raise ReadError(
            "tab-separated text, not comma-separated: name it .tsv to read it so",
            zh="这是制表符分隔的文本，不是逗号分隔：请将其扩展名改为 .tsv 再读取",
            source=source,
        )
    if text.count(separator) >= MAX_CELLS:
        raise ReadError(
            f"more than {MAX_CELLS:,} separators {separator!r} (fields); refused",
            zh=f"分隔符 {separator!r}（字段）超过 {MAX_CELLS:,} 个；拒绝读取",
            source=source,
        )
    out = Collector(source)
    field_lines(out, _csv_rows(out, text, source, separator, skip=declared is not None), 1)
    return out.grid(SourceKind.CSV)


def _csv_rows(
    out: Collector, text: str, source: str, separator: str, *, skip: bool
) -> Iterator[Fields]:
    pieces = text.split("\n")
    lines = itertools.chain((piece + "\n" for piece in pieces[skip:]), (_END,))
    reader = csv.reader(lines, dialect="excel", delimiter=separator, strict=False)
    first = 1 + skip  # the line the next record starts on (the sep= line is not one)
    returns = "\r" in text
    try:
        for fields in reader:
            where = Location(source, first)
            start, first = first, reader.line_num + 1 + skip
            if fields == [_END]:
                break
            if fields and _END in fields[-1]:
                raise ReadError(
                    f"a quoted field of the record from line {start} is not closed "
                    "(the rest of the file would be one cell)",
                    zh=f"从第 {start} 行开始的记录中有带引号的字段没有结束引号（文件其余部分将成为一个单元格）",
                    source=source,
                )
            if len(fields) > MAX_LINE_CELLS:
                rest = [field for field in fields[MAX_LINE_CELLS - 1 :] if field.strip()]
                if len(rest) > 1:
                    out.note(where, REST_OF_LINE)
                fields[MAX_LINE_CELLS - 1 :] = [" ".join(rest)]
            if returns:
                fields = [field.replace("\r\n", "\n") for field in fields]
            yield where, None, fields, None
    except csv.Error as error:
        said, zh = str(error), str(error)
        if "new-line character" in said:  # a lone "\r"
            said, zh = (
                "a carriage return inside a field not quoted",
                "未加引号的字段中有单独的回车符",
            )
        elif "field limit" in said:
            limit = csv.field_size_limit()
            said = f"a field of more than {limit:,} characters (a quote not closed?)"
            zh = f"字段超过 {limit:,} 个字符（引号未闭合？）"
        raise ReadError(
            f"not readable as CSV: the record from line {first}: {said}",
            zh=f"无法按 CSV 读取：从第 {first} 行开始的记录：{zh}",
            source=source,
        ) from None
