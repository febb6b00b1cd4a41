"""Office Open XML packages (.xlsx workbooks, .docx documents): what is checked
before any part of one is parsed, and how its parts are found (private).

:func:`package` opens the file as a zip only after refusing, with a
:class:`~jixiao.errors.ReadError` naming the file:

* a missing, empty or oversized file (over :data:`MAX_FILE_BYTES`);
* anything that is not a readable zip (random bytes, a truncated file);
* a zip of more than :data:`MAX_MEMBERS` members or more than
  :data:`MAX_UNPACKED_BYTES` declared unpacked (a zip bomb; Python's
  :mod:`zipfile` never unpacks a member past its declared size).

An error reading a member (zlib, CRC, XML, encryption) is refused as a
damaged file where the reading is guarded by :func:`damaged`.
:func:`xml_events` parses a part as it is unpacked and refuses one that
declares a document type or an entity (where entity expansions hide); Office
never writes either.

Parts are found as Office finds them: the main part is the target of the
package's ``officeDocument`` relationship (:func:`main_part`), and a part's
own relationships (:func:`relationships`) name the parts it uses.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, NamedTuple, cast
from xml.etree import ElementTree

from jixiao.errors import ReadError, system_reason

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_MEMBERS",
    "MAX_UNPACKED_BYTES",
    "Form",
    "damaged",
    "local",
    "main_part",
    "package",
    "relationships",
    "stream_events",
    "xml_events",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000


class Form(NamedTuple):
    """How messages name a kind of package, and where its main part usually is."""

    en: str
    """With its article: ``"an .xlsx workbook"``."""
    zh: str
    """``".xlsx 工作簿"``."""
    main: str
    """The main part when no relationship names it: ``"xl/workbook.xml"``."""

    @property
    def bare(self) -> str:
        """Without its article: ``".xlsx workbook"``."""
        return self.en.partition(" ")[2]


XLSX = Form("an .xlsx workbook", ".xlsx 工作簿", "xl/workbook.xml")
DOCX = Form("a .docx document", ".docx 文档", "word/document.xml")


def local(tag: str) -> str:
    """An XML tag or attribute name without its namespace."""
    return tag.rpartition("}")[2]


def _checked_size(file: Path, source: str, form: Form) -> None:
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
            f"empty file; expected {form.en}", zh=f"空文件；应为 {form.zh}", source=source
        )
    if size > MAX_FILE_BYTES:
        raise ReadError(
            f"file too large ({size:,} bytes; at most {MAX_FILE_BYTES:,} are read)",
            zh=f"文件过大（{size:,} 字节；最多读取 {MAX_FILE_BYTES:,} 字节）",
            source=source,
        )


def _checked_members(archive: zipfile.ZipFile, source: str) -> None:
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


@contextmanager
def damaged(source: str, form: Form) -> Iterator[None]:
    """Refuse as a damaged file what reading a member raises (zlib, CRC, XML,
    encryption …), as a :class:`~jixiao.errors.ReadError` naming *source*."""
    try:
        yield
    except ReadError:
        raise
    except zipfile.BadZipFile as error:
        raise ReadError(
            f"not {form.en} (not a readable zip: {error})",
            zh=f"不是 {form.zh}（不是可读的 zip：{error}）",
            source=source,
        ) from None
    except Exception as error:
        raise ReadError(
            f"damaged {form.bare} ({type(error).__name__}: {error})",
            zh=f"损坏的 {form.zh}（{type(error).__name__}: {error}）",
            source=source,
        ) from None


@contextmanager
def package(file: Path, source: str, form: Form) -> Iterator[zipfile.ZipFile]:
    """The package *file*, open, once the checks above let it through.

    What the caller does with it is its own: reading a member is guarded by
    :func:`damaged` (which :func:`xml_events` applies itself).

    Raises:
        ReadError: naming *source*, with the reason.
    """
    _checked_size(file, source, form)
    with damaged(source, form):
        archive = zipfile.ZipFile(file)
    with archive:
        _checked_members(archive, source)
        yield archive


_CHUNK = 1 << 16
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
"""Markup no Office part holds (``<`` in text is written ``&lt;``): a document
type and its entities, where entity expansions hide."""


def xml_events(
    archive: zipfile.ZipFile, member: str, source: str, form: Form, limit: int
) -> Iterator[tuple[str, ElementTree.Element]]:
    """``("start" | "end", element)`` of the XML part *member*, parsed as it
    is unpacked, a chunk at a time (what the caller keeps of the tree is its own).

    Raises:
        ReadError: the part is missing, unpacks to more than *limit* bytes,
            declares a document type or an entity (at any point of it), or is
            damaged (:func:`damaged`: not well-formed XML, a zlib or CRC
            error …); an error of the caller's own is not caught.
    """
    info = archive.NameToInfo.get(member)
    if info is None:
        raise ReadError(f"no part {member}", zh=f"缺少部件 {member}", source=source)
    if info.file_size > limit:
        raise ReadError(
            f"its part {member} unpacks to {info.file_size:,} bytes (over {limit:,}); refused",
            zh=f"部件 {member} 解压后为 {info.file_size:,} 字节（超过 {limit:,}）；拒绝读取",
            source=source,
        )
    with damaged(source, form), archive.open(info) as stream:
        yield from stream_events(stream, f"its part {member}", f"部件 {member}", source)


def stream_events(
    stream: IO[bytes], what: str, what_zh: str, source: str
) -> Iterator[tuple[str, ElementTree.Element]]:
    """``("start" | "end", element)`` of the XML read from *stream* a chunk at
    a time (*what*, *what_zh*: how messages name it, "its part word/document.xml").

    Raises:
        ReadError: the XML declares a document type or an entity (at any point).
        xml.etree.ElementTree.ParseError: not well-formed (the caller's
            :func:`damaged` says so).
    """
    parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(
        events=("start", "end")
    )
    tail = b""
    while chunk := stream.read(_CHUNK):
        seen = tail + chunk
        if any(declaration in seen for declaration in _DECLARATIONS):
            raise ReadError(
                f"{what} declares a document type or an entity; refused",
                zh=f"{what_zh}声明了文档类型或实体；拒绝读取",
                source=source,
            )
        tail = seen[-8:]
        parser.feed(chunk)
        yield from _elements(parser)  # the caller's own errors are not thrown in here
    parser.close()
    yield from _elements(parser)


def _elements(
    parser: ElementTree.XMLPullParser[ElementTree.Element],
) -> Iterator[tuple[str, ElementTree.Element]]:
    """The parser's events: only ``("start" | "end", element)``, the only
    ones it was asked for."""
    return cast("Iterator[tuple[str, ElementTree.Element]]", parser.read_events())


def relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id → (type, target resolved to a member name) of *part*'s relationships
    (``""``: the package's own)."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in archive.NameToInfo:
        return {}
    out: dict[str, tuple[str, str]] = {}
    for element in ElementTree.fromstring(archive.read(rels)):
        if local(element.tag) != "Relationship" or element.get("TargetMode") == "External":
            continue
        target = element.get("Target", "")
        member = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        out[element.get("Id", "")] = (element.get("Type", ""), posixpath.normpath(member))
    return out


def main_part(archive: zipfile.ZipFile, form: Form) -> str:
    """The member the package's ``officeDocument`` relationship names, else
    the form's usual one."""
    office = [
        target
        for kind, target in relationships(archive, "").values()
        if kind.endswith("/officeDocument")
    ]
    return office[0] if office else form.main
