"""A partnership's status: everything the status card shows, assembled from facts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from domain import flags, kpis, stages
from domain.values import IPModel, KPIKind, Stage


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
    trends: dict[kpis.KPIKind | kpis.DerivedKPI, kpis.Trend] = field(default_factory=dict)
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
        trends=kpis.trends(facts.kpi_records),
        cpae=kpis.cpae(facts.kpi_records),
        latest_nps=facts.creator_nps,
        brand_nps=kpis.creator_nps_of_scores(facts.brand_nps_scores),
    )


KPI_ORDER: tuple[KPIKind, ...] = tuple(KPIKind)
