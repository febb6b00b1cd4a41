"""The ``jixiao`` command's arguments (private; :func:`jixiao.cli.build_parser`
is the public face, and the CLI reference is generated from it).

Each command names its handler by a key (``"score"``, ``"project audit"``…),
which :func:`build_parser` looks up in the mapping it is given: the parser
knows the commands' words, :mod:`jixiao.cli` what they do. Every help text
is written in English and Chinese (:mod:`jixiao._cli_language` picks by
``--lang``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from typing import Any, TextIO

from jixiao._cli_language import STDIN, Parser, Say, add_lang
from jixiao._version import __version__

__all__ = ["Handler", "build_parser"]

Handler = Callable[[argparse.Namespace, TextIO], int]


def _add_score(commands: Any, name: str, help: str, handler: Handler, say: Say) -> None:
    score = commands.add_parser(
        name,
        help=help,
        description=say(
            "Score a department input file (schema jixiao.department/1) on its framework.",
            "按部门输入文件（格式 jixiao.department/1）所用的指标框架评分。",
        ),
    )
    score.add_argument(
        "file",
        help=say(
            f"the department input file (.toml or .json); {STDIN[0]}",
            f"部门输入文件（.toml 或 .json）；{STDIN[1]}",
        ),
    )
    score.add_argument(
        "--json",
        action="store_true",
        help=say(
            "print JSON (format jixiao.evaluation/1)", "输出 JSON（格式 jixiao.evaluation/1）"
        ),
    )
    add_lang(score, say, ("language of the explanations", "说明的语言"))
    score.add_argument(
        "--interpretation",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=say(
            "read an interpretation otherwise than by default, e.g. "
            "budget_execution.quarter_cap=uncapped (repeatable; `jixiao framework ID` lists them)",
            "按非默认的方式理解一项解释，例如 budget_execution.quarter_cap=uncapped"
            "（可重复；`jixiao framework ID` 列出各项解释）",
        ),
    )
    score.add_argument(
        "--sensitivity",
        action="store_true",
        help=say(
            "list every interpretation whose alternatives change a score, with the points "
            "and the total under each",
            "列出其他理解会改变得分的每一项解释，及各理解下的得分与总分",
        ),
    )
    score.set_defaults(handler=handler)


def _add_project_audit(project_commands: Any, handler: Handler, say: Say) -> Any:
    paudit = project_commands.add_parser(
        "audit",
        help=say("audit filled project tables", "审核已填写的项目支出绩效自评表"),
        description=say(
            "Recompute what can be recomputed in filled tables and report every "
            "inconsistency. Exit status 1 when any table has an error-level finding.",
            "复核已填写的表中一切可复核之处，报告每一处不一致。任一表有错误级别的发现时，退出状态为 1。",
        ),
    )
    paudit.add_argument(
        "files",
        nargs="+",
        help=say(
            "table files (.toml, .json, .txt, .xlsx) or folders of them; - alone reads one "
            "table file or text from standard input",
            "表文件（.toml、.json、.txt、.xlsx）或存放它们的文件夹；单独一个 - 从标准输入读取一个表文件或文本",
        ),
    )
    paudit.add_argument(
        "--report",
        metavar="DIR",
        help=say("write Markdown and HTML reports to DIR", "将 Markdown 与 HTML 报告写入 DIR"),
    )
    paudit.add_argument(
        "--mark",
        metavar="OUT.xlsx",
        help=say(
            "write a copy of the .xlsx audited, findings marked",
            "写出所审核 .xlsx 的副本，标出各项发现",
        ),
    )
    form = paudit.add_mutually_exclusive_group()
    form.add_argument(
        "--json",
        action="store_true",
        help=say(
            "print one JSON document (format jixiao.project-audit-batch/1), "
            "written as the tables are audited",
            "输出一个 JSON 文档（格式 jixiao.project-audit-batch/1），边审核边写出",
        ),
    )
    form.add_argument(
        "--jsonl",
        action="store_true",
        help=say(
            "print JSON Lines (format jixiao.project-audit-lines/1): a record per audit, "
            "unplaced line and unreadable file, each written as its file is audited, "
            "then the summary",
            "输出 JSON Lines（格式 jixiao.project-audit-lines/1）：每次审核、每一未能归位的行、"
            "每一无法读取的文件各一条记录，随各文件的审核写出，最后是汇总",
        ),
    )
    paudit.set_defaults(handler=handler)
    return paudit


def _add_project(commands: Any, handlers: Mapping[str, Handler], say: Say) -> None:
    project = commands.add_parser(
        "project",
        help=say("project self-evaluation tables", "项目支出绩效自评表"),
    )
    project_commands = project.add_subparsers(dest="subcommand", metavar="COMMAND", required=True)
    pscore = project_commands.add_parser(
        "score",
        help=say("score a project table from scratch", "从头为项目支出绩效自评表评分"),
        description=say(
            "Score a project table (schema jixiao.project/1): points from targets and "
            "actuals where the rules allow, the evaluator's printed points where they do not.",
            "为项目支出绩效自评表（格式 jixiao.project/1）评分：规则允许之处按指标值与实际完成值计分，"
            "其余取评价人印出的分值。",
        ),
    )
    pscore.add_argument(
        "file",
        help=say(
            f"the project table file (.toml or .json); {STDIN[0]}",
            f"项目支出绩效自评表文件（.toml 或 .json）；{STDIN[1]}",
        ),
    )
    paudit = _add_project_audit(project_commands, handlers["project audit"], say)
    pscore.add_argument("--json", action="store_true", help=say("print JSON", "输出 JSON"))
    for sub in (pscore, paudit):
        sub.add_argument(
            "--template",
            metavar="ID",
            help=say("audit or score on this template", "按此模板审核或评分"),
        )
        add_lang(sub, say)
    pscore.set_defaults(handler=handlers["project score"])
    convert = project_commands.add_parser(
        "convert",
        help=say(
            "convert tables between forms (.txt, .xlsx, .toml, .json)",
            "在各种形式（.txt、.xlsx、.toml、.json）之间转换表",
        ),
        description=say(
            "Read every table in the inputs and write them to OUTPUT: one .xlsx "
            "workbook (a sheet per table, with recomputed points beside the printed ones), one "
            ".toml/.json file (a single table), or a folder of .toml/.json files.",
            "读取输入中的每一张表并写入 OUTPUT：一个 .xlsx 工作簿（每表一个工作表，印出的分值旁附复核的分值）、"
            "一个 .toml/.json 文件（一张表），或一个存放 .toml/.json 文件的文件夹。",
        ),
    )
    convert.add_argument("files", nargs="+", help=say("table files or folders", "表文件或文件夹"))
    convert.add_argument(
        "--output",
        "-o",
        required=True,
        help=say(
            "an .xlsx, .toml or .json file, or a folder",
            "一个 .xlsx、.toml 或 .json 文件，或一个文件夹",
        ),
    )
    convert.add_argument(
        "--form",
        choices=("toml", "json"),
        default="toml",
        help=say("file form when OUTPUT is a folder", "OUTPUT 为文件夹时的文件形式"),
    )
    convert.add_argument(
        "--as-printed",
        action="store_true",
        help=say(
            "in .xlsx, leave out the recomputed column and audit", "在 .xlsx 中不写复核列与审核结果"
        ),
    )
    add_lang(convert, say)
    convert.set_defaults(handler=handlers["project convert"])

    ptemplates = project_commands.add_parser(
        "templates", help=say("list the shipped templates", "列出随附的模板")
    )
    ptemplates.add_argument(
        "--json",
        action="store_true",
        help=say("print JSON (format jixiao.templates/1)", "输出 JSON（格式 jixiao.templates/1）"),
    )
    add_lang(ptemplates, say)
    ptemplates.set_defaults(handler=handlers["project templates"])


def build_parser(handlers: Mapping[str, Handler], lang: str = "both") -> argparse.ArgumentParser:
    """The argument parser, each command's handler taken from *handlers*, its
    help in *lang*."""
    say = Say(lang)
    parser = Parser(
        prog="jixiao",
        description=say(
            "Budget-performance scoring rules, exact and explained.",
            "预算绩效评价规则：分毫不差，每一分都有说明。",
        ),
        lang=lang,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"jixiao {__version__}",
        help=say("show the version and exit", "显示版本并退出"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    _add_score(
        commands,
        "score",
        say(
            "score a department input file",
            "为部门输入文件评分（部门整体支出绩效评价）",
        ),
        handlers["score"],
        say,
    )
    department = commands.add_parser(
        "department", help=say("department evaluation commands", "部门整体支出绩效评价的命令")
    )
    department_commands = department.add_subparsers(
        dest="subcommand", metavar="COMMAND", required=True
    )
    _add_score(
        department_commands,
        "score",
        say("score a department input file", "为部门输入文件评分"),
        handlers["score"],
        say,
    )

    listing = commands.add_parser(
        "frameworks", help=say("list the shipped frameworks", "列出随附的指标框架")
    )
    listing.add_argument(
        "--json",
        action="store_true",
        help=say(
            "print JSON (format jixiao.frameworks/1)", "输出 JSON（格式 jixiao.frameworks/1）"
        ),
    )
    add_lang(listing, say)
    listing.set_defaults(handler=handlers["frameworks"])

    show = commands.add_parser(
        "framework", help=say("show a framework's indicator tree", "显示指标框架的指标树")
    )
    show.add_argument(
        "id",
        help=say(
            "a shipped framework id, or a framework file", "随附指标框架的 id，或一个框架文件"
        ),
    )
    show.add_argument(
        "--json",
        action="store_true",
        help=say("print the framework's file form as JSON", "以 JSON 输出指标框架的文件形式"),
    )
    add_lang(show, say)
    show.set_defaults(handler=handlers["framework"])

    _add_project(commands, handlers, say)

    serve = commands.add_parser(
        "serve",
        help=say(
            "serve the scoring and auditing as a web API (needs the [server] extra)",
            "以 Web API 提供评分与审核（需要 [server] 扩展）",
        ),
        description=say(
            "Serve jixiao over HTTP (see the service's documentation): score a "
            "department, score or audit a project table, list and show the rule sets.",
            "通过 HTTP 提供 jixiao（见服务的文档）：为部门评分，为项目支出绩效自评表评分或审核，"
            "列出并显示规则集。",
        ),
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help=say("the address to listen on", "监听的地址")
    )
    serve.add_argument(
        "--port", type=int, default=8000, help=say("the port to listen on", "监听的端口")
    )
    serve.set_defaults(handler=handlers["serve"])
    return parser
