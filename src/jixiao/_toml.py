"""Reading TOML and JSON exactly, and writing the small TOML subset jixiao's files use.

Numbers in files are read as :class:`~decimal.Decimal` (``parse_float=Decimal``),
never as ``float``: ``1.5`` in a file is exactly 1.5.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from jixiao.errors import JixiaoError, ReadError, UnknownKeyError

__all__ = [
    "check_schema",
    "dumps_json",
    "dumps_toml",
    "package_ids",
    "read_data_file",
    "read_json_text",
    "read_package_toml",
    "read_toml_text",
    "refuse_unknown_keys",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
_TOO_LONG = "a number has thousands of digits: more than any budget has, and more than can be read"


def read_toml_text(text: str, source: str) -> dict[str, Any]:
    """Parse TOML text with exact decimals; errors name *source*."""
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise ReadError(f"not valid TOML: {error}", source=source) from None
    except ValueError:  # an integer beyond Python's conversion limit
        raise ReadError(_TOO_LONG, source=source) from None


def read_json_text(text: str, source: str) -> dict[str, Any]:
    """Parse JSON text with exact decimals; errors name *source*."""
    try:
        data = json.loads(text, parse_float=Decimal)
    except (json.JSONDecodeError, RecursionError) as error:
        raise ReadError(f"not valid JSON: {error}", source=source) from None
    except ValueError:  # an integer beyond Python's conversion limit
        raise ReadError(_TOO_LONG, source=source) from None
    if not isinstance(data, dict):
        raise ReadError("the top level must be an object", source=source)
    return data


def package_ids(package: str) -> tuple[str, ...]:
    """The ids (file names without ``.toml``) of the TOML files shipped in *package*."""
    folder = resources.files(package)
    return tuple(
        sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))
    )


def read_package_toml(package: str, id: str, kind: str = "rule set") -> dict[str, Any]:
    """The shipped TOML file ``{id}.toml`` of *package*, read with exact decimals.

    Raises:
        UnknownKeyError: no such file is shipped (the message names *kind* and lists the ids).
    """
    known = package_ids(package)
    if id not in known:
        raise UnknownKeyError(f"no {kind} with this id; shipped: {', '.join(known)}", value=id)
    text = resources.files(package).joinpath(f"{id}.toml").read_text("utf-8")
    return read_toml_text(text, f"{id}.toml")


def read_data_file(path: str | Path) -> dict[str, Any]:
    """Read a ``.toml`` or ``.json`` file into plain data with exact decimals."""
    file = Path(path)
    source = str(path)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(f"file too large ({size} bytes)", source=source)
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ReadError("no such file", source=source) from None
    except IsADirectoryError:
        raise ReadError("is a folder, not a file", source=source) from None
    except OSError as error:
        raise ReadError(f"cannot read: {error.strerror}", source=source) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReadError("not UTF-8 text", source=source) from None
    suffix = file.suffix.lower()
    if suffix == ".json":
        return read_json_text(text, source)
    if suffix == ".toml":
        return read_toml_text(text, source)
    raise ReadError("unknown file form; expected .toml or .json", source=source)


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
            field=where,
        )


def check_schema(data: Mapping[str, Any], schema: str, error: type[JixiaoError]) -> None:
    """Refuse a file whose ``schema`` is not *schema* (raising *error*, the
    kind of error its form reports: a framework's is a FrameworkError, an
    input file's an InputError)."""
    if data.get("schema") != schema:
        raise error(f"expected schema = {schema!r}", field="schema", value=data.get("schema"))


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def dumps_json(data: Mapping[str, Any]) -> str:
    """JSON text with decimals written as strings (exact in every language)."""
    return json.dumps(_plain(data), ensure_ascii=False, indent=2) + "\n"


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
