"""Findings marked in a copy of the user's workbook (:mod:`jixiao.io.xlsx_mark`, ``--mark``)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from jixiao.errors import InputError, WriteError
from jixiao.io.xlsx import write_xlsx
from jixiao.io.xlsx_mark import MARK_FILLS, cell_of, mark_workbook
from jixiao.project.file import load_table
from jixiao.project.findings import Finding, Severity

from .cli_helpers import cli
from .conftest import ROOT, require_module

openpyxl = require_module("openpyxl")

EXAMPLE = ROOT / "examples" / "projects" / "luohu-2023-01-党政事务.toml"


def _edited(folder: Path) -> Path:
    """The example as jixiao writes it, then edited by hand: one weight, one points cell."""
    path = folder / "党政事务.xlsx"
    write_xlsx([load_table(EXAMPLE)], path)
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    assert (ws["G14"].value, ws["H15"].value) == (7, 7)
    ws["G14"] = 8  # one weight more: the level-1 and total weights no longer add up
    ws["H15"] = 5  # points deducted though the target is met, and no note
    book.save(path)
    return path


def _marked(path: Path) -> dict[str, tuple[str, str]]:
    """Every marked cell of a workbook: "Sheet!H14" → (fill, comment)."""
    book = openpyxl.load_workbook(path)
    found = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                fill = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else ""
                if cell.comment is not None or fill[-6:] in MARK_FILLS.values():
                    text = cell.comment.text if cell.comment else ""
                    found[f"{ws.title}!{cell.coordinate}"] = (fill[-6:], text)
    return found


def test_an_edited_workbook_has_exactly_the_cells_of_its_findings_marked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, out = _edited(tmp_path), tmp_path / "marked.xlsx"
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    status, _ = cli(["project", "audit", str(path), "--mark", str(out)])
    assert status == 1  # the edit made errors
    status, text = cli(["project", "audit", str(path), "--json"])
    findings = [f for a in json.loads(text)["audits"] for f in a["findings"]]
    cells = {cell.removeprefix(f"{path}:") for f in findings for cell in f["cells"]}
    marked = _marked(out)
    assert set(marked) == cells
    assert {"党政事务!G14", "党政事务!H15"} <= set(marked)
    assert marked["党政事务!H15"][0] == MARK_FILLS["warning"]
    assert "已达到指标值却被扣分" in marked["党政事务!H15"][1]
    assert "the target was met but points were deducted" in marked["党政事务!H15"][1]
    worst = {f["severity"] for f in findings if f"{path}:党政事务!G14" in f["cells"]}
    assert "error" in worst
    assert marked["党政事务!G14"][0] == MARK_FILLS["error"]
    assert f"{len(marked)} cells marked in {out}" in capsys.readouterr().err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # the input untouched
    copy, original = openpyxl.load_workbook(out).worksheets[0], openpyxl.load_workbook(path)
    for row in original.worksheets[0].iter_rows():  # values and formulas kept
        for cell in row:
            assert copy[cell.coordinate].value == cell.value


def test_a_comment_already_there_is_kept(tmp_path: Path) -> None:
    path, out = tmp_path / "t.xlsx", tmp_path / "m.xlsx"
    write_xlsx([load_table(EXAMPLE)], path, recompute=False)
    book = openpyxl.load_workbook(path)
    book.worksheets[0]["H14"].comment = openpyxl.comments.Comment("请核对", "财务科")
    book.save(path)
    sheet = book.worksheets[0].title
    finding = Finding(
        Severity.INFO, "x", "r", "points", "7.00", None, "中文", "english", None,
        (f"{path}:{sheet}!H14", f"{path}:{sheet}!B14", "rows.0.points", f"other.xlsx:{sheet}!H14"),
    )  # fmt: skip
    assert mark_workbook(path, [finding], out) == [f"{sheet}!B14", f"{sheet}!H14"]
    marked = _marked(out)
    assert marked[f"{sheet}!H14"][1].startswith("请核对\n\nℹ 提示 info：中文（english）")
    assert "at fault: H14" in marked[f"{sheet}!B14"][1]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_comments_follow_the_language(tmp_path: Path, lang: str) -> None:
    path, out = _edited(tmp_path), tmp_path / "marked.xlsx"
    status, _ = cli(["project", "audit", str(path), "--mark", str(out), "--lang", lang])
    assert status == 1
    comment = _marked(out)["党政事务!H15"][1]
    if lang == "zh":
        assert "已达到指标值却被扣分" in comment
        assert "the target was met" not in comment
    else:
        assert "the target was met but points were deducted" in comment
        assert "已达到指标值" not in comment


@pytest.mark.parametrize(
    ("files", "mark", "message"),
    [
        (["in.xlsx"], "in.xlsx", "would replace the workbook audited"),
        (["in.xlsx"], "out.txt", "must be an .xlsx file"),
        (["in.xlsx", "in.xlsx"], "out.xlsx", "audit it alone"),
        (["in.toml"], "out.xlsx", "this input is not one"),
    ],
)
def test_refusals(
    tmp_path: Path, files: list[str], mark: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write_xlsx([load_table(EXAMPLE)], tmp_path / "in.xlsx")
    (tmp_path / "in.toml").write_bytes(EXAMPLE.read_bytes())
    argv = ["project", "audit", *(str(tmp_path / f) for f in files), "--mark", str(tmp_path / mark)]
    status, text = cli(argv)
    assert status == 2
    assert text == ""
    assert message in capsys.readouterr().err
    assert not (tmp_path / mark).exists() or mark == "in.xlsx"


def test_never_written_through_a_link(tmp_path: Path) -> None:
    path, elsewhere, link = tmp_path / "in.xlsx", tmp_path / "elsewhere.xlsx", tmp_path / "m.xlsx"
    write_xlsx([load_table(EXAMPLE)], path)
    elsewhere.write_bytes(b"keep")
    link.symlink_to(elsewhere)
    with pytest.raises(WriteError):
        mark_workbook(path, [], link)
    assert elsewhere.read_bytes() == b"keep"
    with pytest.raises(InputError, match="would replace"):
        mark_workbook(path, [], tmp_path / "." / "in.xlsx")


def test_cell_of() -> None:
    expected: list[Any] = [("S!1", "H14"), None, None, None]
    got = [cell_of(x, "b.xlsx") for x in ("b.xlsx:S!1!H14", "b.xlsx:S!A0", "c.xlsx:S!H1", "x")]
    assert got == expected
