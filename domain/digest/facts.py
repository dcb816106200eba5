"""What the weekly digest is assembled from: the facts storage loads in bulk
(storage/digest_facts.py), and the roadmap facts data-tied completion looks at, built from them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from domain import kpis
from domain.kpis import KPIRecord
from domain.roadmap import RoadmapFacts
from domain.values import IPModel, KPIKind, Scope, Stage

DAYS_PER_WEEK = 7  # "since last week" is the digest's moment minus these days


# -- facts (what storage loads) ---------------------------------------------------------------
@dataclass(frozen=True)
class PartnershipFact:
    """One partnership as the digest sees it (archived and erased creators are left out)."""

    partnership_id: int
    creator_name: str
    brand_id: int
    brand_name: str
    stage: Stage
    end_date: date | None = None
    quarterly_fee: Decimal | None = None
    currency: str = "EUR"
    premium_pct: Decimal | None = None
    payment_terms_days: int | None = 30
    ip_model: IPModel = IPModel.SHARED
    renewal_decided: bool = False
    latest_period_end: date | None = None
    latest_feedback_shared: bool = False
    stage_since: date | None = None  # the day it entered its current stage


@dataclass(frozen=True)
class StageMove:
    """One recorded stage change (from_stage None: the partnership was created)."""

    partnership_id: int
    from_stage: Stage | None
    to_stage: Stage
    changed_at: datetime


@dataclass(frozen=True)
class ApprovalFact:
    """A pending approval request and who it still waits on."""

    request_id: int
    partnership_id: int | None
    kind: str  # domain.values.ApprovalKind
    subject: str
    requester: str
    waiting_on: tuple[str, ...]
    due_at: datetime
    channel_id: str | None = None


@dataclass(frozen=True)
class MilestoneFact:
    """An open roadmap milestone (not marked done) with its current due date."""

    partnership_id: int
    milestone: str  # domain.roadmap.MilestoneId
    due_on: date


@dataclass(frozen=True)
class WindowFact:
    """An exclusivity window in force (agreed or awaiting approval)."""

    window_id: int
    partnership_id: int
    scope: Scope
    competitors: tuple[str, ...]
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class SpendTotal:
    """The portfolio's spend and authentic engagements over the KPI periods that ended on one
    day, in one currency (only periods with both recorded: a CPAE can be computed for them)."""

    period_end: date
    currency: str
    spend: Decimal
    engagements: Decimal


@dataclass(frozen=True)
class BrandAnswer:
    """An NPS answer about a brand (the brand's Creator NPS is over its creators' latest)."""

    brand_id: int | None  # None: an answer recorded without a brand
    creator_id: int
    answered_on: date
    score: int


@dataclass(frozen=True)
class DigestFacts:
    partnerships: Sequence[PartnershipFact] = ()
    moves: Sequence[StageMove] = ()  # stage changes since last week, oldest first
    approvals: Sequence[ApprovalFact] = ()
    milestones: Sequence[MilestoneFact] = ()
    # What data-tied completion looks at, by partnership id (domain.roadmap.auto_complete):
    # a milestone the data shows done is not reported as due or overdue.
    roadmap_facts: Mapping[int, RoadmapFacts] = field(default_factory=dict)
    windows: Sequence[WindowFact] = ()
    spend: Sequence[SpendTotal] = ()
    nps_answers: Sequence[BrandAnswer] = ()
    brands: Mapping[int, str] = field(default_factory=dict)


# -- data-tied roadmap completion from bulk facts --------------------------------------------
def roadmap_facts_from(
    *,
    start: date,
    latest_by_kind: Mapping[KPIKind, date],
    latest_shared_period_end: date | None,
    latest_answer_on: date | None,
    p: PartnershipFact,
    exclusivity_settled: bool,
) -> RoadmapFacts:
    """RoadmapFacts for auto-completion from per-kind latest period ends (what
    `auto_complete` looks at: whether a kind was recorded, and whether since the start)."""
    records = tuple(KPIRecord(kind, end, end, Decimal(0)) for kind, end in latest_by_kind.items())
    return RoadmapFacts(
        start=start,
        kpi_records=records,
        nps_answers=(
            (kpis.NPSAnswer(str(p.partnership_id), latest_answer_on, 0),)
            if latest_answer_on
            else ()
        ),
        ip_model=p.ip_model,
        exclusivity_settled=exclusivity_settled,
        contract_signed=p.payment_terms_days is not None and p.end_date is not None,
        payment_terms_days=p.payment_terms_days,
        feedback_shared_period_ends=(latest_shared_period_end,) if latest_shared_period_end else (),
        renewal_decided=p.renewal_decided,
    )
