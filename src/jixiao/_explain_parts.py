"""The explanation line of each kind of rule component, its rule data formatted once.

:func:`part_text` gives, for one component, a function that renders a
:class:`~jixiao.primitives.Part` of it (what it gave for one measured value)
as its Chinese and English line; the wording of the component, its bands,
tiers or items is formatted when the renderer is made, not per score.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao._explain_format import PartText, approx, number, points_en, value_text
from jixiao.primitives import (
    Band,
    Bands,
    Checklist,
    Component,
    Deduction,
    Excess,
    Judged,
    Part,
    Proportional,
    Tier,
    Tiers,
    measure_value,
)

__all__ = ["part_text"]


def _bands(c: Bands) -> PartText:
    head, head_en = f"{c.text}：", f"{c.text_en}: "
    table = {
        id(b): (
            b,
            f"，适用“{b.text}” → {number(b.points)}分",
            f" lies in {b.interval} → {points_en(b.points)}",
        )
        for b in c.bands
    }

    def render(part: Part) -> tuple[str, str]:
        value = value_text(part.value)
        entry = table.get(id(part.detail))
        if entry is not None and part.points == entry[0].points:
            return head + value + entry[1], head_en + value + entry[2]
        band = part.detail
        assert isinstance(band, Band)
        return (
            f"{head}{value}，适用“{band.text}” → {number(part.points)}分",
            f"{head_en}{value} lies in {band.interval} → {points_en(part.points)}",
        )

    return render


def _proportional(c: Proportional) -> PartText:
    text, text_en, measure, multiplier = c.text, c.text_en, c.measure, c.multiplier
    times = f" × {number(multiplier)} = "
    cap, cap_en = f"，以{number(c.points)}分为限 → ", f", capped at {number(c.points)} → "

    def render(part: Part) -> tuple[str, str]:
        value = value_text(part.value)
        raw = approx(measure_value(part.value, measure) * multiplier)
        if part.detail == "zero":
            return (f"{text}：{value}，本项得0分", f"{text_en}: {value} → 0 points")
        pts = approx(part.points)
        if part.detail == "capped":
            return (
                f"{text}：{value}{times}{raw}{cap}{pts}分",
                f"{text_en}: {value}{times}{raw}{cap_en}{pts}",
            )
        return (f"{text}：{value}{times}{raw} → {pts}分", f"{text_en}: {value}{times}{raw} → {pts}")

    return render


def _deduction(c: Deduction) -> PartText:
    head, head_en = f"{c.text}：", f"{c.text_en}: "
    middle = f"项 × {number(c.per_item)}分 → "
    middle_en = f" × {number(c.per_item)} off {number(c.points)} → "
    # Nothing counted: the full points.
    none = (f"{head}0{middle}{number(c.points)}分", f"{head_en}0{middle_en}{points_en(c.points)}")

    def render(part: Part) -> tuple[str, str]:
        if type(part.value) is int and part.value == 0 and part.points == c.points:
            return none
        value = value_text(part.value)
        pts = number(part.points)
        return (
            f"{head}{value}{middle}{pts}分",
            f"{head_en}{value}{middle_en}{points_en(part.points, pts)}",
        )

    return render


def _excess(c: Excess) -> PartText:
    head, head_en = f"{c.text}：", f"{c.text_en}: "

    def render(part: Part) -> tuple[str, str]:
        value = value_text(part.value)
        off = number(part.detail) if isinstance(part.detail, Decimal) else "0"
        pts = number(part.points)
        return (
            f"{head}{value}，扣{off}分 → {pts}分",
            f"{head_en}{value}, {off} off → {points_en(part.points, pts)}",
        )

    return render


def _checklist(c: Checklist) -> PartText:
    items = c.items
    full = tuple(item.points for item in items)
    # Each item's text when met in full and when not met at all.
    met = [f"{item.text}（{number(item.points)}/{number(item.points)}分）" for item in items]
    met_en = [
        f"{item.text_en or item.text} ({number(item.points)}/{number(item.points)})"
        for item in items
    ]
    unmet = [f"{item.text}（0/{number(item.points)}分）" for item in items]
    unmet_en = [f"{item.text_en or item.text} (0/{number(item.points)})" for item in items]
    all_met = "；".join(f"{i + 1}. {t}" for i, t in enumerate(met)) + f" → {number(c.points)}分"
    all_met_en = (
        "; ".join(f"{i + 1}. {t}" for i, t in enumerate(met_en)) + f" → {points_en(c.points)}"
    )

    def render(part: Part) -> tuple[str, str]:
        earned = part.detail if isinstance(part.detail, tuple) else ()
        if earned == full and part.points == c.points:
            return all_met, all_met_en
        zh: list[str] = []
        en: list[str] = []
        for i, (item, e) in enumerate(zip(items, earned, strict=False)):
            if e == item.points:
                zh.append(f"{i + 1}. {met[i]}")
                en.append(f"{i + 1}. {met_en[i]}")
            elif e == 0:
                zh.append(f"{i + 1}. {unmet[i]}")
                en.append(f"{i + 1}. {unmet_en[i]}")
            else:
                zh.append(f"{i + 1}. {item.text}（{number(e)}/{number(item.points)}分）")
                en.append(
                    f"{i + 1}. {item.text_en or item.text} ({number(e)}/{number(item.points)})"
                )
        pts = number(part.points)
        return (
            "；".join(zh) + f" → {pts}分",
            "; ".join(en) + f" → {points_en(part.points, pts)}",
        )

    return render


def _judged(c: Judged) -> PartText:
    head, tail = f"{c.text}：评价人给分 ", f"/{number(c.points)}分"
    head_en, tail_en = f"{c.text_en}: the evaluator gives ", f" of {points_en(c.points)}"
    full = (head + number(c.points) + tail, head_en + number(c.points) + tail_en)

    def render(part: Part) -> tuple[str, str]:
        if part.points == c.points:
            return full
        pts = number(part.points)
        return head + pts + tail, head_en + pts + tail_en

    return render


def _tiers(c: Tiers) -> PartText:
    head, head_en = f"{c.text}：", f"{c.text_en}: "
    table = {
        id(t): (
            t,
            f"{head}{t.text} → {number(t.points)}分",
            f"{head_en}{t.text_en or t.key} → {points_en(t.points)}",
        )
        for t in c.tiers
    }

    def render(part: Part) -> tuple[str, str]:
        entry = table.get(id(part.detail))
        if entry is not None and part.points == entry[0].points:
            return entry[1], entry[2]
        tier = part.detail
        assert isinstance(tier, Tier)
        return (
            f"{head}{tier.text} → {number(part.points)}分",
            f"{head_en}{tier.text_en or tier.key} → {points_en(part.points)}",
        )

    return render


def _other(c: Component) -> PartText:  # pragma: no cover - every shipped kind is above
    def render(part: Part) -> tuple[str, str]:
        pts = number(part.points)
        return (f"{c.text}：{pts}分", f"{c.text_en}: {pts} points")

    return render


def part_text(c: Component) -> PartText:
    """The renderer of *c*'s parts, its rule data formatted once."""
    if isinstance(c, Bands):
        return _bands(c)
    if isinstance(c, Proportional):
        return _proportional(c)
    if isinstance(c, Deduction):
        return _deduction(c)
    if isinstance(c, Excess):
        return _excess(c)
    if isinstance(c, Checklist):
        return _checklist(c)
    if isinstance(c, Judged):
        return _judged(c)
    if isinstance(c, Tiers):
        return _tiers(c)
    return _other(c)
