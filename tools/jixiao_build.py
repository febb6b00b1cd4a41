"""jixiao's build backend: setuptools', asking for mypy when the compiled build is asked for.

``pip install .`` builds jixiao with setuptools, as declared in
``pyproject.toml``; this module passes every hook through. With
``JIXIAO_COMPILE=1`` in the environment (the compiled build, ``setup.py``),
building a wheel needs mypy, whose mypyc compiles the modules ``setup.py``
names, so pip is asked to install it in the build environment; and an
editable install is refused. Without the variable nothing changes.
"""

from __future__ import annotations

import os
import tomllib

from setuptools import build_meta
from setuptools.build_meta import (
    build_sdist,
    build_wheel,
    get_requires_for_build_sdist,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)

__all__ = [
    "build_editable",
    "build_sdist",
    "build_wheel",
    "compile_requested",
    "get_requires_for_build_editable",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "prepare_metadata_for_build_wheel",
]

COMPILE = "JIXIAO_COMPILE"
"""The environment variable that asks for the compiled build: ``1``; ``0`` or
unset for pure Python."""

COMPILER = ("mypy>=1.15", "types-python-dateutil")
"""What the compiled build needs besides setuptools and the package's own
dependencies: mypyc ships with mypy, which reads the types of everything the
compiled modules import."""


def compile_requested() -> bool:
    """Whether the environment asks for the compiled build (any other value is refused)."""
    value = os.environ.get(COMPILE, "").strip()
    if value not in ("", "0", "1"):
        raise SystemExit(f"{COMPILE} must be 1 (compiled build) or 0 (pure Python), not {value!r}")
    return value == "1"


def get_requires_for_build_wheel(config_settings: dict[str, str] | None = None) -> list[str]:
    """setuptools' requirements; mypy for the compiled build.

    setuptools finds its requirements by running ``setup.py``, which for the
    compiled build needs mypyc already: so for that build what is asked for
    is mypy with what it reads (the package's dependencies, as
    ``pyproject.toml`` declares them, and their types); ``setup.py`` declares
    no other requirement.
    """
    if compile_requested():
        with open("pyproject.toml", "rb") as file:
            dependencies: list[str] = tomllib.load(file)["project"]["dependencies"]
        return [*dependencies, *COMPILER]
    needed: list[str] = build_meta.get_requires_for_build_wheel(config_settings)
    return needed


def _editable() -> None:
    """Refuse the compiled build in an editable install: its extensions would
    stand beside the sources they were compiled from, and hide every later
    change to them."""
    if compile_requested():
        raise SystemExit(
            f"{COMPILE}=1: the compiled build is for `pip install .`, not an editable install"
        )


def get_requires_for_build_editable(config_settings: dict[str, str] | None = None) -> list[str]:
    """setuptools' requirements for an editable install (pure Python only)."""
    _editable()
    needed: list[str] = build_meta.get_requires_for_build_editable(config_settings)
    return needed


def build_editable(
    wheel_directory: str,
    config_settings: dict[str, str] | None = None,
    metadata_directory: str | None = None,
) -> str:
    """setuptools' editable build (pure Python only)."""
    _editable()
    built: str = build_meta.build_editable(wheel_directory, config_settings, metadata_directory)
    return built
