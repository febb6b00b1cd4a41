"""The package's import graph: no circles, and layers that import downward only.

The layers, lowest first (issue 12): numbers and intervals → the rule
specification's data model and its file form → the evaluator → department
and project evaluation → audit and analysis → io and reports → the command
line (and the package's public face). A module may import from its own layer
and those below, never from a layer above; the runtime imports (at module
level or inside functions) may not form a circle; and no module imports a
jixiao module inside a function, except an optional extra's loader.

A module that had to break these rules would be listed in :data:`KNOWN`
with the reason; the list is empty, and the test fails on an entry that no
longer applies, so it stays true.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import jixiao

SRC = Path(jixiao.__file__).parent

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "numbers",
        (
            "jixiao.errors",
            "jixiao._arguments",
            "jixiao.numbers",
            "jixiao._number_bounds",
            "jixiao._number_text",
            "jixiao._printed_number",
            "jixiao._conversion",
            "jixiao.quantities",
            "jixiao.intervals",
            "jixiao._format",
            "jixiao._parser_zh",
            "jixiao._toml",
            "jixiao._safe_write",
            "jixiao._target_patterns",
            "jixiao._target_numbers",
            "jixiao._target_numerals",
            "jixiao._target_cell",
            "jixiao._target_values",
            "jixiao._target_parse",
            "jixiao.targets",
            "jixiao.progress",
            "jixiao._version",
            "jixiao._provenance",
            "jixiao._bars",
        ),
    ),
    ("specification", ("jixiao.spec", "jixiao.primitives", "jixiao.data")),
    (
        "evaluator",
        (
            "jixiao._evaluator",
            "jixiao._explain_score",
            "jixiao.score",
            "jixiao._sensitivity",
            "jixiao._column_values",
            "jixiao._column_readers",
            "jixiao._columns",
            "jixiao._notebook",
        ),
    ),
    (
        "evaluation",
        (
            "jixiao.department",
            "jixiao.framework",
            "jixiao.explain",
            "jixiao.rules",
            "jixiao.project.model",
            "jixiao.project._amounts",
            "jixiao.project.paths",
            "jixiao.project.file",
            "jixiao.project.template",
            "jixiao.project._template_form",
            "jixiao.project.rules",
            "jixiao.project.findings",
            "jixiao.project.report",
            "jixiao.project._notebook",
            "jixiao.project._row_cells",
            "jixiao.project.evaluation",
        ),
    ),
    (
        "audit",
        (
            "jixiao.department.sensitivity",
            "jixiao.project.sensitivity",
            "jixiao.project._checks",
            "jixiao.project.audit_report",
            "jixiao.project.audit_html",
            "jixiao.project._row_checks",
            "jixiao.project.audit",
            "jixiao.project",
            "jixiao.whatif",
            "jixiao.moves",
            "jixiao.sweep",
            "jixiao._sweep_source",
            "jixiao._sweep_result",
            "jixiao._sweep_plot",
            "jixiao._sweep_engine",
        ),
    ),
    ("io", ("jixiao.io", "jixiao.notebook", "jixiao.schemas", "jixiao._openapi")),
    ("service", ("jixiao._service", "jixiao.server")),
    (
        "cli",
        (
            "jixiao.cli",
            "jixiao._cli_language",
            "jixiao._cli_parser",
            "jixiao._cli_lines",
            "jixiao.__main__",
            "jixiao",
        ),
    ),
)
"""Each layer's modules (a name covers its submodules, but for the package
``jixiao`` itself; the longest match decides)."""

OPTIONAL = {
    "openpyxl",
    "pandas",
    "matplotlib",
    "pdfplumber",
    "tqdm",
    "numpy",
    "starlette",
    "uvicorn",
}
"""Optional extras, which may be imported inside the function that needs them."""

KNOWN: dict[tuple[str, str], str] = {}
"""(importer, imported) pairs that import inside a function or from a layer
above, and why (none)."""


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module(p): p for p in sorted(SRC.rglob("*.py"))}


def _layer(module: str) -> int:
    best, found = -1, -1
    for index, (_, names) in enumerate(LAYERS):
        for name in names:
            covers = module == name or (name != "jixiao" and module.startswith(name + "."))
            if covers and len(name) > best:
                best, found = len(name), index
    assert found >= 0, f"{module} is in no layer"
    return found


def _resolve(module: str, node: ast.ImportFrom | ast.Import) -> Iterator[str]:
    """The jixiao modules an import statement names."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module.rsplit(".", node.level)[0] if module in MODULES else module
            base = f"{package}.{base}" if base else package
        names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
    for name in names:
        if name.split(".")[0] == "jixiao":
            while name not in MODULES and "." in name:
                name = name.rsplit(".", 1)[0]
            yield name


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports(module: str) -> Iterator[tuple[str, str]]:
    """(imported module, where: "module" | "function" | "typing") for each import."""
    tree = ast.parse(MODULES[module].read_text("utf-8"))

    def walk(node: ast.AST, where: str) -> Iterator[tuple[str, str]]:
        for child in ast.iter_child_nodes(node):
            if _type_checking(child):
                inner = "typing"
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                inner = "function" if where == "module" else where
            else:
                inner = where
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for name in _resolve(module, child):
                    if name != module:
                        yield name, inner
            yield from walk(child, inner)

    yield from walk(tree, "module")


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        _layer(module)


def test_no_module_imports_from_a_layer_above() -> None:
    wrong = []
    for module in MODULES:
        for imported, _ in imports(module):
            if _layer(imported) > _layer(module) and (module, imported) not in KNOWN:
                wrong.append(
                    f"{module} ({LAYERS[_layer(module)][0]}) imports {imported} "
                    f"({LAYERS[_layer(imported)][0]})"
                )
    assert not wrong, "\n".join(wrong)


def test_no_import_inside_a_function_but_optional_extras() -> None:
    wrong = [
        f"{module} imports {imported} inside a function"
        for module in MODULES
        for imported, where in imports(module)
        if where == "function" and (module, imported) not in KNOWN
    ]
    assert not wrong, "\n".join(wrong)


def test_the_runtime_import_graph_has_no_circle() -> None:
    graph = {
        m: {i for i, where in imports(m) if where != "typing" and (m, i) not in KNOWN}
        for m in MODULES
    }
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not circles, "\n".join(" → ".join(c) for c in circles)


def test_known_exceptions_still_apply() -> None:
    """An exception that no longer applies is removed from :data:`KNOWN`."""
    found = {(m, i) for m in MODULES for i, where in imports(m) if where != "typing"}
    stale = [pair for pair in KNOWN if pair not in found]
    assert not stale, stale


# ``jixiao`` itself is imported by every other; ``__main__`` runs the command line.
@pytest.mark.parametrize("module", sorted(MODULES.keys() - {"jixiao", "jixiao.__main__"}))
def test_every_module_imports_alone_in_a_fresh_interpreter(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(SRC.parent), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
