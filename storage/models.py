"""SQLModel tables. Every row belongs to a Slack team (`team_id`); every query is scoped by it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Index, Numeric, UniqueConstraint
from sqlmodel import Column, Field, SQLModel

from domain.values import Difficulty, IPModel, KPIKind, Stage
from storage.types import StrEnumType, UTCDateTime, utcnow


def _utc_column(nullable: bool = False) -> Column:
    return Column(UTCDateTime(), nullable=nullable)


class TeamSettings(SQLModel, table=True):
    """A workspace's own settings, created from DEFAULT_LOCALE and TIMEZONE on first use."""

    __tablename__ = "team_settings"

    team_id: str = Field(primary_key=True, max_length=32)
    default_locale: str = Field(max_length=8)
    timezone: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class UserPreference(SQLModel, table=True):
    """A user's chosen language (`/creator language`), which wins over Slack's locale."""

    __tablename__ = "user_preferences"

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    locale: str | None = Field(default=None, max_length=8)
    slack_locale: str | None = Field(default=None, max_length=16)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class ProcessedEvent(SQLModel, table=True):
    """Events API deliveries already handled, so that Slack's retries act only once."""

    __tablename__ = "processed_events"

    team_id: str = Field(primary_key=True, max_length=32)
    event_id: str = Field(primary_key=True, max_length=64)
    received_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


# -- creators and partnerships (the creators issue) ---------------------------------------


class Brand(SQLModel, table=True):
    """A brand the team runs partnerships for, with what pricing exclusivity needs."""

    __tablename__ = "brands"
    __table_args__ = (UniqueConstraint("team_id", "name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)  # normalised name for forgiving look-ups
    category: str = Field(default="", max_length=80)
    difficulty: Difficulty = Field(default=Difficulty.EASY, sa_type=StrEnumType(Difficulty))
    competitors: list[str] = Field(default_factory=list, sa_type=JSON)
    exclusivity_needs_approval: bool = False
    # Overrides of the quote model's defaults (domain.pricing), e.g. {"minimum_fee": "500"}.
    pricing_overrides: dict = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class Creator(SQLModel, table=True):
    """A creator (influencer) the team works with."""

    __tablename__ = "creators"
    __table_args__ = (
        UniqueConstraint("team_id", "handle"),
        Index("ix_creator_name", "team_id", "name_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    handle: str = Field(max_length=64)  # without "@", lower case
    display_name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)  # normalised display name: "zoe de vries"
    platforms: dict = Field(default_factory=dict, sa_type=JSON)  # {"instagram": 120000}
    niche: str = Field(default="", max_length=80)
    country: str = Field(default="", max_length=2)
    language: str = Field(default="nl", max_length=8)
    base_rate: Decimal = Field(default=Decimal("0"), sa_type=Numeric(12, 2))
    currency: str = Field(default="EUR", max_length=3)
    contact: str = Field(default="", max_length=200)
    archived: bool = False
    erased: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class Partnership(SQLModel, table=True):
    """A brand's partnership with a creator, through the stages of the framework."""

    __tablename__ = "partnerships"
    __table_args__ = (
        Index("ix_partnership_creator", "team_id", "creator_id"),
        Index("ix_partnership_owner", "team_id", "owner_user_id"),
        Index("ix_partnership_stage", "team_id", "stage"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    creator_id: int = Field(foreign_key="creators.id", ondelete="CASCADE")
    brand_id: int = Field(foreign_key="brands.id", ondelete="RESTRICT")
    stage: Stage = Field(default=Stage.PROSPECT, sa_type=StrEnumType(Stage))
    start_date: date | None = None
    end_date: date | None = None
    quarterly_fee: Decimal | None = Field(default=None, sa_type=Numeric(12, 2))
    currency: str = Field(default="EUR", max_length=3)
    premium_pct: Decimal | None = Field(default=None, sa_type=Numeric(5, 2))
    payment_terms_days: int | None = None
    ip_model: IPModel = Field(default=IPModel.UNCLEAR, sa_type=StrEnumType(IPModel))
    performance_incentive: str = Field(default="", max_length=500)
    exit_scenario_agreed: bool = False
    renewal_decision: str | None = Field(default=None, max_length=16)  # "renew" or "end"
    owner_user_id: str | None = Field(default=None, max_length=32)
    channel_id: str | None = Field(default=None, max_length=32)
    stage_changed_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class StageChange(SQLModel, table=True):
    """Each move of a partnership between stages (the digest reports the week's moves)."""

    __tablename__ = "stage_changes"
    __table_args__ = (Index("ix_stage_change_team_time", "team_id", "changed_at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partnership_id: int = Field(foreign_key="partnerships.id", ondelete="CASCADE")
    from_stage: Stage | None = Field(default=None, sa_type=StrEnumType(Stage))
    to_stage: Stage = Field(sa_type=StrEnumType(Stage))
    changed_by: str | None = Field(default=None, max_length=32)
    changed_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


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
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


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
    __table_args__ = (Index("ix_nps_creator", "team_id", "creator_id", "answered_on"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    creator_id: int = Field(foreign_key="creators.id", ondelete="CASCADE")
    brand_id: int | None = Field(default=None, foreign_key="brands.id", ondelete="SET NULL")
    score: int
    answered_on: date
    recorded_by: str | None = Field(default=None, max_length=32)
