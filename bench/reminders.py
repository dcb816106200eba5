"""How many due reminders one clock process delivers per second to the Slack stand-in.

    .venv/bin/python bench/reminders.py [--rows 10000] [--database-url URL] [--batch 50]

The Slack stand-in (`bot/standin.py`, no validator, no added latency) serves on 127.0.0.1
in this process; each workload runs in a child process of its own, as the clock does, and
times itself (process start-up excluded):

- **baseline**: raw `chat.postMessage` calls with the sweep's own WebClient
  (`bot.delivery.delivery_client`: urllib, no retries), the same text and metadata, no
  database. Half of them before *ours* and half after, so drift in the machine's load falls
  on both sides.
- **ours**: one `bot.delivery.sweep` over `--rows` reminders that are all due (a bench-only
  renderer): claimed in batches with a lease, each rendered, posted with its id in the
  metadata and marked sent in its own transaction; the clock's path, minus APScheduler.
- **sweep alone**: the same sweep with a WebClient that answers at once without HTTP: the
  sweep's own cost per reminder (database and bookkeeping).

Rate limits are not the bottleneck: the stand-in never answers `ratelimited`. It prints
each rate, ours/baseline, and CPU per delivery; it checks that every reminder reached the
stand-in exactly once and that every row ends "sent". Exit status 0, or 2 on an error.
SQLite (a temporary file) by default; `--database-url` for PostgreSQL (a scratch schema is
created and dropped).

Figures of 23 Nov 2026 (10,000 rows, batch 50; the shared 2-vCPU VM of bench/README.md,
other sessions' tests running alongside, so compare ratios):

    SQLite      ours 377/s, baseline 587/s: 0.64; the sweep alone 0.47 ms per delivery
    PostgreSQL  ours 251/s, baseline 697/s: 0.36; the sweep alone 1.78 ms per delivery

The sweep's own cost is one short transaction per delivered message (render, then the
`sent` mark committed after Slack's answer, so that a crash loses at most the one answer
the history check then finds) plus a claim per batch; on PostgreSQL that transaction's
round trips and commit dominate. Either way it is far above what Slack's rate limits let
a workspace post (about one message per second per channel).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as `python bench/reminders.py`
    sys.path.insert(0, str(REPO_ROOT))

from bot.delivery import EVENT_TYPE, delivery_client, metadata_for, sweep  # noqa: E402
from bot.standin import SlackStandIn  # noqa: E402
from handlers.scheduled import RENDERERS  # noqa: E402
from storage.db import create_db_engine, migrate, session_scope  # noqa: E402
from storage.models import Reminder  # noqa: E402

KIND = "bench_ping"
TEAM_ID = "T0123456789"
CHANNELS = ["C0123456789", "C0111111111", "C0222222222", "C0333333333"]
TOKEN = "xoxb-bench"
EXIT_OK, EXIT_ERRORS = 0, 2


def render_bench(_session: Any, reminder: Reminder) -> dict[str, Any]:
    return {"text": f"Reminder {reminder.id}: the roadmap's week {reminder.id % 12 + 1}"}


RENDERERS.setdefault(KIND, render_bench)  # in the children too (they import this module)


@dataclass
class Timing:
    count: int
    seconds: float
    cpu_seconds: float
    detail: str = ""

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms(self) -> float:
        return self.cpu_seconds / self.count * 1000 if self.count else 0.0


def _cpu() -> float:
    times = os.times()
    return times.user + times.system


# -- the children --------------------------------------------------------------------------


def run_baseline(base_url: str, count: int, first_id: int) -> Timing:
    client = delivery_client(TOKEN, base_url)
    started, cpu = time.perf_counter(), _cpu()
    for n in range(first_id, first_id + count):
        client.chat_postMessage(
            channel=CHANNELS[n % len(CHANNELS)],
            text=f"Reminder {n}: the roadmap's week {n % 12 + 1}",
            metadata=metadata_for(n),
        )
    return Timing(count, time.perf_counter() - started, _cpu() - cpu)


class _InstantClient:
    """Answers chat.postMessage at once, without HTTP (for the sweep's own cost)."""

    timeout = 10.0

    def __init__(self) -> None:
        self.n = 0

    def chat_postMessage(self, **_kwargs: Any) -> dict[str, Any]:  # noqa: N802
        self.n += 1
        return {"ok": True, "ts": f"1700000000.{self.n:06d}"}


def run_sweep(base_url: str | None, database_url: str, batch: int) -> Timing:
    engine = create_db_engine(database_url)
    client = delivery_client(TOKEN, base_url) if base_url else _InstantClient()
    started, cpu = time.perf_counter(), _cpu()
    report = sweep(
        engine,
        client,
        now=datetime.now(UTC),
        worker_id=f"bench:{os.getpid()}",
        batch_size=batch,
        default_locale="en",
    )
    timing = Timing(report.sent, time.perf_counter() - started, _cpu() - cpu, str(report))
    engine.dispose()
    return timing


def _child(queue: multiprocessing.Queue, name: str, args: tuple) -> None:
    try:
        queue.put((name, {"baseline": run_baseline, "sweep": run_sweep}[name](*args)))
    except BaseException as error:  # noqa: BLE001 - reported by the parent
        queue.put((name, f"{type(error).__name__}: {error}"))


def in_child(name: str, *args: Any) -> Timing:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(queue, name, args))
    process.start()
    try:
        _, result = queue.get(timeout=1800)
    finally:
        process.join(timeout=30)
    if isinstance(result, str):
        raise RuntimeError(f"{name} failed: {result}")
    return result


# -- the parent ------------------------------------------------------------------------------


def add_due(database_url: str, rows: int) -> None:
    engine = create_db_engine(database_url)
    with session_scope(engine) as session:
        session.execute(Reminder.__table__.delete())
    due = datetime.now(UTC)
    with session_scope(engine) as session:
        session.add_all(
            Reminder(
                team_id=TEAM_ID,
                kind=KIND,
                dedupe_key=f"bench:{i}",
                due_at=due,
                channel_id=CHANNELS[i % len(CHANNELS)],
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


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="due reminders to deliver")
    parser.add_argument("--batch", type=int, default=50, help="rows claimed per transaction")
    parser.add_argument("--database-url", help="PostgreSQL (default: a temporary SQLite file)")
    args = parser.parse_args(argv)
    if args.rows < 2 or args.batch < 1:
        parser.error("--rows must be at least 2 and --batch at least 1")
    return args


def prepare_database(args: argparse.Namespace, workdir: Path) -> tuple[str, Any]:
    """The database URL to use, and how to clean it up."""
    if not args.database_url:
        url = f"sqlite:///{workdir / 'bench.db'}"
        engine = create_db_engine(url)
        migrate(engine)
        engine.dispose()
        return url, lambda: None
    from sqlalchemy import create_engine, text

    from bot.config import normalise_database_url

    base = normalise_database_url(args.database_url)
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
        database_url, cleanup = prepare_database(args, Path(tmp))
        try:
            return bench(args, database_url)
        finally:
            cleanup()


def bench(args: argparse.Namespace, database_url: str) -> int:
    rows = args.rows
    engine_name = "PostgreSQL" if database_url.startswith("postgresql") else "SQLite"
    print(f"{rows:,} due reminders, batch {args.batch}, {engine_name}, {os.cpu_count()} CPUs")
    with SlackStandIn(team_id=TEAM_ID) as standin:
        first_half = rows // 2
        base_a = in_child("baseline", standin.base_url, first_half, 1_000_000)
        add_due(database_url, rows)
        seen = len(standin.calls)
        ours = in_child("sweep", standin.base_url, database_url, args.batch)
        counts = delivered(standin, seen)
        base_b = in_child("baseline", standin.base_url, rows - first_half, 2_000_000)
    problems = []
    if len(counts) != rows or set(counts.values()) != {1}:
        twice = sum(1 for c in counts.values() if c > 1)
        problems.append(f"{len(counts)} of {rows} delivered, {twice} more than once")
    final = states(database_url)
    if final != Counter({"sent": rows}):
        problems.append(f"rows after the sweep: {dict(final)}")
    add_due(database_url, rows)
    alone = in_child("sweep", None, database_url, args.batch)
    baseline = Timing(
        base_a.count + base_b.count,
        base_a.seconds + base_b.seconds,
        base_a.cpu_seconds + base_b.cpu_seconds,
    )
    print()
    print(f"{'':34} {'count':>7} {'seconds':>8} {'per second':>11} {'CPU ms each':>12}")
    for label, timing in (
        ("baseline: raw chat.postMessage", baseline),
        ("ours: sweep, due rows -> Slack", ours),
        ("sweep alone (no HTTP)", alone),
    ):
        print(
            f"{label:34} {timing.count:>7,} {timing.seconds:>8.2f} {timing.rate:>11,.0f} "
            f"{timing.cpu_ms:>12.3f}"
        )
    print()
    print(f"baseline halves: {base_a.rate:,.0f}/s before, {base_b.rate:,.0f}/s after")
    print(f"ours / baseline: {ours.rate / baseline.rate:.2f} (deliveries per second)")
    print(f"sweep's own time per delivery: {1000 / alone.rate:.2f} ms")
    print(f"ours: {ours.detail}")
    for problem in problems:
        print(f"ERROR: {problem}")
    return EXIT_ERRORS if problems else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
