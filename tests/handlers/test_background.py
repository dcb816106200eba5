"""Work after the ack: it runs once the handler has returned, and when it fails the user is
told (through the response_url, or by DM from a modal) while the log keeps the cause."""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace
from typing import Any

import pytest
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError

from handlers.background import after_ack
from handlers.context import REQUEST_ID


class Told:
    """Whatever reaches the user, by respond() or by a DM; `arrived` is set on the first."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, dict[str, Any]]] = []
        self.arrived = asyncio.Event()

    async def respond(self, **message: Any) -> None:
        self.messages.append(("respond", message))
        self.arrived.set()

    async def chat_postMessage(self, **message: Any) -> None:  # noqa: N802 - slack_sdk's name
        self.messages.append(("chat.postMessage", message))
        self.arrived.set()


def a_context(told: Told, response_url: str | None) -> AsyncBoltContext:
    context = AsyncBoltContext(user_id="U0SANNE1", response_url=response_url, client=told)
    context["respond"] = told.respond
    context[REQUEST_ID] = "1a2b-9"
    context["partnerdesk_deps"] = SimpleNamespace(default_locale="en")
    return context


def test_the_work_runs_after_the_handler_has_returned() -> None:
    order: list[str] = []

    async def handler() -> None:
        done = asyncio.Event()

        async def work() -> None:
            order.append("work")
            done.set()

        after_ack(a_context(Told(), None), work())
        order.append("ack")
        await asyncio.wait_for(done.wait(), timeout=5)

    asyncio.run(handler())
    assert order == ["ack", "work"]


def run_failing(error: Exception, response_url: str | None) -> Told:
    async def scenario() -> Told:
        told = Told()

        async def work() -> None:
            raise error

        after_ack(a_context(told, response_url), work())
        await asyncio.wait_for(told.arrived.wait(), timeout=5)
        return told

    return asyncio.run(scenario())


def test_a_failure_is_told_through_the_response_url_without_replacing_the_message() -> None:
    told = run_failing(RuntimeError("boom in storage"), "https://hooks.slack.test/actions/1")
    ((how, message),) = told.messages
    assert how == "respond"
    assert message["response_type"] == "ephemeral" and message["replace_original"] is False
    assert "1a2b-9" in message["text"] and "boom" not in message["text"]


def test_a_failure_after_a_modal_is_told_by_dm() -> None:
    told = run_failing(RuntimeError("boom"), None)
    ((how, message),) = told.messages
    assert (how, message["channel"]) == ("chat.postMessage", "U0SANNE1")
    assert "1a2b-9" in message["text"]


def test_a_channel_the_bot_is_not_in_is_explained_and_logged_as_info(
    caplog: pytest.LogCaptureFixture,
) -> None:
    error = SlackApiError("not_in_channel", {"ok": False, "error": "not_in_channel"})
    with caplog.at_level(logging.INFO, logger="handlers.background"):
        told = run_failing(error, "https://hooks.slack.test/actions/1")
    assert "/invite @Partnerdesk" in told.messages[0][1]["text"]
    assert [record.levelno for record in caplog.records] == [logging.INFO]
