"""The server serves the contract, and its code cannot drift from it."""

from __future__ import annotations

import json
from typing import Any

from fastapi.openapi.utils import get_openapi
from fastapi.testclient import TestClient

from reference_server.app import create_app
from reference_server.settings import Settings
from site_kit import spec
from spec_tools.bundle import bundle
from spec_tools.paths import SPEC_ROOT

METHODS = ("get", "put", "post", "patch", "delete")


def _app(tmp_path: Any) -> Any:
    return create_app(Settings(db_url=f"sqlite:///{tmp_path / 'x.sqlite'}"))


def test_openapi_json_is_the_bundled_source_spec(tmp_path: Any) -> None:
    served = TestClient(_app(tmp_path)).get("/openapi.json")
    assert served.status_code == 200
    assert served.json() == bundle(SPEC_ROOT)
    assert served.content == spec.bundle_bytes()


def _operations(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(path, m): op for path, item in doc["paths"].items() for m, op in item.items() if m in METHODS}


def _params(doc: dict[str, Any], op: dict[str, Any]) -> set[tuple[str, str, bool]]:
    out = set()
    for param in op.get("parameters", []):
        while "$ref" in param:
            param = doc["components"]["parameters"][param["$ref"].rsplit("/", 1)[1]]
        if param["in"] == "header" and param["name"].lower() == "authorization":
            continue
        out.add((param["name"], param["in"], bool(param.get("required"))))
    return out


def _body_schemas(op: dict[str, Any]) -> dict[str, str]:
    content = (op.get("requestBody") or {}).get("content", {})
    return {media: body["schema"]["$ref"].rsplit("/", 1)[1] for media, body in content.items()}


def test_code_first_schema_matches_the_spec(tmp_path: Any) -> None:
    """FastAPI's own view of the routes (never published) has exactly the spec's operations and inputs."""
    app = _app(tmp_path)
    code_first = json.loads(json.dumps(get_openapi(title="x", version="x", routes=app.routes)))
    source = spec.bundle()
    ours, theirs = _operations(source), _operations(code_first)
    assert set(theirs) == set(ours)
    for key, op in ours.items():
        route = theirs[key]
        assert route["operationId"] == op["operationId"], key
        assert _params(code_first, route) == _params(source, op), key
        assert _body_schemas(route) == _body_schemas(op), key
        assert bool(route.get("security")) == bool(op["security"]), key


def test_every_operation_of_the_spec_is_routed(tmp_path: Any) -> None:
    client = TestClient(_app(tmp_path))
    for path, method in _operations(spec.bundle()):
        answer = client.request(method.upper(), path.replace("{uuid}", "00000000-0000-4000-8000-000000000000"))
        assert answer.status_code != 405, (method, path)
        assert answer.status_code < 500, (method, path, answer.text)
