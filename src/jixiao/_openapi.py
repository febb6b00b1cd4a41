"""The web service's OpenAPI 3.1 document, written from the shipped JSON
Schemas (private; served at ``/openapi.json`` by :mod:`jixiao.server`)."""

from __future__ import annotations

from typing import Any

import jixiao.schemas as _schemas
from jixiao._version import __version__

__all__ = ["document"]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _answer(name: str, text: str) -> dict[str, Any]:
    return {"description": text, "content": {"application/json": {"schema": _ref(name)}}}


_ERRORS = {
    "400": _answer("error", "the body is not JSON or TOML, or not a readable file"),
    "413": _answer("error", "the body is larger than the service reads"),
    "422": _answer("error", "the input is read but refused (a field, row and value named)"),
}

_TEMPLATE = {
    "name": "template",
    "in": "query",
    "required": False,
    "description": "score or audit on this shipped template (default: the one the table "
    "names or fits, else the default)",
    "schema": {"type": "string"},
}


def _get(name: str, text: str, missing: bool = False) -> dict[str, Any]:
    answers = {"200": _answer(name, text)}
    if missing:
        answers["404"] = _answer("error", "no shipped rule set has this id")
    return {"get": {"summary": text, "responses": answers}}


def _post(name: str, body: dict[str, Any], text: str, query: list[Any]) -> dict[str, Any]:
    return {
        "post": {
            "summary": text,
            "parameters": query,
            "requestBody": {"required": True, "content": body},
            "responses": {"200": _answer(name, text), **_ERRORS},
        }
    }


def _table_body(name: str) -> dict[str, Any]:
    return {
        "application/json": {"schema": _ref(name)},
        "application/toml": {"schema": {"type": "string"}},
    }


def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document: every endpoint, its parameters, and the
    shipped schemas of its bodies and answers."""
    ident = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    upload = {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "contentMediaType": "application/octet-stream"}
                },
                "required": ["file"],
            }
        },
        "application/json": {"schema": _ref("project")},
        "application/octet-stream": {"schema": {"type": "string"}},
    }
    paths: dict[str, Any] = {
        "/health": {
            "get": {
                "summary": "the service answers",
                "responses": {"200": {"description": "ok, with jixiao_version"}},
            }
        },
        "/frameworks": _get("frameworks", "the shipped frameworks"),
        "/frameworks/{id}": _get("framework", "a shipped framework's file form", True),
        "/templates": _get("templates", "the shipped templates"),
        "/templates/{id}": _get("template", "a shipped template's file form", True),
        "/score": _post(
            "evaluation",
            _table_body("department"),
            "score a department (jixiao.evaluation/1; jixiao.sensitivity/1 with sensitivity=true)",
            [
                {
                    "name": "interpretation",
                    "in": "query",
                    "required": False,
                    "description": "NAME=VALUE: read an interpretation otherwise (repeatable)",
                    "schema": {"type": "array", "items": {"type": "string"}},
                    "explode": True,
                },
                {
                    "name": "sensitivity",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "boolean"},
                },
            ],
        ),
        "/project/score": _post(
            "project-evaluation", _table_body("project"), "score a project table", [_TEMPLATE]
        ),
        "/project/audit": _post(
            "project-audit-batch",
            upload,
            "audit a project table: a table file, or a text, CSV, Markdown, HTML, workbook, "
            "Word or PDF file",
            [
                _TEMPLATE,
                {
                    "name": "encoding",
                    "in": "query",
                    "required": False,
                    "description": "the encoding of a text, CSV, Markdown or HTML file whose "
                    "bytes do not say theirs (gbk, say); UTF-8 when not given",
                    "schema": {"type": "string"},
                },
                {
                    "name": "filename",
                    "in": "query",
                    "required": False,
                    "description": "the file's name (its suffix tells its form) when the body "
                    "is the file itself",
                    "schema": {"type": "string"},
                },
            ],
        ),
    }
    for route in ("/frameworks/{id}", "/templates/{id}"):
        paths[route]["get"]["parameters"] = [ident]
    paths["/score"]["post"]["responses"]["200"]["content"]["application/json"]["schema"] = {
        "oneOf": [_ref("evaluation"), _ref("sensitivity")]
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "jixiao",
            "version": __version__,
            "description": "China's budget-performance scoring rules (预算绩效评价), exact and "
            "explained: numbers are decimal text.",
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": paths,
        "components": {"schemas": {name: _schemas.schema(name) for name in _schemas.NAMES}},
    }
