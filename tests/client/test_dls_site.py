"""The same client against a second kind of site: the DLS adapter over Diamond's schema on MariaDB.

Runs when ``ISPYB_TEST_MARIADB_URL`` is set (skipped otherwise, like every MariaDB test). The adapter is started
through its command line (``ispyb-dls-adapter token create``, ``serve``) over the session's DLS demo database,
never imported. It declares the six backbone classes and not ``beamline-events``: the client reads every
collection it serves, refuses the others with ``UnservedClass``, and writes (put, patch, update under a
concurrent writer, delete) through processing jobs. A few seconds: the schema is the session's.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from ispyb_common_client import Client, NotFound, PreconditionFailed, UnservedClass
from ispyb_common_client.collections import SPECS

from tests.ports import free_port
from tests.server.live import wait_healthy

URL_ENV = "ISPYB_TEST_MARIADB_URL"
BIN = Path(sys.executable).parent
BACKBONE = ("core", "proposals", "samples", "shipping", "acquisition", "processing")

pytestmark = pytest.mark.mariadb


def _adapter(*args: str) -> str:
    done = subprocess.run([str(BIN / "ispyb-dls-adapter"), *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def dls_site(tmp_path_factory: pytest.TempPathFactory, dls_demo_db: str) -> Iterator[tuple[str, str]]:
    db = dls_demo_db  # the session's DLS demo database (tests/conftest.py): Diamond's schema takes ~30 s to build
    token = _adapter("token", "create", "--db", db, "--role", "staff").strip().splitlines()[-1].strip()
    port = free_port()
    log = tmp_path_factory.mktemp("dls") / "adapter.log"
    server = subprocess.Popen(
        [str(BIN / "ispyb-dls-adapter"), "serve", "--db", db, "--port", str(port)],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        assert wait_healthy(server, base_url, 60), log.read_text()
        yield base_url, token
    finally:
        server.terminate()
        server.wait(10)


def test_reads_what_the_site_serves_and_refuses_the_rest(dls_site: tuple[str, str]) -> None:
    base_url, token = dls_site
    with Client(base_url, token, page_size=5) as client:
        assert client.conformance_classes() == (*BACKBONE, "changes")  # and the change feed (issue 17)
        for spec in SPECS:
            accessor = getattr(client, spec.name)
            if spec.conformance_class not in BACKBONE:
                with pytest.raises(UnservedClass):
                    accessor.list().first()
                continue
            first = accessor.list().first()
            if first is not None:
                assert accessor.get(first.uuid) == first


def test_writes_through_the_classes_it_writes(dls_site: tuple[str, str]) -> None:
    base_url, token = dls_site
    with Client(base_url, token) as client, Client(base_url, token) as other:
        job = client.processing_jobs.list().first()
        assert job is not None
        new = uuid4()
        created = client.processing_jobs.put(new, job, create_only=True)
        assert created.uuid == new and client.processing_jobs.get(new) == created
        read = client.processing_jobs.get_versioned(new)
        patched = client.processing_jobs.patch(new, {"comments": "client"}, if_match=read.etag)
        assert patched.comments == "client"
        with pytest.raises(PreconditionFailed):
            client.processing_jobs.patch(new, {"comments": "stale"}, if_match=read.etag)

        calls: list[Any] = []

        def append(record: Any) -> dict[str, str]:
            calls.append(record.comments)
            if len(calls) == 1:
                other.processing_jobs.patch(new, {"comments": f"{record.comments}+other"})
            return {"comments": f"{record.comments}+mine"}

        assert client.processing_jobs.update(new, append).comments == "client+other+mine"
        assert calls == ["client", "client+other"]
        client.processing_jobs.delete(new, if_match=client.processing_jobs.get_versioned(new).etag)
        with pytest.raises(NotFound):
            client.processing_jobs.get(new)
