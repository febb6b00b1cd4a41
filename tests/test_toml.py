"""jixiao._toml: exact reading of TOML and JSON, and the small TOML writer."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from jixiao import _toml
from jixiao._toml import dumps_json, dumps_toml, read_data_file, read_json_text, read_toml_text
from jixiao.errors import ReadError

from .strategies import toml_data

D = Decimal


def test_toml_floats_are_read_as_decimals() -> None:
    data = read_toml_text('a = 0.1\nb = 157.46\nc = 3\nd = "2.5"\n', "t.toml")
    assert data == {"a": D("0.1"), "b": D("157.46"), "c": 3, "d": "2.5"}
    assert isinstance(data["a"], Decimal)
    assert type(data["c"]) is int


def test_json_floats_are_read_as_decimals() -> None:
    data = read_json_text('{"a": 0.1, "b": [1, 2.50], "c": true}', "t.json")
    assert data == {"a": D("0.1"), "b": [1, D("2.50")], "c": True}
    assert isinstance(data["b"][1], Decimal)


@pytest.mark.parametrize("text", ["a = ", "[x\n", "a = 1\na = 2\n", "a = 'unterminated"])
def test_invalid_toml_names_the_source(text: str) -> None:
    with pytest.raises(ReadError, match="not valid TOML") as caught:
        read_toml_text(text, "broken.toml")
    assert str(caught.value).startswith("broken.toml: ")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{", "not valid JSON"),
        ("[1, 2]", "top level must be an object"),
        ('"x"', "top level"),
        ("[" * 100_000, "not valid JSON"),
    ],
)
def test_invalid_json_names_the_source(text: str, words: str) -> None:
    with pytest.raises(ReadError, match=words) as caught:
        read_json_text(text, "broken.json")
    assert "broken.json" in str(caught.value)


def test_read_data_file(tmp_path: Path) -> None:
    toml = tmp_path / "a.toml"
    toml.write_text("x = 1.5\n", "utf-8")
    assert read_data_file(toml) == {"x": D("1.5")}
    upper = tmp_path / "b.JSON"
    upper.write_text('{"x": 1.5}', "utf-8")
    assert read_data_file(str(upper)) == {"x": D("1.5")}
    bom = tmp_path / "c.toml"
    bom.write_bytes('\ufeffname = "罗湖"\n'.encode())
    assert read_data_file(bom) == {"name": "罗湖"}


def test_read_data_file_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_data_file(tmp_path / "absent.toml")
    with pytest.raises(ReadError, match="is a folder"):
        read_data_file(tmp_path)
    latin = tmp_path / "latin.toml"
    latin.write_bytes('name = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(ReadError, match="not UTF-8"):
        read_data_file(latin)
    other = tmp_path / "dept.yaml"
    other.write_text("x: 1", "utf-8")
    with pytest.raises(ReadError, match="unknown file form") as caught:
        read_data_file(other)
    assert "dept.yaml" in str(caught.value)
    big = tmp_path / "big.toml"
    big.write_text("x = 1\n" * 10, "utf-8")
    monkeypatch.setattr(_toml, "MAX_FILE_BYTES", 10)
    with pytest.raises(ReadError, match="too large"):
        read_data_file(big)


def test_dumps_json_writes_decimals_as_strings() -> None:
    text = dumps_json({"total": D("97.11"), "items": (D("1"), True, None), "名称": "罗湖"})
    assert json.loads(text) == {"total": "97.11", "items": ["1", True, None], "名称": "罗湖"}
    assert "罗湖" in text  # not escaped
    assert text.endswith("\n")


def test_dumps_toml_decimals_as_strings_and_none_left_out() -> None:
    text = dumps_toml({"a": D("0.10"), "b": None, "c": {"d": D("2"), "e": None}})
    assert read_toml_text(text, "t") == {"a": "0.10", "c": {"d": "2"}}


def test_dumps_toml_long_lists_and_tables() -> None:
    data: dict[str, Any] = {
        "notes": ["x" * 60, "y" * 60],
        "short": [1, 2],
        "groups": [{"key": "a", "weight": "1"}, {"key": "b", "sub": {"k": True}}],
        "quoted key": {"中文": "值"},
        "empty": [],
    }
    text = dumps_toml(data)
    assert 'notes = [\n  "' in text
    assert "[[groups]]" in text
    assert '["quoted key"]' in text
    assert read_toml_text(text, "t") == data


def test_dumps_toml_refuses_floats() -> None:
    with pytest.raises(TypeError, match="float"):
        dumps_toml({"x": 0.5})
    with pytest.raises(TypeError, match="float"):
        dumps_toml({"x": [0.5]})


@given(toml_data())
@example({"0\n": {}})  # a key ending in a newline must be quoted
@example({"0\n": [{}]})
@example({"a\n": "x"})
def test_dumps_toml_round_trips(data: dict[str, Any]) -> None:
    assert read_toml_text(dumps_toml(data), "generated.toml") == data


@given(toml_data())
def test_dumps_json_round_trips(data: dict[str, Any]) -> None:
    assert read_json_text(dumps_json(data), "generated.json") == data


@given(st.text(alphabet=st.sampled_from('a名\n\r\u2028\u2029\u0085\x0b\x1c\\"')))
@example("行政\u2028服务\u2029大厅\u0085运行")
def test_json_text_is_one_line_whatever_the_text(text: str) -> None:
    """Issue 13: no line separator stands raw, so JSON Lines split at any of
    them (``str.splitlines``) keep one record a line; Chinese stays as written."""
    line = _toml.json_text({"名称": text, text: [text]})
    assert len(line.splitlines()) == 1
    assert json.loads(line) == {"名称": text, text: [text]}
    assert "名称" in line
    assert dumps_json({"x": text}).count("\n") == 3


@pytest.mark.parametrize("data", [{"a": "x\x7fy"}, {"k\x7f": "v"}])
def test_dumps_toml_escapes_del(data: dict[str, Any]) -> None:
    assert read_toml_text(dumps_toml(data), "t") == data


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"a": 1, "a": 2}', "the key 'a' is given twice"),
        ('{"a": {"b": 1, "b": 1}}', "the key 'b' is given twice"),
        ('{"a": ' + "9" * 5000 + "}", "an integer of more than 40 digits"),
        ('{"a": -' + "9" * 41 + "}", "an integer of more than 40 digits"),
        ('{"a": ' + "[" * 40 + "]" * 40 + "}", "nested more than 32 deep"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
    ],
)
def test_hostile_json_is_refused_by_name(text: str, words: str) -> None:
    """Duplicate keys (taken silently as the last before), integers Python will
    not convert, and nesting without end are each one clear error."""
    with pytest.raises(ReadError, match=r"^h\.json: ") as raised:
        read_json_text(text, "h.json")
    assert words in str(raised.value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a = " + "9" * 5000, "an integer with too many digits"),
        ("a = " + "[" * 5000 + "]" * 5000, "nested more than 32 deep"),
        ("a = " + "[" * 40 + "]" * 40, "nested more than 32 deep"),
        ("a = 1\na = 2", "not valid TOML"),
    ],
)
def test_hostile_toml_is_refused_by_name(text: str, words: str) -> None:
    with pytest.raises(ReadError, match=r"^h\.toml: ") as raised:
        read_toml_text(text, "h.toml")
    assert words in str(raised.value)


def test_deep_but_allowed_nesting_is_read() -> None:
    text = '{"a": ' + "[" * 31 + "]" * 31 + "}"
    nested = read_json_text(text, "h.json")["a"]
    for _ in range(30):
        assert isinstance(nested, list)
        assert len(nested) == 1
        nested = nested[0]
    assert nested == []


def test_devices_and_pipes_are_refused_at_once(tmp_path: Path) -> None:
    """Reading /dev/zero (or a pipe) would never end: a file must be a regular one."""
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    for path in (pipe, link, Path("/dev/zero")):
        with pytest.raises(ReadError, match="not a regular file"):
            read_data_file(path)


@pytest.mark.parametrize(
    ("read", "text", "zh"),
    [
        (read_toml_text, "name = [", "不是有效的 TOML：无效的值（文档末尾）"),
        (read_toml_text, "a = 1\nb c", "不是有效的 TOML：键之后应为 '='（第 2 行第 3 列）"),
        (read_toml_text, 'a = "x', "不是有效的 TOML：字符串未结束（文档末尾）"),
        (read_json_text, '{"a": }', "不是有效的 JSON：此处应为一个值（第 1 行第 7 列）"),
        (read_json_text, '{"a": 1} x', "不是有效的 JSON：多余的数据（第 1 行第 10 列）"),
    ],
)
def test_a_file_that_does_not_parse_is_said_in_chinese_too(
    read: Callable[[str, str], object], text: str, zh: str
) -> None:
    with pytest.raises(ReadError) as caught:
        read(text, "f")
    assert caught.value.message_zh == zh
    assert caught.value.message.startswith("not valid ")  # the parser's own English
