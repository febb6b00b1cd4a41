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

    jixiao serve [--host 127.0.0.1] [--port 8000]     the web API (extra [server])

Every command that prints text takes ``--lang zh|en|both`` (default both),
and it governs every line the command writes, on standard error too:
errors, warnings, what was written where. It is read before the arguments
are parsed, so that an error about them is said in it.

``-`` for a file reads it from standard input. Bad input prints one line on
standard error and exits with status 2 (``jixiao: 错误: … / error: …``; with
``--lang zh`` the Chinese half, with ``--lang en`` the English one), and so
does an audit that could not read a table it found or found none in a file;
an audit that finds errors exits with status 1; an internal fault prints one line and
exits with status 70. Never a traceback. With ``--json`` (or ``--jsonl``) an
error is also written to standard output as one JSON object
(``jixiao.error/1``), with its message in both languages.
"""

from __future__ import annotations

import argparse
import io
import itertools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import jixiao._cli_parser as _cli_parser
import jixiao._service as _service
import jixiao.server as _server
from jixiao._cli_language import UsageError, lang_of, usage_in
from jixiao._cli_lines import line, say, warnings_said
from jixiao._cli_parser import Handler
from jixiao._format import words
from jixiao._safe_write import Names, inside, make_folder, safe_name
from jixiao._toml import dumps_json
from jixiao.department import (
    Department,
    Framework,
    available_frameworks,
    department_from_dict,
    framework,
    load_department,
    load_framework,
)
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
    Template,
    available_templates,
    load_table,
    save_table,
    score_table,
    table_from_dict,
    template,
)
from jixiao.spec.rules import Group, Indicator

__all__ = ["build_parser", "main"]

EXIT_INPUT = 2
EXIT_FINDINGS = 1
EXIT_INTERNAL = 70
STDIN = "<stdin>"
"""The source named for what is read from standard input (``-``)."""


def _stdin() -> bytes:
    """Standard input's bytes, bounded as a file is."""
    return _service.read_bounded(sys.stdin.buffer, STDIN)


def _readings(pairs: Sequence[str]) -> dict[str, str]:
    """``NAME=VALUE`` pairs of ``--interpretation`` as a mapping."""
    readings: dict[str, str] = {}
    for pair in pairs:
        name, sign, value = pair.partition("=")
        if not sign or not name.strip() or not value.strip():
            raise InputError(
                "expected NAME=VALUE, e.g. budget_execution.quarter_cap=uncapped",
                zh="应为 NAME=VALUE，例如 budget_execution.quarter_cap=uncapped",
                field="--interpretation",
                value=pair,
            )
        readings[name.strip()] = value.strip()
    return readings


def _department(file: str) -> Department:
    if file == "-":
        return department_from_dict(_service.data_from_bytes(_stdin(), STDIN), STDIN)
    return load_department(file)


def _score(args: argparse.Namespace, out: TextIO) -> int:
    department = _department(args.file)
    readings = _readings(args.interpretation)
    if args.json:
        data = _service.department_result(department, readings, examine=args.sensitivity)
        out.write(dumps_json(data))
    elif args.sensitivity:
        out.write(sensitivity(department, interpretations=readings).explain(args.lang) + "\n")
    else:
        evaluation = department.evaluate(interpretations=readings, trace=True)  # all explained
        out.write(evaluation.explain(args.lang) + "\n")
    return 0


def _frameworks(args: argparse.Namespace, out: TextIO) -> int:
    if args.json:
        out.write(dumps_json(_service.frameworks_data()))
        return 0
    for f in (framework(i) for i in available_frameworks()):
        _listing(out, args.lang, 24, f)
    return 0


_STATUS = {"transcribed": "转录", "official": "官方"}
"""A rule set's review status in Chinese (its code, as the JSON has it, in English)."""


def _listing(
    out: TextIO, lang: str, width: int, rules: Framework | Template, mark: str = ""
) -> None:
    """A rule set's lines in a listing: its id, year, jurisdiction and title
    in Chinese, then in English (the English alone with ``--lang en``), its
    review status."""
    status = rules.citation.status
    status = f"  [{words(_STATUS.get(status, status), status, lang, both=status)}]"
    english = f"{rules.jurisdiction_en or rules.jurisdiction}: {rules.title_en or rules.title}"
    if lang == "en":
        out.write(f"{rules.id:<{width}} {rules.year}  {english}{mark}{status}\n")
        return
    out.write(
        f"{rules.id:<{width}} {rules.year}  {rules.jurisdiction}  {rules.title}{mark}{status}\n"
    )
    if lang == "both":
        out.write(f"{'':<{width}}       {english}\n")


def _framework(args: argparse.Namespace, out: TextIO) -> int:
    fw = load_framework(args.id) if args.id.endswith((".toml", ".json")) else framework(args.id)
    if args.json:
        out.write(dumps_json(fw.to_dict()))
        return 0
    lang = args.lang
    if lang == "en":
        english = f"{fw.title_en or fw.title} — {fw.jurisdiction_en or fw.jurisdiction}"
        out.write(f"{english} {fw.year} ({fw.id})\n")
    else:
        out.write(f"{fw.title} — {fw.jurisdiction} {fw.year} ({fw.id})\n")

    def walk(nodes: tuple[Group | Indicator, ...], depth: int) -> None:
        for node in nodes:
            both = f"{node.name} ({node.name_en})"
            name = words(node.name, node.name_en or node.name, lang, both=both)
            out.write(f"{'  ' * depth}{name}  {node.weight}\n")
            if isinstance(node, Group):
                walk(node.children, depth + 1)

    walk(fw.children, 0)
    out.write(f"{words('总分', 'total', lang)} {fw.weight}\n")
    if fw.interpretations:
        label = words("解释", "interpretations", lang)
        out.write(f"{label} (--interpretation NAME=VALUE):\n")
        default = words("默认", "default", lang, both="default")
        for name, interpretation in fw.interpretations:
            keys = ", ".join(a.key for a in interpretation.alternatives)
            out.write(f"  {name}: {keys} ({default} {interpretation.default})\n")
    return 0


def _project_score(args: argparse.Namespace, out: TextIO) -> int:
    rules = template(args.template) if args.template else None
    if args.file == "-":
        table = table_from_dict(_service.data_from_bytes(_stdin(), STDIN), STDIN)
    else:
        table = load_table(args.file)
    evaluation = score_table(table, rules)
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
        writers.append(ReportsWriter(args.report, args.lang))
    if args.mark:
        writers.append(MarkWriter(args.files, args.mark, args.lang))
    return writers


def _project_audit(args: argparse.Namespace, out: TextIO) -> int:
    """Each file read, audited, written and dropped before the next is read:
    memory does not grow with the number of files, whatever the output form.
    ``-`` alone: one file from standard input, named ``--stdin-name`` (its
    suffix its form), else told by its content and named ``stdin.txt`` (or
    ``.json``, ``.toml``) in the output."""
    if "-" not in args.files:
        if args.stdin_name is not None:
            raise InputError(
                "--stdin-name names standard input: give - as the file",
                zh="--stdin-name 是标准输入的名称：请以 - 作为文件",
                field="stdin_name",
            )
        return _audit_files(args, args.files, out)
    if args.files != ["-"]:
        raise InputError(
            "- (standard input) cannot be mixed with files",
            zh="- （标准输入）不能与文件同时使用",
            field="files",
        )
    upload = _service.named_upload(_stdin(), args.stdin_name)
    with upload as path:
        written = io.StringIO()
        status = _audit_files(args, [str(path)], written, upload.relabel)
    out.write(upload.relabel(written.getvalue()))
    return status


def _audit_files(
    args: argparse.Namespace,
    files: Sequence[str],
    out: TextIO,
    relabel: _service.Relabel = str,
) -> int:
    """``project audit`` of *files*; *relabel* names a file in what is written."""
    items = iter_audits(files, args.template, progress_bar(lang=args.lang), encoding=args.encoding)
    first = next(items, None)  # the folders expanded (or refused) and one file audited
    writers = _batch_writers(args, out, first.total if first else 0)
    summary = BatchSummary()
    for item in itertools.chain([first] if first else [], items):
        problem = item.error or item.incomplete
        if problem is not None:
            zh, en = (relabel(m) for m in (problem.message_zh, problem.message))
            say(args.lang, ("错误", "error"), (zh, en))
        summary.add(item)
        for writer in writers:
            writer.add(item)
    for writer in writers:
        writer.finish(summary)
        if isinstance(writer, ReportsWriter):
            folder, index = Path(writer.index).parent, Path(writer.index).name
            zh = f"报告已写入 {folder}（索引：{index}）"
            say(args.lang, None, (zh, f"reports written to {folder} (index: {index})"))
        if isinstance(writer, MarkWriter) and writer.marked is not None:
            n, mark = len(writer.marked), args.mark
            say(
                args.lang, None, (f"已在 {mark} 中标注 {n} 个单元格", f"{n} cells marked in {mark}")
            )
    if summary.unread:
        return EXIT_INPUT
    return 0 if summary.ok else EXIT_FINDINGS


def _project_convert(args: argparse.Namespace, out: TextIO) -> int:
    tables: list[ProjectTable] = []
    for path in expand_paths(args.files):
        result = read_tables(path, encoding=args.encoding)
        for place in result.unplaced:
            say(
                args.lang,
                ("未能归位", "unplaced"),
                (place.line("zh"), place.line("en")),
                place.line(),
            )
        tables.extend(result.tables)
    target = Path(args.output)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(tables, target, recompute=not args.as_printed)
    elif suffix in (".toml", ".json"):
        if len(tables) != 1:
            raise InputError(
                f"{len(tables)} tables cannot go into one {suffix} file; name a folder instead",
                zh=f"{len(tables)} 张表不能写入一个 {suffix} 文件；请指定一个文件夹",
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
    n = len(tables)
    written = words(
        f"{n} 张表已写入 {target}",
        f"{n} tables written to {target}",
        args.lang,
        both=f"{n} 张表 tables written to {target}",
    )
    out.write(f"{written}\n")
    return 0


def _project_templates(args: argparse.Namespace, out: TextIO) -> int:
    if args.json:
        out.write(dumps_json(_service.templates_data()))
        return 0
    for t in (template(i) for i in available_templates()):
        mark = f" ({words('默认', 'default', args.lang)})" if t.default else ""
        _listing(out, args.lang, 26, t, mark)
    return 0


def _serve(args: argparse.Namespace, out: TextIO) -> int:
    _server.serve(args.host, args.port)
    return 0


HANDLERS: dict[str, Handler] = {
    "score": _score,
    "frameworks": _frameworks,
    "framework": _framework,
    "project score": _project_score,
    "project audit": _project_audit,
    "project convert": _project_convert,
    "project templates": _project_templates,
    "serve": _serve,
}


def build_parser(lang: str = "both") -> argparse.ArgumentParser:
    """The argument parser, its help in *lang* (``zh``, ``en`` or ``both``;
    also used to generate the CLI reference)."""
    return _cli_parser.build_parser(HANDLERS, lang)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    stream = out or sys.stdout
    given = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in given or "--jsonl" in given
    lang = lang_of(given)

    def fail(error: BaseException, text: str, status: int) -> int:
        print(text, file=sys.stderr)
        if as_json:
            stream.write(dumps_json(_service.error_data(error, status)))
        return status

    def refused(error: JixiaoError) -> int:
        said = (error.text("zh"), error.text("en"))
        return fail(error, line(lang, ("错误", "error"), said), EXIT_INPUT)

    try:
        args = build_parser(lang).parse_args(given)
    except UsageError as error:
        sys.stderr.write(usage_in(error.usage, lang))
        return refused(error)
    handler: Handler = args.handler
    try:
        with warnings_said(lang):
            return handler(args, stream)
    except JixiaoError as error:
        return refused(error)
    except KeyboardInterrupt:  # pragma: no cover
        say(lang, None, ("已中断", "interrupted"))
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. `| head`
        return 0
    except Exception as error:  # pragma: no cover - the promise is: never a traceback
        fault = f"{type(error).__name__}: {error}"
        return fail(
            error, line(lang, ("内部错误", "internal error"), (fault, fault)), EXIT_INTERNAL
        )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
