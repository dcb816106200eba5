"""Brands, creators, their partnerships and the partnerships' stage moves.

Each of brand, creator and partnership is split as SQLModel's full-stack template does:
- `...Base`: the fields a person gives, built from domain/fields.py (which the form's drafts
  and the CSV import check raw text against), with the columns' bounds as validation;
- `...Create`: what a person gives to add or change one. The form and the import turn their
  drafts into it, which validates (a value the column cannot hold is refused there, loudly),
  and storage.creators' create_/update_ functions write it;
- the table: adds the row's identity, its team, the look-up keys storage derives and the
  clock's stamps. Its columns are the ones the migrations create (tests/storage/test_db.py);
- `...Public`: what leaves storage for a surface to show (the edit modals' prefill): plain
  data read inside the session, safe after it closes, without the team or the look-up keys.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Index, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from domain import fields
from domain.values import Difficulty, IPModel, Stage
from storage.models.columns import stamp
from storage.types import StrEnumType


def text(spec: fields.Text) -> Any:  # noqa: ANN401 - a pydantic FieldInfo
    return Field(default=spec.default, max_length=spec.max_length)


def optional_text(spec: fields.Text) -> Any:  # noqa: ANN401 - a pydantic FieldInfo
    return Field(default=None, max_length=spec.max_length)


def amount(spec: fields.Amount, default: Decimal | None = None) -> Any:  # noqa: ANN401
    return Field(
        default=default,
        ge=-spec.maximum,
        le=spec.maximum,
        sa_type=Numeric(spec.precision, spec.scale),
    )


class BrandBase(SQLModel):
    """What a person says about a brand."""

    name: str = Field(max_length=fields.BRAND_NAME.max_length)
    category: str = text(fields.CATEGORY)
    difficulty: Difficulty = Field(
        default=fields.DEFAULT_DIFFICULTY, sa_type=StrEnumType(Difficulty)
    )
    competitors: list[str] = Field(default_factory=list, sa_type=JSON)
    exclusivity_needs_approval: bool = False


class BrandCreate(BrandBase):
    """A brand as a person adds or changes it (the brand form)."""


class Brand(BrandBase, table=True):
    """A brand the team runs partnerships for, with what pricing exclusivity needs."""

    __tablename__ = "brands"
    __table_args__ = (UniqueConstraint("team_id", "name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    name_key: str = Field(max_length=fields.BRAND_NAME.max_length)  # for forgiving look-ups
    # Overrides of the quote model's defaults (domain.pricing), e.g. {"minimum_fee": "500"}.
    pricing_overrides: dict = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = stamp()
    updated_at: datetime = stamp()


class BrandPublic(BrandBase):
    """A brand as the brand form shows it, with the quote model's overrides it holds."""

    id: int
    pricing_overrides: dict


class CreatorBase(SQLModel):
    """What a person says about a creator (domain.fields.CREATOR_FIELDS)."""

    handle: str = Field(max_length=fields.HANDLE.max_length)  # lower case: "zoe.dv"
    display_name: str = Field(max_length=fields.DISPLAY_NAME.max_length)
    platforms: dict = Field(default_factory=dict, sa_type=JSON)  # {"instagram": 120000}
    niche: str = text(fields.NICHE)
    country: str = text(fields.COUNTRY)
    language: str = text(fields.LANGUAGE)
    base_rate: Decimal = amount(fields.MONEY, Decimal("0"))
    currency: str = text(fields.CURRENCY)
    contact: str = text(fields.CONTACT)


class CreatorCreate(CreatorBase):
    """A creator as a person adds or changes them (the form, the CSV import, the demo)."""


class Creator(CreatorBase, table=True):
    """A creator (influencer) the team works with."""

    __tablename__ = "creators"
    __table_args__ = (
        UniqueConstraint("team_id", "handle"),
        Index("ix_creator_name", "team_id", "name_key"),
        Index("ix_creator_handle_key", "team_id", "handle_key"),
        # Covers counting a team's live creators (the list's total) without table reads.
        Index("ix_creator_live", "team_id", "archived", "erased"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    handle_key: str = Field(max_length=fields.HANDLE.max_length)  # forgiving: "zoedv"
    name_key: str = Field(max_length=fields.DISPLAY_NAME.max_length)  # "zoe de vries"
    archived: bool = False
    erased: bool = False
    created_at: datetime = stamp()
    updated_at: datetime = stamp()


class CreatorPublic(CreatorBase):
    """A creator as a surface shows them (the edit modal), after the session has closed."""

    id: int


class PartnershipBase(SQLModel):
    """What a person says about a partnership (domain.fields.PARTNERSHIP_FIELDS)."""

    stage: Stage = Field(default=fields.DEFAULT_STAGE, sa_type=StrEnumType(Stage))
    start_date: date | None = None
    end_date: date | None = None
    quarterly_fee: Decimal | None = amount(fields.MONEY)
    premium_pct: Decimal | None = amount(fields.PREMIUM_PCT)
    payment_terms_days: int | None = None
    ip_model: IPModel = Field(default=fields.DEFAULT_IP_MODEL, sa_type=StrEnumType(IPModel))
    performance_incentive: str = text(fields.PERFORMANCE_INCENTIVE)
    exit_scenario_agreed: bool = False
    renewal_decision: str | None = optional_text(fields.RENEWAL_DECISION)  # "renew" or "end"
    owner_user_id: str | None = optional_text(fields.SLACK_ID)
    channel_id: str | None = optional_text(fields.SLACK_ID)


class PartnershipCreate(PartnershipBase):
    """A partnership's terms as a person gives them (the form, the CSV import, the demo)."""


class Partnership(PartnershipBase, table=True):
    """A brand's partnership with a creator, through the stages of the framework."""

    __tablename__ = "partnerships"
    __table_args__ = (
        # creator_id first: the list's count probes it once per creator, and an integer
        # compared first makes each probe about a third cheaper (bench/README.md).
        Index("ix_partnership_creator", "creator_id", "team_id"),
        # With creator_id, a filtered list counts its rows from the index alone.
        Index("ix_partnership_owner", "team_id", "owner_user_id", "creator_id"),
        Index("ix_partnership_stage", "team_id", "stage", "creator_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    creator_id: int = Field(foreign_key="creators.id", ondelete="CASCADE")
    brand_id: int = Field(foreign_key="brands.id", ondelete="RESTRICT")
    currency: str = text(fields.CURRENCY)  # the creator's, when the partnership is saved
    stage_changed_at: datetime = stamp()
    created_at: datetime = stamp()
    updated_at: datetime = stamp()


class PartnershipPublic(PartnershipBase):
    """A partnership as a surface shows it (the edit modal), after the session has closed."""

    id: int


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
    changed_at: datetime = stamp()
