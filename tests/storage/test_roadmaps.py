"""Roadmaps in storage: rows per milestone, done and snooze once, facts in bulk, reminders."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, event
from sqlmodel import select

from domain.values import KPIKind
from storage import roadmaps
from storage.db import session_scope
from storage.models import Reminder, RoadmapMilestone
from tests.factories import log_period, make_brand, make_creator, make_partnership

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


def test_weekly_reminders_stay_at_nine_local_across_daylight_saving(engine: Engine) -> None:
    # 09:00 in Amsterdam is 08:00 UTC in winter and 07:00 UTC in summer; the clocks change on
    # 28 March and 31 October 2027.
    spring = create(engine, partnership(engine, "Spring"), start=date(2027, 3, 15))
    autumn = create(engine, partnership(engine, "Autumn"), start=date(2027, 10, 25))
    with session_scope(engine) as session:
        due = {r.dedupe_key: r.due_at for r in session.exec(select(Reminder)).all()}
    assert due[f"roadmap:{spring}:week:2"] == datetime(2027, 3, 22, 8, tzinfo=UTC)
    assert due[f"roadmap:{spring}:week:3"] == datetime(2027, 3, 29, 7, tzinfo=UTC)
    assert due[f"roadmap:{autumn}:week:1"] == datetime(2027, 10, 25, 7, tzinfo=UTC)
    assert due[f"roadmap:{autumn}:week:2"] == datetime(2027, 11, 1, 8, tzinfo=UTC)
    # Spring's first milestones are due Sunday 28 March: reminded Monday 09:00 summer time.
    assert due[f"roadmap:{spring}:overdue:2027-03-28"] == datetime(2027, 3, 29, 7, tzinfo=UTC)


def test_a_roadmap_started_in_the_past_schedules_only_future_reminders(engine: Engine) -> None:
    p = partnership(engine, channel_id="C0PARTNER01")
    rid = create(engine, p, now=datetime(2026, 11, 18, 12, tzinfo=UTC))  # week 3
    with session_scope(engine) as session:
        keys = {r.dedupe_key: r for r in session.exec(select(Reminder)).all()}
    assert sorted(k for k in keys if ":week:" in k) == sorted(
        f"roadmap:{rid}:week:{n}" for n in range(4, 13)
    )
    assert f"roadmap:{rid}:overdue:2026-11-15" not in keys
    assert f"roadmap:{rid}:overdue:2026-11-29" in keys
    assert {r.channel_id for r in keys.values()} == {"C0PARTNER01"}


def test_facts_and_completion_for_many_roadmaps_take_a_fixed_number_of_queries(
    engine: Engine,
) -> None:
    ps = [partnership(engine, f"Creator {n}") for n in range(3)]
    for p in ps:
        create(engine, p)
    log_period(
        engine,
        ps[0],
        date(2026, 10, 1),
        date(2026, 10, 31),
        {KPIKind.BRAND_FIT: 8, KPIKind.AUDIENCE_OVERLAP: 30},
    )

    def load_and_complete(ids: list[int]) -> tuple[int, dict]:
        with session_scope(engine) as session:
            with counted(engine) as statements:
                loaded = roadmaps.roadmaps_for_partnerships(
                    session=session, team_id=ps[0].team_id, partnership_ids=ids
                )
                facts = roadmaps.roadmap_facts(
                    session=session, team_id=ps[0].team_id, loaded=list(loaded.values())
                )
            return len(statements), facts

    one, _ = load_and_complete([ps[1].id])
    three, facts = load_and_complete([p.id for p in ps])
    assert one == three
    by_partnership = {f.start: f for f in facts.values()}
    assert len(facts) == 3 and len(by_partnership) == 1
    with session_scope(engine) as session:
        loaded = roadmaps.roadmaps_for_partnerships(
            session=session, team_id=ps[0].team_id, partnership_ids=[p.id for p in ps]
        )
        done = roadmaps.complete_from_data(
            session=session,
            team_id=ps[0].team_id,
            loaded=list(loaded.values()),
            now=EARLY,
        )
    # Every factory partnership has a contract with 30-day terms; only the first has brand fit.
    assert done[loaded[ps[0].id].roadmap.id] == {"contract_signed", "record_brand_fit"}
    assert done[loaded[ps[2].id].roadmap.id] == {"contract_signed"}
    with session_scope(engine) as session:
        auto = session.exec(
            select(RoadmapMilestone).where(RoadmapMilestone.done_by == roadmaps.AUTO)
        ).all()
    assert len(auto) == 4


def test_terms_of_90_days_do_not_complete_the_contract(engine: Engine) -> None:
    p = partnership(engine, payment_terms_days=90)
    create(engine, p)
    with session_scope(engine) as session:
        loaded = roadmaps.roadmap_for_partnership(
            session=session, team_id=p.team_id, partnership_id=p.id
        )
        done = roadmaps.complete_from_data(
            session=session, team_id=p.team_id, loaded=[loaded], now=EARLY
        )
    assert done == {}


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
