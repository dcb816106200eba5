"""Claiming due reminders with a lease, on SQLite and PostgreSQL, and the 0004 migration."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlmodel import SQLModel, select

from storage import reminder_claims, reminders
from storage.db import MIGRATIONS_DIR, create_db_engine, migrate, session_scope
from storage.models import Reminder

TEAM = "T0123456789"
CHANNEL = "C0123456789"
NOW = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
LEASE = 60


def add(engine: Engine, key: str, due_at: datetime, **fields) -> int:  # noqa: ANN003
    with session_scope(engine) as session:
        row = reminders.schedule(
            session=session,
            team_id=TEAM,
            kind="test_ping",
            dedupe_key=key,
            due_at=due_at,
            now=NOW,
            channel_id=CHANNEL,
            **fields,
        )
        session.flush()
        return row.id


def add_due_rows(engine: Engine, count: int, prefix: str) -> None:
    """`count` rows due a second apart, the last one due at NOW, in one transaction."""
    with session_scope(engine) as session:
        session.add_all(
            Reminder(
                team_id=TEAM,
                kind="test_ping",
                dedupe_key=f"{prefix}:{i}",
                due_at=NOW - timedelta(seconds=i),
                channel_id=CHANNEL,
                created_at=NOW,
            )
            for i in range(count)
        )


def claim(engine: Engine, worker: str, now: datetime = NOW, limit: int = 10) -> list[Reminder]:
    with session_scope(engine, immediate=True) as session:
        return reminder_claims.claim_due(
            session, now=now, worker_id=worker, lease_seconds=LEASE, limit=limit, wall_now=now
        )


def row(engine: Engine, reminder_id: int) -> Reminder:
    with session_scope(engine) as session:
        return session.get(Reminder, reminder_id)


def test_only_due_pending_rows_are_claimed_oldest_first_up_to_the_limit(engine: Engine) -> None:
    later = add(engine, "later", NOW + timedelta(seconds=1))
    second = add(engine, "second", NOW - timedelta(minutes=1))
    first = add(engine, "first", NOW - timedelta(minutes=2))
    third = add(engine, "third", NOW)
    with session_scope(engine) as session:
        reminders.cancel(session=session, team_id=TEAM, dedupe_key_prefix="third")
    claimed = claim(engine, "w1", limit=1)
    assert [r.id for r in claimed] == [first]
    assert [r.id for r in claim(engine, "w1")] == [second]
    held = row(engine, second)
    assert (held.state, held.claimed_by) == ("claimed", "w1")
    assert held.lease_until == NOW + timedelta(seconds=LEASE)
    assert not held.needs_check and held.attempt_started_at is not None
    assert row(engine, later).state == "pending" and row(engine, third).state == "cancelled"


def test_a_claimed_row_reads_as_the_stored_reminder_and_cannot_be_changed_in_passing(
    engine: Engine,
) -> None:
    """Renderers and outcomes read a claim's rows as they would a Reminder: every column
    the sweep reads holds what the database holds (times aware, in UTC; the payload a
    dict). A claimed row is read-only: a change goes through storage/reminders.py."""
    payload = {"week": 3, "names": ["Zoë & <Co>"]}
    reminder_id = add(
        engine, "read", NOW - timedelta(minutes=10), thread_ts="1.5", subject_id=7, payload=payload
    )
    [claimed] = claim(engine, "w1")
    stored = row(engine, reminder_id)
    read = [
        name
        for name, value in vars(reminder_claims.ClaimedReminder).items()
        if isinstance(value, property)
    ]
    assert len(read) == 16
    for name in read:
        assert getattr(claimed, name) == getattr(stored, name), name
    assert claimed.payload == payload and claimed.due_at.tzinfo is not None
    assert claimed.due_at == NOW - timedelta(minutes=10)
    assert claimed.lease_until == NOW + timedelta(seconds=LEASE)
    with pytest.raises(AttributeError):
        claimed.attempts = 5  # type: ignore[misc]


def test_a_held_row_is_not_claimed_again_until_its_lease_runs_out(engine: Engine) -> None:
    reminder_id = add(engine, "one", NOW)
    assert [r.id for r in claim(engine, "w1")] == [reminder_id]
    assert claim(engine, "w2") == []
    assert claim(engine, "w2", NOW + timedelta(seconds=LEASE - 1)) == []
    taken = claim(engine, "w2", NOW + timedelta(seconds=LEASE))
    assert [r.id for r in taken] == [reminder_id]
    # The first holder might have posted it: look before sending; its claim was an attempt.
    assert taken[0].needs_check and taken[0].attempts == 1
    stored = row(engine, reminder_id)  # as written, not only as answered
    assert (stored.state, stored.claimed_by, stored.attempts, stored.needs_check) == (
        "claimed",
        "w2",
        1,
        True,
    )
    assert stored.last_error == "lease of w1 expired"
    assert stored.lease_until == NOW + timedelta(seconds=2 * LEASE)
    with session_scope(engine, immediate=True) as session:
        assert not reminders.mark_sent(
            session, reminder_id=reminder_id, worker_id="w1", message_ts="1.0", sent_at=NOW
        )
        assert reminders.mark_sent(
            session, reminder_id=reminder_id, worker_id="w2", message_ts="2.0", sent_at=NOW
        )
    done = row(engine, reminder_id)
    assert (done.state, done.message_ts, done.needs_check) == ("sent", "2.0", False)
    assert claim(engine, "w3", NOW + timedelta(days=1)) == []


def test_rows_due_long_ago_are_claimed_late(engine: Engine) -> None:
    overdue = add(engine, "overdue", NOW - reminder_claims.LATE_GRACE - timedelta(seconds=1))
    on_time = add(engine, "on-time", NOW - reminder_claims.LATE_GRACE)
    late = {r.id: r.late for r in claim(engine, "w1")}
    assert late == {overdue: True, on_time: False}


def test_a_retry_waits_for_its_time_and_a_release_is_not_an_attempt(engine: Engine) -> None:
    reminder_id = add(engine, "one", NOW)
    claim(engine, "w1")
    with session_scope(engine, immediate=True) as session:
        retried = reminders.retry_later(
            session,
            reminder_id=reminder_id,
            worker_id="w1",
            error="not_in_channel",
            next_attempt_at=NOW + timedelta(minutes=1),
            unsettled_since=None,
        )
    assert (retried.state, retried.attempts, retried.attempt_started_at) == ("pending", 1, None)
    assert claim(engine, "w1", NOW + timedelta(seconds=59)) == []
    assert len(claim(engine, "w1", NOW + timedelta(minutes=1))) == 1
    with session_scope(engine, immediate=True) as session:
        assert reminders.release(
            session, reminder_id=reminder_id, worker_id="w1", not_before=NOW + timedelta(hours=1)
        )
    released = row(engine, reminder_id)
    assert (released.state, released.attempts, released.claimed_by) == ("pending", 1, None)
    assert released.attempt_started_at is None  # nothing of this claim reached Slack
    assert claim(engine, "w1", NOW + timedelta(minutes=59)) == []


def test_an_attempt_without_an_answer_is_checked_by_the_next_claim(engine: Engine) -> None:
    reminder_id = add(engine, "one", NOW)
    claim(engine, "w1")
    started = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    with session_scope(engine, immediate=True) as session:
        reminders.retry_later(
            session,
            reminder_id=reminder_id,
            worker_id="w1",
            error="network: TimeoutError",
            next_attempt_at=NOW + timedelta(minutes=1),
            unsettled_since=started,
        )
    again = claim(engine, "w2", NOW + timedelta(minutes=1))
    assert again[0].needs_check and again[0].attempt_started_at == started
    # Handing it back (a rate limit on the history call) keeps what is still to be looked for.
    with session_scope(engine, immediate=True) as session:
        reminders.release(session, reminder_id=reminder_id, worker_id="w2")
    assert row(engine, reminder_id).attempt_started_at == started


def test_two_workers_racing_never_claim_the_same_row(engine: Engine) -> None:
    """Eight threads, each with its own connection, claim 300 rows in batches of 7 at once:
    every row is claimed exactly once (SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on SQLite).
    The clock process tests prove the same for whole processes."""
    add_due_rows(engine, 300, "race")
    claimed: dict[str, list[int]] = {}
    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def worker(name: str) -> None:
        try:
            start.wait()
            mine = claimed.setdefault(name, [])
            while batch := claim(engine, name, limit=7):
                mine.extend(r.id for r in batch)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    every = [i for ids in claimed.values() for i in ids]
    assert len(every) == 300 and len(set(every)) == 300
    with session_scope(engine) as session:
        owners = session.exec(select(Reminder.id, Reminder.claimed_by)).all()
    assert all(owner in claimed and i in claimed[owner] for i, owner in owners)


def test_batches_take_the_oldest_due_rows_whatever_their_state(engine: Engine) -> None:
    """Pending rows, rows whose clock died holding them, and retries not yet due, mixed:
    each batch is the oldest due rows of both kinds together, in due order."""
    due = {i: add(engine, f"row:{i}", NOW - timedelta(minutes=20 - i)) for i in range(12)}
    orphaned = [due[i] for i in (1, 4, 5, 9)]
    with session_scope(engine) as session:
        for reminder_id in orphaned:
            held = session.get(Reminder, reminder_id)
            held.state, held.claimed_by, held.lease_until = "claimed", "dead", NOW
        waiting = session.get(Reminder, due[0])
        waiting.next_attempt_at = NOW + timedelta(seconds=30)  # oldest, but not yet
    batches = [[r.id for r in claim(engine, "w1", limit=4)] for _ in range(3)]
    assert batches == [
        [due[1], due[2], due[3], due[4]],
        [due[5], due[6], due[7], due[8]],
        [due[9], due[10], due[11]],
    ]
    assert [r.id for r in claim(engine, "w1", NOW + timedelta(seconds=30))] == [due[0]]
    assert all(row(engine, i).attempts == 1 for i in orphaned)


def test_a_claim_on_sqlite_does_not_grow_with_the_backlog(tmp_path) -> None:  # noqa: ANN001
    """Claiming a batch of 10 costs SQLite about the same work whether 200 or 4,000 rows
    are due: it walks the due rows in order and stops, instead of sorting them all for
    every batch. Counted in SQLite's own VM instructions (its progress handler), which do
    not depend on how busy the machine is."""

    def instructions_for_a_claim(backlog: int) -> int:
        engine = create_db_engine(f"sqlite:///{tmp_path / f'backlog-{backlog}.db'}")
        migrate(engine)
        add_due_rows(engine, backlog, "backlog")
        claim(engine, "warm-up", limit=10)  # statement caches, pages in memory
        steps = [0]

        def tick() -> int:
            steps[0] += 1
            return 0  # go on

        def count_on(conn, *_args) -> None:  # noqa: ANN001
            conn.connection.dbapi_connection.set_progress_handler(tick, 100)

        event.listen(engine, "before_cursor_execute", count_on)
        batch = claim(engine, "w", limit=10)
        event.remove(engine, "before_cursor_execute", count_on)
        engine.dispose()
        assert len(batch) == 10
        return steps[0]

    small, large = instructions_for_a_claim(200), instructions_for_a_claim(4_000)
    assert large < 2 * small, (small, large)


def test_count_by_state(engine: Engine) -> None:
    add(engine, "a", NOW)
    add(engine, "b", NOW + timedelta(days=1))
    claim(engine, "w1")
    with session_scope(engine) as session:
        assert reminders.count_by_state(session) == {"claimed": 1, "pending": 1}
        assert reminders.count_by_state(session, team_id="T0000000000") == {}


# -- the 0004 migration ------------------------------------------------------------------------


def _config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


DELIVERY_COLUMNS = {"next_attempt_at", "attempt_started_at", "needs_check"}


def _columns(engine: Engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("reminders")}


def _check_upgrade_and_downgrade(engine: Engine) -> None:
    migrate(engine)
    assert DELIVERY_COLUMNS <= _columns(engine)
    with engine.connect() as connection:  # the model and the migrated table agree
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diffs = compare_metadata(context, SQLModel.metadata)
    assert [d for d in diffs if "reminders" in repr(d)] == []
    with session_scope(engine) as session:
        session.add(Reminder(team_id=TEAM, kind="k", dedupe_key="kept", due_at=NOW, created_at=NOW))
    command.downgrade(_config(engine), "0003")
    assert not DELIVERY_COLUMNS & _columns(engine)
    command.upgrade(_config(engine), "head")
    with session_scope(engine) as session:
        kept = session.exec(select(Reminder)).one()
    assert (kept.dedupe_key, kept.needs_check, kept.next_attempt_at) == ("kept", False, None)


def test_migration_0004_up_and_down_on_sqlite(tmp_path) -> None:  # noqa: ANN001
    engine = create_db_engine(f"sqlite:///{tmp_path / 'm.db'}")
    try:
        _check_upgrade_and_downgrade(engine)
    finally:
        engine.dispose()


def test_migration_0004_up_and_down_on_postgresql(postgres_available: None) -> None:
    from tests.conftest import postgres_url

    schema = f"pd_mig_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url())
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_db_engine(f"{postgres_url()}?options=-csearch_path%3D{schema}")
    try:
        _check_upgrade_and_downgrade(engine)
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.mark.parametrize("bad", [datetime(2026, 3, 30, 7)])
def test_claiming_needs_an_aware_now(engine: Engine, bad: datetime) -> None:
    with pytest.raises(ValueError), session_scope(engine) as session:
        reminder_claims.claim_due(
            session, now=bad, worker_id="w", lease_seconds=1, limit=1, wall_now=NOW
        )
