"""The analyst's notebook (examples/analyst.ipynb) runs top to bottom in a
real Jupyter kernel, and every display it makes is checked: the HTML of the
evaluation and the audit, the DataFrames and their types, the two charts.

The kernel imports the jixiao under test (its folder is put first on the
kernel's ``PYTHONPATH``); the notebook runs in ``examples/``, where its data are.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest

import jixiao
from tests.conftest import ROOT, require_module

nbformat = require_module("nbformat")
nbclient = require_module("nbclient")
require_module("ipykernel")
require_module("pandas")
require_module("matplotlib")
require_module("manimgx_fonts_cjk")

NOTEBOOK = ROOT / "examples" / "analyst.ipynb"


@pytest.fixture(scope="module")
def executed() -> dict[str, Any]:
    """Each code cell of the executed notebook by its tag."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code"), (
        "the notebook is kept without outputs"
    )
    source = str(Path(jixiao.__file__).resolve().parent.parent)
    path = os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "PYTHONPATH": path}
    env.pop("MPLBACKEND", None)  # the kernel's inline backend draws the charts
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute(env=env)
    cells = {}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            (tag,) = cell.metadata["tags"]
            cells[tag] = cell
    return cells


def _data(cell: Any, kind: str) -> str:
    found = [o["data"][kind] for o in cell.outputs if kind in o.get("data", {})]
    assert len(found) == 1, (kind, cell.outputs)
    return str(found[0])


def test_every_cell_ran_quietly(executed: dict[str, Any]) -> None:
    for tag, cell in executed.items():
        kinds = [o.output_type for o in cell.outputs]
        assert "error" not in kinds, tag
        streams = [o.text for o in cell.outputs if o.output_type == "stream"]
        assert not streams, (tag, streams)  # no warning (missing glyph, plausibility…)
        assert cell.outputs, f"{tag} displays nothing"


def test_the_evaluation_displays_its_tree(executed: dict[str, Any]) -> None:
    shown = _data(executed["evaluation-html"], "text/html")
    assert shown.startswith("<div class='jixiao-evaluation'")
    assert "97.11" in shown
    assert "transcribed" in shown
    assert "编外人员控制率" in shown
    assert "padding-left:3.5em" in shown  # level-3 rows indented under their groups


def test_the_frames_have_numeric_columns(executed: dict[str, Any]) -> None:
    assert "dataframe" in _data(executed["evaluation-frame"], "text/html")
    dtypes = _data(executed["evaluation-dtypes"], "text/plain")
    types = dict(line.split() for line in dtypes.splitlines()[:-1] if len(line.split()) == 2)
    for column in ("points", "weight", "rate", "rule_points", "lost"):
        assert types[column] == "float64", column
    assert types["points_exact"] == "object"
    total = _data(executed["evaluation-total"], "text/plain")
    assert total == "(Decimal('97.11'), Decimal('97.11'))"
    groups = _data(executed["evaluation-groups"], "text/plain")
    assert "部门绩效" in groups
    assert "57.12" in groups
    for tag in ("audit-frame", "batch-frame", "moves-frame"):
        assert "dataframe" in _data(executed[tag], "text/html"), tag
    assert "99.62" in _data(executed["batch-frame"], "text/plain")
    assert "89.11" in _data(executed["moves-frame"], "text/plain")
    assert "level-weights" in _data(executed["batch-findings"], "text/plain")


def test_the_audit_displays_without_global_style(executed: dict[str, Any]) -> None:
    shown = _data(executed["audit-html"], "text/html")
    assert shown.startswith("<div class='jixiao-audit'>")
    assert "数据规划管理" in shown
    assert "99.62" in shown


@pytest.mark.parametrize("tag", ["breakdown-chart", "moves-chart"])
def test_the_charts_are_drawn(executed: dict[str, Any], tag: str) -> None:
    image = base64.b64decode(_data(executed[tag], "image/png"))
    assert image.startswith(b"\x89PNG")
    assert len(image) > 10_000
