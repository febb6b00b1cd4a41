"""jixiao in a notebook: tidy DataFrames, charts with Chinese labels, and the
displays Jupyter shows (``pip install 'jixiao[notebook]'``).

Every result that holds numbers has a ``to_pandas()``:
:meth:`Evaluation.to_pandas <jixiao.department.evaluation.Evaluation.to_pandas>`,
:meth:`ProjectEvaluation.to_pandas <jixiao.project.evaluation.ProjectEvaluation.to_pandas>`,
:meth:`Audit.to_pandas <jixiao.project.audit.Audit.to_pandas>` and
:meth:`BatchAudit.to_pandas <jixiao.io.batch.BatchAudit.to_pandas>`; the
functions here build the same frames, and those of results that are plain
sequences: scores (:func:`scores_frame`), grade moves (:func:`moves_frame`)
and the files :func:`~jixiao.io.batch.iter_audits` yields (:func:`batch_frame`).

A frame is tidy (one row per indicator, table row, table or finding) and
keeps every number twice: a float64 column to plot and compute with
(``points``) and the exact :class:`~decimal.Decimal` beside it
(``points_exact``; ``None`` where there is no number). Floats never go back
into jixiao: its results stay exact.

Charts (:func:`plot_breakdown`, :func:`plot_moves`) return a matplotlib Axes
and draw Chinese labels in a CJK font (:func:`use_cjk_font`): a system font
when one is installed (Noto Sans CJK SC, Source Han Sans, WenQuanYi,
Microsoft YaHei, PingFang SC…), else Noto Sans
CJK SC from the package ``manimgx-fonts-cjk`` (SIL Open Font License 1.1),
which the extra installs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from jixiao._notebook import cjk_font, frame, pyplot, scores_frame, use_cjk_font
from jixiao.department._notebook import evaluation_frame, plot_breakdown
from jixiao.department.evaluation import Evaluation
from jixiao.io.batch import FileAudit
from jixiao.moves import Move, grade_moves
from jixiao.project._notebook import audit_frame, audits_frame, project_frame
from jixiao.project.audit import Audit

__all__ = [
    "audit_frame",
    "audits_frame",
    "batch_frame",
    "cjk_font",
    "evaluation_frame",
    "moves_frame",
    "plot_breakdown",
    "plot_moves",
    "project_frame",
    "scores_frame",
    "use_cjk_font",
]

MOVE_NUMBERS = ("points_before", "points_after", "change", "total")


def batch_frame(items: Iterable[FileAudit | Audit], what: str = "tables") -> Any:
    """The files :func:`~jixiao.io.batch.iter_audits` yields (or audits) as
    one DataFrame, read one item at a time: the columns of
    :func:`audits_frame` (``what="tables"``: a row per table and per
    unreadable file; ``"findings"``: a row per finding).

    >>> from jixiao.io.batch import iter_audits
    >>> tables = batch_frame(iter_audits(["examples/projects"]))  # doctest: +SKIP
    """
    audits: list[Audit] = []
    unreadable: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, Audit):
            audits.append(item)
            continue
        audits.extend(item.audits)
        if item.error is not None:
            unreadable.append((item.error.source, item.error.message))
    return audits_frame(audits, what, unreadable)


def moves_frame(moves: Iterable[Move]) -> Any:
    """Grade moves (:func:`~jixiao.moves.grade_moves`) as a tidy DataFrame,
    one row per move: ``indicator`` (key), ``input`` (its path), ``before``
    and ``after`` (the input's values, as given), ``points_before``,
    ``points_after``, ``change`` (after − before) and ``total`` (the new
    total) as float64 with ``<name>_exact`` (Decimal) beside each, and
    ``grade`` (the new grade)."""
    records = [
        {
            "indicator": m.indicator,
            "input": m.input,
            "before": m.before,
            "after": m.after,
            "points_before": m.points_before,
            "points_after": m.points_after,
            "change": m.points_after - m.points_before,
            "total": m.total,
            "grade": m.grade.value,
        }
        for m in moves
    ]
    columns = ("indicator", "input", "before", "after", *MOVE_NUMBERS, "grade")
    return frame(records, MOVE_NUMBERS, columns)


def _edge(evaluation: Evaluation, direction: str) -> Decimal | None:
    """The grade edge a move in *direction* crosses."""
    edges = sorted(lowest for lowest, _ in evaluation.framework.grades.floors)
    if direction == "up":
        return next((e for e in edges if e > evaluation.total), None)
    below = [e for e in edges if e <= evaluation.total]
    return below[-1] if below else None


def plot_moves(
    evaluation: Evaluation,
    direction: str = "up",
    *,
    moves: Sequence[Move] | None = None,
    ax: Any = None,
) -> Any:
    """The grade moves as a chart: one horizontal bar per single-input
    change, from the current total to the total it leads to, labelled by the
    indicator's Chinese name and the change; a solid line at the current
    total, a dashed one at the grade edge crossed. Needs the extra ``notebook``.

    Args:
        evaluation: the department's evaluation.
        direction: ``"up"`` or ``"down"`` (see :func:`~jixiao.moves.grade_moves`).
        moves: the moves, when already found (default: found now).
        ax: a matplotlib Axes to draw on (default: a new figure).

    Returns:
        The Axes (its first container holds the bars, one per move).
    """
    found = list(grade_moves(evaluation, direction) if moves is None else moves)
    plt = pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * max(len(found), 1) + 1.4))
    current = evaluation.total
    names = {i.key: i.name for i in evaluation.framework.indicators}
    labels = [f"{names.get(m.indicator, m.indicator)}\n{m.before} → {m.after}" for m in found]
    positions = list(range(len(found)))
    colour = "#3b8a4a" if direction == "up" else "#b5443b"
    ax.barh(
        positions,
        [float(m.total - current) for m in found],
        left=float(current),
        color=colour,
        label="改变后总分 total after the change",
    )
    for y, move in zip(positions, found, strict=True):
        ax.text(float(move.total), y, f" {move.total} {move.grade.value}", va="center")
    ax.axvline(float(current), color="black", linewidth=1, label=f"当前总分 total {current}")
    edge = _edge(evaluation, direction)
    if edge is not None:
        ax.axvline(float(edge), color="grey", linestyle="--", label=f"等级线 grade edge {edge}")
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    word = "升级 up" if direction == "up" else "降级 down"
    ax.set_title(f"改变一项输入即{word}：{len(found)} 项 single changes", fontsize="medium")
    ax.set_xlabel("总分 total")
    ax.legend(loc="best", fontsize="small")
    ax.margins(x=0.2)
    return ax
