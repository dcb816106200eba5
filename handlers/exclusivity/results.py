"""What a move on a quote led to, and how it reaches Slack: a reply in the thread, the quote
message brought up to date, or a word to the one who moved only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from handlers.blocks import permissions as permission_blocks
from handlers.context import deps, tr
from handlers.private import tell_privately
from storage import exclusivity
from storage.db import session_scope
from storage.models import ExclusivityQuote


@dataclass(frozen=True)
class MoveResult:
    """What a move led to, for the thread and the quote message."""

    reply: dict[str, Any] | None
    parent: dict[str, Any] | None  # the updated quote message (chat.update)
    channel_id: str
    thread_ts: str | None
    approval_request_id: int | None = None  # an approval to post once committed
    tell: dict[str, Any] | None = None  # only the one who moved sees it (nothing changed)


async def deliver(
    context: AsyncBoltContext, client: AsyncWebClient, result: MoveResult, user_id: str
) -> None:
    """Post the reply in the thread and bring the quote message up to date; or tell only
    the one who moved why nothing changed."""
    if result.tell is not None:
        await tell_privately(
            context,
            client,
            result.tell,
            result.channel_id,
            user_id=user_id,
            thread_ts=result.thread_ts,
        )
    if result.reply is not None:
        await client.chat_postMessage(
            channel=result.channel_id, thread_ts=result.thread_ts, **result.reply
        )
    if result.parent is not None and result.thread_ts:
        await client.chat_update(channel=result.channel_id, ts=result.thread_ts, **result.parent)


async def act_on_claimed_quote(
    context: AsyncBoltContext,
    client: AsyncWebClient,
    quote_id: int,
    version: int | None,
    user_id: str,
    act: Callable[[Session, ExclusivityQuote], MoveResult],
    *,
    closed_too: bool = False,
) -> MoveResult | None:
    """Lock the quote (at the version its button was shown with), `act` on it and deliver what
    that led to; a click on an outdated message, or a repeat, is answered to the clicker only.

    `closed_too`: act on a closed quote as well (a typed reply to it is answered in its thread).
    """
    with session_scope(deps(context).engine, immediate=True) as session:
        claim = exclusivity.claim_quote(
            session=session, team_id=context.team_id, quote_id=quote_id, version=version
        )
        if claim.quote is None:
            return None
        if claim.code == "claimed" or closed_too:
            result = act(session, claim.quote)
        else:
            result = stale(context, claim)
    await deliver(context, client, result, user_id)
    return result


def stale(context: AsyncBoltContext, claim: exclusivity.Claim) -> MoveResult:
    """A click on an outdated quote message, or a repeat: only the clicker hears it."""
    quote = claim.quote
    tell = permission_blocks.build_stale_click(tr(context), claim.code, quote.status)
    return MoveResult(None, None, quote.channel_id, quote.thread_ts, tell=tell)


@dataclass(frozen=True)
class QuoteClick:
    """A click on a quote message's button: which button, on which quote, shown at which
    version (None: a message from before versions)."""

    action_id: str
    quote_id: int
    version: int | None


def clicked_quote(body: dict[str, Any]) -> QuoteClick | None:
    """The quote button clicked, from its value "<quote id>:<version>" (None when the value
    is no quote's)."""
    action = body["actions"][0]
    quote_id, _, version = str(action.get("value") or "").partition(":")
    if not quote_id.isdigit() or (version and not version.isdigit()):
        return None
    return QuoteClick(action["action_id"], int(quote_id), int(version) if version else None)
