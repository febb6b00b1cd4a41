"""MHTML source of a grid: a web page saved as one file (``.mht``, ``.mhtml``) (private).

A page saved "as a single file" — by a browser (Internet Explorer's web
archive, Chrome's and Edge's MHTML) or by Word and WPS (单个文件网页) — is a
MIME message (RFC 2557) whose parts are the page and what it shows: style
sheets, images, frames. The page is its root part: the part the ``start``
parameter of its ``multipart/related`` type names, else its first part (the
first HTML part within it, when that part is itself multipart); a message
that is not multipart is the page itself. The page's body is decoded from its
transfer encoding (quoted-printable, base64, 7bit, 8bit, binary) and read as a
saved HTML page is (:mod:`jixiao.io._grid_html`): its tables by table, row
and column (``page.mht:t1:2:3``), the text around them by its line in the
page as decoded (``page.mht:12``). Its charset is the one its part's
``Content-Type`` declares (as a browser reads it: GB2312 as GB18030), over
the page's ``<meta>``; an encoding the user names wins over both, and a
byte-order mark over everything.

The other HTML parts (a page's frames; the header and footer pages Word
saves beside a document) are not read: the grid notes how many there are.

Bounds: the file's size (as for HTML), at most :data:`MAX_PART_LINES` lines
that may open a part (``--`` at the start of a line), counted before the
message is parsed.
"""

from __future__ import annotations

import base64
import binascii
from email.message import Message
from email.parser import BytesParser
from email.utils import collapse_rfc2231_value

from jixiao.errors import ReadError
from jixiao.io._grid_html import charset_label, decode_html

__all__ = ["MAX_PART_LINES", "archived_page"]

MAX_PART_LINES = 10_000
"""The most lines starting with ``--`` (each may open a MIME part) a file may hold;
a page saved with its images and style sheets holds some tens."""

_PAGES = frozenset({"text/html", "application/xhtml+xml"})
_TRANSFER = frozenset({"7bit", "8bit", "binary", "quoted-printable", "base64"})


def _root(message: Message, source: str) -> Message:
    """The page of *message* (see the module's docstring)."""
    if message.get_content_maintype() != "multipart":
        return message
    payload = message.get_payload() if message.is_multipart() else []
    parts = [part for part in payload if isinstance(part, Message)]
    if not parts:
        raise ReadError(
            "a web archive (.mht) with no parts: not a saved page",
            zh="没有任何部分的网页存档（.mht）：不是保存的网页",
            source=source,
        )
    start = message.get_param("start")
    wanted = collapse_rfc2231_value(start).strip("<> ") if start else ""
    if wanted:
        named = [p for p in parts if str(p.get("Content-ID", "")).strip("<> ") == wanted]
        if not named:
            raise ReadError(
                f"the web archive's main part <{wanted[:80]}> is not in it",
                zh=f"网页存档所指的主体部分 <{wanted[:80]}> 不在其中",
                source=source,
            )
        root = named[0]
    else:
        root = parts[0]
    if root.is_multipart():  # multipart/alternative: its HTML part
        pages = [
            p for p in root.walk() if isinstance(p, Message) and p.get_content_type() in _PAGES
        ]
        root = pages[0] if pages else root
    return root


def _body(part: Message, source: str) -> bytes:
    """The body of *part*, decoded from its transfer encoding."""
    transfer = str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    if transfer not in _TRANSFER:
        raise ReadError(
            f"the web archive's page is in an unknown transfer encoding {transfer[:40]!r}",
            zh=f"网页存档中网页的传输编码未知：{transfer[:40]!r}",
            source=source,
        )
    damaged = ReadError(
        f"the web archive's page is damaged (its {transfer} does not decode)",
        zh=f"网页存档中的网页已损坏（其 {transfer} 编码无法解码）",
        source=source,
    )
    if transfer == "base64":
        written = part.get_payload()
        try:
            return base64.b64decode("".join(str(written).split()), validate=True)
        except (binascii.Error, ValueError):
            raise damaged from None
    body = part.get_payload(decode=True)  # quoted-printable decoded, others as they are
    if not isinstance(body, bytes):  # pragma: no cover - a part that is no leaf
        raise damaged
    return body


def archived_page(data: bytes, source: str, encoding: str | None = None) -> tuple[str, list[str]]:
    """The page a web archive's bytes *data* hold, as text, and the notes on
    reading it (see the module's docstring); *encoding* as the user names it
    (a codec's name), else ``None``.

    Raises:
        ReadError: not a MIME message of a page, too many parts, a part named
            as its page that is not in it, a page in an unknown transfer
            encoding, damaged or undecodable.
    """
    lines = data.count(b"\n--") + data.startswith(b"--")
    if lines > MAX_PART_LINES:
        raise ReadError(
            f"a web archive of over {MAX_PART_LINES:,} parts; refused",
            zh=f"网页存档的部分超过 {MAX_PART_LINES:,} 个；拒绝读取",
            source=source,
        )
    message = BytesParser().parsebytes(data)
    if message.get("Content-Type") is None:
        raise ReadError(
            "not a web archive (.mht): no MIME header naming its content (a page saved as "
            "HTML is read under the name .html)",
            zh="不是网页存档（.mht）：没有说明其内容的 MIME 头（以 HTML 保存的网页请以 .html 为后缀读取）",
            source=source,
        )
    root = _root(message, source)
    kind = root.get_content_type()
    if kind not in _PAGES:
        raise ReadError(
            f"the web archive's main part is {kind[:60]}, not a web page",
            zh=f"网页存档的主体部分是 {kind[:60]}，不是网页",
            source=source,
        )
    notes: list[str] = []
    declared = root.get_content_charset()
    if encoding is None and declared:
        encoding = charset_label(declared)
        if encoding is None:
            notes.append(f"unknown charset {declared[:40]!r} declared in the archive; not used")
    text, note = decode_html(_body(root, source), source, encoding)
    if note:
        notes.append(note)
    others = sum(
        1
        for part in message.walk()
        if part is not root and not part.is_multipart() and part.get_content_type() in _PAGES
    )
    if others:
        notes.append(
            f"the archive holds {others} more web page{'s' if others > 1 else ''} "
            "(frames, or a document's header and footer): not read"
        )
    return text, notes
