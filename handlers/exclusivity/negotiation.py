"""The negotiation in a quote's thread: a move (typed or clicked) applied to the locked quote,
re-priced and answered; accepting hands over to the agreement."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import replace
from datetime import datetime
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from domain import intents, negotiation
from domain.negotiation import Terms
from handlers import talk_thread
from handlers.approval_requests import post_request
from handlers.background import after_ack
from handlers.blocks import labels
from handlers.blocks import permissions as permission_blocks
from handlers.blocks.exclusivity.actions import QuoteSubject
from handlers.blocks.exclusivity.quote import build_quote_message
from handlers.blocks.exclusivity.rounds import (
    build_not_understood,
    build_round_reply,
)
from handlers.blocks.forms import form_values
from handlers.context import now, tr
from handlers.exclusivity.agreement import agree
from handlers.exclusivity.deal import Negotiable, load_deal, terms_problem, with_brand_competitors
from handlers.exclusivity.permissions import close_refusal, exclusivity_group_members
from handlers.exclusivity.results import MoveResult, act_on_claimed_quote
from locales import translator
from storage import exclusivity
from storage.models import ExclusivityQuote


def apply_move(
    session: Session,
    context: AsyncBoltContext,
    quote: ExclusivityQuote,
    move: intents.Intent | None,
    user_id: str,
    *,
    group_members: Collection[str] = (),
) -> MoveResult:
    """Apply one move to a locked, open quote and say what it did (in the channel's language).

    Accepting and withdrawing are for those `close_refusal` allows (`group_members`: the
    exclusivity approvers' user group, from `exclusivity_group_members`); anyone else is
    told so, privately, and nothing changes.
    """
    t = translator(quote.locale)
    deal, terms = load_deal(session, quote)
    subject = QuoteSubject(quote.id, deal.creator.display_name, deal.brand.name)
    base = MoveResult(None, None, quote.channel_id, quote.thread_ts)
    if move is None:
        return replace(base, reply=build_not_understood(t))
    if quote.status != "open":
        text = t.gettext("This negotiation is closed ({status}); start a new quote.").format(
            status=labels.negotiation_status(t, quote.status)
        )
        return replace(base, reply={"text": text})
    if isinstance(move, (intents.Withdraw, intents.Accept)) and close_refusal(
        session,
        team_id=quote.team_id,
        partnership_id=quote.partnership_id,
        requested_by=quote.created_by,
        user_id=user_id,
        group_members=group_members,
    ):
        return replace(base, tell=permission_blocks.build_close_refusal(tr(context)))
    if isinstance(move, intents.Withdraw):
        quote.status = "withdrawn"
        exclusivity.record_round(
            session=session,
            quote=quote,
            user_id=user_id,
            change={"code": "withdraw"},
            now=now(context),
        )
        current = negotiation.price(terms, deal.pricing)
        text = t.gettext("<@{user}> withdrew the quote. Nothing was agreed.").format(user=user_id)
        return replace(
            base,
            reply={"text": text},
            parent=build_quote_message(
                t, subject, terms, current, ask=quote.creator_ask, status="withdrawn"
            ),
        )
    if isinstance(move, intents.Accept):
        return agree(session, context, quote, deal, terms, user_id, subject, base)
    before = terms
    change: dict[str, Any] = {"code": move.code}
    if isinstance(move, intents.CreatorAsk):
        if move.currency and move.currency != quote.currency:
            text = t.gettext("The quote is in {currency}; give the ask in {currency}.").format(
                currency=quote.currency
            )
            return replace(base, reply={"text": text})
        quote.creator_ask = move.amount
        change["ask"] = str(move.amount)
    else:
        terms = with_brand_competitors(negotiation.apply(terms, move), deal)
        problem = terms_problem(t, terms, deal)
        if problem:
            return replace(base, reply={"text": problem + " " + t.gettext("Nothing changed.")})
        change["terms"] = terms.to_json()
    return requote(
        session, quote, deal, before, terms, change, user_id, subject, base, now(context)
    )


def requote(
    session: Session,
    quote: ExclusivityQuote,
    deal: Negotiable,
    before: Terms,
    terms: Terms,
    change: dict[str, Any],
    user_id: str,
    subject: QuoteSubject,
    base: MoveResult,
    at: datetime,
) -> MoveResult:
    """Price the new terms, record the round, and answer with the gap and the advice."""
    t = translator(quote.locale)
    current = negotiation.price(terms, deal.pricing)
    quote.terms = terms.to_json()
    quote.low, quote.typical, quote.high = current.low, current.typical, current.high
    previous_rounds = len(exclusivity.rounds(session=session, quote_id=quote.id))
    exclusivity.record_round(session=session, quote=quote, user_id=user_id, change=change, now=at)
    gap = negotiation.gap(quote.creator_ask, current) if quote.creator_ask is not None else None
    notes = negotiation.guidance(before, terms, deal.pricing.difficulty, previous_rounds + 1)
    return replace(
        base,
        reply=build_round_reply(t, terms, current, gap=gap, notes=notes),
        parent=build_quote_message(
            t, replace(subject, version=quote.version), terms, current, ask=quote.creator_ask
        ),
    )


async def run_move(
    context: AsyncBoltContext,
    client: AsyncWebClient,
    quote_id: int,
    move: intents.Intent | None,
    user_id: str,
    *,
    version: int | None = None,
) -> None:
    """Apply a move from a button (`version`: the one it was shown with) or a typed reply."""
    closing = isinstance(move, (intents.Accept, intents.Withdraw))
    members = await exclusivity_group_members(context, client) if closing else ()
    result = await act_on_claimed_quote(
        context,
        client,
        quote_id,
        version,
        user_id,
        lambda session, quote: apply_move(
            session, context, quote, move, user_id, group_members=members
        ),
        # A typed reply to a closed quote is answered in its thread, as before.
        closed_too=version is None,
    )
    if result is not None and result.approval_request_id is not None:
        await post_request(context, client, result.approval_request_id)


# -- thread replies ------------------------------------------------------------------------------
async def is_thread_reply(event: dict[str, Any]) -> bool:
    return (
        bool(event.get("thread_ts"))
        and event.get("thread_ts") != event.get("ts")
        and not event.get("subtype")
        and not event.get("bot_id")
        and event.get("channel_type") != "im"
    )


async def handle_thread_reply(
    ack: AsyncAck, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """A reply in a quote's thread: understood as a move, or answered with what we understand."""
    await ack()
    quote_id = talk_thread.quote_in_thread(context, event)
    if quote_id is None:
        return  # not a negotiation thread: none of our business
    # Read by domain.reading; every move it makes still goes through run_move.
    after_ack(context, talk_thread.answer_reply(context, client, quote_id, event, run_move))


# -- the ask modal -------------------------------------------------------------------------------
async def handle_ask_submission(
    ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    t = tr(context)
    amount = intents.parse_amount((form_values(view).get("ask") or "").strip().lstrip("€"))
    if amount is None or amount <= 0:
        await ack(
            response_action="errors",
            errors={"ask": t.gettext("Type an amount, for example 400 or 1.200,50.")},
        )
        return
    await ack()
    quote_id = json.loads(view["private_metadata"])["quote_id"]
    after_ack(
        context,
        run_move(
            context, client, quote_id, intents.CreatorAsk(amount=amount), context.user_id or ""
        ),
    )
