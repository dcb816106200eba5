"""Replies in a negotiation thread: the new terms and price after a move, the gap to the
creator's ask, the seed's advice, and what we understand when a reply is no move."""

from __future__ import annotations

from typing import Any

from domain.negotiation import Gap, GapKind, Guidance, Terms
from domain.pricing import Quote
from handlers.blocks.common import escape, mrkdwn_section
from handlers.blocks.exclusivity.actions import ASK_CALLBACK
from handlers.blocks.exclusivity.quote import lever_text, quote_summary
from handlers.blocks.exclusivity.terms import terms_text
from handlers.blocks.forms import modal, text_input
from locales import N_, Translator

GUIDANCE = {
    Guidance.RAISE_STRICT_TERMS_EARLY: N_(
        "Strict terms are best raised early, in the first reply; raising them late costs trust."
    ),
    Guidance.MINIMUM_CATEGORY_WINDOW: N_(
        "1–2 days is the minimum reasonable category exclusivity, even in fashion and beauty."
    ),
    Guidance.LONG_WINDOW_HARD_CATEGORY: N_(
        "Long windows are unrealistic in fashion and beauty: the creator turns down income "
        "for the whole window."
    ),
    Guidance.AMBASSADOR_COSTS_EXTRA: N_(
        "Recurring work makes exclusivity comfortable, but promoting the creator to "
        "ambassador costs extra beyond the exclusivity."
    ),
}


def build_round_reply(
    t: Translator,
    terms: Terms,
    quote: Quote,
    *,
    gap: Gap | None,
    notes: tuple[Guidance, ...],
) -> dict[str, Any]:
    """A reply in the thread after a move: the new terms and price, the gap, the advice."""
    currency = quote.currency
    lines = [escape(terms_text(t, terms)), quote_summary(t, quote)]
    if gap is not None:
        lines.append(gap_text(t, gap, currency))
    lines += ["💡 " + t.gettext(GUIDANCE[note]) for note in notes]
    text = "\n".join(lines)
    return {"text": text, "blocks": [mrkdwn_section(text[:3000])]}


def gap_text(t: Translator, gap: Gap, currency: str) -> str:
    ask = t.money(gap.ask, currency)
    if gap.kind is GapKind.AT_OR_BELOW_LOW:
        return t.gettext("The ask of {ask} is at or under the low end: a good deal.").format(
            ask=ask
        )
    if gap.kind is GapKind.WITHIN_RANGE:
        return t.gettext(
            "The ask of {ask} is within the range, under the recommendation: fair to accept."
        ).format(ask=ask)
    difference = t.money(gap.difference, currency)
    text = (
        t.gettext(
            "The ask of {ask} is above even the full rate, {difference} over the recommendation."
        )
        if gap.kind is GapKind.ABOVE_HIGH
        else t.gettext("The ask of {ask} is {difference} over the recommendation.")
    ).format(ask=ask, difference=difference)
    if gap.lever is not None:
        proposal = lever_text(t, gap.lever, currency)
        text += "\n" + (
            t.gettext("Cheapest way to close the gap for the creator: {proposal}.")
            if gap.closes
            else t.gettext("No single lever closes it; the one that narrows it most: {proposal}.")
        ).format(proposal=proposal)
    return text


def build_not_understood(t: Translator) -> dict[str, Any]:
    text = t.gettext(
        "I didn't understand that as a move, so nothing changed. I understand: a window "
        "(“make it 14 days”, “48h”), a pre-window (“24h before”), platforms (“only TikTok”), "
        "content (“stories only”), scope (“full exclusivity”, “just competitors Nike, "
        "Adidas”), the creator's ask (“she asks 400”), “deal” and “withdraw”."
    )
    return {"text": text, "blocks": [mrkdwn_section(text)]}


def build_ask_modal(t: Translator, quote_id: int) -> dict[str, Any]:
    """A small form for the creator's ask."""
    return modal(
        t,
        ASK_CALLBACK,
        t.gettext("Creator's ask"),
        [
            text_input(
                "ask",
                t.gettext("What does the creator ask?"),
                optional=False,
                hint=t.gettext("An amount, for example 400 or 1.200,50"),
            )
        ],
        # The ask is no change of terms: it is applied to whatever the terms are by then.
        {"quote_id": quote_id},
    )
