"""Reading TOML and JSON exactly, and writing the small TOML subset jixiao's files use.

Numbers in files are read as :class:`~decimal.Decimal` (``parse_float=Decimal``),
never as ``float``: ``1.5`` in a file is exactly 1.5.
"""

from __future__ import annotations

import json
import re
import stat
import tomllib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from jixiao._parser_zh import json_zh, toml_zh
from jixiao.errors import JixiaoError, ReadError, UnknownKeyError, system_reason

__all__ = [
    "check_schema",
    "dumps_json",
    "dumps_toml",
    "json_text",
    "package_ids",
    "read_data_file",
    "read_json_text",
    "read_package_toml",
    "read_toml_text",
    "refuse_unknown_keys",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
"""The largest TOML or JSON file read (no jixiao file comes near it)."""

MAX_DEPTH = 32
"""The deepest nesting of tables and arrays a file may have (jixiao's forms use
at most six levels)."""

MAX_INTEGER_DIGITS = 40
"""The most digits an integer in a JSON file may have (a budget has at most 15;
the rest is refused before Python converts it)."""


def _depth(data: object) -> int:
    """How deeply *data* nests tables and arrays (iteratively: no recursion to exhaust)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Sequence[object] = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


def _shallow(data: dict[str, Any], source: str) -> dict[str, Any]:
    if _depth(data) > MAX_DEPTH:
        raise ReadError(
            f"tables and arrays nested more than {MAX_DEPTH} deep",
            zh=f"表和数组嵌套超过 {MAX_DEPTH} 层",
            source=source,
        )
    return data


def read_toml_text(text: str, source: str) -> dict[str, Any]:
    """Parse TOML text with exact decimals; errors name *source*.

    Raises:
        ReadError: not TOML, nested more than :data:`MAX_DEPTH` deep, or an
            integer of more digits than Python converts.
    """
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise ReadError(
            f"not valid TOML: {error}", zh=f"不是有效的 TOML：{toml_zh(error)}", source=source
        ) from None
    except RecursionError:
        raise ReadError(
            f"not valid TOML: nested more than {MAX_DEPTH} deep",
            zh=f"不是有效的 TOML：嵌套超过 {MAX_DEPTH} 层",
            source=source,
        ) from None
    except ValueError:  # tomllib converts every integer, whatever its length
        raise ReadError(
            "not valid TOML: an integer with too many digits",
            zh="不是有效的 TOML：整数位数过多",
            source=source,
        ) from None
    return _shallow(data, source)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ReadError(
                f"not valid JSON: the key {key[:40]!r} is given twice",
                zh=f"不是有效的 JSON：键 {key[:40]!r} 出现两次",
            )
        data[key] = value
    return data


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise ReadError(
            f"not valid JSON: an integer of more than {MAX_INTEGER_DIGITS} digits",
            zh=f"不是有效的 JSON：整数超过 {MAX_INTEGER_DIGITS} 位",
        )
    return int(text)


def read_json_text(text: str, source: str) -> dict[str, Any]:
    """Parse JSON text with exact decimals; errors name *source*.

    Raises:
        ReadError: not JSON, a key given twice in one object (as TOML refuses
            it), an integer of more than :data:`MAX_INTEGER_DIGITS` digits,
            nesting deeper than :data:`MAX_DEPTH`, or a top level that is not
            an object.
    """
    try:
        data = json.loads(
            text, parse_float=Decimal, parse_int=_integer, object_pairs_hook=_unique_keys
        )
    except (json.JSONDecodeError, RecursionError) as error:
        raise ReadError(
            f"not valid JSON: {error}", zh=f"不是有效的 JSON：{json_zh(error)}", source=source
        ) from None
    except ReadError as error:
        raise error.located(source=source) from None
    if not isinstance(data, dict):
        raise ReadError("the top level must be an object", zh="顶层应为对象", source=source)
    return _shallow(data, source)


def package_ids(package: str) -> tuple[str, ...]:
    """The ids (file names without ``.toml``) of the TOML files shipped in *package*."""
    folder = resources.files(package)
    return tuple(
        sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))
    )


_KIND_ZH = {
    "rule set": "规则集",
    "rule library": "规则库",
    "framework": "指标体系框架",
    "template": "模板",
}
"""The kinds of shipped file in Chinese, for :func:`read_package_toml`'s message."""


def read_package_toml(package: str, id: str, kind: str = "rule set") -> dict[str, Any]:
    """The shipped TOML file ``{id}.toml`` of *package*, read with exact decimals.

    Raises:
        UnknownKeyError: no such file is shipped (the message names *kind* and lists the ids).
    """
    known = package_ids(package)
    if id not in known:
        raise UnknownKeyError(
            f"no {kind} with this id; shipped: {', '.join(known)}",
            zh=f"没有此 id 的{_KIND_ZH.get(kind, kind)}；随附的有：{', '.join(known)}",
            value=id,
        )
    text = resources.files(package).joinpath(f"{id}.toml").read_text("utf-8")
    return read_toml_text(text, f"{id}.toml")


def read_data_file(path: str | Path) -> dict[str, Any]:
    """Read a ``.toml`` or ``.json`` file into plain data with exact decimals."""
    file = Path(path)
    source = str(path)
    try:
        status = file.stat()
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(status.st_mode):  # reading a device or a pipe never ends
            raise ReadError(
                "not a regular file (a device, a pipe or a socket)",
                zh="不是普通文件（是设备、管道或套接字）",
                source=source,
            )
        size = status.st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(
                f"file too large ({size} bytes)", zh=f"文件过大（{size} 字节）", source=source
            )
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ReadError("no such file", zh="文件不存在", source=source) from None
    except IsADirectoryError:
        raise ReadError("is a folder, not a file", zh="是文件夹，不是文件", source=source) from None
    except OSError as error:
        reason = system_reason(error)
        raise ReadError(
            f"cannot read: {reason.en}", zh=f"无法读取：{reason.zh}", source=source
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReadError("not UTF-8 text", zh="不是 UTF-8 文本", source=source) from None
    suffix = file.suffix.lower()
    if suffix == ".json":
        return read_json_text(text, source)
    if suffix == ".toml":
        return read_toml_text(text, source)
    raise ReadError(
        "unknown file form; expected .toml or .json",
        zh="未知的文件形式；应为 .toml 或 .json",
        source=source,
    )


def refuse_unknown_keys(data: Mapping[str, Any], allowed: set[str], where: str) -> None:
    """Refuse a file form's table that has a key its form does not: nothing
    is dropped silently.

    Raises:
        UnknownKeyError: naming the keys, the table (*where*) and the keys allowed.
    """
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise UnknownKeyError(
            f"unknown key(s) {', '.join(unknown)}; expected some of: {', '.join(sorted(allowed))}",
            zh=f"未知的键 {', '.join(unknown)}；可用的键：{', '.join(sorted(allowed))}",
            field=where,
        )


def check_schema(data: Mapping[str, Any], schema: str, error: type[JixiaoError]) -> None:
    """Refuse a file whose ``schema`` is not *schema* (raising *error*, the
    kind of error its form reports: a framework's is a FrameworkError, an
    input file's an InputError)."""
    if data.get("schema") != schema:
        raise error(
            f"expected schema = {schema!r}",
            zh=f"应为 schema = {schema!r}",
            field="schema",
            value=data.get("schema"),
        )


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


_LINE_BREAKS = ("\u2028", "\u2029", "\u0085")


def json_text(data: object, indent: int | None = None, default: Any = None) -> str:
    r"""*data* as JSON, Chinese as written (no ``ensure_ascii``), but U+2028,
    U+2029 and U+0085 escaped (``\u2028``): JSON lets them stand raw in a
    string, yet JavaScript before ES2019 and many line readers (Python's
    ``str.splitlines``) break a line there, so a JSON Lines record would be cut
    in two. Each can only stand inside a string, where the escape means the same.

    >>> json_text({"名称": "a\u2028b"})
    '{"名称": "a\\u2028b"}'
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent, default=default)
    for mark in _LINE_BREAKS:
        if mark in text:
            text = text.replace(mark, f"\\u{ord(mark):04x}")
    return text


def dumps_json(data: Mapping[str, Any]) -> str:
    """JSON text with decimals written as strings (exact in every language),
    the line separators escaped (:func:`json_text`)."""
    return json_text(_plain(data), indent=2) + "\n"


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return json.dumps(str(value))
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(k)} = {_scalar(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, Sequence):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _string(value: str) -> str:
    """A TOML basic string: JSON escaping, plus DEL, which TOML also forbids raw."""
    text = json.dumps(value, ensure_ascii=False)
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _is_table_array(value: object) -> bool:
    return (
        isinstance(value, (list, tuple))
        and bool(value)
        and all(isinstance(v, Mapping) for v in value)
    )


def _table(data: Mapping[str, Any], path: list[str], out: list[str]) -> None:
    simple = [(k, v) for k, v in data.items() if not isinstance(v, Mapping)]
    simple = [(k, v) for k, v in simple if not _is_table_array(v)]
    for key, value in simple:
        if value is None:
            continue
        if isinstance(value, (list, tuple)) and len(value) > 1 and len(_scalar(value)) > 80:
            out.append(f"{_key(key)} = [")
            out.extend(f"  {_scalar(v)}," for v in value)
            out.append("]")
        else:
            out.append(f"{_key(key)} = {_scalar(value)}")
    for key, value in data.items():
        if isinstance(value, Mapping):
            sub = [*path, _key(key)]
            out.extend(["", f"[{'.'.join(sub)}]"])
            _table(value, sub, out)
        elif _is_table_array(value):
            sub = [*path, _key(key)]
            for item in value:
                out.extend(["", f"[[{'.'.join(sub)}]]"])
                _table(item, sub, out)


def dumps_toml(data: Mapping[str, Any]) -> str:
    """TOML text for plain data (tables, arrays, strings, ints, bools, decimals).

    Decimals are written as strings so that no reader turns them into floats.
    ``None`` values are left out.
    """
    out: list[str] = []
    _table(data, [], out)
    return "\n".join(out).lstrip("\n") + "\n"
