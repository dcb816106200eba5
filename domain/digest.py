"""The weekly digest: what changed, what is at risk, what is due, assembled from facts.

Plain Python over facts loaded in bulk (storage/digests.py): no per-partnership look-ups, so a
workspace of thousands of partnerships costs the same handful of queries as one of ten. The
result is a `Digest` of sections with codes and figures; each section is None when it has
nothing to say, and the handlers' builders turn it into Dutch or English.

"Since last week" is the digest's moment minus 7 days: last week's figures are computed from
the same facts (stage changes reversed, KPI periods up to that day, NPS answers up to then).
Fees and premiums are not versioned, so their change since last week reflects partnerships
that started or ended, not edits of a fee.

The subscription grammar (`/creator digest subscribe [#channel] [weekday] [HH:MM] [nl|en]`)
is parsed here too, in Dutch and English.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from domain import flags, kpis
from domain.kpis import KPIRecord
from domain.roadmap import RoadmapFacts, auto_complete
from domain.values import IPModel, KPIKind, Scope, Stage

DAYS_PER_WEEK = 7
# issue: a channel's digest defaults to Monday 09:00 in the team's time zone.
DEFAULT_WEEKDAY = 0
DEFAULT_TIME = time(9, 0)
# issue: exclusivity windows starting or ending within the next 14 days.
WINDOW_HORIZON_DAYS = 14
# domain.md: contracts ending within 30 days with no renewal decision (the flags' warning).
RENEWAL_HORIZON_DAYS = flags.RENEWAL_WARNING_DAYS
# default: the portfolio CPAE is taken over the KPI periods that ended in the last quarter
# (91 days), so a week's new periods move it visibly while one odd period does not swing it.
CPAE_WINDOW_DAYS = 91
# default: the sparklines show the figure at the end of each of the last 8 weeks.
SPARKLINE_WEEKS = kpis.SPARKLINE_LENGTH
# How far back the KPI facts reach: the oldest sparkline point's window.
KPI_LOOKBACK_DAYS = CPAE_WINDOW_DAYS + DAYS_PER_WEEK * (SPARKLINE_WEEKS - 1)


def _percent(part: int, whole: int) -> Decimal:
    """part / whole in percent, rounded half-up to one decimal (as domain.kpis rounds)."""
    return (Decimal(part) * 100 / Decimal(whole)).quantize(
        kpis.PERCENT_PRECISION, rounding=ROUND_HALF_UP
    )


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


# -- the digest (what the builders show) -------------------------------------------------------
@dataclass(frozen=True)
class StageCount:
    stage: Stage
    count: int
    change: int  # since last week


@dataclass(frozen=True)
class Move:
    partnership_id: int
    creator_name: str
    brand_name: str
    from_stage: Stage | None  # None: new this week
    to_stage: Stage


@dataclass(frozen=True)
class StagesSection:
    counts: tuple[StageCount, ...]
    moves: tuple[Move, ...]


@dataclass(frozen=True)
class Flagged:
    """A partnership with red flags standing, newest flag first."""

    partnership_id: int
    creator_name: str
    brand_name: str
    flags: tuple[flags.RedFlag, ...]

    @property
    def newest(self) -> date | None:
        return max((f.since for f in self.flags if f.since), default=None)


@dataclass(frozen=True)
class ApprovalItem:
    request_id: int
    partnership_id: int | None
    creator_name: str | None
    brand_name: str | None
    kind: str
    subject: str
    requester: str
    waiting_on: tuple[str, ...]
    due_at: datetime
    overdue: bool
    channel_id: str | None


@dataclass(frozen=True)
class ApprovalsSection:
    items: tuple[ApprovalItem, ...]  # overdue first, then soonest due

    @property
    def overdue(self) -> int:
        return sum(item.overdue for item in self.items)


@dataclass(frozen=True)
class MilestoneItem:
    partnership_id: int
    creator_name: str
    brand_name: str
    milestone: str
    due_on: date
    overdue: bool


@dataclass(frozen=True)
class MilestonesSection:
    overdue: tuple[MilestoneItem, ...]  # oldest due date first
    due: tuple[MilestoneItem, ...]  # due from today to the end of the digest's week


class WindowEdge(StrEnum):
    STARTS = "starts"
    ENDS = "ends"


@dataclass(frozen=True)
class WindowItem:
    window_id: int
    partnership_id: int
    creator_name: str
    brand_name: str
    scope: Scope
    competitors: tuple[str, ...]
    edge: WindowEdge
    at: datetime


@dataclass(frozen=True)
class RenewalItem:
    partnership_id: int
    creator_name: str
    brand_name: str
    end_date: date
    days_left: int  # negative: the contract has ended without a decision


@dataclass(frozen=True)
class CPAEFigure:
    """The portfolio's CPAE (in euros) over the last quarter's periods."""

    value: Decimal
    previous: Decimal | None  # a week ago
    status: kpis.TargetStatus
    series: tuple[Decimal | None, ...]  # at the end of each of the last weeks, oldest first

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.value - self.previous


@dataclass(frozen=True)
class BrandNPS:
    brand_id: int
    brand_name: str
    score: Decimal
    respondents: int
    previous: Decimal | None
    status: kpis.TargetStatus
    series: tuple[Decimal | None, ...]

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.score - self.previous


@dataclass(frozen=True)
class BandShare:
    """How many partnerships fall below, within and above a seed band."""

    below: int
    within: int
    above: int
    previous_share: Decimal | None  # the share within, a week ago (percent, one decimal)

    @property
    def counted(self) -> int:
        return self.below + self.within + self.above

    @property
    def share(self) -> Decimal:
        """Percent within the band, to one decimal."""
        return _percent(self.within, self.counted) if self.counted else Decimal(0)

    @property
    def change(self) -> Decimal | None:
        return None if self.previous_share is None else self.share - self.previous_share


@dataclass(frozen=True)
class KPIsSection:
    cpae: CPAEFigure | None
    nps: tuple[BrandNPS, ...]  # brands missing the target first
    fees: BandShare | None  # quarterly fees in euros against €15,000-€50,000
    premium: BandShare | None  # premiums against 30-40 %


@dataclass(frozen=True)
class Digest:
    today: date  # the digest's day in the team's time zone
    since: date  # a week before
    partnerships: int  # live partnerships (not ended)
    stages: StagesSection | None = None
    flags: tuple[Flagged, ...] | None = None
    approvals: ApprovalsSection | None = None
    milestones: MilestonesSection | None = None
    windows: tuple[WindowItem, ...] | None = None
    renewals: tuple[RenewalItem, ...] | None = None
    kpis: KPIsSection | None = None

    @property
    def empty(self) -> bool:
        """Nothing to say this week: the digest is one line."""
        return all(
            section is None
            for section in (
                self.stages,
                self.flags,
                self.approvals,
                self.milestones,
                self.windows,
                self.renewals,
                self.kpis,
            )
        )


# -- assembling --------------------------------------------------------------------------------
def assemble(facts: DigestFacts, now: datetime, today: date) -> Digest:
    """The digest at `now` (aware), `today` being its date in the team's time zone."""
    if now.tzinfo is None:
        raise ValueError("assemble takes an aware `now`")
    by_id = {p.partnership_id: p for p in facts.partnerships}
    since = today - timedelta(days=DAYS_PER_WEEK)
    live = sum(1 for p in facts.partnerships if p.stage is not Stage.ENDED)
    last_week_stage = _stages_a_week_ago(facts.partnerships, facts.moves)
    judged = [(p, flag_facts(p)) for p in facts.partnerships if p.stage is not Stage.ENDED]
    return Digest(
        today=today,
        since=since,
        partnerships=live,
        stages=_stages(facts, by_id, last_week_stage),
        flags=_flags(judged, today),
        approvals=_approvals(facts.approvals, by_id, now),
        milestones=_milestones(facts, by_id, today),
        windows=_windows(facts.windows, by_id, now),
        renewals=_renewals(judged, today),
        kpis=_kpis(facts, today, last_week_stage),
    )


def _stages_a_week_ago(
    partnerships: Sequence[PartnershipFact], moves: Sequence[StageMove]
) -> dict[int, Stage | None]:
    """Each partnership's stage a week ago (None: it did not exist yet), by undoing the
    week's moves: the stage before the first move of the week."""
    first_move: dict[int, StageMove] = {}
    for move in sorted(moves, key=lambda m: m.changed_at):
        first_move.setdefault(move.partnership_id, move)
    stages: dict[int, Stage | None] = {}
    for p in partnerships:
        move = first_move.get(p.partnership_id)
        stages[p.partnership_id] = p.stage if move is None else move.from_stage
    return stages


def _stages(
    facts: DigestFacts,
    by_id: Mapping[int, PartnershipFact],
    last_week: Mapping[int, Stage | None],
) -> StagesSection | None:
    """Partnerships per stage with the change since last week, and the week's net moves."""
    moves = []
    for pid in dict.fromkeys(m.partnership_id for m in facts.moves):
        partnership = by_id.get(pid)
        if partnership is None:
            continue  # archived since, or another team's
        before = last_week.get(pid)
        if before == partnership.stage:
            continue  # moved and back again: no net move
        moves.append(
            Move(pid, partnership.creator_name, partnership.brand_name, before, partnership.stage)
        )
    if not moves:
        return None
    now_counts: dict[Stage, int] = defaultdict(int)
    then_counts: dict[Stage, int] = defaultdict(int)
    for p in facts.partnerships:
        now_counts[p.stage] += 1
        before = last_week.get(p.partnership_id)
        if before is not None:
            then_counts[before] += 1
    counts = tuple(
        StageCount(stage, now_counts[stage], now_counts[stage] - then_counts[stage])
        for stage in Stage
        if (now_counts[stage] and stage is not Stage.ENDED)
        or now_counts[stage] != then_counts[stage]
    )
    order = {stage: n for n, stage in enumerate(Stage)}
    moves.sort(key=lambda m: (order[m.to_stage], m.creator_name.casefold(), m.partnership_id))
    return StagesSection(counts, tuple(moves))


def flag_facts(p: PartnershipFact) -> flags.PartnershipFacts:
    return flags.PartnershipFacts(
        stage=p.stage,
        payment_terms_days=p.payment_terms_days,
        ip_model=p.ip_model,
        end_date=p.end_date,
        renewal_decided=p.renewal_decided,
        latest_kpi_period_end=p.latest_period_end,
        latest_kpi_feedback_shared=p.latest_feedback_shared,
        # Production starts when the partnership enters the creative guardrails.
        production_started_on=p.stage_since if p.stage is Stage.GUARDRAILS else None,
    )


Judged = Sequence[tuple[PartnershipFact, flags.PartnershipFacts]]


def _flags(partnerships: Judged, today: date) -> tuple[Flagged, ...] | None:
    """Partnerships with red flags, newest flag first (undated ones last, by name)."""
    flagged = []
    for p, judged in partnerships:
        found = flags.red_flags(judged, today)
        if found:
            flagged.append(
                Flagged(
                    p.partnership_id, p.creator_name, p.brand_name, tuple(flags.newest_first(found))
                )
            )
    if not flagged:
        return None
    flagged.sort(key=lambda f: (f.creator_name.casefold(), f.partnership_id))
    dated = sorted((f for f in flagged if f.newest), key=lambda f: f.newest, reverse=True)
    return tuple(dated + [f for f in flagged if not f.newest])


def _approvals(
    approvals: Sequence[ApprovalFact], by_id: Mapping[int, PartnershipFact], now: datetime
) -> ApprovalsSection | None:
    items = []
    for a in approvals:
        partnership = by_id.get(a.partnership_id) if a.partnership_id is not None else None
        items.append(
            ApprovalItem(
                request_id=a.request_id,
                partnership_id=a.partnership_id,
                creator_name=partnership.creator_name if partnership else None,
                brand_name=partnership.brand_name if partnership else None,
                kind=a.kind,
                subject=a.subject,
                requester=a.requester,
                waiting_on=a.waiting_on,
                due_at=a.due_at,
                overdue=a.due_at <= now,
                channel_id=a.channel_id,
            )
        )
    if not items:
        return None
    items.sort(key=lambda i: (not i.overdue, i.due_at, i.request_id))
    return ApprovalsSection(tuple(items))


def _milestones(
    facts: DigestFacts, by_id: Mapping[int, PartnershipFact], today: date
) -> MilestonesSection | None:
    """Open milestones overdue (due before today) and due from today to the week's end."""
    week_end = today + timedelta(days=DAYS_PER_WEEK - 1)
    auto_done: dict[int, set[str]] = {}
    overdue, due = [], []
    for m in facts.milestones:
        partnership = by_id.get(m.partnership_id)
        if partnership is None or partnership.stage is Stage.ENDED or m.due_on > week_end:
            continue
        if m.partnership_id not in auto_done:
            roadmap = facts.roadmap_facts.get(m.partnership_id)
            auto_done[m.partnership_id] = auto_complete(roadmap) if roadmap else set()
        if m.milestone in auto_done[m.partnership_id]:
            continue
        item = MilestoneItem(
            m.partnership_id,
            partnership.creator_name,
            partnership.brand_name,
            m.milestone,
            m.due_on,
            overdue=m.due_on < today,
        )
        (overdue if item.overdue else due).append(item)
    if not overdue and not due:
        return None

    def order(item: MilestoneItem) -> tuple:
        return (item.due_on, item.creator_name.casefold(), item.partnership_id)

    return MilestonesSection(tuple(sorted(overdue, key=order)), tuple(sorted(due, key=order)))


def _windows(
    windows: Sequence[WindowFact], by_id: Mapping[int, PartnershipFact], now: datetime
) -> tuple[WindowItem, ...] | None:
    """Windows starting or ending from now to 14 days ahead, soonest first."""
    horizon = now + timedelta(days=WINDOW_HORIZON_DAYS)
    items = []
    for w in windows:
        partnership = by_id.get(w.partnership_id)
        if partnership is None:
            continue
        for edge, at in ((WindowEdge.STARTS, w.starts_at), (WindowEdge.ENDS, w.ends_at)):
            if now <= at <= horizon:
                items.append(
                    WindowItem(
                        w.window_id,
                        w.partnership_id,
                        partnership.creator_name,
                        partnership.brand_name,
                        w.scope,
                        w.competitors,
                        edge,
                        at,
                    )
                )
    items.sort(key=lambda i: (i.at, i.window_id, i.edge != WindowEdge.STARTS))
    return tuple(items) or None


def _renewals(partnerships: Judged, today: date) -> tuple[RenewalItem, ...] | None:
    items = []
    for p, judged in partnerships:
        warning = flags.renewal_warning(judged, today)
        if warning is not None:
            items.append(
                RenewalItem(
                    p.partnership_id,
                    p.creator_name,
                    p.brand_name,
                    warning.end_date,
                    warning.days_left,
                )
            )
    items.sort(key=lambda i: (i.end_date, i.creator_name.casefold(), i.partnership_id))
    return tuple(items) or None


# -- KPIs --------------------------------------------------------------------------------------
def week_ends(today: date, weeks: int = SPARKLINE_WEEKS) -> list[date]:
    """The days the sparkline points stand for: today and the same weekday before, oldest
    first."""
    return [today - timedelta(days=DAYS_PER_WEEK * n) for n in range(weeks - 1, -1, -1)]


def portfolio_cpae(spend: Iterable[SpendTotal], on: date) -> Decimal | None:
    """The portfolio's CPAE in euros over the periods that ended in the quarter up to `on`."""
    first = on - timedelta(days=CPAE_WINDOW_DAYS - 1)
    records = []
    for total in spend:
        if total.currency != kpis.TARGET_CURRENCY or not first <= total.period_end <= on:
            continue
        records.append(
            KPIRecord(
                KPIKind.SPEND, total.period_end, total.period_end, total.spend, total.currency
            )
        )
        records.append(
            KPIRecord(
                KPIKind.AUTHENTIC_ENGAGEMENTS, total.period_end, total.period_end, total.engagements
            )
        )
    figure = kpis.cpae(records)
    return figure.value if figure else None


def _cpae(spend: Sequence[SpendTotal], today: date) -> CPAEFigure | None:
    series = tuple(portfolio_cpae(spend, day) for day in week_ends(today))
    value = series[-1]
    if value is None:
        return None
    return CPAEFigure(
        value=value,
        previous=series[-2] if len(series) > 1 else None,
        status=kpis.cpae_status(value, kpis.TARGET_CURRENCY),
        series=series,
    )


def brand_nps_on(answers: Iterable[BrandAnswer], on: date) -> kpis.CreatorNPS | None:
    """A brand's Creator NPS over its creators' latest answers given up to `on`."""
    return kpis.creator_nps(
        kpis.NPSAnswer(str(a.creator_id), a.answered_on, a.score)
        for a in answers
        if a.answered_on <= on
    )


def nps_series(
    answers: Sequence[BrandAnswer], days: Sequence[date]
) -> list[kpis.CreatorNPS | None]:
    """`brand_nps_on` for each of `days` (ascending) in one pass over the answers: each
    creator's latest answer, of two on one day the later in the input (as domain.kpis)."""
    ordered = sorted(answers, key=lambda a: a.answered_on)  # stable: input order per day
    latest: dict[int, int] = {}  # creator -> score
    counts = dict.fromkeys(kpis.NPSClass, 0)
    series: list[kpis.CreatorNPS | None] = []
    position = 0
    for day in days:
        while position < len(ordered) and ordered[position].answered_on <= day:
            answer = ordered[position]
            known = latest.get(answer.creator_id)
            if known is not None:
                counts[kpis.nps_class(known)] -= 1
            latest[answer.creator_id] = answer.score
            counts[kpis.nps_class(answer.score)] += 1
            position += 1
        total = sum(counts.values())
        if not total:
            series.append(None)
            continue
        promoters, detractors = counts[kpis.NPSClass.PROMOTER], counts[kpis.NPSClass.DETRACTOR]
        score = _percent(promoters - detractors, total)
        series.append(
            kpis.CreatorNPS(
                score=score,
                promoters=promoters,
                passives=counts[kpis.NPSClass.PASSIVE],
                detractors=detractors,
                status=kpis.nps_status(score),
            )
        )
    return series


def _nps(facts: DigestFacts, today: date) -> tuple[BrandNPS, ...]:
    by_brand: dict[int, list[BrandAnswer]] = defaultdict(list)
    for answer in facts.nps_answers:
        if answer.brand_id is not None:
            by_brand[answer.brand_id].append(answer)
    days = week_ends(today)
    figures = []
    for brand_id, answers in by_brand.items():
        series = nps_series(answers, days)
        latest = series[-1]
        if latest is None:
            continue
        previous = series[-2] if len(series) > 1 else None
        figures.append(
            BrandNPS(
                brand_id=brand_id,
                brand_name=facts.brands.get(brand_id, "?"),
                score=latest.score,
                respondents=latest.respondents,
                previous=previous.score if previous else None,
                status=latest.status,
                series=tuple(f.score if f else None for f in series),
            )
        )
    figures.sort(key=lambda b: (b.status is kpis.TargetStatus.MET, b.brand_name.casefold()))
    return tuple(figures)


def _band_share(
    values: Sequence[tuple[Decimal, bool]], position: Callable[[Decimal], kpis.BandPosition]
) -> BandShare | None:
    """`values`: (figure, counted a week ago) for each live partnership with the figure."""
    if not values:
        return None
    now_counts = {
        kpis.BandPosition.BELOW: 0,
        kpis.BandPosition.WITHIN: 0,
        kpis.BandPosition.ABOVE: 0,
    }
    then_within = then_counted = 0
    for value, then in values:
        where = position(value)
        now_counts[where] += 1
        if then:
            then_counted += 1
            then_within += where is kpis.BandPosition.WITHIN
    return BandShare(
        below=now_counts[kpis.BandPosition.BELOW],
        within=now_counts[kpis.BandPosition.WITHIN],
        above=now_counts[kpis.BandPosition.ABOVE],
        previous_share=_percent(then_within, then_counted) if then_counted else None,
    )


def _kpis(
    facts: DigestFacts, today: date, last_week: Mapping[int, Stage | None]
) -> KPIsSection | None:
    """The four figures against their seed targets. The section speaks when a figure moved
    since last week or misses its target; steady figures on target make no news."""
    live = [p for p in facts.partnerships if p.stage is not Stage.ENDED]

    def was_live(p: PartnershipFact) -> bool:
        before = last_week.get(p.partnership_id)
        return before is not None and before is not Stage.ENDED

    fees = _band_share(
        [
            (p.quarterly_fee, was_live(p))
            for p in live
            if p.quarterly_fee is not None and p.currency == kpis.TARGET_CURRENCY
        ],
        lambda fee: kpis.fee_band(fee, kpis.TARGET_CURRENCY),
    )
    premium = _band_share(
        [(p.premium_pct, was_live(p)) for p in live if p.premium_pct is not None],
        kpis.premium_band,
    )
    section = KPIsSection(
        cpae=_cpae(facts.spend, today), nps=_nps(facts, today), fees=fees, premium=premium
    )
    if section.cpae is None and not section.nps and fees is None and premium is None:
        return None
    news = (
        (
            section.cpae is not None
            and (section.cpae.change or section.cpae.status is kpis.TargetStatus.NOT_MET)
        )
        or any(b.change or b.status is kpis.TargetStatus.NOT_MET for b in section.nps)
        or any(
            band is not None and (band.change or band.below or band.above)
            for band in (fees, premium)
        )
    )
    return section if news else None


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


# -- the subscription grammar ------------------------------------------------------------------
WEEKDAYS: Mapping[str, int] = {
    **dict.fromkeys(("monday", "mon", "maandag", "ma"), 0),
    **dict.fromkeys(("tuesday", "tue", "tues", "dinsdag", "di"), 1),
    **dict.fromkeys(("wednesday", "wed", "woensdag", "wo"), 2),
    **dict.fromkeys(("thursday", "thu", "thur", "thurs", "donderdag", "do"), 3),
    **dict.fromkeys(("friday", "fri", "vrijdag", "vr"), 4),
    **dict.fromkeys(("saturday", "sat", "zaterdag", "za"), 5),
    **dict.fromkeys(("sunday", "sun", "zondag", "zo"), 6),
}
LANGUAGE_WORDS: Mapping[str, str] = {
    **dict.fromkeys(("nl", "dutch", "nederlands"), "nl"),
    **dict.fromkeys(("en", "english", "engels"), "en"),
}
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$", re.ASCII)
_CHANNEL_LINK = re.compile(r"^<#([CG][A-Z0-9]{2,})(?:\|([^>]*))?>$")
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{8,}$")
_CHANNEL_NAME = re.compile(r"^#([a-z0-9][a-z0-9._\-]{0,79})$")


@dataclass(frozen=True)
class SubscribeArgs:
    channel_id: str | None = None  # None: by name, or this channel
    channel_name: str | None = None  # a `#name` to look up
    weekday: int | None = None
    at: time | None = None
    locale: str | None = None


@dataclass(frozen=True)
class GrammarError:
    code: str  # "unknown_word" or "twice"
    word: str


def parse_subscribe(text: str) -> SubscribeArgs | GrammarError:
    """`[#channel] [weekday] [HH:MM] [nl|en]` in any order; each at most once."""
    found: dict[str, object] = {}

    def put(key: str, value: object, word: str) -> GrammarError | None:
        if key in found:
            return GrammarError("twice", word)
        found[key] = value
        return None

    for word in text.split():
        lower = word.lower()
        if link := _CHANNEL_LINK.match(word):
            error = put("channel_id", link.group(1), word)
        elif _CHANNEL_ID.match(word):
            error = put("channel_id", word, word)
        elif name := _CHANNEL_NAME.match(lower):
            error = put("channel_name", name.group(1), word)
        elif lower in WEEKDAYS:
            error = put("weekday", WEEKDAYS[lower], word)
        elif clock := _TIME.match(lower):
            error = put("at", time(int(clock.group(1)), int(clock.group(2))), word)
        elif lower in LANGUAGE_WORDS:
            error = put("locale", LANGUAGE_WORDS[lower], word)
        else:
            error = GrammarError("unknown_word", word)
        if error is not None:
            return error
    if "channel_id" in found and "channel_name" in found:
        return GrammarError("twice", str(found["channel_name"]))
    return SubscribeArgs(**found)  # type: ignore[arg-type]


def parse_local_time(text: str) -> time:
    """A stored "HH:MM" as a time."""
    hours, _, minutes = text.partition(":")
    return time(int(hours), int(minutes))
