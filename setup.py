"""The optional compiled build of jixiao.

Everything about the package is declared in ``pyproject.toml``. This script
adds one thing, and only when asked: with ``JIXIAO_COMPILE=1`` in the
environment, ``pip install .`` compiles the private modules that read and
audit project tables (:data:`COMPILED`) to C extensions with mypyc, from the
same source. Nothing else changes: the public functions stay Python (they
check their arguments and raise the library's own errors), the results are
the same, and without the variable the package is pure Python.

The build tool (mypy, whose mypyc does the compiling, and a C compiler) is
needed only for the compiled build: the build backend,
``tools/jixiao_build.py``, reads the variable and asks for mypy when it is set.
"""

from __future__ import annotations

from jixiao_build import compile_requested  # tools/, on the path of the build backend
from setuptools import Extension, setup

COMPILED = (
    "jixiao/_evaluator.py",
    "jixiao/_number_bounds.py",
    "jixiao/_number_text.py",
    "jixiao/io/_columns.py",
    "jixiao/io/_form_words.py",
    "jixiao/io/_furniture.py",
    "jixiao/io/_grid_base.py",
    "jixiao/io/_grid_text.py",
    "jixiao/io/_indicator_rows.py",
    "jixiao/io/_indicator_tree.py",
    "jixiao/io/_landmarks.py",
    "jixiao/io/_rejected.py",
    "jixiao/io/_shifted_rows.py",
    "jixiao/io/_table_indicators.py",
    "jixiao/io/_table_reader.py",
    "jixiao/io/_table_top.py",
    "jixiao/io/_vocab.py",
    "jixiao/io/_wraps.py",
    "jixiao/project/_checks.py",
    "jixiao/project/_funds_checks.py",
    "jixiao/project/_row_checks.py",
)
"""The modules the compiled build compiles (under ``src/``): private ones
only, on the path from a table's text to its audit."""


def extensions() -> list[Extension]:
    """The C extensions of the compiled build (none unless it is asked for)."""
    if not compile_requested():
        return []
    from mypyc.build import mypycify  # the build tool, present only for this build

    return mypycify([f"src/{path}" for path in COMPILED], opt_level="3")


if __name__ == "__main__":
    setup(ext_modules=extensions())
