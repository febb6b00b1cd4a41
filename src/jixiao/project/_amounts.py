"""The amounts of a project table's funds rows, read in the table's unit (private).

A table prints the amounts' unit once (项目资金（万元）, 单位：元) and the
amounts as numbers. Some print the unit in every amount as well, as a
spreadsheet's number or currency format does ("50,000.00元", "¥50,000.00");
such an amount is read when its unit is the table's, and is no amount the
table can add up when it is another.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Final

from jixiao.errors import NumberError, Wording
from jixiao.numbers import MAX_LENGTH, NoNumber, PrintedNumber, read_number
from jixiao.project.model import number_problem, printed_number
from jixiao.quantities import Unit

__all__ = ["amount_problem", "printed_amount"]

_MONEY: Final = frozenset("元¥￥")


def printed_amount(text: str, unit: Unit) -> Decimal | None:
    """The number a funds amount cell shows in the amounts' *unit*: as
    :func:`~jixiao.project.model.printed_number`, and also with *unit*
    written in the cell ("50,000.00元" or "¥50,000.00" for 元, "5.00万元" for
    万元); ``None`` when it shows none, or one in another unit.

    >>> printed_amount("¥50,000.00", Unit.YUAN), printed_amount("5.00万元", Unit.WAN)
    (Decimal('50000.00'), Decimal('5.00'))
    >>> printed_amount("50000.00", Unit.WAN), printed_amount("5.00万元", Unit.YUAN)
    (Decimal('50000.00'), None)
    """
    if type(text) is str and len(text) <= 2 * MAX_LENGTH:
        return _kept_amount(text, unit)
    return _amount(text, unit)


@lru_cache(maxsize=1024)
def _kept_amount(text: str, unit: Unit) -> Decimal | None:
    """:func:`_amount` of a short text, kept (as printed numbers are)."""
    return _amount(text, unit)


def _amount(text: str, unit: Unit) -> Decimal | None:
    number = printed_number(text)
    if number is not None or not _MONEY.intersection(text):  # most print no unit
        return number
    read = _with_unit(text)
    if not isinstance(read, PrintedNumber) or _written(read) != unit.value:
        return None
    return read.number


def _written(read: PrintedNumber) -> str:
    """The unit an amount prints: "元", "万元", "亿元" (or a scale alone, "万")."""
    return read.scale.value + read.unit


def _with_unit(text: str) -> PrintedNumber | NoNumber | NumberError:
    try:
        return read_number(text, negative=True, units=True)
    except NumberError as error:
        return error


def amount_problem(text: str, unit: Unit) -> Wording | None:
    """Why an amount cell that prints digits shows no amount in *unit*, in
    English and Chinese, or ``None`` (see :func:`~jixiao.project.model.number_problem`).

    >>> print(amount_problem("5.00万元", Unit.YUAN).en)
    printed in 万元, not in the amounts' unit (元)
    """
    if not _MONEY.intersection(text):
        return number_problem(text)
    read = _with_unit(text)
    if isinstance(read, NumberError):
        return Wording(read.message, read.message_zh)
    if isinstance(read, PrintedNumber) and (shown := _written(read)) != unit.value:
        return Wording(
            f"printed in {shown}, not in the amounts' unit ({unit.value})",
            f"以{shown}印出，而非金额的单位（{unit.value}）",
        )
    return None
