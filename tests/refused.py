"""The check every reader's refusal tests share."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.errors import ReadError


def assert_refused_quickly(read: Callable[[Path], object], path: Path, match: str) -> None:
    """*read* refuses the file *path* with a :class:`~jixiao.errors.ReadError`
    that matches *match* and names the file, in under 5 seconds."""
    start = time.monotonic()
    with pytest.raises(ReadError, match=match) as error:
        read(path)
    assert str(path) in str(error.value)
    assert time.monotonic() - start < 5
