"""KPI periods with their values, and creators' NPS answers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Index, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from domain.values import KPIKind
from storage.models.columns import stamp
from storage.types import StrEnumType


class KPIPeriod(SQLModel, table=True):
    """One logging of KPI values for a period of a partnership."""

    __tablename__ = "kpi_periods"
    __table_args__ = (
        Index("ix_kpi_period_partnership", "team_id", "partnership_id", "period_end"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partnership_id: int = Field(foreign_key="partnerships.id", ondelete="CASCADE")
    period_start: date
    period_end: date
    feedback_shared: bool = False  # "feedback shared with the creator" (a red flag when not)
    recorded_by: str | None = Field(default=None, max_length=32)
    recorded_at: datetime = stamp()


class KPIValue(SQLModel, table=True):
    """One KPI's value in a period (derived figures such as CPAE are never stored)."""

    __tablename__ = "kpi_values"
    __table_args__ = (UniqueConstraint("period_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    period_id: int = Field(foreign_key="kpi_periods.id", ondelete="CASCADE")
    kind: KPIKind = Field(sa_type=StrEnumType(KPIKind))
    value: Decimal = Field(sa_type=Numeric(18, 4))
    currency: str | None = Field(default=None, max_length=3)


class NPSAnswer(SQLModel, table=True):
    """A creator's answer (0-10) to "how likely are you to recommend our brand to peers?"."""

    __tablename__ = "nps_answers"
    __table_args__ = (
        Index("ix_nps_creator", "team_id", "creator_id", "answered_on"),
        Index("ix_nps_brand", "team_id", "brand_id", "creator_id", "answered_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    creator_id: int = Field(foreign_key="creators.id", ondelete="CASCADE")
    brand_id: int | None = Field(default=None, foreign_key="brands.id", ondelete="SET NULL")
    score: int
    answered_on: date
    recorded_by: str | None = Field(default=None, max_length=32)
