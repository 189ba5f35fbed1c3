"""The HTTP options of ``ispyb-server serve`` as a user runs them: workers sharing one token secret, a configured
secret surviving a restart, CORS switched on from the command line (off by default: test_http_behaviour).

Page tokens are HMACs with the server's secret. With ``--workers N`` every worker must accept the tokens of
the others (a client's next page lands on any of them), and a configured ``--page-token-secret`` keeps the
tokens of a listing valid across a restart.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.server.live import serve, sqlite_url

TOKEN = "demo-staff"


def _token(base_url: str) -> tuple[str, str]:
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {TOKEN}"}) as http:
        doc = http.get("/v1/data-collections", params={"limit": 1}).json()
    return doc["nextPageToken"], doc["next"]


def test_every_worker_accepts_the_tokens_of_the_others(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "w.sqlite")
    with serve(url, tmp_path, demo=True, extra=["--workers", "2"]) as live:
        statuses = []
        for _ in range(12):  # a new connection each time: the kernel spreads them over both workers
            token, _next = _token(live.base_url)
            with httpx.Client(base_url=live.base_url, headers={"Authorization": f"Bearer {TOKEN}"}) as http:
                statuses.append(http.get("/v1/data-collections", params={"limit": 1, "pageToken": token}).status_code)
        assert statuses == [200] * 12


def test_a_configured_secret_keeps_tokens_valid_across_a_restart_and_cors_from_the_command_line(
    tmp_path: Path,
) -> None:
    url = sqlite_url(tmp_path / "r.sqlite")
    options = ["--page-token-secret", "a-secret-of-this-site", "--cors-origin", "https://ui.example.org"]
    preflight = {"Origin": "https://ui.example.org", "Access-Control-Request-Method": "GET"}
    with serve(url, tmp_path, demo=True, extra=options) as live:
        token, _next = _token(live.base_url)
        allowed = httpx.options(f"{live.base_url}/v1/sessions", headers=preflight)
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == "https://ui.example.org"
    with (
        serve(url, tmp_path, extra=options) as live,
        httpx.Client(base_url=live.base_url, headers={"Authorization": f"Bearer {TOKEN}"}) as http,
    ):
        assert http.get("/v1/data-collections", params={"limit": 1, "pageToken": token}).status_code == 200
