"""Strings compare exactly on MariaDB, as on SQLite and PostgreSQL

The tables took the server's default collation (``utf8mb4_unicode_ci`` here), which ignores case, accents,
trailing spaces and many control characters when comparing. So on MariaDB only, a container with barcode
``probeabc`` was refused 409 (x-unique) because ``ProbeABC`` existed, ``probe`` because ``probé`` did, ``sp``
because ``sp `` did; and an equality filter matched values the other backends do not. ``utf8mb4_nopad_bin``
compares code points, trailing spaces included: what SQLite's BINARY and PostgreSQL's equality do. Found by
``tests/reliability/test_edges.py`` (barcode ``' '`` refused on MariaDB after ``'  '``).

The database's default becomes the same collation, so that tables of later migrations get it too. Nothing
changes on SQLite and PostgreSQL.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 15:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

EXACT = "utf8mb4_nopad_bin"


def _collate(collation: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name not in ("mysql", "mariadb"):
        return
    op.execute(f"ALTER DATABASE CHARACTER SET utf8mb4 COLLATE {collation}")
    op.execute("SET foreign_key_checks = 0")  # a string column another table refers to converts with its table
    try:
        for name in sa.inspect(bind).get_table_names():
            op.execute(f"ALTER TABLE `{name}` CONVERT TO CHARACTER SET utf8mb4 COLLATE {collation}")
    finally:
        op.execute("SET foreign_key_checks = 1")


def upgrade() -> None:
    _collate(EXACT)


def downgrade() -> None:
    """Back to the server's default utf8mb4 collation, which the tables had taken before.

    MariaDB refuses it (duplicate entry, and DDL is not transactional there: tables already converted stay so)
    once a unique set holds values that differ only in what that collation ignores, e.g. ``abc`` and ``ABC``.
    """
    bind = op.get_bind()
    if bind.dialect.name in ("mysql", "mariadb"):
        server = str(bind.exec_driver_sql("SELECT @@collation_server").scalar())
        _collate(server if server.startswith("utf8mb4_") else "utf8mb4_unicode_ci")
