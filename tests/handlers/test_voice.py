"""The team's voice without a request: language and time zone from settings, else defaults."""

from __future__ import annotations

from sqlalchemy import Engine

from handlers.voice import Defaults, reader_voice, team_voice
from storage import teams
from storage.db import session_scope
from tests.harness import START

TEAM = "T0VOICE0001"
DEFAULTS = Defaults(locale="en", timezone="America/New_York")


def _settle(engine: Engine, *, locale: str, timezone: str) -> None:
    with session_scope(engine) as session:
        teams.get_or_create_settings(
            session=session, team_id=TEAM, default_locale=locale, timezone=timezone, now=START
        )


def test_a_team_without_settings_speaks_with_the_configured_defaults(engine: Engine) -> None:
    with session_scope(engine) as session:
        voice = team_voice(session, TEAM, DEFAULTS)
    assert (voice.language, voice.timezone) == ("en", "America/New_York")


def test_a_team_speaks_its_own_language_in_its_own_time_zone(engine: Engine) -> None:
    _settle(engine, locale="nl", timezone="Asia/Tokyo")
    with session_scope(engine) as session:
        voice = team_voice(session, TEAM, DEFAULTS)
    assert (voice.language, voice.timezone) == ("nl", "Asia/Tokyo")
    assert voice.t.gettext("Cancel") == "Annuleren"


def test_a_stored_language_without_a_catalog_falls_back_to_the_default(engine: Engine) -> None:
    _settle(engine, locale="de", timezone="Europe/Berlin")
    with session_scope(engine) as session:
        voice = team_voice(session, TEAM, DEFAULTS)
    assert (voice.language, voice.timezone) == ("en", "Europe/Berlin")


def test_a_reader_gets_their_chosen_language_else_slacks_else_the_teams(engine: Engine) -> None:
    _settle(engine, locale="nl", timezone="Europe/Brussels")
    with session_scope(engine) as session:
        teams.set_user_locale(
            session=session, team_id=TEAM, user_id="U0CHOSE", locale="en", now=START
        )
        teams.set_user_locale(
            session=session, team_id=TEAM, user_id="U0SLACK", slack_locale="en-GB", now=START
        )
    with session_scope(engine) as session:
        chosen = reader_voice(session, TEAM, "U0CHOSE", DEFAULTS)
        from_slack = reader_voice(session, TEAM, "U0SLACK", DEFAULTS)
        unknown = reader_voice(session, TEAM, "U0NOBODY", DEFAULTS)
    assert chosen.language == from_slack.language == "en"
    assert unknown.language == "nl"
    assert {chosen.timezone, from_slack.timezone, unknown.timezone} == {"Europe/Brussels"}
