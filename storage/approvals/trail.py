"""A request's audit trail: what happened to it, by whom and when."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from storage.models import ApprovalEvent, ApprovalRequest


def record_event(
    *,
    session: Session,
    request: ApprovalRequest,
    event: str,
    actor_id: str | None,
    at: datetime,
    **details: object,
) -> ApprovalEvent:
    row = ApprovalEvent(
        team_id=request.team_id,
        request_id=request.id,
        actor_id=actor_id,
        event=event,
        details=dict(details),
        at=at,
    )
    session.add(row)
    session.flush()
    return row


def record_event_once(
    *, session: Session, request: ApprovalRequest, event: str, key: str, at: datetime
) -> None:
    """An event recorded at most once per `key` (a reminder may be rendered twice)."""
    existing = session.exec(
        select(ApprovalEvent).where(
            ApprovalEvent.request_id == request.id, ApprovalEvent.event == event
        )
    ).all()
    if any(e.details.get("key") == key for e in existing):
        return
    record_event(session=session, request=request, event=event, actor_id=None, at=at, key=key)
