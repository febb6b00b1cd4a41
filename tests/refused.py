"""The check every reader's refusal tests share."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.errors import ReadError

TRACED = 5
"""How many times longer a refusal may take while a tracer runs (coverage, as
the README's test command measures it, or a debugger): traced, the readers'
Python code runs three to five times slower (a page of 100,001 drawn lines is
refused in 1.3 s plain and in 5.9 s under coverage on a quiet machine)."""


def assert_refused_quickly(read: Callable[[Path], object], path: Path, match: str) -> None:
    """*read* refuses the file *path* with a :class:`~jixiao.errors.ReadError`
    that matches *match* and names the file, in under 5 seconds (under
    :data:`TRACED` times as long while a tracer runs)."""
    bound = 5 * (TRACED if sys.gettrace() is not None else 1)
    start = time.monotonic()
    with pytest.raises(ReadError, match=match) as error:
        read(path)
    assert str(path) in str(error.value)
    assert time.monotonic() - start < bound
