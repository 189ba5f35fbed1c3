"""What ``site_kit.app.create_app`` answers from a profile alone, over the example's in-memory storage.

The HTTP a site gets without writing it: classes served and read-only ones (405 with an honest ``Allow``),
``/conformance`` and the landing page from the profile, 304, 400 on an unknown query parameter, 503 when the
storage says the database is down. In-process (Starlette's TestClient), ~1 s.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient

from site_kit import spec
from site_kit.app import create_app
from site_kit.caller import Caller
from site_kit.profile import SiteProfile

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "minimal_site"


def _example(name: str) -> ModuleType:
    if str(EXAMPLE) not in sys.path:
        sys.path.insert(0, str(EXAMPLE))
    spec_ = importlib.util.spec_from_file_location(name, EXAMPLE / f"{name}.py")
    assert spec_ is not None and spec_.loader is not None
    module = importlib.util.module_from_spec(spec_)
    sys.modules.setdefault(name, module)
    spec_.loader.exec_module(module)
    return module


def _client(profile: SiteProfile, healthy: bool = True) -> tuple[TestClient, dict[str, str]]:
    storage_module = _example("storage")
    serve = _example("serve")
    storage: Any = storage_module.MemoryStorage(frozenset(profile.classes), {"t-staff": Caller("staff", "STAFF")})
    fixtures, _ = serve.load_demo(storage)
    if not healthy:
        storage.healthy = lambda: False
    client = TestClient(create_app(storage, profile), headers={"Authorization": "Bearer t-staff"})
    return client, fixtures


def test_the_class_list_is_the_specs_and_names_every_operations_class() -> None:
    classes = spec.conformance_classes()
    assert classes[0] == "core" and len(set(classes)) == len(classes)
    assert {op.conformance_class for op in spec.operations()} == set(classes)


def test_a_read_only_class_is_read_and_its_writes_answer_405_allowing_get() -> None:
    profile = SiteProfile("s", "i", classes=frozenset({"proposals"}), read_only=frozenset({"proposals"}))
    client, fixtures = _client(profile)
    assert client.get("/v1/proposals").status_code == 200
    for method, path in [("POST", "/v1/proposals"), ("PATCH", f"/v1/proposals/{fixtures['proposal']}")]:
        answer = client.request(method, path, json={})
        assert answer.status_code == 405
        assert answer.headers["allow"] == "GET"
        assert answer.headers["content-type"] == "application/problem+json"


def test_a_writable_class_allows_what_the_spec_has_on_the_path() -> None:
    client, fixtures = _client(SiteProfile("s", "i", classes=frozenset({"proposals"})))
    answer = client.delete(f"/v1/proposals/{fixtures['proposal']}")  # proposals have no DELETE in the spec
    assert answer.status_code == 405 and answer.headers["allow"] == "GET, PATCH, PUT"


def test_conformance_and_landing_page_follow_the_profile() -> None:
    client, _ = _client(SiteProfile("Example", "example 1", classes=frozenset({"proposals"})))
    declared = client.get("/conformance").json()
    assert declared["conformsTo"] == ["urn:ispyb:common-api:1:conf:core", "urn:ispyb:common-api:1:conf:proposals"]
    landing = client.get("/").json()
    assert landing["siteName"] == "Example" and landing["implementation"] == "example 1"
    data = {link["href"] for link in landing["links"] if link["rel"] == "data"}
    assert "/v1/sessions" in data and "/v1/samples" not in data
    assert client.get("/v1/samples").status_code == 404  # a class not served has no routes
    assert client.get("/openapi.json").content == spec.bundle_bytes()


def test_a_current_etag_answers_304_and_an_unknown_parameter_400() -> None:
    client, fixtures = _client(SiteProfile("s", "i", classes=frozenset({"proposals"})))
    record = client.get(f"/v1/sessions/{fixtures['session']}")
    again = client.get(f"/v1/sessions/{fixtures['session']}", headers={"If-None-Match": record.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    wrong = client.get("/v1/sessions", params={"sesionUuid": fixtures["session"]})
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["pointer"] == "/query/sesionUuid"


@pytest.mark.parametrize("healthy", [True, False])
def test_health_is_the_storages_answer(healthy: bool) -> None:
    client, _ = _client(SiteProfile("s", "i", classes=frozenset({"proposals"})), healthy=healthy)
    assert client.get("/health").status_code == (200 if healthy else 503)
