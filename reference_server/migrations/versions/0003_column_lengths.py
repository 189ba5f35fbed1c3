"""Widen columns whose spec length was aligned with the DLS/ESRF columns (docs/site-mapping.md).

Session comments hold up to 2000 characters (DLS BLSession.comments), beamline setups' synchrotron and
monochromator names up to 255.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

import reference_server.db.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

WIDENED = [
    ("sessions", "comments", 1024, 2000),
    ("beamline_setups", "synchrotron_name", 45, 255),
    ("beamline_setups", "monochromator_type", 45, 255),
]


def upgrade() -> None:
    for table, column, old, new in WIDENED:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(
                column,
                existing_type=reference_server.db.types.SafeString(old),
                type_=reference_server.db.types.SafeString(new),
                existing_nullable=True,
            )


def downgrade() -> None:
    for table, column, old, new in WIDENED:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(
                column,
                existing_type=reference_server.db.types.SafeString(new),
                type_=reference_server.db.types.SafeString(old),
                existing_nullable=True,
            )
