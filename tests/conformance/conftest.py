"""Servers for the suite's self-tests: the real reference server and the faulty wrappers, over real HTTP.

The demo database is built once (with `ispyb-server site-config`, which also mints the tokens) and copied for
each server, so every test starts from the same data.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
FAULTY = Path(__file__).with_name("faulty_server.py")


@dataclass
class Site:
    """A running server and the suite configuration for it."""

    base_url: str
    config_path: Path
    config: dict
    process: subprocess.Popen[bytes]
    request_log: Path | None = None
    database: Path | None = None


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not become healthy")


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A seeded demo database and its site configuration (tokens included)."""
    if not (ROOT / "reference_server" / "cli.py").read_text().count("site-config"):
        pytest.skip("the reference server offers no site-config yet")
    directory = tmp_path_factory.mktemp("demo")
    db = directory / "demo.sqlite"
    config_path = directory / "site.yaml"
    subprocess.run(
        [
            BIN / "ispyb-server",
            "site-config",
            "--base-url",
            "http://127.0.0.1:1",
            "--db",
            f"sqlite:///{db}",
            "-o",
            config_path,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return db, yaml.safe_load(config_path.read_text())


def start_site(
    tmp_path: Path,
    demo: tuple[Path, dict],
    *,
    fault: str | None = None,
    read_only: bool = False,
    request_log: bool = False,
    database: Path | None = None,
    name: str = "site",
) -> Site:
    """Serve a copy of the demo database (or `database` itself, to run again against the data a run left):
    the real `ispyb-server serve`, or the faulty wrapper (also used to log requests)."""
    db_template, config = demo
    db = database or tmp_path / f"{name}.sqlite"
    if database is None:
        shutil.copyfile(db_template, db)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / f"{name}-requests.jsonl" if request_log else None
    if fault is None and log is None:
        command = [
            str(BIN / "ispyb-server"),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--db",
            f"sqlite:///{db}",
            "--demo",
        ]
    else:
        command = [
            sys.executable,
            str(FAULTY),
            "--fault",
            fault or "none",
            "--port",
            str(port),
            "--db",
            f"sqlite:///{db}",
        ] + (["--request-log", str(log)] if log else [])
    env = {"FAULT_STAFF_TOKEN": config["identities"]["staff"]["token"], "PATH": str(BIN), "HOME": str(tmp_path)}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _wait(url, process)
    site_config = {**config, "baseUrl": url}
    if read_only:
        site_config["writes"] = {"allowed": False}
    config_path = tmp_path / f"{name}.yaml"
    config_path.write_text(yaml.safe_dump(site_config))
    return Site(url, config_path, site_config, process, log, db)


def stop_site(site: Site) -> None:
    site.process.terminate()
    try:
        site.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        site.process.kill()


@pytest.fixture
def site_factory(tmp_path: Path, demo_database: tuple[Path, dict]) -> Iterator:
    started: list[Site] = []

    def factory(**kwargs: object) -> Site:
        site = start_site(tmp_path, demo_database, **kwargs)  # type: ignore[arg-type]
        started.append(site)
        return site

    yield factory
    for site in started:
        if site.process.poll() is None:
            stop_site(site)


def request_log(site: Site) -> list[dict]:
    """The requests the site received, in order (see faulty_server.py `--request-log`)."""
    assert site.request_log is not None
    return [json.loads(line) for line in site.request_log.read_text().splitlines()]


def run_cli(site: Site, report_dir: Path, *extra: str, timeout: float = 400) -> tuple[int, dict, float, str]:
    """Run `ispyb-conformance run` as a user would; returns exit code, JSON report, seconds, output."""
    started = time.monotonic()
    done = subprocess.run(
        [
            str(BIN / "ispyb-conformance"),
            "run",
            "--config",
            str(site.config_path),
            "--base-url",
            site.base_url,
            "--report-dir",
            str(report_dir),
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    elapsed = time.monotonic() - started
    report_file = report_dir / "conformance-report.json"
    report = json.loads(report_file.read_text()) if report_file.exists() else {}
    return done.returncode, report, elapsed, done.stdout + done.stderr
