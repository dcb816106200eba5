"""Finding creators by what people type; adding and changing brands, creators and
partnerships (with their keys, stamps and stage moves) from what a person gives."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import select

from domain.values import Stage
from storage import creators
from storage.db import session_scope
from storage.models import BrandCreate, CreatorCreate, PartnershipCreate, StageChange
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


def test_a_created_creator_is_found_by_its_keys_and_stamped_by_the_given_clock(
    engine: Engine,
) -> None:
    at = START + timedelta(days=5)
    values = CreatorCreate(handle="@Zoe.DV", display_name="Zoë de Vries", base_rate=Decimal(900))
    with session_scope(engine) as session:
        created = creators.create_creator(session=session, team_id=TEAM_ID, values=values, now=at)
        assert (created.handle, created.created_at, created.updated_at) == ("zoe.dv", at, at)
    assert _names(engine, "zoedv") == _names(engine, "vries") == ["Zoë de Vries"]


def test_an_update_changes_only_the_fields_given_and_moves_the_keys_and_the_stamp(
    engine: Engine,
) -> None:
    creator = make_creator(engine, "Sanne Bakker", handle="sanne", contact="sanne@example.nl")
    later = START + timedelta(days=2)
    # As the import gives it: no contact in the file.
    values = CreatorCreate.model_validate(
        {"handle": "sanne", "display_name": "Sanne Visser", "base_rate": Decimal("1250.50")}
    )
    with session_scope(engine) as session:
        stored = creators.get_creator(session=session, team_id=TEAM_ID, creator_id=creator.id)
        creators.update_creator(session=session, creator=stored, values=values, now=later)
    with session_scope(engine) as session:
        stored = creators.get_creator(session=session, team_id=TEAM_ID, creator_id=creator.id)
        assert (stored.display_name, stored.base_rate, stored.contact) == (
            "Sanne Visser",
            Decimal("1250.50"),
            "sanne@example.nl",
        )
        assert (stored.created_at, stored.updated_at) == (START, later)
    assert _names(engine, "visser") == ["Sanne Visser"]
    assert _names(engine, "bakker") == []


def _stage_moves(engine: Engine) -> list[tuple[Stage | None, Stage, str | None, datetime]]:
    with session_scope(engine) as session:
        moves = session.exec(select(StageChange).order_by(StageChange.id)).all()
        return [(m.from_stage, m.to_stage, m.changed_by, m.changed_at) for m in moves]


def test_a_created_partnership_takes_the_creators_currency_and_records_its_first_stage(
    engine: Engine,
) -> None:
    creator = make_creator(engine, currency="USD")
    brand = make_brand(engine)
    at = START + timedelta(hours=3)
    values = PartnershipCreate(stage=Stage.ALIGNMENT, quarterly_fee=Decimal(20000))
    with session_scope(engine) as session:
        stored_creator = creators.get_creator(
            session=session, team_id=TEAM_ID, creator_id=creator.id
        )
        created = creators.create_partnership(
            session=session,
            creator=stored_creator,
            brand=brand,
            values=values,
            now=at,
            changed_by="U1",
        )
        assert (created.currency, created.stage_changed_at, created.created_at) == ("USD", at, at)
    assert _stage_moves(engine) == [(None, Stage.ALIGNMENT, "U1", at)]


def test_an_update_records_a_stage_change_only_when_the_stage_moved(engine: Engine) -> None:
    creator = make_creator(engine)
    partnership = make_partnership(engine, creator, make_brand(engine), stage=Stage.GUARDRAILS)
    first_moves = _stage_moves(engine)
    same_stage = PartnershipCreate(stage=Stage.GUARDRAILS, quarterly_fee=Decimal(25000))
    moved = PartnershipCreate(stage=Stage.AMBASSADOR, quarterly_fee=Decimal(25000))
    days = [START + timedelta(days=1), START + timedelta(days=2)]
    for values, day in zip([same_stage, moved], days, strict=True):
        with session_scope(engine) as session:
            stored = creators.get_partnership(
                session=session, team_id=TEAM_ID, partnership_id=partnership.id
            )
            owner = creators.get_creator(session=session, team_id=TEAM_ID, creator_id=creator.id)
            creators.update_partnership(
                session=session,
                partnership=stored,
                creator=owner,
                values=values,
                now=day,
                changed_by="U2",
            )
    assert _stage_moves(engine) == [
        *first_moves,
        (Stage.GUARDRAILS, Stage.AMBASSADOR, "U2", days[1]),
    ]
    with session_scope(engine) as session:
        stored = creators.get_partnership(
            session=session, team_id=TEAM_ID, partnership_id=partnership.id
        )
        assert (stored.quarterly_fee, stored.stage_changed_at, stored.updated_at) == (
            Decimal(25000),
            days[1],
            days[1],
        )


def test_a_renamed_brand_is_found_by_its_new_name_and_keeps_its_overrides(
    engine: Engine,
) -> None:
    with session_scope(engine) as session:
        brand = creators.create_brand(
            session=session,
            team_id=TEAM_ID,
            values=BrandCreate(name="Koffie & Co"),
            now=START,
            pricing_overrides={"minimum_fee": "500"},
        )
        later = START + timedelta(days=1)
        creators.update_brand(
            session=session, brand=brand, values=BrandCreate(name="Koffie Huis"), now=later
        )
    with session_scope(engine) as session:
        assert creators.find_brand(session=session, team_id=TEAM_ID, name="koffie & co") is None
        found = creators.find_brand(session=session, team_id=TEAM_ID, name="koffie huis")
        assert found is not None
        assert (found.pricing_overrides, found.created_at, found.updated_at) == (
            {"minimum_fee": "500"},
            START,
            later,
        )
