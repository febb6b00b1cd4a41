"""The web archive form: a page saved as one file (``.mht``), as browsers and Word save it.

The page is the HTML form's (:func:`~tests.layouts.forms_rich.write_html`:
its options, the encoding and the layout table, apply), wrapped in a MIME
message as its archiver writes one (:class:`~tests.layouts.document.Options`):

* ``archiver="blink"`` (Chrome, Edge): ``From: <Saved by Blink>`` and the
  snapshot's headers, ``multipart/related`` of type ``text/html``; the page
  with a ``Content-ID`` and no charset (its ``<meta>`` says it), then a style
  sheet and an image (base64);
* ``archiver="word"`` (Word, WPS: 单个文件网页): a preamble in Chinese, the
  page at a ``file:///`` location, then the document's header page (HTML:
  noted, not read) and its file list (XML).

And: the page's transfer encoding (``transfer``: quoted-printable, base64 or
8bit), its charset declared in its part's ``Content-Type`` or not
(``declared``), and the page named by the ``start`` parameter after a style
sheet instead of first (``start``). Lines end ``\\r\\n``, as both write them.
Locations are the HTML form's: ``file.mht:t1:2:3``.
"""

from __future__ import annotations

import base64
import hashlib
import quopri
from pathlib import Path

from .document import Document, Options
from .forms_rich import write_html

__all__ = ["wrap_page", "write_mht"]

Locations = tuple[dict[str, str], ...]

_PREAMBLE = "此文档为“单个文件网页”，也称为“Web 档案”文件。"
_STYLE = b"table { border-collapse: collapse; }\n"
_IMAGE = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(40))


def write_mht(document: Document, path: Path, locations: Locations) -> None:
    """A web archive (see the module's docstring)."""
    write_html(document, path, locations)
    path.write_bytes(wrap_page(path.read_bytes(), document.options))


def _encoded(body: bytes, transfer: str) -> bytes:
    if transfer == "base64":
        text = base64.b64encode(body)
        return b"\n".join(text[i : i + 76] for i in range(0, len(text), 76))
    if transfer == "quoted-printable":
        return quopri.encodestring(body)
    return body


def _part(headers: list[str], body: bytes) -> bytes:
    return ("\n".join(headers) + "\n\n").encode("ascii") + body + b"\n"


def wrap_page(page: bytes, options: Options) -> bytes:
    """The HTML *page* in a web archive as *options* say."""
    boundary = "----=_NextPart_" + hashlib.sha1(page).hexdigest()[:16]
    charset = f'; charset="{options.encoding}"' if options.declared else ""
    transfer = options.transfer
    body = _encoded(page, transfer)
    if options.archiver == "word":
        head = [
            "MIME-Version: 1.0",
            f'Content-Type: multipart/related; boundary="{boundary}"',
        ]
        preamble = _PREAMBLE.encode(options.encoding)
        page_part = _part(
            [
                "Content-Location: file:///C:/D1/report.htm",
                f"Content-Transfer-Encoding: {transfer}",
                f"Content-Type: text/html{charset}",
            ],
            body,
        )
        others = [
            _part(
                [
                    "Content-Location: file:///C:/D1/report.files/header.htm",
                    "Content-Transfer-Encoding: quoted-printable",
                    'Content-Type: text/html; charset="utf-8"',
                ],
                quopri.encodestring("<html><body><p>页眉</p></body></html>".encode()),
            ),
            _part(
                [
                    "Content-Location: file:///C:/D1/report.files/filelist.xml",
                    "Content-Transfer-Encoding: quoted-printable",
                    'Content-Type: text/xml; charset="utf-8"',
                ],
                b'<xml xmlns:o=3D"urn:schemas-microsoft-com:office:office"></xml>',
            ),
        ]
    else:
        start = '; start="<frame-1@mhtml.blink>"' if options.start else ""
        head = [
            "From: <Saved by Blink>",
            "Snapshot-Content-Location: http://www.example.gov.cn/zwgk/report.html",
            "Subject: =?utf-8?Q?=E7=BB=A9=E6=95=88?=",
            "Date: Sun, 6 Dec 2026 10:00:00 -0000",
            "MIME-Version: 1.0",
            f'Content-Type: multipart/related;\n\ttype="text/html";\n\tboundary="{boundary}"{start}',
        ]
        preamble = b""
        page_part = _part(
            [
                f"Content-Type: text/html{charset}",
                "Content-ID: <frame-1@mhtml.blink>",
                f"Content-Transfer-Encoding: {transfer}",
                "Content-Location: http://www.example.gov.cn/zwgk/report.html",
            ],
            body,
        )
        others = [
            _part(
                [
                    "Content-Type: text/css",
                    "Content-Transfer-Encoding: quoted-printable",
                    "Content-Location: cid:css-1@mhtml.blink",
                ],
                _STYLE,
            ),
            _part(
                [
                    "Content-Type: image/png",
                    "Content-Transfer-Encoding: base64",
                    "Content-Location: http://www.example.gov.cn/logo.png",
                ],
                _IMAGE,
            ),
        ]
    named = options.start and options.archiver == "blink"  # the page after the style sheet
    parts = [*others[:1], page_part, *others[1:]] if named else [page_part, *others]
    mark = b"--" + boundary.encode("ascii")
    out = ("\n".join(head) + "\n\n").encode("ascii") + preamble + b"\n"
    for part in parts:
        out += mark + b"\n" + part
    out += mark + b"--\n"
    return out.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
