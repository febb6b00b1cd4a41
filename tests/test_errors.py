"""The exception hierarchy: every message in English and Chinese.

Every place in the package that makes a :class:`~jixiao.errors.JixiaoError`
(or a :class:`~jixiao.errors.PlausibilityWarning`) gives its Chinese
wording (``zh=``) beside the English, and a helper that hands a message on
hands both (:class:`~jixiao.errors.Wording`): the scan below reads every
module's source, so a new message without its Chinese fails here.
"""

from __future__ import annotations

import ast
import errno
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jixiao
import jixiao.errors as errors
from jixiao.errors import (
    InputError,
    JixiaoError,
    NumberError,
    PlausibilityWarning,
    ReadError,
    UnknownKeyError,
    Wording,
    check_lang,
    system_reason,
)
from jixiao.numbers import check_decimal

SRC = Path(jixiao.__file__).parent
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

ERROR_CLASSES = {
    name
    for name, value in vars(errors).items()
    if isinstance(value, type) and issubclass(value, JixiaoError | PlausibilityWarning)
}
"""The names of the package's own error classes."""

BUILTIN = {"AssertionError", "IndexError", "KeyError", "NotImplementedError", "TypeError"}
BUILTIN |= {"ValueError"}
"""Python's own errors, raised for a programming fault, never shown to a user as a message."""

INTERNAL = {
    "UsageError": "argparse's message, translated by jixiao._cli_language",
    "LayoutError": "a reader's reason for text it cannot place (a Wording: an Unplaced reason)",
    "TableRejected": "a reader's reason for a table it cannot read (a Wording: an Unplaced reason)",
    "NoColumnForm": "the column evaluator's signal to fall back to the Decimal one; never shown",
}
"""Exceptions raised and caught inside the package, and what becomes of their text."""


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _sites() -> Iterator[tuple[str, ast.Call]]:
    """Every call that makes one of the package's errors: by the class's name,
    or a raise of a class passed in as an argument (``raise error(…)``; a
    helper function of the package that returns an error is scanned itself)."""
    trees = {path: ast.parse(path.read_text("utf-8")) for path in sorted(SRC.rglob("*.py"))}
    helpers = {
        n.name for tree in trees.values() for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)
    }
    for path, tree in trees.items():
        raised = {
            id(node.exc)
            for node in ast.walk(tree)
            if isinstance(node, ast.Raise)
            and isinstance(node.exc, ast.Call)
            and isinstance(node.exc.func, ast.Name)
            and node.exc.func.id not in helpers
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node)
            if name in BUILTIN or name in INTERNAL:
                continue
            if name in ERROR_CLASSES or (id(node) in raised and name[:1].islower()):
                where = f"{path.relative_to(SRC.parent)}:{node.lineno}"
                yield where, node


def _literal(node: ast.expr) -> str | None:
    """The text of a literal message (the constant parts of an f-string), else ``None``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    if isinstance(node, ast.BinOp):
        left, right = _literal(node.left), _literal(node.right)
        return None if left is None and right is None else (left or "") + (right or "")
    return None


SITES = list(_sites())


def test_the_scan_finds_the_raise_sites() -> None:
    """The scan sees the package's errors (some 330 places), so a pass means something."""
    assert len(SITES) > 300
    assert any(where.startswith("jixiao/cli.py") for where, _ in SITES)


def test_every_error_the_package_makes_has_its_chinese() -> None:
    missing = [
        f"{where}: {ast.unparse(call)[:100]}"
        for where, call in SITES
        if not any(k.arg == "zh" for k in call.keywords)
    ]
    assert missing == []


def test_every_literal_chinese_wording_is_chinese_and_not_the_english() -> None:
    wrong = []
    for where, call in SITES:
        zh = next((k.value for k in call.keywords if k.arg == "zh"), None)
        text = None if zh is None else _literal(zh)
        english = _literal(call.args[0]) if call.args else None
        if text is not None and (not HAN.search(text) or text == english):
            wrong.append(f"{where}: {ast.unparse(zh)[:100]}")  # type: ignore[arg-type]
    assert wrong == []


def test_every_wording_helpers_hand_on_is_chinese() -> None:
    """``Wording(en, zh)`` written out: its Chinese is Chinese (or empty with the English)."""
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and _name(node) == "Wording" and len(node.args) == 2:
                zh = _literal(node.args[1])
                if zh and not HAN.search(zh):  # "" with "": no message
                    wrong.append(f"{path.name}:{node.lineno}")
    assert wrong == []


def test_an_error_speaks_both_languages() -> None:
    error = InputError(
        "must not be negative", zh="不得为负数", field="x", row="预算执行率", value=Decimal(-1)
    ).located(source="a.toml")
    assert str(error) == "a.toml, row 预算执行率, field x: must not be negative (got Decimal('-1'))"
    assert error.text("en") == str(error)
    assert error.text("zh") == "a.toml，行 预算执行率，字段 x：不得为负数（所给值：Decimal('-1')）"
    assert error.text() == f"{error.text('zh')} / {error.text('en')}"
    data = error.to_dict()
    assert data["message"] == "must not be negative"
    assert data["message_zh"] == "不得为负数"
    assert data["text"] == str(error)
    assert data["text_zh"] == error.text("zh")


def test_a_message_without_chinese_shows_its_english_in_both() -> None:
    """An error a program raises itself (no ``zh``) still has a Chinese line."""
    error = ReadError("no such file", source="x.toml")
    assert error.message_zh == "no such file"
    assert error.text("zh") == "x.toml：no such file"


def test_an_unknown_key_error_is_not_quoted() -> None:
    error = UnknownKeyError("no such key", zh="没有此键", value="k")
    assert str(error) == "no such key (got 'k')"
    assert error.text("zh") == "没有此键（所给值：'k'）"


def test_a_warning_speaks_both_languages() -> None:
    warning = PlausibilityWarning("falls", zh="下降", field="q", value=1)
    assert str(warning) == "field q: falls (got 1)"
    assert warning.text("zh") == "字段 q：下降（所给值：1）"
    assert warning.text() == "字段 q：下降（所给值：1） / field q: falls (got 1)"


def test_a_language_outside_the_three_is_refused() -> None:
    with pytest.raises(InputError, match="expected zh, en or both") as caught:
        InputError("x", zh="甲").text("fr")
    assert caught.value.message_zh == "应为 zh、en 或 both"
    assert check_lang("zh") == "zh"


def test_a_value_too_large_to_show_is_named_in_each_language() -> None:
    error = NumberError("too large", zh="过大", value=[10**5000])
    assert str(error) == "too large (got <a list too large to show>)"
    assert error.text("zh") == "过大（所给值：<过大、无法显示的 list>）"


def test_a_long_value_is_cut_in_each_language() -> None:
    error = InputError("long", zh="长", value="x" * 2000)
    assert str(error).endswith("… (2,002 characters))")
    assert error.text("zh").endswith("…（共 2,002 个字符））")


def test_the_systems_reasons_have_their_chinese() -> None:
    assert system_reason(OSError(errno.ENOSPC, "No space left on device")).zh == "磁盘空间不足"
    assert system_reason(OSError(errno.ENOTEMPTY, "Directory not empty")) == Wording(
        "Directory not empty", "Directory not empty"
    )


@given(st.text(), st.text(), st.sampled_from(["zh", "en", "both"]))
def test_the_line_holds_both_messages_and_the_location(en: str, zh: str, lang: str) -> None:
    error = InputError(en or "x", zh=zh, field="f", row="r", source="s")
    line = error.text(lang)
    if lang != "zh":
        assert en in line
    if lang != "en":
        assert (zh or en) in line
    assert line.startswith("s")


def test_a_value_described_not_shown_is_described_in_each_language() -> None:
    """An integer too long to write out is described, in the line's language."""
    with pytest.raises(NumberError) as raised:
        check_decimal(10**5000, field="spent")
    error = raised.value
    assert "'至少 5,000 位的整数'" in error.text("zh")
    assert "'an integer of at least 5,000 digits'" in error.text("en")
    assert error.to_dict()["value"] == "'an integer of at least 5,000 digits'"
