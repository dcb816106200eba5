"""The sweep's transactions (storage/sweep_sessions.py), on SQLite and PostgreSQL: a renderer's
dry run leaves nothing behind but says whether it wrote; a batch's outcomes commit together
or not at all; a lease renewal keeps only the rows still held."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from storage import reminders
from storage.db import session_scope
from storage.models import Reminder
from storage.sweep_sessions import SweepSessions, savepoint

TEAM = "T0123456789"
NOW = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)


def add(session, key: str) -> Reminder:  # noqa: ANN001
    return reminders.schedule(
        session=session, team_id=TEAM, kind="test_ping", dedupe_key=key, due_at=NOW, now=NOW
    )


def keys(engine: Engine) -> set[str]:
    with session_scope(engine) as session:
        return {row.dedupe_key for row in session.exec(select(Reminder))}


def test_a_rehearsal_is_rolled_back_and_tells_whether_it_wrote(engine: Engine) -> None:
    sessions = SweepSessions(engine)
    try:
        with sessions.rehearsal() as reading:
            list(reading.session.exec(select(Reminder)))
        with sessions.rehearsal() as writing:
            add(writing.session, "dry-run")
    finally:
        sessions.close()
    assert (reading.wrote, writing.wrote) == (False, True)
    assert keys(engine) == set()


def test_each_rehearsal_starts_from_nothing_whatever_the_one_before_did(
    engine: Engine,
) -> None:
    """The sweep's rehearsals share a session: what one row's renderer wrote, loaded or
    broke is gone for the next row's."""
    with session_scope(engine) as session:
        add(session, "stored")
    sessions = SweepSessions(engine)
    try:
        with sessions.rehearsal() as first:
            add(first.session, "dry-run")
            loaded = {row.dedupe_key for row in first.session.exec(select(Reminder))}
        with pytest.raises(RuntimeError), sessions.rehearsal() as failing:
            held = failing.session.exec(select(Reminder)).all()  # still referenced after
            raise RuntimeError("a renderer's bug")
        with sessions.rehearsal() as after:
            assert list(after.session.identity_map.values()) == []
            seen = {row.dedupe_key for row in after.session.exec(select(Reminder))}
    finally:
        sessions.close()
    assert loaded == {"stored", "dry-run"}
    assert (first.wrote, failing.wrote, after.wrote) == (True, False, False)
    assert seen == {"stored"} and len(held) == 1
    assert keys(engine) == {"stored"}


def test_an_object_a_failed_renderer_only_added_is_never_written_by_a_later_row(
    engine: Engine,
) -> None:
    """A renderer that breaks after `session.add` but before anything reached the database
    (no transaction begun) leaves a pending object: the next row's rehearsal, and any
    flush in it, must not carry it along."""
    sessions = SweepSessions(engine)
    try:
        with pytest.raises(RuntimeError), sessions.rehearsal() as failing:
            failing.session.add(
                Reminder(team_id=TEAM, kind="test_ping", dedupe_key="half", due_at=NOW)
            )
            raise RuntimeError("a renderer's bug")
        with sessions.rehearsal() as after:
            assert list(after.session.new) == []
            after.session.flush()
        with sessions.batch() as session:
            add(session, "delivered")
    finally:
        sessions.close()
    assert (failing.wrote, after.wrote) == (False, False)
    assert keys(engine) == {"delivered"}


def test_a_batch_commits_its_outcomes_together_or_not_at_all(engine: Engine) -> None:
    sessions = SweepSessions(engine)
    try:
        with sessions.batch() as session:
            add(session, "first")
            with sessions.write() as joined:  # an outcome written while the batch is open
                assert joined is session
                add(joined, "second")
        with pytest.raises(RuntimeError), sessions.batch() as session:
            add(session, "lost")
            raise RuntimeError("the clock stops half-way")
        with sessions.write() as session:  # on its own: its own commit
            add(session, "third")
    finally:
        sessions.close()
    assert keys(engine) == {"first", "second", "third"}


def test_a_failed_savepoint_undoes_only_itself(engine: Engine) -> None:
    with session_scope(engine) as session:
        add(session, "kept")
        with pytest.raises(ValueError), savepoint(session):
            add(session, "undone")
            raise ValueError("a renderer failed after delivery")
    assert keys(engine) == {"kept"}


def test_claims_and_renewals_keep_only_the_rows_this_worker_holds(engine: Engine) -> None:
    with session_scope(engine) as session:
        ids = [add(session, f"due{n}").id for n in range(3)]
    sessions = SweepSessions(engine)
    claimed = sessions.claim(
        now=NOW,
        worker_id="w1",
        lease_seconds=60,
        limit=2,
        late_grace=timedelta(minutes=5),
        wall_now=NOW,
    )
    assert [row.id for row in claimed] == ids[:2]
    held = sessions.renew(reminder_ids=ids, worker_id="w1", lease_until=NOW + timedelta(hours=1))
    assert held == set(ids[:2])
