"""The outbox under fire (issue 17, "Must show"): writes, ``kill -9`` of the server, a consumer restarted, the
broker cut off — then the feed must equal what was committed and the consumer must have every event.

Run the full-size version by hand (the CI test runs a small one)::

    .venv/bin/python -m tests.changes.harness --db sqlite:////tmp/chg/h.sqlite --writes 10000 --kills 3 \\
        --consumer-restarts 2 --cut-seconds 30

Writers PUT new sample images and PATCH some of them (staff token) while the server is SIGKILLed ``kills``
times and restarted on the same database; ``ispyb-server publish`` drains the outbox throughout, through a TCP
proxy that is closed for ``cut-seconds`` in the middle; the consumer process is SIGKILLed and restarted
``consumer-restarts`` times. Checked at the end, through HTTP and the broker only:

* every acknowledged write (201/200) is in the feed with the ETag it answered; every write cut off by a kill is
  in the feed exactly when its record exists (committed) — so none lost, none extra;
* the consumer received an event for every change of the feed, exactly once after de-duplication on the id.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from reference_server.db.engine import make_engine
from site_kit.resources import registry
from tests.changes.broker import Consumer, TcpProxy, declare_queue, delete_queue
from tests.changes.feed import read_all
from tests.reliability.conftest import Proc, start
from tests.server.bodies import body_for
from tests.server.live import executable

WRITERS = 6
#: a loaded machine (the probe beside other work) may take minutes to migrate and start a server
START_TIMEOUT = 300.0
PATH = "/v1/sample-images"


@dataclass
class Ledger:
    """What the writers did: acknowledged writes in order, and the ones a kill left unanswered."""

    acknowledged: list[tuple[str, str, str]] = field(default_factory=list)  # (uuid, kind, etag)
    unanswered: list[tuple[str, str]] = field(default_factory=list)  # (uuid, kind)
    attempted: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def count(self) -> int:
        return len(self.acknowledged)


def _writer(base_url: str, body: dict[str, Any], ledger: Ledger, stop: threading.Event, n: int) -> None:
    mine: list[str] = []
    with httpx.Client(base_url=base_url, headers={"Authorization": "Bearer demo-staff"}, timeout=10) as http:
        i = 0
        while not stop.is_set():
            i += 1
            patch = bool(mine) and i % 4 == 0
            record = mine[-1] if patch else str(uuid.uuid4())
            kind = "UPDATED" if patch else "CREATED"
            with ledger.lock:
                ledger.attempted += 1
            try:
                if patch:
                    answer = http.patch(f"{PATH}/{record}", json={"comments": f"writer {n} patch {i}"})
                else:
                    answer = http.put(f"{PATH}/{record}", json={**body, "comments": f"writer {n} write {i}"})
            except httpx.TransportError:
                with ledger.lock:
                    ledger.unanswered.append((record, kind))
                return  # the server died under this request
            if answer.status_code in (200, 201):
                with ledger.lock:
                    ledger.acknowledged.append((record, kind, answer.headers["ETag"]))
                if not patch:
                    mine.append(record)


def _publisher(db_url: str, amqp_port: int, exchange: str, log: Path) -> subprocess.Popen[bytes]:
    url = f"amqp://guest:guest@127.0.0.1:{amqp_port}/%2F"
    with log.open("ab") as out:
        return subprocess.Popen(
            [executable(), "publish", "--db", db_url, "--amqp-url", url, "--exchange", exchange],
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def run(
    db_url: str, work: Path, *, writes: int, kills: int, consumer_restarts: int, cut_seconds: float
) -> dict[str, Any]:
    """The whole scenario; returns the measured numbers and the discrepancies found (empty lists: none)."""
    work.mkdir(parents=True, exist_ok=True)
    exchange = queue = f"chg-probe-{uuid.uuid4().hex[:10]}"
    declare_queue(queue, exchange)
    proxy = TcpProxy()
    consumer = Consumer(queue, work / "received.txt")
    consumer.start()
    ledger = Ledger()
    proc: Proc = start(db_url, work / "logs", timeout=START_TIMEOUT)
    engine = make_engine(db_url)
    body = body_for(engine, registry()["SampleImage"])
    publisher = _publisher(db_url, proxy.port, exchange, work / "publisher.log")
    started = time.monotonic()
    kill_at = [writes * (k + 1) // (kills + 1) for k in range(kills)]
    restart_at = [writes * (k + 1) // (consumer_restarts + 1) for k in range(consumer_restarts)]
    cut_at, cut_done, cut_until = writes // 2, False, 0.0
    try:
        while ledger.count < writes:
            stop = threading.Event()
            threads = [
                threading.Thread(target=_writer, args=(proc.base_url, body, ledger, stop, n)) for n in range(WRITERS)
            ]
            for thread in threads:
                thread.start()
            target = kill_at.pop(0) if kill_at else writes
            while ledger.count < target and any(t.is_alive() for t in threads):
                if restart_at and ledger.count >= restart_at[0]:
                    restart_at.pop(0)
                    consumer.restart()
                if not cut_done and ledger.count >= cut_at:
                    proxy.cut()
                    cut_done, cut_until = True, time.monotonic() + cut_seconds
                if cut_until and time.monotonic() >= cut_until:
                    proxy.restore()
                    cut_until = 0.0
                time.sleep(0.02)
            if ledger.count < writes:
                proc.process.kill()  # SIGKILL mid-stream: no shutdown, no flush
                proc.process.wait(timeout=10)
            stop.set()
            for thread in threads:
                thread.join(timeout=30)
            if ledger.count < writes:
                proc = start(db_url, work / "logs", timeout=START_TIMEOUT)
        if cut_until:
            time.sleep(max(0.0, cut_until - time.monotonic()))
            proxy.restore()
        write_seconds = time.monotonic() - started
        with proc.client("demo-staff", timeout=60) as staff:
            feed, _ = read_all(staff, None, "sample-images")
            report = _compare(staff, ledger, feed)
        expected_ids = {str(item["sequence"]) for item in feed}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not expected_ids <= {i for i, _ in consumer.received()}:
            time.sleep(0.5)
        received = consumer.received()
        ids = [i for i, _ in received]
        report.update(
            writes=ledger.count,
            attempted=ledger.attempted,
            unanswered=len(ledger.unanswered),
            serverKills=kills,
            consumerRestarts=consumer.restarts,
            brokerCutSeconds=cut_seconds,
            writeSeconds=round(write_seconds, 1),
            feedEntries=len(feed),
            eventsReceived=len(ids),
            duplicateDeliveries=len(ids) - len(set(ids)),
            eventsMissing=sorted(expected_ids - set(ids), key=int)[:20],
            eventsUnexpected=sorted(set(ids) - expected_ids, key=int)[:20],
        )
        return report
    finally:
        for p in (publisher, proc.process):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    p.kill()
        consumer.kill()
        proxy.cut()
        delete_queue(queue, exchange)
        engine.dispose()


def _compare(staff: httpx.Client, ledger: Ledger, feed: list[dict[str, Any]]) -> dict[str, Any]:
    """Acknowledged writes missing from the feed; unanswered writes whose presence disagrees with the feed."""
    listed = {(c["uuid"], c["kind"], c.get("etag")) for c in feed}
    kinds = {(c["uuid"], c["kind"]) for c in feed}
    lost = [w for w in ledger.acknowledged if w not in listed]
    known = {(u, k) for u, k, _ in ledger.acknowledged} | set(ledger.unanswered)
    extra = [c for c in feed if (c["uuid"], c["kind"]) not in known]
    disagreeing = []
    for record, kind in ledger.unanswered:
        if kind != "CREATED":
            continue
        exists = staff.get(f"{PATH}/{record}").status_code == 200
        if exists != ((record, "CREATED") in kinds):
            disagreeing.append(record)
    order = [c["sequence"] for c in feed]
    return {
        "lost": lost[:20],
        "extra": extra[:20],
        "unansweredDisagreeing": disagreeing,
        "inOrder": order == sorted(order),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="database URL (an empty database, or a new SQLite file)")
    parser.add_argument("--work", default="/tmp/chg-harness", help="logs and the consumer's file")
    parser.add_argument("--writes", type=int, default=10000)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--consumer-restarts", type=int, default=2)
    parser.add_argument("--cut-seconds", type=float, default=30.0)
    args = parser.parse_args()
    report = run(
        args.db,
        Path(args.work),
        writes=args.writes,
        kills=args.kills,
        consumer_restarts=args.consumer_restarts,
        cut_seconds=args.cut_seconds,
    )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
