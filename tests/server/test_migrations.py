"""The alembic migrations build exactly the schema the models describe, on every backend."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from reference_server.db.engine import make_engine, migrate
from reference_server.db.models import Base
from tests.server.conftest import BACKENDS, _reset, backend_url


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_migrations_match_the_models(backend: str, tmp_path: Path) -> None:
    engine = make_engine(backend_url(backend, tmp_path))
    _reset(engine)
    migrate(engine)
    migrate(engine)  # idempotent: a second upgrade is a no-op
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_upgrading_a_populated_database_keeps_its_records(backend: str, tmp_path: Path) -> None:
    """A database written at 0004 (before the renames and the DATE) upgrades with its rows intact.

    SQLite rebuilds altered tables, which foreign keys from populated tables used to forbid, and its copy cast
    the shipping instant to a number; the shipping day and the dewar that refers to the shipment must survive.
    """
    from alembic import command
    from sqlalchemy import text

    from reference_server.db.engine import alembic_config

    engine = make_engine(backend_url(backend, tmp_path))
    _reset(engine)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
    proposal, shipment, dewar = (uuid.uuid4() for _ in range(3))
    now = datetime(2026, 3, 14, 22, 30, tzinfo=UTC)
    stamps = {"n": now, "v": 1}
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO proposals (uuid, proposal_code, proposal_number, version, created_at, updated_at)"
                " VALUES (:u, 'mx', '1', :v, :n, :n)"
            ),
            {"u": _key(engine, proposal), **stamps},
        )
        conn.execute(
            text(
                "INSERT INTO shipments (uuid, proposal_uuid, name, shipping_date, version, created_at, updated_at)"
                " VALUES (:u, :p, 'to the synchrotron', :n, :v, :n, :n)"
            ),
            {"u": _key(engine, shipment), "p": _key(engine, proposal), **stamps},
        )
        conn.execute(
            text(
                "INSERT INTO dewars (uuid, shipment_uuid, proposal_uuid, code, version, created_at, updated_at)"
                " VALUES (:u, :s, :p, 'DW-1', :v, :n, :n)"
            ),
            {"u": _key(engine, dewar), "s": _key(engine, shipment), "p": _key(engine, proposal), **stamps},
        )
    migrate(engine)
    with engine.connect() as conn:
        day = conn.execute(text("SELECT shipping_date FROM shipments")).scalar_one()
        dewars = conn.execute(text("SELECT count(*) FROM dewars")).scalar_one()
    assert str(day)[:10] == "2026-03-14"
    assert dewars == 1
    engine.dispose()


def _key(engine: Any, value: uuid.UUID) -> Any:
    """A UUID as the backend's Uuid column stores it (native on PostgreSQL, 32 hex characters elsewhere)."""
    return value if engine.dialect.name == "postgresql" else value.hex
