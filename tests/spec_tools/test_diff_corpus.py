"""``ispyb-spec diff`` classifies every case of the corpus as expected, for clients and for servers.

Each file of ``diff_corpus/`` holds an ``old`` and a ``new`` spec fragment and the expected verdict: the
worst impact for clients and for servers (``none`` when nothing changed) and the kinds of change reported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.spec_tools.conftest import as_document, write_json

CORPUS = sorted((Path(__file__).parent / "diff_corpus").glob("*.yaml"))


def test_corpus_has_at_least_25_cases() -> None:
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("case_file", CORPUS, ids=[p.stem for p in CORPUS])
def test_corpus_case(case_file: Path, tmp_path: Path, run_cli: Any) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    old = write_json(tmp_path / "old.json", as_document(case["old"]))
    new = write_json(tmp_path / "new.json", as_document(case["new"]))
    result = run_cli("diff", str(old), str(new), "--format", "json", "--fail-on", "any")
    report = json.loads(result.stdout)
    expected = case["expected"]
    worst = {side: report["worst"][side] or "none" for side in ("clients", "servers")}
    assert worst == {"clients": expected["clients"], "servers": expected["servers"]}, report["changes"]
    assert sorted({c["kind"] for c in report["changes"]}) == sorted(expected["kinds"]), report["changes"]
    assert result.exit_code == (1 if report["changes"] else 0)
