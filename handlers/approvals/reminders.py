"""The clock's messages about a request: the reminder at the due time, the escalation to
the fallback approver, and the expiry."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from domain.approvals import Status, outstanding
from handlers.approval_requests import card_of, user_tr
from handlers.blocks.approvals.dms import build_escalation_dm, build_expiry_dm, build_reminder_dm
from handlers.blocks.approvals.message import build_request_message
from handlers.blocks.approvals.notes import build_escalation_thread, build_reminder_thread
from handlers.voice import SEED_DEFAULTS, team_voice
from locales import Translator
from storage.approvals import changing, reading, schedule, trail
from storage.models import ApprovalRequest
from storage.reminder_claims import ClaimedReminder


def _team_voice(session: Session, team_id: str) -> tuple[Translator, str]:
    """The team's translator and time zone, for what a channel reads (renderers have no
    request to read them from)."""
    voice = team_voice(session, team_id, SEED_DEFAULTS)
    return voice.t, voice.timezone


def _reminded(session: Session, reminder: ClaimedReminder) -> ApprovalRequest | None:
    """The reminder's request while it is pending at the reminder's version; else None."""
    if reminder.subject_id is None:
        return None
    request = reading.get(session=session, team_id=reminder.team_id, request_id=reminder.subject_id)
    if request is None or request.version != reminder.payload.get("version"):
        return None
    return request if request.status == Status.PENDING.value else None


def render_reminder(session: Session, reminder: ClaimedReminder) -> dict[str, Any] | None:
    """Due and undecided: a note in the thread naming who is awaited, and a DM to each."""
    request = _reminded(session, reminder)
    if request is None:
        return None
    waiting = outstanding(
        reading.facts(request), reading.decisions_of(session=session, request=request)
    )
    team_t, timezone = _team_voice(session, request.team_id)
    to = reminder.payload.get("to")
    if to == schedule.THREAD:
        if not waiting:
            return None
        trail.record_event_once(
            session=session,
            request=request,
            event="reminded",
            key=reminder.dedupe_key,
            at=reminder.due_at,
        )
        return build_reminder_thread(team_t, request.due_at, waiting, timezone)
    if to not in waiting:
        return None
    user_t = user_tr(session, request.team_id, to, team_t.language)
    return build_reminder_dm(user_t, card_of(session, request), request.channel_id, timezone)


def render_escalation(session: Session, reminder: ClaimedReminder) -> dict[str, Any] | None:
    """Still undecided: the fallback approver is asked (in the thread, and by DM)."""
    request = _reminded(session, reminder)
    if request is None or not request.fallback_approver:
        return None
    team_t, timezone = _team_voice(session, request.team_id)
    trail.record_event_once(
        session=session,
        request=request,
        event="escalated",
        key=f"{request.id}:v{request.version}",
        at=reminder.due_at,
    )
    if reminder.payload.get("to") == schedule.THREAD:
        return build_escalation_thread(team_t, request.due_at, request.fallback_approver, timezone)
    user_t = user_tr(session, request.team_id, request.fallback_approver, team_t.language)
    return build_escalation_dm(user_t, card_of(session, request), request.channel_id, timezone)


def render_expiry(session: Session, reminder: ClaimedReminder) -> dict[str, Any] | None:
    """Expiry: the request message loses its buttons and says so (a chat.update: the message
    carries the `ts` it replaces), and the requester hears it by DM."""
    if reminder.subject_id is None:
        return None
    request = changing.expire(
        session=session,
        team_id=reminder.team_id,
        request_id=reminder.subject_id,
        version=int(reminder.payload.get("version") or 0),
        now=reminder.due_at,
    )
    if request is None:
        return None
    team_t, timezone = _team_voice(session, request.team_id)
    card = card_of(session, request)
    if reminder.payload.get("to") == schedule.MESSAGE:
        if not request.message_ts:
            return None
        return {"ts": request.message_ts, **build_request_message(team_t, card, timezone)}
    user_t = user_tr(session, request.team_id, request.requester_id, team_t.language)
    return build_expiry_dm(user_t, card, request.channel_id, timezone)
