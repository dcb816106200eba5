"""What the clock sends about a request: the reminder at the due time, the escalation to
the fallback approver and the expiry, one reminder row per message."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from storage import reminders
from storage.approvals.reading import facts
from storage.models import ApprovalRequest

REMINDER_KIND = "approval_reminder"  # at the due time: in the thread, and a DM per approver
ESCALATION_KIND = "approval_escalation"  # later: in the thread, and a DM to the fallback
EXPIRY_KIND = "approval_expiry"  # at expiry: the message loses its buttons; the requester hears
THREAD = "thread"  # a reminder row's payload["to"]: the request's thread
MESSAGE = "message"  # ... the request message itself (replaced)


def key_prefix(request_id: int, version: int | None = None) -> str:
    """The dedupe keys of a request's reminders (of one version) start with this."""
    return f"approval:{request_id}:" + (f"v{version}:" if version is not None else "")


def cancel_reminders(
    *, session: Session, request: ApprovalRequest, version: int | None = None
) -> None:
    """Cancel what is still to be sent about the request (about one version of it)."""
    reminders.cancel(
        session=session,
        team_id=request.team_id,
        dedupe_key_prefix=key_prefix(request.id, version),
    )


def schedule_reminders(*, session: Session, request: ApprovalRequest, now: datetime) -> None:
    """The reminder at the due time, the escalation and the expiry, for the current version.

    One row per message: the thread (and the request message itself at expiry) when the
    request was posted, and a DM per approver, to the fallback and to the requester.
    """
    prefix = key_prefix(request.id, request.version)
    posted = bool(request.channel_id and request.message_ts)

    def add(kind: str, name: str, due_at: datetime, to: str, channel: str | None) -> None:
        reminders.schedule(
            session=session,
            team_id=request.team_id,
            kind=kind,
            dedupe_key=prefix + name,
            due_at=due_at,
            now=now,
            channel_id=channel,
            # The expiry's replacement of the message names it by `ts` (a chat.update); were it
            # ever posted instead, it lands in the thread, not as a second card.
            thread_ts=request.message_ts if to in (THREAD, MESSAGE) else None,
            subject_id=request.id,
            payload={"version": request.version, "to": to},
        )

    if posted:
        add(REMINDER_KIND, "remind:thread", request.due_at, THREAD, request.channel_id)
    for approver in request.approvers or ():
        add(REMINDER_KIND, f"remind:{approver}", request.due_at, approver, approver)
    escalates_at = facts(request).escalates_at
    if escalates_at is not None and request.fallback_approver:
        if posted:
            add(ESCALATION_KIND, "escalate:thread", escalates_at, THREAD, request.channel_id)
        fallback = request.fallback_approver
        add(ESCALATION_KIND, f"escalate:{fallback}", escalates_at, fallback, fallback)
    if posted:
        add(EXPIRY_KIND, "expire:message", request.expires_at, MESSAGE, request.channel_id)
    requester = request.requester_id
    add(EXPIRY_KIND, f"expire:{requester}", request.expires_at, requester, requester)
