"""Direct messages and @-mentions: a short help (once per event: see handlers.context)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from handlers.background import after_ack
from handlers.blocks.help import build_short_help
from handlers.context import tr

logger = logging.getLogger(__name__)


async def handle_help_request(
    ack: AsyncAck, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Answer a DM or a mention with the short help, in the thread it came from if any."""
    await ack()
    if event.get("subtype") or event.get("bot_id"):
        return  # edits, joins and other bots' messages are not questions to us
    message = build_short_help(tr(context))
    thread_ts = event.get("thread_ts") if event.get("type") == "app_mention" else None
    after_ack(
        context, client.chat_postMessage(channel=event["channel"], thread_ts=thread_ts, **message)
    )


async def is_direct_message(event: dict[str, Any]) -> bool:
    return event.get("channel_type") == "im"


async def ignore(ack: AsyncAck) -> None:
    """Messages nobody asked us about: acknowledged, nothing else."""
    await ack()


def register_fallbacks(app: AsyncApp) -> None:
    """Registered last, so that every more specific message listener is tried first."""
    app.event("message")(ignore)


def register(app: AsyncApp) -> None:
    app.event("app_mention")(handle_help_request)
    app.event("message", matchers=[is_direct_message])(handle_help_request)
