"""The clock in the multi-workspace mode sends each workspace's reminders with that
workspace's own bot token (from the installation store), and nothing for a workspace that
has no installation any more."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Bot
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Engine, text
from sqlmodel import select

from bot.config import Settings
from bot.delivery import delivery_client, sweep
from bot.team_clients import TeamClients
from storage import departures, reminders
from storage.db import session_scope
from storage.models import Reminder
from tests.bot.kinds import kinds_with
from tests.harness import CHANNEL_ID, TEAM_ID

OTHER_TEAM = "T0OTHER0001"
GONE_TEAM = "T0GONE00001"
CLIENT_ID = "1111111111.2222222222"
NOW = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
TOKENS = {TEAM_ID: "xoxb-team-one", OTHER_TEAM: "xoxb-team-two"}
RENDERERS: dict[str, Any] = {}  # this module's own kinds, next to the product's


def _render(_session: Any, reminder: Reminder) -> dict[str, Any]:
    return {"text": f"ping for {reminder.team_id}"}


@pytest.fixture(autouse=True)
def ping_kind() -> Iterator[None]:
    RENDERERS["test_team_ping"] = _render
    yield
    del RENDERERS["test_team_ping"]


@pytest.fixture
def installed(settings: Settings, engine: Engine) -> Iterator[Settings]:
    multi = dataclasses.replace(
        settings,
        slack_bot_token=None,
        slack_client_id=CLIENT_ID,
        slack_client_secret="secret",
    )
    store = SQLAlchemyInstallationStore(client_id=CLIENT_ID, engine=engine)
    for team, token in TOKENS.items():
        store.save_bot(
            Bot(
                app_id="A0LOCAL0001",
                team_id=team,
                bot_token=token,
                bot_id="B0BOT000001",
                bot_user_id="U0BOT000001",
                installed_at=NOW.timestamp(),
            )
        )
    yield multi
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM slack_bots"))


def _add(engine: Engine, team: str) -> None:
    with session_scope(engine) as session:
        reminders.schedule(
            session=session,
            team_id=team,
            kind="test_team_ping",
            dedupe_key=f"ping:{team}",
            due_at=NOW - timedelta(minutes=1),
            channel_id=CHANNEL_ID,
            now=NOW - timedelta(hours=1),
        )


def test_each_workspace_is_sent_to_with_its_own_token(
    installed: Settings, engine: Engine, standin
) -> None:  # noqa: ANN001
    for team in (TEAM_ID, OTHER_TEAM, GONE_TEAM):
        _add(engine, team)
    clients = TeamClients(
        dataclasses.replace(installed, slack_api_url=standin.base_url),
        engine,
        make_client=delivery_client,
        timeout=5,
    )
    sweep(engine, clients, now=NOW, worker_id="w1", timer=lambda: 0.0, kinds=kinds_with(RENDERERS))

    posts = standin.calls_to("chat.postMessage")
    sent = {call.args["text"]: call.token for call in posts if call.response["ok"]}
    assert sent == {f"ping for {team}": token for team, token in TOKENS.items()}
    # The workspace without an installation is never spoken to with another's token.
    [gone] = [call for call in posts if call.args["text"] == f"ping for {GONE_TEAM}"]
    assert (gone.token, gone.response["error"]) == (None, "not_authed")
    with session_scope(engine) as session:
        states = {r.team_id: r.state for r in session.exec(select(Reminder))}
    assert states[TEAM_ID] == states[OTHER_TEAM] == "sent"
    assert states[GONE_TEAM] != "sent"


TWELVE_HOURS = 12 * 3600  # Slack's lifetime of a rotating bot token
SECRET = "secret"


def _install_rotating(standin, engine: Engine, team: str) -> dict[str, Any]:  # noqa: ANN001
    """The workspace installs the app with token rotation on; the grant Slack answered."""
    code = standin.authorize(CLIENT_ID, scopes=["chat:write"], user_id="U0ADMIN0001")
    grant = WebClient(base_url=standin.base_url).oauth_v2_access(
        client_id=CLIENT_ID, client_secret=SECRET, code=code
    )
    store = SQLAlchemyInstallationStore(client_id=CLIENT_ID, engine=engine)
    store.save_bot(
        Bot(
            app_id=grant["app_id"],
            team_id=team,
            bot_token=grant["access_token"],
            bot_refresh_token=grant["refresh_token"],
            bot_token_expires_in=grant["expires_in"],
            bot_id="B0BOT000001",
            bot_user_id=grant["bot_user_id"],
            installed_at=time.time(),
        )
    )
    return grant.data


@pytest.mark.parametrize("hours_later", [11, 13])
def test_the_clock_refreshes_an_expiring_or_expired_token_before_it_sends(
    hours_later: int, installed: Settings, engine: Engine, standin
) -> None:  # noqa: ANN001
    standin.register_app(CLIENT_ID, SECRET, token_lifetime=TWELVE_HOURS)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM slack_bots"))
    grant = _install_rotating(standin, engine, TEAM_ID)
    _add(engine, TEAM_ID)
    clients = TeamClients(
        dataclasses.replace(installed, slack_api_url=standin.base_url, slack_client_secret=SECRET),
        engine,
        make_client=delivery_client,
        timeout=5,
    )
    # Within two hours of expiry, or past it: refreshed first, then sent with the new token.
    with time_machine.travel(time.time() + hours_later * 3600, tick=True):
        sweep(
            engine, clients, now=NOW, worker_id="w1", timer=lambda: 0.0, kinds=kinds_with(RENDERERS)
        )
    [refresh] = standin.calls_to("oauth.v2.access")[1:]
    assert refresh.args["grant_type"] == "refresh_token"
    assert refresh.args["refresh_token"] == grant["refresh_token"]
    fresh = refresh.response["access_token"]
    [post] = standin.calls_to("chat.postMessage")
    assert (post.token, post.response["ok"]) == (fresh, True)
    store = SQLAlchemyInstallationStore(client_id=CLIENT_ID, engine=engine)
    assert store.find_bot(enterprise_id=None, team_id=TEAM_ID).bot_token == fresh
    with session_scope(engine) as session:
        assert [r.state for r in session.exec(select(Reminder))] == ["sent"]


def test_a_reminder_on_its_way_when_the_workspace_uninstalls_is_cancelled_not_failed(
    installed: Settings, engine: Engine, standin
) -> None:  # noqa: ANN001
    for team in TOKENS:
        _add(engine, team)
    store = SQLAlchemyInstallationStore(client_id=CLIENT_ID, engine=engine)

    def uninstall_while_sending(call) -> None:  # noqa: ANN001
        # Slack revokes the token and tells the app while our post is under way: the
        # installation goes and the departure is recorded before the post's answer arrives.
        if call.method == "chat.postMessage" and call.args["text"] == f"ping for {OTHER_TEAM}":
            store.delete_bot(enterprise_id=None, team_id=OTHER_TEAM)
            with session_scope(engine) as session:
                departures.record_departure(session=session, team_id=OTHER_TEAM, now=NOW)

    standin.subscribe(uninstall_while_sending)
    standin.inject_error("chat.postMessage", "account_inactive", times=2)
    clients = TeamClients(
        dataclasses.replace(installed, slack_api_url=standin.base_url),
        engine,
        make_client=delivery_client,
        timeout=5,
    )
    report = sweep(
        engine, clients, now=NOW, worker_id="w1", timer=lambda: 0.0, kinds=kinds_with(RENDERERS)
    )
    assert (report.failed, report.retried, report.skipped) == (0, 1, 1)
    with session_scope(engine) as session:
        rows = {r.team_id: r for r in session.exec(select(Reminder))}
    # The workspace that left: cancelled, nothing to report or retry.
    assert rows[OTHER_TEAM].state == "cancelled"
    assert "uninstalled" in rows[OTHER_TEAM].last_error
    # The same answer for a workspace still installed is a failure to retry, as before.
    assert (rows[TEAM_ID].state, rows[TEAM_ID].attempts) == ("pending", 1)
    assert set(rows) == {TEAM_ID, OTHER_TEAM}  # no delivery report was scheduled
    later = sweep(
        engine,
        clients,
        now=NOW + timedelta(hours=1),
        worker_id="w1",
        timer=lambda: 0,
        kinds=kinds_with(RENDERERS),
    )
    assert later.sent == 1  # only the installed workspace's reminder, on its retry
