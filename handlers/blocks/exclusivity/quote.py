"""The quote message that starts a negotiation thread: the clause, the range, why, the
levers and the buttons."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.negotiation import Terms
from domain.pricing import Lever, LeverCode, LineCode, Quote
from domain.values import Platform
from handlers.blocks import labels
from handlers.blocks.common import button, context_line, escape, header, mrkdwn_section
from handlers.blocks.exclusivity.actions import (
    ACCEPT_ACTION,
    ASK_ACTION,
    COMPETITORS_ACTION,
    LONG_TERM_ACTION,
    PLATFORMS_ACTION,
    POST_ANYWAY_ACTION,
    QUOTE_CALLBACK,
    SHORTEN_ACTION,
    WITHDRAW_ACTION,
    QuoteSubject,
)
from handlers.blocks.exclusivity.terms import content_names, platform_names, terms_text
from handlers.blocks.forms import modal, text_input
from locales import N_, Translator

LEVER_BUTTONS = {
    LeverCode.SHORTEN_WINDOW: (SHORTEN_ACTION, N_("Shorten the window")),
    LeverCode.NARROW_PLATFORMS: (PLATFORMS_ACTION, N_("Fewer platforms")),
    LeverCode.COMPETITOR_LIST: (COMPETITORS_ACTION, N_("Competitor list instead")),
    LeverCode.LONG_TERM: (LONG_TERM_ACTION, N_("Long-term deal")),
}


def _breakdown_line(t: Translator, code: LineCode, f: dict[str, Any], currency: str) -> str | None:
    money = lambda value: t.money(Decimal(value), currency)  # noqa: E731
    if code is LineCode.WINDOW:
        return t.gettext("window: {days} days = {periods} periods of 30 days").format(
            days=t.number(Decimal(f["days"]).normalize()),
            periods=t.number(Decimal(f["periods"]), digits=2),
        )
    if code is LineCode.STANCE:
        return t.gettext(
            "rate card: {low}–{typical} of the base rate {base} per 30 days; full rate {high}"
        ).format(
            low=t.percent(Decimal(f["low_share"]), 1),
            typical=t.percent(Decimal(f["typical_share"]), 1),
            high=t.percent(Decimal(f["high_share"]), 1),
            base=money(f["base_rate"]),
        )
    if code is LineCode.ALLOWANCE:
        if f["free"]:
            return t.gettext(
                "up to {days} days is free on the rate card (2–7 days is normal)"
            ).format(days=t.number(Decimal(f["allowance_days"]).normalize()))
        return None
    if code is LineCode.SCOPE and Decimal(f["factor"]) != 1:
        return t.gettext("scope: ×{factor}").format(factor=t.number(Decimal(f["factor"])))
    if code is LineCode.NARROW_PLATFORMS and Decimal(f["factor"]) != 1:
        return t.gettext("platforms: {covered} of {active}, ×{factor}").format(
            covered=", ".join(labels.PLATFORM[Platform(p)] for p in f["covered"]),
            active=", ".join(labels.PLATFORM[Platform(p)] for p in f["active"]),
            factor=t.number(Decimal(f["factor"]), digits=2),
        )
    if code is LineCode.NARROW_CONTENT and Decimal(f["factor"]) != 1:
        return t.gettext("one content type only: ×{factor}").format(
            factor=t.number(Decimal(f["factor"]))
        )
    if code is LineCode.LONG_TERM and f["long_term"]:
        return t.gettext("long-term partnership: low and typical ×{factor}").format(
            factor=t.number(Decimal(f["factor"]))
        )
    if code is LineCode.MINIMUM and f["applied"]:
        return t.gettext("minimum fee {minimum} lifts the high end (full rate {full})").format(
            minimum=money(f["minimum_fee"]), full=money(f["full_rate_high"])
        )
    return None


def lever_text(t: Translator, lever: Lever, currency: str) -> str:
    changed = lever.changed
    saves = t.money(lever.saves, currency)
    match lever.code:
        case LeverCode.LONG_TERM:
            return t.gettext("Offer a long-term collaboration: saves {saves}").format(saves=saves)
        case LeverCode.SHORTEN_WINDOW:
            days = changed.window.total_days.normalize()
            return t.gettext("Shorten the window to {days} days: saves {saves}").format(
                days=t.number(days), saves=saves
            )
        case LeverCode.NARROW_PLATFORMS:
            names = platform_names(changed.platforms or ())
            return t.gettext("Only {platforms}: saves {saves}").format(platforms=names, saves=saves)
        case LeverCode.NARROW_CONTENT:
            names = content_names(t, changed.content_types or ())
            return t.gettext("Only {content}: saves {saves}").format(content=names, saves=saves)
        case LeverCode.COMPETITOR_LIST:
            return t.gettext(
                "Exclude a list of top competitors instead of the category: saves {saves}"
            ).format(saves=saves)
        case LeverCode.AMBASSADOR:
            return t.gettext(
                "Promote the creator to ambassador (costs extra): exclusivity saves {saves}"
            ).format(saves=saves)
    return lever.code.value


def quote_summary(t: Translator, quote: Quote) -> str:
    currency = quote.currency
    return t.gettext("*{typical}* recommended · range {low} – {high}").format(
        typical=t.money(quote.typical, currency),
        low=t.money(quote.low, currency),
        high=t.money(quote.high, currency),
    )


def build_quote_message(
    t: Translator,
    subject: QuoteSubject,
    terms: Terms,
    quote: Quote,
    *,
    ask: Decimal | None = None,
    status: str = "open",
) -> dict[str, Any]:
    """The thread starter: the clause, the range, why, the levers and the buttons."""
    currency = quote.currency
    title = t.gettext("Exclusivity quote: {creator} · {brand}").format(
        creator=subject.creator_name, brand=subject.brand_name
    )
    breakdown = [
        line
        for line in (_breakdown_line(t, b.code, dict(b.figures), currency) for b in quote.breakdown)
        if line
    ]
    blocks: list[dict[str, Any]] = [
        header(title),
        mrkdwn_section(escape(terms_text(t, terms)), block_id="terms"),
        mrkdwn_section(quote_summary(t, quote), block_id="price"),
    ]
    if ask is not None:
        blocks.append(
            mrkdwn_section(
                t.gettext("*Creator's ask:* {ask}").format(ask=t.money(ask, currency)),
                block_id="ask",
            )
        )
    if breakdown:
        blocks.append(
            mrkdwn_section(
                t.gettext("*Why*") + "\n" + "\n".join(f"• {line}" for line in breakdown),
                block_id="why",
            )
        )
    if quote.levers:
        blocks.append(
            mrkdwn_section(
                t.gettext("*Levers*")
                + "\n"
                + "\n".join(f"• {lever_text(t, lever, currency)}" for lever in quote.levers),
                block_id="levers",
            )
        )
    if status == "open":
        value = subject.value
        elements = [
            button(t.gettext(text), action, value)
            for lever_code, (action, text) in LEVER_BUTTONS.items()
            if any(lever.code is lever_code for lever in quote.levers)
        ]
        elements += [
            button(t.gettext("Enter the creator's ask"), ASK_ACTION, value),
            button(t.gettext("Accept"), ACCEPT_ACTION, value, style="primary"),
            button(t.gettext("Withdraw"), WITHDRAW_ACTION, value, style="danger"),
        ]
        blocks.append({"type": "actions", "block_id": "negotiate", "elements": elements})
        blocks.append(
            context_line(
                t.gettext(
                    "Reply in this thread to negotiate: “make it 14 days”, “only TikTok”, "
                    "“she asks 400”, “deal”."
                )
            )
        )
    else:
        closed = {
            "agreed": t.gettext("✅ Agreed"),
            "withdrawn": t.gettext("Withdrawn"),
        }.get(status) or labels.negotiation_status(t, status)
        blocks.append(context_line(closed))
    # The header is plain text; the fallback is mrkdwn (Slack notifies with it): escaped.
    text = escape(title) + ": " + t.money(quote.typical, currency)
    return {"text": text, "blocks": blocks}


def build_shared_channel_warning(t: Translator, command_text: str) -> dict[str, Any]:
    """Before a quote goes into a Slack Connect channel: a warning, and a button that posts
    it anyway (carrying the command as typed)."""
    warning = t.gettext(
        "This channel is shared with another organisation (Slack Connect): the creator "
        "or their agency may read the quote and our reasoning. Post it anyway?"
    )
    return {
        "text": warning,
        "blocks": [
            mrkdwn_section("⚠️ " + warning),
            {
                "type": "actions",
                "block_id": "post_anyway",
                "elements": [
                    button(
                        t.gettext("Post anyway"),
                        POST_ANYWAY_ACTION,
                        command_text[:2000],
                        style="danger",
                    )
                ],
            },
        ],
    }


def build_quote_modal(t: Translator, metadata: dict[str, Any]) -> dict[str, Any]:
    """`/exclusivity quote` without a creator: a form for the creator and the terms."""
    fields = [
        text_input("creator", t.gettext("Creator"), optional=False),
        text_input(
            "terms",
            t.gettext("Terms"),
            hint=t.gettext(
                "Optional, as after the name in the command: "
                "category 30d before 24h on instagram only stories"
            ),
        ),
    ]
    return modal(t, QUOTE_CALLBACK, t.gettext("Exclusivity quote"), fields, metadata)
