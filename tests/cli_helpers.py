"""Test helper: the command line run in-process, its output captured."""

from __future__ import annotations

import io

import pytest

from jixiao.cli import main


def cli(argv: list[str]) -> tuple[int, str]:
    """Run ``jixiao argv``; its exit status and what it wrote to standard output."""
    out = io.StringIO()
    status = main(argv, out)
    return status, out.getvalue()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``jixiao argv``; its exit status, standard output and standard error."""
    status, out = cli(argv)
    return status, out, capsys.readouterr().err
