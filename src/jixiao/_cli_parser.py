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

from jixiao._cli_language import STDIN, Parser, add_lang
from jixiao._format import Words, words_in
from jixiao._version import __version__
from jixiao.io import SUFFIXES

__all__ = ["Handler", "build_parser"]

Handler = Callable[[argparse.Namespace, TextIO], int]


def _add_score(commands: Any, name: str, help: str, handler: Handler, say: Words) -> None:
    score = commands.add_parser(
        name,
        help=help,
        description=say(
            "按部门输入文件（格式 jixiao.department/1）所用的指标框架评分。",
            "Score a department input file (schema jixiao.department/1) on its framework.",
        ),
    )
    score.add_argument(
        "file",
        help=say(
            f"部门输入文件（.toml 或 .json）；{STDIN[0]}",
            f"the department input file (.toml or .json); {STDIN[1]}",
        ),
    )
    score.add_argument(
        "--json",
        action="store_true",
        help=say(
            "输出 JSON（格式 jixiao.evaluation/1）", "print JSON (format jixiao.evaluation/1)"
        ),
    )
    add_lang(score, say, ("说明的语言", "language of the explanations"))
    score.add_argument(
        "--interpretation",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=say(
            "按非默认的方式理解一项解释，例如 budget_execution.quarter_cap=uncapped"
            "（可重复；`jixiao framework ID` 列出各项解释）",
            "read an interpretation otherwise than by default, e.g. "
            "budget_execution.quarter_cap=uncapped (repeatable; `jixiao framework ID` lists them)",
        ),
    )
    score.add_argument(
        "--sensitivity",
        action="store_true",
        help=say(
            "列出其他理解会改变得分的每一项解释，及各理解下的得分与总分",
            "list every interpretation whose alternatives change a score, with the points "
            "and the total under each",
        ),
    )
    score.set_defaults(handler=handler)


def _add_project_audit(project_commands: Any, handler: Handler, say: Words) -> Any:
    paudit = project_commands.add_parser(
        "audit",
        help=say("审核已填写的项目支出绩效自评表", "audit filled project tables"),
        description=say(
            "复核已填写的表中一切可复核之处，报告每一处不一致。任一表有错误级别的发现时，退出状态为 1。",
            "Recompute what can be recomputed in filled tables and report every "
            "inconsistency. Exit status 1 when any table has an error-level finding.",
        ),
    )
    paudit.add_argument(
        "files",
        nargs="+",
        help=say(
            f"表文件（{'、'.join(SUFFIXES)}）或存放它们的文件夹；单独一个 - 从标准输入读取一个表文件或文本",
            f"table files ({', '.join(SUFFIXES)}) or folders of them; - alone reads one "
            "table file or text from standard input",
        ),
    )
    paudit.add_argument(
        "--stdin-name",
        metavar="NAME",
        help=say(
            "与 - 同用：标准输入所读文件的名称，其扩展名决定文件形式（如 table.csv、book.xlsx）；"
            "缺省时按内容区分表文件与文本",
            "with -: the name of the file read from standard input, whose suffix tells its "
            "form (table.csv, book.xlsx …); without it, a table file or text told by content",
        ),
    )
    paudit.add_argument(
        "--report",
        metavar="DIR",
        help=say("将 Markdown 与 HTML 报告写入 DIR", "write Markdown and HTML reports to DIR"),
    )
    paudit.add_argument(
        "--mark",
        metavar="OUT.xlsx",
        help=say(
            "写出所审核 .xlsx 的副本，标出各项发现",
            "write a copy of the .xlsx audited, findings marked",
        ),
    )
    form = paudit.add_mutually_exclusive_group()
    form.add_argument(
        "--json",
        action="store_true",
        help=say(
            "输出一个 JSON 文档（格式 jixiao.project-audit-batch/1），边审核边写出",
            "print one JSON document (format jixiao.project-audit-batch/1), "
            "written as the tables are audited",
        ),
    )
    form.add_argument(
        "--jsonl",
        action="store_true",
        help=say(
            "输出 JSON Lines（格式 jixiao.project-audit-lines/1）：每次审核、每一未能归位的行、"
            "每一读取时的注记、每一无法读取的文件各一条记录，随各文件的审核写出，最后是汇总",
            "print JSON Lines (format jixiao.project-audit-lines/1): a record per audit, "
            "unplaced line, reader's note and unreadable file, each written as its file is "
            "audited, then the summary",
        ),
    )
    paudit.set_defaults(handler=handler)
    return paudit


def _add_project(commands: Any, handlers: Mapping[str, Handler], say: Words) -> None:
    project = commands.add_parser(
        "project",
        help=say("项目支出绩效自评表", "project self-evaluation tables"),
    )
    project_commands = project.add_subparsers(dest="subcommand", metavar="COMMAND", required=True)
    pscore = project_commands.add_parser(
        "score",
        help=say("从头为项目支出绩效自评表评分", "score a project table from scratch"),
        description=say(
            "为项目支出绩效自评表（格式 jixiao.project/1）评分：规则允许之处按指标值与实际完成值计分，"
            "其余取评价人印出的分值。",
            "Score a project table (schema jixiao.project/1): points from targets and "
            "actuals where the rules allow, the evaluator's printed points where they do not.",
        ),
    )
    pscore.add_argument(
        "file",
        help=say(
            f"项目支出绩效自评表文件（.toml 或 .json）；{STDIN[0]}",
            f"the project table file (.toml or .json); {STDIN[1]}",
        ),
    )
    paudit = _add_project_audit(project_commands, handlers["project audit"], say)
    pscore.add_argument("--json", action="store_true", help=say("输出 JSON", "print JSON"))
    for sub in (pscore, paudit):
        sub.add_argument(
            "--template",
            metavar="ID",
            help=say("按此模板审核或评分", "audit or score on this template"),
        )
        add_lang(sub, say)
    pscore.set_defaults(handler=handlers["project score"])
    convert = project_commands.add_parser(
        "convert",
        help=say(
            "将任一可读形式的表转换为 .xlsx、.toml 或 .json",
            "convert tables from any form read to .xlsx, .toml or .json",
        ),
        description=say(
            "读取输入中的每一张表并写入 OUTPUT：一个 .xlsx 工作簿（每表一个工作表，印出的分值旁附复核的分值）、"
            "一个 .toml/.json 文件（一张表），或一个存放 .toml/.json 文件的文件夹。",
            "Read every table in the inputs and write them to OUTPUT: one .xlsx "
            "workbook (a sheet per table, with recomputed points beside the printed ones), one "
            ".toml/.json file (a single table), or a folder of .toml/.json files.",
        ),
    )
    convert.add_argument("files", nargs="+", help=say("表文件或文件夹", "table files or folders"))
    convert.add_argument(
        "--output",
        "-o",
        required=True,
        help=say(
            "一个 .xlsx、.toml 或 .json 文件，或一个文件夹",
            "an .xlsx, .toml or .json file, or a folder",
        ),
    )
    convert.add_argument(
        "--form",
        choices=("toml", "json"),
        default="toml",
        help=say("OUTPUT 为文件夹时的文件形式", "file form when OUTPUT is a folder"),
    )
    convert.add_argument(
        "--as-printed",
        action="store_true",
        help=say(
            "在 .xlsx 中不写复核列与审核结果", "in .xlsx, leave out the recomputed column and audit"
        ),
    )
    add_lang(convert, say)
    convert.set_defaults(handler=handlers["project convert"])
    for sub in (paudit, convert):
        sub.add_argument(
            "--encoding",
            metavar="NAME",
            help=say(
                "未以字节顺序标记注明编码的文本、CSV、Markdown、HTML 文件的编码（如 gbk）；"
                "缺省为 UTF-8，不猜测编码",
                "the encoding of text, CSV, Markdown and HTML files whose bytes do not say "
                "theirs (gbk, say); UTF-8 when not given: an encoding is never guessed",
            ),
        )

    ptemplates = project_commands.add_parser(
        "templates", help=say("列出随附的模板", "list the shipped templates")
    )
    ptemplates.add_argument(
        "--json",
        action="store_true",
        help=say("输出 JSON（格式 jixiao.templates/1）", "print JSON (format jixiao.templates/1)"),
    )
    add_lang(ptemplates, say)
    ptemplates.set_defaults(handler=handlers["project templates"])


def build_parser(handlers: Mapping[str, Handler], lang: str = "both") -> argparse.ArgumentParser:
    """The argument parser, each command's handler taken from *handlers*, its
    help in *lang*."""
    say = words_in(lang)
    parser = Parser(
        prog="jixiao",
        description=say(
            "预算绩效评价规则：分毫不差，每一分都有说明。",
            "Budget-performance scoring rules, exact and explained.",
        ),
        lang=lang,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"jixiao {__version__}",
        help=say("显示版本并退出", "show the version and exit"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    _add_score(
        commands,
        "score",
        say(
            "为部门输入文件评分（部门整体支出绩效评价）",
            "score a department input file",
        ),
        handlers["score"],
        say,
    )
    department = commands.add_parser(
        "department", help=say("部门整体支出绩效评价的命令", "department evaluation commands")
    )
    department_commands = department.add_subparsers(
        dest="subcommand", metavar="COMMAND", required=True
    )
    _add_score(
        department_commands,
        "score",
        say("为部门输入文件评分", "score a department input file"),
        handlers["score"],
        say,
    )

    listing = commands.add_parser(
        "frameworks", help=say("列出随附的指标框架", "list the shipped frameworks")
    )
    listing.add_argument(
        "--json",
        action="store_true",
        help=say(
            "输出 JSON（格式 jixiao.frameworks/1）", "print JSON (format jixiao.frameworks/1)"
        ),
    )
    add_lang(listing, say)
    listing.set_defaults(handler=handlers["frameworks"])

    show = commands.add_parser(
        "framework", help=say("显示指标框架的指标树", "show a framework's indicator tree")
    )
    show.add_argument(
        "id",
        help=say(
            "随附指标框架的 id，或一个框架文件", "a shipped framework id, or a framework file"
        ),
    )
    show.add_argument(
        "--json",
        action="store_true",
        help=say("以 JSON 输出指标框架的文件形式", "print the framework's file form as JSON"),
    )
    add_lang(show, say)
    show.set_defaults(handler=handlers["framework"])

    _add_project(commands, handlers, say)

    serve = commands.add_parser(
        "serve",
        help=say(
            "以 Web API 提供评分与审核（需要 [server] 扩展）",
            "serve the scoring and auditing as a web API (needs the [server] extra)",
        ),
        description=say(
            "通过 HTTP 提供 jixiao（见服务的文档）：为部门评分，为项目支出绩效自评表评分或审核，"
            "列出并显示规则集。",
            "Serve jixiao over HTTP (see the service's documentation): score a "
            "department, score or audit a project table, list and show the rule sets.",
        ),
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help=say("监听的地址", "the address to listen on")
    )
    serve.add_argument(
        "--port", type=int, default=8000, help=say("监听的端口", "the port to listen on")
    )
    serve.set_defaults(handler=handlers["serve"])
    return parser
