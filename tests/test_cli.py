"""The jixiao command: scoring a file, listing frameworks, and one-line errors."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao._cli_language import lang_of
from jixiao._toml import dumps_json, dumps_toml, read_data_file
from jixiao.cli import build_parser, main

from .cli_helpers import cli

ROOT = Path(__file__).resolve().parent.parent


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("jixiao: 错误: ")  # Chinese, then English (--lang both)
    assert " / error: " in lines[0]
    assert "Traceback" not in captured.err
    assert "Traceback" not in captured.out
    return lines[0]


# ---------------------------------------------------------------- score


def test_score_text(seed_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, text = cli(["score", str(seed_file)])
    assert status == 0
    assert "97.11" in text
    assert "优" in text
    assert "总分 Total: 97.11 / 100" in text
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("lang", "present", "absent"),
    [("zh", "比率>10%的，得0分", "lies in"), ("en", "lies in (10%, ∞)", "比率>10%的")],
)
def test_score_languages(seed_file: Path, lang: str, present: str, absent: str) -> None:
    status, text = cli(["score", str(seed_file), "--lang", lang])
    assert status == 0
    assert present in text
    assert absent not in text


def test_score_json(seed_file: Path) -> None:
    status, text = cli(["score", str(seed_file), "--json"])
    assert status == 0
    data = json.loads(text)
    assert data["format"] == "jixiao.evaluation/1"
    assert data["total"] == "97.11"
    assert data["grade"]["zh"] == "优"
    assert json.loads(text, parse_float=lambda s: pytest.fail(f"float {s} in JSON")) == data


def test_score_in_a_real_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "jixiao", "score", "examples/luohu-2023-department.toml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "97.11" in result.stdout
    assert "优" in result.stdout
    assert result.stderr == ""


# ---------------------------------------------------------------- frameworks


def test_frameworks_listing() -> None:
    status, text = cli(["frameworks"])
    assert status == 0
    assert text.startswith("shenzhen-luohu-2023")
    assert "深圳市罗湖区" in text
    assert "[transcribed]" in text
    status, text = cli(["frameworks", "--json"])
    assert status == 0
    data = json.loads(text)
    assert data["frameworks"][0]["id"] == "shenzhen-luohu-2023"
    assert data["frameworks"][0]["indicators"] == 21


def test_framework_tree_and_file_form(tmp_path: Path) -> None:
    status, text = cli(["framework", "shenzhen-luohu-2023"])
    assert status == 0
    assert "部门决策 (decision)  20" in text
    assert "    编外人员控制率 (non-establishment staff rate)  1" in text
    assert "总分 total 100\n" in text
    assert "  budget_execution.quarter_cap: capped, uncapped (default capped)" in text
    status, text = cli(["framework", "shenzhen-luohu-2023", "--json"])
    assert status == 0
    data = json.loads(text)
    assert data["schema"] == "jixiao.framework/1"
    assert len(data["indicators"]) == 21
    path = tmp_path / "mine.toml"
    data["id"] = "mine"
    path.write_text(dumps_toml(data), "utf-8")
    status, text = cli(["framework", str(path)])
    assert status == 0
    assert "(mine)" in text


def test_version_and_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"], io.StringIO())
    assert caught.value.code == 0
    assert "jixiao 0.1.0" in capsys.readouterr().out
    assert main([], io.StringIO()) == 2  # usage: one line after the usage, no exit from main
    assert "error: the following arguments are required" in capsys.readouterr().err
    assert build_parser().prog == "jixiao"


# ---------------------------------------------------------------- errors


def _write(tmp_path: Path, seed_file: Path, edit: object = None, text: str | None = None) -> Path:
    path = tmp_path / "dept.toml"
    if text is None:
        data = read_data_file(seed_file)
        if callable(edit):
            edit(data)
        text = dumps_toml(data)
    path.write_text(text, "utf-8")
    return path


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = cli(["score", str(tmp_path / "absent.toml")])
    assert status == 2
    assert out == ""
    line = _one_error_line(capsys)
    assert "absent.toml" in line
    assert "no such file" in line


def test_invalid_toml(tmp_path: Path, seed_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, seed_file, text='schema = "jixiao.department/1"\nname = \n[inputs\n')
    status, _ = cli(["score", str(path)])
    assert status == 2
    line = _one_error_line(capsys)
    assert "not valid TOML" in line
    assert "dept.toml" in line


def test_unknown_key(tmp_path: Path, seed_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(
        tmp_path, seed_file, lambda d: d["inputs"]["satisfaction"].__setitem__("colour", "red")
    )
    status, _ = cli(["score", str(path)])
    assert status == 2
    line = _one_error_line(capsys)
    assert "colour" in line
    assert "inputs.satisfaction" in line


def test_negative_amount(
    tmp_path: Path, seed_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path,
        seed_file,
        lambda d: d["inputs"]["public_funds_control"].__setitem__("routine_spent", "-407.57"),
    )
    status, _ = cli(["score", str(path)])
    assert status == 2
    line = _one_error_line(capsys)
    assert "negative" in line
    assert "'-407.57'" in line
    assert "公用经费控制率" in line


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d.__setitem__("framework", "nowhere-2023"),
        lambda d: d["inputs"]["satisfaction"].__setitem__("rate", "95"),
        lambda d: d["inputs"]["effectiveness"].__setitem__("points", "26"),
        lambda d: d["overrides"]["non_establishment_staff"].__setitem__("reason", " "),
        lambda d: d.pop("inputs"),
    ],
)
def test_other_bad_input_is_one_line(
    tmp_path: Path, seed_file: Path, capsys: pytest.CaptureFixture[str], edit: object
) -> None:
    status, _ = cli(["score", str(_write(tmp_path, seed_file, edit))])
    assert status == 2
    _one_error_line(capsys)


def test_unknown_framework_id(capsys: pytest.CaptureFixture[str]) -> None:
    status, _ = cli(["framework", "nowhere-2023"])
    assert status == 2
    assert "shenzhen-luohu-2023" in _one_error_line(capsys)


def test_wrong_file_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "dept.yaml"
    path.write_text("x: 1", "utf-8")
    status, _ = cli(["score", str(path)])
    assert status == 2
    assert "expected .toml or .json" in _one_error_line(capsys)


def test_non_table_override_is_bad_input(
    tmp_path: Path, seed_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path, seed_file, lambda d: d["overrides"].__setitem__("non_establishment_staff", 1)
    )
    status, _ = cli(["score", str(path)])
    assert status == 2
    _one_error_line(capsys)


# ---------------------------------------------------------------- stdin and JSON errors


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize("form", ["toml", "json"])
def test_score_reads_standard_input(
    form: str, seed_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = read_data_file(seed_file)
    text = dumps_toml(data) if form == "toml" else dumps_json(data)
    monkeypatch.setattr("sys.stdin", _Stdin(text.encode()))
    out = io.StringIO()
    assert main(["score", "-", "--json"], out) == 0
    assert json.loads(out.getvalue())["total"] == "97.11"


def test_project_score_and_audit_read_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    table = ROOT / "examples" / "projects" / "luohu-2023-01-党政事务.toml"
    out = io.StringIO()
    monkeypatch.setattr("sys.stdin", _Stdin(table.read_bytes()))
    assert main(["project", "score", "-", "--json"], out) == 0
    assert json.loads(out.getvalue())["format"] == "jixiao.project-evaluation/1"
    out = io.StringIO()
    monkeypatch.setattr("sys.stdin", _Stdin(table.read_bytes()))
    assert main(["project", "audit", "-", "--json"], out) in (0, 1)
    document = json.loads(out.getvalue())
    assert len(document["audits"]) == 1
    assert "jixiao-" not in out.getvalue()  # the temporary file is named as the input


def test_audit_of_text_on_standard_input_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(b"no table here\n"))
    out = io.StringIO()
    status = main(["project", "audit", "-", "--jsonl"], out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert status in (0, 2)
    assert records[0]["type"] == "batch"
    assert all("jixiao-" not in json.dumps(r) for r in records)
    assert "stdin.txt" in out.getvalue()


@pytest.mark.parametrize("name", ["table.csv", "tables.docx", "book.HTML"])
def test_standard_input_named_is_read_in_its_form(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV (or any form) piped in cannot be told by its content: its name says it."""
    stem = ROOT / "docs" / "guides" / "data" / "forms" / "luohu-2023-tables-1-2"
    monkeypatch.setattr(
        "sys.stdin", _Stdin(stem.with_suffix(Path(name).suffix.lower()).read_bytes())
    )
    out = io.StringIO()
    assert main(["project", "audit", "-", "--stdin-name", name, "--json"], out) == 1
    document = json.loads(out.getvalue())
    assert [a["source"] for a in document["audits"]] == [f"{name}, table {n} of 2" for n in (1, 2)]
    assert "jixiao-" not in out.getvalue()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-", "--stdin-name", "t.doc"], "t.doc: not a Word document: its content is no Word"),
        (["-", "--stdin-name", "t.ods"], "t.ods: an OpenDocument spreadsheet (.ods) is not read"),
        (["-", "--stdin-name", "t"], "t: unknown file form"),
        (["examples/projects", "--stdin-name", "t.csv"], "--stdin-name names standard input"),
    ],
)
def test_a_stdin_name_that_cannot_be_read_is_one_line(
    args: list[str], said: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(b"a,b\n"))
    status, _ = cli(["project", "audit", *args])
    assert status == 2
    assert said in _one_error_line(capsys)


def test_standard_input_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("jixiao._service.MAX_INPUT_BYTES", 10)
    monkeypatch.setattr("sys.stdin", _Stdin(b"x" * 1000))
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["score", "-"]) == 2
    assert "refused" in err.getvalue()


def test_standard_input_cannot_be_mixed_with_files() -> None:
    out = io.StringIO()
    with contextlib.redirect_stderr(io.StringIO()):
        status = main(["project", "audit", "-", "examples/projects", "--json"], out)
    assert status == 2
    assert json.loads(out.getvalue())["error"]["field"] == "files"


@pytest.mark.parametrize(
    ("args", "kind", "field"),
    [
        (["score", "no-such.toml", "--json"], "ReadError", None),
        (
            ["score", "examples/luohu-2023-department.toml", "--json", "--interpretation", "x"],
            "InputError",
            "--interpretation",
        ),
        (["project", "audit", "--json", "--jsonl", "x"], "UsageError", None),
        (["framework", "no-such-framework", "--json"], "UnknownKeyError", None),
    ],
)
def test_with_json_an_error_is_one_json_object(
    args: list[str], kind: str, field: str | None
) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(args, out)
    assert status == 2
    data = json.loads(out.getvalue())  # one object, nothing else on standard output
    assert data["format"] == "jixiao.error/1"
    assert data["exit_code"] == 2
    assert data["error"]["kind"] == kind
    if kind != "UsageError":
        assert data["error"]["field"] == field
    assert err.getvalue().count("jixiao: 错误:") == 1  # the line for people, as without --json
    assert "Traceback" not in err.getvalue()


def test_without_json_an_error_is_one_line() -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["score", "no-such.toml"], out) == 2
    assert out.getvalue() == ""
    assert err.getvalue().count("\n") == 1


def test_project_table_of_a_year_outside_the_templates_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 13: ``project score`` refuses it in one line; ``project audit``
    checks it and reports the finding."""
    data = read_data_file(ROOT / "examples" / "projects" / "luohu-2023-04-行政服务大厅运行.toml")
    data["project"]["year"] = 2019
    path = tmp_path / "old.toml"
    path.write_text(dumps_toml(data), "utf-8")
    assert cli(["project", "score", str(path)])[0] == 2
    assert "applies to 2020–, not to 2019" in _one_error_line(capsys)
    status, out = cli(["project", "audit", str(path), "--json"])
    assert status == 0
    codes = [f["code"] for f in json.loads(out)["audits"][0]["findings"]]
    assert "year-outside-period" in codes


# ---------------------------------------------------------------- --lang on standard error


@pytest.mark.parametrize(
    ("argv", "lang"),
    [
        (["score", "x", "--lang", "zh"], "zh"),
        (["score", "x", "--lang=en"], "en"),
        (["--lang", "zh", "score", "x", "--lang", "en"], "en"),  # the last one given
        (["score", "x", "--lang", "fr"], "both"),  # not a language: argparse says so, in both
        (["score", "x", "--lang"], "both"),
        (["score", "x"], "both"),
    ],
)
def test_the_language_is_known_before_the_arguments_are_parsed(argv: list[str], lang: str) -> None:
    assert lang_of(argv) == lang


@pytest.mark.parametrize(
    ("lang", "start", "absent"),
    [
        ("zh", "jixiao: 错误: ", "error"),
        ("en", "jixiao: error: ", "错误"),
        ("both", "jixiao: 错误: ", ""),
    ],
)
def test_an_error_is_one_line_in_the_language(
    lang: str, start: str, absent: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["score", "no-such.toml", "--lang", lang])[0] == 2
    line = capsys.readouterr().err
    assert line.count("\n") == 1
    assert line.startswith(start)
    if absent:
        assert absent not in line
    if lang == "both":
        assert (
            line == "jixiao: 错误: no-such.toml：文件不存在 / error: no-such.toml: no such file\n"
        )


def test_a_usage_error_is_said_in_the_language_asked_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli(["score", "--lang", "zh"])[0] == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：jixiao score")
    assert err.splitlines()[-1] == "jixiao: 错误: 缺少必需的参数：file"
    status, out = cli(["score", "x", "--lang", "zh", "--json", "--jsonl"])
    assert status == 2
    error = json.loads(out)["error"]
    assert (error["kind"], error["message_zh"]) == ("UsageError", "无法识别的参数：--jsonl")
    assert "参数 --lang：无效的选项 'fr'" in _run_err(["score", "x", "--lang", "fr"], capsys)


def _run_err(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    cli(args)
    return capsys.readouterr().err


def test_with_json_an_error_carries_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = cli(["score", "no-such.toml", "--json", "--lang", "en"])
    assert status == 2
    error = json.loads(out)["error"]
    assert (error["message"], error["message_zh"]) == ("no such file", "文件不存在")
    assert error["text"] == "no-such.toml: no such file"
    assert error["text_zh"] == "no-such.toml：文件不存在"
    assert capsys.readouterr().err == "jixiao: error: no-such.toml: no such file\n"


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("zh", "jixiao: 警告: 行 政府采购执行情况，字段 purchased：实际采购金额超过采购计划金额；"),
        (
            "en",
            "jixiao: warning: row 政府采购执行情况, field purchased: more procured than planned",
        ),
    ],
)
def test_a_warning_is_one_line_in_the_language(
    lang: str, line: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = read_data_file(ROOT / "examples" / "luohu-2023-department.toml")
    data["inputs"]["procurement_execution"]["purchased"] = "160"
    path = tmp_path / "more-than-planned.toml"
    path.write_text(dumps_toml(data), "utf-8")
    status, text = cli(["score", str(path), "--lang", lang])
    assert status == 0
    assert text
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    assert err[0].startswith(line)


# ---------------------------------------------------------------- encodings named

_CSV = ROOT / "docs" / "guides" / "data" / "forms" / "luohu-2023-tables-1-2.csv"


def test_a_gbk_csv_is_audited_when_its_encoding_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Excel's plain CSV on a Chinese Windows is GBK: refused (never guessed)
    with what to do, read when --encoding names it, in audit and convert."""
    path = tmp_path / "plain.csv"
    path.write_bytes(_CSV.read_text("utf-8-sig").encode("gbk"))
    status, _ = cli(["project", "audit", str(path)])
    assert status == 2
    assert "--encoding gbk" in capsys.readouterr().err
    status, out = cli(["project", "audit", str(path), "--encoding", "gbk", "--json"])
    assert status == 1  # the second table prints ##### (an error-level finding)
    assert [a["project"]["name"] for a in json.loads(out)["audits"]] == ["党政事务", "干部健康管理"]
    target = tmp_path / "tables"
    status, _ = cli(["project", "convert", str(path), "--encoding", "GB2312", "-o", str(target)])
    assert status == 0
    assert len(list(target.glob("*.toml"))) == 2


@pytest.mark.parametrize("name", ["klingon", "rot13", "base64"])
def test_an_unknown_encoding_is_one_line(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["project", "audit", str(_CSV)], ["project", "convert", str(_CSV), "-o", "x"]):
        status, _ = cli([*command, "--encoding", name])
        assert status == 2
        assert f"unknown text encoding '{name}'" in _one_error_line(capsys)
