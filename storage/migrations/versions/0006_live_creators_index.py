"""A covering index for counting a team's live creators (the list's total)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_creator_live", "creators", ["team_id", "archived", "erased"])


def downgrade() -> None:
    op.drop_index("ix_creator_live", table_name="creators")
