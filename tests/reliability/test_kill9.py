"""kill -9 during writes (issue 11): every acknowledged write is present and intact after a restart.

Writers PUT new records under client UUIDs; the server is killed with SIGKILL mid-stream, restarted on the same
database, and every record whose 201 reached a client must read back exactly as acknowledged.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from reference_server.db.engine import make_engine
from site_kit.resources import registry
from tests.reliability.conftest import start
from tests.server.bodies import body_for

WRITERS = 6
#: kill -9 rounds (``ISPYB_RELIABILITY_KILLS``; CI: 1, the report: more)
ROUNDS = int(os.environ.get("ISPYB_RELIABILITY_KILLS", "1"))


def test_acknowledged_writes_survive_kill_9(backend_db: str, tmp_path: Path) -> None:
    engine = make_engine(backend_db)
    resource = registry()["SampleImage"]
    acknowledged: dict[str, dict[str, Any]] = {}
    attempted = 0
    lock = threading.Lock()
    for round_ in range(ROUNDS):
        proc = start(backend_db, tmp_path / "logs")
        body = body_for(engine, resource)
        stop = threading.Event()

        def writer(
            n: int,
            base_url: str = proc.base_url,
            body: dict[str, Any] = body,
            stop: threading.Event = stop,
            round_: int = round_,
        ) -> None:
            nonlocal attempted
            with httpx.Client(base_url=base_url, headers={"Authorization": "Bearer demo-staff"}, timeout=10) as http:
                i = 0
                while not stop.is_set():
                    i += 1
                    doc = {**body, "comments": f"round {round_} writer {n} write {i} \x00\\ 😀"}
                    with lock:
                        attempted += 1
                    try:
                        answer = http.put(f"/v1/sample-images/{uuid.uuid4()}", json=doc)
                    except httpx.TransportError:
                        return  # the server died under this request: not acknowledged
                    if answer.status_code == 201:
                        with lock:
                            acknowledged[answer.json()["uuid"]] = answer.json()

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        proc.process.kill()  # SIGKILL: no shutdown, no flush
        proc.process.wait(timeout=10)
        stop.set()
        for thread in threads:
            thread.join(timeout=20)
    engine.dispose()
    proc = start(backend_db, tmp_path / "logs")
    try:
        with proc.client("demo-staff") as http:
            missing = [u for u in acknowledged if http.get(f"/v1/sample-images/{u}").status_code != 200]
            changed = [
                u
                for u, doc in acknowledged.items()
                if u not in missing and http.get(f"/v1/sample-images/{u}").json() != doc
            ]
    finally:
        proc.terminate()
    print(f"kill -9 x{ROUNDS}: {len(acknowledged)} acknowledged of {attempted} attempted, {len(missing)} missing")
    assert len(acknowledged) > 20
    assert missing == [] and changed == []
