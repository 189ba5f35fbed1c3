"""The outbox under kill -9, a consumer restart and the broker cut off (issue 17), small enough for CI.

``tests/changes/harness.py`` is the whole scenario; CI runs it on SQLite with 100 writes, one kill, one
consumer restart and the broker unreachable for 2 s (``ISPYB_CHANGES_PROBE_WRITES`` etc. scale it up; the
report's numbers come from ``python -m tests.changes.harness`` with 10,000 writes, 3 kills, 2 restarts, 30 s).
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.changes.harness import run

WRITES = int(os.environ.get("ISPYB_CHANGES_PROBE_WRITES", "100"))
KILLS = int(os.environ.get("ISPYB_CHANGES_PROBE_KILLS", "1"))
RESTARTS = int(os.environ.get("ISPYB_CHANGES_PROBE_RESTARTS", "1"))
CUT = float(os.environ.get("ISPYB_CHANGES_PROBE_CUT_SECONDS", "2"))


def test_the_feed_and_the_events_hold_exactly_what_was_committed(tmp_path: Path) -> None:
    report = run(
        f"sqlite:///{tmp_path / 'probe.sqlite'}",
        tmp_path,
        writes=WRITES,
        kills=KILLS,
        consumer_restarts=RESTARTS,
        cut_seconds=CUT,
    )
    print(report)
    assert report["writes"] >= WRITES
    assert report["lost"] == [] and report["extra"] == [] and report["unansweredDisagreeing"] == []
    assert report["inOrder"]
    assert report["eventsMissing"] == [] and report["eventsUnexpected"] == []
    assert report["consumerRestarts"] == RESTARTS
