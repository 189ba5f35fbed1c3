"""Databases of a pytest-xdist worker: a fresh PostgreSQL or MariaDB database beside the one the run was given."""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def worker_database(url: str, suffix: str) -> str:
    """Drop and create ``<db><suffix>`` on the server of ``url`` and return its URL (same driver and options)."""
    parsed = make_url(url)
    name = f"{parsed.database}{suffix}"
    mysql = parsed.get_backend_name() in ("mysql", "mariadb")
    admin = parsed.set(database="" if mysql else "postgres")
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    quote = "`" if mysql else '"'
    try:
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {quote}{name}{quote}"))
            charset = " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" if mysql else ""
            conn.execute(text(f"CREATE DATABASE {quote}{name}{quote}{charset}"))
    finally:
        engine.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)
