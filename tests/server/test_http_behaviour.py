"""HTTP behaviour a client, a browser or a cache relies on, over real HTTP on every backend (``--strict``).

* page tokens are authenticated and bound to their listing: forged, altered or cross-filter tokens → 400;
* a query parameter the operation does not declare → 400 naming it (every list operation, and others);
* conditional GET (``If-None-Match`` → 304), gzip with a weak ETag, CORS off by default and on when configured;
* a DELETE refused because other records refer to the record names those collections (within reach only);
* a date-time whose ``+`` arrived as a space says to URL-encode it.
"""

from __future__ import annotations

import gzip
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from reference_server.app import create_app
from reference_server.db import models as m
from reference_server.settings import Settings
from site_kit import spec
from site_kit.resources import registry
from tests.server.bodies import OTHER_PROPOSAL, TOKENS, body_for
from tests.server.conftest import Server

LISTS = sorted(
    op.path for op in spec.operations() if op.method == "get" and op.path.startswith("/v1/") and "{" not in op.path
)
LISTS = [path for path in LISTS if path != "/v1/me"]


def _problem(response: httpx.Response, status: int, pointer: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    doc: dict[str, Any] = response.json()
    assert pointer in [e["pointer"] for e in doc.get("errors", [])], doc
    return doc


def _first_page(http: httpx.Client, params: dict[str, Any]) -> dict[str, Any]:
    page = http.get("/v1/data-collections", params=params)
    assert page.status_code == 200, page.text
    doc: dict[str, Any] = page.json()
    assert "nextPageToken" in doc, "the demo data should give more than one page"
    return doc


# --------------------------------------------------------------------------- page tokens


@pytest.mark.parametrize("token", ["AAAAAAAAAAA", "A", "WhfA3l7tsKc", "x" * 1024])
def test_a_token_the_server_did_not_issue_is_refused(server: Server, token: str) -> None:
    with server.client(TOKENS["staff"]) as http:
        _problem(http.get("/v1/data-collections", params={"pageToken": token}), 400, "/query/pageToken")


def test_an_altered_token_is_refused(server: Server) -> None:
    with server.client(TOKENS["staff"]) as http:
        token = _first_page(http, {"limit": 2})["nextPageToken"]
        for i in range(len(token)):
            flipped = token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]
            response = http.get("/v1/data-collections", params={"limit": 2, "pageToken": flipped})
            _problem(response, 400, "/query/pageToken")


def test_a_token_is_bound_to_its_filters_and_order_but_not_its_limit(server: Server) -> None:
    with server.client(TOKENS["staff"]) as http:
        listing = {"limit": 2, "beamlineName": "i03", "orderBy": "startTime desc"}
        token = _first_page(http, listing)["nextPageToken"]
        for changed in (
            {"beamlineName": "i04"},
            {"orderBy": "startTime"},
            {"orderBy": None},
            {"beamlineName": None},
            {"runStatus": "SUCCESSFUL"},
        ):
            params = {k: v for k, v in {**listing, **changed, "pageToken": token}.items() if v is not None}
            doc = _problem(http.get("/v1/data-collections", params=params), 400, "/query/pageToken")
            assert "other filters" in doc["detail"]
        again = http.get("/v1/data-collections", params={**listing, "limit": 7, "pageToken": token})
        assert again.status_code == 200, again.text


def test_equivalent_instants_name_the_same_listing(server: Server) -> None:
    """``startedAfter`` in another time zone is the same filter: its token stays valid."""
    with server.client(TOKENS["staff"]) as http:
        token = _first_page(http, {"limit": 1, "startedAfter": "2026-03-01T00:00:00Z"})["nextPageToken"]
        same = {"limit": 1, "startedAfter": "2026-03-01T01:00:00+01:00", "pageToken": token}
        assert http.get("/v1/data-collections", params=same).status_code == 200


def test_next_links_carry_the_listing_and_a_new_token(server: Server) -> None:
    with server.client(TOKENS["staff"]) as http:
        doc = _first_page(http, {"limit": 2, "orderBy": "startTime desc", "beamlineName": "i03"})
        query = httpx.URL(doc["next"]).params
        assert query["orderBy"] == "startTime desc" and query["beamlineName"] == "i03"
        assert query["pageToken"] == doc["nextPageToken"] and query["limit"] == "2"


# --------------------------------------------------------------------------- strict query parameters


@pytest.mark.parametrize("path", LISTS)
def test_an_unknown_query_parameter_is_refused_on_every_list(server: Server, path: str) -> None:
    with server.client(TOKENS["staff"]) as http:
        doc = _problem(http.get(path, params={"sesionUuid": "x"}), 400, "/query/sesionUuid")
        assert "sesionUuid" in doc["detail"]
        assert "next" not in doc


def test_an_unknown_query_parameter_is_refused_on_other_operations(server: Server) -> None:
    resource = registry()["Protein"]
    with server.client(TOKENS["owner"]) as http:
        item = http.get(f"/v1/{resource.collection}", params={"limit": 1}).json()["items"][0]
        url = f"/v1/{resource.collection}/{item['uuid']}"
        _problem(http.get(url, params={"fields": "name"}), 400, "/query/fields")
        _problem(http.patch(url, params={"force": "1"}, json={"acronym": "X"}), 400, "/query/force")
        _problem(http.get("/v1/me", params={"verbose": ""}), 400, "/query/verbose")
        _problem(http.get("/health", params={"deep": "1"}), 400, "/query/deep")
        two = http.get(f"/v1/{resource.collection}", params={"a": "1", "b": "2", "limit": "1"})
        doc = _problem(two, 400, "/query/a")
        assert [e["pointer"] for e in doc["errors"]] == ["/query/a", "/query/b"]


def test_a_limit_above_the_maximum_is_422_everywhere(server: Server) -> None:
    maximum = spec.deref(spec.bundle()["components"]["parameters"]["Limit"])["schema"]["maximum"]
    with server.client(TOKENS["staff"]) as http:
        for path in LISTS:
            _problem(http.get(path, params={"limit": maximum + 1}), 422, "/query/limit")


def test_an_order_outside_the_enum_is_422(server: Server) -> None:
    with server.client(TOKENS["staff"]) as http:
        _problem(http.get("/v1/data-collections", params={"orderBy": "wavelength"}), 422, "/query/orderBy")


# --------------------------------------------------------------------------- date-times in queries


def test_a_plus_sent_unencoded_gets_a_message_about_percent_encoding(server: Server) -> None:
    with server.client(TOKENS["staff"]) as http:
        raw = http.get("/v1/data-collections?startedAfter=2026-03-14T09:26:53+01:00")
        doc = _problem(raw, 422, "/query/startedAfter")
        assert "%2B" in doc["errors"][0]["detail"]
        encoded = http.get("/v1/data-collections?startedAfter=2026-03-14T09:26:53%2B01:00")
        assert encoded.status_code == 200, encoded.text
        other = _problem(http.get("/v1/data-collections?startedAfter=yesterday"), 422, "/query/startedAfter")
        assert "%2B" not in other["errors"][0]["detail"]


# --------------------------------------------------------------------------- conditional GET and gzip


def _a_data_collection(http: httpx.Client) -> str:
    return str(http.get("/v1/data-collections", params={"limit": 1}).json()["items"][0]["uuid"])


def test_if_none_match_answers_304_without_a_body(server: Server) -> None:
    with server.client(TOKENS["owner"]) as http:
        url = f"/v1/data-collections/{_a_data_collection(http)}"
        first = http.get(url)
        tag = first.headers["ETag"]
        for header in (tag, f"W/{tag}", f'"nope", {tag}', "*"):
            cached = http.get(url, headers={"If-None-Match": header})
            assert cached.status_code == 304, (header, cached.text)
            assert cached.content == b"" and cached.headers["ETag"] == tag
        stale = http.get(url, headers={"If-None-Match": '"0"'})
        assert stale.status_code == 200 and stale.json() == first.json()


def test_a_304_never_reveals_a_record_out_of_reach(server: Server) -> None:
    with server.client(TOKENS["owner"]) as http:
        url = f"/v1/data-collections/{_a_data_collection(http)}"
    with server.client(TOKENS["other"]) as http:
        assert http.get(url, headers={"If-None-Match": "*"}).status_code == 404


def test_an_etag_changes_after_a_write_so_the_cache_refetches(server: Server) -> None:
    with server.client(TOKENS["owner"]) as http:
        created = http.post("/v1/proteins", json=body_for(server.engine, registry()["Protein"]))
        url = created.headers["Location"]
        tag = created.headers["ETag"]
        assert http.get(url, headers={"If-None-Match": tag}).status_code == 304
        patched = http.patch(url, json={"acronym": "CHANGED"}, headers={"If-Match": tag})
        assert patched.status_code == 200, patched.text
        fresh = http.get(url, headers={"If-None-Match": tag})
        assert fresh.status_code == 200 and fresh.headers["ETag"] == patched.headers["ETag"]


def test_large_responses_are_gzipped_small_ones_are_not(server: Server) -> None:
    with server.client(TOKENS["staff"]) as http:
        big = http.get("/v1/data-collections", params={"limit": 50}, headers={"Accept-Encoding": "gzip"})
        assert big.status_code == 200
        assert big.headers["content-encoding"] == "gzip" and "Accept-Encoding" in big.headers["vary"]
        assert len(big.json()["items"]) > 1  # httpx decompressed it
        plain = http.get("/v1/data-collections", params={"limit": 50}, headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in plain.headers and plain.json() == big.json()
        small = http.get("/health", headers={"Accept-Encoding": "gzip"})
        assert "content-encoding" not in small.headers


def test_a_record_with_an_etag_is_never_compressed_so_if_match_keeps_working(server: Server) -> None:
    """A strong ETag names exact bytes; a gzip body would need a weak tag, which If-Match (strong comparison)
    refuses. So a large record goes uncompressed, and GET → PATCH works for a client that accepts gzip."""
    with server.client(TOKENS["owner"]) as http:
        body = {**body_for(server.engine, registry()["Protein"]), "sequence": "MKTAYIAKQRQISFVKSHFSRQ" * 100}
        created = http.post("/v1/proteins", json=body, headers={"Accept-Encoding": "gzip"})
        assert created.status_code == 201, created.text
        read = http.get(created.headers["Location"], headers={"Accept-Encoding": "gzip"})
        assert len(read.content) >= server.app.state.settings.gzip_minimum_size
        assert "content-encoding" not in read.headers and "content-encoding" not in created.headers
        assert read.headers["ETag"] == created.headers["ETag"] and not read.headers["ETag"].startswith("W/")
        cached = http.get(created.headers["Location"], headers={"If-None-Match": f"W/{read.headers['ETag']}"})
        assert cached.status_code == 304
        patched = http.patch(
            created.headers["Location"], json={"acronym": "GZ2"}, headers={"If-Match": read.headers["ETag"]}
        )
        assert patched.status_code == 200, patched.text


def test_gzip_bodies_are_real_gzip(server: Server) -> None:
    with httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {TOKENS['staff']}"}) as http:
        with http.stream("GET", "/v1/data-collections?limit=50", headers={"Accept-Encoding": "gzip"}) as response:
            raw = b"".join(response.iter_raw())
        assert gzip.decompress(raw).startswith(b'{"items":')


# --------------------------------------------------------------------------- CORS


def test_cors_is_off_by_default(server: Server) -> None:
    with server.client() as http:
        preflight = http.options(
            "/v1/data-collections",
            headers={"Origin": "https://ui.example.org", "Access-Control-Request-Method": "GET"},
        )
        assert preflight.status_code == 405
        assert "access-control-allow-origin" not in preflight.headers
        plain = http.get("/health", headers={"Origin": "https://ui.example.org"})
        assert "access-control-allow-origin" not in plain.headers


def test_cors_when_configured(server: Server) -> None:
    settings = Settings(db_url=server.app.state.settings.db_url, strict=True, cors_origins=("https://ui.example.org",))
    with TestClient(create_app(settings), base_url="http://testserver") as http:
        preflight = http.options(
            "/v1/data-collections",
            headers={
                "Origin": "https://ui.example.org",
                "Access-Control-Request-Method": "PATCH",
                "Access-Control-Request-Headers": "authorization, if-match, content-type",
            },
        )
        assert preflight.status_code == 200, preflight.text
        assert preflight.headers["access-control-allow-origin"] == "https://ui.example.org"
        assert "PATCH" in preflight.headers["access-control-allow-methods"]
        assert "if-match" in preflight.headers["access-control-allow-headers"].lower()
        read = http.get(
            "/v1/data-collections",
            params={"limit": 1},
            headers={"Origin": "https://ui.example.org", "Authorization": f"Bearer {TOKENS['owner']}"},
        )
        assert read.status_code == 200
        assert read.headers["access-control-allow-origin"] == "https://ui.example.org"
        assert "ETag" in read.headers["access-control-expose-headers"]
        stranger = http.options(
            "/v1/data-collections",
            headers={"Origin": "https://evil.example.com", "Access-Control-Request-Method": "GET"},
        )
        assert stranger.status_code == 400 and "access-control-allow-origin" not in stranger.headers


# --------------------------------------------------------------------------- DELETE refused: referencedBy


def test_a_refused_delete_names_the_referring_collections(server: Server) -> None:
    with server.client(TOKENS["owner"]) as http:
        protein = http.post("/v1/proteins", json=body_for(server.engine, registry()["Protein"]))
        assert protein.status_code == 201, protein.text
        crystal_body = body_for(server.engine, registry()["Crystal"])
        crystal_body["proteinUuid"] = protein.json()["uuid"]
        crystal = http.post("/v1/crystals", json=crystal_body)
        assert crystal.status_code == 201, crystal.text
        refused = http.delete(protein.headers["Location"])
        assert refused.status_code == 409, refused.text
        assert refused.json()["referencedBy"] == ["crystals"]
        assert http.delete(crystal.headers["Location"]).status_code == 204
        assert http.delete(protein.headers["Location"]).status_code == 204


def test_a_refused_delete_names_no_collection_out_of_reach(server: Server) -> None:
    """A crystal of another proposal refers to the owner's protein (only possible by a site's own means, in the
    database): the owner's DELETE is refused, but the other proposal's collection is not named."""
    with server.client(TOKENS["owner"]) as http:
        protein = http.post("/v1/proteins", json=body_for(server.engine, registry()["Protein"]))
        assert protein.status_code == 201, protein.text
        now = datetime.now(UTC)
        with Session(server.engine) as db:
            db.add(
                m.Crystal(
                    uuid=uuid.uuid4(),
                    version=1,
                    created_at=now,
                    updated_at=now,
                    protein_uuid=uuid.UUID(protein.json()["uuid"]),
                    proposal_uuid=OTHER_PROPOSAL,
                )
            )
            db.commit()
        refused = http.delete(protein.headers["Location"])
        assert refused.status_code == 409, refused.text
        assert "referencedBy" not in refused.json()
        assert "crystals" not in refused.json()["detail"]
    with server.client(TOKENS["staff"]) as http:
        assert http.delete(protein.headers["Location"]).json()["referencedBy"] == ["crystals"]
