"""storage.teams on SQLite and PostgreSQL: a workspace's settings, its people's language, and
Slack's retried event deliveries."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from sqlalchemy import Engine, event
from sqlmodel import Session

from storage import teams
from storage.db import session_scope
from tests.harness import TEAM_ID

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _settings(engine: Engine, *, locale: str = "nl", timezone: str = "Europe/Amsterdam"):  # noqa: ANN202
    with session_scope(engine) as session:
        row = teams.get_or_create_settings(
            session=session, team_id=TEAM_ID, default_locale=locale, timezone=timezone, now=NOW
        )
        return row.default_locale, row.timezone


def test_the_first_request_sets_the_defaults_and_later_ones_keep_them(engine: Engine) -> None:
    assert _settings(engine, locale="nl", timezone="Europe/Amsterdam") == ("nl", "Europe/Amsterdam")
    # A process started later with other defaults does not overwrite the team's settings.
    assert _settings(engine, locale="en", timezone="Europe/London") == ("nl", "Europe/Amsterdam")


def test_concurrent_first_requests_make_one_settings_row(engine: Engine) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        seen = list(pool.map(lambda _: _settings(engine), range(4)))
    assert set(seen) == {("nl", "Europe/Amsterdam")}


def test_a_retried_event_is_handled_once(engine: Engine) -> None:
    def deliver(event_id: str, team_id: str = TEAM_ID) -> bool:
        with session_scope(engine) as session:
            return teams.first_delivery(
                session=session, team_id=team_id, event_id=event_id, now=NOW
            )

    assert deliver("Ev0001") is True
    assert deliver("Ev0001") is False  # Slack's retry of the same event
    assert deliver("Ev0002") is True


def test_a_chosen_language_survives_what_slack_reports(engine: Engine) -> None:
    with session_scope(engine) as session:
        teams.set_user_locale(
            session=session, team_id=TEAM_ID, user_id="U0SANNE1", locale="en", now=NOW
        )
    with session_scope(engine) as session:
        teams.set_user_locale(
            session=session, team_id=TEAM_ID, user_id="U0SANNE1", slack_locale="nl-NL", now=NOW
        )
    with session_scope(engine) as session:
        preference = teams.get_user_preference(session=session, team_id=TEAM_ID, user_id="U0SANNE1")
        assert (preference.locale, preference.slack_locale) == ("en", "nl-NL")
        assert (
            teams.get_user_preference(session=session, team_id=TEAM_ID, user_id="U0OTHER1") is None
        )


def test_a_users_locale_is_recorded_while_another_worker_writes(engine: Engine) -> None:
    """A user's first request records Slack's locale for them while another worker commits
    a write of its own (a status card kept, an event recorded). Had the record read the
    preference before writing it, SQLite would refuse the write at once ("database is
    locked": the read's snapshot went stale); the request would fail."""
    first_statement_on_preferences: list[str] = []

    def other_worker_writes(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        if "user_preferences" not in statement or first_statement_on_preferences:
            return
        first_statement_on_preferences.append(statement.split()[0].upper())
        if statement.lstrip().upper().startswith("SELECT"):
            with engine.connect() as other, other.begin():
                teams.first_delivery(
                    session=Session(bind=other), team_id=TEAM_ID, event_id="Ev9", now=NOW
                )

    event.listen(engine, "after_cursor_execute", other_worker_writes)
    try:
        with session_scope(engine) as session:
            teams.set_user_locale(
                session=session, team_id=TEAM_ID, user_id="U0NEW001", slack_locale="en-GB", now=NOW
            )
        with session_scope(engine) as session:
            teams.set_user_locale(
                session=session, team_id=TEAM_ID, user_id="U0NEW001", locale="nl", now=NOW
            )
    finally:
        event.remove(engine, "after_cursor_execute", other_worker_writes)
    with session_scope(engine) as session:
        preference = teams.get_user_preference(session=session, team_id=TEAM_ID, user_id="U0NEW001")
        assert (preference.locale, preference.slack_locale) == ("nl", "en-GB")
