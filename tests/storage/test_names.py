"""storage.names on SQLite and PostgreSQL: the brand and creator names the reader may meet in a
message, only of the asker's own workspace."""

from __future__ import annotations

from sqlalchemy import Engine

from storage import names
from storage.db import session_scope
from tests.factories import make_brand, make_creator
from tests.harness import TEAM_ID

OTHER_TEAM = "T0999999999"


def test_brands_are_found_by_their_forgiving_key_and_shown_as_stored(engine: Engine) -> None:
    make_brand(engine, "Koffie & Co")
    make_brand(engine, "Maison Lumière")
    make_brand(engine, "Secret Rival", team_id=OTHER_TEAM)
    with session_scope(engine) as session:
        keys = names.brand_name_keys(session=session, team_id=TEAM_ID)
    assert sorted(keys.values()) == ["Koffie & Co", "Maison Lumière"]
    assert all(key == key.casefold() for key in keys)


def test_display_names_only_for_the_handles_asked_in_the_team(engine: Engine) -> None:
    make_creator(engine, "Zoë de Vries")
    make_creator(engine, "Daan Visser")
    make_creator(engine, "Zoë Elsewhere", handle="zoedevries", team_id=OTHER_TEAM)
    with session_scope(engine) as session:
        assert names.display_names(session=session, team_id=TEAM_ID, handles=["zoedevries"]) == {
            "zoedevries": "Zoë de Vries"
        }
        assert names.display_names(session=session, team_id=TEAM_ID, handles=[]) == {}
