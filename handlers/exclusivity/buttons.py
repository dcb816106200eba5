"""The buttons on a quote message: levers, the creator's ask, accept and withdraw."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from domain import intents
from handlers.background import after_ack
from handlers.blocks.exclusivity.actions import ACCEPT_ACTION, ASK_ACTION, WITHDRAW_ACTION
from handlers.blocks.exclusivity.rounds import build_ask_modal
from handlers.context import tr
from handlers.exclusivity.levers import LEVER_ACTIONS, lever_result
from handlers.exclusivity.negotiation import run_move
from handlers.exclusivity.results import act_on_claimed_quote, clicked_quote

QUOTE_BUTTONS = (*LEVER_ACTIONS, ASK_ACTION, ACCEPT_ACTION, WITHDRAW_ACTION)


async def handle_quote_button(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """A lever is applied to the quote as it is now (if it still applies); the ask opens a
    small modal; Accept and Withdraw are the same moves as typing "deal" or "withdraw"."""
    await ack()
    click = clicked_quote(body)
    if click is None:
        return
    user_id = body["user"]["id"]
    work: Coroutine[Any, Any, Any]
    if click.action_id in LEVER_ACTIONS:
        code = LEVER_ACTIONS[click.action_id]
        work = act_on_claimed_quote(
            context,
            client,
            click.quote_id,
            click.version,
            user_id,
            lambda session, quote: lever_result(session, context, quote, code, user_id),
        )
    elif click.action_id == ASK_ACTION:
        view = build_ask_modal(tr(context), click.quote_id)
        work = client.views_open(trigger_id=body["trigger_id"], view=view)
    else:
        move = intents.Accept() if click.action_id == ACCEPT_ACTION else intents.Withdraw()
        work = run_move(context, client, click.quote_id, move, user_id, version=click.version)
    after_ack(context, work)
