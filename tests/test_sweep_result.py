"""A sweep's columnar result: lazy grids and columns, chunks and progress,
its previews, its pandas table and its plots."""

from __future__ import annotations

import subprocess
import sys
import warnings
from decimal import Decimal
from pathlib import Path

import pytest

import jixiao
from jixiao.errors import InputError
from jixiao.sweep import columns, decimals, grid, plot_points, plot_total, sweep, sweep_rule

from .conftest import require_module

# the [fast] extra: CI fails without it; elsewhere this module is skipped
np = require_module("numpy")

ROOT = Path(__file__).resolve().parents[1]


def _seed() -> jixiao.Department:
    return jixiao.load_department(ROOT / "examples" / "luohu-2023-department.toml")


AXES: dict[str, list[object]] = {
    "budget_execution.quarters[2].spent": ["548.3", "900", "1171.04"],
    "satisfaction.rate": ["79.99%", "90%", "95%"],
    "project_timeliness.completed": [0, 8],
}


def test_a_grid_is_lazy_and_chunks_give_the_same_columns() -> None:
    axes = grid(**AXES)
    assert len(axes) == 18
    assert axes[-1] == {k: v[-1] for k, v in AXES.items()}  # the last of every axis
    seen: list[tuple[int, int]] = []
    small = sweep(_seed(), axes, chunk=4, progress=lambda done, total: seen.append((done, total)))
    whole = sweep(_seed(), list(axes))
    assert list(small.cents()) == list(whole.cents())
    assert small.records == whole.records
    assert seen[-1] == (18, 18)
    assert small[0]["total"] == whole.records[0]["total"]


def test_columns_of_exact_decimals_equal_a_list_of_scenarios() -> None:
    rule = _seed().resolve_framework().indicator("budget_execution")
    base = {"quarters": [dict(q) for q in _seed().inputs["budget_execution"]["quarters"]]}
    spent = np.array([54830, 80000, 117104, 182283], dtype=np.int64)
    by_columns = sweep_rule(rule, columns(**{"quarters[2].spent": decimals(spent)}), base=base)
    as_list = sweep_rule(
        rule, [{"quarters[2].spent": Decimal(int(s)).scaleb(-2)} for s in spent], base=base
    )
    assert list(by_columns.cents("points")) == list(as_list.cents("points"))
    assert by_columns[2]["points"] == Decimal("5.12")  # the published Q2 spending


def test_previews_never_list_every_row() -> None:
    result = sweep(_seed(), grid(**{"satisfaction.rate": [f"{i / 100}%" for i in range(5000)]}))
    text = repr(result)
    assert "5,000 scenarios" in text
    assert "satisfaction" in text
    page = result._repr_html_()
    assert page.count("<tr>") == 2 * 5 + 2
    assert "…" in page
    assert sum(result.grade_counts().values()) == 5000


def test_the_pandas_table_has_floats_and_exact_cents() -> None:
    table = sweep(_seed(), grid(**AXES)).to_pandas(decimal=True)
    assert table["total"].dtype == np.float64
    assert table["total_cents"].dtype == np.int64
    assert table["satisfaction.rate"].iloc[-1] == 95.0
    assert table["total_exact"].iloc[0] == Decimal(int(table["total_cents"].iloc[0])).scaleb(-2)
    assert list(table["grade"].cat.categories) == ["优", "良", "中", "差"]


def test_errors_name_the_first_bad_scenario_of_a_grid() -> None:
    with pytest.raises(InputError, match="scenario 4"):
        sweep(
            _seed(),
            grid(**{"project_timeliness.completed": [0, 1, 2, -1]}),
        )
    with pytest.raises(InputError, match=r"indicator\.input"):
        sweep(_seed(), grid(satisfaction=["90%"]))


def test_plots_draw_the_grade_bands_and_band_edges() -> None:
    matplotlib = require_module("matplotlib")
    matplotlib.use("Agg")
    matplotlib.rcdefaults()  # no font set up by an earlier test
    warnings.simplefilter("error")  # a missing glyph (a Chinese label drawn as a box) fails
    result = sweep(_seed(), grid(**AXES))
    ax = plot_total(result, "satisfaction.rate", labels={"total": "total"})
    assert len(ax.patches) == 4  # one shaded band per grade
    ax = plot_total(result, "satisfaction.rate", "budget_execution.quarters[2].spent")
    assert ax.get_ylabel() == "budget_execution.quarters[2].spent"
    ax = plot_points(_seed(), "satisfaction.rate", ["70%", "80%", "90%", "95%"])
    assert len(ax.lines) >= 3  # the step and the band edges
    with pytest.raises(InputError):
        plot_total(
            sweep_rule(_seed().resolve_framework().indicator("satisfaction"), grid(rate=["1%"])),
            "rate",
        )
    ax.figure.canvas.draw()  # glyphs are looked up when drawn: 满意度, 得分 and the grades
    matplotlib.pyplot.close("all")


def test_importing_jixiao_does_not_import_numpy() -> None:
    code = "import sys, jixiao; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
