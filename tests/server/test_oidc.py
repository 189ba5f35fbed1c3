"""OIDC mode: JWTs of an identity provider, verified against a JWKS the test serves over loopback HTTP."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient

from reference_server.app import create_app
from reference_server.db.engine import make_engine
from reference_server.demo import prepare
from reference_server.oidc import OidcConfig
from reference_server.settings import Settings

ISSUER = "https://idp.example.org/realms/ispyb"
AUDIENCE = "ispyb-common-api"


class Provider:
    """An identity provider's signing key, published as a JWKS on a loopback port."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        self.jwks = json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()
        self.fetches = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                provider.fetches += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(provider.jwks)))
                self.end_headers()
                self.wfile.write(provider.jwks)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/certs"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def token(self, key: Any = None, kid: str = "k1", **claims: Any) -> str:
        now = int(time.time())
        body = {"iss": ISSUER, "aud": AUDIENCE, "sub": "u-1", "iat": now, "exp": now + 300, **claims}
        body = {k: v for k, v in body.items() if v is not None}
        return jwt.encode(body, key or self.key, algorithm="RS256", headers={"kid": kid})


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    p = Provider()
    yield p
    p.httpd.shutdown()


@pytest.fixture(scope="module")
def client(provider: Provider, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('oidc')) / 'oidc.sqlite'}"
    engine = make_engine(url)
    prepare(engine)
    engine.dispose()
    config = OidcConfig(jwks_url=provider.url, issuer=ISSUER, audience=AUDIENCE, role_claim="realm_access.roles")
    with TestClient(create_app(Settings(db_url=url, oidc=config))) as c:
        yield c


def _proposals(client: TestClient, token: str) -> Any:
    return client.get("/v1/proposals", headers={"Authorization": f"Bearer {token}"})


def test_a_user_sees_what_their_person_is_a_member_of(client: TestClient, provider: Provider) -> None:
    response = _proposals(client, provider.token(preferred_username="pi0", realm_access={"roles": ["user"]}))
    assert response.status_code == 200, response.text
    assert [p["name"] for p in response.json()["items"]] == ["mx23694"]
    me = client.get("/v1/me", headers={"Authorization": f"Bearer {provider.token(preferred_username='pi0')}"})
    assert me.json()["role"] == "USER"


def test_a_user_without_a_person_sees_nothing(client: TestClient, provider: Provider) -> None:
    response = _proposals(client, provider.token(preferred_username="nobody-here"))
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_roles_come_from_the_configured_claim(client: TestClient, provider: Provider) -> None:
    staff = _proposals(client, provider.token(realm_access={"roles": ["offline_access", "ispyb-staff"]}))
    assert staff.status_code == 200
    assert len(staff.json()["items"]) > 1
    service = provider.token(sub="mxcube-i04", realm_access={"roles": ["service"]}, beamlines=["i04"])
    me = client.get("/v1/me", headers={"Authorization": f"Bearer {service}"}).json()
    assert (me["role"], me.get("beamlines")) == ("SERVICE", ["i04"])


@pytest.mark.parametrize(
    "change",
    [
        {"exp": int(time.time()) - 3600},
        {"aud": "another-api"},
        {"iss": "https://evil.example.org"},
        {"sub": None},
    ],
    ids=["expired", "other audience", "other issuer", "no subject"],
)
def test_tokens_the_provider_did_not_issue_for_us_are_refused(
    client: TestClient, provider: Provider, change: dict[str, Any]
) -> None:
    response = _proposals(client, provider.token(preferred_username="pi0", **change))
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_a_forged_signature_or_algorithm_is_refused(client: TestClient, provider: Provider) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert _proposals(client, provider.token(key=other, preferred_username="pi0")).status_code == 401
    assert _proposals(client, provider.token(kid="unknown", preferred_username="pi0")).status_code == 401
    unsigned = jwt.encode(
        {"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "exp": int(time.time()) + 60, "roles": ["staff"]},
        key=None,
        algorithm="none",
        headers={"kid": "k1"},
    )
    assert _proposals(client, unsigned).status_code == 401


def test_site_issued_tokens_still_work_beside_jwts(client: TestClient) -> None:
    assert _proposals(client, "demo-owner").status_code == 200
    assert _proposals(client, "not.a.jwt").status_code == 401


def test_the_keys_are_fetched_once_not_per_request(client: TestClient, provider: Provider) -> None:
    before = provider.fetches
    for n in range(5):
        _proposals(client, provider.token(preferred_username="pi0", jti=str(n)))
    assert provider.fetches - before <= 1


def test_settings_from_the_environment() -> None:
    env = {
        "ISPYB_OIDC_JWKS_URL": "http://127.0.0.1:1/certs",
        "ISPYB_OIDC_ISSUER": ISSUER,
        "ISPYB_OIDC_AUDIENCE": AUDIENCE,
        "ISPYB_OIDC_ROLE_VALUES": "STAFF=admins|beamline-scientists,SERVICE=robots",
    }
    config = OidcConfig.from_env(env)
    assert config is not None
    assert config.role_values == {"STAFF": ("admins", "beamline-scientists"), "SERVICE": ("robots",)}
    assert OidcConfig.from_env(config.to_env()) == config
    assert OidcConfig.from_env({}) is None
    with pytest.raises(ValueError):
        OidcConfig.from_env({"ISPYB_OIDC_JWKS_URL": "http://127.0.0.1:1/certs"})
