"""The status card and the list issue the same number of SQL statements at any scale."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import Engine, event
from sqlmodel import select

from bench import dataset
from bot.config import Settings
from bot.standin import SlackStandIn
from handlers import context as context_module
from storage import roadmaps
from storage.db import session_scope
from storage.models import (
    ApprovalDecision,
    ApprovalRequest,
    Creator,
    ExclusivityWindow,
    Partnership,
)
from tests.harness import START, AppHarness


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


def give_the_card_everything(engine: Engine, handle: str) -> None:
    """A roadmap, two windows and three pending approvals (one with a decision) for the creator
    the counts look at: every part of the card that reads its own rows has some."""
    with session_scope(engine) as session:
        creator = session.exec(
            select(Creator).where(Creator.team_id == dataset.TEAM_ID, Creator.handle == handle)
        ).one()
        partnership = session.exec(
            select(Partnership).where(Partnership.creator_id == creator.id)
        ).first()
        roadmaps.create_roadmap(
            session=session,
            partnership=partnership,
            start_on=(START - timedelta(weeks=4)).date(),
            owner_id="U0OWNER001",
            created_by="U0OWNER001",
            timezone="Europe/Amsterdam",
            now=START,
        )
        for weeks, status in ((-1, "agreed"), (3, "awaiting_approval")):
            session.add(
                ExclusivityWindow(
                    team_id=dataset.TEAM_ID,
                    creator_id=creator.id,
                    partnership_id=partnership.id,
                    scope="category",
                    golive_at=START + timedelta(weeks=weeks),
                    after_hours=24 * 14,
                    starts_at=START + timedelta(weeks=weeks),
                    ends_at=START + timedelta(weeks=weeks + 2),
                    price=1000,
                    status=status,
                    created_at=START,
                )
            )
        requests = [
            ApprovalRequest(
                team_id=dataset.TEAM_ID,
                partnership_id=partnership.id,
                kind="payment",
                subject=f"Fee step {n}",
                requester_id="U0ASKER001",
                approvers=["U0ANNA0001", "U0BOB00001"],
                rule="all",
                due_at=START + timedelta(days=n),
                expires_at=START + timedelta(days=n + 7),
                created_at=START,
                updated_at=START,
            )
            for n in range(3)
        ]
        session.add_all(requests)
        session.flush()
        session.add(
            ApprovalDecision(
                team_id=dataset.TEAM_ID,
                request_id=requests[0].id,
                version=1,
                approver_id="U0ANNA0001",
                decision="approve",
                decided_at=START,
            )
        )


def reads(statements: list[str]) -> list[str]:
    """The statements that read. A card built is kept for the other web workers after the
    ack, from a thread: that write may fall inside the counted request or the next one."""
    return [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]


def change_something_else(engine: Engine) -> None:
    """Any change in the workspace raises its data version, so the next card is built from
    its facts again instead of being answered from a card built before."""
    with session_scope(engine) as session:
        other = session.exec(
            select(Creator).where(Creator.team_id == dataset.TEAM_ID, Creator.handle == "creator7")
        ).one()
        other.display_name = f"{other.display_name}."


def statement_counts(harness: AppHarness) -> dict[str, int]:
    counts = {}
    status = ("/creator", "status creator42")
    harness.command(*status, team_id=dataset.TEAM_ID)  # warm: team and user rows
    change_something_else(harness.engine)
    with counting(harness.engine) as statements:
        reply = harness.command(*status, team_id=dataset.TEAM_ID)
    assert "creator42" in str(reply.get("blocks")), reply
    counts["status built"] = len(reads(statements))
    with counting(harness.engine) as statements:
        again = harness.command(*status, team_id=dataset.TEAM_ID)
    assert again.get("blocks") == reply.get("blocks")
    counts["status again"] = len(reads(statements))
    for name, text in (
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
    settings: Settings, engine: Engine, standin: SlackStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The user's language is remembered for 30 s from the first command; on a loaded machine
    # it could run out between a warm-up and its counted run and add two statements that
    # have nothing to do with the number of creators.
    monkeypatch.setattr(context_module, "LANGUAGE_CACHE_SECONDS", 3600.0)
    harness = AppHarness(settings, engine, standin)
    try:
        dataset.load(engine, 100, months=2)
        give_the_card_everything(engine, "creator42")
        small = statement_counts(harness)
        dataset.load(engine, 9_900, months=2, first=100)
        large = statement_counts(harness)
    finally:
        harness.close()
    assert large == small
    # A card built from its facts: the workspace's data version, a look for a card another
    # worker kept at that version, and the card's facts (storage.status: eight, the first
    # finding the creator by handle and their current partnership), with three pending
    # approvals, two windows and a roadmap: no statement per item. (Before issue 13: ten
    # for a creator with none of these, twenty-one and one more per approval with them.)
    assert small["status built"] == 10
    # The same card asked again before anything changed: the data version only.
    assert small["status again"] == 1
