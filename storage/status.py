"""Every fact the status card shows, for one partnership, in a fixed number of statements.

Eight statements whatever the data (a partnership with a roadmap, windows and pending
approvals costs what one without does), each built once at import with its values bound at
execution: building a statement costs more than SQLite takes to run it (DEVELOPERS.md).
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import bindparam, or_
from sqlmodel import Session, col, select

from domain import approvals as approval_rules
from domain.kpis import NPSAnswer as NPSAnswerFact
from domain.negotiation import Terms
from domain.roadmap import MilestoneState, RoadmapFacts
from domain.status import CardFacts, PendingFacts, RoadmapOnCard, StatusFacts, WindowFacts
from domain.values import ApprovalKind, Platform, Scope
from storage import approvals
from storage.kpis import brand_nps_scores, kpi_histories
from storage.models import (
    ApprovalRequest,
    Brand,
    Creator,
    ExclusivityWindow,
    NPSAnswer,
    Partnership,
    Roadmap,
    RoadmapMilestone,
)

_PARTNERSHIP = (
    select(Partnership, Creator.display_name, Creator.handle, Brand.name)
    .join(Creator, col(Creator.id) == Partnership.creator_id)
    .outerjoin(Brand, col(Brand.id) == Partnership.brand_id)
    .where(Partnership.team_id == bindparam("team_id"), Partnership.id == bindparam("id"))
)

# The creator's answers about the brand (or about no brand), latest first: the card shows the
# latest about the brand, the roadmap's NPS milestone counts any since the roadmap's start.
_CREATOR_ANSWERS = (
    select(NPSAnswer.brand_id, NPSAnswer.score, NPSAnswer.answered_on)
    .where(
        NPSAnswer.team_id == bindparam("team_id"),
        NPSAnswer.creator_id == bindparam("creator_id"),
        or_(NPSAnswer.brand_id == bindparam("brand_id"), col(NPSAnswer.brand_id).is_(None)),
    )
    .order_by(col(NPSAnswer.answered_on).desc(), col(NPSAnswer.id).desc())
)

_ROADMAP = (
    select(
        Roadmap.id,
        Roadmap.start_on,
        Roadmap.owner_id,
        RoadmapMilestone.milestone,
        RoadmapMilestone.done_at,
        RoadmapMilestone.due_on,
    )
    .outerjoin(RoadmapMilestone, col(RoadmapMilestone.roadmap_id) == Roadmap.id)
    .where(
        Roadmap.team_id == bindparam("team_id"),
        Roadmap.partnership_id == bindparam("id"),
    )
)

# Every window in force, ended ones too: an agreed one settles the roadmap's exclusivity
# milestone; which ones the card lists is the domain's rule (domain.windows.day_state).
_WINDOWS = (
    select(ExclusivityWindow)
    .where(
        ExclusivityWindow.team_id == bindparam("team_id"),
        ExclusivityWindow.partnership_id == bindparam("id"),
        col(ExclusivityWindow.status).in_(("agreed", "awaiting_approval")),
    )
    .order_by(ExclusivityWindow.starts_at, ExclusivityWindow.id)
)

_PENDING_WHERE = (
    ApprovalRequest.team_id == bindparam("team_id"),
    ApprovalRequest.partnership_id == bindparam("id"),
    ApprovalRequest.status == approval_rules.Status.PENDING.value,
)
_PENDING = (
    select(ApprovalRequest)
    .where(*_PENDING_WHERE)
    .order_by(ApprovalRequest.due_at, ApprovalRequest.id)
)
# The decisions on the current version of each of those requests, in the order made.
_DECISIONS = approvals.current_decisions(*_PENDING_WHERE)


def status_facts(*, session: Session, team_id: str, partnership_id: int) -> CardFacts | None:
    """The card's facts, or None when the team has no such partnership."""
    params = {"team_id": team_id, "id": partnership_id}
    row = session.exec(_PARTNERSHIP, params=params).first()
    if row is None:
        return None
    partnership, creator_name, handle, brand_name = row
    history = kpi_histories(session=session, team_id=team_id, partnership_ids=[partnership_id])[
        partnership_id
    ]
    answers = session.exec(
        _CREATOR_ANSWERS,
        params={
            "team_id": team_id,
            "creator_id": partnership.creator_id,
            "brand_id": partnership.brand_id,
        },
    ).all()
    own = next(
        (
            NPSAnswerFact(str(partnership.creator_id), answered_on, score)
            for brand_id, score, answered_on in answers
            if brand_id == partnership.brand_id
        ),
        None,
    )
    brand_scores = brand_nps_scores(session=session, team_id=team_id, brand_id=partnership.brand_id)
    window_rows = session.exec(_WINDOWS, params=params).all()
    latest = history.latest_period
    status = StatusFacts(
        stage=partnership.stage,
        start_date=partnership.start_date,
        end_date=partnership.end_date,
        quarterly_fee=partnership.quarterly_fee,
        currency=partnership.currency,
        premium_pct=partnership.premium_pct,
        payment_terms_days=partnership.payment_terms_days,
        ip_model=partnership.ip_model,
        performance_incentive=partnership.performance_incentive,
        renewal_decided=partnership.renewal_decision is not None,
        kpi_records=history.records,
        latest_kpi_period_end=latest.period_end if latest else None,
        latest_kpi_feedback_shared=latest.feedback_shared if latest else False,
        creator_nps=own,
        brand_nps_scores=brand_scores,
    )
    roadmap_rows = session.exec(_ROADMAP, params=params).all()
    roadmap = None
    if roadmap_rows:
        roadmap_id, start_on, owner_id = roadmap_rows[0][:3]
        roadmap = RoadmapOnCard(
            roadmap_id=roadmap_id,
            owner_id=owner_id,
            states={
                milestone: MilestoneState(done=done_at is not None, due_on=due_on)
                for *_, milestone, done_at, due_on in roadmap_rows
                if milestone is not None
            },
            facts=RoadmapFacts(
                start=start_on,
                kpi_records=history.records,
                nps_answers=tuple(
                    NPSAnswerFact(str(partnership.creator_id), answered_on, score)
                    for _, score, answered_on in answers
                    if answered_on >= start_on
                ),
                ip_model=partnership.ip_model,
                exclusivity_settled=any(w.status == "agreed" for w in window_rows),
                # As on the status card: a contract is recorded once its end and payment
                # terms are.
                contract_signed=partnership.payment_terms_days is not None
                and partnership.end_date is not None,
                payment_terms_days=partnership.payment_terms_days,
                feedback_shared_period_ends=tuple(
                    p.period_end for p in history.periods if p.feedback_shared
                ),
                renewal_decided=partnership.renewal_decision is not None,
            ),
        )
    decisions: dict[int, dict[str, approval_rules.Decision]] = defaultdict(dict)
    requests = session.exec(_PENDING, params=params).all()
    for request_id, approver_id, decision in session.exec(_DECISIONS, params=params).all():
        decisions[request_id][approver_id] = approval_rules.Decision(decision)
    return CardFacts(
        partnership_id=partnership_id,
        creator_name=creator_name,
        handle=handle,
        brand_name=brand_name,
        owner_user_id=partnership.owner_user_id,
        status=status,
        roadmap=roadmap,
        windows=tuple(
            WindowFacts(
                terms=Terms(
                    scope=Scope(w.scope),
                    competitors=tuple(w.competitors),
                    before_hours=w.before_hours,
                    after_hours=w.after_hours,
                    platforms=frozenset(Platform(p) for p in w.platforms) or None,
                ),
                starts_at=w.starts_at,
                ends_at=w.ends_at,
            )
            for w in window_rows
        ),
        pending=tuple(
            PendingFacts(
                kind=ApprovalKind(r.kind),
                subject=r.subject,
                request=approvals.facts(r),
                decisions=decisions.get(r.id, {}),
            )
            for r in requests
        ),
    )
