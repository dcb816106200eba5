"""Answers only the acting user sees, from any surface: one way to reach them privately."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient


async def tell_privately(
    context: AsyncBoltContext,
    client: AsyncWebClient,
    message: dict[str, Any],
    channel_id: str | None = None,
    *,
    user_id: str | None = None,
    thread_ts: str | None = None,
) -> None:
    """Through response_url where there is one (a command, a button); else ephemeral in the
    channel (in its thread, for a thread reply); else, where there is no channel to be
    ephemeral in (a DM, a modal submission), a DM from the bot."""
    user = user_id or context.user_id
    content = {k: v for k, v in message.items() if k in ("text", "blocks")}
    if context.response_url:
        await context.respond(response_type="ephemeral", replace_original=False, **content)
    elif channel_id and not channel_id.startswith("D"):
        thread = {"thread_ts": thread_ts} if thread_ts else {}
        await client.chat_postEphemeral(channel=channel_id, user=user, **thread, **content)
    else:
        await client.chat_postMessage(channel=user, **content)
