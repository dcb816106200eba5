"""The one global error handler: a translated message for the user, the traceback in the log."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError

from handlers.blocks.common import ephemeral
from handlers.context import request_id, tr
from locales import translator

logger = logging.getLogger(__name__)

# Slack's answers that mean "the bot is not in that channel": the user can fix these.
NOT_IN_CHANNEL_ERRORS = frozenset({"not_in_channel", "channel_not_found", "is_archived"})


def user_message_for(error: Exception, context: AsyncBoltContext) -> str:
    """What to tell the user about an error, in their language, without internals."""
    t = tr(context) if context.get("partnerdesk_deps") else translator("nl")
    if isinstance(error, SlackApiError) and error.response.get("error") in NOT_IN_CHANNEL_ERRORS:
        return t.gettext(
            "I can't post in that channel. Invite me first with `/invite @Partnerdesk`, "
            "then try again."
        )
    return t.gettext(
        "Something went wrong on our side; nothing was changed. Please try again. "
        "(reference {reference})"
    ).format(reference=request_id(context))


async def handle_error(
    error: Exception,
    body: dict[str, Any],
    context: AsyncBoltContext,
    respond: AsyncRespond | None,
) -> BoltResponse:
    """Log with the request id; answer ephemerally in the way the surface allows."""
    if isinstance(error, SlackApiError) and error.response.get("error") in NOT_IN_CHANNEL_ERRORS:
        logger.info("request %s: Slack said %s", request_id(context), error.response["error"])
    else:
        logger.exception("request %s failed", request_id(context), exc_info=error)
    message = ephemeral(user_message_for(error, context))
    if body.get("command"):
        # A slash command not yet answered: the reply is the HTTP body itself.
        return BoltResponse(
            status=200, body=json.dumps(message), headers={"content-type": "application/json"}
        )
    if respond is not None and context.response_url:
        try:
            await respond(**message)
        except Exception:  # noqa: BLE001 - the user can't be told; the log already has it
            logger.warning("request %s: could not tell the user", request_id(context))
    elif context.user_id and context.channel_id and context.client is not None:
        try:
            await context.client.chat_postEphemeral(
                channel=context.channel_id, user=context.user_id, text=message["text"]
            )
        except SlackApiError:
            logger.warning("request %s: could not tell the user", request_id(context))
    return BoltResponse(status=200, body="")


def register(app: AsyncApp) -> None:
    app.error(handle_error)
