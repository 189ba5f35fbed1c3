"""DELETE tells the truth (issue 11): 8 patchers and deleters on the same records; a 204 means gone.

A DELETE without If-Match that lost a race with a PATCH used to answer 204 and leave the record in place.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter

import httpx

from site_kit.resources import registry
from tests.server.bodies import TOKENS, body_for
from tests.server.conftest import Server

RECORDS = 8
WORKERS = 8


def test_a_204_always_means_the_record_is_gone(server: Server) -> None:
    resource = registry()["SampleImage"]
    base = f"/v1/{resource.collection}"
    with server.client(TOKENS["staff"]) as http:
        items = []
        for _ in range(RECORDS):
            created = http.put(f"{base}/{uuid.uuid4()}", json=body_for(server.engine, resource))
            assert created.status_code == 201, created.text
            items.append(f"{base}/{created.json()['uuid']}")
    outcomes: dict[str, Counter[int]] = {item: Counter() for item in items}
    lock = threading.Lock()

    def patcher(n: int) -> None:
        with server.client(TOKENS["staff"]) as http:
            for round_ in range(6):
                for item in items:
                    answer = http.patch(item, json={"comments": f"patcher {n} round {round_}"})
                    assert answer.status_code in (200, 404, 409), answer.text

    def deleter() -> None:
        with server.client(TOKENS["staff"]) as http:
            for item in items:
                answer = http.delete(item)
                assert answer.status_code in (204, 404, 409), answer.text
                with lock:
                    outcomes[item][answer.status_code] += 1

    threads = [threading.Thread(target=patcher, args=(n,)) for n in range(WORKERS - 2)]
    threads += [threading.Thread(target=deleter) for _ in range(2)]
    errors: list[BaseException] = []

    def guarded(target: threading.Thread) -> None:
        try:
            target.run()
        except BaseException as exc:
            errors.append(exc)

    runners = [threading.Thread(target=guarded, args=(t,)) for t in threads]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join(timeout=120)
    assert not errors, errors
    with httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {TOKENS['staff']}"}) as http:
        for item, seen in outcomes.items():
            if seen[204]:
                assert http.get(item).status_code == 404, f"{item} answered 204 to DELETE but is still there"
    assert sum(seen[204] for seen in outcomes.values()) >= 1
