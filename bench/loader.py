"""Bulk loading of the benchmark data set into a database migrated by the server.

PostgreSQL gets one ``COPY … FROM STDIN`` per table (psycopg 3, rows streamed from the generators): the only
way to load millions of rows in minutes from Python. SQLite and MariaDB get Core ``insert()`` executemany in
batches. Either way each value goes through the column's own SQLAlchemy type first (``SafeString`` escaping
on PostgreSQL, ``UtcDateTime`` normalisation, UUID storage), so the rows are byte-for-byte what the server
would have written. The schema itself is never touched: ``migrate`` is the server's alembic upgrade.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import JSON, Boolean, Column, DateTime, Engine, Float, Integer, Table, Uuid, func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.types import TypeDecorator

from bench.dataset import NULL, TABLES, Row, Scale
from reference_server.db.engine import make_engine
from reference_server.db.models import Base

BATCH = 5000


@dataclass(frozen=True)
class Loaded:
    """What one table load did: rows and seconds."""

    table: str
    rows: int
    seconds: float


def _parser(column: Column[Any]) -> Callable[[str], Any]:
    """COPY text of a column back to the Python value its SQLAlchemy type binds (for executemany)."""
    col_type = column.type
    if isinstance(col_type, TypeDecorator):
        col_type = col_type.impl_instance
    if isinstance(col_type, Uuid):
        return uuid.UUID
    if isinstance(col_type, DateTime):
        return lambda text: datetime.fromisoformat(text.replace("+00", "+00:00"))
    if isinstance(col_type, Boolean):
        return lambda text: text == "t"
    if isinstance(col_type, Integer):
        return int
    if isinstance(col_type, Float):
        return float
    if isinstance(col_type, JSON):
        return orjson.loads
    return str


def _copy_table(engine: Engine, table: Table, columns: tuple[str, ...], rows: Iterator[Row]) -> int:
    """One ``COPY … FROM STDIN`` (text format): the rows are already COPY text, so they are written as is."""
    count = 0
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert conn is not None
        statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
        with conn.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[attr-defined]
            while chunk := list(islice(rows, BATCH)):
                copy.write("".join(["\t".join(row) + "\n" for row in chunk]))
                count += len(chunk)
        conn.commit()
    finally:
        raw.close()
    return count


def _insert_table(engine: Engine, table: Table, columns: tuple[str, ...], rows: Iterator[Row]) -> int:
    """Core ``insert()`` executemany: SQLAlchemy's own bind processing stores every value as the server does."""
    parsers = [(name, _parser(table.c[name])) for name in columns]
    count = 0
    with engine.begin() as conn:
        while chunk := list(islice(rows, BATCH)):
            batch = [
                {
                    name: None if value == NULL else parse(value)
                    for (name, parse), value in zip(parsers, row, strict=True)
                }
                for row in chunk
            ]
            conn.execute(insert(table), batch)
            count += len(batch)
    return count


def counts(engine: Engine, tables: Iterable[str]) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t: int(conn.execute(select(func.count()).select_from(Base.metadata.tables[t])).scalar_one()) for t in tables
        }


def state(engine: Engine, scale: Scale) -> str:
    """``empty``, ``loaded`` (this scale is already there) or ``other`` (data the generator did not write)."""
    found = counts(engine, ("proposals", "sessions", "data_collections"))
    if not any(found.values()):
        return "empty"
    if (
        found["proposals"] == scale.proposals
        and found["sessions"] == scale.sessions
        and found["data_collections"] >= scale.data_collections
    ):
        return "loaded"
    return "other"


def analyze(engine: Engine) -> None:
    """Fresh planner statistics: a bulk load leaves none, and plans on a 1M-row table depend on them."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    elif engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    else:
        with engine.begin() as conn:
            for spec in TABLES:
                conn.exec_driver_sql(f"ANALYZE TABLE {spec.name}")


def server_command(name: str = "ispyb-server") -> str:
    """A console script of the venv running this code (the server's own CLI, not a re-implementation)."""
    return str(Path(sys.executable).parent / name)


def ensure_database(url: str) -> None:
    """Create the PostgreSQL or MariaDB database named in ``url`` if it does not exist yet (empty, unmigrated)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in ("postgresql", "mysql", "mariadb") or not parsed.database:
        return
    admin = make_engine(
        parsed.set(database="postgres" if backend == "postgresql" else None).render_as_string(hide_password=False)
    )
    try:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            if backend == "postgresql":
                found = conn.exec_driver_sql(
                    "SELECT 1 FROM pg_database WHERE datname = %(name)s", {"name": parsed.database}
                ).first()
                if found is None:
                    conn.exec_driver_sql(f'CREATE DATABASE "{parsed.database}"')
            else:
                conn.exec_driver_sql(f"CREATE DATABASE IF NOT EXISTS `{parsed.database}` CHARACTER SET utf8mb4")
    finally:
        admin.dispose()


def migrate(url: str) -> None:
    """``ispyb-server migrate``: the schema is the server's, created by its alembic migrations only."""
    ensure_database(url)
    subprocess.run([server_command(), "migrate", "--db", url], check=True, capture_output=True)


#: Planner cost of a random page on PostgreSQL: 1.1 is the usual setting when the data is on SSD or cached in
#: RAM (the default 4.0 models spinning disks). With 4.0 the planner prefers walking the primary key for a
#: beamline's time window ordered by id, because it cannot know the window's rows are contiguous in id: 200 ms
#: instead of 1.5 ms for the first page, whatever the indexes (see bench/README.md).
RANDOM_PAGE_COST = "1.1"


def tune(url: str) -> dict[str, str]:
    """Database-level settings of a deployment on SSD (PostgreSQL only); returns what was set."""
    engine = make_engine(url)
    try:
        if engine.dialect.name != "postgresql":
            return {}
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            name = conn.exec_driver_sql("SELECT current_database()").scalar_one()
            conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET random_page_cost = {RANDOM_PAGE_COST}')
        return {"random_page_cost": RANDOM_PAGE_COST}
    finally:
        engine.dispose()


def load(url: str, scale: Scale, *, log: Callable[[str], None] = print) -> list[Loaded]:
    """Migrate (the server's alembic migrations), then load every table of the data set at ``scale``."""
    migrate(url)
    engine = make_engine(url)
    try:
        found = state(engine, scale)
        if found == "loaded":
            log(f"already loaded at {scale.proposals} proposals: nothing to do")
            return []
        if found == "other":
            raise SystemExit(f"{url} holds other data; give the generator an empty database")
        write = _copy_table if engine.dialect.name == "postgresql" else _insert_table
        done: list[Loaded] = []
        for spec in TABLES:
            name = spec.name
            start = time.perf_counter()
            rows = write(engine, Base.metadata.tables[name], spec.columns, spec.rows(scale))
            seconds = time.perf_counter() - start
            done.append(Loaded(name, rows, seconds))
            log(f"{name:<24} {rows:>10,} rows {seconds:8.1f} s {rows / max(seconds, 1e-9):>10,.0f} rows/s")
        start = time.perf_counter()
        analyze(engine)
        done.append(Loaded("(analyze)", 0, time.perf_counter() - start))
        log(f"analyze {done[-1].seconds:.1f} s")
        return done
    finally:
        engine.dispose()


def record(directory: Path, url: str, scale: Scale, done: list[Loaded]) -> dict[str, Any] | None:
    """The load timing of this database: written when this call loaded it, read back on later runs."""
    backend = make_url(url).get_backend_name()
    path = directory / f"load-{backend}-{scale.proposals}.json"
    if not done:
        return json.loads(path.read_text()) if path.exists() else None
    data = {
        "backend": backend,
        "proposals": scale.proposals,
        "rows": sum(d.rows for d in done),
        "seconds": round(sum(d.seconds for d in done), 1),
        "tables": {d.table: {"rows": d.rows, "seconds": round(d.seconds, 1)} for d in done},
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    directory.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")
    return data
