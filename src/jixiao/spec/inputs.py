"""Inputs: what a rule reads from the user, declared as data.

Every rule declares its inputs: the name (the keyword of its rule function and
the key in input files), the official Chinese label and an English one, the
kind, the unit, whether it is required (and its default when not), and the
constraints its value must meet. Files, forms, the documentation and error
messages all read these declarations.

The kinds, and what a value of each may be:

=============  =====================================================================
kind           value
=============  =====================================================================
``amount``     money: ``Decimal``, ``int``, text (``"1,171.04"``) or an :class:`~jixiao.Amount`
``count``      a whole number of people, tasks, items or days, never negative
``ratio``      a :class:`~jixiao.Ratio` or text with ``%`` (a bare number is refused)
``number``     an exact number in the unit of the row (a target, an actual)
``date``       a :class:`datetime.date`
``flag``       ``True`` or ``False``: whether a condition (a veto, an exemption) holds
``choice``     the key of one of named options (a tier)
``verdicts``   a checklist's verdicts: ``True`` (every item met), or one per item
``points``     the evaluator's points: ``True`` (full), ``False`` (none) or a number
``records``    a list of tables, each of the input's ``fields``
=============  =====================================================================

An input with ``length`` is a list of exactly that many values (of its kind);
the measure that reads it checks the list.
"""

from __future__ import annotations

import enum
import functools
import warnings
from collections.abc import Mapping
from decimal import Decimal

import attrs

from jixiao.errors import FrameworkError, InputError, JixiaoError, PlausibilityWarning, Wording
from jixiao.numbers import MAX_INTEGER_DIGITS
from jixiao.quantities import Amount, Ratio, as_ratio, as_signed_ratio, to_count, to_decimal

__all__ = ["CONSTRAINT_KINDS", "SEVERITIES", "Constraint", "Input", "InputKind"]


class InputKind(enum.Enum):
    """The kind of an input (see the module's table)."""

    AMOUNT = "amount"
    COUNT = "count"
    RATIO = "ratio"
    NUMBER = "number"
    DATE = "date"
    FLAG = "flag"
    CHOICE = "choice"
    VERDICTS = "verdicts"
    POINTS = "points"
    RECORDS = "records"


CONSTRAINT_KINDS = ("at-most", "not-falling")
"""The kinds of :class:`Constraint`: the plausibility rules of an input."""

SEVERITIES = ("error", "warning")
"""What breaking a :class:`Constraint` is: refused, or scored with a warning."""


_CONVERTED = frozenset({InputKind.COUNT, InputKind.RATIO, InputKind.FLAG, InputKind.NUMBER})
_COUNT, _RATIO, _FLAG, _NUMBER = InputKind.COUNT, InputKind.RATIO, InputKind.FLAG, InputKind.NUMBER
"""The kinds :meth:`Input.read` converts, looked up once (a member looked up
on an enum class goes through its metaclass, some ten times a plain name)."""
"""The kinds :meth:`Input.read` converts or checks."""


def _limit_valid(instance: Constraint, attribute: object, value: str) -> None:
    if instance.kind == "at-most" and bool(value) == bool(instance.other):
        raise FrameworkError(
            "an at-most constraint names either an input (other) or a limit",
            zh="at-most 约束应指定另一个输入（other）或一个上限（limit）之一",
        )
    if instance.kind == "not-falling" and (value or instance.other):
        raise FrameworkError(
            "a not-falling constraint has no other input nor limit",
            zh="not-falling 约束不指定其他输入，也不指定上限",
        )


@attrs.frozen
class Constraint:
    """A plausibility rule an input's value meets, besides its kind: what
    makes the data impossible (an error) or odd though the source allows it
    (a warning), stated in the rule data and applied by the one evaluator.

    Attributes:
        kind: ``"at-most"``: the value never exceeds the input named *other*
            (a part never exceeds its whole) or the fixed *limit* (a rate of
            people at most ``"100%"``); ``"not-falling"``: a list (or the
            *field* of each record of a list) never falls from one element to
            the next (a cumulative amount).
        other: the other input an ``at-most`` compares with.
        limit: the fixed bound of an ``at-most``, written as a value of the
            input's kind (``"100%"``).
        field: for a list of records, the field compared.
        severity: ``"error"`` (refused) or ``"warning"`` (scored, with a
            :class:`~jixiao.errors.PlausibilityWarning`).
        message: what is wrong when the rule is broken, in one sentence.
        message_zh: the same in Chinese.
    """

    kind: str = attrs.field(validator=attrs.validators.in_(CONSTRAINT_KINDS))
    other: str = ""
    message: str = ""
    limit: str = attrs.field(default="", validator=_limit_valid)
    field: str = ""
    severity: str = attrs.field(default="error", validator=attrs.validators.in_(SEVERITIES))
    message_zh: str = ""

    def text(self) -> Wording:
        """The message in English and Chinese (a default one from the kind)."""
        if self.kind == "not-falling":
            what = f"{self.field} " if self.field else ""
            english = self.message or f"a cumulative {what}value never falls"
            chinese = self.message_zh or "累计数不应减少"
        else:
            bound = self.other or self.limit
            english = self.message or f"must not exceed {bound}"
            chinese = self.message_zh or f"不应超过 {bound}"
        return Wording(english, chinese)

    def check(
        self, item: Input | str, values: Mapping[str, object], row: str | None = None
    ) -> None:
        """Check *item*'s value among the converted *values* (of the rule *row*;
        *item* the input, or its name for a plain number).

        Raises:
            InputError: the value breaks an error rule (naming the input and
                its value); a warning rule warns instead. A value that cannot
                be compared is left to the measure that reads it.
        """
        if isinstance(item, str):
            item = Input(item)
        value = values.get(item.name)
        if value is None:
            return
        if self.kind == "not-falling":
            self._check_sequence(item, value, row)
            return
        if self.other:
            bound = values.get(self.other)
            if bound is None:
                return
            theirs = _comparable(bound, item)
        else:
            bound = self.limit
            theirs = _limit(bound, item.kind is InputKind.RATIO, item.signed)
        mine = _comparable(value, item)
        if mine is None or theirs is None or mine[0] != theirs[0]:
            return
        if mine[1] > theirs[1]:
            self._broken(item.name, value, row, "" if self.limit else f"{self.other} = {bound}")

    def _check_sequence(self, item: Input, value: object, row: str | None) -> None:
        if not isinstance(value, (list, tuple)):
            return
        element = next((f for f in item.fields if f.name == self.field), item)
        previous: tuple[bool, Decimal] | None = None
        for index, entry in enumerate(value):
            if self.field:
                if type(entry) is not dict and not isinstance(entry, Mapping):
                    return
                entry = entry.get(self.field)
            current = _comparable(entry, element)
            if current is None or (previous is not None and previous[0] != current[0]):
                return
            if previous is not None and current[1] < previous[1]:
                where = f"{item.name}[{index + 1}]" + (f".{self.field}" if self.field else "")
                before = value[index - 1]
                if self.field and isinstance(before, Mapping):
                    before = before.get(self.field)
                self._broken(where, (before, entry), row)
            previous = current

    def _broken(self, field: str, value: object, row: str | None, beside: str = "") -> None:
        en, zh = self.text()
        if beside:
            en, zh = f"{en}; {beside}", f"{zh}；{beside}"
        if self.severity == "warning":
            warning = PlausibilityWarning(en, zh=zh, field=field, row=row, value=value)
            warnings.warn(warning, stacklevel=4)
            return
        raise InputError(en, zh=zh, field=field, row=row, value=value)


def _comparable(value: object, item: Input) -> tuple[bool, Decimal] | None:
    """*value* as a number to compare (and whether it is an :class:`Amount`),
    or ``None`` when it cannot be read (the measure reading it says why).

    A finite ``Decimal`` is compared as it is: the measure that reads it
    checks its bounds (comparing never overflows)."""
    if isinstance(value, Ratio):  # read already: the evaluator passes values as read
        return False, value.value
    if isinstance(value, Amount):
        return True, value.in_yuan
    if type(value) is Decimal and value.is_finite():
        return False, value
    if type(value) is int and item.kind is not _RATIO and -_INT_LIMIT < value < _INT_LIMIT:
        return False, Decimal(value)  # as to_decimal reads an int within its bounds
    return _read(value, item.kind is _RATIO, item.signed, item.name)


def _read(value: object, ratio: bool, signed: bool, name: str) -> tuple[bool, Decimal] | None:
    try:
        if ratio:
            read = as_signed_ratio(value, name) if signed else as_ratio(value, name)
            return False, read.value
        return False, to_decimal(value, name, negative=True)
    except JixiaoError:
        return None


_INT_LIMIT = 10**MAX_INTEGER_DIGITS


@functools.lru_cache(maxsize=256)
def _limit(text: str, ratio: bool, signed: bool) -> tuple[bool, Decimal] | None:
    """A constraint's fixed limit as an input of this kind compares it, read
    once per limit and kind (rule data states a handful)."""
    return _read(text, ratio, signed, "limit")


@attrs.frozen
class Input:
    """One input of a rule.

    Attributes:
        name: its key (a keyword of the rule function, a key of input files).
        label: the official Chinese label (e.g. 在编人数).
        label_en: an English label.
        kind: what the value is (:class:`InputKind`).
        unit: the unit it is counted in, when it has one (人, 个, 工作日; money
            is in the unit of the file or the caller).
        required: whether it must be given.
        default: the value when it is not given (optional inputs only).
        description: what exactly to count, when the label does not say.
        signed: a ratio or number that may be below 0 (a change).
        length: a list of exactly this many values (``None``: one value).
        fields: for ``records``, the fields of each record.
        constraints: rules the value must meet besides its kind.
    """

    name: str
    label: str = ""
    label_en: str = ""
    kind: InputKind = InputKind.NUMBER
    unit: str = ""
    required: bool = True
    default: object = None
    description: str = ""
    signed: bool = False
    length: int | None = None
    fields: tuple[Input, ...] = ()
    constraints: tuple[Constraint, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise FrameworkError(
                "an input's name is a Python identifier",
                zh="输入的名称应为 Python 标识符",
                value=self.name,
            )
        if self.required and self.default is not None:
            raise FrameworkError(
                "a required input has no default", zh="必需的输入没有默认值", field=self.name
            )
        if (self.kind is InputKind.RECORDS) != bool(self.fields):
            raise FrameworkError(
                "records, and only records, have fields",
                zh="只有 records 类型有 fields，且 records 必须有",
                field=self.name,
            )

    @property
    def converts(self) -> bool:
        """Whether :meth:`read` changes or checks a value (else it returns it
        as given, for the measure or component that reads it to check)."""
        return self.length is None and self.kind in _CONVERTED

    def read(self, value: object) -> object:
        """The value as the rule's measures and components read it.

        Counts become ``int``, flags are checked, ratios become :class:`~jixiao.Ratio`
        and numbers ``Decimal``; the other kinds (and lists) are checked by the
        measure or component that reads them, which names what is wrong.

        Raises:
            InputError: the value is not of the input's kind (naming the input).
        """
        if value is None and not self.required and self.default is None:
            return None
        if self.length is not None:
            return value
        kind = self.kind
        if kind is _COUNT:
            return to_count(value, self.name)
        if kind is _RATIO:
            return as_signed_ratio(value, self.name) if self.signed else as_ratio(value, self.name)
        if kind is _FLAG:
            if not isinstance(value, bool):
                raise InputError(
                    "expected true or false", zh="应为 true 或 false", field=self.name, value=value
                )
            return value
        if kind is _NUMBER:
            return to_decimal(value, self.name, negative=self.signed)
        return value
