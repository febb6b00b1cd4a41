"""What-if questions for the 2023 Luohu department, as an analyst would ask them in a notebook.

Run: ``python examples/whatif_luohu_2023.py`` (from the repository root).

1. What must we still spend by 30 September to keep the full execution point of Q3,
   and what is the least Q3 spending that keeps 预算执行率 at its published 5.12?
2. How many non-establishment staff can we take before the band drops?
3. How does the total move if Q2 spending slips?
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import jixiao
from jixiao.progress import execution_rate, scheduled_progress
from jixiao.sweep import grid, sweep
from jixiao.whatif import (
    execution_spending_for,
    non_establishment_limits,
    public_funds_limits,
    spending_needed,
)

ROOT = Path(__file__).resolve().parent
department = jixiao.load_department(ROOT / "luohu-2023-department.toml")
evaluation = department.evaluate()
print(f"Published evaluation: {evaluation.total} {evaluation.grade.value}\n")

# 1. Spending by 30 September ------------------------------------------------
q3_budget = Decimal("2820.25")  # 万元, the budget at the end of Q3
print("1. 截至9月30日 By 30 September")
print(f"   序时进度 scheduled progress: {scheduled_progress(datetime.date(2023, 9, 30))}")
print(f"   full Q3 point needs cumulative spending ≥ {spending_needed(q3_budget, 3)} 万元")
least = execution_spending_for("5.12", ["20.59%", "42.77%", None, "87.47%"], q3_budget)
print(f"   预算执行率 stays 5.12 with Q3 spending ≥ {least} 万元 (the department spent 1822.83)")
print(
    "   on 31 August the execution rate was "
    f"{execution_rate('1822.83', q3_budget, datetime.date(2023, 8, 31))} if it had already spent 1822.83"
)
for points, most in public_funds_limits("20.65").items():
    shown = "any amount" if most is None else f"at most {most} 万元"
    print(f"   三公经费 keeping {points} points: spend {shown}")

# 2. Non-establishment staff ---------------------------------------------------
print("\n2. 编外人员 Non-establishment staff (11 established)")
for points, largest in non_establishment_limits(11).items():
    shown = "any number" if largest is None else f"at most {largest}"
    print(f"   {points} points: {shown} non-establishment staff")

# 3. Q2 spending slips -----------------------------------------------------------
print("\n3. 二季度支出滞后 If Q2 spending slips")
quarters = [dict(q) for q in department.inputs["budget_execution"]["quarters"]]
slips = ["1171.04", "1000", "800", "600", "548.3"]  # no lower than Q1: spending is cumulative
scenarios = [
    {"budget_execution.quarters": [quarters[0], {"spent": s, "budget": "2738.30"}, *quarters[2:]]}
    for s in slips
]
for spent, record in zip(slips, sweep(department, scenarios).records, strict=True):
    print(
        f"   Q2 spent {spent:>8} 万元 → 预算执行率 {record['budget_execution']}, total {record['total']} {record['grade']}"
    )

# 4. A million scenarios ----------------------------------------------------------
# Q2 spending × non-establishment staff × satisfaction: a lazy grid of 100 × 100 × 100,
# scored exactly (the column evaluator with numpy: pip install 'jixiao[fast]').
print("\n4. 一百万个情景 A million scenarios")
axes = grid(
    **{
        "budget_execution.quarters[2].spent": [f"{548.3 + i * 12.7:.2f}" for i in range(100)],
        "non_establishment_staff.non_establishment": list(range(100)),
        "satisfaction.rate": [f"{70 + i * Decimal('0.3')}%" for i in range(100)],
    }
)
million = sweep(department, axes)
print(f"   {million!r}")
print(f"   lowest total {Decimal(int(million.cents().min())).scaleb(-2)}")
try:
    table = million.to_pandas()
except jixiao.errors.InputError:  # pandas is not installed
    table = None
if table is not None:
    print(table[["satisfaction.rate", "total", "grade", "total_cents"]].tail(3).to_string())

if __name__ == "__main__":  # draw the total against satisfaction, grade bands shaded
    import matplotlib

    matplotlib.use("Agg")
    from jixiao.sweep import plot_total

    ax = plot_total(million, "satisfaction.rate", labels={"satisfaction.rate": "satisfaction %"})
    ax.figure.savefig("whatif_total.png", dpi=120)
    print("   plot: whatif_total.png")
