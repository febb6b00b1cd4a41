"""The one exception hierarchy of jixiao.

Every error the library raises on purpose is a :class:`JixiaoError`. Each one
names *where* the problem is (the field, and where it applies the row or table
and the file) and *what* value was wrong, so that a command-line tool can print
a single clear line and a program can react to the parts.

.. code-block:: text

    JixiaoError
    ├── InputError          a value handed in is unusable (negative, NaN, float, zero denominator, …)
    │   ├── NumberError     a printed number is not one of the forms tables print, or too large
    │   └── UnknownKeyError an input names a field the rule or file form does not have
    ├── FrameworkError      a framework or template is inconsistent (weights, unknown indicator)
    ├── RuleError           points outside what a rule allows (evaluator points above the weight, …)
    ├── ReadError           a file cannot be read or parsed
    └── WriteError          a file cannot be written safely (a link or folder in the way, a name outside the folder)

    PlausibilityWarning     (a UserWarning) odd data the source allows, scored but never silently
"""

from __future__ import annotations

__all__ = [
    "FrameworkError",
    "InputError",
    "JixiaoError",
    "NumberError",
    "PlausibilityWarning",
    "ReadError",
    "RuleError",
    "UnknownKeyError",
    "WriteError",
]

_MISSING = object()
_LONGEST = 500
"""The most characters of a value an error message shows."""


def _shown(value: object) -> str:
    """``repr(value)`` cut to :data:`_LONGEST` characters; a value that cannot
    be shown (an int beyond Python's conversion limit, inside a list too) is
    named by its type, so that an error message never fails itself."""
    try:
        text = repr(value)
    except ValueError:
        return f"<a {type(value).__name__} too large to show>"
    if len(text) <= _LONGEST:
        return text
    return f"{text[:_LONGEST]}… ({len(text):,} characters)"


class JixiaoError(Exception):
    """Base class of every error jixiao raises on purpose.

    Args:
        message: what is wrong, in one sentence.
        field: the input field concerned (``"budget_execution.quarters[2].spent"``).
        row: the table row or indicator concerned, when there is one.
        value: the offending value (kept as given; shown with ``repr``).
        source: the file (and table) the value came from, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        row: str | None = None,
        value: object = _MISSING,
        source: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.row = row
        self.value = None if value is _MISSING else value
        self.has_value = value is not _MISSING
        self.source = source

    def __str__(self) -> str:
        parts: list[str] = []
        if self.source:
            parts.append(self.source)
        if self.row:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(f"field {self.field}")
        where = ", ".join(parts)
        text = f"{where}: {self.message}" if where else self.message
        if self.has_value:
            text += f" (got {_shown(self.value)})"
        return text

    def to_dict(self) -> dict[str, str | None]:
        """The error as data: ``kind`` (the class's name), ``message``,
        ``field``, ``row``, ``source``, ``value`` (shown as the message shows
        it, ``None`` when there is none) and ``text``, the whole line."""
        return {
            "kind": type(self).__name__,
            "message": self.message,
            "field": self.field,
            "row": self.row,
            "source": self.source,
            "value": _shown(self.value) if self.has_value else None,
            "text": str(self),
        }

    def located(
        self, *, field: str | None = None, row: str | None = None, source: str | None = None
    ) -> JixiaoError:
        """Fill in location parts that are still unknown, and return ``self``.

        Callers higher up (a file reader, an evaluation) know the file or the
        row that a lower-level check did not; they add it here without losing
        what the lower level said.
        """
        if field and not self.field:
            self.field = field
        elif field and self.field and not self.field.startswith(field):
            self.field = f"{field}.{self.field}"
        if row and not self.row:
            self.row = row
        if source and not self.source:
            self.source = source
        return self


class InputError(JixiaoError, ValueError):
    """A value handed to a rule or read from a file cannot be used.

    Raised for negative amounts or counts, NaN and infinity, a ``float`` where
    an exact number is needed, a zero denominator, a plain number where a
    :class:`~jixiao.Ratio` is required, and a missing input.
    """


class NumberError(InputError):
    """A printed number cannot be read, or is beyond what any budget prints.

    Raised by :mod:`jixiao.numbers` for a decimal comma or a comma out of its
    groups of three, an exponent, NaN or infinity, ``_`` separators, two
    decimal points, a sign, percent sign or unit where the caller allows
    none, characters that are no part of a number, and more digits than the
    bounds allow. Its ``value`` is the text as given (cut when very long).
    """


class UnknownKeyError(InputError, KeyError):
    """An input names a field, indicator or key that does not exist."""

    def __str__(self) -> str:  # KeyError would quote the message
        return InputError.__str__(self)


class FrameworkError(JixiaoError):
    """A framework or template is inconsistent: weights that do not add up,
    an unknown framework or indicator, a band table with gaps or overlaps."""


class RuleError(JixiaoError, ValueError):
    """Points outside what a rule allows, such as evaluator points above a
    weight or an override without a reason."""


class ReadError(JixiaoError):
    """A file cannot be read: missing, unreadable, malformed or of an unknown form."""


class WriteError(JixiaoError):
    """A file cannot be written, or not safely.

    Raised when the place to write holds a symbolic link or anything but a
    regular file (jixiao never writes through a link nor replaces a folder,
    device or FIFO), when a name would leave the output folder, when the
    text cannot be encoded (a lone surrogate in a table file), and when the
    system refuses (no space, no permission). The message names the file.
    """


class PlausibilityWarning(UserWarning):
    """Data that is odd but which the source allows (a spending progress that
    falls when the budget rose), scored as given and said, never silenced;
    located like a :class:`JixiaoError` (field, row, value)."""

    def __init__(
        self, message: str, *, field: str | None = None, row: str | None = None, value: object
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.row = row
        self.value = value

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"row {self.row}" if self.row else "",
                f"field {self.field}" if self.field else "",
            )
            if part
        )
        text = f"{where}: {self.message}" if where else self.message
        return f"{text} (got {_shown(self.value)})"
