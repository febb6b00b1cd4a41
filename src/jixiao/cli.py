"""The ``jixiao`` command.

.. code-block:: text

    jixiao score FILE [--json] [--lang zh|en|both] [--interpretation NAME=VALUE]… [--sensitivity]
                                                     score a department input file
    jixiao department score FILE [...]               the same
    jixiao frameworks [--json]                       list the shipped frameworks
    jixiao framework ID [--json]                     show a framework's tree, or its file form
    jixiao project score FILE [--json] [--template ID]
    jixiao project audit FILE|FOLDER... [--json|--jsonl] [--template ID] [--report DIR]
                         [--mark OUT.xlsx]
    jixiao project convert FILE|FOLDER... -o OUT      convert between .txt, .xlsx, .toml, .json
    jixiao project templates [--json]                list the shipped templates

Bad input prints one line (``jixiao: error: …``) on standard error and exits
with status 2; an audit that finds errors exits with status 1; an internal
fault prints one line and exits with status 70. Never a traceback.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from jixiao import __version__
from jixiao._safe_write import Names, inside, make_folder, safe_name
from jixiao._toml import dumps_json
from jixiao.department import available_frameworks, framework, load_department, load_framework
from jixiao.department.sensitivity import sensitivity
from jixiao.errors import InputError, JixiaoError
from jixiao.io import read_tables
from jixiao.io._stream import (
    BatchWriter,
    JsonDocumentWriter,
    JsonLinesWriter,
    ReportsWriter,
    TextWriter,
)
from jixiao.io.batch import BatchSummary, expand_paths, iter_audits, progress_bar
from jixiao.io.xlsx import write_xlsx
from jixiao.io.xlsx_mark import MarkWriter
from jixiao.project import (
    ProjectTable,
    available_templates,
    load_table,
    save_table,
    score_table,
    template,
)
from jixiao.spec.rules import Group, Indicator

__all__ = ["build_parser", "main"]

EXIT_INPUT = 2
EXIT_FINDINGS = 1
EXIT_INTERNAL = 70

Handler = Callable[[argparse.Namespace, TextIO], int]


def _readings(pairs: Sequence[str]) -> dict[str, str]:
    """``NAME=VALUE`` pairs of ``--interpretation`` as a mapping."""
    readings: dict[str, str] = {}
    for pair in pairs:
        name, sign, value = pair.partition("=")
        if not sign or not name.strip() or not value.strip():
            raise InputError(
                "expected NAME=VALUE, e.g. budget_execution.quarter_cap=uncapped",
                field="--interpretation",
                value=pair,
            )
        readings[name.strip()] = value.strip()
    return readings


def _score(args: argparse.Namespace, out: TextIO) -> int:
    department = load_department(args.file)
    readings = _readings(args.interpretation)
    if args.sensitivity:
        report = sensitivity(department, interpretations=readings)
        if args.json:
            out.write(dumps_json(report.to_dict()))
        else:
            out.write(report.explain(args.lang) + "\n")
        return 0
    evaluation = department.evaluate(interpretations=readings, trace=True)  # all explained
    if args.json:
        out.write(dumps_json(evaluation.to_dict()))
    else:
        out.write(evaluation.explain(args.lang) + "\n")
    return 0


def _frameworks(args: argparse.Namespace, out: TextIO) -> int:
    items = [framework(i) for i in available_frameworks()]
    if args.json:
        data = [
            {
                "id": f.id,
                "title": f.title,
                "jurisdiction": f.jurisdiction,
                "year": f.year,
                "family": f.family,
                "period": str(f.validity),
                "status": f.citation.status,
                "indicators": len(f.indicators),
                "interpretations": [name for name, _ in f.interpretations],
            }
            for f in items
        ]
        out.write(dumps_json({"frameworks": data}))
        return 0
    for f in items:
        out.write(f"{f.id:<24} {f.year}  {f.jurisdiction}  {f.title}  [{f.citation.status}]\n")
    return 0


def _framework(args: argparse.Namespace, out: TextIO) -> int:
    fw = load_framework(args.id) if args.id.endswith((".toml", ".json")) else framework(args.id)
    if args.json:
        out.write(dumps_json(fw.to_dict()))
        return 0
    out.write(f"{fw.title} — {fw.jurisdiction} {fw.year} ({fw.id})\n")

    def walk(nodes: tuple[Group | Indicator, ...], depth: int) -> None:
        for node in nodes:
            out.write(f"{'  ' * depth}{node.name} ({node.name_en})  {node.weight}\n")
            if isinstance(node, Group):
                walk(node.children, depth + 1)

    walk(fw.children, 0)
    out.write(f"总分 total {fw.weight}\n")
    if fw.interpretations:
        out.write("解释 interpretations (--interpretation NAME=VALUE):\n")
        for name, interpretation in fw.interpretations:
            keys = ", ".join(a.key for a in interpretation.alternatives)
            out.write(f"  {name}: {keys} (default {interpretation.default})\n")
    return 0


def _project_score(args: argparse.Namespace, out: TextIO) -> int:
    rules = template(args.template) if args.template else None
    evaluation = score_table(load_table(args.file), rules)
    if args.json:
        out.write(dumps_json(evaluation.to_dict()))
    else:
        out.write(evaluation.explain(args.lang) + "\n")
    return 0


def _batch_writers(args: argparse.Namespace, out: TextIO, files: int) -> list[BatchWriter]:
    """The writers of ``project audit``: the output form, and the reports."""
    writers: list[BatchWriter] = []
    if args.json:
        writers.append(JsonDocumentWriter(out))
    elif args.jsonl:
        writers.append(JsonLinesWriter(out, files))
    else:
        writers.append(TextWriter(out, args.lang))
    if args.report:
        writers.append(ReportsWriter(args.report))
    if args.mark:
        writers.append(MarkWriter(args.files, args.mark))
    return writers


def _project_audit(args: argparse.Namespace, out: TextIO) -> int:
    """Each file read, audited, written and dropped before the next is read:
    memory does not grow with the number of files, whatever the output form."""
    items = iter_audits(args.files, args.template, progress_bar())
    first = next(items, None)  # the folders expanded (or refused) and one file audited
    writers = _batch_writers(args, out, first.total if first else 0)
    summary = BatchSummary()
    for item in itertools.chain([first] if first else [], items):
        if item.error is not None:
            print(f"jixiao: error: {one_line(item.error.message)}", file=sys.stderr)
        summary.add(item)
        for writer in writers:
            writer.add(item)
    for writer in writers:
        writer.finish(summary)
        if isinstance(writer, ReportsWriter):
            index = Path(writer.index)
            print(
                f"jixiao: reports written to {index.parent} (index: {index.name})", file=sys.stderr
            )
        if isinstance(writer, MarkWriter) and writer.marked is not None:
            print(f"jixiao: {len(writer.marked)} cells marked in {args.mark}", file=sys.stderr)
    if summary.unreadable_files:
        return EXIT_INPUT
    return 0 if summary.ok else EXIT_FINDINGS


def _project_convert(args: argparse.Namespace, out: TextIO) -> int:
    tables: list[ProjectTable] = []
    for path in expand_paths(args.files):
        result = read_tables(path)
        for place in result.unplaced:
            print(f"jixiao: unplaced: {one_line(str(place))}", file=sys.stderr)
        tables.extend(result.tables)
    target = Path(args.output)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(tables, target, recompute=not args.as_printed)
    elif suffix in (".toml", ".json"):
        if len(tables) != 1:
            raise InputError(
                f"{len(tables)} tables cannot go into one {suffix} file; name a folder instead",
                field="output",
                value=args.output,
            )
        save_table(tables[0], target)
    else:
        make_folder(target)
        names = Names()
        for number, table in enumerate(tables, 1):
            name = names.take(f"{number:03d}-{safe_name(table.project.code)}", f".{args.form}")
            save_table(table, inside(target, name))
    out.write(f"{len(tables)} 张表 tables written to {target}\n")
    return 0


def _project_templates(args: argparse.Namespace, out: TextIO) -> int:
    items = [template(i) for i in available_templates()]
    if args.json:
        data = [
            {
                "id": t.id,
                "title": t.title,
                "jurisdiction": t.jurisdiction,
                "year": t.year,
                "default": t.default,
                "status": t.citation.status,
            }
            for t in items
        ]
        out.write(dumps_json({"templates": data}))
        return 0
    for t in items:
        mark = " (default)" if t.default else ""
        out.write(
            f"{t.id:<26} {t.year}  {t.jurisdiction}  {t.title_en}{mark}  [{t.citation.status}]\n"
        )
    return 0


def _add_score(commands: Any, name: str, help: str) -> None:
    score = commands.add_parser(
        name,
        help=help,
        description="Score a department input file (schema jixiao.department/1) on its framework.",
    )
    score.add_argument("file", help="the department input file (.toml or .json)")
    score.add_argument(
        "--json", action="store_true", help="print JSON (format jixiao.evaluation/1)"
    )
    score.add_argument(
        "--lang", choices=("zh", "en", "both"), default="both", help="language of the explanations"
    )
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
    score.set_defaults(handler=_score)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to generate the CLI reference)."""
    parser = argparse.ArgumentParser(
        prog="jixiao",
        description="Budget-performance scoring rules (预算绩效评价), exact and explained.",
    )
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    _add_score(commands, "score", "score a department input file (部门整体支出绩效评价)")
    department = commands.add_parser("department", help="department evaluation commands")
    department_commands = department.add_subparsers(
        dest="subcommand", metavar="COMMAND", required=True
    )
    _add_score(department_commands, "score", "score a department input file")

    listing = commands.add_parser("frameworks", help="list the shipped frameworks")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=_frameworks)

    show = commands.add_parser("framework", help="show a framework's indicator tree")
    show.add_argument("id", help="a shipped framework id, or a framework file")
    show.add_argument("--json", action="store_true", help="print the framework's file form as JSON")
    show.set_defaults(handler=_framework)

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
    pscore.add_argument("file", help="the project table file (.toml or .json)")
    paudit = project_commands.add_parser(
        "audit",
        help="audit filled project tables",
        description="Recompute what can be recomputed in filled tables and report every "
        "inconsistency. Exit status 1 when any table has an error-level finding.",
    )
    paudit.add_argument(
        "files", nargs="+", help="table files (.toml, .json, .txt, .xlsx) or folders of them"
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
        sub.add_argument("--lang", choices=("zh", "en", "both"), default="both", help="language")
    pscore.set_defaults(handler=_project_score)
    paudit.set_defaults(handler=_project_audit)
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
    convert.set_defaults(handler=_project_convert)

    ptemplates = project_commands.add_parser("templates", help="list the shipped templates")
    ptemplates.add_argument("--json", action="store_true", help="print JSON")
    ptemplates.set_defaults(handler=_project_templates)
    return parser


def one_line(text: str) -> str:
    """*text* with every control, format or line-breaking character escaped
    (``\\x0b``, ``\\u202e``): a message quoting hostile input stays one line
    on the terminal, and cannot move the cursor or turn the text around."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    stream = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args, stream)
    except JixiaoError as error:
        print(f"jixiao: error: {one_line(str(error))}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:  # pragma: no cover
        print("jixiao: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. `| head`
        return 0
    except Exception as error:  # pragma: no cover - the promise is: never a traceback
        print(
            f"jixiao: internal error: {type(error).__name__}: {one_line(str(error))}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
