"""The ``jixiao`` command's parser in a language (private): the parser class
that helps and refuses in ``--lang``'s language, argparse's messages in
Chinese, and ``--lang`` read before the arguments are parsed.

A usage error (arguments the command does not take) is said in Chinese and
English like every error: argparse's English, each of its message forms
translated by :data:`ARGPARSE_ZH` (a form it gains later stays English in
the Chinese line). The language is known before the arguments are parsed
(:func:`lang_of`), so that the error about them, and the help, are said in it.
"""

from __future__ import annotations

import argparse
import functools
import re
from collections.abc import Sequence
from typing import Any, NoReturn

from jixiao._format import LANGS, Words, words_in
from jixiao.errors import InputError

__all__ = ["ARGPARSE_ZH", "STDIN", "Parser", "UsageError", "add_lang", "lang_of", "usage_in"]

STDIN = ("为 - 时从标准输入读取", "read from standard input when it is -")


def add_lang(
    parser: argparse.ArgumentParser,
    say: Words,
    help: tuple[str, str] = ("文字的语言", "language of the text"),
) -> None:
    """``--lang zh|en|both``: the language of every line of the command's text."""
    parser.add_argument("--lang", choices=LANGS, default="both", help=say(*help))


ARGPARSE_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(english), chinese)
    for english, chinese in (
        (r"invalid choice: (.+) \(choose from (.+)\)$", r"无效的选项 \1（可选：\2）"),
        (r"invalid (\w+) value: (.+)$", r"无效的 \1 值：\2"),
        (r"^expected one argument$", "需要一个值"),
        (r"^expected at least one argument$", "至少需要一个值"),
        (r"^expected at most one argument$", "至多一个值"),
        (r"^not allowed with argument (.+)$", r"不能与参数 \1 同时使用"),
        (r"^ignored explicit argument (.+)$", r"多余的值 \1 被忽略"),
        (r"^the following arguments are required: (.+)$", r"缺少必需的参数：\1"),
        (r"^one of the arguments (.+) is required$", r"参数 \1 中须给出一个"),
        (r"^unrecognized arguments: (.+)$", r"无法识别的参数：\1"),
        (r"^ambiguous option: (.+) could match (.+)$", r"有歧义的选项：\1 可能是 \2"),
    )
)
"""argparse's message forms and their Chinese (after the argument's name,
``argument --lang: `` → ``参数 --lang：``)."""
_ARGUMENT = re.compile(r"argument (.+?): (.*)")


def _argparse_zh(message: str) -> str:
    named = _ARGUMENT.fullmatch(message)
    if named is not None:
        return f"参数 {named[1]}：{_argparse_zh(named[2])}"
    for pattern, chinese in ARGPARSE_ZH:
        if pattern.search(message):
            return pattern.sub(chinese, message)
    return message


class UsageError(InputError):
    """Arguments the command does not take (argparse's error, raised instead
    of exiting, so that ``--json`` can report it as JSON; bad input like
    any other); *usage* is the command's usage line."""

    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message, zh=_argparse_zh(message))
        self.usage = usage


class Parser(argparse.ArgumentParser):
    """An argument parser that raises :class:`UsageError` instead of exiting,
    and writes its help in *lang* (its own words too: the section titles,
    ``-h`` and the usage line's first word)."""

    def __init__(self, *args: Any, lang: str = "both", **kwargs: Any) -> None:
        kwargs["add_help"] = False  # its own -h, helped in its language
        super().__init__(*args, **kwargs)
        self.lang = lang
        say = words_in(lang)
        self._positionals.title = say("位置参数", "positional arguments")
        self._optionals.title = say("选项", "options")
        self.add_argument(
            "-h", "--help", action="help", help=say("显示此帮助并退出", "show this help and exit")
        )

    def add_subparsers(self, **kwargs: Any) -> Any:
        """Commands under this one, parsed and helped in its language."""
        kwargs.setdefault("parser_class", functools.partial(Parser, lang=self.lang))
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.format_usage())

    def format_help(self) -> str:
        return usage_in(super().format_help(), self.lang)


def lang_of(argv: Sequence[str]) -> str:
    """The language ``--lang`` asks for in *argv* (``--lang zh`` or
    ``--lang=zh``, the last one given), read before the arguments are
    parsed, so that an error about them is said in it; ``both`` when there is
    none or it is not one of zh, en, both."""
    lang = "both"
    for index, word in enumerate(argv):
        value = word[len("--lang=") :] if word.startswith("--lang=") else None
        if word == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value is not None:
            lang = value if value in LANGS else "both"
    return lang


def usage_in(usage: str, lang: str) -> str:
    """argparse's usage line (or help) with its first word in *lang*
    (``用法：`` in Chinese, ``用法 usage:`` in both)."""
    if lang != "en" and usage.startswith("usage: "):
        head = "用法：" if lang == "zh" else "用法 usage: "
        return head + usage[len("usage: ") :]
    return usage
