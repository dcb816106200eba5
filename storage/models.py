"""SQLModel tables. Every row belongs to a Slack team (`team_id`); every query is scoped by it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Index, Numeric, UniqueConstraint
from sqlmodel import Column, Field, SQLModel

from domain.values import Difficulty, IPModel, KPIKind, Stage
from storage.types import StrEnumType, UTCDateTime


def _utc_column(nullable: bool = False) -> Column:
    return Column(UTCDateTime(), nullable=nullable)


def _stamp():  # noqa: ANN202 - a pydantic FieldInfo
    """A required moment (created_at, updated_at, ...) with no default: the writer in storage/
    sets it from the clock its caller passes (`now=`), never from the wall clock, so that
    the digest, the status card and every rule compare times of one clock. A row written
    without it fails on the NOT NULL column instead of quietly taking today's date."""
    return Field(sa_column=_utc_column())


class TeamSettings(SQLModel, table=True):
    """A workspace's own settings, created from DEFAULT_LOCALE and TIMEZONE on first use."""

    __tablename__ = "team_settings"

    team_id: str = Field(primary_key=True, max_length=32)
    default_locale: str = Field(max_length=8)
    timezone: str = Field(max_length=64)
    # Approvers per approval kind ({"contract": {"users": [...], "group": null, "rule": "any"}}),
    # the fallback approver and the default due/expiry (`/creator settings`).
    approval_settings: dict = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = _stamp()


class UserPreference(SQLModel, table=True):
    """A user's chosen language (`/creator language`), which wins over Slack's locale."""

    __tablename__ = "user_preferences"

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    locale: str | None = Field(default=None, max_length=8)
    slack_locale: str | None = Field(default=None, max_length=16)
    updated_at: datetime = _stamp()


class ProcessedEvent(SQLModel, table=True):
    """Events API deliveries already handled, so that Slack's retries act only once."""

    __tablename__ = "processed_events"

    team_id: str = Field(primary_key=True, max_length=32)
    event_id: str = Field(primary_key=True, max_length=64)
    received_at: datetime = _stamp()


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
    created_at: datetime = _stamp()
    updated_at: datetime = _stamp()


class Creator(SQLModel, table=True):
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
    handle: str = Field(max_length=64)  # as on the platform, lower case: "zoe.dv"
    handle_key: str = Field(max_length=64)  # for forgiving look-ups: "zoedv"
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
    created_at: datetime = _stamp()
    updated_at: datetime = _stamp()


class Partnership(SQLModel, table=True):
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
    stage_changed_at: datetime = _stamp()
    created_at: datetime = _stamp()
    updated_at: datetime = _stamp()


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
    changed_at: datetime = _stamp()


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
    recorded_at: datetime = _stamp()


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


# -- exclusivity (the exclusivity issue) -----------------------------------------------------


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
    created_at: datetime = _stamp()
    updated_at: datetime = _stamp()


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
    created_at: datetime = _stamp()


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
    golive_at: datetime = Field(sa_column=_utc_column())
    before_hours: int = 0
    after_hours: int = 0
    starts_at: datetime = Field(sa_column=_utc_column())
    ends_at: datetime = Field(sa_column=_utc_column())
    price: Decimal = Field(sa_type=Numeric(12, 2))
    currency: str = Field(default="EUR", max_length=3)
    status: str = Field(default="agreed", max_length=24)  # agreed, awaiting_approval, withdrawn
    approval_id: int | None = None
    created_by: str | None = Field(default=None, max_length=32)
    created_at: datetime = _stamp()
    withdrawn_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


# -- approvals, roadmap and durable reminders (the approvals issue) --------------------------


class ApprovalRequest(SQLModel, table=True):
    """A request for a decision, posted in a channel with buttons for its approvers."""

    __tablename__ = "approval_requests"
    __table_args__ = (Index("ix_approval_team_status", "team_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partnership_id: int | None = Field(
        default=None, foreign_key="partnerships.id", ondelete="SET NULL"
    )
    kind: str = Field(max_length=16)  # domain.values.ApprovalKind
    subject: str = Field(max_length=200)
    details: str = Field(default="", max_length=3000)
    requester_id: str = Field(max_length=32)
    approvers: list[str] = Field(default_factory=list, sa_type=JSON)  # user ids
    approver_group: str | None = Field(default=None, max_length=32)  # a user group id
    rule: str = Field(default="any", max_length=8)  # any one, or all, must approve
    fallback_approver: str | None = Field(default=None, max_length=32)
    channel_id: str | None = Field(default=None, max_length=32)
    message_ts: str | None = Field(default=None, max_length=32)
    # pending, approved, changes_requested, rejected, expired, cancelled
    status: str = Field(default="pending", max_length=24)
    version: int = 1  # raised by an edit, which invalidates the decisions so far
    due_at: datetime = Field(sa_column=_utc_column())
    expires_at: datetime = Field(sa_column=_utc_column())
    decided_by: str | None = Field(default=None, max_length=32)
    decided_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    decision_reason: str | None = Field(default=None, max_length=3000)
    source: dict = Field(default_factory=dict, sa_type=JSON)  # e.g. {"window_id": 3}
    created_at: datetime = _stamp()
    updated_at: datetime = _stamp()


class ApprovalDecision(SQLModel, table=True):
    """One approver's decision on one version of a request (at most one each)."""

    __tablename__ = "approval_decisions"
    __table_args__ = (UniqueConstraint("request_id", "version", "approver_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    request_id: int = Field(foreign_key="approval_requests.id", ondelete="CASCADE")
    version: int
    approver_id: str = Field(max_length=32)
    decision: str = Field(max_length=24)  # approve, request_changes, reject
    reason: str | None = Field(default=None, max_length=3000)
    decided_at: datetime = _stamp()


class ApprovalEvent(SQLModel, table=True):
    """The audit trail of a request: every change, decision, reminder and escalation."""

    __tablename__ = "approval_events"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    request_id: int = Field(foreign_key="approval_requests.id", ondelete="CASCADE", index=True)
    actor_id: str | None = Field(default=None, max_length=32)
    event: str = Field(max_length=32)
    details: dict = Field(default_factory=dict, sa_type=JSON)
    at: datetime = _stamp()


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
    created_at: datetime = _stamp()


class RoadmapMilestone(SQLModel, table=True):
    __tablename__ = "roadmap_milestones"
    __table_args__ = (UniqueConstraint("roadmap_id", "milestone"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    roadmap_id: int = Field(foreign_key="roadmaps.id", ondelete="CASCADE")
    milestone: str = Field(max_length=40)  # domain.roadmap.MilestoneId
    start_on: date
    due_on: date
    done_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
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
    due_at: datetime = Field(sa_column=_utc_column())
    # pending, claimed, sent, failed, uncertain, cancelled
    state: str = Field(default="pending", max_length=16)
    attempts: int = 0
    lease_until: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    claimed_by: str | None = Field(default=None, max_length=64)
    late: bool = False
    sent_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    message_ts: str | None = Field(default=None, max_length=32)
    last_error: str | None = Field(default=None, max_length=500)
    created_at: datetime = _stamp()
    # Delivery bookkeeping (migration 0004; see bot/delivery.py). A retry waits until
    # `next_attempt_at`; `attempt_started_at` is when (on the wall clock, as Slack's
    # timestamps are) an attempt whose outcome we may not know began; `needs_check` says that
    # such an attempt may have reached Slack, so the channel's history is searched for this
    # reminder's id before it is sent again.
    next_attempt_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    attempt_started_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
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
    created_at: datetime = _stamp()


class HomeRefresh(SQLModel, table=True):
    """A user's Home tab: what it shows (scope, page) and whether it needs publishing again.

    A change to something a Home tab shows raises `changes` (storage/home.py, in the changing
    transaction, without a clock); a publisher that sees `changes` ahead of `published_changes`
    sets `due_at` a debounce later by its own clock, so a burst publishes once (migration 0010).
    """

    __tablename__ = "home_refreshes"

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    scope: str = Field(default="mine", max_length=8)  # "mine" or "team"
    page: int = 0
    changes: int = 0
    published_changes: int = 0
    due_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    claimed_until: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    published_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class TeamDeparture(SQLModel, table=True):
    """A workspace that uninstalled the app (or revoked its bot token): its data is kept
    until `left_at` + the retention period (storage/departures.py), then erased; a new
    install removes the row (migration 0011)."""

    __tablename__ = "team_departures"

    team_id: str = Field(primary_key=True, max_length=32)
    left_at: datetime = _stamp()
