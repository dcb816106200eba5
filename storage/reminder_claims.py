"""Claiming due reminders: the clock's sweep takes a batch of the oldest due rows with a lease
(one statement, built once), and renews the lease while it posts. What happens to a row
after its claim (sent, retried, given up) is storage/reminders.py."""

from __future__ import annotations

import functools
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import (
    BindParameter,
    Integer,
    Select,
    String,
    Update,
    and_,
    bindparam,
    case,
    func,
    or_,
    union_all,
)
from sqlmodel import Session, col, select, update

from storage.models import Reminder
from storage.reminders import CLAIMED, PENDING
from storage.types import UTCDateTime

# A reminder delivered more than this after its due time is marked late (it fell due while
# no clock ran, or waited out rate limits and retries). Five minutes is 20 sweeps at the
# default 15-second interval: an ordinary sweep, even of thousands of rows, is never late.
LATE_GRACE = timedelta(minutes=5)


class ClaimedReminder(Protocol):
    """A claimed reminder as the sweep, its renderers and its outcomes read it: the row's
    columns, read-only. A claim returns the statement's rows as they are (SQLAlchemy `Row`s,
    which read like this), not ORM objects: loading a batch into the session cost 40% of
    the claim, on the thread the sweep's lanes share. What changes a row after its claim
    (storage/reminders.py) loads it again by id; a `Reminder` reads the same."""

    @property
    def id(self) -> int: ...
    @property
    def team_id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def dedupe_key(self) -> str: ...
    @property
    def subject_id(self) -> int | None: ...
    @property
    def payload(self) -> dict[str, Any]: ...
    @property
    def channel_id(self) -> str | None: ...
    @property
    def thread_ts(self) -> str | None: ...
    @property
    def due_at(self) -> datetime: ...
    @property
    def attempts(self) -> int: ...
    @property
    def lease_until(self) -> datetime | None: ...
    @property
    def late(self) -> bool: ...
    @property
    def last_error(self) -> str | None: ...
    @property
    def next_attempt_at(self) -> datetime | None: ...
    @property
    def attempt_started_at(self) -> datetime | None: ...
    @property
    def needs_check(self) -> bool: ...


# The columns a claim returns: what ClaimedReminder names, no more (each one returned is
# converted for every row of every batch).
CLAIMED_COLUMNS = tuple(
    name for name, value in vars(ClaimedReminder).items() if isinstance(value, property)
)


def claim_due(
    session: Session,
    *,
    now: datetime,
    worker_id: str,
    lease_seconds: float,
    limit: int,
    late_grace: timedelta = LATE_GRACE,
    wall_now: datetime,
) -> list[ClaimedReminder]:
    """Claim up to `limit` due rows for `worker_id` until `now + lease_seconds`, oldest first.

    Due: pending with `due_at <= now` (and any retry time passed), or claimed with an expired
    lease (the clock holding it died). Run it in `session_scope(engine, immediate=True)`:
    PostgreSQL skips rows another transaction is claiming (`FOR UPDATE SKIP LOCKED`); SQLite
    takes the write lock at BEGIN, so claims run one at a time. Either way no two workers
    ever hold the same row.

    A row whose earlier attempt may have reached Slack (an expired claim, or an attempt cut
    off without an answer) comes back with `needs_check` set: look for it in the channel's
    history before sending it again. An expired claim counts as an attempt, so a reminder
    that brings its clock down every time is given up after the maximum attempts.
    `wall_now` (the real time, from bot.wallclock) stamps `attempt_started_at`, which is
    compared with Slack's message timestamps; `now` may be a test's clock.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    on_sqlite = session.get_bind().dialect.name == "sqlite"
    claimed = session.connection().execute(
        _claim_statement(on_sqlite),
        {
            "now": now,
            "limit": limit,
            "worker_id": worker_id,
            "lease_until": now + timedelta(seconds=lease_seconds),
            "late_before": now - late_grace,
            "started": wall_now,
        },
    )
    rows: list[Any] = claimed.all()
    rows.sort(key=lambda row: (row.due_at, row.id))  # RETURNING keeps no order
    return rows


@functools.cache
def _claim_statement(on_sqlite: bool) -> Update:
    """The claim, built once (the clock's hot path): one UPDATE ... RETURNING for the whole
    batch, no row loaded and flushed one by one. Every SET reads the row as it was before
    the claim. The rows are chosen in a WITH (not `id IN (SELECT ...)`, which PostgreSQL
    may run more than once and so claim past the limit); a locking WITH is never folded
    into the UPDATE."""
    now = bindparam("now", type_=UTCDateTime())
    chosen = _oldest_due(now, bindparam("limit", type_=Integer()), on_sqlite).cte("chosen")
    expired = col(Reminder.state) == CLAIMED  # its clock died holding it
    table = Reminder.__table__
    return (
        table.update()
        .where(col(Reminder.id) == chosen.c.id)
        .values(
            attempts=case((expired, col(Reminder.attempts) + 1), else_=col(Reminder.attempts)),
            needs_check=case(
                (or_(expired, col(Reminder.attempt_started_at).is_not(None)), True),
                else_=col(Reminder.needs_check),
            ),
            last_error=case(
                (
                    expired,
                    func.substr(
                        "lease of " + func.coalesce(col(Reminder.claimed_by), "None") + " expired",
                        1,
                        500,
                    ),
                ),
                else_=col(Reminder.last_error),
            ),
            attempt_started_at=func.coalesce(
                col(Reminder.attempt_started_at), bindparam("started", type_=UTCDateTime())
            ),
            state=CLAIMED,
            claimed_by=bindparam("worker_id", type_=String()),
            lease_until=bindparam("lease_until", type_=UTCDateTime()),
            late=or_(
                col(Reminder.late),
                col(Reminder.due_at) < bindparam("late_before", type_=UTCDateTime()),
            ),
        )
        .returning(*(table.c[name] for name in CLAIMED_COLUMNS))
    )


def _oldest_due(now: BindParameter, limit: BindParameter, on_sqlite: bool) -> Select:
    """The ids of the `limit` oldest due rows, locked on PostgreSQL (`SKIP LOCKED`).

    Due: pending with `due_at <= now` and any retry time passed, or claimed by a clock
    whose lease ran out. On SQLite, one ordered walk of ix_reminder_due (state, due_at,
    rowid) per state, each stopping at `limit`, merged: SQLite plans the OR of the two
    states as a multi-index OR followed by a sort of every due row, so a backlog of
    thousands was sorted again for each batch. (SQLite has no row locks: its write lock,
    taken at BEGIN IMMEDIATE, keeps the choice true until the UPDATE. PostgreSQL cannot
    lock the rows of a UNION.)
    """
    pending_due = and_(
        col(Reminder.state) == PENDING,
        col(Reminder.due_at) <= now,
        or_(col(Reminder.next_attempt_at).is_(None), col(Reminder.next_attempt_at) <= now),
    )
    expired_lease = and_(col(Reminder.state) == CLAIMED, col(Reminder.lease_until) <= now)
    in_order = (col(Reminder.due_at), col(Reminder.id))
    if not on_sqlite:
        return (
            select(Reminder.id)
            .where(or_(pending_due, expired_lease))
            .order_by(*in_order)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    walks = [
        select(
            select(Reminder.id, Reminder.due_at)
            .where(due)
            .order_by(*in_order)
            .limit(limit)
            .subquery()
        )
        for due in (pending_due, expired_lease)
    ]
    merged = union_all(*walks).subquery()
    return select(merged.c.id).order_by(merged.c.due_at, merged.c.id).limit(limit)


def renew_leases(
    session: Session, *, reminder_ids: list[int], worker_id: str, lease_until: datetime
) -> set[int]:
    """Extend the lease of the rows the worker still holds; the ids it still holds."""
    if not reminder_ids:
        return set()
    owned = (
        col(Reminder.id).in_(reminder_ids),
        col(Reminder.state) == CLAIMED,
        col(Reminder.claimed_by) == worker_id,
    )
    session.exec(update(Reminder).where(*owned).values(lease_until=lease_until))
    return set(session.exec(select(Reminder.id).where(*owned)).all())
