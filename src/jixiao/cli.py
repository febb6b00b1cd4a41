"""The ``jixiao`` command.

.. code-block:: text

    jixiao score FILE [--json] [--lang zh|en|both]   score a department input file
    jixiao frameworks [--json]                        list the shipped frameworks
    jixiao framework ID [--json]                      show a framework's tree, or its file form

Bad input prints one line (``jixiao: error: …``) on standard error and exits
with status 2; an internal fault prints one line and exits with status 70.
Never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from jixiao._toml import dumps_json
from jixiao.errors import JixiaoError

__all__ = ["build_parser", "main"]

EXIT_INPUT = 2
EXIT_FINDINGS = 1
EXIT_INTERNAL = 70

Handler = Callable[[argparse.Namespace, TextIO], int]


def _score(args: argparse.Namespace, out: TextIO) -> int:
    from jixiao.department import load_department

    evaluation = load_department(args.file).evaluate()
    if args.json:
        out.write(dumps_json(evaluation.to_dict()))
    else:
        out.write(evaluation.explain(args.lang) + "\n")
    return 0


def _frameworks(args: argparse.Namespace, out: TextIO) -> int:
    from jixiao.framework import available_frameworks, framework

    items = [framework(i) for i in available_frameworks()]
    if args.json:
        data = [
            {
                "id": f.id,
                "title": f.title,
                "jurisdiction": f.jurisdiction,
                "year": f.year,
                "status": f.citation.status,
                "indicators": len(f.indicators),
            }
            for f in items
        ]
        out.write(dumps_json({"frameworks": data}))
        return 0
    for f in items:
        out.write(f"{f.id:<24} {f.year}  {f.jurisdiction}  {f.title}  [{f.citation.status}]\n")
    return 0


def _framework(args: argparse.Namespace, out: TextIO) -> int:
    from jixiao.framework import Group, Indicator, framework, load_framework

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
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to generate the CLI reference)."""
    parser = argparse.ArgumentParser(
        prog="jixiao",
        description="Budget-performance scoring rules (预算绩效评价), exact and explained.",
    )
    from jixiao import __version__

    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    score = commands.add_parser(
        "score",
        help="score a department input file (部门整体支出绩效评价)",
        description="Score a department input file (schema jixiao.department/1) on its framework.",
    )
    score.add_argument("file", help="the department input file (.toml or .json)")
    score.add_argument(
        "--json", action="store_true", help="print JSON (format jixiao.evaluation/1)"
    )
    score.add_argument(
        "--lang", choices=("zh", "en", "both"), default="both", help="language of the explanations"
    )
    score.set_defaults(handler=_score)

    listing = commands.add_parser("frameworks", help="list the shipped frameworks")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=_frameworks)

    show = commands.add_parser("framework", help="show a framework's indicator tree")
    show.add_argument("id", help="a shipped framework id, or a framework file")
    show.add_argument("--json", action="store_true", help="print the framework's file form as JSON")
    show.set_defaults(handler=_framework)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    stream = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args, stream)
    except JixiaoError as error:
        print(f"jixiao: error: {error}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:  # pragma: no cover
        print("jixiao: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. `| head`
        return 0
    except Exception as error:  # pragma: no cover - the promise is: never a traceback
        print(f"jixiao: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
