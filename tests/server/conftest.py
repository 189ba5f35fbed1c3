"""Fixtures of the reference-server tests: the same tests on SQLite, PostgreSQL and MariaDB.

PostgreSQL and MariaDB run when ``ISPYB_TEST_POSTGRES_URL`` / ``ISPYB_TEST_MARIADB_URL`` are set (CI always
sets them); each test module starts from an empty database, migrated by alembic and seeded with the demo
data, and the app runs in ``--strict`` mode so that every response is checked against the spec.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy import Engine, inspect, text

from reference_server.app import create_app
from reference_server.db.engine import make_engine
from reference_server.db.models import Base
from reference_server.demo import prepare
from reference_server.settings import Settings
from tests.ports import free_port as _free_port

BACKENDS = {
    "sqlite": None,
    "postgres": "ISPYB_TEST_POSTGRES_URL",
    "mariadb": "ISPYB_TEST_MARIADB_URL",
}


def _reset(engine: Engine) -> None:
    """Drop every table, so that the migrations (not create_all) build the schema again."""
    with engine.begin() as conn:
        if engine.dialect.name in ("mysql", "mariadb"):
            conn.execute(text("SET FOREIGN_KEY_CHECKS=0"))
        Base.metadata.drop_all(conn)
        if "alembic_version" in inspect(conn).get_table_names():
            conn.execute(text("DROP TABLE alembic_version"))
        if engine.dialect.name in ("mysql", "mariadb"):
            conn.execute(text("SET FOREIGN_KEY_CHECKS=1"))


def backend_url(name: str, tmp_path: Path) -> str:
    env = BACKENDS[name]
    if env is None:
        return f"sqlite:///{tmp_path / 'ispyb.sqlite'}"
    url = os.environ.get(env)
    if not url:
        pytest.skip(f"{env} is not set")
    return url


@dataclass
class Server:
    """An app on a migrated, demo-seeded database, reachable in-process and over real HTTP."""

    app: FastAPI
    engine: Engine
    backend: str
    base_url: str = ""

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)


@pytest.fixture(scope="module", params=list(BACKENDS))
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    url = backend_url(request.param, tmp_path_factory.mktemp(request.param))
    engine = make_engine(url)
    _reset(engine)
    prepare(engine)
    app = create_app(Settings(db_url=url, strict=True))
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    http = uvicorn.Server(config)
    thread = threading.Thread(target=http.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not http.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield Server(app=app, engine=engine, backend=request.param, base_url=f"http://127.0.0.1:{port}")
    http.should_exit = True
    thread.join(timeout=10)
    app.state.engine.dispose()
    engine.dispose()


def example(name: str) -> dict[str, Any]:
    from site_kit import spec

    return dict(spec.schema(name)["examples"][0])
