"""The federation certified by the suite over four members: two reference servers, the DLS and ESRF adapters.

One seed in CI (``tests/federation/certification.py`` runs the sweep of seeds 1–5 for reports). The federation
claims what every member serves: the six backbone classes (DLS serves no beamline events; ``changes`` and
``files`` are not federated), each passed, and certified.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.federation.certification import adapter, federation, reference, sweep
from tests.mariadb import URL_ENV, fresh_database

pytestmark = [pytest.mark.mariadb, pytest.mark.long]
CLASSES = ["core", "proposals", "samples", "shipping", "acquisition", "processing"]


@pytest.mark.timeout(900)
def test_the_suite_certifies_the_federation_over_four_members(tmp_path: Path) -> None:
    if not os.environ.get(URL_ENV):
        pytest.skip(f"{URL_ENV} is not set")
    members = [
        reference(tmp_path, "site-a"),
        reference(tmp_path, "site-b"),
        adapter("dls", "ispyb-dls-adapter", fresh_database("_fed_dls")),
        adapter("esrf", "ispyb-esrf-adapter", fresh_database("_fed_esrf")),
    ]
    with federation(tmp_path, members) as (_, suite):
        result = sweep(suite, [3], tmp_path / "report", max_examples=1, timeout=800)
    report = result.reports[3]
    assert report["claimedClasses"] == CLASSES, report.get("claimError")
    verdicts = {c["name"]: c["status"] for c in report["classes"]}
    assert all(verdicts[name] == "passed" for name in CLASSES), (verdicts, result.stdout[-3000:])
    assert report["certified"] is True and result.returncode == 0, result.stdout[-3000:]
