"""Status cards kept for every web worker (storage/status_cards.py), on SQLite and
PostgreSQL: only the workspace's newest version is kept, and a card only inside its time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select

from storage.models import StatusCard
from storage.status_cards import card_key, remember_card, remembered_card

TEAM, OTHER_TEAM = "T0123456789", "T0000000002"
BUILT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
UNTIL = BUILT + timedelta(hours=15)
ZOE = card_key("zoedevries", "en", "Europe/Amsterdam")


def keep(engine: Engine, version: int, text: str, team: str = TEAM, key: str = ZOE) -> bool:
    return remember_card(
        engine,
        team_id=team,
        key=key,
        version=version,
        built_at=BUILT,
        good_until=UNTIL,
        reply={"text": text},
    )


def kept(engine: Engine, version: int, at: datetime = BUILT, team: str = TEAM) -> str | None:
    found = remembered_card(engine, team_id=team, key=ZOE, version=version, now=at)
    return found[0]["text"] if found is not None else None


def test_a_kept_card_comes_back_for_its_version_inside_its_time_only(engine: Engine) -> None:
    assert keep(engine, 5, "Zoë & co <3")
    assert kept(engine, 5) == "Zoë & co <3"  # as built: escaping is the builder's
    assert remembered_card(engine, team_id=TEAM, key=ZOE, version=5, now=BUILT) == (
        {"text": "Zoë & co <3"},
        BUILT,
        UNTIL,
    )
    assert kept(engine, 4) is None and kept(engine, 6) is None
    assert kept(engine, 5, at=BUILT - timedelta(seconds=1)) is None  # a clock moved back
    assert kept(engine, 5, at=UNTIL) is None  # from then on it would read differently
    assert kept(engine, 5, team=OTHER_TEAM) is None


def test_a_newer_version_replaces_the_workspaces_older_cards_and_never_the_other_way(
    engine: Engine,
) -> None:
    other_words = card_key("zoe", "en", "Europe/Amsterdam")
    keep(engine, 5, "old", key=other_words)
    keep(engine, 5, "old")
    keep(engine, 5, "elsewhere", team=OTHER_TEAM)
    keep(engine, 7, "new")
    keep(engine, 6, "late")  # a worker that read the version before the last change
    assert kept(engine, 7) == "new" and kept(engine, 6) is None
    with engine.connect() as connection:
        rows = connection.execute(select(StatusCard.team_id, StatusCard.version)).all()
    # Nothing can use a card of an older version again: gone, in this workspace only.
    assert sorted(rows) == [(OTHER_TEAM, 5), (TEAM, 7)]
