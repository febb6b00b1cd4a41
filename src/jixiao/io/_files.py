"""The guards every source file passes before it is parsed (private): a regular
file (a directory, a device, a FIFO or a socket refused from its ``stat``,
before it is opened), within its size, read whole."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from jixiao.errors import ReadError, Wording, system_reason

__all__ = ["KINDS", "check_file", "read_file", "too_large", "unreadable"]

KINDS = {
    stat.S_ISDIR: Wording("a directory", "文件夹"),
    stat.S_ISCHR: Wording("a device", "设备"),
    stat.S_ISBLK: Wording("a device", "设备"),
    stat.S_ISFIFO: Wording("a FIFO (named pipe)", "FIFO（命名管道）"),
    stat.S_ISSOCK: Wording("a socket", "套接字"),
}
"""What a path that is no regular file is, by the test of its mode."""


def too_large(limit: int, source: str) -> ReadError:
    megabytes = limit // 2**20
    return ReadError(
        f"larger than {megabytes} MB; refused", zh=f"大于 {megabytes} MB；拒绝读取", source=source
    )


def unreadable(error: OSError, source: str) -> ReadError:
    reason = system_reason(error)
    return ReadError(
        f"cannot read the file ({reason.en})", zh=f"无法读取文件（{reason.zh}）", source=source
    )


def check_file(file: Path, source: str) -> int:
    """The size of a regular file; refuse what is not one, from its ``stat``
    (symlinks followed)."""
    try:
        status = os.stat(file)
    except FileNotFoundError:
        raise ReadError("no such file", zh="文件不存在", source=source) from None
    except OSError as error:
        raise unreadable(error, source) from None
    mode = status.st_mode
    for test, kind in KINDS.items():
        if test(mode):
            raise ReadError(
                f"{kind.en}, not a regular file; refused",
                zh=f"是{kind.zh}，不是普通文件；拒绝读取",
                source=source,
            )
    if not stat.S_ISREG(mode):  # pragma: no cover - door, port, whiteout …
        raise ReadError("not a regular file; refused", zh="不是普通文件；拒绝读取", source=source)
    return status.st_size


def read_file(file: Path, source: str, size: int, limit: int) -> bytes:
    """The bytes of a regular file of at most *limit* bytes, *size* bytes when
    its ``stat`` was taken."""
    if size > limit:
        raise too_large(limit, source)
    try:
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as stream:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # pragma: no cover - a race
                raise ReadError(
                    "not a regular file; refused", zh="不是普通文件；拒绝读取", source=source
                )
            # Asked for its size, not the limit: a read allocates what it is asked
            # for (a buffer of 20 MB for a file of 4 kB, most of the time taken).
            data = stream.read(size + 1)
            if len(data) > size:  # the file grew after stat(): read on, to the limit
                data += stream.read(limit + 1 - len(data))
    except OSError as error:  # pragma: no cover - permissions, races; not reproducible as root
        raise unreadable(error, source) from None
    if len(data) > limit:  # the file grew after stat()
        raise too_large(limit, source)
    return data
