"""Durable reminders: scheduled messages as rows, so no clock process loses or repeats one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select, update

from storage.models import Reminder


def schedule(
    *,
    session: Session,
    team_id: str,
    kind: str,
    dedupe_key: str,
    due_at: datetime,
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
