"""`ispyb-conformance sweep` certifies one site for several seeds in a row and prints the seed table.

CI sweeps two seeds besides the default one of test_certification.py (which certifies every class), over two
classes with 2 examples per generated operation: a full run costs ~100 s of a loaded machine, schemathesis two
thirds of it. The full 1-20 table over every class is for reports (`ispyb-conformance sweep --seeds 1-20`). The
runs share one database, so each also shows the previous left it fit.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.long

BIN = Path(sys.executable).parent


def test_sweep_certifies_the_reference_server_for_each_seed_and_prints_the_table(site_factory, tmp_path: Path) -> None:
    site = site_factory()
    done = subprocess.run(
        [
            str(BIN / "ispyb-conformance"),
            "sweep",
            "--config",
            str(site.config_path),
            "--seeds",
            "3,11",
            "--max-examples",
            "2",
            "--class",
            "proposals",
            "--class",
            "acquisition",
            "--report-dir",
            str(tmp_path / "sweep"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={"COLUMNS": "200", "PATH": str(BIN)},
    )
    assert done.returncode == 0, done.stdout[-4000:]
    for seed in (3, 11):
        # two classes of seven: every check of them passed, which is no certification of the site
        assert f"seed {seed}: selected classes passed (not a certification" in done.stdout
        assert (tmp_path / "sweep" / f"seed-{seed}" / "conformance-report.json").exists()
    assert "Seed sweep" in done.stdout and "NOT CERTIFIED" not in done.stdout
