"""Work that runs after the ack: what Bolt's lazy listeners do, callable from any handler.

With `process_before_response=True` the HTTP response waits for the listener; anything that
calls Slack (opening a modal, posting in a channel) is scheduled here instead, so the ack
goes back at once. A failure is logged with the request id and told to the user.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError

from handlers.blocks.common import ephemeral
from handlers.context import request_id
from handlers.errors import NOT_IN_CHANNEL_ERRORS, user_message_for

logger = logging.getLogger(__name__)

# Strong references: the event loop keeps only weak ones to running tasks.
_running: set[asyncio.Task[None]] = set()


def after_ack(context: AsyncBoltContext, work: Coroutine[Any, Any, None]) -> None:
    """Run `work` once the ack has gone back; report a failure to the user."""
    task = asyncio.ensure_future(_guarded(context, work))
    _running.add(task)
    task.add_done_callback(_running.discard)


async def _guarded(context: AsyncBoltContext, work: Coroutine[Any, Any, None]) -> None:
    try:
        await work
    except Exception as error:  # noqa: BLE001 - the last place that can tell the user
        expected = (
            isinstance(error, SlackApiError)
            and error.response.get("error") in NOT_IN_CHANNEL_ERRORS
        )
        if expected:
            logger.info("request %s: Slack said %s", request_id(context), error.response["error"])
        else:
            logger.exception("request %s: work after the ack failed", request_id(context))
        await _tell_user(context, user_message_for(error, context))


async def _tell_user(context: AsyncBoltContext, text: str) -> None:
    try:
        if context.response_url:
            await context.respond(**ephemeral(text), replace_original=False)
        elif context.user_id and context.client is not None:
            # No response_url (a modal submission): a DM always reaches the user.
            await context.client.chat_postMessage(channel=context.user_id, text=text)
    except Exception:  # noqa: BLE001 - nothing more we can do; the log has the cause
        logger.warning("request %s: could not tell the user", request_id(context))
