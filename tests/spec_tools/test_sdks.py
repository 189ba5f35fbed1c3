"""SDKs generated from the bundle: a Python client (openapi-python-client) that completes a scenario against
the reference server, and TypeScript types (openapi-typescript) that type-check, both without warnings.

openapi-python-client pins ``typer<0.28``, which the project's venv cannot hold, so it lives in its own venv
under the user's cache directory, created on first use and reused afterwards (``ISPYB_SDK_CACHE`` moves it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from spec_tools.paths import BUNDLE_PATH, REPO_ROOT
from tests.ports import free_port as _free_port
from tests.server.live import stop_process

OPC_VERSION = "0.29.1"
SDK_DIR = REPO_ROOT / "sdk"
BIN = Path(sys.executable).parent


def _cache_dir() -> Path:
    base = os.environ.get("ISPYB_SDK_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "ispyb-common-api"
    )
    return Path(base)


def _no_warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if "warn" in line.lower() or "⚠" in line]


@pytest.fixture(scope="module")
def opc_venv() -> Path:
    """A venv holding openapi-python-client (and its ruff post-hook), created once and then reused."""
    venv = _cache_dir() / f"openapi-python-client-{OPC_VERSION}"
    if not (venv / "bin" / "openapi-python-client").is_file():
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", f"openapi-python-client=={OPC_VERSION}"],
            check=True,
            timeout=300,
        )
    return venv


@pytest.fixture(scope="module")
def python_client(opc_venv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated package ``ispyb_client``; returns the directory to put on PYTHONPATH."""
    out = tmp_path_factory.mktemp("python-sdk")
    env = {**os.environ, "PATH": f"{opc_venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [
            str(opc_venv / "bin" / "openapi-python-client"),
            "generate",
            "--path",
            str(BUNDLE_PATH),
            "--meta",
            "none",
            "--output-path",
            str(out / "ispyb_client"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert not _no_warnings(output), output
    assert (out / "ispyb_client" / "api" / "proposals" / "list_proposals.py").is_file()
    return out


@pytest.fixture(scope="module")
def reference_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The reference server on a free port with a fresh SQLite file; yields (base URL, staff token)."""
    if not (BIN / "ispyb-server").is_file():
        pytest.fail("ispyb-server is not installed in the project's venv")
    db = f"sqlite:///{tmp_path_factory.mktemp('server') / 'ispyb.sqlite'}"
    port = _free_port()
    log = tmp_path_factory.mktemp("server-log") / "server.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [str(BIN / "ispyb-server"), "serve", "--demo", "--port", str(port), "--db", db],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "server did not start:\n" + log.read_text()
            time.sleep(0.3)
        token = (
            subprocess.run(
                [str(BIN / "ispyb-server"), "token", "create", "--db", db, "--role", "staff"],
                capture_output=True,
                text=True,
                check=True,
                timeout=60,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        yield base, token
    finally:
        stop_process(server, timeout=15)


def test_generated_python_client_completes_its_scenario(
    opc_venv: Path, python_client: Path, reference_server: tuple[str, str]
) -> None:
    base, token = reference_server
    result = subprocess.run(
        [str(opc_venv / "bin" / "python"), str(SDK_DIR / "python" / "scenario.py"), base, token],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(python_client)},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("scenario complete"), result.stdout
    assert result.stdout.count("ok: ") >= 9
    # a record carrying a vocabulary value unknown to the client parses (x-extensible-enum)
    assert "unknown proposalType and state parses" in result.stdout


@pytest.mark.skipif(
    shutil.which("node") is None or shutil.which("npm") is None,
    reason="Node/npm not installed: the TypeScript SDK check needs Node 20+ and npm",
)
def test_typescript_types_generate_without_warnings_and_type_check() -> None:
    ts = SDK_DIR / "typescript"
    installed = ts / "node_modules" / ".package-lock.json"
    if not installed.is_file() or installed.stat().st_mtime < (ts / "package-lock.json").stat().st_mtime:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ts, check=True, capture_output=True, timeout=300)
    generate = subprocess.run(
        ["npm", "run", "--silent", "generate"], cwd=ts, capture_output=True, text=True, timeout=120, check=False
    )
    output = generate.stdout + generate.stderr
    assert generate.returncode == 0, output
    assert not _no_warnings(output), output
    assert "export interface paths" in (ts / "src" / "schema.d.ts").read_text(encoding="utf-8")
    check = subprocess.run(
        ["npm", "run", "--silent", "typecheck"], cwd=ts, capture_output=True, text=True, timeout=120, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
