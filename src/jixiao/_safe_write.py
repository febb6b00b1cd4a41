"""Writing files safely, whatever the tables say.

Every file jixiao writes goes through :func:`write_file` or :func:`replacing`:
the text or bytes go to a new temporary file in the target's folder (created
exclusively, never through a link), which then replaces the target with
:func:`os.replace` — atomically, so a reader never sees half a file, and
without following a link planted where the target should be. A target that
exists as anything but a regular file (a symbolic link, even a dangling one;
a folder, device or FIFO) is refused with :class:`~jixiao.errors.WriteError`
before anything is written.

Files named after table text are named by :func:`safe_name` (path separators,
control and format characters replaced, Chinese kept, at most
:data:`MAX_STEM_BYTES` bytes), made unique in their folder by :class:`Names`
and checked by :func:`inside` to lie directly in their folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from jixiao.errors import WriteError, system_reason

__all__ = [
    "MAX_STEM_BYTES",
    "Names",
    "inside",
    "make_folder",
    "replacing",
    "safe_name",
    "write_file",
]

MAX_STEM_BYTES = 120
"""The longest name :func:`safe_name` gives, in UTF-8 bytes (40 Chinese
characters); with a number and a suffix a file name stays far below the
255 bytes most file systems allow."""

_UNSAFE = re.compile(r'[/\\:*?"<>|#%]')
"""Characters no file name gets: separators, and what Windows, URLs and
Markdown links read otherwise."""
_RUNS = re.compile(r"_{2,}")
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(10)}
"""Names Windows reserves for devices, whatever their suffix."""

_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _clean(char: str) -> str:
    category = unicodedata.category(char)
    if category[0] in "CZ" or _UNSAFE.match(char):  # control, format, surrogate, spaces
        return "_"
    return char


def _cut(text: str, limit: int) -> str:
    """*text* cut to at most *limit* UTF-8 bytes, between characters."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", "ignore")


def safe_name(text: str, fallback: str = "table", limit: int = MAX_STEM_BYTES) -> str:
    """A file name (without suffix) from table text, readable and harmless.

    Letters of every script, digits and ordinary punctuation are kept (a
    project name in Chinese stays Chinese, NFC-normalised); path separators,
    ``:*?"<>|#%``, control and format characters (NUL, line breaks,
    direction overrides) and spaces become ``_``, runs of ``_`` one. Leading
    dots, ``_``, ``-`` and trailing dots are removed (no hidden file, no
    option, nothing Windows drops), the result is cut to *limit* UTF-8 bytes,
    and a Windows device name (``CON``, ``NUL``, ``COM1`` …) gets a leading
    ``_``. Nothing left gives *fallback*.

    >>> safe_name("x/../../名称"), safe_name(".."), safe_name("a\\x00b"), safe_name("CON")
    ('x_.._.._名称', 'table', 'a_b', '_CON')
    """
    name = "".join(_clean(c) for c in unicodedata.normalize("NFC", text))
    name = _RUNS.sub("_", name).lstrip("._-").rstrip(".")
    name = _cut(name, limit).rstrip(".")
    if not name.strip("_"):
        return fallback
    if name.split(".")[0].upper() in _RESERVED:
        name = _cut("_" + name, limit)
    return name


class Names:
    """File names unique in one folder, ignoring case (as Windows and macOS do)."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def take(self, stem: str, suffix: str) -> str:
        """``stem + suffix``, or ``stem-2 + suffix`` … when taken already."""
        name, count = stem + suffix, 1
        while unicodedata.normalize("NFC", name).casefold() in self._used:
            count += 1
            name = f"{stem}-{count}{suffix}"
        self._used.add(unicodedata.normalize("NFC", name).casefold())
        return name


def inside(folder: Path, name: str) -> Path:
    """The file *name* directly in *folder* (resolved); refused when *name* is
    not one plain name (a separator, ``..``, NUL) or would leave the folder."""
    parts = {os.sep, os.altsep or os.sep, "/", "\\", "\x00"}
    if name in ("", ".", "..") or any(p in name for p in parts):
        raise WriteError(
            "not a plain file name",
            zh="不是单纯的文件名",
            field="name",
            value=name,
            source=str(folder),
        )
    base = folder.resolve()
    path = base / name
    if path.parent != base or path.name != name:
        raise WriteError(
            "outside the output folder",
            zh="在输出文件夹之外",
            field="name",
            value=name,
            source=str(folder),
        )
    return path


def make_folder(folder: str | Path) -> Path:
    """Create *folder* (and its parents) unless it exists; return it.

    Raises:
        WriteError: a file is in the way, or the system refuses.
    """
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = system_reason(error)
        raise WriteError(
            f"cannot create the folder: {reason.en}",
            zh=f"无法创建文件夹：{reason.zh}",
            source=str(folder),
        ) from None
    return path


def _refused(error: OSError, path: Path) -> WriteError:
    """The error for a write the system refused, naming *path* and the system's reason."""
    reason = system_reason(error)
    return WriteError(f"cannot write: {reason.en}", zh=f"无法写入：{reason.zh}", source=str(path))


def _refuse_unsafe(path: Path) -> None:
    """Refuse a target that exists as anything but a regular file."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise _refused(error, path) from None
    if stat.S_ISLNK(mode):
        raise WriteError(
            "a symbolic link is in the way; jixiao never writes through one (remove it)",
            zh="此处是符号链接；jixiao 从不通过链接写入（请删除它）",
            source=str(path),
        )
    if not stat.S_ISREG(mode):
        raise WriteError(
            "not a regular file (a folder, device or FIFO is in the way); nothing written",
            zh="不是普通文件（此处是文件夹、设备或 FIFO）；未写入任何内容",
            source=str(path),
        )


def _temporary(folder: Path) -> tuple[int, Path]:
    """A new file in *folder*, created exclusively (never through a link)."""
    for _ in range(100):
        path = folder / f".jixiao-{secrets.token_hex(8)}.tmp"
        try:
            return os.open(path, _FLAGS, 0o666), path
        except FileExistsError:  # pragma: no cover - 64 random bits
            continue
    raise WriteError(
        "cannot create a temporary file", zh="无法创建临时文件", source=str(folder)
    )  # pragma: no cover


@contextlib.contextmanager
def replacing(target: str | Path) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces *target* when the block ends well.

    The stream is a new temporary file beside *target*; at the end it
    replaces *target* atomically (:func:`os.replace`, which replaces a name
    and never writes through a link). When the block raises, the temporary
    file is removed and *target* is unchanged.

    Raises:
        WriteError: *target* is a symbolic link or not a regular file, or
            the system refuses (the message names the file and the reason).
    """
    path = Path(target)
    _refuse_unsafe(path)
    try:
        descriptor, temporary = _temporary(path.parent)
    except OSError as error:
        raise _refused(error, path) from None
    done = False
    try:
        with os.fdopen(descriptor, "wb") as stream:
            yield stream
        _refuse_unsafe(path)  # planted while we wrote: still refused
        os.replace(temporary, path)
        done = True
    except OSError as error:
        raise _refused(error, path) from None
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def write_file(target: str | Path, content: str | bytes) -> None:
    """Write *content* (text as UTF-8) to *target*, safely (see :func:`replacing`).

    Raises:
        WriteError: as :func:`replacing`; also for text that is no valid
            Unicode (a lone surrogate), before anything is written.
    """
    if isinstance(content, str):
        try:
            content = content.encode("utf-8")
        except UnicodeEncodeError as error:
            raise WriteError(
                f"the text holds a lone surrogate ({error.object[error.start]!r}), "
                "which no UTF-8 file can hold",
                zh=f"文本含有孤立的代理字符（{error.object[error.start]!r}），UTF-8 文件无法容纳",
                source=str(target),
            ) from None
    with replacing(target) as stream:
        stream.write(content)
