"""``jixiao serve``: the real server (uvicorn, started as the command line
starts it) on 127.0.0.1, called with a real HTTP client (httpx), its answers
checked against the shipped schemas."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import jixiao
import jixiao.server as server
from jixiao._toml import read_data_file
from jixiao.io.xlsx import write_xlsx
from jixiao.project import load_table

from .conftest import ROOT, require_module
from .test_schemas import EXAMPLES, PROJECT, _problems

LUOHU = EXAMPLES / "luohu-2023-department.toml"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    """The address of a ``jixiao serve`` running for this module's tests."""
    for extra in ("starlette", "uvicorn", "multipart", "httpx"):
        require_module(extra)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "jixiao", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        httpx = require_module("httpx")
        for _ in range(200):
            try:
                if httpx.get(f"{address}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None:
                pytest.fail(f"jixiao serve stopped: {process.stderr.read().decode()}")  # type: ignore[union-attr]
            time.sleep(0.05)
        else:
            pytest.fail("jixiao serve did not answer within 10 s")
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)


def _post(address: str, path: str, **kwargs: Any) -> Any:
    httpx = require_module("httpx")
    return httpx.post(f"{address}{path}", timeout=30, **kwargs)


def _get(address: str, path: str) -> Any:
    httpx = require_module("httpx")
    return httpx.get(f"{address}{path}", timeout=30)


def test_health_names_the_version(base: str) -> None:
    answer = _get(base, "/health")
    assert answer.json() == {"status": "ok", "jixiao_version": jixiao.__version__}


def test_the_luohu_example_scores_97_11_in_valid_json(base: str) -> None:
    answer = _post(base, "/score", content=LUOHU.read_bytes())
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    data = answer.json()
    assert (data["total"], data["grade"]["zh"]) == ("97.11", "优")
    assert _problems("evaluation", data) == []
    as_json = json.dumps(json.loads(json.dumps(read_data_file(LUOHU), default=str)))
    assert _post(base, "/score", content=as_json).json()["total"] == "97.11"


def test_the_answer_is_the_command_lines_json(base: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "jixiao", "score", str(LUOHU), "--json"],
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert _post(base, "/score", content=LUOHU.read_bytes()).content == done.stdout


def test_twenty_concurrent_requests_all_score_97_11(base: str) -> None:
    body = LUOHU.read_bytes()
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: _post(base, "/score", content=body), range(20)))
    assert [a.status_code for a in answers] == [200] * 20
    assert {a.json()["total"] for a in answers} == {"97.11"}


def test_sensitivity_and_interpretations(base: str) -> None:
    answer = _post(base, "/score?sensitivity=true", content=LUOHU.read_bytes())
    assert _problems("sensitivity", answer.json()) == []
    wrong = _post(base, "/score?interpretation=nonsense", content=LUOHU.read_bytes())
    assert wrong.status_code == 422
    assert wrong.json()["error"]["field"] == "interpretation"


def test_project_score_and_audit(base: str, tmp_path: Path) -> None:
    answer = _post(base, "/project/score", content=PROJECT.read_bytes())
    assert answer.status_code == 200
    assert _problems("project-evaluation", answer.json()) == []
    files = {"file": (PROJECT.name, PROJECT.read_bytes(), "application/toml")}
    audit = _post(base, "/project/audit", files=files)
    assert audit.status_code == 200, audit.text
    data = audit.json()
    assert _problems("project-audit-batch", data) == []
    assert len(data["audits"]) == 1
    assert "jixiao-" not in audit.text  # the temporary folder is never named
    text = (ROOT / "tests" / "layouts").glob("*.txt")
    sample = next(iter(sorted(text)), None)
    if sample is not None:
        raw = _post(base, f"/project/audit?filename={sample.name}", content=sample.read_bytes())
        assert raw.status_code in (200, 400), raw.text
        schema = "project-audit-batch" if raw.status_code == 200 else "error"
        assert _problems(schema, raw.json()) == []


def test_an_uploaded_workbook_is_audited(base: str, tmp_path: Path) -> None:
    require_module("openpyxl")
    book = tmp_path / "table.xlsx"
    write_xlsx([load_table(PROJECT)], book)
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    answer = _post(
        base, "/project/audit", content=book.read_bytes(), headers={"content-type": media}
    )
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert _problems("project-audit-batch", data) == []
    assert (len(data["audits"]), data["errors"]) == (1, [])
    assert "jixiao-" not in answer.text  # the temporary folder is never named


@pytest.mark.parametrize(
    ("suffix", "media", "cell"),
    [
        (
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "upload.docx:t3:13:8",
        ),
        (".csv", "text/csv", "upload.csv:45:8"),
        (".mht", "multipart/related", "upload.mht:t3:13:8"),
    ],
)
def test_an_uploaded_document_is_audited_by_its_media_type(
    base: str, suffix: str, media: str, cell: str
) -> None:
    document = ROOT / "docs" / "guides" / "data" / "forms" / f"luohu-2023-tables-1-2{suffix}"
    answer = _post(
        base, "/project/audit", content=document.read_bytes(), headers={"content-type": media}
    )
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert _problems("project-audit-batch", data) == []
    assert [a["project"]["name"] for a in data["audits"]] == ["党政事务", "干部健康管理"]
    assert data["audits"][1]["findings"][0]["cells"] == [cell]


def test_word_as_web_systems_export_it_is_read_by_its_content(base: str) -> None:
    # A page sent as application/msword, as many "export to Word" buttons do.
    page = ROOT / "docs" / "guides" / "data" / "forms" / "luohu-2023-tables-1-2.html"
    headers = {"content-type": "application/msword"}
    answer = _post(base, "/project/audit", content=page.read_bytes(), headers=headers)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert [a["project"]["name"] for a in data["audits"]] == ["党政事务", "干部健康管理"]
    assert data["audits"][1]["findings"][0]["cells"][0].startswith("upload.doc:t")


def test_an_encoding_is_named_in_the_query(base: str) -> None:
    document = ROOT / "docs" / "guides" / "data" / "forms" / "luohu-2023-tables-1-2.csv"
    body = document.read_text("utf-8-sig").encode("gbk")
    headers = {"content-type": "text/csv"}
    refused = _post(base, "/project/audit", content=body, headers=headers)
    assert refused.status_code == 400  # a file that cannot be read
    assert "--encoding gbk" in refused.json()["error"]["message"]
    answer = _post(base, "/project/audit?encoding=gbk", content=body, headers=headers)
    assert answer.status_code == 200, answer.text
    assert [a["project"]["name"] for a in answer.json()["audits"]] == ["党政事务", "干部健康管理"]
    unknown = _post(base, "/project/audit?encoding=klingon", content=body, headers=headers)
    assert unknown.status_code == 422
    assert unknown.json()["error"]["field"] == "encoding"


def test_rule_sets_are_listed_and_shown(base: str) -> None:
    listing = _get(base, "/frameworks").json()
    assert _problems("frameworks", listing) == []
    first = listing["frameworks"][0]["id"]
    assert _problems("framework", _get(base, f"/frameworks/{first}").json()) == []
    templates = _get(base, "/templates").json()
    assert _problems("templates", templates) == []
    shown = _get(base, f"/templates/{templates['templates'][0]['id']}").json()
    assert _problems("template", shown) == []
    missing = _get(base, "/frameworks/no-such-framework")
    assert missing.status_code == 404
    assert _problems("error", missing.json()) == []


def test_the_openapi_document_names_every_route(base: str) -> None:
    document = _get(base, "/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {
        "/health",
        "/frameworks",
        "/frameworks/{id}",
        "/templates",
        "/templates/{id}",
        "/score",
        "/project/score",
        "/project/audit",
    }
    jsonschema = require_module("jsonschema")
    for body in document["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(body)


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "kind"),
    [
        ("post", "/score", b'{"schema": ', 400, "ReadError"),
        ("post", "/score", b"schema = 1\n", 422, "InputError"),
        ("post", "/score", b"\xff\xfe", 400, "ReadError"),
        ("post", "/project/score", b'{"schema": "jixiao.project/1"}', 422, "InputError"),
        ("post", "/project/audit?filename=x.exe", b"MZ", 400, "ReadError"),
        ("post", "/project/audit", b"data", 415, "InputError"),
        ("get", "/nowhere", b"", 404, "InputError"),
        ("get", "/score", b"", 405, "InputError"),
    ],
)
def test_bad_requests_get_clear_4xx_errors(
    base: str, method: str, path: str, body: bytes, status: int, kind: str
) -> None:
    httpx = require_module("httpx")
    answer = httpx.request(method.upper(), f"{base}{path}", content=body or None, timeout=30)
    assert answer.status_code == status, answer.text
    data = answer.json()
    assert _problems("error", data) == []
    assert data["error"]["kind"] == kind


def test_a_department_may_not_name_a_file_of_the_server(base: str) -> None:
    text = LUOHU.read_text("utf-8").replace(
        'framework = "shenzhen-luohu-2023"', 'framework = "/etc/passwd.toml"'
    )
    answer = _post(base, "/score", content=text.encode())
    assert answer.status_code == 422
    assert answer.json()["error"]["field"] == "framework"


@pytest.mark.parametrize("announced", [True, False], ids=["content-length", "streamed"])
def test_a_body_beyond_the_limit_is_refused_with_413(base: str, announced: bool) -> None:
    block = b" " * (1024 * 1024)
    blocks = server.MAX_BODY_BYTES // len(block) + 1

    def chunks() -> Iterator[bytes]:  # sent without a length
        for _ in range(blocks):
            yield block

    answer = _post(base, "/score", content=block * blocks if announced else chunks())
    assert answer.status_code == 413
    assert answer.json()["error"]["kind"] == "ReadError"
    assert _post(base, "/score", content=LUOHU.read_bytes()).status_code == 200
