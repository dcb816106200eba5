"""The status card and the list issue the same number of SQL statements at any scale."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event

from bench import dataset
from bot.config import Settings
from bot.standin import SlackStandIn
from tests.harness import AppHarness


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def statement_counts(harness: AppHarness) -> dict[str, int]:
    counts = {}
    for name, text in (
        ("status", "status creator42"),
        ("list", "list"),
        ("list stage", "list guardrails"),
        ("list flagged", "list flagged"),
    ):
        harness.command("/creator", text, team_id=dataset.TEAM_ID)  # warm: team and user rows
        with counting(harness.engine) as statements:
            reply = harness.command("/creator", text, team_id=dataset.TEAM_ID)
        assert reply.get("blocks"), reply
        counts[name] = len(statements)
    return counts


def test_statement_counts_are_the_same_for_100_and_10000_creators(
    settings: Settings, engine: Engine, standin: SlackStandIn
) -> None:
    harness = AppHarness(settings, engine, standin)
    try:
        dataset.load(engine, 100, months=2)
        small = statement_counts(harness)
        dataset.load(engine, 9_900, months=2, first=100)
        large = statement_counts(harness)
    finally:
        harness.close()
    assert large == small
    assert small["status"] <= 20  # a fixed handful: creator, partnership, brand, KPIs, NPS ...
