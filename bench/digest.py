"""Build time and SQL statements of the weekly digest for 5,000 partnerships.

    .venv/bin/python bench/digest.py [--partnerships 5000] [--months 12] [--runs 7] [--postgres]

Loads a workspace (bench/dataset.py with its digest extras: each partnership with `months`
monthly KPI periods and an NPS answer; every 10th moved a stage this week, every 25th has a
pending approval, every 20th a roadmap in week 8, every 30th an exclusivity window, every
17th 90-day payment terms), then builds the digest the Monday after as the clock would:
the facts in bulk (storage/digest_facts.py), assembled (domain/digest/) and split into
messages (handlers/blocks/digest/). Prints the median of `runs` builds per step, the SQL
statements per build, the messages it makes, and the ratio to a baseline measured in the
same run: the same build on a workspace of 100 partnerships. SQLite by default;
`--postgres` uses DATABASE_URL_TEST (else postgresql://postgres@127.0.0.1:5432/test), each
workspace in a schema of its own (analyzed after loading, as autovacuum would), dropped at
the end. Target: the build under 1 second.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import dataset  # noqa: E402
from bot.config import normalise_database_url  # noqa: E402
from domain.digest.assembly import assemble
from handlers.blocks.digest.messages import build_digest_messages  # noqa: E402
from handlers.blocks.digest.sections import text_size  # noqa: E402
from locales import translator  # noqa: E402
from storage import digest_facts  # noqa: E402
from storage.db import create_db_engine, migrate, session_scope  # noqa: E402

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 09:00 in Amsterdam
TODAY = date(2026, 11, 23)  # the dataset's today
ZONE = "Europe/Amsterdam"
TARGET_SECONDS = 1.0
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"


@contextmanager
def workspace(partnerships: int, months: int, postgres: bool, folder: str) -> Iterator[Engine]:
    """A migrated database with the bench workspace: a SQLite file or a PostgreSQL schema."""
    if not postgres:
        engine = create_db_engine(f"sqlite:///{folder}/digest-{partnerships}.db")
        migrate(engine)
        _load(engine, partnerships, months)
        try:
            yield engine
        finally:
            engine.dispose()
        return
    base = normalise_database_url(os.environ.get("DATABASE_URL_TEST") or DEFAULT_POSTGRES)
    schema = f"pd_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_db_engine(f"{base}?options=-csearch_path%3D{schema}")
    try:
        migrate(engine)
        _load(engine, partnerships, months)
        # Statistics for the planner, as autovacuum gathers them after a bulk load (without
        # them PostgreSQL plans the KPI aggregate for empty tables: 3x slower).
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _load(engine: Engine, partnerships: int, months: int) -> None:
    started = time.perf_counter()
    dataset.load(engine, partnerships, months=months, today=TODAY, digest=True)
    print(
        f"loaded {partnerships:,} partnerships with {months} months of KPIs "
        f"in {time.perf_counter() - started:.1f} s"
    )


def measure(engine: Engine, runs: int) -> dict[str, float]:
    """Median seconds per step over `runs` builds (after one warm-up), and what one makes."""
    statements = {"n": 0}

    def count(*_args: object) -> None:
        statements["n"] += 1

    event.listen(engine, "before_cursor_execute", count)
    t = translator("en")
    steps: dict[str, list[float]] = {"facts": [], "assemble": [], "messages": [], "total": []}
    per_build = []
    try:
        for run in range(runs + 1):
            before = statements["n"]
            started = time.perf_counter()
            with session_scope(engine) as session:
                facts = digest_facts.load_facts(
                    session=session, team_id=dataset.TEAM_ID, now=NOW, today=TODAY, timezone=ZONE
                )
            loaded = time.perf_counter()
            digest = assemble(facts, NOW, TODAY)
            assembled = time.perf_counter()
            messages = build_digest_messages(t, digest, ZONE)
            built = time.perf_counter()
            if run == 0:
                continue  # warm-up: caches, the first connection
            per_build.append(statements["n"] - before)
            steps["facts"].append(loaded - started)
            steps["assemble"].append(assembled - loaded)
            steps["messages"].append(built - assembled)
            steps["total"].append(built - started)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    result = {name: statistics.median(values) for name, values in steps.items()}
    result["statements"] = max(per_build)
    result["messages_made"] = len(messages)
    result["largest"] = max(text_size(m["blocks"]) for m in messages)
    result["blocks"] = max(len(m["blocks"]) for m in messages)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partnerships", type=int, default=5_000)
    parser.add_argument("--baseline", type=int, default=100)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in (args.baseline, args.partnerships):
            with workspace(size, args.months, args.postgres, folder) as engine:
                results[size] = measure(engine, args.runs)
    backend = "PostgreSQL" if args.postgres else "SQLite"
    base = results[args.baseline]
    print(
        f"\n{backend}, median of {args.runs} builds (ms)\n"
        f"{'partnerships':>13}{'facts':>9}{'assemble':>10}{'messages':>10}{'total':>9}"
        f"{'SQL':>6}{'msgs':>6}{'max chars':>11}{'max blocks':>12}{'×base':>8}"
    )
    for size, r in results.items():
        print(
            f"{size:>13,}{r['facts'] * 1000:>9.0f}{r['assemble'] * 1000:>10.0f}"
            f"{r['messages'] * 1000:>10.0f}{r['total'] * 1000:>9.0f}{r['statements']:>6}"
            f"{r['messages_made']:>6}{r['largest']:>11,}{r['blocks']:>12}"
            f"{r['total'] / base['total']:>8.1f}"
        )
    big = results[args.partnerships]
    same = big["statements"] == base["statements"]
    print(
        f"\nSQL statements per build: {base['statements']} for {args.baseline:,}, "
        f"{big['statements']} for {args.partnerships:,} -> {'the same' if same else 'DIFFERENT'}"
    )
    verdict = "PASS" if big["total"] < TARGET_SECONDS else "FAIL"
    print(
        f"target: build under {TARGET_SECONDS:.0f} s for {args.partnerships:,} partnerships -> "
        f"{verdict} ({big['total']:.2f} s)"
    )
    return 0 if verdict == "PASS" and same else 1


if __name__ == "__main__":
    sys.exit(main())
