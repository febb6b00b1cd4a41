"""The shipped JSON Schemas: valid draft 2020-12 schemas, and each one holds
for what jixiao really reads and writes — every bundled example, the shipped
rule sets, tables read from the seed documents, generated inputs — and
refuses a drift (a key the readers do not know, a key the output lost)."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jixiao
import jixiao._service as _service
import jixiao.schemas as schemas
from jixiao._toml import dumps_json, read_data_file
from jixiao.cli import main
from jixiao.department import available_frameworks, department_from_dict, framework
from jixiao.project import available_templates

from .conftest import ROOT, require_module, require_seeds
from .strategies import department_inputs, framework_data

EXAMPLES = ROOT / "examples"
DATA = ROOT / "src" / "jixiao" / "data"
PROJECT = EXAMPLES / "projects" / "luohu-2023-01-党政事务.toml"


def _validator(name: str) -> Any:
    jsonschema = require_module("jsonschema")
    referencing = require_module("referencing")
    registry = referencing.Registry().with_resources(
        (uri, referencing.Resource.from_contents(body)) for uri, body in schemas.resources().items()
    )
    return jsonschema.Draft202012Validator(schemas.schema(name), registry=registry)


def _problems(name: str, data: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in _validator(name).iter_errors(data)]


def _plain(data: object) -> Any:
    """Data as a JSON reader sees it (decimals as their exact text)."""
    return json.loads(dumps_json({"data": data}))["data"]


def _cli(args: list[str]) -> tuple[int, Any]:
    out = io.StringIO()
    status = main(args, out)
    return status, json.loads(out.getvalue())


@pytest.mark.parametrize("name", schemas.NAMES)
def test_every_schema_is_a_valid_2020_12_schema(name: str) -> None:
    jsonschema = require_module("jsonschema")
    body = schemas.schema(name)
    assert body["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert body["$id"] == schemas.schema_id(name)
    jsonschema.Draft202012Validator.check_schema(body)


def test_every_schema_file_is_shipped_and_named() -> None:
    shipped = {p.stem for p in (DATA / "schemas").glob("*.json")}
    assert shipped == set(schemas.NAMES)
    with pytest.raises(jixiao.UnknownKeyError):
        schemas.schema("no-such-schema")


# ---------------------------------------------------------------- inputs


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*-department.toml")), ids=lambda p: p.name)
def test_bundled_department_files_hold(path: Path) -> None:
    assert _problems("department", _plain(read_data_file(path))) == []


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("projects/*.toml")), ids=lambda p: p.name)
def test_bundled_project_tables_hold(path: Path) -> None:
    assert _problems("project", _plain(read_data_file(path))) == []


@pytest.mark.parametrize("path", sorted((DATA / "frameworks").glob("*.toml")), ids=lambda p: p.stem)
def test_shipped_frameworks_hold_as_shipped_and_as_written(path: Path) -> None:
    assert _problems("framework", _plain(read_data_file(path))) == []
    assert _problems("framework", _plain(framework(path.stem).to_dict())) == []


@pytest.mark.parametrize("path", sorted((DATA / "templates").glob("*.toml")), ids=lambda p: p.stem)
def test_shipped_templates_hold(path: Path) -> None:
    assert _problems("template", _plain(read_data_file(path))) == []


@settings(max_examples=15)
@given(department_inputs())
def test_generated_departments_hold(inputs: dict[str, Any]) -> None:
    data = read_data_file(EXAMPLES / "luohu-2023-department.toml")
    data["inputs"] = inputs
    form = _plain(department_from_dict(data).to_dict())  # the file form, as JSON
    assert _problems("department", form) == []
    department_from_dict(form)  # and the reader takes it back


@settings(max_examples=15)
@given(framework_data())
def test_generated_frameworks_hold(data: dict[str, Any]) -> None:
    assert _problems("framework", _plain(data)) == []


@pytest.mark.parametrize(
    ("name", "edit"),
    [
        ("department", lambda d: d.update(colour="red")),
        ("department", lambda d: d["overrides"]["non_establishment_staff"].pop("reason")),
        ("department", lambda d: d.update(unit="dollars")),
        ("project", lambda d: d["level1"][0]["level2"][0]["indicators"][0].update(points=7)),
        ("project", lambda d: d["project"].update(extra="x")),
        ("framework", lambda d: d["indicators"][0]["components"][0].update(per_item="1")),
        ("template", lambda d: d["qualitative"]["tiers"].pop()),
    ],
)
def test_the_schemas_refuse_what_the_readers_refuse(name: str, edit: Any) -> None:
    path = {
        "department": EXAMPLES / "luohu-2023-department.toml",
        "project": PROJECT,
        "framework": DATA / "frameworks" / "shenzhen-luohu-2023.toml",
        "template": DATA / "templates" / "national-2020.toml",
    }[name]
    data = _plain(read_data_file(path))
    edit(data)
    assert _problems(name, data)


# ---------------------------------------------------------------- outputs


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*-department.toml")), ids=lambda p: p.name)
def test_evaluations_and_sensitivity_hold(path: Path) -> None:
    status, data = _cli(["score", str(path), "--json"])
    assert status == 0
    assert _problems("evaluation", data) == []
    assert data["jixiao_version"] == jixiao.__version__
    fw = framework(data["framework"]["id"])
    assert data["ruleset"] == {
        "kind": "framework",
        "id": fw.id,
        "period": str(fw.validity),
        "status": fw.citation.status,
    }
    status, data = _cli(["score", str(path), "--json", "--sensitivity"])
    assert status == 0
    assert _problems("sensitivity", data) == []


def test_the_bundled_example_scores_97_11_in_valid_json() -> None:
    _, data = _cli(["score", str(EXAMPLES / "luohu-2023-department.toml"), "--json"])
    assert (data["total"], data["grade"]["zh"]) == ("97.11", "优")
    assert _problems("evaluation", data) == []


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("projects/*.toml")), ids=lambda p: p.name)
def test_project_scores_hold(path: Path) -> None:
    status, data = _cli(["project", "score", str(path), "--json"])
    assert status == 0
    assert _problems("project-evaluation", data) == []
    assert data["ruleset"]["kind"] == "template"


def test_batch_documents_and_lines_hold() -> None:
    _, document = _cli(["project", "audit", str(EXAMPLES / "projects"), "--json"])
    assert _problems("project-audit-batch", document) == []
    assert len(document["audits"]) == 18
    out = io.StringIO()
    main(["project", "audit", str(EXAMPLES / "projects"), "--jsonl"], out)
    lines = out.getvalue().splitlines()
    for line in lines:
        assert _problems("project-audit-lines", json.loads(line)) == []
    assert len(lines) == 20


def test_tables_read_from_the_seed_documents_hold() -> None:
    seeds = require_seeds()
    files = sorted(seeds.glob("*.txt"))[:6]
    _, document = _cli(["project", "audit", *map(str, files), "--json"])
    assert document["audits"]
    assert _problems("project-audit-batch", document) == []


def test_listings_and_errors_hold() -> None:
    _, data = _cli(["frameworks", "--json"])
    assert _problems("frameworks", data) == []
    assert [f["id"] for f in data["frameworks"]] == list(available_frameworks())
    _, data = _cli(["project", "templates", "--json"])
    assert _problems("templates", data) == []
    assert [t["id"] for t in data["templates"]] == list(available_templates())
    status, data = _cli(["score", "no-such-file.toml", "--json"])
    assert status == 2
    assert _problems("error", data) == []


@pytest.mark.parametrize(
    ("name", "args", "edit"),
    [
        ("evaluation", ["score", str(EXAMPLES / "luohu-2023-department.toml")], "scores"),
        ("project-evaluation", ["project", "score", str(PROJECT)], "rows"),
        ("frameworks", ["frameworks"], "frameworks"),
    ],
)
def test_an_output_drift_breaks_its_schema(name: str, args: list[str], edit: str) -> None:
    """A key the schema does not know, anywhere, fails it, and so does a key
    lost: the schemas are closed."""
    _, data = _cli([*args, "--json"])
    assert _problems(name, data) == []
    data[edit][0]["unexpected"] = True
    assert _problems(name, data)
    del data[edit][0]["unexpected"]
    data.pop("jixiao_version")
    assert _problems(name, data)


@settings(max_examples=10)
@given(st.decimals(min_value=0, max_value=5, places=2))
def test_overridden_points_hold(points: Decimal) -> None:
    data = _plain(read_data_file(EXAMPLES / "luohu-2023-department.toml"))
    data["overrides"] = {"budget_reasonableness": {"points": str(points), "reason": "复核调整"}}
    evaluation = department_from_dict(data).evaluate(trace=True)
    assert _problems("evaluation", _plain(evaluation.to_dict())) == []


def test_the_schema_names_are_those_documented() -> None:
    """Every name in the docs' list is shipped (the list and the files agree)."""
    assert set(schemas.INPUTS) | set(schemas.OUTPUTS) == set(schemas.NAMES)
    for name in schemas.INPUTS:
        const = schemas.schema(name)["properties"]["schema"]["const"]
        assert const == f"jixiao.{name}/1"
    text = (ROOT / "docs" / "schema.md").read_text("utf-8")
    for name in schemas.NAMES:
        assert f"`{name}`" in text, name


def test_an_internal_fault_holds_the_error_schema() -> None:
    """A fault that is no JixiaoError (exit status 70) is said in its own words, in each field."""
    data = _service.error_data(RuntimeError("boom"), 70)
    assert _problems("error", data) == []
    assert data["error"]["text_zh"] == "boom"
