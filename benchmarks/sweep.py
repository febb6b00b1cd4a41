"""Sweeps at engine speed: ``python benchmarks/sweep.py`` (needs numpy).

1. The quarterly execution rule (budget_execution, Luohu 2023) over 1,000,000
   random scenarios (each quarter's cumulative spending and budget, to the
   cent), computed by: the column evaluator (jixiao.sweep.sweep_rule); the one
   (scalar) evaluator, on a sample, extrapolated; a straight-line Decimal
   loop, on a sample, extrapolated; a numpy float64 straight line (the floor:
   no checks, no exactness); and OpenFisca-like float32 when asked (OpenFisca
   itself only when openfisca-core is installed: it is not a dependency).
   Each is compared with the exact points (the one evaluator's).
2. The whole Luohu 2023 framework over a grid of 1,000,000 scenarios that
   change three inputs (Q2 spending × non-establishment staff × satisfaction):
   time and peak memory, and the totals of a random 100,000 compared with the
   one evaluator's.

Times are the best of several runs (the machine is shared).
"""

from __future__ import annotations

import decimal
import importlib.util
import random
import resource
import time
import tracemalloc
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import numpy as np

import jixiao
from jixiao._evaluator import evaluate_rule
from jixiao.quantities import CONTEXT
from jixiao.sweep import columns, decimals, grid, sweep, sweep_rule

ROOT = Path(__file__).resolve().parents[1]
N = 1_000_000
SAMPLE = 10_000
CENT = Decimal("0.01")
SHARES = (Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), Decimal(1))


def best(function: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def quarterly_inputs(seed: int = 15) -> tuple[np.ndarray, np.ndarray]:
    """Cumulative spending and budgets in cents, shape (N, 4)."""
    rng = np.random.default_rng(seed)
    budget = rng.integers(10_000_000, 400_000_000, size=(N, 1)) + np.zeros((1, 4), np.int64)
    budget = budget + np.cumsum(rng.integers(0, 5_000_000, size=(N, 4)), axis=1)
    spent = np.cumsum(rng.integers(0, 120_000_000, size=(N, 4)), axis=1)
    return spent.astype(np.int64), budget.astype(np.int64)


def straight_decimal(spent: list[Decimal], budget: list[Decimal]) -> Decimal:
    rates = [min(s / b / share, Decimal(1) * 99) for s, b, share in zip(spent, budget, SHARES)]
    total = sum((min(r, Decimal(1)) for r in rates), Decimal(0))
    total += min(sum(rates, Decimal(0)) / 4 * 2, Decimal(2))
    total = total.quantize(Decimal("1e-20"), ROUND_HALF_UP)
    return min(total, Decimal(6)).quantize(CENT, ROUND_HALF_UP)


def straight_numpy(spent: np.ndarray, budget: np.ndarray, dtype: Any) -> np.ndarray:
    rates = spent.astype(dtype) / budget.astype(dtype) / np.array([0.25, 0.5, 0.75, 1.0], dtype)
    total = np.minimum(rates, 1).sum(axis=1) + np.minimum(rates.mean(axis=1) * 2, 2)
    return np.floor(np.minimum(total, 6) * 100 + 0.5).astype(np.int64)


def quarterly() -> None:
    fw = jixiao.framework("shenzhen-luohu-2023")
    rule = fw.indicator("budget_execution")
    spent, budget = quarterly_inputs()
    base = {"quarters": [{"spent": Decimal(0), "budget": Decimal(1)} for _ in range(4)]}
    scenarios = columns(
        **{f"quarters[{q + 1}].spent": decimals(spent[:, q]) for q in range(4)},
        **{f"quarters[{q + 1}].budget": decimals(budget[:, q]) for q in range(4)},
    )
    seconds, result = best(lambda: sweep_rule(rule, scenarios, base=base))
    exact = result.cents("points")
    print(f"1. budget_execution over {N:,} scenarios")
    print(f"   column evaluator (jixiao.sweep.sweep_rule): {seconds * 1000:.0f} ms")

    rows = random.Random(15).sample(range(N), SAMPLE)
    as_decimal = [
        ([Decimal(int(v)).scaleb(-2) for v in spent[r]], [Decimal(int(v)).scaleb(-2) for v in budget[r]])
        for r in rows
    ]

    def scalar() -> list[int]:
        with decimal.localcontext(CONTEXT):
            return [
                int(
                    evaluate_rule(
                        rule, {"quarters": [{"spent": s, "budget": b} for s, b in zip(*case)]}
                    ).points.scaleb(2)
                )
                for case in as_decimal
            ]

    seconds, scalar_cents = best(scalar, 2)
    wrong = sum(1 for r, c in zip(rows, scalar_cents) if exact[r] != c)
    print(
        f"   scalar evaluator: {seconds / SAMPLE * N:.1f} s per million "
        f"(a sample of {SAMPLE:,}, extrapolated); column ≠ scalar on {wrong} of the sample"
    )

    def plain() -> list[int]:
        with decimal.localcontext(CONTEXT):
            return [int(straight_decimal(*case).scaleb(2)) for case in as_decimal]

    seconds, plain_cents = best(plain, 2)
    wrong = sum(1 for c, s in zip(plain_cents, scalar_cents) if c != s)
    print(
        f"   straight-line Decimal loop: {seconds / SAMPLE * N:.1f} s per million "
        f"(sample, extrapolated); {wrong} mismatches on the sample"
    )
    for name, dtype in (("float64", np.float64), ("float32", np.float32)):
        seconds, floats = best(lambda dtype=dtype: straight_numpy(spent, budget, dtype))
        print(
            f"   numpy {name} straight line: {seconds * 1000:.0f} ms; "
            f"{int((floats != exact).sum())} of {N:,} differ from the exact points"
        )
    if importlib.util.find_spec("openfisca_core") is None:
        print("   OpenFisca: openfisca-core is not installed here; not measured")


def luohu() -> None:
    department = jixiao.load_department(ROOT / "examples" / "luohu-2023-department.toml")
    axes = {
        "budget_execution.quarters[2].spent": [f"{548.3 + i * 12.7:.2f}" for i in range(100)],
        "non_establishment_staff.non_establishment": list(range(100)),
        "satisfaction.rate": [f"{70 + i * Decimal('0.3')}%" for i in range(100)],
    }
    scenarios = grid(**axes)
    sweep(department, grid(**{k: v[:2] for k, v in axes.items()}))  # warm up imports
    seconds, result = best(lambda: sweep(department, scenarios))
    tracemalloc.start()
    sweep(department, scenarios)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"2. Luohu 2023 over {len(scenarios):,} scenarios changing three inputs")
    print(f"   {seconds:.3f} s (best of 3); peak traced memory {peak / 2**20:.0f} MB "
          f"(process peak RSS {rss:.0f} MB, including the quarterly benchmark)")
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
