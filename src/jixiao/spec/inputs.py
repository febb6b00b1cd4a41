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
from collections.abc import Mapping

import attrs

from jixiao.errors import FrameworkError, InputError
from jixiao.quantities import as_ratio, as_signed_ratio, to_count, to_decimal

__all__ = ["CONSTRAINT_KINDS", "Constraint", "Input", "InputKind"]


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


CONSTRAINT_KINDS = ("at-most",)
"""The kinds of :class:`Constraint` (the plausibility rules of issue 13 add to them)."""


_CONVERTED = frozenset({InputKind.COUNT, InputKind.RATIO, InputKind.FLAG, InputKind.NUMBER})
"""The kinds :meth:`Input.read` converts or checks."""


@attrs.frozen
class Constraint:
    """A rule an input's value must meet, besides its kind.

    Attributes:
        kind: ``"at-most"``: the value never exceeds the input named *other*
            (a part never exceeds its whole).
        other: the other input a comparison names.
        message: what is wrong when the rule is broken, in one sentence.
    """

    kind: str = attrs.field(validator=attrs.validators.in_(CONSTRAINT_KINDS))
    other: str = ""
    message: str = ""

    def check(self, name: str, values: Mapping[str, object]) -> None:
        """Check input *name*'s value among the converted *values*.

        Raises:
            InputError: the value breaks the rule (naming the input and its value).
        """
        value, other = values.get(name), values.get(self.other)
        if value is None or other is None:
            return
        if value > other:  # type: ignore[operator]
            text = self.message or f"must not exceed {self.other}"
            raise InputError(text, field=name, value=value)


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
            raise FrameworkError("an input's name is a Python identifier", value=self.name)
        if self.required and self.default is not None:
            raise FrameworkError("a required input has no default", field=self.name)
        if (self.kind is InputKind.RECORDS) != bool(self.fields):
            raise FrameworkError("records, and only records, have fields", field=self.name)

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
        if kind is InputKind.COUNT:
            return to_count(value, self.name)
        if kind is InputKind.RATIO:
            return as_signed_ratio(value, self.name) if self.signed else as_ratio(value, self.name)
        if kind is InputKind.FLAG:
            if not isinstance(value, bool):
                raise InputError("expected true or false", field=self.name, value=value)
            return value
        if kind is InputKind.NUMBER:
            return to_decimal(value, self.name, negative=self.signed)
        return value
