"""What the command line and the web service both do, as JSON-ready data
(private): read an input given as text or bytes (a file's content, standard
input, a request's body), score or audit it, list and show the rule sets, and
describe an error. The command line writes these dicts with ``--json``; the
service (:mod:`jixiao.server`) answers with them; the shipped JSON Schemas
(:mod:`jixiao.schemas`) describe each of them once.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

from jixiao._provenance import provenance
from jixiao._safe_write import safe_name
from jixiao._toml import MAX_FILE_BYTES, read_json_text, read_package_toml, read_toml_text
from jixiao.department import (
    Department,
    available_frameworks,
    department_from_dict,
    framework,
)
from jixiao.department.sensitivity import sensitivity
from jixiao.errors import InputError, JixiaoError, ReadError
from jixiao.io import SUFFIXES
from jixiao.io.batch import audit_paths
from jixiao.io.sources import unknown_form
from jixiao.project import available_templates, score_table, table_from_dict, template

__all__ = [
    "ERROR_FORMAT",
    "MAX_INPUT_BYTES",
    "Relabel",
    "Upload",
    "audit_bytes",
    "audit_suffix",
    "data_from_bytes",
    "department_result",
    "error_data",
    "framework_data",
    "frameworks_data",
    "project_score_result",
    "read_bounded",
    "shipped_department",
    "template_data",
    "templates_data",
]

ERROR_FORMAT = "jixiao.error/1"
"""The format of an error as JSON (``--json``, and the service's 4xx answers)."""

MAX_INPUT_BYTES = MAX_FILE_BYTES
"""The largest input read from standard input or a request's body: the bound
the library sets on a file."""

Relabel = Callable[[str], str]
"""What names a file in a text: :meth:`Upload.relabel`, or ``str`` (as it is)."""

_TOML_START = re.compile(r"^\s*(#.*\n\s*)*(\[|[A-Za-z0-9_\"'-]+\s*=)")


def read_bounded(stream: IO[bytes], source: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """At most *limit* bytes of *stream* (standard input); more is refused
    before it is all read.

    Raises:
        ReadError: the stream holds more than *limit* bytes.
    """
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise ReadError(
            f"more than {limit:,} bytes; refused",
            zh=f"超过 {limit:,} 字节；拒绝读取",
            source=source,
        )
    return raw


def _text(raw: bytes, source: str) -> str:
    if len(raw) > MAX_INPUT_BYTES:
        raise ReadError(
            f"more than {MAX_INPUT_BYTES:,} bytes; refused",
            zh=f"超过 {MAX_INPUT_BYTES:,} 字节；拒绝读取",
            source=source,
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReadError("not UTF-8 text", zh="不是 UTF-8 文本", source=source) from None


def data_from_bytes(raw: bytes, source: str) -> dict[str, Any]:
    """A department or project table file's content, JSON or TOML (told
    apart by its first character: ``{`` opens JSON), as plain data with exact
    decimals.

    Raises:
        ReadError: too large, not UTF-8, or neither JSON nor TOML.
    """
    text = _text(raw, source)
    if text.lstrip().startswith("{"):
        return read_json_text(text, source)
    return read_toml_text(text, source)


def department_result(
    department: Department,
    interpretations: Mapping[str, str] | None = None,
    *,
    examine: bool = False,
) -> dict[str, Any]:
    """A department's evaluation (``jixiao.evaluation/1``, every score
    explained), or with *examine* its sensitivity report
    (``jixiao.sensitivity/1``)."""
    if examine:
        return sensitivity(department, interpretations=interpretations).to_dict()
    return department.evaluate(interpretations=interpretations, trace=True).to_dict()


def shipped_department(data: Mapping[str, Any], source: str) -> Department:
    """A department from its file form whose framework is a shipped one: a
    request cannot make the service read a file of its disk.

    Raises:
        InputError: the department names a framework file.
    """
    department = department_from_dict(data, source)
    if department.framework.endswith((".toml", ".json")):
        raise InputError(
            "only a shipped framework or family can be named here, not a file",
            zh="此处只能指定随附的指标体系框架或框架系列，不能指定文件",
            field="framework",
            value=department.framework,
            source=source,
        )
    return department


def project_score_result(
    data: Mapping[str, Any], source: str, template_id: str | None = None
) -> dict[str, Any]:
    """A project table's file form scored (``jixiao.project-evaluation/1``)."""
    rules = template(template_id) if template_id else None
    return score_table(table_from_dict(data, source), rules).to_dict()


class Upload:
    """Bytes written to a temporary folder under a safe name, so that the
    readers of files read them; the folder goes when the block ends.

    ``with Upload(raw, "table.xlsx") as path: ...``; :meth:`relabel` takes
    the temporary folder out of a text that names the file.
    """

    def __init__(self, raw: bytes, name: str) -> None:
        self._raw = raw
        self._name = safe_name(Path(name).name or "upload")
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> Path:
        self._folder = tempfile.TemporaryDirectory(prefix="jixiao-")
        path = Path(self._folder.name) / self._name
        path.write_bytes(self._raw)
        return path

    def __exit__(self, *exc: object) -> None:
        if self._folder is not None:
            self._folder.cleanup()

    def relabel(self, text: str) -> str:
        """*text* with the temporary folder taken out of each path it names
        (as written, and as JSON escapes it)."""
        if self._folder is None:
            return text
        folder = str(Path(self._folder.name)) + "/"
        escaped = json.dumps(folder)[1:-1]
        return text.replace(folder, "").replace(escaped, "")


def audit_suffix(raw: bytes) -> str:
    """The file form of text audited from standard input: a table file in
    JSON (``{``) or TOML (``schema = …`` first), else text (``.txt``)."""
    head = raw[:4096].decode("utf-8-sig", errors="replace")
    if head.lstrip().startswith("{"):
        return ".json"
    if _TOML_START.match(head) and "jixiao.project/1" in head:
        return ".toml"
    return ".txt"


def named_upload(raw: bytes, name: str | None) -> Upload:
    """*raw* as a file to audit, named *name* (its suffix tells its form);
    without a name (standard input), named ``stdin`` with the suffix its
    content tells (:func:`audit_suffix`).

    Raises:
        ReadError: *name*'s suffix is no form jixiao reads.
    """
    name = name or "stdin" + audit_suffix(raw)
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise unknown_form(suffix, name, SUFFIXES)
    return Upload(raw, name)


def audit_bytes(
    raw: bytes, name: str, template_id: str | None = None, encoding: str | None = None
) -> dict[str, Any]:
    """The audit of one uploaded file (``jixiao.project-audit-batch/1``, as
    ``jixiao project audit FILE --json`` gives it), its sources named *name*;
    *encoding* that of a text file whose bytes do not say theirs.

    Raises:
        ReadError: a form jixiao does not read (by the suffix of *name*), or too large.
        InputError: *encoding* is no text encoding.
    """
    if len(raw) > MAX_INPUT_BYTES:
        raise ReadError(
            f"more than {MAX_INPUT_BYTES:,} bytes; refused",
            zh=f"超过 {MAX_INPUT_BYTES:,} 字节；拒绝读取",
            source=name,
        )
    upload = named_upload(raw, name)
    if template_id:
        template(template_id)  # an unknown id is refused, not reported per file
    with upload as path:
        batch = audit_paths([path], template_id, encoding=encoding)
        text = json.dumps(batch.to_dict(), default=str)
        return dict(json.loads(upload.relabel(text)))


def frameworks_data() -> dict[str, Any]:
    """The shipped frameworks (``jixiao.frameworks/1``)."""
    items = [framework(i) for i in available_frameworks()]
    return {
        "format": "jixiao.frameworks/1",
        **provenance(),
        "frameworks": [
            {
                "id": f.id,
                "title": f.title,
                "jurisdiction": f.jurisdiction,
                "year": f.year,
                "family": f.family,
                "period": str(f.validity),
                "status": f.citation.status,
                "indicators": len(f.indicators),
                "interpretations": [name for name, _ in f.interpretations],
            }
            for f in items
        ],
    }


def templates_data() -> dict[str, Any]:
    """The shipped templates (``jixiao.templates/1``)."""
    items = [template(i) for i in available_templates()]
    return {
        "format": "jixiao.templates/1",
        **provenance(),
        "templates": [
            {
                "id": t.id,
                "title": t.title,
                "title_en": t.title_en,
                "jurisdiction": t.jurisdiction,
                "year": t.year,
                "family": t.family,
                "period": str(t.validity),
                "default": t.default,
                "status": t.citation.status,
            }
            for t in items
        ],
    }


def framework_data(id: str) -> dict[str, Any]:
    """A shipped framework's file form (``jixiao.framework/1``), which names
    its own id, period and citation."""
    return framework(id).to_dict()


def template_data(id: str) -> dict[str, Any]:
    """A shipped template's file form (``jixiao.template/1``), as shipped."""
    template(id)  # refused as the others are when unknown
    return read_package_toml("jixiao.data.templates", id, "template")


def error_data(error: BaseException, exit_code: int) -> dict[str, Any]:
    """An error as data (``jixiao.error/1``): its kind (the exception's
    class), message, where (field, row, source), the value, the whole line,
    each in English and Chinese, and the exit status."""
    if isinstance(error, JixiaoError):
        detail = error.to_dict()
    else:  # an internal fault: its own words, in each language
        text = str(error)
        detail = {"kind": type(error).__name__, "message": text, "message_zh": text}
        detail |= {"text": text, "text_zh": text}
    return {"format": ERROR_FORMAT, **provenance(), "exit_code": exit_code, "error": detail}
