"""The one exception hierarchy of jixiao.

Every error the library raises on purpose is a :class:`JixiaoError`. Each one
names *where* the problem is (the field, and where it applies the row or table
and the file) and *what* value was wrong, so that a command-line tool can print
a single clear line and a program can react to the parts. Each message is said
in English (``str()``, ``message``) and in Chinese (``message_zh``, and
:meth:`JixiaoError.text` gives the whole line in ``"zh"``, ``"en"`` or
``"both"``): the place that raises an error gives both wordings, side by side
(``raise InputError("must not be negative", zh="不得为负数", field=…)``), and
a helper that hands a message on hands both (:class:`Wording`).

>>> error = InputError("must not be negative", zh="不得为负数", field="spent", value=-1)
>>> str(error)
'field spent: must not be negative (got -1)'
>>> error.text("zh")
'字段 spent：不得为负数（所给值：-1）'

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

import errno
from typing import NamedTuple

__all__ = [
    "LANGS",
    "FrameworkError",
    "InputError",
    "JixiaoError",
    "NumberError",
    "PlausibilityWarning",
    "ReadError",
    "RuleError",
    "UnknownKeyError",
    "Wording",
    "WriteError",
    "check_lang",
    "system_reason",
]

_MISSING = object()
_LONGEST = 500
"""The most characters of a value an error message shows."""

LANGS = ("zh", "en", "both")
"""The languages jixiao writes in: Chinese, English, or both side by side."""


def check_lang(lang: object) -> str:
    """*lang* when it is one of :data:`LANGS`, else the library's error naming it.

    >>> check_lang("fr")
    Traceback (most recent call last):
    ...
    jixiao.errors.InputError: field lang: expected zh, en or both (got 'fr')
    """
    if not isinstance(lang, str) or lang not in LANGS:
        raise InputError(
            "expected zh, en or both", zh="应为 zh、en 或 both", field="lang", value=lang
        )
    return lang


class Wording(NamedTuple):
    """A message in English and in Chinese, as a helper hands it to the place
    that raises it: ``raise InputError(said.en, zh=said.zh, field=…)``."""

    en: str
    zh: str


_SYSTEM_ZH = {
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许的操作",
    errno.ENOENT: "没有这个文件或文件夹",
    errno.ENOTDIR: "路径中有一项不是文件夹",
    errno.EISDIR: "是文件夹",
    errno.EEXIST: "文件已存在",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "只读文件系统",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "符号链接层数过多",
    errno.EMFILE: "打开的文件过多",
    errno.EIO: "输入输出错误",
    errno.EBUSY: "设备或资源忙",
}
"""The system's reasons a file cannot be read or written, in Chinese."""


def system_reason(error: OSError) -> Wording:
    """Why the system refused, in English (its own words) and in Chinese (the
    same, for the common reasons; else its own words again).

    >>> system_reason(PermissionError(13, "Permission denied"))
    Wording(en='Permission denied', zh='没有权限')
    """
    en = error.strerror or str(error)
    return Wording(en, _SYSTEM_ZH.get(error.errno or 0, en))


def _shown(value: object, lang: str = "en") -> str:
    """``repr(value)`` cut to :data:`_LONGEST` characters; a value that cannot
    be shown (an int beyond Python's conversion limit, inside a list too) is
    named by its type, so that an error message never fails itself. A
    :class:`Wording` describes a value that is not shown (a number too long
    to write out): its text in *lang*."""
    if isinstance(value, Wording):
        return repr(value.zh if lang == "zh" else value.en)
    try:
        text = repr(value)
    except ValueError:
        kind = type(value).__name__
        return f"<过大、无法显示的 {kind}>" if lang == "zh" else f"<a {kind} too large to show>"
    if len(text) <= _LONGEST:
        return text
    if lang == "zh":
        return f"{text[:_LONGEST]}…（共 {len(text):,} 个字符）"
    return f"{text[:_LONGEST]}… ({len(text):,} characters)"


def _line(
    message: str,
    lang: str,
    *,
    source: str | None = None,
    row: str | None = None,
    field: str | None = None,
    value: object = _MISSING,
) -> str:
    """One message with where it applies and the value, in ``"en"`` or ``"zh"``:
    ``"a.toml, row 预算执行率, field x: must not be negative (got -1)"``, or
    ``"a.toml，行 预算执行率，字段 x：不得为负数（所给值：-1）"``."""
    zh = lang == "zh"
    parts = [source or "", f"{'行' if zh else 'row'} {row}" if row else ""]
    parts.append(f"{'字段' if zh else 'field'} {field}" if field else "")
    where = ("，" if zh else ", ").join(part for part in parts if part)
    text = f"{where}{'：' if zh else ': '}{message}" if where else message
    if value is _MISSING:
        return text
    return f"{text}（所给值：{_shown(value, lang)}）" if zh else f"{text} (got {_shown(value)})"


class JixiaoError(Exception):
    """Base class of every error jixiao raises on purpose.

    Every message is said in English and in Chinese (*zh*); ``str()`` is the
    English line, :meth:`text` the line in the language asked for. Names
    (fields, files, ids) and the value stay as they are in both.

    Args:
        message: what is wrong, in one sentence, in English.
        zh: the same in Chinese (every message jixiao raises has one; when
            it is missing, the Chinese line shows the English message).
        field: the input field concerned (``"budget_execution.quarters[2].spent"``).
        row: the table row or indicator concerned, when there is one.
        value: the offending value (kept as given; shown with ``repr``).
        source: the file (and table) the value came from, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        zh: str = "",
        field: str | None = None,
        row: str | None = None,
        value: object = _MISSING,
        source: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.message_zh = zh or message
        self.field = field
        self.row = row
        self.value = None if value is _MISSING else value
        self.has_value = value is not _MISSING
        self.source = source

    def _in(self, lang: str) -> str:
        return _line(
            self.message_zh if lang == "zh" else self.message,
            lang,
            source=self.source,
            row=self.row,
            field=self.field,
            value=self.value if self.has_value else _MISSING,
        )

    def __str__(self) -> str:
        return self._in("en")

    def text(self, lang: str = "both") -> str:
        """The whole line in *lang*: ``"zh"`` Chinese, ``"en"`` English (as
        ``str()``), ``"both"`` the Chinese, a slash and the English.

        >>> error = InputError("must not be negative", zh="不得为负数", field="x", value=-1)
        >>> print(error.text())
        字段 x：不得为负数（所给值：-1） / field x: must not be negative (got -1)

        Raises:
            InputError: *lang* is not ``zh``, ``en`` or ``both``.
        """
        if check_lang(lang) == "both":
            return f"{self._in('zh')} / {self._in('en')}"
        return self._in(lang)

    def to_dict(self) -> dict[str, str | None]:
        """The error as data: ``kind`` (the class's name), ``message`` and
        ``message_zh``, ``field``, ``row``, ``source``, ``value`` (shown as
        the message shows it, ``None`` when there is none), and the whole
        line: ``text`` in English, ``text_zh`` in Chinese."""
        return {
            "kind": type(self).__name__,
            "message": self.message,
            "message_zh": self.message_zh,
            "field": self.field,
            "row": self.row,
            "source": self.source,
            "value": _shown(self.value) if self.has_value else None,
            "text": str(self),
            "text_zh": self._in("zh"),
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
    located like a :class:`JixiaoError` (field, row, value), and said in
    English (``str()``) and Chinese (*zh*, :meth:`text`) as it is."""

    def __init__(
        self,
        message: str,
        *,
        zh: str = "",
        field: str | None = None,
        row: str | None = None,
        value: object,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.message_zh = zh or message
        self.field = field
        self.row = row
        self.value = value

    def _in(self, lang: str) -> str:
        message = self.message_zh if lang == "zh" else self.message
        return _line(message, lang, row=self.row, field=self.field, value=self.value)

    def __str__(self) -> str:
        return self._in("en")

    def text(self, lang: str = "both") -> str:
        """The whole line in *lang*, as :meth:`JixiaoError.text`."""
        if check_lang(lang) == "both":
            return f"{self._in('zh')} / {self._in('en')}"
        return self._in(lang)
