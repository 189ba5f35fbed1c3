"""Processes the benchmark starts: servers on loopback, their readiness, their memory, their end.

Every process is started in its own session (process group), so stopping it stops its uvicorn workers too,
and only what the harness started is ever signalled.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def venv_command(name: str) -> str:
    """A console script of the venv running the harness (``ispyb-server``, ``ispyb-conformance``)."""
    return str(Path(sys.executable).parent / name)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Started:
    """A process the harness started, and where its output goes."""

    process: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid


def start(args: Sequence[str], log: Path, env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Started:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            list(args),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, **(env or {})},
            cwd=cwd,
        )
    return Started(process, log)


def stop(started: Started, timeout: float = 15.0) -> None:
    """SIGTERM to the process group the harness created (the server and its workers), SIGKILL if it lingers."""
    if started.process.poll() is not None:
        return
    os.killpg(started.pid, signal.SIGTERM)
    try:
        started.process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(started.pid, signal.SIGKILL)
        started.process.wait(timeout)


def wait_http(url: str, started: Started, timeout: float = 60.0) -> None:
    """Until ``url`` answers (any status): uvicorn workers import the app after the port is bound."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if started.process.poll() is not None:
            raise RuntimeError(
                f"{started.log} : server exited with {started.process.returncode}\n"
                + started.log.read_text(errors="replace")[-2000:]
            )
        try:
            httpx.get(url, timeout=2.0)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} within {timeout} s")


@contextmanager
def serving(
    args: Sequence[str], url: str, log: Path, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Iterator[Started]:
    started = start(args, log, env, cwd)
    try:
        wait_http(url, started)
        yield started
    finally:
        stop(started)


# ---------------------------------------------------------------------------------------- memory


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _tree(pid: int) -> list[int]:
    tree = _children()
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(tree.get(current, ()))
    return out


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and its live descendants.

    CPU time per request barely moves when other jobs share the machine, unlike req/s: it is what the A/B
    comparisons of server changes rely on.
    """
    total = 0
    for current in _tree(pid):
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / CLOCK_TICKS


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (uvicorn's supervisor and its workers)."""
    total = 0
    for current in _tree(pid):
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE_SIZE
        except (OSError, IndexError):
            continue
    return total


@dataclass
class RssSampler:
    """Samples the RSS of a process tree in a background thread; ``peak`` is the highest sum seen.

    Also the CPU seconds the tree used between enter and exit (``cpu``).
    """

    pid: int
    interval: float = 0.1
    peak: int = 0
    cpu: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> RssSampler:
        self.peak = tree_rss(self.pid)
        self.cpu = -tree_cpu(self.pid)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, tree_rss(self.pid))

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.peak = max(self.peak, tree_rss(self.pid))
        self.cpu += tree_cpu(self.pid)
