"""An index for a brand's Creator NPS (each creator's latest answer about the brand)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_nps_brand", "nps_answers", ["team_id", "brand_id", "creator_id", "answered_on"]
    )


def downgrade() -> None:
    op.drop_index("ix_nps_brand", table_name="nps_answers")
