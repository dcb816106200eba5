"""Roadmaps in storage: rows per milestone, done and snooze once, facts in bulk, reminders."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, event
from sqlmodel import select

from storage import roadmaps
from storage.db import session_scope
from storage.models import Reminder, RoadmapMilestone
from tests.factories import make_brand, make_creator, make_partnership

START = date(2026, 11, 2)  # a Monday
EARLY = datetime(2026, 10, 1, tzinfo=UTC)  # before every reminder of the roadmap
ZONE = "Europe/Amsterdam"


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "BEGIN")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def partnership(engine: Engine, name: str = "Zoë de Vries", **fields):  # noqa: ANN003, ANN201
    brand = make_brand(engine, f"Koffie {name}")
    creator = make_creator(engine, name)
    return make_partnership(engine, creator, brand, **fields)


def create(engine: Engine, p, start: date = START, now: datetime = EARLY) -> int:  # noqa: ANN001
    with session_scope(engine) as session:
        loaded = roadmaps.create_roadmap(
            session=session,
            partnership=p,
            start_on=start,
            owner_id="U0OWNER0001",
            created_by="U0OWNER0001",
            timezone=ZONE,
            now=now,
        )
        return loaded.roadmap.id


def test_create_makes_a_row_per_milestone_of_the_template(engine: Engine) -> None:
    rid = create(engine, partnership(engine))
    with session_scope(engine) as session:
        loaded = roadmaps.get_roadmap(session=session, team_id="T0123456789", roadmap_id=rid)
    assert [m.milestone for m in loaded.milestones][:3] == [
        "kickoff",
        "share_first_party_data",
        "record_brand_fit",
    ]
    assert len(loaded.milestones) == 14
    # Weeks 5-8's first-payment milestone: worked on from 30 November, due 27 December.
    first_payment = loaded.milestone("first_payment")
    assert (first_payment.start_on, first_payment.due_on) == (
        date(2026, 11, 30),
        date(2026, 12, 27),
    )


def test_one_roadmap_per_partnership(engine: Engine) -> None:
    p = partnership(engine)
    rid = create(engine, p)
    with pytest.raises(roadmaps.RoadmapExists) as raised:
        create(engine, p, start=date(2026, 12, 1))
    assert (raised.value.roadmap_id, raised.value.start_on) == (rid, START)
    with session_scope(engine) as session:
        assert len(session.exec(select(RoadmapMilestone)).all()) == 14


def test_mark_done_changes_a_milestone_once(engine: Engine) -> None:
    p = partnership(engine)
    rid = create(engine, p)
    first = datetime(2026, 11, 5, 10, tzinfo=UTC)
    with session_scope(engine) as session:
        args = {"session": session, "team_id": p.team_id, "roadmap_id": rid}
        args["milestone"] = "kickoff"
        assert roadmaps.mark_done(**args, done_by="U1", now=first) is True
        assert roadmaps.mark_done(**args, done_by="U2", now=datetime.now(UTC)) is False
    with session_scope(engine) as session:
        row = session.exec(
            select(RoadmapMilestone).where(RoadmapMilestone.milestone == "kickoff")
        ).one()
    assert (row.done_by, row.done_at) == ("U1", first)


def test_another_team_cannot_touch_the_roadmap(engine: Engine) -> None:
    p = partnership(engine)
    rid = create(engine, p)
    with session_scope(engine) as session:
        assert roadmaps.get_roadmap(session=session, team_id="T0OTHER0001", roadmap_id=rid) is None
        assert not roadmaps.mark_done(
            session=session,
            team_id="T0OTHER0001",
            roadmap_id=rid,
            milestone="kickoff",
            done_by="U1",
            now=EARLY,
        )


def test_snooze_moves_the_shown_due_date_once_and_schedules_its_reminder(engine: Engine) -> None:
    p = partnership(engine)
    rid = create(engine, p)

    def snooze(session, today: date):  # noqa: ANN001, ANN202
        return roadmaps.snooze(
            session=session,
            partnership=p,
            roadmap_id=rid,
            milestone="kickoff",
            shown_due_on=date(2026, 11, 15),
            today=today,
            timezone=ZONE,
            now=datetime(2026, 11, 10, tzinfo=UTC),
        )

    with session_scope(engine) as session:
        assert snooze(session, date(2026, 11, 10)) == date(2026, 11, 22)
        assert snooze(session, date(2026, 11, 10)) is None  # the same button again
    with session_scope(engine) as session:
        reminder = session.exec(
            select(Reminder).where(Reminder.dedupe_key == f"roadmap:{rid}:overdue:2026-11-22")
        ).one()
    assert (reminder.kind, reminder.payload) == (
        "roadmap_overdue",
        {"due_on": "2026-11-22", "owner_id": "U0OWNER0001"},
    )
    assert reminder.due_at == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def test_seed_roadmap_for_the_demo_marks_what_is_done(engine: Engine) -> None:
    p = partnership(engine, owner_user_id="U0OWNER0001")
    with session_scope(engine) as session:
        loaded = roadmaps.seed_roadmap(
            session=session,
            partnership=p,
            start_on=START,
            done=("kickoff", "share_first_party_data"),
            timezone=ZONE,
            now=EARLY,
        )
    done = {m.milestone: m.done_by for m in loaded.milestones if m.done_at is not None}
    assert done == {"kickoff": "U0OWNER0001", "share_first_party_data": "U0OWNER0001"}
    with session_scope(engine) as session:  # loading it again changes nothing
        again = roadmaps.seed_roadmap(
            session=session, partnership=p, start_on=START, done=(), timezone=ZONE, now=EARLY
        )
    assert again.roadmap.id == loaded.roadmap.id
