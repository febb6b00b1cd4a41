"""Cells wrapped onto the next lines (jixiao.io._wraps), on laid-out text."""

from __future__ import annotations

import pytest

from jixiao.io._grid_text import layout_grid
from jixiao.io._wraps import merge_wraps


def _lines(text: str) -> list[list[str]]:
    return [line.texts() for line in merge_wraps(layout_grid(text, "doc.txt"))]


def test_a_cell_wrapped_in_its_column_is_joined() -> None:
    text = "项目名称:  党政事务      实施单位:  某某区政务服务\n           管理局                   数据管理局\n"
    assert _lines(text) == [
        ["项目名称:", "党政事务管理局", "实施单位:", "某某区政务服务数据管理局"]
    ]


@pytest.mark.parametrize(
    "below",
    [
        "项目负责人及电话:  李宁 0557-5788003",  # a field of no place, under the labels
        "联系电话：0557-5788003",
        "项目名称:  党政事务",  # a label the model reads
    ],
)
def test_a_line_that_starts_with_an_identification_label_is_no_wrap(below: str) -> None:
    # found by generation: a contact line under 项目编码 | … was joined to the code
    above = "项目编码:          440300000000000000000   项目名称:         测试项目"
    assert _lines(f"{above}\n{below}\n")[1][0] == below.split("  ")[0]
