"""The batch audit streams: one file at a time, each written as it comes
(``--json``, ``--jsonl``, text, ``--report``), memory independent of the
number of files (issue 13, item 4)."""

from __future__ import annotations

import io
import json
import re
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import jixiao
from jixiao._toml import dumps_json
from jixiao.cli import main
from jixiao.io.batch import BatchSummary, audit_paths, expand_paths, iter_audits

from .cli_helpers import run
from .conftest import ROOT, require_seeds

EXAMPLES = ROOT / "examples" / "projects"
GUIDE_TEXT = ROOT / "docs" / "guides" / "data" / "luohu-2023-tables-1-2.txt"


def _guide_text() -> str:
    """Two tables as text, with a line of prose before them and a page number after."""
    return f"附件：本单位项目支出绩效自评情况说明如下。\n{GUIDE_TEXT.read_text('utf-8')}第 3 页\n"


def _mixed(folder: Path) -> list[str]:
    """Tables, a text with lines outside its tables, and an unreadable file."""
    (folder / "guide.txt").write_text(_guide_text(), "utf-8")
    (folder / "junk.toml").write_bytes(b"\x00\xff junk")
    return [str(EXAMPLES), str(folder)]


def _inputs(name: str, tmp_path: Path) -> list[str]:
    if name == "examples":
        return [str(EXAMPLES)]
    if name == "seeds":
        return [str(p) for p in sorted(require_seeds().glob("00[01]_*.txt"))]
    return _mixed(tmp_path)


@pytest.mark.parametrize("name", ["examples", "seeds", "mixed"])
def test_streamed_json_is_the_document_of_the_batch_in_memory(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _inputs(name, tmp_path)
    status, out, _ = run(["project", "audit", "--json", *paths], capsys)
    whole = dumps_json(audit_paths(paths).to_dict())
    assert json.loads(out) == json.loads(whole)
    assert out == whole  # to the byte
    data = json.loads(out)
    keys = ["format", "jixiao_version", "audits", "errors", "unplaced", "notes", "summary"]
    assert list(data) == keys
    assert data["format"] == "jixiao.project-audit-batch/1"
    assert status == (2 if name == "mixed" else 1)
    if name == "mixed":
        assert len(data["errors"]) == 1
        assert len(data["unplaced"]) == 2
    if name == "seeds":  # lines of the saved web pages whose cells held tags
        assert {n["note"].partition(": ")[2] for n in data["notes"]} == {"HTML tags stripped"}
        assert all(n["note"].startswith(n["source"] + ":") for n in data["notes"])


def test_an_empty_batch_streams_empty_arrays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "junk.toml").write_bytes(b"\x00")
    status, out, err = run(["project", "audit", "--json", str(tmp_path)], capsys)
    assert status == 2
    assert out == dumps_json(audit_paths([tmp_path]).to_dict())
    assert json.loads(out)["audits"] == []
    assert err.count("\n") == 1


@pytest.mark.parametrize("name", ["examples", "seeds", "mixed"])
def test_json_lines_carry_every_record_and_the_same_summary(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _inputs(name, tmp_path)
    status, out, _ = run(["project", "audit", "--jsonl", *paths], capsys)
    records = [json.loads(line) for line in out.splitlines()]
    assert out.endswith("\n")
    assert all(isinstance(r, dict) and "type" in r for r in records)
    kinds = {"batch", "audit", "unplaced", "note", "error", "summary"}
    assert {r["type"] for r in records} <= kinds
    assert records[0] == {
        "type": "batch",
        "format": "jixiao.project-audit-lines/1",
        "jixiao_version": jixiao.__version__,
        "files": records[-1]["files"],
    }
    assert records[-1]["type"] == "summary"
    assert [r["type"] for r in records].count("summary") == 1
    _, whole, _ = run(["project", "audit", "--json", *paths], capsys)
    document = json.loads(whole)

    def of(kind: str) -> list[dict[str, Any]]:
        return [{k: v for k, v in r.items() if k != "type"} for r in records if r["type"] == kind]

    assert of("summary") == [document["summary"]]
    assert of("audit") == document["audits"]
    assert of("unplaced") == document["unplaced"]
    assert of("error") == document["errors"]
    assert of("note") == document["notes"]
    assert status == (2 if name == "mixed" else 1)


def test_json_lines_of_a_file_follow_its_audits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each file's records are together: its audits, its unplaced lines, or its error."""
    _, out, _ = run(["project", "audit", "--jsonl", *_mixed(tmp_path)], capsys)
    records = [json.loads(line) for line in out.splitlines()]
    kinds = "".join(r["type"][0] for r in records)  # batch, audits, unplaced, error, summary
    assert re.fullmatch(r"b(a{18})aauues", kinds), kinds
    assert [r["kind"] for r in records if r["type"] == "unplaced"] == ["text", "furniture"]


SEPARATORS = "\u2028\u2029\u0085"
"""Characters JSON lets stand raw in a string but line readers break at
(JavaScript before ES2019 at U+2028 and U+2029, ``str.splitlines`` at all three)."""


def _separated(folder: Path) -> list[str]:
    """A table whose name holds each separator, a text whose unplaced line
    holds them, and a file whose error quotes them."""
    table = (EXAMPLES / "luohu-2023-04-行政服务大厅运行.toml").read_text("utf-8")
    table = table.replace(
        'name = "行政服务大厅运行"', 'name = "行政\\u2028服务\\u2029大厅\\u0085运行"'
    )
    assert "\\u2028" in table  # written as TOML escapes
    (folder / "table.toml").write_text(table, "utf-8")
    (folder / "guide.txt").write_text(_guide_text().replace("附件", f"附件{SEPARATORS}"), "utf-8")
    (folder / "bad.toml").write_text(f'schema = "jixiao.project/1"\nx{SEPARATORS} = 1\n', "utf-8")
    return [str(folder)]


def test_json_lines_escape_the_line_separators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 13: every line is one record for any reader; Chinese stays readable."""
    paths = _separated(tmp_path)
    _, out, _ = run(["project", "audit", "--jsonl", *paths], capsys)
    assert not set(SEPARATORS) & set(out)
    assert all(f"\\u{ord(c):04x}" in out for c in SEPARATORS)
    assert "行政" in out  # not \\u884c\\u653f
    records = [json.loads(line) for line in out.splitlines()]  # splits at U+2028 too
    assert [r["type"] for r in records][-1] == "summary"
    names = [r["project"]["name"] for r in records if r["type"] == "audit"]
    assert "行政\u2028服务\u2029大厅\u0085运行" in names  # read back as written
    assert any(SEPARATORS in r["text"] for r in records if r["type"] == "unplaced")


def test_streamed_json_escapes_the_line_separators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _separated(tmp_path)
    _, out, _ = run(["project", "audit", "--json", *paths], capsys)
    assert not set(SEPARATORS) & set(out)
    assert out == dumps_json(audit_paths(paths).to_dict())  # still to the byte
    names = [a["project"]["name"] for a in json.loads(out)["audits"]]
    assert "行政\u2028服务\u2029大厅\u0085运行" in names


def test_json_and_jsonl_are_one_or_the_other(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["project", "audit", "--json", "--jsonl", str(EXAMPLES)], io.StringIO())
    assert status == 2
    assert "not allowed with" in capsys.readouterr().err


def test_reports_stream_beside_json_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "r"
    status, out, err = run(
        ["project", "audit", "--jsonl", "--report", str(folder), str(EXAMPLES)], capsys
    )
    assert status == 1
    assert "reports written" in err
    assert len(out.splitlines()) == 20
    assert len(list(folder.glob("[0-9]*.html"))) == 18
    assert (folder / "index.html").is_file()
    assert (folder / "index.md").read_text("utf-8").count("✘") == 2


def test_iter_audits_reads_a_file_only_when_asked() -> None:
    seen: list[int] = []
    items = iter_audits([EXAMPLES], progress=lambda done, total, name: seen.append(done))
    first = next(items)
    assert (first.number, first.total, seen) == (1, 18, [1])
    assert len(first.audits) == 1
    summary = BatchSummary()
    summary.add(first)
    for item in items:
        summary.add(item)
    assert summary.to_dict() == audit_paths([EXAMPLES]).summary()
    assert seen == list(range(1, 19))


# Memory: the peak does not grow with the number of files.

_CODE = re.compile(r'^code = ".*"$', re.M)


def _many(folder: Path, count: int) -> Path:
    """*count* table files (five quick examples with new codes), a text with
    lines outside its tables and an unreadable file every 100."""
    folder.mkdir()
    sources = sorted(EXAMPLES.glob("futian-2022-[01][4569]*.toml"))
    texts = [p.read_text("utf-8") for p in sources]
    guide = _guide_text()
    for number in range(count):
        path = folder / f"t{number:05d}.toml"
        if number % 100 == 1:
            path.with_suffix(".txt").write_text(guide, "utf-8")
        elif number % 100 == 2:
            path.write_bytes(b"\x00\xff junk")
        else:
            text = texts[number % len(texts)]
            path.write_text(_CODE.sub(f'code = "T{number:08d}"', text, count=1), "utf-8")
    return folder


class Discard(io.StringIO):
    """A sink that keeps nothing."""

    def write(self, text: str) -> int:
        return len(text)


def _peak(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    few, many = _many(tmp_path / "few", 200), _many(tmp_path / "many", 2_000)

    def iterate(folder: Path) -> Callable[[], object]:
        def action() -> None:
            summary = BatchSummary()
            for item in iter_audits([folder]):
                summary.add(item)
            assert summary.files == len(list(folder.iterdir()))

        return action

    def command(folder: Path, form: str) -> Callable[[], object]:
        return lambda: main(["project", "audit", str(folder), form], Discard())

    iterate(EXAMPLES)()  # the templates and rules loaded once, outside the measure
    main(["project", "audit", str(EXAMPLES), "--json"], Discard())
    # The sorted list of the files grows with their number by design (some 600
    # bytes a file); what is read and audited of each must not.
    listing = _peak(lambda: expand_paths([many]))
    for name, make in [("iter_audits", iterate), ("--jsonl", lambda f: command(f, "--jsonl"))]:
        small, large = _peak(make(few)), _peak(make(many))
        if large >= 1.5 * small + listing:
            # Measured once more: one CI run (5 December 2026) saw a peak 4 MB
            # above every other run's, never reproduced; growth with the number
            # of files would show in both measures, a passing peak in neither.
            large = min(large, _peak(make(many)))
        assert large < 1.5 * small + listing, (name, small, large, listing)
        assert large < 50 * 2**20, (name, large)
    capsys.readouterr()
