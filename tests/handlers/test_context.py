"""What every request carries (handlers/context.py, the `RequestContext` middleware): the
user's language (their choice, else Slack's locale, else the team's), the team's time zone,
both remembered for 30 seconds; an event Slack retries is acted on once. Through the Slack
stand-in; USER_ID reads English (en-US in Slack), OTHER_USER_ID Dutch (nl-NL)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

import handlers.context
from storage import teams
from storage.db import session_scope
from tests.factories import make_brand, make_creator, make_partnership
from tests.handlers.replies_for_tests import text_of as _text
from tests.harness import CHANNEL_ID, OTHER_USER_ID, START, TEAM_ID, USER_ID, AppHarness


def settle_team(harness: AppHarness, *, locale: str, timezone: str) -> None:
    """The team's own settings, as stored before its first request."""
    with session_scope(harness.engine) as session:
        teams.get_or_create_settings(
            session=session, team_id=TEAM_ID, default_locale=locale, timezone=timezone, now=START
        )


def test_the_slack_locale_is_asked_once_per_user(harness: AppHarness) -> None:
    harness.command("/creator", "help")
    harness.command("/creator", "help")
    assert len(harness.standin.calls_to("users.info")) == 1


def test_a_retried_event_is_answered_once(harness: AppHarness) -> None:
    event = {
        "type": "app_mention",
        "channel": CHANNEL_ID,
        "user": USER_ID,
        "text": "<@U0BOT000001> hi",
        "ts": "1700000000.000300",
    }
    first = harness.event(event, event_id="Ev0RETRY0001")
    retry = harness.dispatch(
        __import__("tests.harness", fromlist=["event_body"]).event_body(
            event, event_id="Ev0RETRY0001"
        ),
        "application/json",
        {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
    )
    assert first.status == retry.status == 200
    assert len(harness.standin.calls_to("chat.postMessage")) == 1


def test_a_user_slack_gives_no_known_language_reads_the_teams(harness: AppHarness) -> None:
    # The configured default is Dutch (conftest); this team chose English.
    settle_team(harness, locale="en", timezone="Europe/Amsterdam")
    harness.standin.add_user("U0DEUTSCH01", name="jonas", locale="de-DE")
    harness.standin.add_user("U0UNKNOWN01", name="kim", locale="nl-NL")
    harness.standin.inject_error("users.info", "user_not_found")  # Slack won't say for kim
    assert "Show this help." in _text(harness.command("/creator", "help", user_id="U0UNKNOWN01"))
    assert "Show this help." in _text(harness.command("/creator", "help", user_id="U0DEUTSCH01"))
    assert "Toon deze hulp." in _text(harness.command("/creator", "help", user_id=OTHER_USER_ID))


def test_a_language_chosen_elsewhere_is_spoken_within_30_seconds(
    harness: AppHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    seconds = [1000.0]  # the middleware's own stopwatch, not the app clock
    monkeypatch.setattr(handlers.context, "time", SimpleNamespace(monotonic=lambda: seconds[0]))
    assert "Toon deze hulp." in _text(harness.command("/creator", "help", user_id=OTHER_USER_ID))
    # Chosen through another web worker: this one still remembers Dutch for a while.
    with session_scope(harness.engine) as session:
        teams.set_user_locale(
            session=session, team_id=TEAM_ID, user_id=OTHER_USER_ID, locale="en", now=START
        )
    seconds[0] = 1029.0
    assert "Toon deze hulp." in _text(harness.command("/creator", "help", user_id=OTHER_USER_ID))
    seconds[0] = 1031.0
    assert "Show this help." in _text(harness.command("/creator", "help", user_id=OTHER_USER_ID))


def test_days_are_counted_in_the_teams_time_zone(harness: AppHarness) -> None:
    # 20:00 UTC on 23 November 2026: still the 23rd in Amsterdam, already the 24th in Auckland.
    harness.clock.current = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
    settle_team(harness, locale="en", timezone="Pacific/Auckland")
    zoe = make_creator(harness.engine)
    make_partnership(harness.engine, zoe, make_brand(harness.engine), end_date=date(2026, 12, 13))
    card = _text(harness.command("/creator", "status zoe", channel_id=CHANNEL_ID))
    assert "the contract ends in 19 days" in card  # 24 November to 13 December
    assert "the contract ends in 20 days" not in card
