"""Engines and sessions for SQLite, PostgreSQL and MariaDB, and the migration entry point."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


#: Connections of one process. Every database call runs in a worker thread, and the app sizes the thread pool to
#: this, so a request waits for a thread (on the event loop, without blocking it) rather than for a connection.
POOL_SIZE = 10
POOL_OVERFLOW = 20
#: Seconds a request may wait for a connection before it is answered 503 with Retry-After (never 30 s, the
#: SQLAlchemy default, during which a request would hold its thread).
POOL_TIMEOUT = 3.0


def pool_capacity() -> int:
    return POOL_SIZE + POOL_OVERFLOW


def make_engine(url: str, *, pool_timeout: float = POOL_TIMEOUT) -> Engine:
    """Create an engine tuned for the backend.

    SQLite: foreign keys on (off by default), WAL so readers never wait for the writer, and a busy timeout so
    concurrent writers queue instead of failing. Every backend: a pool of ``pool_capacity()`` connections and
    a bounded wait for one (``pool_timeout``), and SQL parameter values never logged (``hide_parameters``: they
    hold token hashes and personal data).
    """
    parsed = make_url(url)
    kwargs: dict[str, Any] = {
        "future": True,
        "hide_parameters": True,
        "pool_size": POOL_SIZE,
        "max_overflow": POOL_OVERFLOW,
        "pool_timeout": pool_timeout,
    }
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        if parsed.database in (None, "", ":memory:"):
            for key in ("pool_size", "max_overflow", "pool_timeout"):
                kwargs.pop(key)  # an in-memory database uses a single-connection pool
    else:
        kwargs.update(pool_pre_ping=True, pool_recycle=1800)
    if parsed.get_backend_name() in ("mysql", "mariadb"):
        kwargs["isolation_level"] = "READ COMMITTED"
    engine = create_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, autoflush=False)


def alembic_config(url: str | None = None) -> Any:
    """Alembic is imported here, not at start-up: serving needs no migration machinery (11 MB per worker)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the database schema to the newest migration (the only way tables are created)."""
    from alembic import command

    cfg = alembic_config()
    if engine.dialect.name != "sqlite":
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
        return
    # SQLite alters a table by copying it and dropping the original ("batch" mode); with foreign keys enforced,
    # dropping a table that populated tables refer to fails. So enforcement is off while migrating (the pragma
    # only takes effect outside a transaction), and every reference is checked before it is switched back on.
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        try:
            with connection.begin():
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"migration left {len(broken)} dangling reference(s), e.g. {broken[0]}")
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def is_migrated(engine: Engine) -> bool:
    return "alembic_version" in inspect(engine).get_table_names()
