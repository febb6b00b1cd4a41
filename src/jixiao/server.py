"""jixiao as a web service: an ASGI application (Starlette), served by uvicorn.

Needs the ``server`` extra (``pip install 'jixiao[server]'``); ``jixiao serve``
runs it. Every answer is JSON, the same JSON the command line prints with
``--json``, described by the shipped schemas (:mod:`jixiao.schemas`):

.. code-block:: text

    GET  /health                 {"status": "ok", "jixiao_version": …}
    GET  /frameworks             jixiao.frameworks/1
    GET  /frameworks/{id}        jixiao.framework/1 (the file form)
    GET  /templates              jixiao.templates/1
    GET  /templates/{id}         jixiao.template/1 (the file form)
    POST /score                  a department file (JSON or TOML) → jixiao.evaluation/1
                                 (?sensitivity=true → jixiao.sensitivity/1;
                                 ?interpretation=NAME=VALUE, repeatable)
    POST /project/score          a project table file → jixiao.project-evaluation/1 (?template=ID)
    POST /project/audit          a table file, a text, CSV, workbook, Word or PDF file
                                 (multipart field ``file``, or the body with
                                 ?filename=NAME) → jixiao.project-audit-batch/1
                                 (?template=ID, ?encoding=NAME)
    GET  /openapi.json           the OpenAPI 3.1 document

A body larger than :data:`MAX_BODY_BYTES` is refused with 413; a body that is
not JSON or TOML with 400; an input the library refuses with 422; an unknown
rule set with 404; each with a ``jixiao.error/1`` object.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import TYPE_CHECKING, Any

import jixiao._openapi as _openapi
import jixiao._service as _service
from jixiao._provenance import provenance
from jixiao._toml import dumps_json
from jixiao.errors import InputError, JixiaoError, ReadError, UnknownKeyError

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

__all__ = ["MAX_BODY_BYTES", "create_app", "serve"]

MAX_BODY_BYTES = _service.MAX_INPUT_BYTES
"""The largest request body read (the library's bound on a file)."""

EXIT_INPUT = 2
"""The exit status the command line gives the same error (in the error's data)."""

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGI = Callable[[Scope, Receive, Send], Awaitable[None]]


class TooLarge(Exception):
    """A request body beyond :data:`MAX_BODY_BYTES` (answered with 413)."""


class LimitBody:
    """ASGI middleware: a body announced larger than *limit* bytes (its
    ``Content-Length``) is answered with 413 before any of it is read; one
    sent larger raises :class:`TooLarge` as soon as the limit is passed."""

    def __init__(self, app: ASGI, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await _too_large_answer()(scope, receive, send)
                return
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise TooLarge
            return message

        await self.app(scope, bounded, send)


def _json(data: object, status: int = 200) -> Response:
    from starlette.responses import Response

    return Response(dumps_json(data), status, media_type="application/json")  # type: ignore[arg-type]


def _error(error: BaseException, status: int) -> Response:
    return _json(_service.error_data(error, EXIT_INPUT), status)


def _status(error: JixiaoError) -> int:
    if isinstance(error, ReadError):
        return 400  # the body is not JSON, TOML or a readable file
    return 422


async def _run(request: Request, work: Callable[[], dict[str, Any]]) -> Response:
    """*work* in a worker thread (the event loop stays free), as JSON; the
    library's errors as 4xx."""
    from starlette.concurrency import run_in_threadpool

    try:
        return _json(await run_in_threadpool(work))
    except JixiaoError as error:
        return _error(error, _status(error))


def _readings(request: Request) -> dict[str, str]:
    readings: dict[str, str] = {}
    for pair in request.query_params.getlist("interpretation"):
        name, sign, value = pair.partition("=")
        if not sign or not name.strip() or not value.strip():
            raise InputError(
                "expected NAME=VALUE", zh="应为 NAME=VALUE", field="interpretation", value=pair
            )
        readings[name.strip()] = value.strip()
    return readings


def _flag(request: Request, name: str) -> bool:
    value = request.query_params.get(name, "false").lower()
    if value not in ("true", "false", "1", "0"):
        raise InputError("expected true or false", zh="应为 true 或 false", field=name, value=value)
    return value in ("true", "1")


async def _score(request: Request) -> Response:
    raw = await request.body()

    def work() -> dict[str, Any]:
        department = _service.shipped_department(
            _service.data_from_bytes(raw, "request body"), "request body"
        )
        examine = _flag(request, "sensitivity")
        return _service.department_result(department, _readings(request), examine=examine)

    return await _run(request, work)


async def _project_score(request: Request) -> Response:
    raw = await request.body()
    chosen = request.query_params.get("template") or None

    def work() -> dict[str, Any]:
        data = _service.data_from_bytes(raw, "request body")
        return _service.project_score_result(data, "request body", chosen)

    return await _run(request, work)


_MEDIA = {
    "application/json": ".json",
    "application/toml": ".toml",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/csv": ".csv",
    "text/html": ".html",
    "multipart/related": ".mht",
    "message/rfc822": ".mht",
    "application/x-mimearchive": ".mht",
    "application/pdf": ".pdf",
    "application/ofd": ".ofd",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",  # read by its content: "Word" as web systems export it
}
"""The suffix of a body sent without a file name, by its media type."""


async def _upload(request: Request) -> tuple[bytes, str]:
    """The file of an audit request, and its name."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=4, max_part_size=MAX_BODY_BYTES)
        part = form.get("file")
        if part is None or isinstance(part, str):
            raise InputError(
                "expected the table as the form's file field",
                zh="应以表单的 file 字段上传表格",
                field="file",
            )
        return await part.read(), part.filename or "upload.txt"
    name = request.query_params.get("filename")
    if name:
        return await request.body(), name
    if media not in _MEDIA:
        raise InputError(
            "name the file (?filename=NAME.xlsx) or send a known media type",
            zh="请说明文件名（?filename=NAME.xlsx），或发送已知的媒体类型",
            field="content-type",
            value=media,
        )
    return await request.body(), "upload" + _MEDIA[media]


async def _project_audit(request: Request) -> Response:
    try:
        raw, name = await _upload(request)
    except JixiaoError as error:
        return _error(error, 415 if error.field == "content-type" else 422)
    chosen = request.query_params.get("template") or None
    encoding = request.query_params.get("encoding") or None

    def work() -> dict[str, Any]:
        result = _service.audit_bytes(raw, name, chosen, encoding)
        errors = result["errors"]
        if errors and not result["audits"]:  # the one file sent cannot be read
            first = errors[0]
            raise ReadError(first["message"], zh=first["message_zh"], source=name)
        return result

    return await _run(request, work)


async def _listing(request: Request) -> Response:
    kind = request.url.path.strip("/")
    ident = request.path_params.get("id")
    try:
        if kind.startswith("frameworks"):
            data = _service.framework_data(ident) if ident else _service.frameworks_data()
        else:
            data = _service.template_data(ident) if ident else _service.templates_data()
    except UnknownKeyError as error:
        return _error(error, 404)
    except JixiaoError as error:
        return _error(error, 422)
    return _json(data)


async def _health(request: Request) -> Response:
    return _json({"status": "ok", **provenance()})


async def _openapi_document(request: Request) -> Response:
    return _json(_openapi.document())


_HTTP_ZH = {404: "没有这个地址", 405: "此地址不接受这种请求方法", 500: "内部错误"}
"""The Chinese of the web framework's own answers (its English is its own)."""


async def _http_error(request: Request, error: Exception) -> Response:
    from starlette.exceptions import HTTPException

    status = error.status_code if isinstance(error, HTTPException) else 500
    detail = error.detail if isinstance(error, HTTPException) else "internal error"
    failure = InputError(
        detail, zh=_HTTP_ZH.get(status, detail), field="path", value=request.url.path
    )
    return _error(failure, status)


def _too_large_answer() -> Response:
    failure = ReadError(
        f"more than {MAX_BODY_BYTES:,} bytes; refused",
        zh=f"超过 {MAX_BODY_BYTES:,} 字节；拒绝读取",
        source="request body",
    )
    return _error(failure, 413)


async def _too_large(request: Request, error: Exception) -> Response:
    return _too_large_answer()


def create_app() -> Starlette:
    """The ASGI application (Starlette; needs the ``server`` extra)."""
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.routing import Route

    routes = [
        Route("/health", _health, methods=["GET"]),
        Route("/openapi.json", _openapi_document, methods=["GET"]),
        Route("/frameworks", _listing, methods=["GET"]),
        Route("/frameworks/{id}", _listing, methods=["GET"]),
        Route("/templates", _listing, methods=["GET"]),
        Route("/templates/{id}", _listing, methods=["GET"]),
        Route("/score", _score, methods=["POST"]),
        Route("/project/score", _project_score, methods=["POST"]),
        Route("/project/audit", _project_audit, methods=["POST"]),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(LimitBody)],
        exception_handlers={HTTPException: _http_error, TooLarge: _too_large},
    )


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve :func:`create_app` with uvicorn until interrupted.

    Raises:
        JixiaoError: the ``server`` extra is not installed.
    """
    try:
        import uvicorn
    except ImportError:
        raise JixiaoError(
            "jixiao serve needs the server extra: pip install 'jixiao[server]'",
            zh="jixiao serve 需要 server 扩展：pip install 'jixiao[server]'",
        ) from None
    uvicorn.run(create_app(), host=host, port=port, log_level="info")
