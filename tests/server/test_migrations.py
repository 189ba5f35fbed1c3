"""The alembic migrations build exactly the schema the models describe, on every backend."""

from __future__ import annotations

from pathlib import Path

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
