"""The transactional outbox of the changes class: the change and state tables of site_kit.outbox

Change rows are written in the transaction of the record they describe (site_kit/outbox.py says why and how);
the state table holds the row every appending transaction locks (commit order = sequence order) and the
pruned and published positions.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 17:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "common_api_change",
        sa.Column(
            "sequence", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True
        ),
        sa.Column("collection", sa.String(100), nullable=False),
        sa.Column("record_uuid", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("etag", sa.String(200)),
        sa.Column("committed_at", sa.DateTime(), nullable=False),
        sa.Column("visibility", sa.String(16), nullable=False),
        sa.Column("scope_key", sa.String(64)),
        sa.Column("beamline_name", sa.String(45)),
        sa.Column("beamline_scoped", sa.Boolean(), nullable=False),
        sa.Column("changed_fields", sa.Text()),
        sa.Column("status", sa.String(200)),
    )
    op.create_index("ix_common_api_change_collection", "common_api_change", ["collection", "sequence"])
    op.create_index("ix_common_api_change_committed_at", "common_api_change", ["committed_at"])
    state = op.create_table(
        "common_api_change_state",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("value", sa.BigInteger(), nullable=False),
    )
    op.bulk_insert(state, [{"name": n, "value": 0} for n in ("lock", "pruned_through", "published_through")])


def downgrade() -> None:
    op.drop_table("common_api_change_state")
    op.drop_index("ix_common_api_change_committed_at", "common_api_change")
    op.drop_index("ix_common_api_change_collection", "common_api_change")
    op.drop_table("common_api_change")
