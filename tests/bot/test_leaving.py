"""A workspace that left: erased by the clock after the retention period, or at once by
`partnerdesk erase --team`; no other workspace loses a row."""

from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import SQLModel, select

from bot.admin import EXIT_FAILED, EXIT_OK, EXIT_USAGE, run_erase_team
from bot.leaving import erase_departed
from storage import departures
from storage.db import session_scope
from storage.models import Creator, TeamDeparture
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import START, TEAM_ID

OTHER_TEAM = "T0OTHER0001"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _two_teams(engine: Engine) -> None:
    for team in (TEAM_ID, OTHER_TEAM):
        creator = make_creator(engine, "Zoë de Vries", team_id=team)
        brand = make_brand(engine, "Lumen", team_id=team)
        make_partnership(engine, creator, brand)


def _teams_with_creators(engine: Engine) -> set[str]:
    with session_scope(engine) as session:
        return {c.team_id for c in session.exec(select(Creator))}


def test_the_clock_erases_a_workspace_once_its_retention_period_is_over(engine: Engine) -> None:
    _two_teams(engine)
    with session_scope(engine) as session:
        departures.record_departure(session=session, team_id=TEAM_ID, now=START)
    almost = START + departures.RETENTION - timedelta(minutes=1)
    assert erase_departed(engine, now=almost) == []
    assert _teams_with_creators(engine) == {TEAM_ID, OTHER_TEAM}

    assert erase_departed(engine, now=START + departures.RETENTION) == [TEAM_ID]
    assert _teams_with_creators(engine) == {OTHER_TEAM}
    with session_scope(engine) as session:
        assert session.get(TeamDeparture, TEAM_ID) is None  # erased once, not every hour
    assert erase_departed(engine, now=START + departures.RETENTION * 2) == []


def test_erase_team_with_yes_erases_that_workspace_at_once(engine: Engine) -> None:
    _two_teams(engine)
    out, err = io.StringIO(), io.StringIO()
    status = run_erase_team(
        engine, team=TEAM_ID, yes=True, stdin=io.StringIO(), stdout=out, stderr=err
    )
    assert status == EXIT_OK
    assert out.getvalue().startswith(f"erased workspace {TEAM_ID}: ")
    assert _teams_with_creators(engine) == {OTHER_TEAM}
    # Not a row of it anywhere, not even the data version its own deletes raised.
    with session_scope(engine) as session:
        left = {
            table.name
            for table in SQLModel.metadata.sorted_tables
            if "team_id" in table.c
            and session.exec(select(table.c.team_id).where(table.c.team_id == TEAM_ID)).first()
        }
    assert left == set()


def test_erase_team_asks_for_the_team_id_and_keeps_everything_on_a_wrong_answer(
    engine: Engine,
) -> None:
    _two_teams(engine)
    out, err = io.StringIO(), io.StringIO()
    wrong = _Terminal(OTHER_TEAM + "\n")
    status = run_erase_team(engine, team=TEAM_ID, yes=False, stdin=wrong, stdout=out, stderr=err)
    assert status == EXIT_FAILED
    assert "nothing was erased" in err.getvalue()
    assert _teams_with_creators(engine) == {TEAM_ID, OTHER_TEAM}

    right = _Terminal(TEAM_ID + "\n")
    status = run_erase_team(engine, team=TEAM_ID, yes=False, stdin=right, stdout=out, stderr=err)
    assert status == EXIT_OK
    assert _teams_with_creators(engine) == {OTHER_TEAM}


def test_erase_team_refuses_a_bad_team_id_or_no_terminal(engine: Engine) -> None:
    err = io.StringIO()
    assert (
        run_erase_team(engine, team="nope", yes=True, stdin=io.StringIO(), stdout=err, stderr=err)
        == EXIT_USAGE
    )
    assert (
        run_erase_team(engine, team=TEAM_ID, yes=False, stdin=io.StringIO(), stdout=err, stderr=err)
        == EXIT_USAGE
    )
