"""The transactions of the clock's sweep (bot/delivery/): where they begin, commit and roll
back, so that the delivery itself never does.

A sweep keeps one connection for its rows' writes (no pool check-out per row; `BEGIN
IMMEDIATE` on SQLite, as for claims: a row's transaction reads, then writes). Claims and
lease renewals run in transactions of their own: a renewal comes from a lane while the
previous batch's outcomes may be being written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlmodel import Session

from storage import reminder_claims
from storage.db import IMMEDIATE_OPTION, session_scope

_WRITES = ("INSERT", "UPDATE", "DELETE")


@dataclass
class Rehearsal:
    """A transaction that is always rolled back; `wrote`: whether a statement in it wrote."""

    session: Session
    wrote: bool = False


class SweepSessions:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._connection: Connection | None = None
        self._batch_session: Session | None = None  # the batch's transaction, while open
        self._rehearsal_session: Session | None = None
        self._wrote = False  # a statement that writes ran on the connection

    def claim(
        self,
        *,
        now: datetime,
        worker_id: str,
        lease_seconds: float,
        limit: int,
        late_grace: timedelta,
        wall_now: datetime,
    ) -> list[reminder_claims.ClaimedReminder]:
        """Claim due rows (`reminder_claims.claim_due`) in a transaction of their own."""
        with session_scope(self.engine, immediate=True) as session:
            return reminder_claims.claim_due(
                session,
                now=now,
                worker_id=worker_id,
                lease_seconds=lease_seconds,
                limit=limit,
                late_grace=late_grace,
                wall_now=wall_now,
            )

    def renew(self, *, reminder_ids: list[int], worker_id: str, lease_until: datetime) -> set[int]:
        """Renew leases on a connection of its own; the ids still held."""
        with session_scope(self.engine) as session:
            return reminder_claims.renew_leases(
                session, reminder_ids=reminder_ids, worker_id=worker_id, lease_until=lease_until
            )

    def _conn(self) -> Connection:
        if self._connection is None:
            immediate = self.engine.execution_options(**{IMMEDIATE_OPTION: True})
            self._connection = immediate.connect()
            event.listen(self._connection, "before_cursor_execute", self._note_statement)
        return self._connection

    def _note_statement(self, _conn, _cursor, statement: str, *_args: Any) -> None:  # noqa: ANN001
        if statement.lstrip()[:6].upper() in _WRITES:
            self._wrote = True

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One short write transaction (a row's new state); while a batch's outcomes are
        being written, that batch's one transaction instead (committed once, by `batch`)."""
        if self._batch_session is not None:
            yield self._batch_session
            return
        # A Connection binds a session as an Engine does: the sweep's own, `BEGIN IMMEDIATE`.
        with session_scope(self._conn()) as session:  # type: ignore[arg-type]
            yield session

    @contextmanager
    def batch(self) -> Iterator[Session]:
        """The transaction a batch's outcomes are written in: one commit for all of them."""
        with session_scope(self._conn()) as session:  # type: ignore[arg-type]
            self._batch_session = session
            try:
                yield session
            finally:
                self._batch_session = None

    @contextmanager
    def rehearsal(self) -> Iterator[Rehearsal]:
        """A transaction that is rolled back whatever happens (a renderer's dry run); its
        `wrote` says whether anything in it wrote. Every rehearsal of the sweep uses one
        session, emptied after each: a session per row cost more than most renderers."""
        self._wrote = False
        if self._rehearsal_session is None:
            self._rehearsal_session = Session(bind=self._conn(), expire_on_commit=False)
        session = self._rehearsal_session
        rehearsal = Rehearsal(session)
        try:
            yield rehearsal
            session.flush()
        finally:
            rehearsal.wrote = self._wrote
            # Most renderers read nothing: then there is nothing to undo or forget, and
            # emptying an empty session cost more than such a renderer (bench/README.md).
            if session.in_transaction():
                session.rollback()
            if session.identity_map or session.new:
                session.expunge_all()  # the next row's renderer starts from nothing loaded

    def close(self) -> None:
        if self._rehearsal_session is not None:
            self._rehearsal_session.close()
            self._rehearsal_session = None
        if self._connection is not None:
            self._connection.close()
            self._connection = None


@contextmanager
def savepoint(session: Session) -> Iterator[Session]:
    """Part of a transaction that is undone alone when it fails (the rest still commits)."""
    with session.begin_nested():
        yield session
