"""The lever buttons on a quote message: each stands for a move, priced from the quote's
current levers (or answered as gone when the terms moved on)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from slack_bolt.context.async_context import AsyncBoltContext
from sqlmodel import Session

from domain import intents, negotiation
from domain.durations import Duration, DurationUnit
from domain.pricing import LeverCode
from domain.values import Scope
from handlers.blocks import permissions as permission_blocks
from handlers.blocks.exclusivity.actions import (
    COMPETITORS_ACTION,
    LONG_TERM_ACTION,
    PLATFORMS_ACTION,
    SHORTEN_ACTION,
    QuoteSubject,
)
from handlers.context import now, tr
from handlers.exclusivity.deal import load_deal
from handlers.exclusivity.negotiation import apply_move, requote
from handlers.exclusivity.results import MoveResult
from storage.models import ExclusivityQuote

LEVER_ACTIONS = {
    SHORTEN_ACTION: LeverCode.SHORTEN_WINDOW,
    PLATFORMS_ACTION: LeverCode.NARROW_PLATFORMS,
    COMPETITORS_ACTION: LeverCode.COMPETITOR_LIST,
    LONG_TERM_ACTION: LeverCode.LONG_TERM,
}


def lever_move(session: Session, quote: ExclusivityQuote, code: LeverCode) -> intents.Intent | None:
    """The move a lever button stands for, from the quote's current levers."""
    deal, terms = load_deal(session, quote)
    current = negotiation.price(terms, deal.pricing)
    lever = next((lever for lever in current.levers if lever.code is code), None)
    if lever is None:
        return None
    proposed = negotiation.terms_after_lever(terms, lever)
    if code is LeverCode.SHORTEN_WINDOW:
        return intents.SetWindow(
            after=_hours_duration(proposed.after_hours),
            before=_hours_duration(proposed.before_hours) if proposed.before_hours else None,
        )
    if code is LeverCode.NARROW_PLATFORMS:
        return intents.NarrowPlatforms(platforms=proposed.platforms or frozenset())
    if code is LeverCode.COMPETITOR_LIST:
        return intents.SetScope(scope=Scope.COMPETITORS, competitors=proposed.competitors)
    return None


def _hours_duration(hours: int) -> Duration:
    return Duration(Decimal(hours), DurationUnit.HOUR)


def lever_result(
    session: Session,
    context: AsyncBoltContext,
    quote: ExclusivityQuote,
    code: LeverCode,
    user_id: str,
) -> MoveResult:
    """A lever button: the move it stands for, or why it no longer applies."""
    deal, terms = load_deal(session, quote)
    base = MoveResult(None, None, quote.channel_id, quote.thread_ts)
    if quote.status == "open" and code is LeverCode.LONG_TERM and not terms.long_term:
        subject = QuoteSubject(quote.id, deal.creator.display_name, deal.brand.name)
        return requote(
            session,
            quote,
            deal,
            terms,
            replace(terms, long_term=True),
            {"code": "long_term"},
            user_id,
            subject,
            base,
            now(context),
        )
    move = lever_move(session, quote, code) if code is not LeverCode.LONG_TERM else None
    if move is None:
        return replace(base, tell=permission_blocks.build_stale_click(tr(context), "lever_gone"))
    return apply_move(session, context, quote, move, user_id)
