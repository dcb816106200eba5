"""handlers.private: an answer only the acting user sees reaches them privately from every
surface: by response_url, ephemeral in the channel (in its thread), or a DM where neither
exists. Never a public post in a channel."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from handlers.private import tell_privately

MESSAGE = {"text": "Only for you", "blocks": [], "response_type": "ephemeral"}


class RecordingClient:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    async def chat_postEphemeral(self, **kwargs: Any) -> None:  # noqa: N802 - slack_sdk's name
        self.calls.append(("chat.postEphemeral", kwargs))

    async def chat_postMessage(self, **kwargs: Any) -> None:  # noqa: N802 - slack_sdk's name
        self.calls.append(("chat.postMessage", kwargs))


def _context(response_url: str | None = None) -> tuple[AsyncBoltContext, list[dict[str, Any]]]:
    responded: list[dict[str, Any]] = []

    async def respond(**kwargs: Any) -> None:
        responded.append(kwargs)

    context = AsyncBoltContext(user_id="U0SANNE1", response_url=response_url)
    context["respond"] = respond
    return context, responded


def test_a_command_or_button_answers_through_its_response_url() -> None:
    context, responded = _context("https://hooks.slack.test/commands/1")
    client = RecordingClient()
    asyncio.run(tell_privately(context, client, MESSAGE, "C0GENERAL"))
    assert responded == [
        {
            "response_type": "ephemeral",
            "replace_original": False,
            "text": "Only for you",
            "blocks": [],
        }
    ]
    assert client.calls == []


def test_a_thread_reply_is_answered_ephemerally_in_its_thread() -> None:
    context, responded = _context()
    client = RecordingClient()
    asyncio.run(
        tell_privately(context, client, MESSAGE, "C0GENERAL", thread_ts="1700000000.000100")
    )
    assert responded == []
    assert client.calls == [
        (
            "chat.postEphemeral",
            {
                "channel": "C0GENERAL",
                "user": "U0SANNE1",
                "thread_ts": "1700000000.000100",
                "text": "Only for you",
                "blocks": [],
            },
        )
    ]


def test_without_a_channel_to_be_ephemeral_in_the_bot_writes_a_dm() -> None:
    for channel in (None, "D0DIRECT1"):  # a modal submission; a DM
        context, _ = _context()
        client = RecordingClient()
        asyncio.run(tell_privately(context, client, MESSAGE, channel, user_id="U0LOU0001"))
        assert client.calls == [
            ("chat.postMessage", {"channel": "U0LOU0001", "text": "Only for you", "blocks": []})
        ]
