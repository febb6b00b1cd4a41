"""The ``jixiao`` command's arguments (private; :func:`jixiao.cli.build_parser`
is the public face, and the CLI reference is generated from it).

Each command names its handler by a key (``"score"``, ``"project audit"``…),
which :func:`build_parser` looks up in the mapping it is given: the parser
knows the commands' words, :mod:`jixiao.cli` what they do.

A usage error (arguments the command does not take) is said in Chinese and
English like every error: argparse's English, each of its message forms
translated by :data:`ARGPARSE_ZH` (a form it gains later stays English in
the Chinese line). The language is known before the arguments are parsed
(:func:`lang_of`), so that the error about them is said in it.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn, TextIO

from jixiao._format import LANGS
from jixiao._version import __version__
from jixiao.errors import InputError

__all__ = ["ARGPARSE_ZH", "Handler", "Parser", "UsageError", "build_parser", "lang_of", "usage_in"]

Handler = Callable[[argparse.Namespace, TextIO], int]

STDIN = "read from standard input when it is -"


def _add_lang(parser: argparse.ArgumentParser, help: str = "language of the text") -> None:
    """``--lang zh|en|both``: the language of every line of the command's text."""
    parser.add_argument("--lang", choices=LANGS, default="both", help=help)


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
    """An argument parser that raises :class:`UsageError` instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.format_usage())


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
    """argparse's usage line with its first word in *lang* (``用法：`` in Chinese)."""
    if lang == "zh" and usage.startswith("usage: "):
        return "用法：" + usage[len("usage: ") :]
    return usage


def _add_score(commands: Any, name: str, help: str, handler: Handler) -> None:
    score = commands.add_parser(
        name,
        help=help,
        description="Score a department input file (schema jixiao.department/1) on its framework.",
    )
    score.add_argument("file", help=f"the department input file (.toml or .json); {STDIN}")
    score.add_argument(
        "--json", action="store_true", help="print JSON (format jixiao.evaluation/1)"
    )
    _add_lang(score, "language of the explanations")
    score.add_argument(
        "--interpretation",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="read an interpretation otherwise than by default, e.g. "
        "budget_execution.quarter_cap=uncapped (repeatable; `jixiao framework ID` lists them)",
    )
    score.add_argument(
        "--sensitivity",
        action="store_true",
        help="list every interpretation whose alternatives change a score, with the points "
        "and the total under each",
    )
    score.set_defaults(handler=handler)


def _add_project(commands: Any, handlers: Mapping[str, Handler]) -> None:
    project = commands.add_parser(
        "project", help="project self-evaluation tables (项目支出绩效自评表)"
    )
    project_commands = project.add_subparsers(dest="subcommand", metavar="COMMAND", required=True)
    pscore = project_commands.add_parser(
        "score",
        help="score a project table from scratch",
        description="Score a project table (schema jixiao.project/1): points from targets and "
        "actuals where the rules allow, the evaluator's printed points where they do not.",
    )
    pscore.add_argument("file", help=f"the project table file (.toml or .json); {STDIN}")
    paudit = project_commands.add_parser(
        "audit",
        help="audit filled project tables",
        description="Recompute what can be recomputed in filled tables and report every "
        "inconsistency. Exit status 1 when any table has an error-level finding.",
    )
    paudit.add_argument(
        "files",
        nargs="+",
        help="table files (.toml, .json, .txt, .xlsx) or folders of them; - alone reads one "
        "table file or text from standard input",
    )
    paudit.add_argument("--report", metavar="DIR", help="write Markdown and HTML reports to DIR")
    paudit.add_argument(
        "--mark", metavar="OUT.xlsx", help="write a copy of the .xlsx audited, findings marked"
    )
    pscore.add_argument("--json", action="store_true", help="print JSON")
    form = paudit.add_mutually_exclusive_group()
    form.add_argument(
        "--json",
        action="store_true",
        help="print one JSON document (format jixiao.project-audit-batch/1), "
        "written as the tables are audited",
    )
    form.add_argument(
        "--jsonl",
        action="store_true",
        help="print JSON Lines (format jixiao.project-audit-lines/1): a record per audit, "
        "unplaced line and unreadable file, each written as its file is audited, then the summary",
    )
    for sub in (pscore, paudit):
        sub.add_argument("--template", metavar="ID", help="audit or score on this template")
        _add_lang(sub)
    pscore.set_defaults(handler=handlers["project score"])
    paudit.set_defaults(handler=handlers["project audit"])
    convert = project_commands.add_parser(
        "convert",
        help="convert tables between forms (.txt, .xlsx, .toml, .json)",
        description="Read every table in the inputs and write them to OUTPUT: one .xlsx "
        "workbook (a sheet per table, with recomputed points beside the printed ones), one "
        ".toml/.json file (a single table), or a folder of .toml/.json files.",
    )
    convert.add_argument("files", nargs="+", help="table files or folders")
    convert.add_argument(
        "--output", "-o", required=True, help="an .xlsx, .toml or .json file, or a folder"
    )
    convert.add_argument(
        "--form", choices=("toml", "json"), default="toml", help="file form when OUTPUT is a folder"
    )
    convert.add_argument(
        "--as-printed",
        action="store_true",
        help="in .xlsx, leave out the recomputed column and audit",
    )
    _add_lang(convert)
    convert.set_defaults(handler=handlers["project convert"])

    ptemplates = project_commands.add_parser("templates", help="list the shipped templates")
    ptemplates.add_argument(
        "--json", action="store_true", help="print JSON (format jixiao.templates/1)"
    )
    _add_lang(ptemplates)
    ptemplates.set_defaults(handler=handlers["project templates"])


def build_parser(handlers: Mapping[str, Handler]) -> argparse.ArgumentParser:
    """The argument parser, each command's handler taken from *handlers*."""
    parser = Parser(
        prog="jixiao",
        description="Budget-performance scoring rules (预算绩效评价), exact and explained.",
    )
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    _add_score(
        commands, "score", "score a department input file (部门整体支出绩效评价)", handlers["score"]
    )
    department = commands.add_parser("department", help="department evaluation commands")
    department_commands = department.add_subparsers(
        dest="subcommand", metavar="COMMAND", required=True
    )
    _add_score(department_commands, "score", "score a department input file", handlers["score"])

    listing = commands.add_parser("frameworks", help="list the shipped frameworks")
    listing.add_argument(
        "--json", action="store_true", help="print JSON (format jixiao.frameworks/1)"
    )
    _add_lang(listing)
    listing.set_defaults(handler=handlers["frameworks"])

    show = commands.add_parser("framework", help="show a framework's indicator tree")
    show.add_argument("id", help="a shipped framework id, or a framework file")
    show.add_argument("--json", action="store_true", help="print the framework's file form as JSON")
    _add_lang(show)
    show.set_defaults(handler=handlers["framework"])

    _add_project(commands, handlers)

    serve = commands.add_parser(
        "serve",
        help="serve the scoring and auditing as a web API (needs the [server] extra)",
        description="Serve jixiao over HTTP (see the service's documentation): score a "
        "department, score or audit a project table, list and show the rule sets.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="the port to listen on")
    serve.set_defaults(handler=handlers["serve"])
    return parser
