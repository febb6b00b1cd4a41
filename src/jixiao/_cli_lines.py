"""The lines the ``jixiao`` command writes on standard error (private): one
line each, in the language of ``--lang`` — ``jixiao: 错误: 中文 / error:
English`` with ``both``, either half alone with ``zh`` or ``en``.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from jixiao._format import words
from jixiao.errors import PlausibilityWarning

__all__ = ["line", "one_line", "say", "warnings_said"]


def one_line(text: str) -> str:
    """*text* with every control, format or line-breaking character escaped
    (``\\x0b``, ``\\u202e``): a message quoting hostile input stays one line
    on the terminal, and cannot move the cursor or turn the text around."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def line(lang: str, label: tuple[str, str] | None, said: tuple[str, str], both: str = "") -> str:
    """One line for standard error in *lang*: ``jixiao: 错误: 中文 / error: English``
    (*label* the kind of line, *said* its text in Chinese and English, *both*
    its own bilingual form where it has one), each half alone with ``--lang
    zh`` or ``--lang en``; always one line."""
    zh, en = (one_line(text) for text in said)
    if label is None:
        return "jixiao: " + words(zh, en, lang, both=one_line(both) or f"{zh} / {en}")
    if both:
        return f"jixiao: {words(*label, lang)}: {words(zh, en, lang, both=one_line(both))}"
    return "jixiao: " + words(
        f"{label[0]}: {zh}", f"{label[1]}: {en}", lang, both=f"{label[0]}: {zh} / {label[1]}: {en}"
    )


def say(lang: str, label: tuple[str, str] | None, said: tuple[str, str], both: str = "") -> None:
    """Print :func:`line` on standard error."""
    print(line(lang, label, said, both), file=sys.stderr)


@contextmanager
def warnings_said(lang: str) -> Iterator[None]:
    """Each :class:`~jixiao.errors.PlausibilityWarning` raised inside as one
    line on standard error in *lang* (``jixiao: 警告: … / warning: …``), not
    Python's two lines naming a source file; other warnings as Python shows them."""
    shown = warnings.showwarning

    def show(message: Warning | str, *rest: object, **more: object) -> None:
        if isinstance(message, PlausibilityWarning):
            say(lang, ("警告", "warning"), (message.text("zh"), message.text("en")))
        else:
            shown(message, *rest, **more)  # type: ignore[arg-type]

    with warnings.catch_warnings():
        warnings.simplefilter("always", PlausibilityWarning)  # each one said, never silenced
        warnings.showwarning = show
        yield
