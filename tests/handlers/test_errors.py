"""The one global error handler: whoever hit the error is told, privately and in their
language, with a reference to quote; the traceback goes to the log, never to the user."""

from __future__ import annotations

import asyncio
import json
import logging
from types import SimpleNamespace
from typing import Any

import pytest
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError

from handlers.context import REQUEST_ID
from handlers.errors import handle_error

SECRET = "KeyError: 'xoxb-secret' in storage/creators.py line 12"


class RecordingClient:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    async def chat_postEphemeral(self, **kwargs: Any) -> None:  # noqa: N802 - slack_sdk's name
        self.calls.append(("chat.postEphemeral", kwargs))


def a_context(language: str | None = "en", **fields: Any) -> AsyncBoltContext:
    context = AsyncBoltContext(**fields)
    context[REQUEST_ID] = "1a2b-7"
    if language:
        context["partnerdesk_deps"] = SimpleNamespace(default_locale="nl")
        context["partnerdesk_language"] = language
    return context


def slack_says(code: str) -> SlackApiError:
    return SlackApiError(f"Slack said {code}", {"ok": False, "error": code})


def test_a_failed_command_is_answered_in_its_own_reply_with_a_reference() -> None:
    response = asyncio.run(
        handle_error(RuntimeError(SECRET), {"command": "/creator"}, a_context(), None)
    )
    assert response.status == 200
    message = json.loads(response.body)
    assert message["response_type"] == "ephemeral"
    assert "1a2b-7" in message["text"] and "try again" in message["text"]
    assert "xoxb" not in message["text"] and "KeyError" not in message["text"]


def test_a_bot_outside_the_channel_says_how_to_invite_it() -> None:
    response = asyncio.run(
        handle_error(slack_says("not_in_channel"), {"command": "/creator"}, a_context(), None)
    )
    assert "/invite @Partnerdesk" in json.loads(response.body)["text"]


def test_a_failed_click_is_answered_through_its_response_url() -> None:
    told: list[dict[str, Any]] = []

    async def respond(**message: Any) -> None:
        told.append(message)

    context = a_context(response_url="https://hooks.slack.test/actions/1")
    response = asyncio.run(handle_error(RuntimeError(SECRET), {}, context, respond))
    assert (response.status, response.body) == (200, "")
    (message,) = told
    assert message["response_type"] == "ephemeral" and "1a2b-7" in message["text"]


def test_without_a_response_url_the_user_is_told_ephemerally_in_the_channel() -> None:
    client = RecordingClient()
    context = a_context(user_id="U0SANNE1", channel_id="C0GENERAL", client=client)
    asyncio.run(handle_error(RuntimeError(SECRET), {}, context, None))
    ((method, args),) = client.calls
    assert method == "chat.postEphemeral"
    assert (args["channel"], args["user"]) == ("C0GENERAL", "U0SANNE1")
    assert "1a2b-7" in args["text"]


def test_when_the_user_cannot_be_told_the_answer_is_still_an_empty_200() -> None:
    async def respond(**message: Any) -> None:
        raise ConnectionError("hooks.slack.com unreachable")

    context = a_context(response_url="https://hooks.slack.test/actions/1")
    response = asyncio.run(handle_error(RuntimeError(SECRET), {}, context, respond))
    assert (response.status, response.body) == (200, "")


def test_the_users_language_is_spoken_and_dutch_before_the_app_knows_it() -> None:
    english = asyncio.run(handle_error(RuntimeError(), {"command": "/x"}, a_context("en"), None))
    dutch = asyncio.run(handle_error(RuntimeError(), {"command": "/x"}, a_context("nl"), None))
    early = asyncio.run(handle_error(RuntimeError(), {"command": "/x"}, a_context(None), None))
    english_text, dutch_text = json.loads(english.body)["text"], json.loads(dutch.body)["text"]
    assert english_text != dutch_text
    assert json.loads(early.body)["text"] == dutch_text


def test_the_log_has_the_traceback_and_a_slack_refusal_only_a_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO, logger="handlers.errors"):
        asyncio.run(handle_error(RuntimeError(SECRET), {"command": "/x"}, a_context(), None))
        asyncio.run(handle_error(slack_says("is_archived"), {"command": "/x"}, a_context(), None))
    failed, refused = caplog.records
    assert failed.levelno == logging.ERROR and failed.exc_info is not None
    assert "1a2b-7" in failed.getMessage()
    assert refused.levelno == logging.INFO and refused.exc_info is None
    assert "is_archived" in refused.getMessage()
