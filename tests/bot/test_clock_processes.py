"""The clock as real OS processes, against the Slack stand-in served over HTTP.

Each clock is `python -m tests.bot.clock_with_test_kind clock`: the real CLI, plus a
test-only renderer. Delivery is checked where a user would see it: at the stand-in, every
reminder id must appear in exactly one successful chat.postMessage.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.__main__ import main
from bot.delivery import EVENT_TYPE
from storage import reminders
from storage.db import create_db_engine, migrate, session_scope
from storage.models import Reminder
from tests import travel
from tests.harness import CHANNEL_ID, TEAM_ID

REPO_ROOT = Path(__file__).resolve().parents[2]
# Slack takes about one message a second per channel, and the clock keeps to that: the rows
# are spread over many channels, as a Monday's digests are, so that pacing does not set the
# tests' duration.
CHANNELS = [CHANNEL_ID, *(f"C1{n:09d}" for n in range(249))]
START_TIMEOUT = 30.0


def reminder_id(call) -> int | None:  # noqa: ANN001
    """The reminder a successful chat.postMessage delivered, from its metadata."""
    metadata = call.args.get("metadata") or {}
    if (
        call.method == "chat.postMessage"
        and call.response.get("ok")
        and metadata.get("event_type") == EVENT_TYPE
    ):
        return metadata["event_payload"]["reminder_id"]
    return None


def delivered(calls: list) -> Counter:  # noqa: ANN001
    """Reminder id → successful posts carrying it."""
    return Counter(i for i in map(reminder_id, calls) if i is not None)


def wait_delivered(standin, count: int, timeout: float) -> None:  # noqa: ANN001
    """Wait (bounded) until `count` distinct reminders reached the stand-in; counted as the
    calls arrive, so the wait costs nothing per call."""
    seen: set[int] = set()

    def count_it(call) -> None:  # noqa: ANN001
        found = reminder_id(call)
        if found is not None:
            seen.add(found)

    standin.subscribe(count_it)
    seen.update(delivered(standin.calls))  # those that came before the subscription
    standin.wait_for(
        lambda _calls: len(seen) >= count, timeout=timeout, description=f"{count} deliveries"
    )


def add_due(engine: Engine, count: int) -> list[int]:
    """`count` reminders due a second ago over many channels, in one transaction (so that
    every clock sees all of them at once); their ids."""
    due = datetime.now(UTC) - timedelta(seconds=1)
    table = Reminder.__table__
    rows = [
        {
            "team_id": TEAM_ID,
            "kind": "test_ping",
            "dedupe_key": f"proc:{i}",
            "payload": {},
            "due_at": due,
            "channel_id": CHANNELS[i % len(CHANNELS)],
            "state": "pending",
            "attempts": 0,
            "late": False,
            "needs_check": False,
            "created_at": due,
        }
        for i in range(count)
    ]
    with session_scope(engine) as session:
        session.connection().execute(table.insert(), rows)
    with session_scope(engine) as session:
        return list(session.exec(select(Reminder.id)).all())


def states(engine: Engine) -> dict[str, int]:
    with session_scope(engine) as session:
        return reminders.count_by_state(session)


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:g}s for {what}")
        time.sleep(0.05)  # polling the database / a log file, bounded by the deadline


class Clocks:
    """Clock subprocesses with their logs, all stopped at the end of the test."""

    def __init__(self, tmp_path: Path, database_url: str, api_url: str) -> None:
        self.tmp_path = tmp_path
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": str(REPO_ROOT),
            "DATABASE_URL": database_url,
            "SLACK_BOT_TOKEN": "xoxb-clock-test",
            "SLACK_API_URL": api_url,
            "LOG_LEVEL": "INFO",
            "CLOCK_SWEEP_SECONDS": "0.2",
            "CLOCK_LEASE_SECONDS": "3",
            "CLOCK_BATCH_SIZE": "20",
            **travel.inherited(),
        }
        self.processes: list[tuple[subprocess.Popen, Path]] = []

    def start(self, module: str = "tests.bot.clock_with_test_kind") -> subprocess.Popen:
        log = self.tmp_path / f"clock{len(self.processes)}.log"
        with log.open("w") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", module, "clock"],
                env=self.env,
                cwd=REPO_ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.processes.append((process, log))
        return process

    def log(self, process: subprocess.Popen) -> str:
        path = next(p for proc, p in self.processes if proc is process)
        return path.read_text()

    def wait_started(self, process: subprocess.Popen) -> None:
        def started() -> bool:
            assert process.poll() is None, self.log(process)
            return "clock started" in self.log(process)

        wait_until(started, START_TIMEOUT, "the clock to start")

    def stop_all(self) -> None:
        for process, _log in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)


def _clocks(tmp_path: Path, database_url: str, standin) -> Iterator[Clocks]:  # noqa: ANN001
    for channel in CHANNELS[1:]:
        standin.add_channel(channel, name=f"partners-{channel[-2:]}")
    running = Clocks(tmp_path, database_url, standin.base_url)
    try:
        yield running
    finally:
        running.stop_all()


@pytest.fixture
def clocks(tmp_path: Path, database_url: str, standin) -> Iterator[Clocks]:  # noqa: ANN001
    """Clocks on the suite's databases: each test runs on SQLite and on PostgreSQL."""
    yield from _clocks(tmp_path, database_url, standin)


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite file of its own, for the tests whose point is not the database."""
    engine = create_db_engine(f"sqlite:///{tmp_path / 'clock.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def one_clock(tmp_path: Path, sqlite_engine: Engine, standin) -> Iterator[Clocks]:  # noqa: ANN001
    yield from _clocks(tmp_path, str(sqlite_engine.url), standin)


def test_a_clock_killed_mid_sweep_and_restarted_delivers_each_of_200_exactly_once(
    engine: Engine, standin, clocks: Clocks
) -> None:
    """SIGKILL lands while Slack is answering the 60th post: that message is in the channel
    but not in our database. The restarted clock finds it in the history (after the dead
    clock's 2-second lease) instead of posting it again, and sends the rest."""
    ids = add_due(engine, 200)
    clocks.env["CLOCK_LEASE_SECONDS"] = "2"
    first = clocks.start()
    killed_at: list[int] = []

    def kill_on_the_60th_post(call) -> None:  # noqa: ANN001 - runs in the stand-in's thread
        if call.method == "chat.postMessage" and not killed_at:
            if len(standin.calls_to("chat.postMessage")) == 60:
                killed_at.append(call.args["metadata"]["event_payload"]["reminder_id"])
                os.kill(first.pid, signal.SIGKILL)

    standin.subscribe(kill_on_the_60th_post)
    assert first.wait(timeout=START_TIMEOUT) == -signal.SIGKILL
    assert "Traceback" not in clocks.log(first)
    before = states(engine)
    assert before.get("sent", 0) < 60 and before.get("claimed", 0) >= 1  # cut off mid-sweep
    assert delivered(standin.calls)[killed_at[0]] == 1

    second = clocks.start()
    wait_delivered(standin, 200, timeout=30)
    wait_until(lambda: states(engine) == {"sent": 200}, 10, "every row marked sent")
    counts = delivered(standin.calls)
    assert sorted(counts) == sorted(ids) and set(counts.values()) == {1}
    with session_scope(engine) as session:
        cut_off = session.get(Reminder, killed_at[0])
    found = [m for m in standin.messages(cut_off.channel_id) if m["text"] == f"ping {cut_off.id}"]
    assert [cut_off.message_ts] == [m["ts"] for m in found]
    assert standin.calls_to("conversations.history")  # recovered by looking, not by resending
    assert second.poll() is None and "Traceback" not in clocks.log(second)


def test_two_clocks_on_one_database_deliver_each_of_1000_exactly_once(
    engine: Engine, standin, clocks: Clocks
) -> None:
    """1,000 rows on PostgreSQL (FOR UPDATE SKIP LOCKED); 300 on SQLite (BEGIN IMMEDIATE),
    where two writers mostly take turns, to keep the suite fast."""
    rows = 1000 if engine.dialect.name == "postgresql" else 300
    # Slack answers in tens of milliseconds, not at once, so that one clock alone needs
    # several of the other's sweeps (every 0.2 s) to send them all: at 20 ms a busy CI
    # machine once let one clock send all 300 before the other's sweep took a batch.
    standin.latency = 0.05
    one, two = clocks.start(), clocks.start()
    clocks.wait_started(one)
    clocks.wait_started(two)
    ids = add_due(engine, rows)
    wait_delivered(standin, rows, timeout=40)
    wait_until(lambda: states(engine) == {"sent": rows}, 10, "every row marked sent")
    counts = delivered(standin.calls)
    assert sorted(counts) == sorted(ids) and set(counts.values()) == {1}
    with session_scope(engine) as session:
        workers = Counter(session.exec(select(Reminder.claimed_by)).all())
    assert len(workers) == 2, workers  # both clocks took part
    assert "Traceback" not in clocks.log(one) + clocks.log(two)


def test_a_clock_stopped_mid_sweep_hands_back_what_it_had_not_sent(
    sqlite_engine: Engine, standin, one_clock: Clocks
) -> None:
    engine, clocks = sqlite_engine, one_clock
    add_due(engine, 100)
    standin.latency = 0.02
    clock = clocks.start()
    standin.wait_for_call("chat.postMessage", count=10, timeout=START_TIMEOUT)
    clock.send_signal(signal.SIGTERM)
    assert clock.wait(timeout=15) == 0
    log = clocks.log(clock)
    assert "clock stopping on SIGTERM" in log and "clock stopped" in log
    left = states(engine)
    assert "claimed" not in left  # a restarted clock can send the rest at once
    assert left["sent"] == len(delivered(standin.calls)) and left["pending"] == 100 - left["sent"]


def test_a_clock_starts_idles_and_stops_cleanly_on_sigterm(standin, one_clock: Clocks) -> None:  # noqa: ANN001
    clocks = one_clock
    clock = clocks.start("bot")  # the plain `python -m bot clock`
    clocks.wait_started(clock)
    time.sleep(0.5)  # idle through a few sweeps (every 0.2 s) of an empty table
    assert clock.poll() is None
    clock.send_signal(signal.SIGTERM)
    assert clock.wait(timeout=15) == 0
    log = clocks.log(clock)
    assert "clock stopped" in log and "Traceback" not in log
    assert "xoxb-clock-test" not in log  # the token is never logged
    assert standin.calls_to("chat.postMessage") == []


def test_the_clock_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "clock"],
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'new.db'}",
            "SLACK_BOT_TOKEN": "xoxb-clock-test",
            **travel.inherited(),
        },
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "partnerdesk migrate" in result.stderr and "Traceback" not in result.stderr


def test_the_clock_names_a_bad_setting_and_stops(
    tmp_path: Path,
    sqlite_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The CLI in-process (what `partnerdesk clock` runs), up to the clock's own settings."""
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("DATABASE_URL", str(sqlite_engine.url))
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-clock-test")
    monkeypatch.setenv("CLOCK_SWEEP_SECONDS", "soon")
    assert main(["clock"]) == 2
    error = capsys.readouterr().err
    assert error.strip() == (
        "partnerdesk: configuration error: CLOCK_SWEEP_SECONDS: seconds, at least 0.1"
    )
