"""Durable reminders: scheduled messages as rows, so no clock process loses or repeats one."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from sqlalchemy import (
    TextClause,
    bindparam,
    case,
    func,
    text,
)
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select, update

from storage.models import Reminder
from storage.types import UTCDateTime


def schedule(
    *,
    session: Session,
    team_id: str,
    kind: str,
    dedupe_key: str,
    due_at: datetime,
    now: datetime,
    channel_id: str | None = None,
    thread_ts: str | None = None,
    subject_id: int | None = None,
    payload: dict[str, Any] | None = None,
) -> Reminder:
    """Schedule a message once: asking again with the same `dedupe_key` returns the first row.

    `kind` names the renderer that builds the message when it is due (handlers.scheduled).
    """
    if due_at.tzinfo is None:
        raise ValueError("due_at must be timezone-aware")
    existing = session.exec(
        select(Reminder).where(Reminder.team_id == team_id, Reminder.dedupe_key == dedupe_key)
    ).first()
    if existing is not None:
        return existing
    reminder = Reminder(
        team_id=team_id,
        kind=kind,
        dedupe_key=dedupe_key,
        due_at=due_at,
        channel_id=channel_id,
        thread_ts=thread_ts,
        subject_id=subject_id,
        payload=payload or {},
        created_at=now,
    )
    try:
        with session.begin_nested():
            session.add(reminder)
    except IntegrityError:
        # Scheduled concurrently by another request: theirs stands.
        return session.exec(
            select(Reminder).where(Reminder.team_id == team_id, Reminder.dedupe_key == dedupe_key)
        ).one()
    return reminder


def cancel(*, session: Session, team_id: str, dedupe_key_prefix: str) -> int:
    """Cancel every pending reminder whose key starts with the prefix (e.g. "approval:12:")."""
    result = session.exec(
        update(Reminder)
        .where(
            col(Reminder.team_id) == team_id,
            col(Reminder.state) == "pending",
            col(Reminder.dedupe_key).startswith(dedupe_key_prefix, autoescape=True),
        )
        .values(state="cancelled")
    )
    return result.rowcount or 0


# -- delivery: complete, retry, give up (the clock's sweep in bot/delivery/) ----------------
#
# A due row is claimed (storage/reminder_claims.py) in one short transaction with a lease
# (state "claimed", lease_until, claimed_by); every later change is a compare-and-set on
# (id, state "claimed", claimed_by), so a worker whose lease was taken over can no longer
# change the row.

PENDING, CLAIMED, SENT = "pending", "claimed", "sent"
# Kinds the clock schedules itself: the next part of a long message, in its thread, and the
# report of a reminder it gave up on.
THREAD_KIND, REPORT_KIND = "thread_reply", "delivery_report"
FAILED, UNCERTAIN, CANCELLED = "failed", "uncertain", "cancelled"


def _owned(reminder_id: int, worker_id: str) -> tuple:
    return (
        col(Reminder.id) == reminder_id,
        col(Reminder.state) == CLAIMED,
        col(Reminder.claimed_by) == worker_id,
    )


_reminders = Reminder.__table__
# Built once: the hot path of a sweep (one per delivered message) skips the ORM's bulk-update
# machinery and SQLAlchemy's per-statement cache-key work.
_MARK_SENT = (
    _reminders.update()
    .where(
        _reminders.c.id == bindparam("reminder_id"),
        _reminders.c.state == CLAIMED,
        _reminders.c.claimed_by == bindparam("worker_id"),
    )
    .values(
        state=SENT,
        message_ts=bindparam("message_ts"),
        sent_at=bindparam("sent_at"),
        lease_until=None,
        next_attempt_at=None,
        attempt_started_at=None,
        needs_check=False,
        last_error=bindparam("note"),
    )
)


def mark_sent(
    session: Session,
    *,
    reminder_id: int,
    worker_id: str,
    message_ts: str | None,
    sent_at: datetime,
    note: str | None = None,
) -> bool:
    """The message is in Slack (posted now, or found in the channel's history): done.

    False when the worker no longer holds the row (its lease was taken over)."""
    result = session.connection().execute(
        _MARK_SENT,
        {
            "reminder_id": reminder_id,
            "worker_id": worker_id,
            "message_ts": message_ts,
            "sent_at": sent_at,
            "note": note,
        },
    )
    return bool(result.rowcount)


def mark_sent_many(
    session: Session,
    *,
    worker_id: str,
    sent: list[tuple[int, str | None]],
    sent_at: datetime,
) -> int:
    """`mark_sent` for many rows at once (reminder id, message ts), in one statement; how
    many the worker still held."""
    if not sent:
        return 0
    params: dict[str, Any] = {"worker_id": worker_id, "sent_at": sent_at}
    for n, (reminder_id, ts) in enumerate(sent):
        params[f"id{n}"], params[f"ts{n}"] = reminder_id, ts
    result = session.connection().execute(_mark_sent_rows(len(sent)), params)
    return max(result.rowcount, 0)


@functools.cache
def _mark_sent_rows(count: int) -> TextClause:
    """One UPDATE ... FROM (VALUES ...) for `count` rows: a batch's rows are one statement
    (one step of SQLite's engine, one round trip to PostgreSQL), not one per row. VALUES
    names its columns column1, column2 on both databases."""
    rows = ", ".join(f"(:id{n}, :ts{n})" for n in range(count))
    statement = text(
        f"UPDATE reminders SET state = '{SENT}', message_ts = sent.column2, "  # noqa: S608 - no input in it
        "sent_at = :sent_at, lease_until = NULL, next_attempt_at = NULL, "
        "attempt_started_at = NULL, needs_check = FALSE, last_error = NULL "
        f"FROM (VALUES {rows}) AS sent "
        f"WHERE reminders.id = sent.column1 AND reminders.state = '{CLAIMED}' "
        "AND reminders.claimed_by = :worker_id"
    )
    return statement.bindparams(bindparam("sent_at", type_=UTCDateTime()))


def mark_skipped(session: Session, *, reminder_id: int, worker_id: str, note: str) -> bool:
    """The renderer had nothing to say any more (the approval was decided...): cancelled."""
    result = session.exec(
        update(Reminder)
        .where(*_owned(reminder_id, worker_id))
        .values(
            state=CANCELLED,
            lease_until=None,
            next_attempt_at=None,
            attempt_started_at=None,
            needs_check=False,
            last_error=note[:500],
        )
    )
    return bool(result.rowcount)


def release(
    session: Session, *, reminder_id: int, worker_id: str, not_before: datetime | None = None
) -> bool:
    """Give a claimed row back, not counted as an attempt (a rate limit, a stopping clock):
    pending again, from `not_before` on. Only for rows this worker did not post: an earlier
    unsettled attempt (`needs_check`) keeps its start, to be looked for later."""
    result = session.exec(
        update(Reminder)
        .where(*_owned(reminder_id, worker_id))
        .values(
            state=PENDING,
            claimed_by=None,
            lease_until=None,
            next_attempt_at=not_before,
            attempt_started_at=case(
                (col(Reminder.needs_check), col(Reminder.attempt_started_at)), else_=None
            ),
        )
    )
    return bool(result.rowcount)


def _held(session: Session, reminder_id: int, worker_id: str) -> Reminder | None:
    return session.exec(
        select(Reminder).where(*_owned(reminder_id, worker_id)).with_for_update()
    ).first()


def retry_later(
    session: Session,
    *,
    reminder_id: int,
    worker_id: str,
    error: str,
    next_attempt_at: datetime,
    unsettled_since: datetime | None,
) -> Reminder | None:
    """A failed attempt: attempts + 1, pending again from `next_attempt_at`.

    `unsettled_since`: when an attempt began that may still have reached Slack (no answer
    came), so the next one looks in the history first; None when Slack said it did not post.
    None (the return) when the worker no longer holds the row.
    """
    row = _held(session, reminder_id, worker_id)
    if row is None:
        return None
    row.attempts += 1
    row.state = PENDING
    row.claimed_by = None
    row.lease_until = None
    row.next_attempt_at = next_attempt_at
    row.attempt_started_at = unsettled_since
    row.needs_check = unsettled_since is not None
    row.last_error = error[:500]
    session.add(row)
    session.flush()
    return row


def give_up(
    session: Session, *, reminder_id: int, worker_id: str, state: str, error: str, attempt: bool
) -> Reminder | None:
    """Stop trying: state "failed" (never delivered) or "uncertain" (it may have been, and
    the history could not tell). `attempt`: this ends a failed attempt (attempts + 1).
    None when the worker no longer holds the row."""
    if state not in (FAILED, UNCERTAIN):
        raise ValueError(f"give_up to {state!r}: failed or uncertain")
    row = _held(session, reminder_id, worker_id)
    if row is None:
        return None
    row.attempts += 1 if attempt else 0
    row.state = state
    row.lease_until = None
    row.next_attempt_at = None
    row.needs_check = False
    row.last_error = error[:500]
    session.add(row)
    session.flush()
    return row


def count_by_state(session: Session, *, team_id: str | None = None) -> dict[str, int]:
    """How many reminders are in each state (for the console, operators and tests)."""
    query = select(Reminder.state, func.count()).group_by(col(Reminder.state))
    if team_id is not None:
        query = query.where(col(Reminder.team_id) == team_id)
    return dict(session.exec(query).all())
