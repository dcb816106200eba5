"""Short-lived notes kept for a few minutes: what a conversation is about, a reading awaiting a
"did you mean ...?" click.

They live in the `reminders` table (a JSON payload, a team, a key and an expiry time already)
in a state of their own, `held`, which the clock's sweep never claims (it takes `pending` and
expired `claimed` rows only). Rows, not process memory, because `serve` runs several workers:
the click may reach another process than the message did. No migration needed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, delete, select, update

from storage.models import Reminder

HELD = "held"
USED = "cancelled"
KIND = "memo"


def remember(
    *,
    session: Session,
    team_id: str,
    key: str,
    payload: dict[str, Any],
    until: datetime,
    now: datetime,
) -> int:
    """Keep `payload` under `key` until `until` (replacing what the key held); its id."""
    session.exec(
        delete(Reminder).where(
            col(Reminder.team_id) == team_id,
            col(Reminder.kind) == KIND,
            col(Reminder.due_at) < now,
        )
    )
    row = session.exec(
        select(Reminder).where(Reminder.team_id == team_id, Reminder.dedupe_key == key)
    ).first()
    if row is None:
        row = Reminder(
            team_id=team_id, kind=KIND, dedupe_key=key, due_at=until, state=HELD, created_at=now
        )
    row.payload = payload
    row.due_at = until
    row.state = HELD
    session.add(row)
    session.flush()
    return row.id


def recall(*, session: Session, team_id: str, key: str, now: datetime) -> dict[str, Any] | None:
    """What `key` holds, unless it expired."""
    row = session.exec(
        select(Reminder).where(
            Reminder.team_id == team_id,
            Reminder.dedupe_key == key,
            Reminder.kind == KIND,
            Reminder.state == HELD,
        )
    ).first()
    if row is None or row.due_at <= now:
        return None
    return dict(row.payload)


def take(*, session: Session, team_id: str, memo_id: int, now: datetime) -> dict[str, Any] | None:
    """The payload of a held memo, once: it is used up (of two concurrent clicks, the one whose
    compare-and-set UPDATE changes the row wins; the other finds nothing)."""
    used = session.exec(
        update(Reminder)
        .where(
            col(Reminder.id) == memo_id,
            col(Reminder.team_id) == team_id,
            col(Reminder.kind) == KIND,
            col(Reminder.state) == HELD,
            col(Reminder.due_at) > now,
        )
        .values(state=USED)
    )
    if used.rowcount != 1:
        return None
    row = session.get(Reminder, memo_id)
    return dict(row.payload) if row is not None else None
