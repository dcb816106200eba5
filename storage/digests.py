"""Weekly digests: a channel's subscription, its next occurrence as a durable reminder, and the
facts a digest is assembled from, loaded in a fixed number of queries at any scale.

One subscription per channel (re-subscribing changes it). Each occurrence is a `reminders` row
of kind "digest" whose dedupe key names the subscription and the ISO week of its local date
(`digest:<subscription id>:<2026-W49>`), so a channel gets one digest a week however often it
re-subscribes, and the renderer that sends one schedules the next.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from domain import approvals as approval_rules
from domain.approvals import Decision, Status
from domain.digest.assembly import WINDOW_HORIZON_DAYS
from domain.digest.facts import (
    DAYS_PER_WEEK,
    ApprovalFact,
    BrandAnswer,
    DigestFacts,
    MilestoneFact,
    PartnershipFact,
    SpendTotal,
    StageMove,
    WindowFact,
    roadmap_facts_from,
)
from domain.digest.kpi_figures import KPI_LOOKBACK_DAYS
from domain.digest.subscription import parse_local_time
from domain.schedule import next_weekly, utc_to_local
from domain.values import KPIKind, Scope, Stage
from storage import approvals, exclusivity, reminders
from storage.models import (
    ApprovalRequest,
    Brand,
    Creator,
    DigestSubscription,
    ExclusivityWindow,
    KPIPeriod,
    KPIValue,
    NPSAnswer,
    Partnership,
    Reminder,
    Roadmap,
    RoadmapMilestone,
    StageChange,
)

KIND = "digest"  # the reminder kind its renderer is registered for (handlers/digest.py)
LOOKAHEAD = 2  # occurrences kept scheduled: this week's (or the next) and the one after
# Rows for a week that was delivered, is being delivered, or was given up on: that week is
# done; the next occurrence is the week after.
_WEEK_TAKEN = (reminders.SENT, reminders.CLAIMED, reminders.FAILED, reminders.UNCERTAIN)
# What data-tied roadmap completion looks at among the recorded KPIs.
_ROADMAP_KINDS = (
    KPIKind.BRAND_FIT,
    KPIKind.AUDIENCE_OVERLAP,
    KPIKind.SPEND,
    KPIKind.AUTHENTIC_ENGAGEMENTS,
    KPIKind.MUTUAL_VALUE,
)


# -- subscriptions -----------------------------------------------------------------------------
def get_subscription(
    *, session: Session, team_id: str, channel_id: str
) -> DigestSubscription | None:
    return session.exec(
        select(DigestSubscription).where(
            DigestSubscription.team_id == team_id, DigestSubscription.channel_id == channel_id
        )
    ).first()


def get_subscription_by_id(
    *, session: Session, team_id: str, subscription_id: int
) -> DigestSubscription | None:
    found = session.get(DigestSubscription, subscription_id, populate_existing=True)
    return found if found is not None and found.team_id == team_id else None


def subscribe(
    *,
    session: Session,
    team_id: str,
    channel_id: str,
    weekday: int,
    at: time,
    locale: str,
    created_by: str | None,
    now: datetime,
) -> tuple[DigestSubscription, bool]:
    """Subscribe a channel, or change its subscription; (the row, whether it is new)."""
    if not 0 <= weekday <= 6:
        raise ValueError("weekday is 0 (Monday) to 6 (Sunday)")
    local_time = f"{at.hour:02d}:{at.minute:02d}"
    existing = get_subscription(session=session, team_id=team_id, channel_id=channel_id)
    if existing is None:
        row = DigestSubscription(
            team_id=team_id,
            channel_id=channel_id,
            weekday=weekday,
            local_time=local_time,
            locale=locale,
            created_by=created_by,
            created_at=now,
        )
        try:
            with session.begin_nested():
                session.add(row)
            return row, True
        except IntegrityError:
            # Subscribed a moment ago by another request: change that one.
            existing = get_subscription(session=session, team_id=team_id, channel_id=channel_id)
            if existing is None:
                raise
    existing.weekday = weekday
    existing.local_time = local_time
    existing.locale = locale
    existing.created_by = created_by or existing.created_by
    session.add(existing)
    session.flush()
    return existing, False


def unsubscribe(*, session: Session, team_id: str, channel_id: str) -> bool:
    """Stop a channel's digest: its pending occurrences are cancelled. False: none."""
    row = get_subscription(session=session, team_id=team_id, channel_id=channel_id)
    if row is None:
        return False
    cancel_pending(session=session, subscription=row)
    session.delete(row)
    session.flush()
    return True


def key_prefix(subscription_id: int) -> str:
    return f"{KIND}:{subscription_id}:"


def occurrence_key(subscription_id: int, local_day: date) -> str:
    """One key per subscription per ISO week of the local date: one digest a week."""
    year, week, _ = local_day.isocalendar()
    return f"{key_prefix(subscription_id)}{year}-W{week:02d}"


def cancel_pending(*, session: Session, subscription: DigestSubscription) -> int:
    return reminders.cancel(
        session=session,
        team_id=subscription.team_id,
        dedupe_key_prefix=key_prefix(subscription.id),
    )


def schedule_next(
    *,
    session: Session,
    subscription: DigestSubscription,
    timezone: str,
    after: datetime,
    now: datetime,
) -> Reminder:
    """The subscription's next occurrence strictly after `after` (DST-correct), as a pending
    reminder; idempotent. A week whose digest went out (or is going out) is not repeated: the
    occurrence moves to the week after. A pending row of the same week follows a changed time;
    a cancelled one (unsubscribed, subscribed again) is armed again."""
    at = parse_local_time(subscription.local_time)
    due_at = next_weekly(subscription.weekday, at, timezone, after)
    while True:
        local_day = utc_to_local(due_at, timezone).date()
        key = occurrence_key(subscription.id, local_day)
        payload = {
            "subscription_id": subscription.id,
            "local_date": local_day.isoformat(),
            # Whom the clock tells when the channel cannot be reached (bot/delivery.py).
            "owner_id": subscription.created_by,
        }
        row = reminders.schedule(
            session=session,
            team_id=subscription.team_id,
            kind=KIND,
            dedupe_key=key,
            due_at=due_at,
            now=now,
            channel_id=subscription.channel_id,
            subject_id=subscription.id,
            payload=payload,
        )
        if row.state in _WEEK_TAKEN:
            due_at = next_weekly(subscription.weekday, at, timezone, due_at)
            continue
        if row.state == reminders.CANCELLED or row.due_at != due_at or row.payload != payload:
            # Only what the schedule says changes: the delivery's own bookkeeping (attempts,
            # an unsettled earlier attempt to look for first) stays as it was.
            row.state = reminders.PENDING
            row.due_at = due_at
            row.payload = payload
            row.channel_id = subscription.channel_id
            session.add(row)
            session.flush()
        return row


def schedule_ahead(
    *, session: Session, subscription: DigestSubscription, timezone: str, after: datetime
) -> Reminder:
    """The next `LOOKAHEAD` occurrences after `after` (the first is returned). Keeping the
    week after next scheduled too means that a week whose digest fails for good (five
    failed attempts) does not end the chain: the next one is there already, and its
    renderer schedules the one after it. `after` is the caller's now (a renderer's: the
    due time of the digest it renders), which also stamps the rows it creates."""
    first = schedule_next(
        session=session, subscription=subscription, timezone=timezone, after=after, now=after
    )
    row = first
    for _ in range(LOOKAHEAD - 1):
        row = schedule_next(
            session=session,
            subscription=subscription,
            timezone=timezone,
            after=row.due_at,
            now=after,
        )
    return first


def next_occurrence(*, session: Session, subscription: DigestSubscription) -> Reminder | None:
    """The subscription's pending occurrence, if any."""
    return session.exec(
        select(Reminder)
        .where(
            Reminder.team_id == subscription.team_id,
            Reminder.kind == KIND,
            Reminder.subject_id == subscription.id,
            Reminder.state == reminders.PENDING,
        )
        .order_by(Reminder.due_at)
    ).first()


# -- facts -------------------------------------------------------------------------------------
def _rows(session: Session, statement: Any) -> Any:
    """Run a select of columns on the session's connection: plain rows, without the ORM's
    per-row work (a third of the time on 5,000 partnerships)."""
    return session.connection().execute(statement)


@dataclass(frozen=True)
class _Loaded:
    facts: list[PartnershipFact]
    creator_of: dict[int, tuple[int, int]]  # partnership id -> (creator id, brand id)
    shared_until: dict[int, date | None]  # the latest period end with feedback shared


def load_facts(
    *, session: Session, team_id: str, now: datetime, today: date, timezone: str
) -> DigestFacts:
    """Everything a digest at `now` says, in eleven queries whatever the workspace's size."""
    since = now - timedelta(days=DAYS_PER_WEEK)
    week_end = today + timedelta(days=DAYS_PER_WEEK - 1)
    loaded = _partnerships(session, team_id, timezone)
    answers, brand_names = _nps_answers(session, team_id, today)
    milestones, roadmap_starts = _open_milestones(session, team_id, week_end)
    return DigestFacts(
        partnerships=loaded.facts,
        moves=_moves(session, team_id, since, now),
        approvals=_pending_approvals(session, team_id, now),
        milestones=milestones,
        roadmap_facts=_roadmap_facts(session, team_id, loaded, roadmap_starts, answers, week_end),
        windows=[
            WindowFact(
                window_id=w.id,
                partnership_id=w.partnership_id,
                scope=Scope(w.scope),
                competitors=tuple(w.competitors or ()),
                starts_at=w.starts_at,
                ends_at=w.ends_at,
            )
            for w in exclusivity.windows(
                session=session,
                team_id=team_id,
                ending_after=now - timedelta(seconds=1),
                starting_before=now + timedelta(days=WINDOW_HORIZON_DAYS),
            )
        ],
        spend=_spend_totals(session, team_id, today),
        nps_answers=[a for a in answers if a.brand_id is not None],
        brands=brand_names,
    )


def _partnerships(session: Session, team_id: str, timezone: str) -> _Loaded:
    rows = _rows(
        session,
        select(
            Partnership.id,
            Creator.id,
            Creator.display_name,
            Partnership.brand_id,
            Brand.name,
            Partnership.stage,
            Partnership.end_date,
            Partnership.quarterly_fee,
            Partnership.currency,
            Partnership.premium_pct,
            Partnership.payment_terms_days,
            Partnership.ip_model,
            Partnership.renewal_decision,
            Partnership.stage_changed_at,
        )
        .join(
            Creator,
            (col(Creator.team_id) == Partnership.team_id)
            & (col(Creator.id) == Partnership.creator_id),
        )
        .join(Brand, col(Brand.id) == Partnership.brand_id)
        .where(
            Partnership.team_id == team_id,
            col(Creator.archived).is_(False),
            col(Creator.erased).is_(False),
        )
        .order_by(Partnership.id),
    ).all()
    latest = _latest_periods(session, team_id)
    facts, creator_of = [], {}
    for row in rows:
        (pid, creator_id, name, brand_id, brand, stage, end_date, fee, currency, premium) = row[:10]
        terms, ip_model, renewal, stage_changed_at = row[10:]
        period = latest.get(pid)
        # Production (and the IP flag's date) starts when it enters the creative guardrails.
        since = (
            utc_to_local(stage_changed_at, timezone).date() if stage is Stage.GUARDRAILS else None
        )
        facts.append(
            PartnershipFact(
                partnership_id=pid,
                creator_name=name,
                brand_id=brand_id,
                brand_name=brand,
                stage=stage,
                end_date=end_date,
                quarterly_fee=Decimal(fee) if fee is not None else None,
                currency=currency,
                premium_pct=Decimal(premium) if premium is not None else None,
                payment_terms_days=terms,
                ip_model=ip_model,
                renewal_decided=renewal is not None,
                latest_period_end=period[0] if period else None,
                latest_feedback_shared=period is not None and period[0] == period[1],
                stage_since=since,
            )
        )
        creator_of[pid] = (creator_id, brand_id)
    return _Loaded(facts, creator_of, {pid: shared for pid, (_, shared) in latest.items()})


def _latest_periods(session: Session, team_id: str) -> dict[int, tuple[date, date | None]]:
    """Each partnership's latest KPI period end and latest period end marked "feedback
    shared" (the latest period's feedback was shared when the two are the same day). One
    GROUP BY over the (team, partnership, period end) index: cheaper than ranking rows."""
    rows = _rows(
        session,
        select(
            KPIPeriod.partnership_id,
            func.max(KPIPeriod.period_end),
            func.max(case((col(KPIPeriod.feedback_shared), KPIPeriod.period_end))),
        )
        .where(KPIPeriod.team_id == team_id)
        .group_by(KPIPeriod.partnership_id),
    ).all()
    return {pid: (latest, shared) for pid, latest, shared in rows}


def _moves(session: Session, team_id: str, since: datetime, now: datetime) -> list[StageMove]:
    rows = session.exec(
        select(StageChange)
        .where(
            StageChange.team_id == team_id,
            col(StageChange.changed_at) > since,
            col(StageChange.changed_at) <= now,
        )
        .order_by(StageChange.changed_at, StageChange.id)
    ).all()
    return [StageMove(r.partnership_id, r.from_stage, r.to_stage, r.changed_at) for r in rows]


def _pending_approvals(session: Session, team_id: str, now: datetime) -> list[ApprovalFact]:
    """Pending requests (not past their expiry) with the approvers still to decide: two
    queries, the requests and this version's decisions of all of them."""
    pending = (
        ApprovalRequest.team_id == team_id,
        ApprovalRequest.status == Status.PENDING.value,
        col(ApprovalRequest.expires_at) > now,
    )
    requests = session.exec(
        select(ApprovalRequest).where(*pending).order_by(ApprovalRequest.due_at, ApprovalRequest.id)
    ).all()
    decided = _rows(session, approvals.current_decisions(*pending)).all()
    decisions: dict[int, dict[str, Decision]] = defaultdict(dict)
    for request_id, approver, decision in decided:
        decisions[request_id][approver] = Decision(decision)
    facts = []
    for request in requests:
        rules = approval_rules.RequestFacts(
            requester=request.requester_id,
            approvers=tuple(request.approvers or ()),
            rule=approval_rules.Rule(request.rule),
            fallback=request.fallback_approver,
            status=Status(request.status),
            version=request.version,
            due_at=request.due_at,
            expires_at=request.expires_at,
        )
        waiting = list(approval_rules.outstanding(rules, decisions[request.id]))
        if approval_rules.is_escalated(rules, now) and request.fallback_approver not in waiting:
            waiting.append(request.fallback_approver)
        facts.append(
            ApprovalFact(
                request_id=request.id,
                partnership_id=request.partnership_id,
                kind=request.kind,
                subject=request.subject,
                requester=request.requester_id,
                waiting_on=tuple(w for w in waiting if w),
                due_at=request.due_at,
                channel_id=request.channel_id,
            )
        )
    return facts


def _open_milestones_statement(team_id: str, week_end: date):  # noqa: ANN202
    return (
        select(
            Roadmap.partnership_id,
            RoadmapMilestone.milestone,
            RoadmapMilestone.due_on,
            Roadmap.start_on,
        )
        .join(Roadmap, col(Roadmap.id) == RoadmapMilestone.roadmap_id)
        .where(
            RoadmapMilestone.team_id == team_id,
            col(RoadmapMilestone.done_at).is_(None),
            col(RoadmapMilestone.due_on) <= week_end,
        )
    )


def _open_milestones(
    session: Session, team_id: str, week_end: date
) -> tuple[list[MilestoneFact], dict[int, date]]:
    """Milestones not marked done and due by the end of the digest's week."""
    rows = _rows(
        session,
        _open_milestones_statement(team_id, week_end).order_by(
            RoadmapMilestone.due_on, RoadmapMilestone.id
        ),
    ).all()
    starts = {pid: start for pid, _, _, start in rows}
    return [MilestoneFact(pid, milestone, due_on) for pid, milestone, due_on, _ in rows], starts


def _roadmap_facts(
    session: Session,
    team_id: str,
    loaded: _Loaded,
    starts: dict[int, date],
    answers: list[BrandAnswer],
    week_end: date,
) -> dict:
    """What data-tied completion needs for the partnerships with open milestones: two
    queries over those partnerships only (by subquery, so the count never varies)."""
    with_open = (
        _open_milestones_statement(team_id, week_end)
        .with_only_columns(Roadmap.partnership_id)
        .scalar_subquery()
    )
    kinds = _rows(
        session,
        select(KPIPeriod.partnership_id, KPIValue.kind, func.max(KPIPeriod.period_end))
        .join(KPIValue, col(KPIValue.period_id) == KPIPeriod.id)
        .where(
            KPIPeriod.team_id == team_id,
            col(KPIPeriod.partnership_id).in_(with_open),
            col(KPIValue.kind).in_(_ROADMAP_KINDS),
        )
        .group_by(KPIPeriod.partnership_id, KPIValue.kind),
    ).all()
    settled = set(
        session.exec(
            select(ExclusivityWindow.partnership_id)
            .where(
                ExclusivityWindow.team_id == team_id,
                col(ExclusivityWindow.partnership_id).in_(with_open),
                ExclusivityWindow.status == "agreed",
            )
            .distinct()
        ).all()
    )
    latest_by_kind: dict[int, dict[KPIKind, date]] = defaultdict(dict)
    for pid, kind, end in kinds:
        latest_by_kind[pid][KPIKind(kind)] = end
    # A creator's latest answer about the partnership's brand (or about no brand).
    latest_answer: dict[tuple[int, int | None], date] = {}
    for a in answers:
        key = (a.creator_id, a.brand_id)
        if a.answered_on > latest_answer.get(key, date.min):
            latest_answer[key] = a.answered_on
    by_id = {p.partnership_id: p for p in loaded.facts}
    facts = {}
    for pid, start in starts.items():
        partnership = by_id.get(pid)
        if partnership is None:
            continue
        creator_id, brand_id = loaded.creator_of[pid]
        answered = [
            d
            for d in (
                latest_answer.get((creator_id, brand_id)),
                latest_answer.get((creator_id, None)),
            )
            if d
        ]
        facts[pid] = roadmap_facts_from(
            start=start,
            latest_by_kind=latest_by_kind.get(pid, {}),
            latest_shared_period_end=loaded.shared_until.get(pid),
            latest_answer_on=max(answered, default=None),
            p=partnership,
            exclusivity_settled=pid in settled,
        )
    return facts


def _spend_totals(session: Session, team_id: str, today: date) -> list[SpendTotal]:
    """Spend and authentic engagements summed per period end and currency, over the periods
    of live creators that ended in the KPI look-back and have both recorded (a value per
    period and kind at most: one join per kind pairs them without grouping per period)."""
    spend = aliased(KPIValue)
    engaged = aliased(KPIValue)
    statement = (
        select(
            KPIPeriod.period_end,
            spend.currency,
            func.sum(spend.value),
            func.sum(engaged.value),
        )
        .join(
            spend,
            (col(spend.period_id) == KPIPeriod.id) & (col(spend.kind) == KPIKind.SPEND.value),
        )
        .join(
            engaged,
            (col(engaged.period_id) == KPIPeriod.id)
            & (col(engaged.kind) == KPIKind.AUTHENTIC_ENGAGEMENTS.value),
        )
        .join(Partnership, col(Partnership.id) == KPIPeriod.partnership_id)
        .join(Creator, col(Creator.id) == Partnership.creator_id)
        .where(
            KPIPeriod.team_id == team_id,
            col(KPIPeriod.period_end) > today - timedelta(days=KPI_LOOKBACK_DAYS),
            col(KPIPeriod.period_end) <= today,
            col(engaged.value) > 0,
            col(Creator.archived).is_(False),
            col(Creator.erased).is_(False),
        )
        .group_by(KPIPeriod.period_end, spend.currency)
        .order_by(KPIPeriod.period_end)
    )
    return [
        SpendTotal(end, currency or "", Decimal(total), Decimal(count))
        for end, currency, total, count in _rows(session, statement).all()
    ]


def _nps_answers(
    session: Session, team_id: str, today: date
) -> tuple[list[BrandAnswer], dict[int, str]]:
    """Every NPS answer given up to today, with its brand's name (small: a few per creator)."""
    rows = _rows(
        session,
        select(
            NPSAnswer.brand_id,
            Brand.name,
            NPSAnswer.creator_id,
            NPSAnswer.answered_on,
            NPSAnswer.score,
        )
        .outerjoin(Brand, col(Brand.id) == NPSAnswer.brand_id)
        .where(NPSAnswer.team_id == team_id, col(NPSAnswer.answered_on) <= today)
        .order_by(NPSAnswer.answered_on, NPSAnswer.id),
    ).all()
    names = {brand_id: name for brand_id, name, *_ in rows if brand_id is not None}
    answers = [
        BrandAnswer(brand_id, creator_id, answered_on, score)
        for brand_id, _, creator_id, answered_on, score in rows
    ]
    return answers, names
