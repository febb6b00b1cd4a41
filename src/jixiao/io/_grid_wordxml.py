"""Word's XML documents, one file each (private).

Word saves a document as XML in two forms, and many systems (Java ones that
fill a template) export "Word" in them under the name ``.doc``, which Word
opens: Word 2003's XML document (WordprocessingML 2003, its root
``w:wordDocument``) and the "Word XML Document" of Word 2007 and later (a
flat package, its root ``pkg:package``, every part of a .docx inline). Both
name their elements as a .docx does (Word 2003 but spells ``vmerge`` and
``hmerge``), so their body is read by the .docx reader's walk
(:func:`jixiao.io._grid_docx.body_grid`) with its bounds: its body (in a
flat package, its document part's; the headers and footers, in parts of
their own, are not read, as a .docx's are not). The file may be at most :data:`MAX_BYTES` and may declare no document
type or entity; a root of another element is refused.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from jixiao.errors import ReadError
from jixiao.io._docx_text import WORDML_2003
from jixiao.io._files import too_large
from jixiao.io._grid_base import MAX_BYTES
from jixiao.io._grid_docx import body_grid
from jixiao.io._ooxml import Form, damaged, stream_events
from jixiao.io.grid import Grid

__all__ = ["FLAT_PACKAGE", "WORD_XML", "word_xml_grid"]

FLAT_PACKAGE = "http://schemas.microsoft.com/office/2006/xmlPackage"
"""The namespace of a flat package (Word 2007 and later's "Word XML Document")."""
WORD_XML = Form("a Word XML document", "Word XML 文档", "")
_ROOTS = frozenset({f"{{{WORDML_2003}}}wordDocument", f"{{{FLAT_PACKAGE}}}package"})


def word_xml_grid(data: bytes, source: str) -> Grid:
    """The grid of Word's XML document *data* (see the module's docstring).

    Raises:
        ReadError: more than :data:`MAX_BYTES`, a document type or an entity
            declared, not well-formed XML, a root other than
            ``w:wordDocument`` or ``pkg:package``, or the document over the
            bounds of a .docx.
    """
    if len(data) > MAX_BYTES:
        raise too_large(MAX_BYTES, source)
    with damaged(source, WORD_XML):
        events = stream_events(io.BytesIO(data), "the document", "文档", source)
        return body_grid(_rooted(events, source), source)


def _rooted(events: Iterator[tuple[str, Element]], source: str) -> Iterator[tuple[str, Element]]:
    """*events*, once the first is the start of one of Word's XML documents."""
    for n, (event, element) in enumerate(events):
        if n == 0 and element.tag not in _ROOTS:
            raise ReadError(
                f"not {WORD_XML.en}: its root element is neither w:wordDocument (Word 2003) "
                "nor pkg:package (a flat package)",
                zh=f"不是{WORD_XML.zh}：根元素既不是 w:wordDocument（Word 2003），也不是 pkg:package（平面包）",
                source=source,
            )
        yield event, element
