"""A run is repeatable and harmless: one seed sends the same requests, a run leaves the site fit for the next, and
a site whose authorization is broken still loses no record the suite did not create.

What is compared between two runs: every request the site received (method, path, query, body), in order, as the
site's request log saw them — the suite's own requests and schemathesis's. Values the *site* chose (UUIDs of records
created by POST, `createdAt` instants, page tokens, ETags) differ between runs by nature; a value is replaced by a
placeholder when it first appeared in an answer before any request carried it. Every value the suite introduced
itself (client UUIDs of PUT, generated bodies, fixture UUIDs from site.yaml) is compared literally, so a `uuid4()`
anywhere in the suite makes the runs differ.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

from conformance.checks.common import fixture_key
from conformance.spec import SpecIndex
from tests.conformance.conftest import request_log, run_cli, stop_site

pytestmark = pytest.mark.long

Request = tuple[str, str, list[tuple[str, str]], Any]
#: two classes with parents in other classes (crystals → proteins → proposals, data collections → sessions): what a
#: run writes and reads there shows repeatability and harmlessness as well as all seven would, in a third of the time
CLASSES = ("--class", "samples", "--class", "acquisition")


def normalized(log: list[dict[str, Any]]) -> list[Request]:
    """The requests of a log, with the values the site chose replaced by placeholders (see the module docstring)."""
    introduced: set[str] = set()
    learned: dict[str, str] = {}

    def name(value: str) -> str:
        if value in learned:
            return learned[value]
        introduced.add(value)
        return value

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return name(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    requests: list[Request] = []
    for entry in log:
        path = "/".join(name(segment) for segment in entry["path"].split("/"))
        query = [(k, name(v)) for k, v in parse_qsl(entry["query"], keep_blank_values=True)]
        try:
            body = walk(json.loads(entry["body"])) if entry["body"] else None
        except ValueError:
            body = name(entry["body"])
        requests.append((entry["method"], path, query, body))
        for value in entry["answer"]:
            if value not in introduced and value not in learned:
                learned[value] = f"<site value {len(learned)}>"
    return requests


def selected_passed(report: dict[str, Any]) -> bool:
    """Every class the run selected passed (a run of some classes is never ``certified``: that takes all)."""
    selected = [c for c in report["classes"] if c["status"] not in ("not selected", "not claimed")]
    return bool(selected) and all(c["status"] == "passed" for c in selected)


def first_difference(a: list[Request], b: list[Request]) -> str:
    for index, (left, right) in enumerate(zip(a, b, strict=False)):
        if left != right:
            return f"request {index}: {left!r:.600} != {right!r:.600}"
    return f"{len(a)} requests != {len(b)} requests"


def _entry(method: str, path: str, answer: list[str], body: str = "") -> dict[str, Any]:
    return {"method": method, "path": path, "query": "", "body": body, "answer": answer}


def test_the_comparison_ignores_what_the_site_chose_and_sees_what_the_suite_chose() -> None:
    server_a, server_b = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"
    run_a = [_entry("POST", "/v1/x", [server_a]), _entry("DELETE", f"/v1/x/{server_a}", [])]
    run_b = [_entry("POST", "/v1/x", [server_b]), _entry("DELETE", f"/v1/x/{server_b}", [])]
    assert normalized(run_a) == normalized(run_b)  # a server-chosen UUID, echoed back: the same request
    mine_a = [_entry("PUT", f"/v1/x/{server_a}", [server_a])]
    mine_b = [_entry("PUT", f"/v1/x/{server_b}", [server_b])]
    assert normalized(mine_a) != normalized(mine_b)  # a UUID the client chose: must be the same
    body_a = [_entry("GET", "/v1/x", ["t1"]), _entry("PUT", f"/v1/x/{server_a}", [], '{"a": "t1", "b": "z"}')]
    body_b = [_entry("GET", "/v1/x", ["t2"]), _entry("PUT", f"/v1/x/{server_a}", [], '{"a": "t2", "b": "y"}')]
    assert first_difference(normalized(body_a), normalized(body_b)).startswith("request 1")


def test_two_write_mode_runs_against_one_database_both_certify_and_send_the_same_requests(
    site_factory, tmp_path: Path
) -> None:
    site = site_factory(request_log=True)
    assert site.request_log is not None
    site.request_log.write_text("")  # the health polls of the start-up are no run's requests
    code, report, _, output = run_cli(site, tmp_path / "first", "--seed", "7", "--max-examples", "2", *CLASSES)
    assert code == 0 and selected_passed(report), output[-3000:]
    assert report["cleanupLeftovers"] == []
    first = request_log(site)
    site.request_log.write_text("")
    code, report, _, output = run_cli(site, tmp_path / "second", "--seed", "7", "--max-examples", "2", *CLASSES)
    assert code == 0 and selected_passed(report), output[-3000:]
    second = request_log(site)
    assert len(first) > 1000 and sum(r["method"] == "PUT" for r in first) > 100
    a, b = normalized(first), normalized(second)
    assert a == b, first_difference(a, b)


def _every_record(base_url: str, token: str, spec: SpecIndex) -> dict[str, set[str]]:
    """Every record of every collection the staff token lists (all pages)."""
    found: dict[str, set[str]] = {}
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
        for collection in spec.collections.values():
            if collection.op("list") is None:
                continue
            uuids: set[str] = set()
            params: dict[str, Any] = {"limit": 1000}
            while True:
                page = client.get(collection.path, params=params)
                assert page.status_code == 200, (collection.path, page.text[:300])
                body = page.json()
                uuids |= {item["uuid"] for item in body["items"]}
                if not body.get("nextPageToken"):
                    break
                params = {"limit": 1000, "pageToken": body["nextPageToken"]}
            found[collection.name] = uuids
    return found


def test_a_site_with_broken_isolation_loses_no_record_the_suite_did_not_create(site_factory, tmp_path: Path) -> None:
    """Every caller is served as staff (no isolation at all): the suite's refused-write probes would succeed, but
    the suite aims them only at its own records, so the site's data is intact and the next run certifies."""
    spec = SpecIndex.load()
    faulty = site_factory(fault="no-isolation", name="faulty")
    staff = faulty.config["identities"]["staff"]["token"]
    before = _every_record(faulty.base_url, staff, spec)
    code, report, _, output = run_cli(faulty, tmp_path / "faulty", "--max-examples", "1", *CLASSES)
    assert code == 1, output[-2000:]
    failed = {c["id"] for c in report["checks"] if c["status"] == "failed"}
    assert {"SAMP-ISOLATION-01", "ACQ-ISOLATION-01"} <= failed
    after = _every_record(faulty.base_url, staff, spec)
    lost = {name: sorted(uuids - after[name]) for name, uuids in before.items() if uuids - after[name]}
    assert lost == {}, f"records the suite did not create are gone: {lost}"
    keys = {fixture_key(c): c for c in spec.collections.values()}
    fixtures = {role: u for role, u in faulty.config["fixtures"].items() if role in keys}
    assert {"proposalMember", "dataCollection", "proposal"} <= set(fixtures)
    stop_site(faulty)
    healthy = site_factory(database=faulty.database, name="healthy")
    with httpx.Client(base_url=healthy.base_url, headers={"Authorization": f"Bearer {staff}"}) as client:
        for role, record in fixtures.items():
            assert client.get(keys[role].item_path.replace("{uuid}", record)).status_code == 200, role
    code, report, _, output = run_cli(healthy, tmp_path / "healthy", "--max-examples", "1")
    assert code == 0 and report["certified"], output[-3000:]
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses["CORE-CALLER-01"] == statuses["ACQ-RECORDS-01"] == "passed"
