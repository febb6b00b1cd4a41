"""WordprocessingML, the XML of a Word document: its tags, and the text of its
elements as Word shows it (private; the reader is :mod:`jixiao.io._grid_docx`).

Tags are matched with their namespace, in Word's usual form, in the Strict
one and in Word 2003's XML document (:data:`WORDML_2003`). The text of a
paragraph or a cell: its runs' text, a line break (``w:br``, ``w:cr``) a
newline, a tab what the caller says, a non-breaking hyphen ``-``, a
paragraph of its own (a cell's, a text box's) a new line.
Deleted text of tracked changes (``w:del``, ``w:moveFrom``), field codes and
the fallback copy of drawings (``mc:Fallback``) are not text. A symbol
(``w:sym``) is its character: from the Symbol font one of
:data:`SYMBOL_FONT`; another symbol of that font, or one of a font that
places its own glyphs (Wingdings …), is noted and shown as U+FFFD (�), so
that the text reads as incomplete, never as a text without it ("≥95%" with
its ≥ lost would read as "95%"). A table met
inside the element (one in a text box; the reader takes a cell's tables as
tables of their own) gives its text to it: its rows one a line, cells
separated by a space.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from xml.etree.ElementTree import Element

from jixiao.io._ooxml import local
from jixiao.io.grid import Location

__all__ = [
    "BODY",
    "SYMBOL_FONT",
    "TBL",
    "TC",
    "TCPR",
    "TR",
    "TRPR",
    "WORDML_2003",
    "Note",
    "P",
    "attribute",
    "children",
    "element_text",
    "number",
    "property_of",
    "tags",
]

WORDML_2003 = "http://schemas.microsoft.com/office/word/2003/wordml"
"""The namespace of Word 2003's XML document (WordprocessingML 2003), which
names its elements as a .docx does (but ``vmerge``, ``hmerge``)."""
_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # the Strict form
    WORDML_2003,
)
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

Note = Callable[[Location, str], None]
"""Where a source notes what it could not read (``Collector.note``)."""


def tags(*names: str) -> frozenset[str]:
    """The full tags of WordprocessingML elements named *names*."""
    return frozenset(f"{{{ns}}}{name}" for ns in _NAMESPACES for name in names)


BODY = tags("body")
P, TBL, TR, TC = tags("p"), tags("tbl"), tags("tr"), tags("tc")
TCPR, TRPR = tags("tcPr"), tags("trPr")
_WRAPPERS = tags("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag")
_TEXT = tags("t")
_BREAKS = tags("br", "cr")
_TABS = tags("tab", "ptab")
_SYM = tags("sym")
_HYPHEN = tags("noBreakHyphen")
_NOT_TEXT = tags("del", "moveFrom", "instrText", "delInstrText", "tcPr", "trPr", "pPr", "rPr")
_NOT_TEXT |= {f"{{{_MC}}}Fallback"}
_PAGE_BREAKS = ("page", "column")
_BLANKS = " \xa0\u3000\r"
"""What is stripped around each line of a text (not the tab that cuts a paragraph)."""

SYMBOL_FONT = {
    0x3C: "<", 0x3D: "=", 0x3E: ">", 0xA3: "≤", 0xB3: "≥", 0xB1: "±", 0xB4: "×",
    0xB8: "÷", 0xB0: "°", 0xB9: "≠", 0xBB: "≈", 0xD6: "√", 0xB7: "•", 0x25: "%",
}  # fmt: skip
"""The characters of the Symbol font a table prints, by their code there (a
``w:sym`` names F000 plus the code)."""


def attribute(element: Element, name: str) -> str | None:
    """The attribute *name* of *element*, whatever its namespace."""
    for key, value in element.attrib.items():
        if local(key) == name:
            return value
    return None


def property_of(element: Element, group: frozenset[str], *names: str) -> Element | None:
    """The property of *element* named one of *names* (``w:tcPr/w:gridSpan`` …), if any."""
    for child in element:
        if child.tag in group:
            for item in child:
                if local(item.tag) in names:
                    return item
    return None


def number(element: Element | None, default: int) -> int:
    """The ``val`` of a property, when it is a whole number of at most nine digits."""
    value = attribute(element, "val") if element is not None else None
    if value is None or not (value.isascii() and value.isdigit()) or len(value) > 9:
        return default
    return int(value)


def children(element: Element, wanted: frozenset[str]) -> Iterator[Element]:
    """The children of *element* in *wanted*, through content controls and
    tracked insertions (not through deletions)."""
    for child in element:
        if child.tag in wanted:
            yield child
        elif child.tag in _WRAPPERS:
            yield from children(child, wanted)


def _symbol(element: Element, where: Location, note: Note) -> str:
    code = attribute(element, "char") or ""
    font = attribute(element, "font") or ""
    try:
        value = int(code, 16)
    except ValueError:
        value = -1
    if font.lower() == "symbol":  # its characters at F000 + code (or at the code)
        mapped = SYMBOL_FONT.get(value - 0xF000 if value >= 0xF000 else value)
        if mapped is not None:
            return mapped
    elif 0x20 <= value < 0xF000 and value not in range(0xD800, 0xE000):
        return chr(value)
    note(where, f"a symbol of the font {font[:40]!r} ({code[:8]}) not read; shown as \ufffd")
    return "\ufffd"  # the cell reads as what it is: incomplete (a target so printed is unparsed)


def element_text(element: Element, where: Location, tab: str, note: Note) -> str:
    """The text of a paragraph or of a cell (see the module's docstring), its
    lines stripped and joined by newlines, a tab printed as *tab*."""
    parts: list[str] = []
    stack: list[Element] = list(reversed(element))
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag in _TEXT:
            parts.append(node.text or "")
        elif tag in _BREAKS:
            if attribute(node, "type") not in _PAGE_BREAKS:
                parts.append("\n")
        elif tag in _TABS:
            parts.append(tab)
        elif tag in _HYPHEN:
            parts.append("-")
        elif tag in _SYM:
            parts.append(_symbol(node, where, note))
        elif tag in _NOT_TEXT or not isinstance(tag, str):
            continue
        elif tag in TBL:
            parts.append("\n" + _nested(node, where, note) + "\n")
        else:
            if tag in P and parts:
                parts.append("\n")  # a paragraph of a text box, or of a cell
            stack.extend(reversed(node))
    lines = (line.strip(_BLANKS) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _nested(table: Element, where: Location, note: Note) -> str:
    """A table inside a text: its rows one a line, cells separated by a space."""
    rows = []
    for row in children(table, TR):
        texts = (element_text(cell, where, " ", note) for cell in children(row, TC))
        rows.append(" ".join(" ".join(t.split("\n")) for t in texts if t))
    return "\n".join(row for row in rows if row)
