"""Composite indexes for keyset pages and time windows on the big acquisition tables

Keyset pages order by the internal ``id`` after equality filters, so an index on (filter column, id) lets the
database seek straight to a page, first or deep, and read 101 rows in order. The beamline's time window
(``beamlineName`` + ``startedAfter``/``startedBefore``) needs (beamline_name, start_time, id): without it,
PostgreSQL walks the primary key from the oldest row and filters (200 ms for the first page of a window in
the middle of 1M data collections; 1 ms with it — measured by ``bench/``, issue 7).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 08:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXES = {
    "data_collections": (
        ("session_uuid", "id"),
        ("proposal_uuid", "id"),
        ("beamline_name", "start_time", "id"),
    ),
    "data_collection_groups": (
        ("session_uuid", "id"),
        ("proposal_uuid", "id"),
        ("beamline_name", "start_time", "id"),
    ),
}


def _name(table: str, columns: tuple[str, ...]) -> str:
    return f"ix_{table}_{'_'.join(columns)}"


def upgrade() -> None:
    for table, indexes in INDEXES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for columns in indexes:
                batch_op.create_index(_name(table, columns), list(columns), unique=False)


def downgrade() -> None:
    for table, indexes in INDEXES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for columns in reversed(indexes):
                batch_op.drop_index(_name(table, columns))
