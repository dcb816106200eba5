"""How many due reminders the clock delivers per second to the Slack stand-in, against raw
chat.postMessage calls at the same concurrency, on SQLite and PostgreSQL.

    .venv/bin/python bench/reminders.py [--rows 5000] [--concurrency 16] [--batch 100]
        [--rounds 4] [--postgres URL | --no-postgres] [--limited-rows 120]

The Slack stand-in (`bot/standin/`, no validator, no added latency) serves on 127.0.0.1
in this process; each workload runs in child processes, as the clock does, and times
itself (process start-up excluded). Every reminder goes to a channel of its own (a
Monday's digests: one per partnership channel), so Slack's pace of about one message a
second per channel, which the clock keeps, does not set the figure.

In each round, interleaved so that drift in the machine's load falls on all of them:
- **raw**: `--rows` plain chat.postMessage calls from `--concurrency` threads with the
  sweep's own WebClient (`bot.delivery.delivery_client`), the same text and metadata, no
  database;
- **ours** on SQLite, on PostgreSQL with one clock, and on PostgreSQL with two clock
  processes sweeping the same rows at once (`bot.delivery.sweep`, the clock's path minus
  APScheduler): claimed in batches, posted `--concurrency` channels at once, outcomes
  written one commit per batch. Two clocks post `--concurrency` / 2 channels at once each,
  so that as many calls are in flight as raw makes: the ratio compares at the same
  concurrency. (Each clock's concurrency is its own setting; two at 16 each put 32 calls
  in flight against raw's 16, and on a 2-CPU machine that only makes the stand-in's
  threads and the two processes contend: 0.75-0.93 x raw on 5 Dec, 16:17 UTC.)
Each line shows the CPU other processes used meanwhile (as a share of one CPU; the stand-in
and children of this bench are ours): when it is high the figure says more about the
machine than about the code. The summary gives each workload's rate over all rounds and its
ratio to raw's, then each round's range; the goal (>= 0.8 x raw and >= 1,000/s) is judged
over all rounds.

Then, with the stand-in's per-channel limit on (at most one chat.postMessage per channel per
second, 429 with Retry-After beyond that), `--limited-rows` reminders over a tenth as many
channels on each database: every one must arrive exactly once and end "sent" (429s are
postponed and sent again, never failures).

Every workload checks that each reminder reached the stand-in exactly once and that every
row ends "sent". Exit status 0, or 2 on an error.

Figures of 6 Dec 2026, 02:39-04:31 UTC (5,000 rows, batch 100, concurrency 16, four rounds,
quiet 2-vCPU VMs: other CPU 0.00-0.15, PostgreSQL's own server included), five runs:

    raw chat.postMessage          1,245-1,561/s over all rounds (rounds 1,112-1,689/s)
    ours, SQLite                  0.85, 0.91, 0.92, 0.95, 0.96 x raw over all rounds
                                  (rounds 0.77-1.07 x)
    ours, PostgreSQL, 1 clock     0.81, 0.86, 0.87, 0.89, 0.91 x
                                  (1,006-1,427/s; rounds 0.70-1.06 x)
    ours, PostgreSQL, 2 clocks    0.83, 0.83, 0.84, 0.85, 0.88 x
                                  (1,034-1,368/s; rounds 0.71-1.05 x)
    per-channel limit on          120 of 120 delivered once on each database in 9.1-9.3 s,
                                  one 429 per channel (then paced), none failed

The verdict is on all rounds together (all delivered over all the time it took, as
bench/ack.py aggregates its rounds), not on each round: on this shared VM the same code
measured against itself, interleaved the same way, ranged 0.81-1.04 x in single rounds on
SQLite and 0.68-1.22 x on PostgreSQL, and raw alone moved 1,126-1,345/s over eight
back-to-back runs. One round measures the host as much as the code.

The sweeping process uses 620-740 us of CPU a delivery against raw's 510-580 us (the same
WebClient: urllib and its header parsing are most of both); the rest is the lanes' own work
and the claims and batch writes. On PostgreSQL the server's CPU competes for the same two
cores, which is why it trails SQLite. Earlier figures, and what each change did to them:
bench/README.md. The 1,000/s goal is met only when the stand-in itself reaches well over
1,000/s; the ratio to raw is the figure that carries over to another machine.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as `python bench/reminders.py`
    sys.path.insert(0, str(REPO_ROOT))

from bench.ack import machine_busy_seconds, own_cpu_seconds  # noqa: E402
from bot.delivery import EVENT_TYPE, delivery_client, metadata_for, sweep  # noqa: E402
from bot.pacing import ChannelPacer  # noqa: E402
from bot.standin import SlackStandIn  # noqa: E402
from bot.wiring import SCHEDULED_KINDS  # noqa: E402
from storage import reminders  # noqa: E402
from storage.db import create_db_engine, migrate, session_scope  # noqa: E402
from storage.models import Reminder  # noqa: E402

KIND = "bench_ping"
TEAM_ID = "T0123456789"
TOKEN = "xoxb-bench"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
EXIT_OK, EXIT_ERRORS = 0, 2
GOAL_RATIO, GOAL_RATE = 0.8, 1000.0


def render_bench(_session: Any, reminder: Reminder) -> dict[str, Any]:
    return {"text": f"Reminder {reminder.id}: the roadmap's week {reminder.id % 12 + 1}"}


BENCH_KINDS = SCHEDULED_KINDS.with_kinds({KIND: render_bench})  # the children import it too


def channel_for(n: int, channels: int | None = None) -> str:
    return f"C2{(n if channels is None else n % channels):09d}"


@dataclass
class Timing:
    count: int
    started: float  # time.time() at the start of the work
    ended: float
    detail: str = ""

    @property
    def seconds(self) -> float:
        return self.ended - self.started

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0


# -- the children --------------------------------------------------------------------------


def run_raw(base_url: str, count: int, first_id: int, concurrency: int) -> Timing:
    client = delivery_client(TOKEN, base_url)

    def post(n: int) -> None:
        client.chat_postMessage(
            channel=channel_for(n),
            text=f"Reminder {n}: the roadmap's week {n % 12 + 1}",
            metadata=metadata_for(n),
        )

    with ThreadPoolExecutor(concurrency) as pool:
        started = time.time()
        list(pool.map(post, range(first_id, first_id + count)))
        return Timing(count, started, time.time())


def run_sweep(
    base_url: str,
    database_url: str,
    batch: int,
    concurrency: int,
    start_at: float,
    until_all_sent: bool,
) -> Timing:
    logging.getLogger("bot.delivery").setLevel(logging.ERROR)  # a 429 each is expected
    engine = create_db_engine(database_url)
    client = delivery_client(TOKEN, base_url)
    with engine.connect():
        pass  # the pool's first connection before the clock starts
    time.sleep(max(0.0, start_at - time.time()))  # two clocks start together
    started = time.time()
    report = None
    deadline = started + 120
    pacer = ChannelPacer(timer=time.monotonic, sleep=time.sleep)  # as the clock keeps one
    while True:
        once = sweep(
            engine,
            client,
            now=datetime.now(UTC),
            worker_id=f"bench:{os.getpid()}",
            batch_size=batch,
            concurrency=concurrency,
            default_locale="en",
            pacer=pacer,
            kinds=BENCH_KINDS,
        )
        report = once if report is None else report + once
        if not until_all_sent or time.time() > deadline:
            break
        with session_scope(engine) as session:
            if set(reminders.count_by_state(session)) <= {"sent"}:
                break
        time.sleep(0.2)  # postponed rows fall due again after their Retry-After
    timing = Timing(report.sent, started, time.time(), str(report))
    engine.dispose()
    return timing


def _child(queue: multiprocessing.Queue, name: str, args: tuple) -> None:
    try:
        queue.put((name, {"raw": run_raw, "sweep": run_sweep}[name](*args)))
    except BaseException as error:  # noqa: BLE001 - reported by the parent
        queue.put((name, f"{type(error).__name__}: {error}"))


def in_children(name: str, *arg_sets: tuple) -> list[Timing]:
    """Run the workload in one child per argument set, at once; their timings."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    processes = [context.Process(target=_child, args=(queue, name, args)) for args in arg_sets]
    for process in processes:
        process.start()
    try:
        results = [queue.get(timeout=1800)[1] for _ in processes]
    finally:
        for process in processes:
            process.join(timeout=30)
    for result in results:
        if isinstance(result, str):
            raise RuntimeError(f"{name} failed: {result}")
    return results


# -- the parent ------------------------------------------------------------------------------


def add_due(database_url: str, rows: int, channels: int | None = None) -> None:
    engine = create_db_engine(database_url)
    with session_scope(engine) as session:
        session.execute(Reminder.__table__.delete())
    due = datetime.now(UTC) - timedelta(seconds=1)
    with session_scope(engine) as session:
        session.add_all(
            Reminder(
                team_id=TEAM_ID,
                kind=KIND,
                dedupe_key=f"bench:{i}",
                due_at=due,
                channel_id=channel_for(i, channels),
                created_at=due,
            )
            for i in range(rows)
        )
    engine.dispose()


def states(database_url: str) -> Counter:
    engine = create_db_engine(database_url)
    with session_scope(engine) as session:
        found = Counter(
            session.exec(
                Reminder.__table__.select().with_only_columns(Reminder.__table__.c.state)
            ).scalars()
        )
    engine.dispose()
    return found


def delivered(standin: SlackStandIn, since: int) -> Counter:
    counted: Counter = Counter()
    for call in standin.calls[since:]:
        metadata = call.args.get("metadata") or {}
        if call.response.get("ok") and metadata.get("event_type") == EVENT_TYPE:
            counted[metadata["event_payload"]["reminder_id"]] += 1
    return counted


class Measured:
    """A workload's timing and the CPU other processes used meanwhile (share of one CPU)."""

    def __init__(self, timing: Timing, other_cpu: float) -> None:
        self.timing, self.other_cpu = timing, other_cpu


def measured(work: Callable[[], Timing]) -> Measured:
    wall, own, busy = time.monotonic(), own_cpu_seconds(), machine_busy_seconds()
    timing = work()
    elapsed = time.monotonic() - wall
    other = (machine_busy_seconds() - busy) - (own_cpu_seconds() - own)
    return Measured(timing, max(other, 0.0) / elapsed if elapsed else 0.0)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000, help="due reminders per workload")
    parser.add_argument("--batch", type=int, default=100, help="rows claimed per transaction")
    parser.add_argument("--concurrency", type=int, default=16, help="Web API calls in flight")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds")
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_POSTGRES_URL") or DEFAULT_POSTGRES
    )
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument(
        "--limited-rows", type=int, default=120, help="rows for the per-channel-limit run"
    )
    args = parser.parse_args(argv)
    if args.rows < 2 or args.batch < 1 or args.concurrency < 1 or args.rounds < 1:
        parser.error("--rows at least 2; --batch, --concurrency and --rounds at least 1")
    return args


def sqlite_database(workdir: Path) -> tuple[str, Callable[[], None]]:
    url = f"sqlite:///{workdir / 'bench.db'}"
    engine = create_db_engine(url)
    migrate(engine)
    engine.dispose()
    return url, lambda: None


def postgres_database(base_url: str) -> tuple[str, Callable[[], None]]:
    """A scratch schema, migrated; and how to drop it."""
    from sqlalchemy import create_engine, text

    from bot.config import normalise_database_url

    base = normalise_database_url(base_url)
    schema = f"pd_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    engine = create_db_engine(url)
    migrate(engine)
    engine.dispose()

    def drop() -> None:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return url, drop


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pd-bench-") as tmp:
        databases = {"SQLite": sqlite_database(Path(tmp))}
        try:
            if not args.no_postgres:
                databases["PostgreSQL"] = postgres_database(args.postgres)
            return bench(args, {name: url for name, (url, _) in databases.items()})
        finally:
            for _url, cleanup in databases.values():
                cleanup()


def bench(args: argparse.Namespace, urls: dict[str, str]) -> int:
    rows, conc = args.rows, args.concurrency
    print(
        f"{rows:,} due reminders (one channel each), batch {args.batch}, "
        f"concurrency {conc}, {args.rounds} round(s), {os.cpu_count()} CPUs"
    )
    problems: list[str] = []
    figures: dict[str, list[Measured]] = {}
    with SlackStandIn(team_id=TEAM_ID) as standin:

        def ours(label: str, url: str, clocks: int) -> Measured:
            add_due(url, rows)
            seen = len(standin.calls)
            start_at = time.time() + 0.5  # after the children's start-up
            per_clock = max(1, conc // clocks)  # the same calls in flight as raw's
            arg_sets = [(standin.base_url, url, args.batch, per_clock, start_at, False)] * clocks
            result = measured(lambda: _together(in_children("sweep", *arg_sets)))
            check(label, standin, seen, url, rows, problems)
            return result

        for round_number in range(args.rounds):
            first = 10_000_000 * (round_number + 1)
            work: list[tuple[str, Callable[[], Measured]]] = [
                ("raw chat.postMessage", lambda f=first: _raw(standin, rows, f, conc)),
                ("ours, SQLite", lambda: ours("SQLite", urls["SQLite"], 1)),
            ]
            if "PostgreSQL" in urls:
                pg = urls["PostgreSQL"]  # the same in every round
                work += [
                    ("ours, PostgreSQL, 1 clock", lambda pg=pg: ours("PostgreSQL", pg, 1)),
                    ("ours, PostgreSQL, 2 clocks", lambda pg=pg: ours("PostgreSQL x2", pg, 2)),
                ]
            if round_number % 2:  # interleaved: every other round the other way round
                work = [work[0], *reversed(work[1:])]
            for label, run in work:
                result = run()
                figures.setdefault(label, []).append(result)
                print(
                    f"  round {round_number + 1}: {label:28} {result.timing.rate:>7,.0f}/s"
                    f"  (other CPU {result.other_cpu:.2f})"
                )
    raw = figures["raw chat.postMessage"]
    raw_rate = _overall_rate(raw)
    print()
    print(
        f"{'':30} {'all rounds':>11} {'× raw':>6} {'rounds, per second':>20} {'× raw':>11} "
        f"{'other CPU':>11}"
    )
    for label, results in figures.items():
        rates = [m.timing.rate for m in results]
        ratios = [m.timing.rate / r.timing.rate for m, r in zip(results, raw, strict=True)]
        others = [m.other_cpu for m in results]
        rate = _overall_rate(results)
        print(
            f"{label:30} {rate:>9,.0f}/s {rate / raw_rate:>6.2f} {_range(rates, '{:,.0f}'):>20} "
            f"{_range(ratios, '{:.2f}'):>11} {_range(others, '{:.2f}'):>11}"
        )
        if label != "raw chat.postMessage":
            # Over all rounds, as bench/ack.py aggregates: on this shared VM a single round
            # measures the host's drift as much as the code (the figures are in the docstring).
            met = rate / raw_rate >= GOAL_RATIO and rate >= GOAL_RATE
            print(
                f"{'':30} goal ≥ {GOAL_RATIO}× and ≥ {GOAL_RATE:,.0f}/s over all rounds: "
                f"{'PASS' if met else 'MISS'}"
            )
    print()
    limited(args, urls, problems)
    for problem in problems:
        print(f"ERROR: {problem}")
    return EXIT_ERRORS if problems else EXIT_OK


def limited(args: argparse.Namespace, urls: dict[str, str], problems: list[str]) -> None:
    """The stand-in's per-channel limit on: everything arrives once, 429s only postpone."""
    rows = args.limited_rows
    channels = max(1, rows // 10)
    for name, url in urls.items():
        with SlackStandIn(team_id=TEAM_ID, channel_rate=1) as standin:
            add_due(url, rows, channels)
            start_at = time.time() + 0.5
            arg_set = (standin.base_url, url, args.batch, args.concurrency, start_at, True)
            (timing,) = in_children("sweep", arg_set)
            limited_429 = sum(1 for call in standin.calls if call.status == 429)
            check(f"{name}, limited", standin, 0, url, rows, problems)
            print(
                f"per-channel limit, {name}: {rows} reminders over {channels} channels in "
                f"{timing.seconds:.1f} s, {limited_429} answered 429 and sent again; "
                f"{timing.detail}"
            )


def check(
    label: str, standin: SlackStandIn, seen: int, url: str, rows: int, problems: list[str]
) -> None:
    counts = delivered(standin, seen)
    if len(counts) != rows or set(counts.values()) != {1}:
        twice = sum(1 for c in counts.values() if c > 1)
        problems.append(f"{label}: {len(counts)} of {rows} delivered, {twice} more than once")
    final = states(url)
    if final != Counter({"sent": rows}):
        problems.append(f"{label}: rows after the sweep: {dict(final)}")


def _raw(standin: SlackStandIn, rows: int, first: int, concurrency: int) -> Measured:
    return measured(lambda: in_children("raw", (standin.base_url, rows, first, concurrency))[0])


def _together(timings: list[Timing]) -> Timing:
    """Clocks that ran side by side: all they sent, from the first start to the last end."""
    return Timing(
        sum(t.count for t in timings),
        min(t.started for t in timings),
        max(t.ended for t in timings),
        "; ".join(t.detail for t in timings),
    )


def _overall_rate(results: list[Measured]) -> float:
    """Deliveries per second over every round: all delivered, over all the time it took."""
    seconds = sum(m.timing.seconds for m in results)
    return sum(m.timing.count for m in results) / seconds if seconds else 0.0


def _range(values: list[float], fmt: str) -> str:
    low, high = min(values), max(values)
    return (
        fmt.format(low)
        if fmt.format(low) == fmt.format(high)
        else (f"{fmt.format(low)}–{fmt.format(high)}")
    )


if __name__ == "__main__":
    sys.exit(main())
