"""Reading project tables from text: extracted from PDFs (tab-separated or laid out
with spaces), or in memory.

:func:`read_text` and :func:`read_text_file` are the text doors onto the one
layout recogniser (:mod:`jixiao.io.recognise`): the text becomes a grid of
located cells (:mod:`jixiao.io.sources`: a text with a tab anywhere is read as
tab-separated cells, one printed row a line; otherwise as cells laid out with
spaces, as ``pdftotext -layout`` writes them), and the tables are read from the
grid by their landmarks. Nothing is dropped silently: every non-blank line that
is not part of a table is returned in :attr:`ReadResult.unplaced` with its
location, the reason and its kind.

A text without any table is not an error: the result has no table and every
non-blank line in ``unplaced``.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.io.recognise import recognise
from jixiao.io.result import ReadResult
from jixiao.io.sources import MAX_BYTES, MAX_LINES, read_grid, text_grid

__all__ = ["MAX_BYTES", "MAX_LINES", "read_text", "read_text_file"]


def read_text_file(path: str | Path) -> ReadResult:
    """Read every project table in a UTF-8 text file (a byte-order mark is tolerated).

    Args:
        path: the ``.txt`` (or ``.tsv``) file.

    Returns:
        The tables in file order and every line that could not be placed.

    Raises:
        ReadError: the file is missing, not a regular file, larger than
            ``MAX_BYTES``, binary (NUL bytes) or not UTF-8; the error names
            the file.
    """
    return recognise(read_grid(path))


def read_text(text: str, source: str = "<text>") -> ReadResult:
    """Read every project table in text already in memory.

    Args:
        text: the text (tab-separated cells, or cells laid out with spaces).
        source: the file the text came from, used in locations and messages.

    Returns:
        The tables in order (each with ``source`` such as ``"x.txt, table 3 of 7"``,
        ``remarks`` saying what was repaired and the ``locations`` of its values)
        and the lines not placed.

    Raises:
        ReadError: the text holds NUL characters (binary data), is larger than
            ``MAX_BYTES`` or has more than ``MAX_LINES`` lines.
    """
    return recognise(text_grid(text, source))
