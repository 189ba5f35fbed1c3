"""Each faulty server makes the suite fail, naming the class and the check the fault breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conformance.conftest import run_cli
from tests.conformance.faulty_server import FAULTS

pytestmark = pytest.mark.long


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_suite_fails_a_faulty_server_naming_class_and_check(fault: str, site_factory, tmp_path: Path) -> None:
    _, conformance_class, check_id = FAULTS[fault]
    site = site_factory(fault=fault)
    # schemathesis finds a schema fault only among enough generated examples; the suite's own checks need none
    examples = "3" if check_id.endswith("-SCHEMA-01") else "1"
    args = ("--class", conformance_class, "--max-examples", examples)
    code, report, _, output = run_cli(site, tmp_path / "reports", *args)
    assert code == 1, output[-2000:]
    verdict = next(c for c in report["classes"] if c["name"] == conformance_class)
    assert verdict["status"] == "failed"
    assert check_id in verdict["reason"], verdict["reason"]
    failed = {c["id"]: c for c in report["checks"] if c["status"] == "failed"}
    assert failed[check_id]["findings"], "a failed check names what it found"
    assert failed[check_id]["findings"][0]["message"]
