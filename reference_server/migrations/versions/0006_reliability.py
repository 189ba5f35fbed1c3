"""Reliability: token expiry and revocation; on PostgreSQL, string columns as TEXT (escaped NUL fits)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 11:00:00

On PostgreSQL a string holding NUL or backslashes is stored escaped, up to twice its length, so a valid value of
``maxLength`` characters overflowed its VARCHAR (issue 11). Every column of type ``SafeString`` becomes TEXT there
(ALTER from VARCHAR to TEXT rewrites nothing); the other backends keep their columns. The columns are taken from
the models, as they exist in the database at this revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import reference_server.db.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _safe_string_columns() -> list[tuple[str, str, int | None]]:
    """(table, column, declared length) of the SafeString (not SafeText) columns present in the database."""
    from reference_server.db.models import Base
    from reference_server.db.types import SafeString, SafeText

    inspector = sa.inspect(op.get_bind())
    present = {t: {c["name"]: c for c in inspector.get_columns(t)} for t in inspector.get_table_names()}
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, SafeString) and not isinstance(column.type, SafeText):
                existing = present.get(table.name, {}).get(column.name)
                if existing is not None and isinstance(existing["type"], sa.String) and existing["type"].length:
                    found.append((table.name, column.name, column.type.length))
    return found


def upgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("expires_at", reference_server.db.types.UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("revoked_at", reference_server.db.types.UtcDateTime(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        for table, column, _length in _safe_string_columns():
            op.alter_column(table, column, type_=sa.Text())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        from reference_server.db.models import Base
        from reference_server.db.types import SafeString, SafeText

        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, SafeString) and not isinstance(column.type, SafeText) and column.type.length:
                    op.alter_column(table.name, column.name, type_=sa.String(column.type.length))
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("revoked_at")
        batch.drop_column("expires_at")
