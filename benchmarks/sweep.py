"""Sweeps at engine speed: ``python benchmarks/sweep.py`` (needs numpy).

Prints its figures and rewrites the section "Sweeps" of
``docs/performance.md`` (``--no-write``: print only). With OpenFisca in the
comparison (it is never a dependency of jixiao), run it in a virtual
environment that sees the installed packages plus openfisca-core::

    python -m venv --system-site-packages /tmp/ofsys
    /tmp/ofsys/bin/pip install openfisca-core
    PYTHONPATH=src /tmp/ofsys/bin/python benchmarks/sweep.py

1. The whole Luohu 2023 framework over a grid of 1,000,000 scenarios that
   change three inputs (Q2 spending × non-establishment staff × satisfaction):
   time and peak memory, and the totals of a random 100,000 compared with the
   one evaluator's.
2. The quarterly execution rule (budget_execution, Luohu 2023) over 1,000,000
   random scenarios (each quarter's cumulative spending and budget, to the
   cent, as int64 arrays of cents: one per input), end to end, each from its
   natural input: the column evaluator (``columns`` of ``decimals`` over those
   arrays, then ``jixiao.sweep.sweep_rule``); OpenFisca, when openfisca-core
   is installed (``benchmarks/openfisca_quarterly.py``: its simulation built
   from the arrays in yuan, then calculated); a numpy float64 straight line
   of the same formula (the floor: no checks, no exactness, computed chunk by
   chunk as the column evaluator is); and, on a sample of 10,000 scenarios
   extrapolated to the million, the one (scalar) evaluator and a straight-line
   Decimal loop. Each is compared with the exact points (the column
   evaluator's, checked against the scalar evaluator on the sample).

Times are wall-clock, the best of several runs; the contenders of 2 run in
turn within each round, so that a change of load on the (shared) machine
affects each alike. Frameworks and OpenFisca's tax-benefit system are built
once, before timing.
"""

from __future__ import annotations

import argparse
import datetime
import decimal
import importlib.metadata
import importlib.util
import os
import platform
import random
import resource
import time
import tracemalloc
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

import jixiao
from jixiao._evaluator import evaluate_rule
from jixiao.quantities import CONTEXT
from jixiao.spec.rules import Indicator
from jixiao.sweep import CHUNK, Columns, columns, decimals, grid, sweep, sweep_rule

ROOT = Path(__file__).resolve().parents[1]
N = 1_000_000
SAMPLE = 10_000
ROUNDS = 11
CENT = Decimal("0.01")
SHARES = (Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), Decimal(1))
BASE = {"quarters": [{"spent": Decimal(0), "budget": Decimal(1)} for _ in range(4)]}
HAS_OPENFISCA = importlib.util.find_spec("openfisca_core") is not None


def quarterly_inputs(seed: int = 15) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Cumulative spending and budgets in cents: four int64 arrays each."""
    rng = np.random.default_rng(seed)
    budget = rng.integers(10_000_000, 400_000_000, size=(N, 1)) + np.zeros((1, 4), np.int64)
    budget = budget + np.cumsum(rng.integers(0, 5_000_000, size=(N, 4)), axis=1)
    spent = np.cumsum(rng.integers(0, 120_000_000, size=(N, 4)), axis=1)
    return (
        [np.ascontiguousarray(spent[:, q], dtype=np.int64) for q in range(4)],
        [np.ascontiguousarray(budget[:, q], dtype=np.int64) for q in range(4)],
    )


def scenarios(spent: list[Any], budget: list[Any]) -> Columns:
    """The scenarios, from the arrays of cents (each copied, as ``decimals`` does)."""
    return columns(
        **{f"quarters[{q + 1}].spent": decimals(spent[q]) for q in range(4)},
        **{f"quarters[{q + 1}].budget": decimals(budget[q]) for q in range(4)},
    )


def straight_decimal(spent: list[Decimal], budget: list[Decimal]) -> Decimal:
    rates = [s / b / share for s, b, share in zip(spent, budget, SHARES, strict=True)]
    total = sum((min(r, Decimal(1)) for r in rates), Decimal(0))
    total += min(sum(rates, Decimal(0)) / 4 * 2, Decimal(2))
    total = total.quantize(Decimal("1e-20"), ROUND_HALF_UP)
    return min(total, Decimal(6)).quantize(CENT, ROUND_HALF_UP)


def straight_float64(spent: list[Any], budget: list[Any]) -> np.ndarray:
    """The formula in float64, chunk by chunk (cache-sized, as the column
    evaluator works), rounded half-up to whole cents; no checks."""
    cents = np.empty(N, dtype=np.int64)
    for start in range(0, N, CHUNK):
        rows = slice(start, start + CHUNK)
        rates = [spent[q][rows] / budget[q][rows] / float(SHARES[q]) for q in range(4)]
        total = np.minimum((rates[0] + rates[1] + rates[2] + rates[3]) * 0.5, 2.0)
        for rate in rates:
            total += np.minimum(rate, 1.0)
        cents[rows] = np.floor(np.minimum(total, 6.0) * 100 + 0.5)
    return cents


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def luohu() -> dict[str, Any]:
    """The whole framework over a grid of a million scenarios."""
    department = jixiao.load_department(ROOT / "examples" / "luohu-2023-department.toml")
    axes = {
        "budget_execution.quarters[2].spent": [f"{548.3 + i * 12.7:.2f}" for i in range(100)],
        "non_establishment_staff.non_establishment": list(range(100)),
        "satisfaction.rate": [f"{70 + i * Decimal('0.3')}%" for i in range(100)],
    }
    scenarios = grid(**axes)
    sweep(department, grid(**{k: v[:2] for k, v in axes.items()}))  # warm up imports
    seconds = min(timed(lambda: sweep(department, scenarios))[0] for _ in range(ROUNDS))
    tracemalloc.start()
    result = sweep(department, scenarios)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    fw = department.resolve_framework()
    rows = random.Random(16).sample(range(len(scenarios)), 100_000)
    wrong = 0
    totals = result.cents()
    for row in rows:
        inputs = {k: dict(v) for k, v in department.inputs.items()}
        for path, value in scenarios[row].items():
            key, _, name = path.partition(".")
            if "[" in name:
                quarters = [dict(q) for q in inputs[key]["quarters"]]
                quarters[1]["spent"] = value
                inputs[key]["quarters"] = quarters
            else:
                inputs[key][name] = value
        total = jixiao.evaluate(fw, inputs, department.overrides).total
        wrong += int(total.scaleb(2)) != totals[row]
    return {"seconds": seconds, "peak": peak, "rss": rss, "result": result, "wrong": wrong}


def quarterly() -> dict[str, Any]:
    """The quarterly rule: every contender, with its mismatches."""
    rule = jixiao.framework("shenzhen-luohu-2023").indicator("budget_execution")
    spent, budget = quarterly_inputs()
    contenders: dict[str, Callable[[], Any]] = {
        "column": lambda: sweep_rule(rule, scenarios(spent, budget), base=BASE),
        "scenarios": lambda: scenarios(spent, budget),
        "float64": lambda: straight_float64(spent, budget),
    }
    if HAS_OPENFISCA:
        import openfisca_quarterly as of  # benchmarks/, beside this script

        system = of.system(rule)
        yuan = ([s / 100 for s in spent], [b / 100 for b in budget])
        contenders["openfisca setup"] = lambda: of.simulation(system, *yuan)
    times: dict[str, list[float]] = {name: [] for name in [*contenders, "openfisca calculation"]}
    results: dict[str, Any] = {}
    for _ in range(ROUNDS):
        for name, function in contenders.items():
            seconds, results[name] = timed(function)
            times[name].append(seconds)
            if name == "openfisca setup":
                seconds, results["openfisca"] = timed(partial(of.calculate, results[name]))
                times["openfisca calculation"].append(seconds)
                del results[name]  # the simulation: one at a time in memory
    best = {name: min(values) for name, values in times.items() if values}
    exact = results["column"].cents("points")
    wrong = {"column": 0, "float64": int((results["float64"] != exact).sum())}
    if HAS_OPENFISCA:
        best["openfisca"] = best["openfisca setup"] + best["openfisca calculation"]
        wrong["openfisca"] = int((np.rint(results["openfisca"] * 100) != exact).sum())
    sampled, sample_wrong = sample(rule, spent, budget, exact)
    return {"best": best, "wrong": wrong, "sampled": sampled, "sample_wrong": sample_wrong}


def sample(
    rule: Indicator, spent: list[Any], budget: list[Any], exact: Any
) -> tuple[dict[str, float], dict[str, int]]:
    """The slow contenders on a sample: seconds per million (extrapolated),
    and how many of the sample differ from the column evaluator."""
    rows = random.Random(15).sample(range(N), SAMPLE)
    as_inputs = [
        [
            {"spent": Decimal(int(s[r])).scaleb(-2), "budget": Decimal(int(b[r])).scaleb(-2)}
            for s, b in zip(spent, budget, strict=True)
        ]
        for r in rows
    ]

    def scalar() -> list[int]:
        with decimal.localcontext(CONTEXT):
            return [
                int(evaluate_rule(rule, {"quarters": case}).points.scaleb(2)) for case in as_inputs
            ]

    def plain() -> list[int]:
        with decimal.localcontext(CONTEXT):
            return [
                int(
                    straight_decimal(
                        [q["spent"] for q in case], [q["budget"] for q in case]
                    ).scaleb(2)
                )
                for case in as_inputs
            ]

    times: dict[str, list[float]] = {"scalar": [], "plain": []}
    results: dict[str, list[int]] = {}
    for _ in range(2):
        for name, function in (("scalar", scalar), ("plain", plain)):
            seconds, results[name] = timed(function)
            times[name].append(seconds)
    per_million = {name: min(values) / SAMPLE * N for name, values in times.items()}
    wrong = {
        name: sum(1 for r, c in zip(rows, cents, strict=True) if exact[r] != c)
        for name, cents in results.items()
    }
    return per_million, wrong


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def report(whole: dict[str, Any], rule: dict[str, Any]) -> list[str]:
    """The figures as the lines of the section (Markdown)."""
    best, wrong = rule["best"], rule["wrong"]
    sampled, sample_wrong = rule["sampled"], rule["sample_wrong"]
    openfisca = (
        [
            f"| OpenFisca {importlib.metadata.version('openfisca-core')}, end to end "
            f"| {ms(best['openfisca'])} | {wrong['openfisca']:,} |",
            f"| — building the simulation with the inputs | {ms(best['openfisca setup'])} | |",
            f"| — calculating | {ms(best['openfisca calculation'])} | |",
        ]
        if HAS_OPENFISCA
        else ["| OpenFisca: openfisca-core is not installed here; not measured | — | — |"]
    )
    return [
        f"| the whole Luohu 2023 framework, {N:,} scenarios changing three inputs | |",
        "|---|---|",
        f"| time | {whole['seconds']:.3f} s (target ≤ 0.5 s) |",
        f"| peak traced memory | {whole['peak'] / 2**20:.0f} MB (target ≤ 300 MB); "
        f"process peak RSS {whole['rss'] / 2**20:.0f} MB |",
        f"| totals ≠ the one evaluator's, of a random 100,000 | {whole['wrong']} |",
        "",
        f"| the quarterly execution rule, {N:,} scenarios | time | differ from the exact points |",
        "|---|---:|---:|",
        f"| column evaluator (`sweep_rule`), end to end | {ms(best['column'])} | "
        f"{wrong['column']} (exact by construction) |",
        f"| — building the `columns` of `decimals` | {ms(best['scenarios'])} | |",
        *openfisca,
        f"| numpy float64 straight line (the floor) | {ms(best['float64'])} | "
        f"{wrong['float64']:,} |",
        f"| scalar evaluator (a sample of {SAMPLE:,}, extrapolated) | "
        f"{sampled['scalar']:.1f} s | {sample_wrong['scalar']} of the sample |",
        f"| straight-line Decimal loop (the same sample) | {sampled['plain']:.1f} s | "
        f"{sample_wrong['plain']} of the sample |",
    ]


SECTION = "## Sweeps"
"""The heading of the section of docs/performance.md this script writes (to
the end of the page; ``benchmarks/run.py`` keeps it when it rewrites the rest)."""

METHOD = """\
### Method

- The grid changes the second quarter's spending, the non-establishment
  headcount and the satisfaction rate of the bundled 2023 Luohu department,
  a hundred values each; its time is the best of {rounds} sweeps, its memory
  the peak `tracemalloc` traces during one more, and the process's peak RSS
  is read before the quarterly benchmark runs.
- The quarterly scenarios are a million random departments (seed 15): a
  budget of 100,000 to 4,000,000 yuan rising through the year, cumulative
  spending rising by up to 1,200,000 yuan a quarter, to the cent, held as
  eight int64 arrays of cents.
- Each contender starts from its natural input. jixiao: `columns` of
  `decimals` over the eight arrays (which copies them), then `sweep_rule`.
  OpenFisca: the eight arrays in yuan (float64) given to `set_input` on a
  simulation built by `SimulationBuilder.build_default_simulation` (OpenFisca
  holds them as float32), then `calculate` of the points. Its tax-benefit
  system (`benchmarks/openfisca_quarterly.py`: one entity, eight input
  variables, formula variables for each quarter's rate and capped points,
  the annual average and the total, capped at the weight and rounded with
  `round_`) is built once before timing, as jixiao's framework is loaded
  once; its parameters (the schedule, the points, the weight) are read from
  the rule's data.
- Wall time (`time.perf_counter`), the best of {rounds} rounds (OpenFisca's
  end to end: the sum of its two parts' bests); within a round the
  contenders run in turn, so that a change of load on this shared
  machine affects each alike (its other work still moves every figure from
  one run to the next, by as much as half). The scalar evaluator and the
  straight Decimal loop run twice on a sample of 10,000 scenarios,
  extrapolated.
- The exact points are the column evaluator's (exact by construction, and
  compared with the scalar evaluator on the sample); OpenFisca's are
  compared to the cent. The floor is the rule's formula as numpy float64
  straight-line code, chunk by chunk as the column evaluator works, rounded
  half-up to the cent: no input checked, nothing guaranteed.
- With OpenFisca (never a dependency of jixiao), in a virtual environment
  that sees the installed packages:
  `python -m venv --system-site-packages /tmp/ofsys`,
  `/tmp/ofsys/bin/pip install openfisca-core`, then
  `PYTHONPATH=src /tmp/ofsys/bin/python benchmarks/sweep.py`.

### Where the time goes

- The column evaluator keeps each column's error bound as two numbers (a
  relative and an absolute part) where a value's span and sign are known
  before any row is read — amounts to the cent, and the quotients, products,
  sums and caps of them — so that the bound costs nothing per row; what it
  does per row is the formula itself and its checks: each input's range, a
  divisor that may be 0, the spending that may fall between quarters, the
  half-cent. Of its time, about a third converts the eight inputs from cents
  to float64 and checks their range, a quarter computes the measures (eight
  divisions), a fifth the components' caps, a seventh the rounding to the
  cent with its tie check, and the rest the constraint. None of these
  scenarios lies near a decision point, so none is scored again in Decimal;
  the floor computes the same formula without any check.
- Most of OpenFisca's time is building the simulation (a million entities
  and their identifiers, and the eight inputs cast to float32); its
  calculation is float32 arithmetic. Amounts in float32 keep about seven
  significant digits, so its points miss the exact ones in the scenarios
  counted above.
"""


def write_section(lines: list[str]) -> None:
    """Replace (or add) the section of docs/performance.md."""
    page = ROOT / "docs" / "performance.md"
    text = page.read_text("utf-8")
    if SECTION + "\n" in text:
        text = text[: text.index(SECTION + "\n")]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}"
    versions = f"Python {platform.python_version()}, numpy {np.__version__}"
    section = [
        SECTION,
        "",
        "Written by `python benchmarks/sweep.py`; run it again to regenerate this section.",
        f"{datetime.date.today().isoformat()}, {machine}, {versions}, jixiao {jixiao.__version__}.",
        "",
        *lines,
        "",
        METHOD.format(rounds=ROUNDS),
    ]
    page.write_text(text.rstrip("\n") + "\n\n" + "\n".join(section), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    lines = report(luohu(), quarterly())
    print("\n".join(lines))
    if not args.no_write:
        write_section(lines)


if __name__ == "__main__":
    main()
