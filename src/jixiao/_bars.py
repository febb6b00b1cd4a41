"""Progress bars drawn by tqdm when it is installed (private).

tqdm is a nicety, never a dependency: :func:`tqdm_bar` gives a bar when the
package can be imported and ``None`` otherwise, and each caller then draws
its own plain progress (or none).
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any, TextIO

__all__ = ["tqdm_bar"]


def tqdm_bar(total: int, unit: str, stream: TextIO | None = None) -> Any | None:
    """A tqdm bar of *total* *unit* drawn on *stream* (tqdm's default, stderr,
    when ``None``), or ``None`` when tqdm is not installed."""
    if importlib.util.find_spec("tqdm") is None:
        return None
    tqdm = importlib.import_module("tqdm")  # imported only here: an optional package
    return tqdm.tqdm(total=total, unit=unit, file=stream)
