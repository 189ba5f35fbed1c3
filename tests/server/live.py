"""Real ``ispyb-server`` processes for end-to-end tests: serve on a free port, mint tokens, run the CLI.

Everything goes through the installed console script of the venv running the tests (next to
``sys.executable``), so these tests see exactly what a user of the command sees.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from tests.ports import free_port

STARTUP_TIMEOUT = 30.0
CLI_TIMEOUT = 120.0


def executable() -> str:
    """The venv's ``ispyb-server`` console script."""
    path = Path(sys.executable).parent / "ispyb-server"
    if not path.exists():
        raise RuntimeError(f"{path} is missing: install the project in this venv (make install)")
    return str(path)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def run_cli(*args: str, timeout: float = CLI_TIMEOUT, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run ``ispyb-server ARGS``; unless ``check`` is false, raise with its output when it fails."""
    done = subprocess.run([executable(), *args], capture_output=True, text=True, timeout=timeout, check=False)
    if check and done.returncode != 0:
        raise AssertionError(
            f"ispyb-server {' '.join(args)} exited with {done.returncode}\n"
            f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
        )
    return done


def create_token(
    db_url: str,
    role: str,
    *,
    proposals: Sequence[str] = (),
    beamlines: Sequence[str] = (),
    token: str | None = None,
    subject: str | None = None,
) -> str:
    """``ispyb-server token create``: the token it prints on its last line of stdout."""
    args = ["token", "create", "--db", db_url, "--role", role]
    for proposal in proposals:
        args += ["--proposal", proposal]
    for beamline in beamlines:
        args += ["--beamline", beamline]
    if token is not None:
        args += ["--token", token]
    if subject is not None:
        args += ["--subject", subject]
    lines = run_cli(*args).stdout.strip().splitlines()
    if not lines:
        raise AssertionError(f"ispyb-server {' '.join(args)} printed no token")
    return lines[-1].strip()


@dataclass(frozen=True)
class LiveServer:
    """A running ``ispyb-server serve``."""

    base_url: str
    db_url: str
    log: Path

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)


def stop_process(process: subprocess.Popen[bytes], timeout: float = 10) -> None:
    """SIGTERM, and SIGKILL if it has not exited within ``timeout`` seconds (a server stuck in shutdown)."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


def wait_healthy(process: subprocess.Popen[bytes], base_url: str, timeout: float) -> bool:
    """True once /health answers 200; False if the process exits first; raises on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            if httpx.get(f"{base_url}/health", timeout=2).status_code == 200:
                return process.poll() is None  # not another process that took the port
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{base_url}/health did not answer within {timeout:.0f} s")


@contextmanager
def serve(
    db_url: str,
    log_dir: Path,
    *,
    modules: Sequence[str] | None = None,
    demo: bool = False,
    timeout: float = STARTUP_TIMEOUT,
    attempts: int = 3,
    extra: Sequence[str] = (),
) -> Iterator[LiveServer]:
    """Run ``ispyb-server serve`` on a free port until the block ends; yield it once /health answers.

    A port taken between choosing it and binding it makes the process exit: it is retried on another port.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, attempts + 1):
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        args = [executable(), "serve", "--host", "127.0.0.1", "--port", str(port), "--db", db_url]
        if modules is not None:
            args += ["--modules", ",".join(modules)]
        if demo:
            args.append("--demo")
        args += list(extra)
        log = log_dir / f"server-{port}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
        try:
            try:
                healthy = wait_healthy(process, base_url, timeout)
            except TimeoutError as exc:
                raise AssertionError(f"{exc}; the server's output:\n{log.read_text()}") from None
            if healthy:
                yield LiveServer(base_url=base_url, db_url=db_url, log=log)
                return
        finally:
            stop_process(process)
        output = log.read_text()
        if "address already in use" not in output.lower() or attempt == attempts:
            raise AssertionError(f"ispyb-server exited with {process.returncode}; its output:\n{output}")


@dataclass
class RawAnswer:
    """What a server wrote back to bytes sent as they are (no HTTP client between to refuse or fix them)."""

    status: int
    headers: dict[str, str]
    body: bytes
    closed: bool


def raw_exchange(base_url: str, request: bytes, timeout: float = 10) -> RawAnswer:
    """Send ``request`` over a new TCP connection and read the answer until the server closes (or ``timeout``).

    For requests no HTTP client would send: a malformed header, a broken request line.
    """
    url = urlsplit(base_url)
    data = b""
    closed = False
    with socket.create_connection((url.hostname, url.port), timeout=timeout) as sock:
        sock.sendall(request)
        try:
            while chunk := sock.recv(65536):
                data += chunk
            closed = True
        except TimeoutError:
            pass
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    status = int(lines[0].split(" ", 2)[1]) if lines[0].startswith("HTTP/") else 0
    return RawAnswer(status, headers, body, closed)
