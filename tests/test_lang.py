"""``--lang``: every line the command writes in the language asked for.

On the bundled examples, ``--lang zh`` leaves no English word (three ASCII
letters or more) and ``--lang en`` no Chinese character (nor Chinese
punctuation: full-width parentheses, commas, colons) outside names, on
standard output and standard error, in the ``--report`` files (Markdown and
the text of the HTML) and in the errors a few bad inputs meet. Names are
what the input data gives (project and indicator names, values as printed,
the file's source), the rule set's ids, the command's own words (``jixiao``,
its options, their metavars and choices, finding codes), a file's path and
the value an error quotes, and, in English, the rule data's Chinese where it
has no English (a citation's document title, an indicator without an English
name). The names are gathered from the inputs, the command's parser and its
own JSON (ids, sources, finding codes, cell paths, an error's field and
value), never listed by hand, so a label left in the other language fails.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import json
import re
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from jixiao._toml import dumps_toml, read_data_file
from jixiao.cli import build_parser, main
from jixiao.department import available_frameworks, framework, load_department
from jixiao.errors import InputError, JixiaoError
from jixiao.io import SUFFIXES
from jixiao.io.reports import write_reports
from jixiao.project import audit, available_templates, load_table, score_table, template

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DEPARTMENTS = sorted(EXAMPLES.glob("*-department.toml"))
PROJECTS = EXAMPLES / "projects"
TABLES = [*sorted(PROJECTS.glob("*.toml")), EXAMPLES / "hubei-2020-project.toml"]

ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")
"""A Chinese character, or Chinese punctuation (（）：，、。 and the other
full-width forms), which English text writes in ASCII."""
COMMENTS = ("remarks", "notes")
"""Input keys holding the file's own comments, which no output prints."""


def _run(args: list[str]) -> str:
    """What the command writes, on standard output then standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        main(args, out)
    return out.getvalue() + err.getvalue()


def _json(args: list[str]) -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stderr(io.StringIO()):
        main([*args, "--json"], out)
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


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
    names = {str(PROJECTS), *_command_words()}
    for path in PROJECTS.iterdir():
        names |= _input_names(path)
    for audited in data["audits"]:
        names |= set(_json_names(audited))
        names |= {key for finding in audited["findings"] for key in finding}  # JSON: expected
    return _run(["project", "audit", str(PROJECTS), "--lang", lang]), names


def _options(parser: argparse.ArgumentParser) -> Iterator[str]:
    """The command line's own words: its name, commands, option names,
    metavars and choices (``--interpretation``, ``NAME=VALUE``, ``both``), and
    the names of its positional arguments (``file``)."""
    yield parser.prog.split()[0]
    for action in parser._actions:
        yield from action.option_strings
        if isinstance(action.metavar, str):
            yield action.metavar
        elif action.option_strings and action.nargs != 0:
            yield action.dest.upper()  # argparse's metavar when none is given
        if not action.option_strings and action.metavar is None:
            yield action.dest
        if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
            yield from (str(c) for c in action.choices)
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield name
                yield from _options(sub)


def _command_words() -> set[str]:
    """The command's own words (:func:`_options`) and the file forms it names (TOML, JSON)."""
    return {*_options(build_parser()), *(suffix.lstrip(".").upper() for suffix in SUFFIXES)}


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


_TAGS = re.compile(r"<style>.*?</style>|<[^>]*>", re.DOTALL)


def _page_text(page: str) -> str:
    """The text an HTML page shows: its tags (and styles) dropped, its entities read."""
    return html.unescape(_TAGS.sub("\n", page))


def _audit_report(lang: str) -> tuple[str, set[str]]:
    """``project audit --report``: what it prints, and the reports it writes."""
    _, names = _project_audit(lang)
    with tempfile.TemporaryDirectory() as folder:
        text = _run(["project", "audit", str(PROJECTS), "--lang", lang, "--report", folder])
        names |= {folder}
        for report in sorted(Path(folder).iterdir()):
            names.add(report.name)
            page = report.read_text("utf-8")
            text += "\n" + (_page_text(page) if report.suffix == ".html" else page)
    return text, names


def _bad_inputs(folder: Path) -> list[list[str]]:
    """Commands that meet an error: a missing file, a file that is not TOML,
    an unknown key, a negative amount, an unknown framework or template, and
    arguments the command does not take."""
    department = read_data_file(DEPARTMENTS[0])
    broken = folder / "broken.toml"
    broken.write_text("name = [", "utf-8")
    unknown = folder / "unknown-key.toml"
    unknown.write_text(DEPARTMENTS[0].read_text("utf-8") + "\nsurprise = 1\n", "utf-8")
    negative = folder / "negative.toml"
    key, field = next(
        (key, field)
        for key, given in department["inputs"].items()
        for field, value in given.items()
        if isinstance(value, Decimal | int) and not isinstance(value, bool)
    )
    department["inputs"][key][field] = -1  # an amount or a count below zero
    negative.write_text(dumps_toml(department), "utf-8")
    return [
        ["score", str(folder / "no-such-file.toml")],
        ["score", str(broken)],
        ["score", str(unknown)],
        ["score", str(negative)],
        ["framework", "no-such-framework"],
        ["project", "score", str(TABLES[0]), "--template", "no-such-template"],
        ["score", str(DEPARTMENTS[0]), "--interpretation", "x"],
        ["score"],
        ["score", str(DEPARTMENTS[0]), "--sensitivity", "--surprise"],
    ]


def _keys(data: object) -> Iterator[str]:
    """Every key of *data*, at any depth."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from _keys(value)
    elif isinstance(data, list):
        for value in data:
            yield from _keys(value)


def _error_names() -> set[str]:
    """What the errors of :func:`_bad_inputs` may name besides their own JSON:
    the command's words, the file forms (TOML, JSON), the literals of a file
    (true, false), the shipped ids, and the frameworks' inputs and
    interpretations (the keys an error lists, its example)."""
    names = _command_words() | {"true", "false"}
    names |= {*available_frameworks(), *available_templates()}
    for fw in (framework(id) for id in available_frameworks()):
        names |= {item.name for indicator in fw.indicators for item in indicator.inputs}
        for name, interpretation in fw.interpretations:
            names |= {name, *(a.key for a in interpretation.alternatives)}
    return names


def _errors(lang: str) -> tuple[str, set[str]]:
    """The errors of :func:`_bad_inputs`, and what they name (from their JSON)."""
    text, names = "", _error_names()
    with tempfile.TemporaryDirectory() as folder:
        commands = _bad_inputs(Path(folder))
        for path in Path(folder).iterdir():
            with contextlib.suppress(JixiaoError):
                names |= set(_keys(read_data_file(path)))
        for args in commands:
            line = _run([*args, "--lang", lang])
            assert line.strip(), args
            text += line
            names |= {*args, str(Path(folder).name)}
            error = _json(args)["error"]
            names |= {error[k] for k in ("field", "row", "source", "value") if error[k]}
            names |= {part for part in args if part.startswith("-")}
    return text, names


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Every command's words: (), ("score",), ("project", "audit"), …"""
    yield path
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*path, name))


FORMATS = re.compile(r"jixiao\.[a-z-]+/[0-9]+")


def _help(lang: str) -> tuple[str, set[str]]:
    """``-h`` of every command, and what it names: the command's words, the
    formats (``jixiao.evaluation/1``, JSON Lines, Markdown, HTML), the web
    words (HTTP, Web API) and the example of ``--interpretation``."""
    text = ""
    for words in _commands(build_parser()):
        out, err = io.StringIO(), io.StringIO()
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            mock.patch.dict("os.environ", {"COLUMNS": "400"}),  # no name cut by wrapping
            pytest.raises(SystemExit) as done,
        ):
            main([*words, "-h", "--lang", lang])
        assert done.value.code == 0
        text += out.getvalue()
    names = _command_words() | set(FORMATS.findall(text))
    names |= {*SUFFIXES, "JSON Lines", "Markdown", "HTML", "HTTP", "Web API", "jixiao"}
    names |= {"budget_execution.quarter_cap=uncapped", "[server]", "`jixiao framework ID`"}
    names |= {"gbk", "UTF-8", "table.csv", "book.xlsx"}  # an encoding's and files' names
    return text, names


CASES = (
    [pytest.param(_department, p, id=p.name) for p in DEPARTMENTS]
    + [pytest.param(_sensitivity, p, id=f"sensitivity-{p.name}") for p in DEPARTMENTS]
    + [pytest.param(_project_score, p, id=f"score-{p.name}") for p in TABLES]
    + [pytest.param(lambda _, lang: _project_audit(lang), None, id="audit")]
    + [pytest.param(lambda _, lang: _audit_report(lang), None, id="audit-report")]
    + [pytest.param(_listings, None, id="listings")]
    + [pytest.param(lambda _, lang: _errors(lang), None, id="errors")]
    + [pytest.param(lambda _, lang: _help(lang), None, id="help")]
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


LABELS = {
    "zh": ("总分", "分值", "得分", "规则集", "依据"),
    "en": ("total", "weight", "points", "rule set", "source"),
}
"""Labels every notebook display of an evaluation shows, in each language."""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_notebook_displays_follow_the_language(lang: str) -> None:
    """``to_html(lang)`` of an evaluation, a score, a scored table and an
    audit: the labels of *lang*, none of the other's; ``_repr_html_`` is both."""
    evaluation = load_department(EXAMPLES / "luohu-2023-department.toml").evaluate()
    table = load_table(TABLES[0])
    shown = [evaluation, evaluation.scores[0], score_table(table), audit(table)]
    other = "en" if lang == "zh" else "zh"
    for item in shown:
        text = _page_text(item.to_html(lang)).lower()  # type: ignore[attr-defined]
        assert any(label in text for label in LABELS[lang]), item
        assert not any(f" {label} " in f" {text} " for label in LABELS[other] if label.isascii())
        if lang == "en":
            assert not any(label in text for label in LABELS["zh"]), item
        assert item._repr_html_() == item.to_html("both")  # type: ignore[attr-defined]


def test_reports_follow_the_language(tmp_path: Path) -> None:
    """write_reports(…, lang): the index and each report in the language asked for."""
    audited = [audit(load_table(path)) for path in TABLES[:2]]
    for lang, present, absent in (
        ("zh", "复核汇总", "Audit summary"),
        ("en", "Audit summary", "复核汇总"),
    ):
        index = write_reports(audited, tmp_path / lang, lang)
        for page in (index, index.with_suffix(".html")):
            text = page.read_text("utf-8")
            assert present in text
            assert absent not in text
    with pytest.raises(InputError, match="expected zh, en or both"):
        write_reports(audited, tmp_path / "fr", "fr")
