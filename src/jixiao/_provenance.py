"""What every JSON output says about where it comes from: the version of
jixiao that wrote it, and the rule set (a framework or a template) it was
computed on, with its period and review status.

>>> from jixiao.department import framework
>>> ruleset(framework("shenzhen-luohu-2023"))
{'kind': 'framework', 'id': 'shenzhen-luohu-2023', 'period': '2023', 'status': 'transcribed'}
"""

from __future__ import annotations

from typing import Any, Protocol

from jixiao._version import __version__

__all__ = ["RuleSet", "provenance", "ruleset"]


class _Citation(Protocol):
    @property
    def status(self) -> str: ...


class RuleSet(Protocol):
    """A framework or a template: what a score is computed on."""

    @property
    def id(self) -> str: ...

    @property
    def validity(self) -> object: ...

    @property
    def citation(self) -> _Citation: ...


def ruleset(rules: RuleSet) -> dict[str, str]:
    """The rule set's kind (``"framework"`` or ``"template"``), id, period
    (``"2023"``, ``"2020–"``) and review status (``"transcribed"`` or
    ``"official"``)."""
    kind = type(rules).__name__.lower()
    return {
        "kind": kind,
        "id": rules.id,
        "period": str(rules.validity),
        "status": rules.citation.status,
    }


def provenance(rules: RuleSet | None = None) -> dict[str, Any]:
    """The keys that open every JSON output: ``jixiao_version``, and
    ``ruleset`` when the output is computed on one rule set."""
    data: dict[str, Any] = {"jixiao_version": __version__}
    if rules is not None:
        data["ruleset"] = ruleset(rules)
    return data
