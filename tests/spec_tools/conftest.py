"""Helpers for the review-kit tests: run ``ispyb-spec`` in-process and write spec fragments to files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from spec_tools.cli import app


def as_document(fragment: dict[str, Any], version: str = "1.0.0") -> dict[str, Any]:
    """A fragment (paths, components) as a whole OpenAPI document."""
    return {"openapi": "3.1.0", "info": {"title": "corpus", "version": version}, **fragment}


def write_json(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


@pytest.fixture()
def run_cli() -> Any:
    """``run_cli(*args)`` → typer Result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(app, [*args], catch_exceptions=False)

    return run


SPEC_DIR = Path(__file__).resolve().parents[2] / "spec"


@pytest.fixture()
def spec_copy(tmp_path: Path) -> Path:
    """A writable copy of spec/ (root document returned), for tests that edit the spec."""
    import shutil

    target = tmp_path / "spec"
    shutil.copytree(SPEC_DIR, target, ignore=shutil.ignore_patterns("baseline"))
    return target / "openapi.yaml"


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``path`` (fails loudly when the anchor text moved)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
