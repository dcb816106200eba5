"""Answers only the acting user sees, from any surface: one way to reach them privately, and
the confirmation of a saved form."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from handlers.background import after_ack


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


async def confirm_form_saved(
    ack: AsyncAck,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    channel_id: str | None,
    text: str,
) -> None:
    """A form (brand, creator, KPIs) saved: the ack closes its modal, then `text` says what was
    saved, ephemeral in the channel the form was opened from, else addressed to the user's id.

    Not `tell_privately`: a modal submission has no response_url, and without a channel that
    would post a DM that stays; the confirmation is ephemeral wherever it goes."""
    await ack()
    after_ack(
        context,
        client.chat_postEphemeral(
            channel=channel_id or context.user_id, user=context.user_id, text=text
        ),
    )
