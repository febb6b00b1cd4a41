"""Write sample documents and the tables expected from them, for eyeballing.

Usage::

    python -m tests.layouts.dump OUT --form tsv --count 20 [--planted]

For each of *count* documents it writes ``OUT/<form>-<n><suffix>`` (the
document), ``OUT/<form>-<n>-t<k>.toml`` (the table a reader must give back for
its table *k*, in jixiao's file form) and ``OUT/<form>-<n>.notes`` (each table's
layout, the locations of its printed values, the planted findings, and the
lines outside the tables with their kinds).
"""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path

from hypothesis.errors import NonInteractiveExampleWarning

from jixiao.project import dumps_table

from .document import documents
from .forms import FORMS, expected, render
from .inject import findings


def main(argv: list[str] | None = None) -> None:
    """Write the samples (see the module's docstring)."""
    parser = argparse.ArgumentParser(prog="python -m tests.layouts.dump", description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--form", choices=FORMS, default="tsv")
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--planted", action="store_true", help="plant inconsistencies")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    strategy = documents(args.form, plant=args.planted)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        for n in range(1, args.count + 1):
            document = strategy.example()
            rendered = render(document, args.out, f"{args.form}-{n}")
            notes = []
            for k, (placed, where) in enumerate(
                zip(document.tables(), rendered.locations, strict=True), 1
            ):
                table = expected(placed, args.form)
                (args.out / f"{args.form}-{n}-t{k}.toml").write_text(
                    dumps_table(table), encoding="utf-8"
                )
                notes.append(f"table {k}: {placed.layout!r}")
                notes += [f"  {path} = {location}" for path, location in sorted(where.items())]
                for code, cells in sorted(findings(placed.sample, placed.planted)):
                    notes.append(f"  planted {code}: {', '.join(where[c] for c in cells)}")
            notes += [f"outside ({kind}): {text}" for kind, text in rendered.outside]
            (args.out / f"{args.form}-{n}.notes").write_text(
                "\n".join(notes) + "\n", encoding="utf-8"
            )
            print(rendered.path)


if __name__ == "__main__":
    main()
