"""A workspace that leaves (storage/departures.py): nothing is left for the clock to send
there, and only its own rows go."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import select

from storage import departures, home, reminders
from storage.db import session_scope
from storage.models import HomeRefresh, Reminder
from tests.harness import START, TEAM_ID

OTHER_TEAM = "T0OTHER0001"


def test_leaving_cancels_the_reminders_and_forgets_the_home_tabs_of_that_team_only(
    engine: Engine,
) -> None:
    with session_scope(engine) as session:
        for team in (TEAM_ID, OTHER_TEAM):
            home.opened(session=session, team_id=team, user_id="U0CASEY0001")
            home.mark_changed(session=session, team_id=team, user_ids=["U0CASEY0001"])
            reminders.schedule(
                session=session,
                team_id=team,
                kind="digest",
                dedupe_key=f"digest:{team}",
                due_at=START + timedelta(days=1),
                now=START,
                channel_id="C0123456789",
            )
    with session_scope(engine) as session:
        assert departures.record_departure(session=session, team_id=TEAM_ID, now=START) == 1
    with session_scope(engine) as session:
        states = {r.team_id: r.state for r in session.exec(select(Reminder))}
        tabs = [t.team_id for t in session.exec(select(HomeRefresh))]
        due = home.due_for_publishing(session=session, now=START)
        due = home.due_for_publishing(session=session, now=START + timedelta(minutes=1))
    assert states == {TEAM_ID: "cancelled", OTHER_TEAM: "pending"}
    assert tabs == [OTHER_TEAM]
    assert [tab.team_id for tab in due] == [OTHER_TEAM]
