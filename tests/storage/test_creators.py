"""Finding creators by what people type, and saving partnerships with their stage moves."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import select

from domain.values import Stage
from storage import creators
from storage.db import session_scope
from storage.models import StageChange
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import START, TEAM_ID


def _names(engine: Engine, query: str, **kwargs: object) -> list[str]:
    with session_scope(engine) as session:
        found = creators.find_creators(session=session, team_id=TEAM_ID, query=query, **kwargs)
        return [creator.display_name for creator in found]


def test_an_exact_handle_wins_over_names_that_merely_start_alike(engine: Engine) -> None:
    make_creator(engine, "Sanne Bakker", handle="sanne")
    make_creator(engine, "Sanne Visser", handle="sannevisser")
    assert _names(engine, "@Sanne") == ["Sanne Bakker"]
    assert _names(engine, "sann") == ["Sanne Bakker", "Sanne Visser"]


def test_a_word_of_the_name_finds_a_creator_but_archived_ones_only_when_asked(
    engine: Engine,
) -> None:
    make_creator(engine, "Zoë de Vries", handle="zoedv", archived=True)
    assert _names(engine, "vries") == []
    assert _names(engine, "vries", include_archived=True) == ["Zoë de Vries"]


def test_at_most_a_handful_of_candidates_are_offered(engine: Engine) -> None:
    for number in range(creators.MAX_CANDIDATES + 3):
        make_creator(engine, f"Lotte {number}", handle=f"lotte{number}")
    assert len(_names(engine, "lotte")) == creators.MAX_CANDIDATES


def test_another_teams_creator_is_never_found(engine: Engine) -> None:
    make_creator(engine, "Milan Jansen", handle="milanj", team_id="T0OTHER0001")
    assert _names(engine, "milan") == []


def test_each_stage_move_is_recorded_once_with_who_moved_it(engine: Engine) -> None:
    partnership = make_partnership(engine, make_creator(engine), make_brand(engine))
    later = START + timedelta(days=3)
    with session_scope(engine) as session:
        stored = creators.get_partnership(
            session=session, team_id=TEAM_ID, partnership_id=partnership.id
        )
        stored.stage = Stage.AMBASSADOR
        creators.save_partnership(session=session, partnership=stored, now=later, changed_by="U1")
        stored.performance_incentive = "10% over target"
        creators.save_partnership(session=session, partnership=stored, now=later, changed_by="U1")
    with session_scope(engine) as session:
        moves = session.exec(select(StageChange).order_by(StageChange.id)).all()
        assert [(m.from_stage, m.to_stage, m.changed_by) for m in moves][-1] == (
            partnership.stage,
            Stage.AMBASSADOR,
            "U1",
        )
        assert sum(m.to_stage is Stage.AMBASSADOR for m in moves) == 1
