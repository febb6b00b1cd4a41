"""What notebooks need, below every class that shows itself in one (private).

The optional extra ``notebook`` (``pip install 'jixiao[notebook]'``) brings
pandas, matplotlib and a CJK font; they are imported only by the functions
that need them (:func:`pandas`, :func:`pyplot`), which raise a
:class:`~jixiao.errors.JixiaoError` naming the extra when it is missing.

Tidy frames keep numbers twice (:func:`frame`): a float column for plotting
and arithmetic in pandas (``points``), and the exact value beside it
(``points_exact``, a :class:`~decimal.Decimal`, or ``None`` where there is no
value). Charts draw Chinese labels in a CJK font (:func:`use_cjk_font`): a
system font when one is installed, else Noto Sans CJK SC from the package
``manimgx-fonts-cjk`` (SIL Open Font License 1.1), which the extra installs.
HTML fragments style only their own output (:func:`scoped_css`).
"""

from __future__ import annotations

import dataclasses
import functools
import html
import importlib
import importlib.resources
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from jixiao._format import words
from jixiao.errors import JixiaoError, Wording
from jixiao.score import Score
from jixiao.spec.rulesets import Citation

__all__ = [
    "CJK_FAMILIES",
    "EXACT",
    "bundled_cjk_font",
    "cjk_font",
    "frame",
    "pandas",
    "pyplot",
    "ruleset_html",
    "scoped_css",
    "score_records",
    "scores_frame",
    "use_cjk_font",
]

EXTRA = "pip install 'jixiao[notebook]'"
EXACT = "_exact"
"""The suffix of a number's exact column: ``points`` (float) and ``points_exact`` (Decimal)."""

CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "SimHei",
    "Sarasa Gothic SC",
    "AR PL UMing CN",
)
"""The CJK font families a chart uses when the system has one, in this order."""

_BUNDLED = ("manimgx_fonts_cjk", "NotoSansCJK-VF.otf.ttc", "Noto Sans CJK SC")
"""The font package of the extra, its file, and the family drawn from it."""


_PLOTTING = Wording("plotting", "绘图")


def _optional(module: str, feature: Wording) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        package = module.split(".")[0]
        raise JixiaoError(
            f"{feature.en} needs {package}: {EXTRA}", zh=f"{feature.zh}需要 {package}：{EXTRA}"
        ) from None


def pandas() -> Any:
    """The pandas module, or a :class:`~jixiao.errors.JixiaoError` naming the extra."""
    return _optional("pandas", Wording("to_pandas", "数据框（to_pandas）"))


def pyplot() -> Any:
    """matplotlib's pyplot with a CJK font set up (:func:`use_cjk_font`)."""
    plt = _optional("matplotlib.pyplot", _PLOTTING)
    use_cjk_font()
    return plt


def _float(value: object) -> float:
    return float("nan") if value is None else float(value)  # type: ignore[arg-type]


def frame(
    records: Iterable[Mapping[str, object]],
    numbers: Sequence[str],
    columns: Sequence[str] = (),
    floats: Sequence[str] = (),
) -> Any:
    """A DataFrame of *records*, each column named in *numbers* (Decimal or
    ``None`` values) given twice: as float64 under its name (NaN for
    ``None``) and exact under its name with ``_exact`` (Decimal objects).

    The columns keep the records' order, each exact column right after its
    float one; the *floats* columns (computed floats, no exact value) are
    float64; flags are bool, counts int64 (Int64 when some are ``None``),
    the rest object. Without records, the frame has the *columns* (and the
    exact ones) and no rows.
    """
    pd = pandas()
    rows = list(records)
    names = list(rows[0]) if rows else list(columns)
    out: dict[str, Any] = {}
    for name in names:
        values = [row[name] for row in rows]
        if name in numbers:
            out[name] = pd.Series([_float(v) for v in values], dtype="float64")
            out[name + EXACT] = pd.Series(values, dtype="object")
        else:
            out[name] = pd.Series(values, dtype="float64" if name in floats else _dtype(values))
    return pd.DataFrame(out)


def _dtype(values: list[object]) -> str:
    """bool for flags, int64 for counts (Int64 with ``None`` among them),
    object for the rest (text, None)."""
    present = [v for v in values if v is not None]
    if not present:
        return "object"
    if all(isinstance(v, bool) for v in values):
        return "bool"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int64" if len(present) == len(values) else "Int64"
    return "object"


def _rate(points: Decimal | None, weight: Decimal | None) -> float:
    """points ÷ weight as a float (NaN without a weight)."""
    if points is None or not weight:
        return float("nan")
    return float(points) / float(weight)


def score_records(scores: Iterable[Score]) -> list[dict[str, object]]:
    """One record per score: key, names, points, weight, rate, the rule's
    points, outcome, override and citation (the columns of :func:`scores_frame`)."""
    records = []
    for score in scores:
        override = score.override
        records.append(
            {
                "key": score.key,
                "name": score.indicator.name,
                "name_en": score.indicator.name_en,
                "points": score.points,
                "weight": score.weight,
                "rate": _rate(score.points, score.weight),
                "rule_points": score.rule_points,
                "lost": score.weight - score.points,
                "outcome": score.outcome.value,
                "overridden": override is not None,
                "override_reason": None if override is None else override.reason,
                "citation": str(score.citation),
            }
        )
    return records


SCORE_NUMBERS = ("points", "weight", "rule_points", "lost")
SCORE_COLUMNS = (
    "key",
    "name",
    "name_en",
    "points",
    "weight",
    "rate",
    "rule_points",
    "lost",
    "outcome",
    "overridden",
    "override_reason",
    "citation",
)


def scores_frame(scores: Iterable[Score]) -> Any:
    """Scores as a tidy DataFrame, one row per score.

    Columns: ``key``, ``name``, ``name_en``; ``points``, ``weight``,
    ``rule_points`` (the rule's points, before an override) and ``lost``
    (weight − points) as float64, each with its exact Decimal in
    ``<name>_exact``; ``rate`` (points ÷ weight, float64); ``outcome``
    (``rule``, ``veto``, ``exempt``); ``overridden`` (bool) and
    ``override_reason``; ``citation`` (text).
    """
    return frame(score_records(scores), SCORE_NUMBERS, SCORE_COLUMNS, ("rate",))


# ---------------------------------------------------------------------- fonts


def bundled_cjk_font() -> str | None:
    """The path of the extra's CJK font file, or ``None`` when it is not installed."""
    package, name, _ = _BUNDLED
    try:
        path = importlib.resources.files(package) / name
    except ImportError:
        return None
    return str(path) if path.is_file() else None


@functools.cache
def cjk_font() -> str | None:
    """The CJK font family charts draw with, registered with matplotlib:
    the first of ``CJK_FAMILIES`` the system has, else Noto Sans CJK SC
    from the extra's font package; ``None`` when there is neither."""
    font_manager = _optional("matplotlib.font_manager", _PLOTTING)
    manager = font_manager.fontManager
    have = {entry.name for entry in manager.ttflist}
    for family in CJK_FAMILIES:
        if family in have:
            return family
    path = bundled_cjk_font()
    if path is None:
        return None
    manager.addfont(path)
    # The file is a variable font, drawn at its default instance; its faces
    # are registered at the normal weight so that text of the normal weight
    # finds them (matplotlib would otherwise log that no normal weight exists).
    manager.ttflist = [
        dataclasses.replace(e, weight=400) if e.fname == path else e for e in manager.ttflist
    ]
    cached = getattr(manager, "_findfont_cached", None)  # matplotlib's look-up cache
    if cached is not None:
        cached.cache_clear()
    return _BUNDLED[2]


def use_cjk_font() -> str | None:
    """Put the CJK font (:func:`cjk_font`) first among matplotlib's sans-serif
    fonts, the others kept behind it for the glyphs it lacks; returns its
    family (``None``: no CJK font, Chinese labels would show as boxes)."""
    family = cjk_font()
    if family is not None:
        matplotlib = _optional("matplotlib", _PLOTTING)
        fonts = [f for f in matplotlib.rcParams["font.sans-serif"] if f != family]
        matplotlib.rcParams["font.sans-serif"] = [family, *fonts]
    return family


# ---------------------------------------------------------------------- HTML


def scoped_css(css: str, scope: str) -> str:
    """*css* with every selector put inside *scope* (``".jixiao-audit"``):
    ``td,th{…}`` becomes ``.jixiao-audit td,.jixiao-audit th{…}``, and
    ``body`` becomes the scope itself, so the rules style nothing outside it."""
    out = []
    for rule in css.split("}"):
        if "{" not in rule:
            continue
        selectors, body = rule.split("{", 1)
        scoped = [
            scope if s.strip() == "body" else f"{scope} {s.strip()}"
            for s in selectors.split(",")
            if s.strip()
        ]
        out.append(f"{','.join(scoped)}{{{body}}}")
    return "".join(out)


STATUS = {
    "transcribed": (
        "据公开文本转录，未经发文机关确认",
        "transcribed from a public copy, not confirmed by the issuing office",
    ),
    "official": ("经发文机关确认", "confirmed by the issuing office"),
}
"""What each review status means, in Chinese and English."""


def ruleset_html(ruleset_id: str, period: object, citation: Citation, lang: str = "both") -> str:
    """A rule set's line in HTML: its id, the period it applies to, its review
    status and its citation; the labels in *lang*."""
    status = citation.status
    meaning = words(*STATUS.get(status, (status, status)), lang)
    return (
        f"<p class='jixiao-ruleset' style='text-align:left;margin:0.2em 0'>"
        f"{words('规则集', 'rule set', lang)}: <strong>{html.escape(ruleset_id)}</strong> · "
        f"{words('适用期', 'period', lang)}: {html.escape(str(period))} · "
        f"{words('状态', 'status', lang)}: <strong>{html.escape(status)}</strong> "
        f"<small>({html.escape(meaning)})</small><br>"
        f"{words('依据', 'source', lang)}: {html.escape(str(citation))}"
        + (f" <small>{html.escape(citation.source)}</small>" if citation.source else "")
        + "</p>"
    )
