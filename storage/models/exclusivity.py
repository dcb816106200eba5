"""Exclusivity: quotes and their negotiation rounds, and the agreed windows."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Index, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.columns import stamp, utc_column


class ExclusivityQuote(SQLModel, table=True):
    """A quote and its negotiation, which lives in a channel thread until agreed or withdrawn."""

    __tablename__ = "exclusivity_quotes"
    __table_args__ = (UniqueConstraint("team_id", "channel_id", "thread_ts"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partnership_id: int = Field(foreign_key="partnerships.id", ondelete="CASCADE")
    channel_id: str = Field(max_length=32)
    thread_ts: str | None = Field(default=None, max_length=32)  # the quote message's ts
    status: str = Field(default="open", max_length=16)  # open, agreed, withdrawn
    # The clause as negotiated so far: scope, competitors, window, platforms, content types,
    # long-term, go-live (see handlers.exclusivity for the keys).
    terms: dict = Field(default_factory=dict, sa_type=JSON)
    currency: str = Field(default="EUR", max_length=3)
    low: Decimal = Field(default=Decimal(0), sa_type=Numeric(12, 2))
    typical: Decimal = Field(default=Decimal(0), sa_type=Numeric(12, 2))
    high: Decimal = Field(default=Decimal(0), sa_type=Numeric(12, 2))
    creator_ask: Decimal | None = Field(default=None, sa_type=Numeric(12, 2))
    locale: str = Field(default="nl", max_length=8)  # the channel's language for the thread
    created_by: str | None = Field(default=None, max_length=32)
    # Bumped by every recorded move; the quote's buttons carry it, so a click on an outdated
    # message (or a repeat) is recognised and changes nothing (storage.exclusivity.claim_quote).
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    created_at: datetime = stamp()
    updated_at: datetime = stamp()


class NegotiationRound(SQLModel, table=True):
    """One move in a negotiation: who changed what, and the price it led to."""

    __tablename__ = "negotiation_rounds"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    quote_id: int = Field(foreign_key="exclusivity_quotes.id", ondelete="CASCADE", index=True)
    user_id: str | None = Field(default=None, max_length=32)
    change: dict = Field(default_factory=dict, sa_type=JSON)  # {"code": ..., figures}
    low: Decimal = Field(sa_type=Numeric(12, 2))
    typical: Decimal = Field(sa_type=Numeric(12, 2))
    high: Decimal = Field(sa_type=Numeric(12, 2))
    creator_ask: Decimal | None = Field(default=None, sa_type=Numeric(12, 2))
    created_at: datetime = stamp()


class ExclusivityWindow(SQLModel, table=True):
    """An agreed exclusivity clause: what is excluded, where, and from when to when."""

    __tablename__ = "exclusivity_windows"
    __table_args__ = (Index("ix_window_creator", "team_id", "creator_id", "ends_at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    creator_id: int = Field(foreign_key="creators.id", ondelete="CASCADE")
    partnership_id: int = Field(foreign_key="partnerships.id", ondelete="CASCADE")
    quote_id: int | None = Field(
        default=None, foreign_key="exclusivity_quotes.id", ondelete="SET NULL"
    )
    scope: str = Field(max_length=16)  # domain.values.Scope
    competitors: list[str] = Field(default_factory=list, sa_type=JSON)
    platforms: list[str] = Field(default_factory=list, sa_type=JSON)  # empty: all platforms
    content_types: list[str] = Field(default_factory=list, sa_type=JSON)  # empty: all
    covers_other_accounts: bool = False
    covers_pr_packages: bool = False
    golive_at: datetime = Field(sa_column=utc_column())
    before_hours: int = 0
    after_hours: int = 0
    starts_at: datetime = Field(sa_column=utc_column())
    ends_at: datetime = Field(sa_column=utc_column())
    price: Decimal = Field(sa_type=Numeric(12, 2))
    currency: str = Field(default="EUR", max_length=3)
    status: str = Field(default="agreed", max_length=24)  # agreed, awaiting_approval, withdrawn
    approval_id: int | None = None
    created_by: str | None = Field(default=None, max_length=32)
    created_at: datetime = stamp()
    withdrawn_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
