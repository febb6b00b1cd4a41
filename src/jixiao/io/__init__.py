"""Reading and writing the tables people actually have.

:func:`read_tables` reads any supported file into project tables and reports
everything it could not place; nothing is dropped silently.

==========  ==============================================================
form        reader / writer
==========  ==============================================================
``.toml``   the library's own form (:mod:`jixiao.project.file`), both ways
``.json``   the same form as JSON, both ways
``.txt``    text extracted from published PDFs (:mod:`jixiao.io.text`)
``.xlsx``   the finance bureau's Excel template (:mod:`jixiao.io.xlsx`,
            ``pip install 'jixiao[xlsx]'``)
==========  ==============================================================
"""

from __future__ import annotations

from pathlib import Path

from jixiao.errors import ReadError
from jixiao.io.result import ReadResult, Unplaced

__all__ = ["ReadResult", "Unplaced", "read_tables"]

SUFFIXES = (".toml", ".json", ".txt", ".xlsx")


def read_tables(path: str | Path) -> ReadResult:
    """Read every project table in *path* (by its suffix), with what could not be placed.

    Raises:
        ReadError: the file is missing, unreadable, of an unknown form, or hostile.
    """
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix in (".toml", ".json"):
        from jixiao.project.file import load_table

        return ReadResult(str(path), (load_table(file),), ())
    if suffix == ".txt":
        from jixiao.io.text import read_text_file

        return read_text_file(file)
    if suffix == ".xlsx":
        from jixiao.io.xlsx import read_xlsx

        return read_xlsx(file)
    raise ReadError(f"unknown file form; expected one of {', '.join(SUFFIXES)}", source=str(path))
