"""Column lengths as the spec states them (issue 12: "stated once")

Ten columns were declared longer than the spec's ``maxLength`` for their field (e.g. laboratory names 100
where the contract says 45, shipment comments 1024 where it says 255). The server never stored more than the
spec allows, so nothing is cut; from now on ``tests/server/test_spec_storage.py`` holds every column against
the spec. On PostgreSQL ``SafeString`` columns are TEXT whatever their length (see ``db/types.py``), so only
SQLite and MariaDB change.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 14:20:00
"""

from __future__ import annotations

from alembic import op

from reference_server.db.types import SafeString

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: (table, column, length before, the spec's maxLength, nullable)
SHORTENED = [
    ("laboratories", "name", 100, 45, False),
    ("laboratories", "organization", 200, 45, True),
    ("shipments", "comments", 1024, 255, True),
    ("dewars", "tracking_number_to_facility", 45, 30, True),
    ("dewars", "tracking_number_from_facility", 45, 30, True),
    ("containers", "beamline_location", 45, 20, True),
    ("data_collections", "image_prefix", 100, 45, True),
    ("processing_programs", "pipeline", 255, 20, True),
    ("processing_programs", "command_line", 1024, 255, True),
    ("screenings", "comments", 1024, 255, True),
]


def _alter(to_spec: bool) -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    for table, column, before, spec, nullable in SHORTENED:
        old, new = (before, spec) if to_spec else (spec, before)
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, existing_type=SafeString(old), type_=SafeString(new), existing_nullable=nullable)


def upgrade() -> None:
    _alter(True)


def downgrade() -> None:
    _alter(False)
