"""The clock in the multi-workspace mode sends each workspace's reminders with that
workspace's own bot token (from the installation store), and nothing for a workspace that
has no installation any more."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_sdk.oauth.installation_store import Bot
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Engine, text
from sqlmodel import select

from bot.config import Settings
from bot.delivery import delivery_client, sweep
from bot.team_clients import TeamClients
from storage import reminders
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
