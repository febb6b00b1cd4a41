"""Sphinx configuration of the jixiao documentation.

Build from the repository root (warnings are errors, references must resolve):

    python -m sphinx -n -W --keep-going -b html docs docs/_build/html
    python -m sphinx -n -W --keep-going -b doctest docs docs/_build/doctest

The rule reference, the input-form tables, the CLI reference and the list of
interpretations are written from the package's data by ``_ext/jixiao_reference.py``
at every build, into ``reference/generated/`` (not kept in git).
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))

import jixiao  # noqa: E402  (installed, editable)

# -- project -------------------------------------------------------------------

project = "jixiao 绩效"
author = "jixiao developers"
copyright = "jixiao developers"
release = jixiao.__version__
version = ".".join(release.split(".")[:2])

# Chinese first, English alongside: the interface strings are Chinese.
language = "zh_CN"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "jixiao_reference",  # generated rule reference, input forms, CLI, checks
    "jixiao_xref",  # resolves jixiao's short and re-exported names
    "jixiao_autodoc",  # re-exported variables' docs; prose first lines kept from napoleon
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = [
    "_build",
    "_ext",
    ".gitignore",
    # Fragments written by the extension and pulled into pages by {include}.
    "reference/generated/fragments/**",
    # Example input files the guides read (a Markdown table is data, not a page).
    "guides/data/**",
]

# -- MyST ----------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "substitution", "fieldlist"]
myst_substitutions = {"release": release}

# -- autodoc / napoleon ----------------------------------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
autodoc_default_options = {"members": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_attr_annotations = True

# -- nitpicky: names outside jixiao that have no target without intersphinx ---------
# Only standard-library names are ignored here (there is no network, so no
# intersphinx inventory for docs.python.org). Every jixiao name must resolve;
# see _ext/jixiao_xref.py for how re-exported and short names are resolved.

_STDLIB_MODULES = r"argparse|collections|collections\.abc|datetime|decimal|enum|pathlib|typing"
nitpick_ignore_regex = [
    # qualified: decimal.Decimal, collections.abc.Mapping, argparse.ArgumentParser, …
    (r"py:.*", rf"(?:{_STDLIB_MODULES})\..+"),
    # the same names unqualified, as napoleon writes them from annotations ("Decimal")
    (r"py:.*", r"Decimal|Mapping|Sequence|Iterator|Callable|Any|Path"),
    # the web service's application type, from the optional extra (no inventory either)
    (r"py:class", r"Starlette|starlette\..+"),
]

# -- doctest ---------------------------------------------------------------------
# Examples run from the repository root, so that "examples/…" paths work as in
# the README; they are deterministic (no dates, no randomness).

doctest_global_setup = f"""
import os
os.chdir({str(ROOT)!r})
"""
import doctest  # noqa: E402

# Exact output (no ellipsis, exception messages compared in full); a block that
# needs more asks for it with a "# doctest: +…" directive.
doctest_default_flags = doctest.DONT_ACCEPT_TRUE_FOR_1
# Only the documentation's own {doctest} blocks run here. The examples inside
# docstrings (rendered by autodoc) use their module's names and are run, with
# those names, by `pytest --doctest-modules src/jixiao` (see .ci/run).
doctest_test_doctest_blocks = ""

# -- HTML ------------------------------------------------------------------------

html_theme = "furo"
html_title = f"jixiao 绩效 {release}"
html_static_path: list[str] = []
html_show_sourcelink = False


# jieba segments Chinese text for the search index; keep its start-up chatter quiet.
try:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
except ImportError:  # pragma: no cover - search then indexes without segmentation
    pass
