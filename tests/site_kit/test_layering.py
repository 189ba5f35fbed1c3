"""The layers stay apart: the kit and the adapters never name the reference server, the suite no server at all.

A site outside this repository can use ``site_kit`` only if the kit needs nothing of ``reference_server``; the
suite certifies implementations only if it shares no code with any of them. Cost: well under a second.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVERS = ("reference_server", "site_kit", "ispyb_dls_adapter", "ispyb_esrf_adapter")


def _sources(directory: str) -> list[Path]:
    return sorted(p for p in (ROOT / directory).rglob("*") if p.is_file() and p.suffix in (".py", ".md", ".toml"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("directory", ["site_kit", "adapters", "examples"])
def test_the_reference_server_is_named_nowhere_in(directory: str) -> None:
    """As ``grep -rn reference_server <directory>/`` would: not in code, not in comments or docs either."""
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _sources(directory)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "reference_server" in line
    ]
    assert found == []


def test_the_kit_imports_no_implementation() -> None:
    offending = {
        str(path.relative_to(ROOT)): sorted(
            _imports(path) & {"reference_server", "ispyb_dls_adapter", "ispyb_esrf_adapter"}
        )
        for path in _sources("site_kit")
        if path.suffix == ".py"
    }
    assert {k: v for k, v in offending.items() if v} == {}


def test_the_conformance_suite_imports_no_server_code() -> None:
    offending = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & set(SERVERS))
        for path in _sources("conformance")
        if path.suffix == ".py"
    }
    assert {k: v for k, v in offending.items() if v} == {}
