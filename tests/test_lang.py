"""``--lang``: every line of the text output in the language asked for.

On the bundled examples, ``--lang zh`` leaves no English word and ``--lang
en`` no Chinese character outside names: what the input data gives (project
and indicator names, values as printed, the file's source), the rule set's
ids and, in English, the rule data's Chinese where it has no English. The
names are gathered from the inputs and from the command's own JSON (ids,
finding codes, cell paths), never listed by hand.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from jixiao._toml import read_data_file
from jixiao.cli import build_parser, main
from jixiao.department import available_frameworks, framework, load_department
from jixiao.project import available_templates, template

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DEPARTMENTS = sorted(EXAMPLES.glob("*-department.toml"))
PROJECTS = EXAMPLES / "projects"
TABLES = [*sorted(PROJECTS.glob("*.toml")), EXAMPLES / "hubei-2020-project.toml"]

ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
COMMENTS = ("remarks", "notes")
"""Input keys holding the file's own comments, which no output prints."""


def _run(args: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stderr(io.StringIO()):
        main(args, out)
    return out.getvalue()


def _strings(data: object) -> Iterator[str]:
    """Every text of the input data, but the file's comments."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in COMMENTS:
                yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _input_names(path: Path) -> set[str]:
    """The file's path as given and its texts."""
    return {str(path), path.name, *_strings(read_data_file(path))}


def _json_names(data: dict[str, Any]) -> Iterator[str]:
    """The ids, sources, finding codes and cells an output's JSON names."""
    for key in ("template", "source"):
        if isinstance(data.get(key), str):
            yield data[key]
    yield from data.get("alternatives", ())
    for finding in data.get("findings", ()):
        yield finding["code"]
        yield from finding["cells"]
        yield from (finding[k] for k in ("printed", "expected") if finding[k] is not None)


def _leftover(text: str, names: Iterable[str]) -> str:
    """*text* with every occurrence of a name blanked, longest names first."""
    for name in sorted({n for n in names if n.strip()}, key=len, reverse=True):
        text = text.replace(name, " ")
    return text


def _department(path: Path, lang: str) -> tuple[str, set[str]]:
    return _run(["score", str(path), "--lang", lang]), _department_names(path, lang)


def _department_names(path: Path, lang: str) -> set[str]:
    """The input's texts, the framework's id and, in English, the rule data's
    Chinese where it has no English (citations, names)."""
    evaluation = load_department(path).evaluate()
    fw = evaluation.framework
    names = _input_names(path) | {fw.id}
    if lang == "en":  # the rule data's Chinese where it has no English
        names |= {str(fw.citation), *(str(s.citation) for s in evaluation.scores)}
        names |= {row.name for row in fw.text.rows if not row.name_en}
        if not fw.title_en:
            names |= {fw.title, fw.jurisdiction}
    return names


def _sensitivity(path: Path, lang: str) -> tuple[str, set[str]]:
    """``score --sensitivity``: the interpretations and their alternatives by their ids."""
    names = _department_names(path, lang)
    fw = load_department(path).evaluate().framework
    for name, interpretation in fw.interpretations:
        names |= {name, *(a.key for a in interpretation.alternatives)}
    if lang == "en":
        names.add(fw.title)
    return _run(["score", str(path), "--sensitivity", "--lang", lang]), names


def _project_score(path: Path, lang: str) -> tuple[str, set[str]]:
    data = json.loads(_run(["project", "score", str(path), "--json"]))
    names = _input_names(path) | set(_json_names(data))
    return _run(["project", "score", str(path), "--lang", lang]), names


def _project_audit(lang: str) -> tuple[str, set[str]]:
    data = json.loads(_run(["project", "audit", str(PROJECTS), "--json"]))
    names = {str(PROJECTS)}
    for path in PROJECTS.iterdir():
        names |= _input_names(path)
    for audited in data["audits"]:
        names |= set(_json_names(audited))
    return _run(["project", "audit", str(PROJECTS), "--lang", lang]), names


def _options(parser: argparse.ArgumentParser) -> Iterator[str]:
    """The command line's own option names and metavars (``--interpretation``, ``NAME=VALUE``)."""
    for action in parser._actions:
        yield from action.option_strings
        if isinstance(action.metavar, str):
            yield action.metavar
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _options(sub)


def _rule_set_names(rules: Any, lang: str) -> set[str]:
    """A rule set's id and, in English, its Chinese title where it has no English."""
    names = {rules.id}
    if lang == "en":
        names |= {
            n
            for n, en in (
                (rules.title, rules.title_en),
                (rules.jurisdiction, rules.jurisdiction_en),
            )
            if not en
        }
    return names


def _listings(_: None, lang: str) -> tuple[str, set[str]]:
    """``frameworks``, ``project templates`` and ``framework ID`` for every framework."""
    text = _run(["frameworks", "--lang", lang]) + _run(["project", "templates", "--lang", lang])
    names = set(_options(build_parser()))
    for id in available_templates():
        names |= _rule_set_names(template(id), lang)
    for id in available_frameworks():
        fw = framework(id)
        text += _run(["framework", id, "--lang", lang])
        names |= _rule_set_names(fw, lang)
        for name, interpretation in fw.interpretations:
            names |= {name, interpretation.default, *(a.key for a in interpretation.alternatives)}
        if lang == "en":
            names |= {row.name for row in fw.text.rows if not row.name_en}
    return text, names


CASES = (
    [pytest.param(_department, p, id=p.name) for p in DEPARTMENTS]
    + [pytest.param(_sensitivity, p, id=f"sensitivity-{p.name}") for p in DEPARTMENTS]
    + [pytest.param(_project_score, p, id=f"score-{p.name}") for p in TABLES]
    + [pytest.param(lambda _, lang: _project_audit(lang), None, id="audit")]
    + [pytest.param(_listings, None, id="listings")]
)


@pytest.mark.parametrize(("run", "path"), CASES)
def test_zh_output_has_no_english_word_outside_names(run: Any, path: Path | None) -> None:
    text, names = run(path, "zh")
    assert text.strip()
    left = [
        (line, ENGLISH_WORD.findall(_leftover(line, names)))
        for line in text.splitlines()
        if ENGLISH_WORD.search(_leftover(line, names))
    ]
    assert left == []


@pytest.mark.parametrize(("run", "path"), CASES)
def test_en_output_has_no_chinese_outside_names(run: Any, path: Path | None) -> None:
    text, names = run(path, "en")
    assert text.strip()
    left = [
        (line, HAN.findall(_leftover(line, names)))
        for line in text.splitlines()
        if HAN.search(_leftover(line, names))
    ]
    assert left == []


def test_the_check_catches_a_label_left_in_english() -> None:
    """The allow-list does not swallow labels: the default (both) output fails it."""
    text, names = _project_audit("both")
    assert any(ENGLISH_WORD.search(_leftover(line, names)) for line in text.splitlines())
    assert any(HAN.search(_leftover(line, names)) for line in text.splitlines())
