"""Approval requests: create, decide exactly once, edit, cancel, expire, list; the audit trail.

Every change to a request starts with a *claim*: a conditional UPDATE of the request row on
its id, version and status. On PostgreSQL it takes the row lock, so concurrent clicks queue
behind it and then find the row changed (rowcount 0); on SQLite it is the transaction's
first statement, so it takes the write lock before anything is read and no stale snapshot
is ever upgraded. Together with the unique (request, version, approver) of a decision, 20
concurrent clicks yield exactly one decision on either database. No Slack call is made
while a claim is held: handlers commit first, then talk to Slack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select, update

from domain.approvals import (
    ApprovalSettings,
    Decision,
    KindSettings,
    RequestFacts,
    Rule,
    Status,
    changed_fields,
    clean_subject,
    deadlines,
    effective_approvers,
    is_escalated,
    owner_refusal,
    refusal,
    resolve,
)
from domain.values import ApprovalKind
from storage import reminders
from storage.models import (
    ApprovalDecision,
    ApprovalEvent,
    ApprovalRequest,
    Brand,
    Creator,
    Partnership,
    TeamSettings,
)

REMINDER_KIND = "approval_reminder"  # at the due time: in the thread, and a DM per approver
ESCALATION_KIND = "approval_escalation"  # later: in the thread, and a DM to the fallback
EXPIRY_KIND = "approval_expiry"  # at expiry: the message loses its buttons; the requester hears
THREAD = "thread"  # a reminder row's payload["to"]: the request's thread
MESSAGE = "message"  # ... the request message itself (replaced)

# Called in the deciding transaction whenever a request with `source[key]` changes status
# (e.g. the exclusivity window waiting for this approval); see `on_status_change`.
StatusHook = Callable[[Session, ApprovalRequest], None]
STATUS_HOOKS: dict[str, StatusHook] = {}


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


def on_status_change(source_key: str) -> Callable[[StatusHook], StatusHook]:
    """Register what happens when a request created with `source={source_key: ...}` is
    approved, rejected, sent back for changes, cancelled, expired or asked again."""

    def register(hook: StatusHook) -> StatusHook:
        STATUS_HOOKS[source_key] = hook
        return hook

    return register


def _run_hooks(session: Session, request: ApprovalRequest) -> None:
    for key, hook in STATUS_HOOKS.items():
        if key in (request.source or {}):
            hook(session, request)


# -- settings ----------------------------------------------------------------------------------
def get_settings(*, session: Session, team_id: str) -> ApprovalSettings:
    row = session.get(TeamSettings, team_id)
    return ApprovalSettings.from_json(row.approval_settings if row else None)


def save_settings(*, session: Session, team_id: str, settings: ApprovalSettings) -> None:
    """Store the team's approval settings (the team's row exists: the middleware made it)."""
    row = session.get(TeamSettings, team_id)
    if row is None:
        raise LookupError(f"no settings row for team {team_id}")
    row.approval_settings = settings.to_json()
    session.add(row)
    session.flush()


# -- reading -----------------------------------------------------------------------------------
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


# -- creating and posting ----------------------------------------------------------------------
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
    """A pending request with the kind's approvers and the team's due time and expiry.

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
    if any(key in (request.source or {}) for key in STATUS_HOOKS):
        # Something waits for this request (an exclusivity window): tell it, keep the trail.
        request.status = Status.CANCELLED.value
        request.decided_at = request.updated_at = now
        session.add(request)
        session.flush()
        record_event(session=session, request=request, event="not_posted", actor_id=None, at=now)
        _run_hooks(session, request)
        return
    session.exec(delete(ApprovalEvent).where(col(ApprovalEvent.request_id) == request_id))
    session.exec(delete(ApprovalDecision).where(col(ApprovalDecision.request_id) == request_id))
    reminders.cancel(session=session, team_id=team_id, dedupe_key_prefix=key_prefix(request_id))
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


def key_prefix(request_id: int, version: int | None = None) -> str:
    """The dedupe keys of a request's reminders (of one version) start with this."""
    return f"approval:{request_id}:" + (f"v{version}:" if version is not None else "")


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


# -- changing a request: claim first -----------------------------------------------------------
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
    request.updated_at = now
    if status is Status.PENDING:
        session.add(request)
        session.flush()
        return Outcome("recorded", request, decided)
    request.status = status.value
    request.decided_by = actor
    request.decided_at = now
    request.decision_reason = reason
    session.add(request)
    session.flush()
    record_event(
        session=session, request=request, event="resolved", actor_id=actor, at=now, status=status
    )
    reminders.cancel(session=session, team_id=team_id, dedupe_key_prefix=key_prefix(request.id))
    _run_hooks(session, request)
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
    request = found
    request.status = Status.CANCELLED.value
    request.decided_by = actor
    request.decided_at = now
    request.updated_at = now
    session.add(request)
    session.flush()
    record_event(session=session, request=request, event="cancelled", actor_id=actor, at=now)
    reminders.cancel(session=session, team_id=team_id, dedupe_key_prefix=key_prefix(request.id))
    _run_hooks(session, request)
    return Outcome("cancelled", request)


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
    reminders.cancel(
        session=session, team_id=team_id, dedupe_key_prefix=key_prefix(request.id, old_version)
    )
    schedule_reminders(session=session, request=request, now=now)
    _run_hooks(session, request)
    return Outcome("edited", request, changed=changed, before=before)


def _expire(session: Session, request: ApprovalRequest, now: datetime) -> None:
    request.status = Status.EXPIRED.value
    request.decided_at = request.expires_at
    request.updated_at = now
    session.add(request)
    session.flush()
    record_event(session=session, request=request, event="expired", actor_id=None, at=now)
    _run_hooks(session, request)


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


# -- lists -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PendingItem:
    request: ApprovalRequest
    creator_name: str | None
    brand_name: str | None
    decisions: dict[str, Decision]


@cache
def _pending_statement(unexpired: bool, of_partnership: bool) -> Select:
    # Built once per shape, values bound at execution: the status card's path (see
    # storage/creators.py).
    statement = select(ApprovalRequest).where(
        ApprovalRequest.team_id == bindparam("team_id"),
        ApprovalRequest.status == Status.PENDING.value,
    )
    if unexpired:
        statement = statement.where(col(ApprovalRequest.expires_at) > bindparam("now"))
    if of_partnership:
        statement = statement.where(ApprovalRequest.partnership_id == bindparam("partnership_id"))
    return statement.order_by(ApprovalRequest.due_at, ApprovalRequest.id)


def list_pending(
    *,
    session: Session,
    team_id: str,
    now: datetime | None,
    user_id: str | None = None,
    partnership_id: int | None = None,
    limit: int | None = None,
) -> list[PendingItem]:
    """Pending requests, soonest due first: all of the team's, or the ones `user_id` asked or
    may decide (as approver, or as the fallback once escalated), or one partnership's.

    With `now`, requests whose expiry has passed (and that the clock has not expired yet)
    are left out.
    """
    rows = session.exec(
        _pending_statement(now is not None, partnership_id is not None),
        params={"team_id": team_id, "now": now, "partnership_id": partnership_id},
    ).all()
    if user_id is not None:
        rows = [
            r
            for r in rows
            if user_id == r.requester_id
            or user_id in (r.approvers or ())
            or (user_id == r.fallback_approver and now is not None and is_escalated(facts(r), now))
        ]
    if limit is not None:
        rows = rows[:limit]
    items = []
    for request in rows:
        creator_name, brand_name = names_of(session=session, request=request)
        items.append(
            PendingItem(
                request,
                creator_name,
                brand_name,
                decisions_of(session=session, request=request),
            )
        )
    return items


def creator_choices(*, session: Session, team_id: str, limit: int) -> list[tuple[int, str, str]]:
    """Live creators as (id, display name, handle), by name: the shortcut's select."""
    rows = session.exec(
        select(Creator.id, Creator.display_name, Creator.handle)
        .where(
            Creator.team_id == team_id,
            col(Creator.archived).is_(False),
            col(Creator.erased).is_(False),
        )
        .order_by(Creator.name_key, Creator.id)
        .limit(limit)
    ).all()
    return [(row[0], row[1], row[2]) for row in rows]


# -- for other features ------------------------------------------------------------------------
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
    """An exclusivity approval for an agreed window whose brand requires one.

    None when the team has no approvers for exclusivity (or only the requester). Post it
    once your transaction has committed, with `handlers.approvals.post_request`: in the
    partnership's channel, else `channel_id`. Its `source` is `{"window_id": window_id}`
    (see `on_status_change` for what happens when it is decided).
    """
    settings = get_settings(session=session, team_id=team_id)
    kind_settings = settings.for_kind(ApprovalKind.EXCLUSIVITY)
    if not kind_settings.group and not effective_approvers(kind_settings.users, (), requester_id):
        return None
    partnership = session.get(Partnership, partnership_id)
    return create(
        session=session,
        team_id=team_id,
        partnership_id=partnership_id,
        kind=ApprovalKind.EXCLUSIVITY,
        subject=subject,
        details=details,
        requester_id=requester_id,
        settings=settings,
        channel_id=(partnership.channel_id if partnership else None) or channel_id,
        now=now,
        source={"window_id": window_id},
    )


DEMO_SUBJECT = "First TikTok draft for the autumn launch"
DEMO_DETAILS = "60-second video, shot by the creator; brand mention in the first 5 seconds."


def demo_pending_approval(
    session: Session,
    team_id: str,
    partnership_id: int,
    requester: str,
    approver: str,
    *,
    now: datetime,
) -> ApprovalRequest:
    """The demo data's pending content approval (not posted: the demo has no Slack yet).

    When the team has no approvers at all, `approver` becomes the approver of every kind, so
    that `/creator approve` works in the demo too.
    """
    settings = get_settings(session=session, team_id=team_id)
    if not any(settings.for_kind(kind).configured for kind in ApprovalKind):
        settings = replace(
            settings, kinds={kind: KindSettings(users=(approver,)) for kind in ApprovalKind}
        )
        save_settings(session=session, team_id=team_id, settings=settings)
    content = settings.for_kind(ApprovalKind.CONTENT)
    if approver not in content.users:
        settings = replace(
            settings,
            kinds={
                **settings.kinds,
                ApprovalKind.CONTENT: KindSettings((*content.users, approver), content.group),
            },
        )
    partnership = session.get(Partnership, partnership_id)
    request = create(
        session=session,
        team_id=team_id,
        partnership_id=partnership_id,
        kind=ApprovalKind.CONTENT,
        subject=DEMO_SUBJECT,
        details=DEMO_DETAILS,
        requester_id=requester,
        settings=settings,
        channel_id=partnership.channel_id if partnership else None,
        now=now,
    )
    schedule_reminders(session=session, request=request, now=now)
    return request
