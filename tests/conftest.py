"""Shared test configuration: the Hypothesis profile and a few fixtures.

The "ci" profile keeps the whole suite fast on a small machine: a modest
number of examples and no deadline (timings on a loaded 2-core runner vary).
Select another with ``HYPOTHESIS_PROFILE=thorough``.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings

IN_CI = os.environ.get("CI", "").lower() == "true"
"""Whether the tests run in CI (``.ci/run`` sets ``CI=true``)."""

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
if IN_CI:  # the same examples every run (from each test's name), so that a run
    # is red for the code, never for a new draw; elsewhere new ones every run
    settings.register_profile(
        "ci", parent=settings.get_profile("ci"), derandomize=True, database=None
    )
settings.register_profile("thorough", max_examples=1_000, deadline=None)
# While developing: the first failure as found, without the (slow) shrinking.
settings.register_profile(
    "dev", parent=settings.get_profile("ci"), phases=[Phase.explicit, Phase.generate]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
"""The repository's root (tests run against the installed package, but the
example input files live in the repository)."""

SEEDS = ROOT.parent / "shared" / "seeds"
"""The published documents beside the repository (``../shared/seeds``)."""


def require_seeds() -> Path:
    """The seeds folder; a test that needs it skips on a developer's machine
    without it, and **fails** in CI (``CI=true``), where it must be there."""
    if not (SEEDS / "000_7cd2ef88782e39ca.txt").is_file():
        message = f"the seed documents are not in {SEEDS}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return SEEDS


@pytest.fixture
def seed_file() -> Path:
    """The bundled department input file of seed 003 (97.11, 优)."""
    return ROOT / "examples" / "luohu-2023-department.toml"


def require_module(name: str) -> Any:
    """The optional module *name* (an extra: openpyxl, pdfplumber, reportlab…);
    a test that needs it skips where it is not installed, and **fails** in CI
    (``CI=true``), which installs every extra."""
    if IN_CI:
        return importlib.import_module(name)
    return pytest.importorskip(name)


@contextmanager
def without_tracer() -> Iterator[None]:
    """Runs the body with no trace function, and puts back the one there was
    (coverage's tracer, where README's test command measures coverage)."""
    tracer = sys.gettrace()
    sys.settrace(None)
    try:
        yield
    finally:
        sys.settrace(tracer)


@pytest.fixture
def untraced() -> Iterator[None]:
    """Runs the test :func:`without_tracer`: for the long generated properties,
    which traced take about twice as long, and whose code the rest of the suite
    covers. (pytest-cov's ``no_cover`` marker fails under ``--no-cov``, and
    stops only one of the two coverage instances an xdist worker starts.)"""
    with without_tracer():
        yield


def pytest_configure(config: pytest.Config) -> None:
    """Generated inputs often include the odd values a source allows (a spending
    progress that falls): scored with a PlausibilityWarning, which the tests of
    plausibility check with pytest.warns; elsewhere it is noise. (Added here, not
    in pyproject.toml, whose filter would import jixiao before coverage starts.)"""
    config.addinivalue_line("filterwarnings", "ignore::jixiao.errors.PlausibilityWarning")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The long fuzzing profile (``@pytest.mark.fuzz``) runs only when
    ``FUZZ_MINUTES`` gives it a budget; otherwise its tests are deselected (and
    reported as such), never skipped."""
    if os.environ.get("FUZZ_MINUTES"):
        return
    long = [item for item in items if item.get_closest_marker("fuzz") is not None]
    if long:
        items[:] = [item for item in items if item.get_closest_marker("fuzz") is None]
        config.hook.pytest_deselected(items=long)
