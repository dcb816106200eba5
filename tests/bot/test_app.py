"""The app as bot/app.py builds it: every slash command the manifest declares is answered,
in the user's language, and a request Slack did not sign is refused when Bolt is the one
that checks signatures (Socket Mode has none; over HTTP bot/server.py checks them first)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Engine

from bot.app import create_app
from bot.config import Settings
from tests.harness import OTHER_USER_ID, SIGNING_SECRET, TOKEN, AppHarness, command_body, sign

MANIFEST = json.loads((Path(__file__).resolve().parents[2] / "manifest.json").read_text())
COMMANDS = [command["command"] for command in MANIFEST["features"]["slash_commands"]]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_the_manifest_declares_answers_its_help(
    harness: AppHarness, command: str
) -> None:
    english = json.dumps(harness.command(command, "help"), ensure_ascii=False)
    dutch = json.dumps(harness.command(command, "help", user_id=OTHER_USER_ID), ensure_ascii=False)
    assert command in english and command in dutch
    assert english != dutch  # each in its reader's language


def test_a_request_not_signed_by_slack_is_refused(
    settings: Settings,
    engine: Engine,
    standin,  # noqa: ANN001
) -> None:
    app = create_app(
        settings,
        engine,
        client=AsyncWebClient(token=TOKEN, base_url=standin.base_url),
        signing_secret=SIGNING_SECRET,
    )
    body = command_body("/creator", "help", response_url=standin.hook_url("cmd"))

    def answer(secret: str) -> int:
        headers = {name.lower(): [value] for name, value in sign(body, secret=secret).items()}
        headers["content-type"] = ["application/x-www-form-urlencoded"]
        request = AsyncBoltRequest(body=body, headers=headers)
        return asyncio.run(app.async_dispatch(request)).status

    assert answer("not-the-secret") == 401
    assert answer(SIGNING_SECRET) == 200
