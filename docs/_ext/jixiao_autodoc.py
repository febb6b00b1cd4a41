"""Sphinx extension: two adjustments of autodoc's output for jixiao's docstrings.

1. A module-level variable re-exported by a package (``jixiao.rules.RULES``,
   defined in the private ``jixiao.rules._registry``) gets the documentation
   written after it where it is defined. autodoc looks for that documentation
   only in the module being documented, and would otherwise show the docstring
   of the value's type (``dict``, ``tuple``).
2. napoleon reads ``text: more text`` on the first line of a variable's, an
   attribute's or a property's docstring as ``type: description``. jixiao
   gives types by annotation and writes prose there (``A checklist's
   verdicts: True …``), so such a first line is kept as prose.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import PycodeError
from sphinx.pycode import ModuleAnalyzer


def reexported_data_doc(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Use the defining module's documentation of a re-exported variable (1)."""
    if what != "data" or not name.startswith("jixiao."):
        return
    modname, _, attr = name.rpartition(".")
    if _attr_doc(modname, attr) is not None:
        return  # documented where it is: autodoc already used it
    for other in sorted(sys.modules):
        module = sys.modules[other]
        if other == modname or not other.startswith("jixiao.") or module is None:
            continue
        if getattr(module, attr, None) is obj and _attr_doc(other, attr) is not None:
            lines[:] = list(_attr_doc(other, attr) or [])
            return


def _attr_doc(modname: str, attr: str) -> list[str] | None:
    try:
        analyzer = ModuleAnalyzer.for_module(modname)
        analyzer.find_attr_docs()
    except PycodeError:
        return None
    return analyzer.attr_docs.get(("", attr))


_SINGLE_COLON = re.compile(r"(?<!:):(?!:)")


def prose_first_line(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Keep a variable's first docstring line as prose (2): napoleon takes the
    type from the first line, so the docstring starts with an empty reST
    comment (``..`` and a blank line), which renders as nothing."""
    if what not in {"data", "attribute", "property"} or not name.startswith("jixiao."):
        return
    if lines and lines[0].strip() and _SINGLE_COLON.search(lines[0]):
        lines[:0] = ["..", ""]


def setup(app: Sphinx) -> dict[str, Any]:
    # Both run before napoleon (priority 500), which then reads the result.
    app.connect("autodoc-process-docstring", reexported_data_doc, priority=400)
    app.connect("autodoc-process-docstring", prose_first_line, priority=450)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
