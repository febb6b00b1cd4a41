"""A department evaluation in a notebook: its tidy frame and its breakdown chart (private).

:meth:`Evaluation.to_pandas <jixiao.department.evaluation.Evaluation.to_pandas>`
and :meth:`Evaluation.plot <jixiao.department.evaluation.Evaluation.plot>`
call these; both need the optional extra ``notebook``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jixiao._notebook import SCORE_NUMBERS, frame, pyplot, score_records

if TYPE_CHECKING:
    from jixiao.department.evaluation import Evaluation

__all__ = ["evaluation_frame", "plot_breakdown"]


def _places(evaluation: Evaluation) -> dict[str, tuple[str, str, str, str]]:
    """Each indicator's level-1 and level-2 group: (key, name, key, name)."""
    above: list[tuple[str, str]] = []
    places = {}
    for row in evaluation.framework.text.rows:
        del above[row.depth :]
        if row.leaf:
            (k1, n1), (k2, n2) = [*above, ("", ""), ("", "")][:2]
            places[row.key] = (k1, n1, k2, n2)
        else:
            above.append((row.key, row.name))
    return places


def evaluation_frame(evaluation: Evaluation) -> Any:
    """The evaluation as a tidy DataFrame, one row per level-3 indicator in
    the framework's order.

    Columns: ``framework`` (id), ``department`` and ``year`` (``None`` when
    evaluated without a department); ``level1``, ``level1_name``, ``level2``,
    ``level2_name`` (the groups' keys and names); then the columns of
    :func:`jixiao.notebook.scores_frame`: ``key``, ``name``, ``name_en``,
    ``points``/``points_exact``, ``weight``/``weight_exact``, ``rate``,
    ``rule_points``/``rule_points_exact``, ``lost``/``lost_exact``,
    ``outcome``, ``overridden``, ``override_reason``, ``citation``. The
    float columns are float64; the ``_exact`` ones hold the Decimals, whose
    ``points_exact`` sum is the total.
    """
    dept = evaluation.department
    places = _places(evaluation)
    fixed = {
        "framework": evaluation.framework.id,
        "department": None if dept is None else dept.name,
        "year": None if dept is None else dept.year,
    }
    records = []
    for record in score_records(evaluation.scores):
        k1, n1, k2, n2 = places[str(record["key"])]
        place = {"level1": k1, "level1_name": n1, "level2": k2, "level2_name": n2}
        records.append({**fixed, **place, **record})
    return frame(records, SCORE_NUMBERS, floats=("rate",))


def plot_breakdown(evaluation: Evaluation, *, ax: Any = None) -> Any:
    """Points against weight per indicator, as horizontal bars: the weight
    (full marks) in a light bar, the points over it, the indicators in the
    framework's order from the top, labelled by their Chinese names; an
    overridden indicator's label ends with ``*``. Needs the extra ``notebook``.

    Args:
        evaluation: the evaluation.
        ax: a matplotlib Axes to draw on (default: a new figure sized to the
            number of indicators).

    Returns:
        The Axes (its first container holds the weight bars, its second the points bars).
    """
    plt = pyplot()
    scores = evaluation.scores
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.32 * len(scores) + 1.2))
    labels = [s.indicator.name + (" *" if s.override is not None else "") for s in scores]
    positions = list(range(len(scores)))
    ax.barh(positions, [float(s.weight) for s in scores], color="#dde3ea", label="分值 weight")
    ax.barh(positions, [float(s.points) for s in scores], color="#3b75af", label="得分 points")
    for y, score in zip(positions, scores, strict=True):
        ax.text(
            float(score.weight),
            y,
            f" {score.points}/{score.weight}",
            va="center",
            fontsize="small",
        )
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.set_xlabel("分 points")
    ax.set_title(
        f"{evaluation.framework.title} 总分 {evaluation.total} · {evaluation.grade.value}",
        fontsize="medium",
    )
    ax.legend(loc="lower right", fontsize="small")
    ax.margins(x=0.15)
    return ax
