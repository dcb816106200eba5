"""Reading a request: its facts for the domain rules, its decisions, names and audit trail."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_
from sqlmodel import Session, col, select

from domain.approvals import Decision, RequestFacts, Rule, Status
from storage.models import (
    ApprovalDecision,
    ApprovalEvent,
    ApprovalRequest,
    Brand,
    Creator,
    Partnership,
)


def facts(request: ApprovalRequest) -> RequestFacts:
    return RequestFacts(
        requester=request.requester_id,
        approvers=tuple(request.approvers or ()),
        rule=Rule(request.rule),
        fallback=request.fallback_approver,
        status=Status(request.status),
        version=request.version,
        due_at=request.due_at,
        expires_at=request.expires_at,
    )


def get(*, session: Session, team_id: str, request_id: int) -> ApprovalRequest | None:
    request = session.get(ApprovalRequest, request_id, populate_existing=True)
    return request if request is not None and request.team_id == team_id else None


def current_decisions(*pending_where: Any) -> Select:
    """The decisions on the current version of each request `pending_where` picks, in the
    order they were made: one statement for any number of requests (the status card, the
    Home tab and the digest all ask it)."""
    return (
        select(ApprovalDecision.request_id, ApprovalDecision.approver_id, ApprovalDecision.decision)
        .join(
            ApprovalRequest,
            and_(
                col(ApprovalRequest.id) == ApprovalDecision.request_id,
                col(ApprovalRequest.version) == ApprovalDecision.version,
            ),
        )
        .where(*pending_where)
        .order_by(ApprovalDecision.decided_at, ApprovalDecision.id)
    )


def decisions_of(*, session: Session, request: ApprovalRequest) -> dict[str, Decision]:
    """This version's decisions, approver -> decision, in the order they were made."""
    rows = session.exec(
        select(ApprovalDecision)
        .where(
            ApprovalDecision.request_id == request.id,
            ApprovalDecision.version == request.version,
        )
        .order_by(ApprovalDecision.decided_at, ApprovalDecision.id)
    ).all()
    return {row.approver_id: Decision(row.decision) for row in rows}


def decision_rows(*, session: Session, request_id: int) -> list[ApprovalDecision]:
    """Every decision on every version (the audit trail keeps the invalidated ones)."""
    return list(
        session.exec(
            select(ApprovalDecision)
            .where(ApprovalDecision.request_id == request_id)
            .order_by(ApprovalDecision.decided_at, ApprovalDecision.id)
        ).all()
    )


def events_of(*, session: Session, request_id: int) -> list[ApprovalEvent]:
    return list(
        session.exec(
            select(ApprovalEvent)
            .where(ApprovalEvent.request_id == request_id)
            .order_by(ApprovalEvent.id)
        ).all()
    )


def names_of(*, session: Session, request: ApprovalRequest) -> tuple[str | None, str | None]:
    """The creator's display name and the brand of the request's partnership, if any."""
    if request.partnership_id is None:
        return None, None
    partnership = session.get(Partnership, request.partnership_id)
    if partnership is None:
        return None, None
    creator = session.get(Creator, partnership.creator_id)
    brand = session.get(Brand, partnership.brand_id)
    return (creator.display_name if creator else None, brand.name if brand else None)
