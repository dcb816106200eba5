"""Scheduled work: partnership roadmaps and their milestones, reminders, digest subscriptions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.columns import stamp, utc_column


class Roadmap(SQLModel, table=True):
    """A partnership's 12-week roadmap (its milestones are rows of their own)."""

    __tablename__ = "roadmaps"
    __table_args__ = (UniqueConstraint("team_id", "partnership_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partnership_id: int = Field(foreign_key="partnerships.id", ondelete="CASCADE")
    start_on: date
    owner_id: str | None = Field(default=None, max_length=32)
    created_by: str | None = Field(default=None, max_length=32)
    created_at: datetime = stamp()


class RoadmapMilestone(SQLModel, table=True):
    __tablename__ = "roadmap_milestones"
    __table_args__ = (UniqueConstraint("roadmap_id", "milestone"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    roadmap_id: int = Field(foreign_key="roadmaps.id", ondelete="CASCADE")
    milestone: str = Field(max_length=40)  # domain.roadmap.MilestoneId
    start_on: date
    due_on: date
    done_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    done_by: str | None = Field(default=None, max_length=32)  # "auto" when data completed it


class Reminder(SQLModel, table=True):
    """A scheduled message: due time, delivery state, and what to say (rendered when sent).

    `dedupe_key` makes scheduling idempotent (one row per reminder, however often a handler
    asks); the clock claims a due row with a lease before it sends it.
    """

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("team_id", "dedupe_key"),
        Index("ix_reminder_due", "state", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    kind: str = Field(max_length=32)  # who renders it: approval_reminder, roadmap_week, ...
    dedupe_key: str = Field(max_length=160)
    subject_id: int | None = None  # e.g. the approval request or roadmap id
    payload: dict = Field(default_factory=dict, sa_type=JSON)
    channel_id: str | None = Field(default=None, max_length=32)
    thread_ts: str | None = Field(default=None, max_length=32)
    due_at: datetime = Field(sa_column=utc_column())
    # pending, claimed, sent, failed, uncertain, cancelled
    state: str = Field(default="pending", max_length=16)
    attempts: int = 0
    lease_until: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    claimed_by: str | None = Field(default=None, max_length=64)
    late: bool = False
    sent_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    message_ts: str | None = Field(default=None, max_length=32)
    last_error: str | None = Field(default=None, max_length=500)
    created_at: datetime = stamp()
    # Delivery bookkeeping (migration 0004; see bot/delivery.py). A retry waits until
    # `next_attempt_at`; `attempt_started_at` is when (on the wall clock, as Slack's
    # timestamps are) an attempt whose outcome we may not know began; `needs_check` says that
    # such an attempt may have reached Slack, so the channel's history is searched for this
    # reminder's id before it is sent again.
    next_attempt_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    attempt_started_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    needs_check: bool = False


class DigestSubscription(SQLModel, table=True):
    """A channel's weekly digest: on which weekday, at what local time, in which language."""

    __tablename__ = "digest_subscriptions"
    __table_args__ = (UniqueConstraint("team_id", "channel_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    channel_id: str = Field(max_length=32)
    weekday: int = 0  # Monday = 0
    local_time: str = Field(default="09:00", max_length=5)
    locale: str = Field(default="nl", max_length=8)
    created_by: str | None = Field(default=None, max_length=32)
    created_at: datetime = stamp()
