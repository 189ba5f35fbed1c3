"""Headless Debian Chromium for the tests of pages: one command line, every host but 127.0.0.1 unresolvable.

Chromium's resolver fails every other host, so a page can only render from what the server under test serves
itself (no CDN, no font service). ``.ci/run`` installs the ``chromium`` package; without it these tests skip.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import warnings
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium")
requires_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run installs it)"
)


def _command(profile: Path, budget_ms: int, args: tuple[str, ...]) -> list[str]:
    assert CHROMIUM is not None
    return [
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


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess[str] | None:
    """``command`` in a process group of its own; ``None`` when it outlived ``timeout`` (the group is killed:
    Chromium's renderer and GPU processes would otherwise hold the output pipes open)."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return None
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def chromium(
    profile: Path, *args: str, budget_ms: int = 15000, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a fresh ``profile`` and ``args`` (``--dump-dom URL``, ``--screenshot``…);
    ``budget_ms`` of virtual time lets the page's scripts finish. Asserts it exited 0.

    Headless Chromium now and then never returns from a run with a virtual time budget (the budget never
    expires, or the browser hangs after writing its output: reported against many Chromium versions; seen once
    in this project's CI, never in 40 runs in a row here, each 6-9 s). A run that outlives ``timeout`` is killed
    and run once more with a fresh profile, with a warning in the test summary; a second hang fails the test.
    """
    done = _run(_command(profile, budget_ms, args), timeout)
    if done is None:
        warnings.warn(f"headless Chromium hung for {timeout:.0f} s on {args[-1]}; killed and run again", stacklevel=2)
        done = _run(_command(profile.with_name(f"{profile.name}-again"), budget_ms, args), timeout)
    assert done is not None, f"headless Chromium hung twice for {timeout:.0f} s on {args[-1]}"
    assert done.returncode == 0, f"chromium exited with {done.returncode}:\n{done.stderr[-3000:]}"
    return done
