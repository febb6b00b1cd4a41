"""Sweeps at engine speed: ``python benchmarks/sweep.py`` (needs numpy).

With OpenFisca in the comparison (it is never a dependency of jixiao), run it
in a virtual environment that sees the installed packages plus openfisca-core::

    python -m venv --system-site-packages /tmp/ofsys
    /tmp/ofsys/bin/pip install openfisca-core
    PYTHONPATH=src /tmp/ofsys/bin/python benchmarks/sweep.py

1. The quarterly execution rule (budget_execution, Luohu 2023) over 1,000,000
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
2. The whole Luohu 2023 framework over a grid of 1,000,000 scenarios that
   change three inputs (Q2 spending × non-establishment staff × satisfaction):
   time and peak memory, and the totals of a random 100,000 compared with the
   one evaluator's.

Times are wall-clock, the best of several runs; the contenders of 1 run in
turn within each round, so that a change of load on the (shared) machine
affects each alike. Frameworks and OpenFisca's tax-benefit system are built
once, before timing.
"""

from __future__ import annotations

import decimal
import importlib.metadata
import importlib.util
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
ROUNDS = 7
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


def quarterly() -> None:
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
    best = {name: min(values) for name, values in times.items() if values}
    exact = results["column"].cents("points")

    print(f"1. budget_execution over {N:,} scenarios (best of {ROUNDS}, contenders in turn)")
    print(
        f"   column evaluator (jixiao.sweep.sweep_rule), end to end: "
        f"{best['column'] * 1000:.0f} ms (building the columns of decimals "
        f"{best['scenarios'] * 1000:.0f} ms of it); exact by construction"
    )
    print(
        f"   OpenFisca {importlib.metadata.version('openfisca-core')}, end to end: "
        f"{(best['openfisca setup'] + best['openfisca calculation']) * 1000:.0f} ms "
        f"(simulation built with the inputs {best['openfisca setup'] * 1000:.0f} ms, "
        f"calculated {best['openfisca calculation'] * 1000:.0f} ms); "
        f"{int((np.rint(results['openfisca'] * 100) != exact).sum()):,} of {N:,} differ "
        "from the exact points"
        if HAS_OPENFISCA
        else "   OpenFisca: openfisca-core is not installed here; not measured"
    )
    print(
        f"   numpy float64 straight line (the floor): {best['float64'] * 1000:.0f} ms; "
        f"{int((results['float64'] != exact).sum()):,} of {N:,} differ from the exact points"
    )
    sample(rule, spent, budget, exact)


def sample(rule: Indicator, spent: list[Any], budget: list[Any], exact: Any) -> None:
    """The slow contenders on a sample, extrapolated to the million."""
    rows = random.Random(15).sample(range(N), SAMPLE)
    as_decimal = [
        (
            [Decimal(int(s[r])).scaleb(-2) for s in spent],
            [Decimal(int(b[r])).scaleb(-2) for b in budget],
        )
        for r in rows
    ]

    def scalar() -> list[int]:
        with decimal.localcontext(CONTEXT):
            return [
                int(
                    evaluate_rule(
                        rule,
                        {
                            "quarters": [
                                {"spent": s, "budget": b} for s, b in zip(*case, strict=True)
                            ]
                        },
                    ).points.scaleb(2)
                )
                for case in as_decimal
            ]

    def plain() -> list[int]:
        with decimal.localcontext(CONTEXT):
            return [int(straight_decimal(*case).scaleb(2)) for case in as_decimal]

    times: dict[str, list[float]] = {"scalar": [], "plain": []}
    results: dict[str, list[int]] = {}
    for _ in range(2):
        for name, function in (("scalar", scalar), ("plain", plain)):
            seconds, results[name] = timed(function)
            times[name].append(seconds)
    for name, label in (("scalar", "scalar evaluator"), ("plain", "straight-line Decimal loop")):
        wrong = sum(1 for r, c in zip(rows, results[name], strict=True) if exact[r] != c)
        print(
            f"   {label}: {min(times[name]) / SAMPLE * N:.1f} s per million (a sample of "
            f"{SAMPLE:,}, extrapolated); {wrong} of the sample differ from the column evaluator"
        )


def luohu() -> None:
    department = jixiao.load_department(ROOT / "examples" / "luohu-2023-department.toml")
    axes = {
        "budget_execution.quarters[2].spent": [f"{548.3 + i * 12.7:.2f}" for i in range(100)],
        "non_establishment_staff.non_establishment": list(range(100)),
        "satisfaction.rate": [f"{70 + i * Decimal('0.3')}%" for i in range(100)],
    }
    scenarios = grid(**axes)
    sweep(department, grid(**{k: v[:2] for k, v in axes.items()}))  # warm up imports
    seconds = min(timed(lambda: sweep(department, scenarios))[0] for _ in range(3))
    tracemalloc.start()
    result = sweep(department, scenarios)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"2. Luohu 2023 over {len(scenarios):,} scenarios changing three inputs")
    print(
        f"   {seconds:.3f} s (best of 3); peak traced memory {peak / 2**20:.0f} MB "
        f"(process peak RSS {rss:.0f} MB, including the quarterly benchmark)"
    )
    print(f"   {result!r}")
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
    print(f"   totals ≠ one evaluator on {wrong} of a random 100,000")


if __name__ == "__main__":
    quarterly()
    luohu()
