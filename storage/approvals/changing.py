"""Changing a request: decide exactly once, edit, cancel, expire.

Every change to a request starts with a *claim*: a conditional UPDATE of the request row on
its id, version and status. On PostgreSQL it takes the row lock, so concurrent clicks queue
behind it and then find the row changed (rowcount 0); on SQLite it is the transaction's
first statement, so it takes the write lock before anything is read and no stale snapshot
is ever upgraded. Together with the unique (request, version, approver) of a decision, 20
concurrent clicks yield exactly one decision on either database. No Slack call is made
while a claim is held: handlers commit first, then talk to Slack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, update

from domain.approvals import (
    ApprovalSettings,
    Decision,
    Status,
    changed_fields,
    clean_subject,
    deadlines,
    owner_refusal,
    refusal,
    resolve,
)
from storage.approvals.followers import tell_followers
from storage.approvals.reading import decisions_of, facts, get
from storage.approvals.schedule import cancel_reminders, schedule_reminders
from storage.approvals.trail import record_event
from storage.models import ApprovalDecision, ApprovalRequest


def _claim(
    session: Session, team_id: str, request_id: int, version: int, statuses: tuple[Status, ...]
) -> bool:
    """Lock the request if it is still at `version` in one of `statuses` (a no-op UPDATE)."""
    result = session.exec(
        update(ApprovalRequest)
        .where(
            col(ApprovalRequest.id) == request_id,
            col(ApprovalRequest.team_id) == team_id,
            col(ApprovalRequest.version) == version,
            col(ApprovalRequest.status).in_([s.value for s in statuses]),
        )
        .values(version=ApprovalRequest.version)
        .execution_options(synchronize_session=False)
    )
    return (result.rowcount or 0) == 1


@dataclass(frozen=True)
class Outcome:
    """What an attempt to change a request came to.

    `code`: "decided" (the request is settled), "recorded" (one approval of several),
    "duplicate" (this approver already decided this version), "late" (no longer pending, or
    changed since the click), "expired" (expired just now), "refused" (`refusal` says why),
    "missing", and for owners "cancelled", "edited", "unchanged".
    """

    code: str
    request: ApprovalRequest | None
    decisions: dict[str, Decision] = field(default_factory=dict)
    refusal: str | None = None
    changed: tuple[str, ...] = ()
    before: tuple[str, str] | None = None  # (subject, details) before an edit


def _settle(
    session: Session,
    request: ApprovalRequest,
    status: Status,
    *,
    actor: str | None,
    at: datetime,
    now: datetime,
) -> None:
    """The request leaves "pending" for good (decided, cancelled, expired); whatever follows
    it hears it in the same transaction."""
    request.status = status.value
    request.decided_by = actor
    request.decided_at = at
    request.updated_at = now
    session.add(request)
    session.flush()
    tell_followers(session, request)


def decide(
    *,
    session: Session,
    team_id: str,
    request_id: int,
    version: int,
    actor: str,
    decision: Decision,
    reason: str | None,
    now: datetime,
) -> Outcome:
    """Record one approver's decision, atomically; settles the request when the rule says so."""
    claimed = _claim(session, team_id, request_id, version, (Status.PENDING,))
    request = get(session=session, team_id=team_id, request_id=request_id)
    if request is None:
        return Outcome("missing", None)
    if not claimed:
        return Outcome("late", request, decisions_of(session=session, request=request))
    request_facts = facts(request)
    why = refusal(request_facts, actor, now)
    if why == "expired":
        _expire(session, request, now)
        return Outcome("expired", request)
    if why is not None:
        return Outcome("refused", request, refusal=why)
    try:
        with session.begin_nested():
            session.add(
                ApprovalDecision(
                    team_id=team_id,
                    request_id=request.id,
                    version=request.version,
                    approver_id=actor,
                    decision=decision.value,
                    reason=reason,
                    decided_at=now,
                )
            )
    except IntegrityError:
        return Outcome("duplicate", request, decisions_of(session=session, request=request))
    decided = decisions_of(session=session, request=request)
    record_event(
        session=session,
        request=request,
        event="decision",
        actor_id=actor,
        at=now,
        decision=decision.value,
        version=request.version,
        reason=reason,
    )
    status = resolve(request_facts, decided)
    if status is Status.PENDING:
        request.updated_at = now
        session.add(request)
        session.flush()
        return Outcome("recorded", request, decided)
    request.decision_reason = reason
    record_event(
        session=session, request=request, event="resolved", actor_id=actor, at=now, status=status
    )
    cancel_reminders(session=session, request=request)
    _settle(session, request, status, actor=actor, at=now, now=now)
    return Outcome("decided", request, decided)


def _open_for_requester(
    session: Session, team_id: str, request_id: int, version: int, actor: str
) -> ApprovalRequest | Outcome:
    """Claim a still-open request for its requester's change, or the outcome that stops it
    (missing, decided meanwhile, or not the requester's to change)."""
    claimed = _claim(
        session, team_id, request_id, version, (Status.PENDING, Status.CHANGES_REQUESTED)
    )
    request = get(session=session, team_id=team_id, request_id=request_id)
    if request is None:
        return Outcome("missing", None)
    if not claimed:
        return Outcome("late", request)
    why = owner_refusal(facts(request), actor)
    if why is not None:
        return Outcome("refused", request, refusal=why)
    return request


def cancel(
    *, session: Session, team_id: str, request_id: int, version: int, actor: str, now: datetime
) -> Outcome:
    """The requester withdraws the request."""
    found = _open_for_requester(session, team_id, request_id, version, actor)
    if isinstance(found, Outcome):
        return found
    record_event(session=session, request=found, event="cancelled", actor_id=actor, at=now)
    cancel_reminders(session=session, request=found)
    _settle(session, found, Status.CANCELLED, actor=actor, at=now, now=now)
    return Outcome("cancelled", found)


def edit(
    *,
    session: Session,
    team_id: str,
    request_id: int,
    version: int,
    actor: str,
    subject: str,
    details: str,
    now: datetime,
    settings: ApprovalSettings,
) -> Outcome:
    """The requester changes the subject or details: a new version, asked again.

    The decisions so far stay in the audit trail but no longer count; the request is
    pending again with the team's due time and expiry counted from now.
    """
    found = _open_for_requester(session, team_id, request_id, version, actor)
    if isinstance(found, Outcome):
        return found
    request = found
    before = (request.subject, request.details)
    changed = changed_fields(request.subject, request.details, subject, details)
    if not changed:
        return Outcome("unchanged", request)
    old_version = request.version
    request.subject = clean_subject(subject)
    request.details = (details or "").strip()
    request.version = old_version + 1
    request.status = Status.PENDING.value
    request.decided_by = None
    request.decided_at = None
    request.decision_reason = None
    request.due_at, request.expires_at = deadlines(now, settings.due_hours, settings.expiry_days)
    request.updated_at = now
    session.add(request)
    session.flush()
    record_event(
        session=session,
        request=request,
        event="edited",
        actor_id=actor,
        at=now,
        changed=list(changed),
        from_version=old_version,
        version=request.version,
        subject_before=before[0],
    )
    cancel_reminders(session=session, request=request, version=old_version)
    schedule_reminders(session=session, request=request, now=now)
    tell_followers(session, request)
    return Outcome("edited", request, changed=changed, before=before)


def _expire(session: Session, request: ApprovalRequest, now: datetime) -> None:
    # Its reminders stay: the expiry's own messages (the card, the requester's DM) are due now.
    record_event(session=session, request=request, event="expired", actor_id=None, at=now)
    _settle(session, request, Status.EXPIRED, actor=None, at=request.expires_at, now=now)


def expire(
    *, session: Session, team_id: str, request_id: int, version: int, now: datetime
) -> ApprovalRequest | None:
    """Expire a pending request whose time is up; returns it when it is (now) expired."""
    claimed = _claim(session, team_id, request_id, version, (Status.PENDING,))
    request = get(session=session, team_id=team_id, request_id=request_id)
    if request is None or request.version != version:
        return None
    if claimed and now >= request.expires_at:
        _expire(session, request, now)
    return request if request.status == Status.EXPIRED.value else None
