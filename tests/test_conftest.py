"""The suite's own fixtures (:mod:`tests.conftest`)."""

from __future__ import annotations

import sys

import coverage
import pytest

from .conftest import without_tracer


@pytest.mark.usefixtures("untraced")
def test_an_untraced_test_runs_without_the_tracer() -> None:
    assert sys.gettrace() is None


def test_a_test_runs_traced_where_coverage_measures() -> None:
    measuring = coverage.Coverage.current()
    assert (sys.gettrace() is not None) is (measuring is not None)


def test_the_tracer_is_back_after_an_untraced_body() -> None:
    before = sys.gettrace()
    inside = []

    def body() -> None:
        with without_tracer():
            inside.append(sys.gettrace())
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        body()
    assert inside == [None]
    assert sys.gettrace() is before
