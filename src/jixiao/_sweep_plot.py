"""Plots of a sweep (private; re-exported by :mod:`jixiao.sweep`; needs
matplotlib and numpy, imported when called).

Labels are arguments, so that Chinese labels render once a CJK font is set
up (the notebook set-up chooses one); the defaults are bilingual.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from jixiao._notebook import use_cjk_font
from jixiao._sweep_result import SweepResult
from jixiao._sweep_source import Grid
from jixiao.errors import InputError

__all__ = ["draw_points", "plot_total"]

_SHADES = ("#2e7d32", "#9ccc65", "#ffca28", "#ef5350", "#b0bec5")
"""Grade colours, highest grade first."""


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the environment
        raise InputError(
            "plots need matplotlib: pip install 'jixiao[notebook]'",
            zh="绘图需要 matplotlib：pip install 'jixiao[notebook]'",
        ) from None
    use_cjk_font()  # Chinese labels drawn, not boxes
    return plt


def _slice(result: SweepResult, keep: Sequence[str], at: Mapping[str, object]) -> Any:
    """The rows of a grid where every axis but *keep* has its value in *at*
    (default: its first value), as indices."""
    import numpy

    source = result.scenarios
    assert isinstance(source, Grid)
    index: list[Any] = []
    for name, values in source.axes.items():
        if name in keep:
            index.append(numpy.arange(len(values)))
        elif name in at:
            if at[name] not in values:
                raise InputError(
                    "not a value of the axis", zh="不是该坐标轴上的值", field=name, value=at[name]
                )
            index.append(numpy.array([values.index(at[name])]))
        else:
            index.append(numpy.array([0]))
    mesh = numpy.meshgrid(*index, indexing="ij")
    return numpy.ravel_multi_index([m.reshape(-1) for m in mesh], source.shape)


def plot_total(
    result: SweepResult,
    x: str,
    y: str | None = None,
    *,
    at: Mapping[str, object] | None = None,
    ax: Any = None,
    labels: Mapping[str, str] | None = None,
) -> Any:
    """Plot a department sweep's total against one input (*x*), or two (*x*
    and *y*: a map of the total), with the framework's grade bands shaded.

    On a :func:`~jixiao.sweep.grid`, the other axes are held at their first
    value, or at the values *at* gives; other sweeps are drawn as points.

    Args:
        result: a department's sweep.
        x, y: the paths on the axes.
        at: values of the grid's other axes.
        ax: a matplotlib Axes to draw on (default: a new figure).
        labels: text for ``x``, ``y``, ``"total"`` and each grade (优…).

    Returns:
        The Axes.
    """
    import numpy

    plt = _pyplot()
    fw = result.framework
    if fw is None:
        raise InputError(
            "plot_total plots a department's sweep (jixiao.sweep.sweep)",
            zh="plot_total 绘制部门评价的情景扫描（jixiao.sweep.sweep）",
        )
    names = dict(labels or {})
    axes = ax if ax is not None else plt.subplots()[1]
    totals = numpy.asarray(result.cents(), dtype=numpy.float64) / 100
    rows = (
        _slice(result, [p for p in (x, y) if p], at or {})
        if isinstance(result.scenarios, Grid)
        else numpy.arange(len(result))
    )
    bands = [(b.grade.value, b.interval.lower, b.interval.upper) for b in fw.grades.bands]
    xs = result.numbers(x)[rows]
    if y is None:
        order = numpy.argsort(xs, kind="stable")
        if isinstance(result.scenarios, Grid):
            axes.step(xs[order], totals[rows][order], where="post", color="black")
        else:
            axes.scatter(xs, totals[rows], s=2, color="black")
        top = max(float(totals.max(initial=0)), 100.0)
        for index, (grade, lower, upper) in enumerate(bands):
            high = top if upper is None else float(upper)
            axes.axhspan(float(lower or 0), high, color=_SHADES[index], alpha=0.15, linewidth=0)
            axes.text(
                1.01,
                (float(lower or 0) + high) / 2,
                names.get(grade, grade),
                transform=axes.get_yaxis_transform(),
                va="center",
            )
        axes.set_ylabel(names.get("total", "总分 total"))
    else:
        ys = result.numbers(y)[rows]
        edges = sorted(float(lower or 0) for _, lower, _ in bands)
        levels = [min(edges[0], float(totals.min(initial=0))), *edges[1:], 1e9]
        colours = list(reversed(_SHADES[: len(bands)]))
        shading = axes.tricontourf(xs, ys, totals[rows], levels=levels, colors=colours)
        legend = [names.get(g, g) for g, _, _ in reversed(bands)]
        bar = plt.colorbar(
            shading, ax=axes, ticks=[(a + b) / 2 for a, b in itertools.pairwise(levels)]
        )
        bar.ax.set_yticklabels(legend)
        axes.set_ylabel(names.get(y, y))
    axes.set_xlabel(names.get(x, x))
    return axes


def draw_points(
    xs: Sequence[float],
    ys: Sequence[Decimal],
    *,
    key: str,
    path: str,
    ax: Any = None,
    labels: Mapping[str, str] | None = None,
) -> Any:
    """Draw an indicator's points (*ys*) against its input (*xs*, increasing),
    a dashed line where the points step (a band edge)."""
    plt = _pyplot()
    names = dict(labels or {})
    axes = ax if ax is not None else plt.subplots()[1]
    points = [float(v) for v in ys]
    axes.step(list(xs), points, where="post", label=names.get(key, key))
    for (_, before), (edge, after) in itertools.pairwise(zip(xs, points, strict=True)):
        if before != after:
            axes.axvline(edge, linestyle="--", linewidth=0.8, color="grey")
    axes.set_xlabel(names.get(path, path))
    axes.set_ylabel(names.get("points", "得分 points"))
    return axes
