"""Findings of an audit: severity, row, printed and expected value, message in Chinese and English."""

from __future__ import annotations

import enum

import attrs

__all__ = ["Finding", "Severity"]


class Severity(enum.Enum):
    """How serious a finding is."""

    ERROR = "error"
    """The printed numbers are wrong or cannot be checked (the table is not consistent)."""
    WARNING = "warning"
    """Allowed arithmetic, but against the rules' intent or missing an explanation."""
    INFO = "info"
    """Worth knowing; nothing to correct."""

    @property
    def name_zh(self) -> str:
        """The severity in Chinese: 错误, 警告, 提示."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@attrs.frozen
class Finding:
    """One inconsistency or remark, beside its row.

    Attributes:
        severity: error, warning or info.
        code: a stable identifier of the kind of finding (``"execution-rate"``…).
        row: where (``"资金"``, ``"总分"`` or level 1 / level 2 / indicator).
        field: which cell (``"rate"``, ``"points"``, ``"weight"``…).
        printed: the printed value, as printed.
        expected: what the rules give, when known.
        message: the finding in Chinese.
        message_en: the finding in English.
        index: the row's position among the table's level-3 rows (0-based),
            for findings about a row; ``None`` for funds, weights and total.
        cells: the cells the finding concerns, the one at fault first: where
            each was printed (``"report.txt:14:8"``, ``"book.xlsx:Sheet1!H14"``)
            when the table was read from a document, else its path in the table
            (``"rows.3.points"``, see :mod:`jixiao.project.paths`).
    """

    severity: Severity
    code: str
    row: str
    field: str
    printed: str | None
    expected: str | None
    message: str
    message_en: str
    index: int | None = None
    cells: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The finding as JSON-ready data, as an audit's JSON lists it (its
        cells a list; the row's ``index`` is the audit's to give)."""
        return {
            "severity": self.severity.value,
            "code": self.code,
            "row": self.row,
            "field": self.field,
            "printed": self.printed,
            "expected": self.expected,
            "message": self.message,
            "message_en": self.message_en,
            "cells": list(self.cells),
        }
