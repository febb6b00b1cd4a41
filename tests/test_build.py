"""The optional compiled build (``setup.py`` and its build backend,
``tools/jixiao_build.py``): what it compiles, how it is asked for, and that
a run of the tests is on the build it expects.

``.ci/run`` runs the whole suite on the pure-Python source (with coverage),
then the reader's and the audit's tests again on the compiled build, with
``JIXIAO_EXPECT_COMPILED=1``: :func:`test_the_run_is_on_the_build_it_expects`
fails there if a compiled module was not the one imported.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import os
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def backend(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The build backend, as pip loads it (from ``tools/``, working in the project)."""
    module = _load("jixiao_build", ROOT / "tools" / "jixiao_build.py")
    monkeypatch.setitem(sys.modules, "jixiao_build", module)
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("JIXIAO_COMPILE", raising=False)
    return module


@pytest.fixture
def compiled(backend: ModuleType) -> tuple[str, ...]:
    """``setup.py``'s list of the modules the compiled build compiles."""
    listed: tuple[str, ...] = _load("jixiao_setup", ROOT / "setup.py").COMPILED
    return listed


def _module(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def test_the_compiled_modules_are_private_modules_of_the_package(
    compiled: tuple[str, ...],
) -> None:
    assert compiled, "the compiled build compiles something"
    assert list(compiled) == sorted(set(compiled)), "listed once each, in order"
    for path in compiled:
        assert (ROOT / "src" / path).is_file(), path
        # the public functions stay Python: they check their arguments and
        # raise the library's own errors, where a compiled one raises TypeError
        assert path.rpartition("/")[2].startswith("_"), path


@pytest.mark.parametrize(
    ("value", "asked"), [(None, False), ("", False), ("0", False), ("1", True), (" 1 ", True)]
)
def test_the_compiled_build_is_asked_for_with_1(
    backend: ModuleType, monkeypatch: pytest.MonkeyPatch, value: str | None, asked: bool
) -> None:
    if value is not None:
        monkeypatch.setenv("JIXIAO_COMPILE", value)
    assert backend.compile_requested() is asked


@pytest.mark.parametrize("value", ["yes", "true", "2", "on"])
def test_any_other_value_is_refused_naming_the_variable(
    backend: ModuleType, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("JIXIAO_COMPILE", value)
    with pytest.raises(SystemExit, match=f"JIXIAO_COMPILE must be 1 .* not '{value}'"):
        backend.compile_requested()


def test_the_compiled_build_asks_for_mypy_and_what_it_reads(
    backend: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIXIAO_COMPILE", "1")
    with open(ROOT / "pyproject.toml", "rb") as file:
        dependencies = tomllib.load(file)["project"]["dependencies"]
    needed = backend.get_requires_for_build_wheel()
    assert needed == [*dependencies, "mypy>=1.15", "types-python-dateutil"]


def test_the_pure_build_asks_for_what_setuptools_asks_for(
    backend: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backend.build_meta, "get_requires_for_build_wheel", lambda _: ["x"])
    assert backend.get_requires_for_build_wheel() == ["x"]


def test_an_editable_compiled_build_is_refused(
    backend: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("JIXIAO_COMPILE", "1")
    with pytest.raises(SystemExit, match="not an editable install"):
        backend.get_requires_for_build_editable()
    with pytest.raises(SystemExit, match="not an editable install"):
        backend.build_editable(str(tmp_path))


def test_the_run_is_on_the_build_it_expects(compiled: tuple[str, ...]) -> None:
    """Compiled modules where the run expects the compiled build, their
    sources everywhere else (where coverage measures them)."""
    expect = os.environ.get("JIXIAO_EXPECT_COMPILED", "") == "1"
    for path in compiled:
        loaded = importlib.import_module(_module(path)).__file__ or ""
        extension = loaded.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
        assert extension is expect, loaded
