"""The change feed of the reference server (issue 17): every acknowledged write is listed once, in order, with
the ETag it answered; refused writes are not; the reach of each change is the record's; tokens are bound to
their filter and die with the retention. On SQLite, PostgreSQL and MariaDB (the in-process strict server)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from site_kit.outbox import ChangeFeed
from site_kit.resources import registry
from tests.changes.feed import head, read_all
from tests.server.bodies import TOKENS, body_for
from tests.server.conftest import Server

PROTEINS = "/v1/proteins"


def _mine(items: list[dict[str, object]], uuids: set[str]) -> list[tuple[object, ...]]:
    return [(c["uuid"], c["kind"], c.get("etag")) for c in items if c["uuid"] in uuids]


def test_every_acknowledged_write_is_listed_in_order(server: Server) -> None:
    body = body_for(server.engine, registry()["Protein"])
    with server.client(TOKENS["owner"]) as owner, server.client(TOKENS["staff"]) as staff:
        start = head(staff)
        a, b = str(uuid.uuid4()), str(uuid.uuid4())
        expected = []
        created = owner.put(f"{PROTEINS}/{a}", json={**body, "acronym": "chgA"})
        assert created.status_code == 201, created.text
        expected.append((a, "CREATED", created.headers["ETag"]))
        again = owner.put(f"{PROTEINS}/{a}", json={**body, "acronym": "chgA"})  # identical: no new version
        assert again.status_code == 200 and again.headers["ETag"] == created.headers["ETag"]
        other = owner.post(PROTEINS, json={**body, "acronym": "chgB"})
        assert other.status_code == 201
        c = other.json()["uuid"]
        expected.append((c, "CREATED", other.headers["ETag"]))
        patched = owner.patch(f"{PROTEINS}/{a}", json={"acronym": "chgA2"})
        assert patched.status_code == 200
        expected.append((a, "UPDATED", patched.headers["ETag"]))
        stale = owner.patch(f"{PROTEINS}/{a}", json={"acronym": "x"}, headers={"If-Match": created.headers["ETag"]})
        assert stale.status_code == 412  # refused: never listed
        refused = owner.put(f"{PROTEINS}/{b}", json={**body, "acronym": None})
        assert refused.status_code == 422
        deleted = owner.delete(f"{PROTEINS}/{c}")
        assert deleted.status_code == 204
        expected.append((c, "DELETED", None))
        items, _ = read_all(staff, start)
        assert _mine(items, {a, b, c}) == expected
        sequences = [item["sequence"] for item in items]
        assert sequences == sorted(sequences) and len(set(sequences)) == len(sequences)
        update = next(i for i in items if i["uuid"] == a and i["kind"] == "UPDATED")
        assert update["changedFields"] == ["acronym"] and update["collection"] == "proteins"
        # the owner sees their own changes; another proposal's user sees none of them, the delete included
        assert _mine(read_all(owner, start)[0], {a, c}) == expected
        with server.client(TOKENS["other"]) as stranger:
            assert _mine(read_all(stranger, start)[0], {a, b, c}) == []


def test_status_changes_are_named(server: Server) -> None:
    body = body_for(server.engine, registry()["DataCollection"])
    with server.client(TOKENS["service"]) as service, server.client(TOKENS["other"]) as stranger:
        start = head(service, "data-collections")
        dc = str(uuid.uuid4())
        assert service.put(f"/v1/data-collections/{dc}", json={**body, "runStatus": "RUNNING"}).status_code == 201
        done = service.patch(f"/v1/data-collections/{dc}", json={"runStatus": "SUCCESSFUL"})
        assert done.status_code == 200, done.text
        items, _ = read_all(service, start, "data-collections")
        mine = [i for i in items if i["uuid"] == dc]
        assert [(i["kind"], i.get("status")) for i in mine] == [
            ("CREATED", "runStatus=RUNNING"),
            ("UPDATED", "runStatus=SUCCESSFUL"),
        ]
        assert mine[-1]["etag"] == done.headers["ETag"]
        assert [i for i in read_all(stranger, start, "data-collections")[0] if i["uuid"] == dc] == []


def test_tokens_are_bound_to_their_filter_and_checked(server: Server) -> None:
    with server.client(TOKENS["staff"]) as staff:
        token = head(staff, "proteins")
        answer = staff.get("/v1/changes", params={"pageToken": token, "collections": "samples"})
        assert answer.status_code == 400 and answer.json()["errors"][0]["pointer"] == "/query/pageToken"
        answer = staff.get("/v1/changes", params={"collections": "proteins,not-served"})
        assert answer.status_code == 422 and answer.json()["errors"][0]["pointer"] == "/query/collections"
        answer = staff.get("/v1/changes", params={"limit": 0})
        assert answer.status_code == 422
    with server.client() as anonymous:
        assert anonymous.get("/v1/changes").status_code == 401


def test_a_token_older_than_the_retention_answers_410(server: Server) -> None:
    body = body_for(server.engine, registry()["Protein"])
    with server.client(TOKENS["staff"]) as staff:
        old = head(staff)
        assert staff.post(PROTEINS, json={**body, "acronym": "chgOld"}).status_code == 201
        # what a day-8 pruning does: drop everything committed before now (retention 0, clock a second on)
        assert ChangeFeed(server.engine, timedelta(0)).prune(datetime.now(UTC) + timedelta(seconds=1)) >= 1
        gone = staff.get("/v1/changes", params={"pageToken": old})
        assert gone.status_code == 410, gone.text
        assert gone.headers["content-type"].startswith("application/problem+json")
        assert gone.json()["errors"][0]["pointer"] == "/query/pageToken"
        fresh = head(staff)
        assert staff.get("/v1/changes", params={"pageToken": fresh}).status_code == 200
