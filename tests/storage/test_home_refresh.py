"""Which Home tabs need publishing again: a change marks the tabs of the users it concerns,
the clock's pass publishes them a debounce later, once, and every tab once a day."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine

from storage import home, roadmaps
from storage.db import session_scope
from storage.models import HomeRefresh
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import TEAM_ID

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
OWNER, OTHER = "U0OWNER0001", "U0OTHER0001"


def tab(engine: Engine, user_id: str) -> HomeRefresh:
    with session_scope(engine) as session:
        row = session.get(HomeRefresh, (TEAM_ID, user_id))
        assert row is not None
        return row


def open_tabs(engine: Engine, *users: str) -> None:
    with session_scope(engine) as session:
        for user in users:
            tab_ = home.opened(session=session, team_id=TEAM_ID, user_id=user)
            home.published(session=session, tab=tab_, now=NOW)


def claimed(engine: Engine, at: datetime) -> list[str]:
    with session_scope(engine, immediate=True) as session:
        return [t.user_id for t in home.due_for_publishing(session=session, now=at)]


def test_a_milestone_done_marks_the_owners_tab_and_it_publishes_once(engine: Engine) -> None:
    partnership = make_partnership(
        engine, make_creator(engine), make_brand(engine), owner_user_id=OWNER
    )
    with session_scope(engine) as session:
        loaded = roadmaps.create_roadmap(
            session=session,
            partnership=partnership,
            start_on=date(2026, 11, 2),
            owner_id=OWNER,
            created_by=OWNER,
            timezone="Europe/Amsterdam",
            now=NOW + timedelta(days=365),  # no reminders
        )
        roadmap_id, milestone = loaded.roadmap.id, loaded.milestones[0].milestone
    open_tabs(engine, OWNER, OTHER)
    with session_scope(engine) as session:
        assert roadmaps.mark_done(
            session=session,
            team_id=TEAM_ID,
            roadmap_id=roadmap_id,
            milestone=milestone,
            done_by=OWNER,
            now=NOW,
        )
    assert tab(engine, OWNER).changes == 1
    assert tab(engine, OTHER).changes == 0
    # Noticed now, published a debounce later, then nothing more to do.
    assert claimed(engine, NOW) == []
    assert claimed(engine, NOW + home.DEBOUNCE) == [OWNER]
    with session_scope(engine) as session:
        home.published(
            session=session,
            tab=home.Tab(TEAM_ID, OWNER, home.Scope.MINE, 0, 1),
            now=NOW + home.DEBOUNCE,
        )
    assert claimed(engine, NOW + 2 * home.DEBOUNCE) == []


def test_two_workers_claim_a_due_tab_once(engine: Engine) -> None:
    open_tabs(engine, OWNER)
    with session_scope(engine) as session:
        home.mark_changed(session=session, team_id=TEAM_ID, user_ids=[OWNER])
    assert claimed(engine, NOW) == []
    results: list[list[str]] = []
    barrier = threading.Barrier(4)

    def worker() -> None:
        barrier.wait()
        results.append(claimed(engine, NOW + home.DEBOUNCE))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(user for found in results for user in found) == [OWNER]


def test_every_tab_is_published_again_each_day(engine: Engine) -> None:
    open_tabs(engine, OWNER)
    assert claimed(engine, NOW + timedelta(hours=2)) == []
    tomorrow = NOW + timedelta(days=1)
    assert claimed(engine, tomorrow) == []  # noticed: due a debounce later
    assert claimed(engine, tomorrow + home.DEBOUNCE) == [OWNER]
