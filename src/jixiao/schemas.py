"""JSON Schemas (draft 2020-12) of every file jixiao reads and every JSON it
writes, shipped in the package (``jixiao/data/schemas/<name>.json``).

Inputs: ``department`` (``jixiao.department/1``), ``framework``
(``jixiao.framework/1``), ``project`` (``jixiao.project/1``), ``template``
(``jixiao.template/1``). Outputs: ``evaluation``, ``trace``, ``sensitivity``,
``project-evaluation``, ``project-audit``, ``project-audit-batch``,
``project-audit-lines`` (one line of ``--jsonl``), ``frameworks``,
``templates`` and ``error``. Each schema's ``$id`` is ``urn:jixiao:<name>``
and a schema refers to another by it; :func:`resources` gives them all, for
a validator's registry.

>>> from jixiao.schemas import NAMES, schema
>>> schema("evaluation")["$id"], "department" in NAMES
('urn:jixiao:evaluation', True)
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources as _resources
from typing import Any

from jixiao.errors import UnknownKeyError

__all__ = ["INPUTS", "NAMES", "OUTPUTS", "resources", "schema", "schema_id"]

_PACKAGE = "jixiao.data.schemas"

INPUTS = ("department", "framework", "project", "template")
"""The schemas of the files jixiao reads."""

OUTPUTS = (
    "evaluation",
    "trace",
    "sensitivity",
    "project-evaluation",
    "project-audit",
    "project-audit-batch",
    "project-audit-lines",
    "frameworks",
    "templates",
    "error",
)
"""The schemas of the JSON jixiao writes (``--json``, ``--jsonl``, the service)."""

NAMES = INPUTS + OUTPUTS
"""Every shipped schema's name."""


def schema_id(name: str) -> str:
    """The ``$id`` of the schema *name*: ``urn:jixiao:<name>``."""
    return f"urn:jixiao:{name}"


@cache
def _text(name: str) -> str:
    if name not in NAMES:
        raise UnknownKeyError(
            f"no schema with this name; shipped: {', '.join(NAMES)}",
            zh=f"没有此名称的 schema；随附的有：{', '.join(NAMES)}",
            value=name,
        )
    return _resources.files(_PACKAGE).joinpath(f"{name}.json").read_text("utf-8")


def schema(name: str) -> dict[str, Any]:
    """The schema *name* (a fresh copy: change it freely).

    Raises:
        UnknownKeyError: no schema of this name is shipped.
    """
    data: dict[str, Any] = json.loads(_text(name))
    return data


def resources() -> dict[str, dict[str, Any]]:
    """Every shipped schema by its ``$id`` (what a validator's registry needs
    to follow the references between them)."""
    return {schema_id(name): schema(name) for name in NAMES}
