"""Exclusivity quotes, negotiation replies, the agreed clause, checks and lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.negotiation import Gap, GapKind, Guidance, Terms
from domain.pricing import Lever, LeverCode, LineCode, Quote
from domain.values import ContentType, Platform, Scope
from handlers.blocks import labels
from handlers.blocks.common import (
    button,
    context_line,
    escape,
    escape_within,
    header,
    mrkdwn_section,
)
from locales import N_, Translator

# One action per button; the value is "<quote id>:<version>" (QuoteSubject.value).
SHORTEN_ACTION = "excl_shorten"
PLATFORMS_ACTION = "excl_platforms"
COMPETITORS_ACTION = "excl_competitors"
LONG_TERM_ACTION = "excl_long_term"
ASK_ACTION = "excl_ask"
ACCEPT_ACTION = "excl_accept"
WITHDRAW_ACTION = "excl_withdraw"
WINDOW_WITHDRAW_ACTION = "excl_window_withdraw"
POST_ANYWAY_ACTION = "excl_post_anyway"
ASK_CALLBACK = "excl_ask_form"
QUOTE_CALLBACK = "excl_quote_form"

LEVER_BUTTONS = {
    LeverCode.SHORTEN_WINDOW: (SHORTEN_ACTION, N_("Shorten the window")),
    LeverCode.NARROW_PLATFORMS: (PLATFORMS_ACTION, N_("Fewer platforms")),
    LeverCode.COMPETITOR_LIST: (COMPETITORS_ACTION, N_("Competitor list instead")),
    LeverCode.LONG_TERM: (LONG_TERM_ACTION, N_("Long-term deal")),
}
SCOPE = {
    Scope.FULL: N_("full exclusivity (no sponsored content at all)"),
    Scope.CATEGORY: N_("category exclusivity (no similar products or competitors)"),
    Scope.COMPETITORS: N_("a competitor list"),
}
CONTENT = {
    ContentType.STORIES: N_("Stories"),
    ContentType.POSTS: N_("posts"),
    ContentType.REELS: N_("Reels"),
    ContentType.VIDEOS: N_("videos"),
    ContentType.SHORTS: N_("Shorts"),
}
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


@dataclass(frozen=True)
class QuoteSubject:
    quote_id: int
    creator_name: str
    brand_name: str
    version: int = 1  # the quote's version these buttons were shown with

    @property
    def value(self) -> str:
        """The buttons' value, "<quote id>:<version>": a click on an outdated message is
        recognised (storage.exclusivity.claim_quote)."""
        return f"{self.quote_id}:{self.version}"


def hours_text(t: Translator, hours: int) -> str:
    """48 -> "48 hours"; 336 -> "14 days"; 720 -> "30 days"."""
    if hours % 24:
        return t.ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    days = hours // 24
    return t.ngettext("{n} day", "{n} days", days).format(n=days)


def terms_text(t: Translator, terms: Terms) -> str:
    """The clause in one line: scope, window, platforms, content.

    Plain text, competitors as typed: it is stored as an approval's subject, so callers that
    put it in mrkdwn escape it (once, at render).
    """
    scope = t.gettext(SCOPE[terms.scope])
    if terms.scope is Scope.COMPETITORS and terms.competitors:
        scope += " (" + ", ".join(terms.competitors) + ")"
    window = t.gettext("{after} after go-live").format(after=hours_text(t, terms.after_hours))
    if terms.before_hours:
        window = t.gettext("{before} before and {after} after go-live").format(
            before=hours_text(t, terms.before_hours), after=hours_text(t, terms.after_hours)
        )
    platforms = (
        ", ".join(labels.PLATFORM[p] for p in sorted(terms.platforms))
        if terms.platforms
        else t.gettext("all platforms")
    )
    content = (
        ", ".join(t.gettext(CONTENT[c]) for c in sorted(terms.content_types))
        if terms.content_types
        else t.gettext("all content")
    )
    parts = [scope, window, platforms, content]
    if terms.long_term:
        parts.append(t.gettext("long-term partnership"))
    return " · ".join(parts)


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
            names = ", ".join(labels.PLATFORM[p] for p in sorted(changed.platforms or ()))
            return t.gettext("Only {platforms}: saves {saves}").format(platforms=names, saves=saves)
        case LeverCode.NARROW_CONTENT:
            names = ", ".join(t.gettext(CONTENT[c]) for c in sorted(changed.content_types or ()))
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


@dataclass(frozen=True)
class ClauseFacts:
    creator: str
    brand: str
    terms: Terms
    starts_at: datetime
    ends_at: datetime
    covers_other_accounts: bool
    covers_pr_packages: bool
    price: Decimal
    currency: str


def clause_text(t: Translator, facts: ClauseFacts) -> str:
    """The contract clause, from the translated template (modelled on the seed's sample).

    Plain text with the names as typed (people copy it into a contract); `build_agreement`
    escapes it for mrkdwn.
    """
    terms = facts.terms
    if terms.scope is Scope.FULL:
        excluded = t.gettext("any sponsored content")
    elif terms.scope is Scope.COMPETITORS:
        excluded = t.gettext("sponsored content for {competitors}").format(
            competitors=", ".join(terms.competitors)
        )
    else:
        excluded = t.gettext(
            "sponsored content for products similar to {brand}'s or its competitors"
        ).format(brand=facts.brand)
    platforms = (
        ", ".join(labels.PLATFORM[p] for p in sorted(terms.platforms))
        if terms.platforms
        else t.gettext("all platforms")
    )
    content = (
        ", ".join(t.gettext(CONTENT[c]) for c in sorted(terms.content_types))
        if terms.content_types
        else t.gettext("all content types")
    )
    accounts = (
        t.gettext("also covers the Influencer's other social accounts")
        if facts.covers_other_accounts
        else t.gettext("covers only the accounts used for the collaboration")
    )
    pr = (
        t.gettext("Competitors' PR packages count as sponsored content.")
        if facts.covers_pr_packages
        else t.gettext("Competitors' PR packages do not count as sponsored content.")
    )
    return t.gettext(
        "2. Exclusivity. 2.1 The collaboration between {creator} (the Influencer) and {brand} "
        "(the Advertiser) is exclusive: the Influencer agrees not to publish {excluded} from "
        "{before} before to {after} after go-live ({start} – {end}), on {platforms} ({content}). "
        "2.2 This exclusivity {accounts}. {pr} 2.3 The Advertiser pays {price} for this "
        "exclusivity."
    ).format(
        creator=facts.creator,
        brand=facts.brand,
        excluded=excluded,
        before=hours_text(t, terms.before_hours),
        after=hours_text(t, terms.after_hours),
        start=t.datetime(facts.starts_at, "d MMM y HH:mm"),
        end=t.datetime(facts.ends_at, "d MMM y HH:mm"),
        platforms=platforms,
        content=content,
        accounts=accounts,
        pr=pr,
        price=t.money(facts.price, facts.currency),
    )


def build_agreement(
    t: Translator,
    clause_en: str,
    clause_nl: str,
    *,
    window_id: int,
    awaiting_approval: bool,
    price: str,
) -> dict[str, Any]:
    head = (
        t.gettext("Agreed at {price}; the brand requires approval, so the window awaits it.")
        if awaiting_approval
        else t.gettext("Agreed at {price}. The exclusivity window is recorded.")
    ).format(price=price)
    blocks = [
        mrkdwn_section("✅ " + head),
        mrkdwn_section("*English*\n" + escape_within(clause_en, 2900)),
        mrkdwn_section("*Nederlands*\n" + escape_within(clause_nl, 2900)),
        {
            "type": "actions",
            "block_id": "window",
            "elements": [
                button(
                    t.gettext("Withdraw the window"),
                    WINDOW_WITHDRAW_ACTION,
                    str(window_id),
                    style="danger",
                )
            ],
        },
    ]
    return {"text": head, "blocks": blocks}


def window_line(
    t: Translator,
    creator: str,
    brand: str,
    terms: Terms,
    starts_at: datetime,
    ends_at: datetime,
    status: str,
) -> str:
    line = t.gettext("*{creator}* · {brand}: {terms}, {start} – {end}").format(
        creator=escape(creator),
        brand=escape(brand),
        terms=escape(terms_text(t, terms)),
        start=t.datetime(starts_at, "d MMM HH:mm"),
        end=t.datetime(ends_at, "d MMM HH:mm"),
    )
    if status == "awaiting_approval":
        line += " " + t.gettext("(awaiting approval)")
    return line
