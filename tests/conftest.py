"""Shared test configuration: the Hypothesis profile and a few fixtures.

The "ci" profile keeps the whole suite fast on a small machine: a modest
number of examples and no deadline (timings on a loaded 2-core runner vary).
Select another with ``HYPOTHESIS_PROFILE=thorough``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=1_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
"""The repository's root (tests run against the installed package, but the
example input files live in the repository)."""


@pytest.fixture
def seed_file() -> Path:
    """The bundled department input file of seed 003 (97.11, 优)."""
    return ROOT / "examples" / "luohu-2023-department.toml"
