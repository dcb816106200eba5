"""A partnership's status: everything the status card shows, assembled from facts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from domain import approvals, flags, kpi_trends, kpis, roadmap, stages, windows
from domain.negotiation import Terms
from domain.values import ApprovalKind, IPModel, KPIKind, Stage


@dataclass(frozen=True)
class StatusFacts:
    """What is known about one partnership (loaded in bulk by storage)."""

    stage: Stage
    start_date: date | None
    end_date: date | None
    quarterly_fee: Decimal | None
    currency: str
    premium_pct: Decimal | None
    payment_terms_days: int | None
    ip_model: IPModel
    performance_incentive: str
    renewal_decided: bool
    kpi_records: Sequence[kpis.KPIRecord] = ()
    latest_kpi_period_end: date | None = None
    latest_kpi_feedback_shared: bool = False
    creator_nps: kpis.NPSAnswer | None = None  # the creator's latest answer
    # How many of the brand's creators gave each score (0-10) as their latest answer.
    brand_nps_scores: Mapping[int, int] = field(default_factory=dict)
    # Roadmap milestones done (ids), once the roadmap exists.
    milestones_done: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Term:
    start: date | None
    end: date | None
    months_total: int | None
    months_left: int | None  # whole months from today to the end; 0 in the last month
    days_left: int | None


@dataclass(frozen=True)
class PartnershipStatus:
    stage: Stage
    requirements: tuple[stages.Requirement, ...]
    term: Term
    quarterly_fee: Decimal | None
    currency: str
    fee_band: kpis.BandPosition | None
    premium_pct: Decimal | None
    premium_band: kpis.BandPosition | None
    payment_terms_days: int | None
    ip_model: IPModel
    red_flags: tuple[flags.RedFlag, ...]
    renewal_warning: flags.RenewalWarning | None
    trends: dict[kpis.KPIKind | kpis.DerivedKPI, kpi_trends.Trend] = field(default_factory=dict)
    cpae: kpis.CPAE | None = None
    latest_nps: kpis.NPSAnswer | None = None
    brand_nps: kpis.CreatorNPS | None = None


def months_between(start: date, end: date) -> int:
    """Whole calendar months from start to end (negative when end is earlier)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


def term_of(facts: StatusFacts, today: date) -> Term:
    total = None
    if facts.start_date and facts.end_date:
        # The end date is the contract's last day: 1 Jan - 31 Dec is 12 months.
        total = months_between(facts.start_date, facts.end_date + timedelta(days=1))
    left = days = None
    if facts.end_date:
        days = (facts.end_date - today).days
        left = max(months_between(today, facts.end_date), 0) if days >= 0 else 0
    return Term(facts.start_date, facts.end_date, total, left, days)


def assemble(facts: StatusFacts, today: date) -> PartnershipStatus:
    """The status card's content for one partnership on a given day."""
    term = term_of(facts, today)
    flag_facts = flags.PartnershipFacts(
        stage=facts.stage,
        payment_terms_days=facts.payment_terms_days,
        ip_model=facts.ip_model,
        end_date=facts.end_date,
        renewal_decided=facts.renewal_decided,
        latest_kpi_period_end=facts.latest_kpi_period_end,
        latest_kpi_feedback_shared=facts.latest_kpi_feedback_shared,
    )
    recorded = frozenset(record.kind for record in facts.kpi_records)
    stage_facts = stages.StageFacts(
        stage=facts.stage,
        kpis_recorded=recorded,
        kickoff_scheduled=facts.start_date is not None,
        kickoff_held="kickoff" in facts.milestones_done,
        first_party_data_shared="share_first_party_data" in facts.milestones_done,
        briefing_canvas_agreed="briefing_canvas" in facts.milestones_done,
        ip_model=facts.ip_model,
        contract_signed=facts.payment_terms_days is not None and facts.end_date is not None,
        payment_terms_days=facts.payment_terms_days,
        term_months=term.months_total,
        performance_incentive=bool(facts.performance_incentive.strip()),
        renewal_decided=facts.renewal_decided,
    )
    fee_band = (
        kpis.fee_band(facts.quarterly_fee, facts.currency)
        if facts.quarterly_fee is not None
        else None
    )
    premium_band = kpis.premium_band(facts.premium_pct) if facts.premium_pct is not None else None
    return PartnershipStatus(
        stage=facts.stage,
        requirements=stages.next_stage_requirements(stage_facts),
        term=term,
        quarterly_fee=facts.quarterly_fee,
        currency=facts.currency,
        fee_band=fee_band,
        premium_pct=facts.premium_pct,
        premium_band=premium_band,
        payment_terms_days=facts.payment_terms_days,
        ip_model=facts.ip_model,
        red_flags=flags.red_flags(flag_facts, today),
        renewal_warning=flags.renewal_warning(flag_facts, today),
        trends=kpi_trends.trends(facts.kpi_records),
        cpae=kpis.cpae(facts.kpi_records),
        latest_nps=facts.creator_nps,
        brand_nps=kpis.creator_nps_of_scores(facts.brand_nps_scores),
    )


KPI_ORDER: tuple[KPIKind, ...] = tuple(KPIKind)


# -- the whole card: the partnership's status with its roadmap, windows and approvals ---------
@dataclass(frozen=True)
class PendingFacts:
    """A pending approval request of the partnership, with this version's decisions."""

    kind: ApprovalKind
    subject: str
    request: approvals.RequestFacts
    decisions: Mapping[str, approvals.Decision]


@dataclass(frozen=True)
class WindowFacts:
    """An exclusivity window in force (agreed or awaiting approval)."""

    terms: Terms
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class RoadmapOnCard:
    """The partnership's roadmap as stored, and what its data-tied milestones look at."""

    roadmap_id: int
    owner_id: str | None
    states: Mapping[str, roadmap.MilestoneState]
    facts: roadmap.RoadmapFacts


@dataclass(frozen=True)
class CardFacts:
    """Every fact the status card shows, loaded by `storage.status.status_facts`."""

    partnership_id: int
    creator_name: str
    handle: str
    brand_name: str | None
    owner_user_id: str | None
    status: StatusFacts
    roadmap: RoadmapOnCard | None = None
    windows: tuple[WindowFacts, ...] = ()  # oldest start first
    pending: tuple[PendingFacts, ...] = ()  # soonest due first


@dataclass(frozen=True)
class CardApproval:
    kind: ApprovalKind
    subject: str
    due_at: datetime
    overdue: bool
    waiting: tuple[str, ...]  # the approvers still to decide


@dataclass(frozen=True)
class CardWindow:
    terms: Terms
    start: date  # in the team's time zone
    end: date
    active: bool  # else upcoming


@dataclass(frozen=True)
class CardRoadmap:
    roadmap_id: int
    owner_id: str | None
    start_on: date
    weeks: int
    progress: roadmap.RoadmapProgress


@dataclass(frozen=True)
class StatusCard:
    """What the status card shows, as facts and codes (`handlers.blocks.status` words it)."""

    partnership_id: int
    creator_name: str
    handle: str
    brand_name: str | None
    owner_user_id: str | None
    status: PartnershipStatus
    timezone: str  # the team's: due times and window dates are shown in it
    roadmap: CardRoadmap | None = None
    windows: tuple[CardWindow, ...] = ()
    approvals: tuple[CardApproval, ...] = ()


MAX_CARD_WINDOWS = 5


def assemble_card(facts: CardFacts, now: datetime, timezone: str) -> StatusCard:
    """The status card at `now` (the app's clock) for a team in `timezone`."""
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    day_start = datetime.combine(today, time(0, 0), tzinfo=zone).astimezone(UTC)
    status_facts = facts.status
    card_roadmap = None
    if facts.roadmap is not None:
        loaded = facts.roadmap
        auto_done = roadmap.auto_complete(loaded.facts)
        progress = roadmap.progress(loaded.facts.start, loaded.states, today, auto_done=auto_done)
        # Milestones done by hand or as the data shows count for the stage's needs.
        done = frozenset(m for m, s in loaded.states.items() if s.done) | frozenset(auto_done)
        status_facts = replace(status_facts, milestones_done=done)
        card_roadmap = CardRoadmap(
            roadmap_id=loaded.roadmap_id,
            owner_id=loaded.owner_id,
            start_on=loaded.facts.start,
            weeks=roadmap.DEFAULT_TEMPLATE.weeks,
            progress=progress,
        )
    card_windows = []
    for window in facts.windows:
        state = windows.day_state(window.starts_at, window.ends_at, day_start)
        if state is not None:
            card_windows.append(
                CardWindow(
                    terms=window.terms,
                    start=window.starts_at.astimezone(zone).date(),
                    end=window.ends_at.astimezone(zone).date(),
                    active=state == "active",
                )
            )
    pending = tuple(
        CardApproval(
            kind=item.kind,
            subject=item.subject,
            due_at=item.request.due_at,
            overdue=now >= item.request.due_at,
            waiting=approvals.outstanding(item.request, item.decisions),
        )
        for item in facts.pending
        if not approvals.is_expired(item.request, now)
    )
    return StatusCard(
        partnership_id=facts.partnership_id,
        creator_name=facts.creator_name,
        handle=facts.handle,
        brand_name=facts.brand_name,
        owner_user_id=facts.owner_user_id,
        status=assemble(status_facts, today),
        timezone=timezone,
        roadmap=card_roadmap,
        windows=tuple(card_windows[:MAX_CARD_WINDOWS]),
        approvals=pending,
    )


def card_reads_the_same_until(facts: CardFacts, now: datetime, timezone: str) -> datetime:
    """Until when the card assembled at `now` reads the same while its facts stay as they
    are: the team's next midnight (days left, the roadmap's week, windows, flags), or sooner
    the moment a pending approval falls overdue or expires."""
    zone = ZoneInfo(timezone)
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    moments = [datetime.combine(tomorrow, time(0, 0), tzinfo=zone).astimezone(UTC)]
    for item in facts.pending:
        moments += [m for m in (item.request.due_at, item.request.expires_at) if m > now]
    return min(moments)
