"""The weekly digest issues the same number of SQL statements for 100 and for 5,000
partnerships: its facts are loaded in bulk, never per partnership."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Engine, update
from sqlmodel import col, func, select

from bench import dataset
from bot.wiring import SCHEDULED_KINDS
from domain.digest.assembly import assemble
from handlers.digest import digest_messages
from locales import translator
from storage import digest_facts, digests
from storage.db import session_scope
from storage.models import Partnership, Reminder
from tests.storage.test_statement_counts import counting

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 09:00 in Amsterdam
TODAY = date(2026, 11, 23)  # the dataset's today
ZONE = "Europe/Amsterdam"
CHANNEL = "C0BENCH0001"


def counts(engine: Engine, reminder_id: int) -> dict[str, int]:
    found = {}
    with session_scope(engine) as session, counting(engine) as statements:
        facts = digest_facts.load_facts(
            session=session, team_id=dataset.TEAM_ID, now=NOW, today=TODAY, timezone=ZONE
        )
    found["facts"] = len(statements)
    with session_scope(engine) as session, counting(engine) as statements:
        messages = digest_messages(
            session, translator("en"), team_id=dataset.TEAM_ID, at=NOW, timezone=ZONE
        )
    found["build"] = len(statements)
    assert messages[0]["blocks"]
    digest = assemble(facts, NOW, TODAY)
    # Every section speaks in this workspace: the count covers every query the digest makes.
    assert all(
        section
        for section in (
            digest.stages,
            digest.flags,
            digest.approvals,
            digest.milestones,
            digest.windows,
            digest.renewals,
            digest.kpis,
        )
    ), digest
    with session_scope(engine) as session, counting(engine) as statements:
        row = session.get(Reminder, reminder_id)
        rendered = SCHEDULED_KINDS.render(session, row)
        session.rollback()  # as a delivery whose post failed: nothing of it stays
    found["render"] = len(statements)
    assert rendered["blocks"]
    return found


def test_the_digest_costs_the_same_statements_for_100_and_5000_partnerships(
    engine: Engine,
) -> None:
    # Renewals: a few contracts end within 30 days in this workspace.
    dataset.load(engine, 100, months=3, digest=True)
    _end_soon(engine)
    with session_scope(engine) as session:
        subscription, _ = digests.subscribe(
            session=session,
            team_id=dataset.TEAM_ID,
            channel_id=CHANNEL,
            weekday=0,
            at=time(9, 0),
            locale="en",
            created_by=None,
            now=NOW,
        )
        reminder = digests.schedule_ahead(
            session=session,
            subscription=subscription,
            timezone=ZONE,
            after=datetime(2026, 11, 20, tzinfo=UTC),
        )
        reminder_id = reminder.id
    counts(engine, reminder_id)  # warm: the occurrences after this one are scheduled once
    small = counts(engine, reminder_id)
    dataset.load(engine, 4_900, months=3, digest=True, first=100)
    large = counts(engine, reminder_id)
    assert large == small
    assert small["facts"] <= 12
    with session_scope(engine) as session:
        assert session.exec(select(func.count()).select_from(Partnership)).one() == 5_000


def _end_soon(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.exec(
            update(Partnership)
            .where(col(Partnership.id) % 7 == 0)
            .values(end_date=TODAY + timedelta(days=12))
        )
