"""Handles kept as the platform spells them ("zoe.dv"), with a look-up key beside them

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "creators",
        sa.Column(
            "handle_key",
            sqlmodel.sql.sqltypes.AutoString(length=64),
            nullable=False,
            server_default="",
        ),
    )
    # Until now the stored handle was its key already; an erased creator's "erased-7" stays
    # out of reach of any look-up (a key never holds a hyphen).
    op.execute("UPDATE creators SET handle_key = handle")
    op.create_index("ix_creator_handle_key", "creators", ["team_id", "handle_key"])


def downgrade() -> None:
    op.drop_index("ix_creator_handle_key", table_name="creators")
    with op.batch_alter_table("creators") as batch:
        batch.drop_column("handle_key")
