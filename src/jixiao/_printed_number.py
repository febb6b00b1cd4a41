"""How a cell printed a number: :class:`PrintedNumber` with its :class:`Scale`,
and :class:`NoNumber` for a cell that prints none (private: documented in
:mod:`jixiao.numbers`, which reads them from text)."""

from __future__ import annotations

import decimal
import enum
from decimal import Decimal
from typing import Final

import attrs

from jixiao._number_bounds import bounds_problem, places_of, shown
from jixiao.errors import NumberError

__all__ = ["NoNumber", "PrintedNumber", "Scale"]

_EXACT: Final = decimal.Context(
    prec=34,
    rounding=decimal.ROUND_HALF_UP,
    traps=[decimal.InvalidOperation, decimal.Overflow, decimal.Inexact, decimal.Rounded],
)
"""The context of the only arithmetic here (a value times 10⁴ or 10⁸). The
bounds make it exact; the traps turn a broken bound into a loud failure,
never a silent rounding."""


class Scale(enum.Enum):
    """The scale words of printed numbers: none, 万 (10⁴) and 亿 (10⁸).

    >>> Scale("万").factor
    Decimal('10000')
    """

    ONE = ""
    WAN = "万"
    YI = "亿"

    @property
    def exponent(self) -> int:
        """The power of ten the scale multiplies by (0, 4 or 8)."""
        return _EXPONENTS[self]

    @property
    def factor(self) -> Decimal:
        """The multiplier itself: 1, 10,000 or 100,000,000."""
        return _FACTORS[self]


_EXPONENTS: Final = {Scale.ONE: 0, Scale.WAN: 4, Scale.YI: 8}
_FACTORS: Final = {scale: Decimal(10**exponent) for scale, exponent in _EXPONENTS.items()}


class NoNumber(enum.Enum):
    """What :func:`read_number` answers for a cell that prints no number."""

    BLANK = "blank"
    """Empty, a dash, a slash or 无: nothing was printed."""
    UNREADABLE = "unreadable"
    """``#####`` or a spreadsheet error value: something was printed and lost."""


def _valid_number(instance: PrintedNumber, attribute: object, number: Decimal) -> None:
    if not isinstance(number, Decimal) or not number.is_finite():
        shown_value = number if isinstance(number, Decimal) else type(number).__name__
        raise NumberError(
            "a PrintedNumber holds a finite Decimal",
            zh="PrintedNumber 应持有有限的 Decimal",
            field="number",
            value=shown_value,
        )
    problem = bounds_problem(number, places_of(number), instance.scale.exponent)
    if problem is not None:
        raise NumberError(problem.en, zh=problem.zh, field="number", value=shown(str(number)))


def _valid_unit(instance: PrintedNumber, attribute: object, unit: str) -> None:
    if unit not in ("", "元"):
        shown_unit = shown(unit) if isinstance(unit, str) else type(unit).__name__
        raise NumberError(
            "the unit of a printed number is '' or '元'",
            zh="印出数字的单位为 '' 或 '元'",
            field="unit",
            value=shown_unit,
        )
    if instance.percent and (unit or instance.scale is not Scale.ONE):
        raise NumberError(
            "a percentage has no scale or unit",
            zh="百分数没有数量级或单位",
            field="unit",
            value=unit,
        )


@attrs.frozen
class PrintedNumber:
    """A number as a cell prints it: the number, and what stands around it.

    The fields keep what was printed; :attr:`value` and :attr:`in_yuan`
    compute from them. One class for every form, so that a caller sees at
    once whether the cell printed a percentage or a scale, and nothing is
    divided or multiplied behind its back.

    Attributes:
        number: the number as printed, before its scale (``190.7`` for
            ``"190.7万"``, ``84.51`` for ``"84.51%"``), with its printed
            decimal places (``Decimal("95.3600")``).
        percent: whether a percent sign followed (the number is not divided).
        scale: :class:`Scale` ``ONE``, ``WAN`` (万) or ``YI`` (亿).
        unit: ``"元"`` when a money unit was printed (元, 万元, 亿元), else ``""``.
        text: the text as given (``""`` for a number built in code).

    >>> n = parse_number("190.7万", units=True)
    >>> n.number, n.scale.value, n.value, n.places, n.in_yuan is None
    (Decimal('190.7'), '万', Decimal('1907000.0'), 1, True)
    """

    number: Decimal = attrs.field(validator=_valid_number)
    percent: bool = attrs.field(
        default=False, validator=attrs.validators.instance_of(bool), kw_only=True
    )
    scale: Scale = attrs.field(
        default=Scale.ONE, validator=attrs.validators.instance_of(Scale), kw_only=True
    )
    unit: str = attrs.field(default="", validator=_valid_unit, kw_only=True)
    text: str = attrs.field(default="", validator=attrs.validators.instance_of(str), kw_only=True)

    def __repr__(self) -> str:
        return (
            f"PrintedNumber(number={self.number!r}, percent={self.percent!r}, "
            f"scale={self.scale!r}, unit={self.unit!r}, text={shown(self.text)!r})"
        )

    @property
    def value(self) -> Decimal:
        """The number times its scale, exactly (a percentage is not divided).

        For money (元, 万元, 亿元 printed) this is the amount in 元.
        """
        if self.scale is Scale.ONE:
            return self.number
        return _EXACT.multiply(self.number, self.scale.factor)

    @property
    def in_yuan(self) -> Decimal | None:
        """The amount in 元 when the text printed a money unit (元, 万元, 亿元),
        else ``None``: the unit of a bare number is the caller's to know."""
        return self.value if self.unit else None

    @property
    def places(self) -> int:
        """The decimal places printed (``4`` for ``"95.3600"``)."""
        return places_of(self.number)
