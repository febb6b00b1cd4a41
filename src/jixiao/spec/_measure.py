"""The base of the measure kinds and what they share (private: the kinds are
documented in :mod:`jixiao.spec.measures`)."""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import ClassVar

import attrs

from jixiao.errors import InputError
from jixiao.quantities import Ratio, exact_ratio

Values = Mapping[str, object]
"""The inputs as read (by name) and the measures computed so far (by key)."""

Given = Mapping[str, object]
"""The inputs as given (for error messages, which show the value as given)."""

POSITIONS = ("zero", "within", "above")
"""What a ``position`` measure gives: the keys of the tiers that score it."""


def rounded(ratio: Ratio, quantum: Decimal | None) -> Ratio:
    if quantum is None:
        return ratio
    return exact_ratio(ratio.value.quantize(quantum, rounding=decimal.ROUND_HALF_UP))


def either(given: str, names: Sequence[str], ready: bool) -> InputError:
    """The error of a measure that takes a ready value *given* or its parts
    *names*: given both (*ready*), or neither."""
    both = " and ".join(names)
    if ready:
        return InputError(
            f"give either {given} or {both}, not both",
            zh=f"请给出 {given} 或 {both} 之一，不能两者都给",
            field=given,
        )
    return InputError(
        f"give {given}, or both {both}", zh=f"请给出 {given}，或同时给出 {both}", field=given
    )


@attrs.frozen
class Measure:
    """Base of the measure kinds: ``key`` names the measure (what components
    read); ``field`` the name errors use (default: the key)."""

    kind: ClassVar[str] = "measure"

    key: str

    @property
    def reads(self) -> tuple[str, ...]:  # pragma: no cover - abstract
        """The inputs and earlier measures it reads."""
        raise NotImplementedError

    def compute(self, values: Values, given: Given) -> object:  # pragma: no cover - abstract
        """The measure's value from *values* (inputs as read, earlier measures);
        *given* holds the inputs as given, for messages."""
        raise NotImplementedError
