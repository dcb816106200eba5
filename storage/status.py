"""Every fact the status card shows, for one partnership, in a fixed number of statements.

Eight statements whatever the data (a partnership with a roadmap, windows and pending
approvals costs what one without does). The card is the hottest read of the app, so each
statement is a `HotQuery`: built once at import, compiled once per dialect and run on the
DB-API cursor, its rows plain tuples turned straight into the domain's facts (no ORM objects).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import BindParameter, Connection, bindparam, func, literal, or_
from sqlmodel import Session, col, select

from domain import approvals as approval_rules
from domain.kpis import KPIRecord
from domain.kpis import NPSAnswer as NPSAnswerFact
from domain.names import handle_of
from domain.negotiation import Terms
from domain.roadmap import MilestoneState, RoadmapFacts
from domain.status import CardFacts, PendingFacts, RoadmapOnCard, StatusFacts, WindowFacts
from domain.values import ApprovalKind, KPIKind, Platform, Scope
from storage import approvals
from storage.creators import LIVE_STAGES
from storage.db import HotQuery
from storage.kpis import BRAND_SCORES
from storage.models import (
    ApprovalRequest,
    Brand,
    Creator,
    ExclusivityWindow,
    KPIPeriod,
    KPIValue,
    NPSAnswer,
    Partnership,
    Roadmap,
    RoadmapMilestone,
)


def _each(values: Iterable[str]) -> list[BindParameter[str]]:
    """An IN list of one bound value each: a HotQuery compiles once, without expanding."""
    return [literal(value) for value in values]


# The partnership's columns the card shows, in the order `_facts` unpacks them.
_PARTNERSHIP_FIELDS = (
    "id creator_id brand_id owner_user_id stage start_date end_date quarterly_fee currency"
    " premium_pct payment_terms_days ip_model performance_incentive renewal_decision"
).split()
_HEAD_COLUMNS = (
    *(getattr(Partnership, name) for name in _PARTNERSHIP_FIELDS),
    Creator.display_name,
    Creator.handle,
    Brand.name,
)
_HEAD = (
    select(*_HEAD_COLUMNS)
    .join(Creator, col(Creator.id) == Partnership.creator_id)
    .outerjoin(Brand, col(Brand.id) == Partnership.brand_id)
    .where(Partnership.team_id == bindparam("team_id"))
)
_HEAD_BY_ID = HotQuery(_HEAD.where(Partnership.id == bindparam("id")))
# A creator's current partnership: a live one first, else the most recent (as
# storage.creators.current_partnership picks it), found in the same statement.
_CURRENT_FIRST = (
    func.coalesce(col(Partnership.stage).in_(_each(s.value for s in LIVE_STAGES)), False).desc(),
    col(Partnership.start_date).desc(),
    col(Partnership.id).desc(),
)
_HEAD_CURRENT = HotQuery(
    _HEAD.where(Partnership.creator_id == bindparam("creator_id"))
    .order_by(*_CURRENT_FIRST)
    .limit(1)
)
# The current partnership of the live creator with exactly this handle (the team's unique
# (team_id, handle) index finds them).
_HEAD_BY_HANDLE = HotQuery(
    _HEAD.where(
        Creator.team_id == bindparam("team_id"),
        Creator.handle == bindparam("handle"),
        col(Creator.archived).is_(False),
        col(Creator.erased).is_(False),
    )
    .order_by(*_CURRENT_FIRST)
    .limit(1)
)

# One row per logged period (a period without values still counts as logged), oldest first,
# with a column per KPI kind: a year of history is 12 rows to convert instead of 60.
_KPI_KINDS = tuple(KPIKind)


def _value_of(column: Any, kind: KPIKind) -> Any:
    return (
        select(column)
        .where(KPIValue.period_id == KPIPeriod.id, KPIValue.kind == kind)
        .scalar_subquery()
    )


_KPI_HISTORY = HotQuery(
    select(
        KPIPeriod.period_start,
        KPIPeriod.period_end,
        KPIPeriod.feedback_shared,
        _value_of(KPIValue.currency, KPIKind.SPEND),  # the one kind kept with its currency
        *(_value_of(KPIValue.value, kind) for kind in _KPI_KINDS),
    )
    .where(
        KPIPeriod.team_id == bindparam("team_id"),
        KPIPeriod.partnership_id == bindparam("id"),
    )
    .order_by(KPIPeriod.period_end, KPIPeriod.id)
)

# The creator's answers about the brand (or about no brand), latest first: the card shows the
# latest about the brand, the roadmap's NPS milestone counts any since the roadmap's start.
_CREATOR_ANSWERS = HotQuery(
    select(NPSAnswer.brand_id, NPSAnswer.score, NPSAnswer.answered_on)
    .where(
        NPSAnswer.team_id == bindparam("team_id"),
        NPSAnswer.creator_id == bindparam("creator_id"),
        or_(NPSAnswer.brand_id == bindparam("brand_id"), col(NPSAnswer.brand_id).is_(None)),
    )
    .order_by(col(NPSAnswer.answered_on).desc(), col(NPSAnswer.id).desc())
)

_BRAND_NPS_SCORES = HotQuery(BRAND_SCORES)

_ROADMAP = HotQuery(
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
_WINDOWS = HotQuery(
    select(
        ExclusivityWindow.status,
        ExclusivityWindow.scope,
        ExclusivityWindow.competitors,
        ExclusivityWindow.before_hours,
        ExclusivityWindow.after_hours,
        ExclusivityWindow.platforms,
        ExclusivityWindow.starts_at,
        ExclusivityWindow.ends_at,
    )
    .where(
        ExclusivityWindow.team_id == bindparam("team_id"),
        # The creator too: their windows are what the (team, creator) index finds.
        ExclusivityWindow.creator_id == bindparam("creator_id"),
        ExclusivityWindow.partnership_id == bindparam("id"),
        col(ExclusivityWindow.status).in_(_each(("agreed", "awaiting_approval"))),
    )
    .order_by(ExclusivityWindow.starts_at, ExclusivityWindow.id)
)

_PENDING_WHERE = (
    ApprovalRequest.team_id == bindparam("team_id"),
    ApprovalRequest.partnership_id == bindparam("id"),
    ApprovalRequest.status == approval_rules.Status.PENDING.value,
)
_PENDING = HotQuery(
    select(
        ApprovalRequest.id,
        ApprovalRequest.kind,
        ApprovalRequest.subject,
        ApprovalRequest.requester_id,
        ApprovalRequest.approvers,
        ApprovalRequest.rule,
        ApprovalRequest.fallback_approver,
        ApprovalRequest.version,
        ApprovalRequest.due_at,
        ApprovalRequest.expires_at,
    )
    .where(*_PENDING_WHERE)
    .order_by(ApprovalRequest.due_at, ApprovalRequest.id)
)
# The decisions on the current version of each of those requests, in the order made.
_DECISIONS = HotQuery(approvals.current_decisions(*_PENDING_WHERE))


def status_facts(
    *,
    session: Session,
    team_id: str,
    partnership_id: int | None = None,
    creator_id: int | None = None,
) -> CardFacts | None:
    """The card's facts for a partnership, or for the creator's current one; None when the
    team has no such partnership (or the creator none)."""
    connection = _connection(session)
    if partnership_id is not None:
        head = _HEAD_BY_ID.first(connection, team_id=team_id, id=partnership_id)
    else:
        head = _HEAD_CURRENT.first(connection, team_id=team_id, creator_id=creator_id)
    return _facts(connection, team_id, head) if head is not None else None


def status_facts_by_handle(
    *, connection: Connection, team_id: str, handle: str
) -> CardFacts | None:
    """The card's facts for the current partnership of the live creator whose handle is
    exactly `handle` (`@Zoe.DV` is `zoe.dv`); None when there is no such creator, or they
    have no partnership: then a forgiving look-up (handlers.lookup) takes over.

    The name a command gives is most often the handle: this finds the creator and the
    partnership in the card's first statement instead of loading the creator first; on a
    `read_scope` connection, without an ORM session.
    """
    head = _HEAD_BY_HANDLE.first(connection, team_id=team_id, handle=handle_of(handle))
    return _facts(connection, team_id, head) if head is not None else None


def _connection(session: Session) -> Connection:
    session.flush()  # what the caller added is read back, as an ORM query would autoflush
    return session.connection()


def _facts(connection: Connection, team_id: str, head: tuple[Any, ...]) -> CardFacts:
    (
        partnership_id,
        creator_id,
        brand_id,
        owner_user_id,
        stage,
        start_date,
        end_date,
        quarterly_fee,
        currency,
        premium_pct,
        payment_terms_days,
        ip_model,
        performance_incentive,
        renewal_decision,
        creator_name,
        handle,
        brand_name,
    ) = head
    params = {"team_id": team_id, "id": partnership_id}
    records, periods = _kpi_history(connection, params)
    answers = _CREATOR_ANSWERS.rows(
        connection, team_id=team_id, creator_id=creator_id, brand_id=brand_id
    )
    who = str(creator_id)
    own = next(
        (
            NPSAnswerFact(who, answered_on, score)
            for b, score, answered_on in answers
            if b == brand_id
        ),
        None,
    )
    brand_scores = dict(_BRAND_NPS_SCORES.rows(connection, team_id=team_id, brand_id=brand_id))
    window_rows = _WINDOWS.rows(connection, creator_id=creator_id, **params)
    latest = max(periods, key=lambda period: period[1], default=None)
    renewal_decided = renewal_decision is not None
    status = StatusFacts(
        stage=stage,
        start_date=start_date,
        end_date=end_date,
        quarterly_fee=quarterly_fee,
        currency=currency,
        premium_pct=premium_pct,
        payment_terms_days=payment_terms_days,
        ip_model=ip_model,
        performance_incentive=performance_incentive,
        renewal_decided=renewal_decided,
        kpi_records=records,
        latest_kpi_period_end=latest[1] if latest else None,
        latest_kpi_feedback_shared=latest[2] if latest else False,
        creator_nps=own,
        brand_nps_scores=brand_scores,
    )
    roadmap = None
    roadmap_rows = _ROADMAP.rows(connection, **params)
    if roadmap_rows:
        roadmap_id, start_on, roadmap_owner = roadmap_rows[0][:3]
        roadmap = RoadmapOnCard(
            roadmap_id=roadmap_id,
            owner_id=roadmap_owner,
            states={
                milestone: MilestoneState(done=done_at is not None, due_on=due_on)
                for *_, milestone, done_at, due_on in roadmap_rows
                if milestone is not None
            },
            facts=RoadmapFacts(
                start=start_on,
                kpi_records=records,
                nps_answers=tuple(
                    NPSAnswerFact(who, answered_on, score)
                    for _, score, answered_on in answers
                    if answered_on >= start_on
                ),
                ip_model=ip_model,
                exclusivity_settled=any(row[0] == "agreed" for row in window_rows),
                # As on the status card: a contract is recorded once its end and payment
                # terms are.
                contract_signed=payment_terms_days is not None and end_date is not None,
                payment_terms_days=payment_terms_days,
                feedback_shared_period_ends=tuple(end for _, end, shared in periods if shared),
                renewal_decided=renewal_decided,
            ),
        )
    return CardFacts(
        partnership_id=partnership_id,
        creator_name=creator_name,
        handle=handle,
        brand_name=brand_name,
        owner_user_id=owner_user_id,
        status=status,
        roadmap=roadmap,
        windows=tuple(
            WindowFacts(
                terms=Terms(
                    scope=Scope(scope),
                    competitors=tuple(competitors),
                    before_hours=before_hours,
                    after_hours=after_hours,
                    platforms=frozenset(Platform(p) for p in platforms) or None,
                ),
                starts_at=starts_at,
                ends_at=ends_at,
            )
            for _, scope, competitors, before_hours, after_hours, platforms, starts_at, ends_at in (
                window_rows
            )
        ),
        pending=_pending(connection, params),
    )


def _kpi_history(
    connection: Connection, params: dict[str, object]
) -> tuple[tuple[KPIRecord, ...], list[tuple[date, date, bool]]]:
    """The partnership's KPI records and its logged periods (start, end, feedback shared),
    oldest first."""
    records: list[KPIRecord] = []
    periods: list[tuple[date, date, bool]] = []
    for start, end, shared, spend_currency, *values in _KPI_HISTORY.rows(connection, **params):
        periods.append((start, end, shared))
        records.extend(
            KPIRecord(kind, start, end, value, spend_currency if kind is KPIKind.SPEND else None)
            for kind, value in zip(_KPI_KINDS, values, strict=True)
            if value is not None
        )
    return tuple(records), periods


def _pending(connection: Connection, params: dict[str, object]) -> tuple[PendingFacts, ...]:
    """The pending approval requests, soonest due first, with their current decisions."""
    requests = _PENDING.rows(connection, **params)
    decisions: dict[int, dict[str, approval_rules.Decision]] = defaultdict(dict)
    for request_id, approver_id, decision in _DECISIONS.rows(connection, **params):
        decisions[request_id][approver_id] = approval_rules.Decision(decision)
    return tuple(
        PendingFacts(
            kind=ApprovalKind(kind),
            subject=subject,
            request=approval_rules.RequestFacts(
                requester=requester_id,
                approvers=tuple(approvers or ()),
                rule=approval_rules.Rule(rule),
                fallback=fallback,
                status=approval_rules.Status.PENDING,
                version=version,
                due_at=due_at,
                expires_at=expires_at,
            ),
            decisions=decisions.get(request_id, {}),
        )
        for request_id, kind, subject, requester_id, approvers, rule, fallback, version, due_at, (
            expires_at
        ) in requests
    )
