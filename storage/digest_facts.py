"""The facts a weekly digest is assembled from (domain.digest.facts), loaded in a fixed number of
queries at any scale."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import case, func
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
    PartnershipFact,
    SpendTotal,
    StageMove,
    WindowFact,
)
from domain.digest.kpi_figures import KPI_LOOKBACK_DAYS
from domain.schedule import utc_to_local
from domain.values import KPIKind, Scope, Stage
from storage import approvals, exclusivity
from storage.digest_roadmaps import open_milestones, plain_rows, roadmap_facts
from storage.models import (
    ApprovalRequest,
    Brand,
    Creator,
    KPIPeriod,
    KPIValue,
    NPSAnswer,
    Partnership,
    StageChange,
)


# -- facts -------------------------------------------------------------------------------------
# -- facts -------------------------------------------------------------------------------------
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
    milestones, roadmap_starts = open_milestones(session, team_id, week_end)
    return DigestFacts(
        partnerships=loaded.facts,
        moves=_moves(session, team_id, since, now),
        approvals=_pending_approvals(session, team_id, now),
        milestones=milestones,
        roadmap_facts=roadmap_facts(
            session,
            team_id,
            loaded.facts,
            loaded.creator_of,
            loaded.shared_until,
            roadmap_starts,
            answers,
            week_end,
        ),
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
    rows = plain_rows(
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
    rows = plain_rows(
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
    decided = plain_rows(session, approvals.current_decisions(*pending)).all()
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
        for end, currency, total, count in plain_rows(session, statement).all()
    ]


def _nps_answers(
    session: Session, team_id: str, today: date
) -> tuple[list[BrandAnswer], dict[int, str]]:
    """Every NPS answer given up to today, with its brand's name (small: a few per creator)."""
    rows = plain_rows(
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
