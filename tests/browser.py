"""Headless Debian Chromium for the tests of pages: one command line, every host but 127.0.0.1 unresolvable.

Chromium's resolver fails every other host, so a page can only render from what the server under test serves
itself (no CDN, no font service). ``.ci/run`` installs the ``chromium`` package; without it these tests skip.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium")
requires_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run installs it)"
)


def chromium(
    profile: Path, *args: str, budget_ms: int = 15000, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a fresh ``profile`` and ``args`` (``--dump-dom URL``, ``--screenshot``…);
    ``budget_ms`` of virtual time lets the page's scripts finish. Asserts it exited 0."""
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        f"--virtual-time-budget={budget_ms}",
        # any host other than the server's fails to resolve: an external asset could not load
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"chromium exited with {done.returncode}:\n{done.stderr[-3000:]}"
    return done
