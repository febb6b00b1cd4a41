"""Self-evaluation table templates as data: weights, rules, qualitative tiers,
deviation lines, period, interpretations.

A :class:`Template` says what a project table should weigh (execution, and
each level-1 group, or only all the indicators together when the table sets
the level-1 weights itself), which rules score its rows (the shared rules of
``data/rules/project.toml``, or the template's own ``[[rules]]``; each written
for the row's weight, ``"{weight}"``), how an evaluator's points for a
qualitative indicator map to its three tiers, which rule scores a
lower-is-better row, how a bare target reads, and from which deviation a
shortfall or an over-achievement is reported. It states the years it applies
to, and the readings its text leaves open as named switches
(:meth:`Template.interpreted`). Shipped templates are TOML files inside the
package (:func:`available_templates`); a user's own file in the same form
loads through :func:`load_template`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jixiao.project._template_form as _template_form
from jixiao._toml import package_ids, read_data_file, read_package_toml
from jixiao.errors import FrameworkError
from jixiao.project._template_form import (
    BARE_TARGETS,
    LOWER_RULES,
    TIER_KEYS,
    QualitativeTier,
    Template,
    TemplateGroup,
    template_from_dict,
)
from jixiao.project.model import ProjectTable

__all__ = [
    "BARE_TARGETS",
    "LOWER_RULES",
    "TIER_KEYS",
    "QualitativeTier",
    "Template",
    "TemplateGroup",
    "available_templates",
    "default_template",
    "load_template",
    "match_template",
    "shipped_templates",
    "template",
    "template_from_dict",
]

_PACKAGE_DATA = "jixiao.data.templates"


@cache
def available_templates() -> tuple[str, ...]:
    """The ids of the templates shipped with jixiao (read once: shipped data)."""
    return package_ids(_PACKAGE_DATA)


@cache
def template(id: str) -> Template:
    """A shipped template by id, e.g. ``template("national-2020")``.

    Raises:
        UnknownKeyError: no shipped template has that id (the message lists them).
    """
    return template_from_dict(read_package_toml(_PACKAGE_DATA, id, "template"), f"{id}.toml")


def default_template() -> Template:
    """The template used when a table names none and its weights fit none."""
    for id in available_templates():
        if template(id).default:
            return template(id)
    raise FrameworkError(
        "no shipped template is marked default", zh="没有标为默认的随附模板"
    )  # pragma: no cover


def load_template(path: str | Path) -> Template:
    """Read a user's template file (same form as the shipped ones)."""
    return template_from_dict(read_data_file(path), str(path))


def match_template(table: ProjectTable) -> Template | None:
    """The template a table names, else the first shipped one its weights fit
    (the default first), else ``None``."""
    if table.template:
        return template(table.template)
    for candidate in shipped_templates():
        if candidate.fits(table):
            return candidate
    return None


@cache
def shipped_templates() -> tuple[Template, ...]:
    """The shipped templates, the default first (shipped data: read and sorted once)."""
    return tuple(sorted((template(i) for i in available_templates()), key=lambda t: not t.default))


# The records are documented, and pickled, as members of this module.
for _class in (QualitativeTier, Template, TemplateGroup):
    if _class.__module__ == _template_form.__name__:
        _class.__module__ = __name__
