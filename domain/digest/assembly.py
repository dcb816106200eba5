"""Assembling the digest from its facts: stage moves, red flags, approvals, milestones,
windows and renewals; the KPI section comes from domain.digest.kpi_figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta

from domain import flags
from domain.digest.facts import (
    DAYS_PER_WEEK,
    ApprovalFact,
    DigestFacts,
    PartnershipFact,
    StageMove,
    WindowFact,
)
from domain.digest.kpi_figures import kpis_section
from domain.digest.sections import (
    ApprovalItem,
    ApprovalsSection,
    Digest,
    Flagged,
    MilestoneItem,
    MilestonesSection,
    Move,
    RenewalItem,
    StageCount,
    StagesSection,
    WindowEdge,
    WindowItem,
)
from domain.roadmap import auto_complete
from domain.values import Stage

# issue: exclusivity windows starting or ending within the next 14 days.
WINDOW_HORIZON_DAYS = 14
# domain.md: contracts ending within 30 days with no renewal decision (the flags' warning).
RENEWAL_HORIZON_DAYS = flags.RENEWAL_WARNING_DAYS


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
        kpis=kpis_section(facts, today, last_week_stage),
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
