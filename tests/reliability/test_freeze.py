"""The freeze of issue 11: 64 connections on a list, every 10th request with an unknown token (a cache miss).

Before the fix the caller lookup checked a connection out of the pool on the event loop: 107 requests in 40 s,
30 s latencies, /health unanswered, SIGTERM ignored. Now nothing blocks the loop: no 5xx, /health answers all
along, SIGTERM ends the server within 5 s.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path

import httpx

from tests.reliability.conftest import LOAD_SECONDS, start

CONNECTIONS = 64
PATH = "/v1/data-collections?limit=50"


async def _load(base_url: str, seconds: float) -> tuple[Counter[int], float, list[tuple[int, float]]]:
    statuses: Counter[int] = Counter()
    worst = 0.0
    health: list[tuple[int, float]] = []
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=CONNECTIONS + 1, max_keepalive_connections=CONNECTIONS + 1)
    async with httpx.AsyncClient(base_url=base_url, timeout=40, limits=limits) as http:
        sent = 0

        async def connection(n: int) -> None:
            nonlocal worst, sent
            while time.monotonic() < deadline:
                sent += 1
                token = f"unknown-{n}-{sent}" if sent % 10 == 0 else "demo-owner"
                start = time.monotonic()
                try:
                    answer = await http.get(PATH, headers={"Authorization": f"Bearer {token}"})
                except httpx.TransportError as exc:  # counted as a failure (status 0), the load goes on
                    statuses[0] += 1
                    print(f"transport error after {time.monotonic() - start:.2f} s: {exc!r}")
                    continue
                worst = max(worst, time.monotonic() - start)
                statuses[answer.status_code] += 1

        async def probe() -> None:
            async with httpx.AsyncClient(base_url=base_url, timeout=40) as own:
                while time.monotonic() < deadline:
                    start = time.monotonic()
                    answer = await own.get("/health")
                    health.append((answer.status_code, time.monotonic() - start))
                    await asyncio.sleep(0.25)

        await asyncio.gather(probe(), *(connection(n) for n in range(CONNECTIONS)))
    return statuses, worst, health


def test_unknown_tokens_under_load_freeze_nothing(backend_db: str, tmp_path: Path) -> None:
    live = start(backend_db, tmp_path / "logs")
    statuses, worst, health = asyncio.run(_load(live.base_url, LOAD_SECONDS))
    served = sum(statuses.values())
    assert sum(n for status, n in statuses.items() if status >= 500) == 0, statuses
    assert set(statuses) <= {200, 401}, statuses
    assert statuses[401] >= served // 12, statuses  # the unknown tokens were refused, not dropped
    assert served > 20 * LOAD_SECONDS, f"only {served} answers in {LOAD_SECONDS} s"
    # the client shares 2 busy cores with the server (and CI): bounds with a margin, far below the 30 s freeze
    assert worst < 10, f"slowest answer {worst:.2f} s"
    assert health and all(status == 200 for status, _ in health), health
    assert max(t for _, t in health) < 5, health
    assert live.terminate() < 5
