"""Asking for approval: the one place that creates a request and chooses its channel, then
what happens around posting it (the group's members join, its place is saved, or it is
discarded when it never reached its channel)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col

from domain.approvals import (
    ApprovalSettings,
    KindSettings,
    Status,
    ask_refusal,
    clean_subject,
    deadlines,
    effective_approvers,
    request_channel,
)
from domain.values import ApprovalKind
from storage.approvals.followers import is_followed, tell_followers
from storage.approvals.reading import get
from storage.approvals.schedule import cancel_reminders, schedule_reminders
from storage.approvals.settings import get_settings
from storage.approvals.trail import record_event
from storage.models import ApprovalDecision, ApprovalEvent, ApprovalRequest, Partnership


def ask(
    *,
    session: Session,
    team_id: str,
    partnership: Partnership,
    kind: ApprovalKind,
    subject: str,
    details: str,
    requester_id: str,
    asked_in: str | None,
    now: datetime,
    source: dict | None = None,
) -> ApprovalRequest | str:
    """A request for the partnership (not yet posted: `handlers.approval_requests.post_request`
    does that once the transaction has committed), in the partnership's channel, else in
    `asked_in`; or why it can't be asked (`domain.approvals.ask_refusal`'s code).

    `source` names what waits on the request (see `followers`).
    """
    settings = get_settings(session=session, team_id=team_id)
    channel = request_channel(partnership.channel_id, asked_in)
    why = ask_refusal(settings.for_kind(kind), requester_id, channel)
    if why is not None:
        return why
    return create(
        session=session,
        team_id=team_id,
        partnership_id=partnership.id,
        kind=kind,
        subject=subject,
        details=details,
        requester_id=requester_id,
        settings=settings,
        channel_id=channel,
        now=now,
        source=source,
    )


def create(
    *,
    session: Session,
    team_id: str,
    partnership_id: int | None,
    kind: ApprovalKind,
    subject: str,
    details: str,
    requester_id: str,
    settings: ApprovalSettings,
    channel_id: str | None,
    now: datetime,
    source: dict | None = None,
) -> ApprovalRequest:
    """The pending request row with the kind's approvers and the team's due time and expiry,
    as `settings` say (`ask` checks first whether it may be asked at all).

    A user group's members are added when the request is posted (`add_group_members`).
    """
    kind_settings: KindSettings = settings.for_kind(kind)
    due_at, expires_at = deadlines(now, settings.due_hours, settings.expiry_days)
    fallback = settings.fallback if settings.fallback != requester_id else None
    request = ApprovalRequest(
        team_id=team_id,
        partnership_id=partnership_id,
        kind=kind.value,
        subject=clean_subject(subject),
        details=(details or "").strip(),
        requester_id=requester_id,
        approvers=list(effective_approvers(kind_settings.users, (), requester_id)),
        approver_group=kind_settings.group,
        rule=kind_settings.rule.value,
        fallback_approver=fallback,
        channel_id=channel_id,
        due_at=due_at,
        expires_at=expires_at,
        source=source or {},
        created_at=now,
        updated_at=now,
    )
    session.add(request)
    session.flush()
    record_event(
        session=session,
        request=request,
        event="created",
        actor_id=requester_id,
        at=now,
        kind=kind.value,
        subject=request.subject,
        approvers=list(request.approvers),
        group=kind_settings.group,
        rule=kind_settings.rule.value,
    )
    return request


def create_for_exclusivity(
    session: Session,
    *,
    team_id: str,
    partnership_id: int,
    window_id: int,
    requester_id: str,
    subject: str,
    details: str,
    now: datetime,
    channel_id: str | None = None,
) -> ApprovalRequest | None:
    """`ask` for an agreed window's exclusivity approval; None when it can't be asked.

    Kept only until handlers/exclusivity.py calls `ask` itself; it adds no rule of its own.
    """
    partnership = session.get(Partnership, partnership_id)
    if partnership is None:
        return None
    asked = ask(
        session=session,
        team_id=team_id,
        partnership=partnership,
        kind=ApprovalKind.EXCLUSIVITY,
        subject=subject,
        details=details,
        requester_id=requester_id,
        asked_in=channel_id,
        now=now,
        source={"window_id": window_id},
    )
    return asked if isinstance(asked, ApprovalRequest) else None


def add_group_members(
    *, session: Session, team_id: str, request_id: int, members: Iterable[str]
) -> ApprovalRequest | None:
    """Add the approver group's members (never the requester) to a request not yet posted."""
    request = get(session=session, team_id=team_id, request_id=request_id)
    if request is None:
        return None
    request.approvers = list(
        effective_approvers(request.approvers or (), members, request.requester_id)
    )
    session.add(request)
    session.flush()
    return request


def discard(*, session: Session, team_id: str, request_id: int, now: datetime) -> None:
    """Remove a request that never reached its channel (posting failed, nobody to ask)."""
    request = get(session=session, team_id=team_id, request_id=request_id)
    if request is None or request.message_ts:
        return
    if is_followed(request):
        # Something waits for this request (an exclusivity window): tell it, keep the trail.
        request.status = Status.CANCELLED.value
        request.decided_at = request.updated_at = now
        session.add(request)
        session.flush()
        record_event(session=session, request=request, event="not_posted", actor_id=None, at=now)
        tell_followers(session, request)
        return
    session.exec(delete(ApprovalEvent).where(col(ApprovalEvent.request_id) == request_id))
    session.exec(delete(ApprovalDecision).where(col(ApprovalDecision.request_id) == request_id))
    cancel_reminders(session=session, request=request)
    session.delete(request)
    session.flush()


def mark_posted(
    *,
    session: Session,
    team_id: str,
    request_id: int,
    channel_id: str,
    message_ts: str,
    now: datetime,
) -> ApprovalRequest | None:
    """Remember where the request message is, and schedule its reminders."""
    request = get(session=session, team_id=team_id, request_id=request_id)
    if request is None:
        return None
    request.channel_id = channel_id
    request.message_ts = message_ts
    session.add(request)
    session.flush()
    record_event(
        session=session,
        request=request,
        event="posted",
        actor_id=None,
        at=now,
        channel_id=channel_id,
        message_ts=message_ts,
    )
    schedule_reminders(session=session, request=request, now=now)
    return request
