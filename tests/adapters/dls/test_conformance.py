"""The DLS adapter certified by the conformance suite, on MariaDB, over HTTP, as a site would run it.

A fresh database ``<db>_dls`` (on the server of ``ISPYB_TEST_MARIADB_URL``) gets Diamond's schema from
``ispyb.sqlalchemy`` and the demo rows; the adapter runs under uvicorn in a subprocess with response validation on;
``site-config`` mints the tokens and the fixture manifest; ``ispyb-conformance run`` certifies it.

What the DLS schema can and cannot hold decides the verdict. Every check passes except ``*-ROUNDTRIP-01`` of the
two classes the adapter writes, and only because of what DLS columns hold: ``DATETIME`` columns keep whole seconds,
many quantities are single-precision ``FLOAT`` columns and ``AutoProcProgramAttachment.importanceRank`` is a
signed TINYINT (≤ 127; the spec allows 1000, so the adapter answers 422), while the suite's generated bodies carry
microseconds, 15-digit numbers, ranks up to 1000 and years outside 1970–2037 (``TIMESTAMP``). The test pins
exactly that, so any other failure (or a fix of the precision question in the spec and the suite, see
docs/site-mapping.md) shows up here.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import httpx
import pytest
import yaml
from sqlalchemy.engine import make_url

BIN = Path(sys.executable).parent
URL_ENV = "ISPYB_TEST_MARIADB_URL"
READ_ONLY_CLASSES = ("core", "proposals", "samples", "shipping")
WRITTEN_CLASSES = ("acquisition", "processing")

pytestmark = pytest.mark.mariadb


def _fresh_database() -> str:
    import pymysql

    url = make_url(os.environ[URL_ENV])
    name = f"{url.database or 'ispyb'}_dls"
    conn = pymysql.connect(
        host=url.host or "127.0.0.1", port=url.port or 3306, user=url.username or "root", password=url.password or ""
    )
    try:
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
            cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    finally:
        conn.close()
    return url.set(drivername="mysql+pymysql", database=name).render_as_string(hide_password=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _storage_limit(finding: dict) -> bool:
    """A round-trip finding that only reflects what the DLS column holds: whole seconds, float32, a TINYINT rank."""
    message = finding["message"]
    if "ProcessingAttachmentInput answered 422" in message:
        body = ((finding.get("exchange") or {}).get("request") or {}).get("body") or {}
        return body.get("importanceRank", 0) > 127  # AutoProcProgramAttachment.importanceRank is a signed TINYINT
    if "ProcessingMessageInput answered 422" in message:
        body = ((finding.get("exchange") or {}).get("request") or {}).get("body") or {}
        year = int(str(body.get("recordedAt", "2000"))[:4])
        return not 1970 <= year <= 2037  # AutoProcProgramMessage.recordTimeStamp is a TIMESTAMP
    found = re.search(r"was written as (.+) but reads (.+)$", message)
    if not found:
        return False
    sent, read = (v.strip("'") for v in found.groups())
    try:
        a, b = float(sent), float(read)
        return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)
    except ValueError:
        pass
    try:
        t1 = datetime.fromisoformat(sent.replace("Z", "+00:00"))
        t2 = datetime.fromisoformat(read.replace("Z", "+00:00"))
        return abs((t1 - t2).total_seconds()) < 1
    except ValueError:
        return "strategies" in message  # nested float32 values inside the screening strategies


@pytest.mark.timeout(420)
def test_the_suite_certifies_what_the_dls_schema_can_hold(tmp_path: Path) -> None:
    if not os.environ.get(URL_ENV):
        pytest.skip(f"{URL_ENV} is not set")
    db_url = _fresh_database()
    from ispyb_dls_adapter import site_config
    from ispyb_dls_adapter.db import make_engine
    from ispyb_dls_adapter.demo import load

    engine = make_engine(db_url)
    load(engine)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    config = site_config.build(engine, base, "diamond.ac.uk")
    engine.dispose()
    site = tmp_path / "site.yaml"
    site.write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "ISPYB_DLS_DB_URL": db_url, "ISPYB_DLS_STRICT": "1"}
    server = subprocess.Popen(
        [
            str(BIN / "python"),
            "-m",
            "uvicorn",
            "--factory",
            "ispyb_dls_adapter.app:app_from_env",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "server.log").open("w"),
    )
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        started = time.monotonic()
        run = subprocess.run(
            [str(BIN / "ispyb-conformance"), "run", "-c", str(site), "--report-dir", str(tmp_path / "report")],
            capture_output=True,
            text=True,
            timeout=400,
        )
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    report = json.loads((tmp_path / "report" / "conformance-report.json").read_text())
    verdicts = {c["name"]: c["status"] for c in report["classes"]}
    assert report["claimedClasses"] == [*READ_ONLY_CLASSES, *WRITTEN_CLASSES], report["claimError"]
    for name in READ_ONLY_CLASSES:
        assert verdicts[name] == "passed", (name, run.stdout[-3000:])
    failed = [c for c in report["checks"] if c["status"] == "failed"]
    assert {c["id"] for c in failed} <= {"ACQ-ROUNDTRIP-01", "PROC-ROUNDTRIP-01"}, run.stdout[-3000:]
    for check in failed:
        for finding in check["findings"]:
            assert _storage_limit(finding), finding["message"]
    passed = {c["id"] for c in report["checks"] if c["status"] == "passed"}
    for prefix in ("ACQ", "PROC"):
        assert {
            f"{prefix}-LIFECYCLE-01",
            f"{prefix}-IDEMPOTENT-01",
            f"{prefix}-ETAG-01",
            f"{prefix}-ROLES-01",
        } <= passed
    assert run.returncode == (0 if not failed else 1)
    assert elapsed < 240
