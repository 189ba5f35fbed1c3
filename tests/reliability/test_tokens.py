"""Tokens expire and are revoked (issue 11); answers carry the security headers; If-Match is strong."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from reference_server import auth
from reference_server.db.engine import make_engine
from site_kit.problems import ProblemError
from tests.server.bodies import TOKENS
from tests.server.conftest import Server
from tests.server.live import run_cli, sqlite_url


def _issue(server: Server, **kwargs: object) -> str:
    with Session(server.engine) as db:
        token = auth.issue(db, role="STAFF", subject="reliability", **kwargs)  # type: ignore[arg-type]
        db.commit()
    return token


def test_an_expired_token_is_refused_even_from_the_cache(server: Server) -> None:
    token = _issue(server, expires_at=datetime.now(UTC) + timedelta(seconds=1.5))
    with server.client(token) as http:
        assert http.get("/v1/me").status_code == 200  # now cached (for less than the token has left)
        time.sleep(2)
        refused = http.get("/v1/me")
    assert refused.status_code == 401
    assert "expired" in refused.json()["detail"]
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused_at_once_by_the_revoking_process(server: Server) -> None:
    token = _issue(server)
    with server.client(token) as http:
        assert http.get("/v1/me").status_code == 200
        with Session(server.engine) as db:
            revoked = auth.revoke(db, token=token)
            db.commit()
        server.app.state.callers.forget(revoked[0])
        assert http.get("/v1/me").status_code == 401


def test_a_revoked_token_is_refused_elsewhere_within_the_cache_bound(server: Server) -> None:
    token = _issue(server)
    cache = server.app.state.callers
    with server.client(token) as http:
        assert http.get("/v1/me").status_code == 200
        with Session(server.engine) as db:
            auth.revoke(db, subject="reliability")
            db.commit()
        deadline = time.monotonic() + cache.ttl + 2
        while http.get("/v1/me").status_code == 200:
            assert time.monotonic() < deadline, "a revoked token outlived the caller cache"
            time.sleep(0.5)


def test_security_headers(server: Server) -> None:
    with server.client(TOKENS["owner"]) as http:
        answer = http.get("/v1/proposals")
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Cache-Control"] == "no-store"
    with server.client() as http:
        docs = http.get("/docs")
        policy = docs.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self' 'sha256-" in policy
        assert http.get("/health").headers["X-Content-Type-Options"] == "nosniff"


def test_a_weak_etag_never_matches_if_match(server: Server) -> None:
    with server.client(TOKENS["staff"]) as http:
        item = "/v1/proposals/" + http.get("/v1/proposals", params={"limit": 1}).json()["items"][0]["uuid"]
        tag = http.get(item).headers["ETag"]
        weak = http.patch(item, json={"title": "weak"}, headers={"If-Match": f"W/{tag}"})
        assert weak.status_code == 412
        assert http.patch(item, json={"title": "strong"}, headers={"If-Match": tag}).status_code == 200


def test_the_cli_mints_expiring_tokens_and_revokes_them(tmp_path: Path) -> None:
    db = sqlite_url(tmp_path / "cli.sqlite")
    token = run_cli("token", "create", "--db", db, "--role", "staff", "--subject", "cli", "--expires-in", "1h")
    value = token.stdout.strip().splitlines()[-1]
    engine = make_engine(db)
    with Session(engine) as session:
        caller = auth.resolve(session, value)
        assert caller.expires_at is not None
        assert timedelta(minutes=59) < caller.expires_at - datetime.now(UTC) <= timedelta(hours=1)
    assert run_cli("token", "revoke", "--db", db, "--token", value).returncode == 0
    with Session(engine) as session:
        try:
            auth.resolve(session, value)
            raise AssertionError("a revoked token resolved")
        except ProblemError as problem:
            assert problem.status == 401
    assert run_cli("token", "revoke", "--db", db, "--token", value, check=False).returncode == 1  # none left
    assert run_cli("token", "create", "--db", db, "--role", "staff", "--expires-in", "0d", check=False).returncode != 0
    engine.dispose()
