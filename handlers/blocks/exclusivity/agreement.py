"""The agreement: the contract clause in English and Dutch, and the button that withdraws
its window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.negotiation import Terms
from domain.values import Scope
from handlers.blocks.common import button, escape_within, mrkdwn_section
from handlers.blocks.exclusivity.actions import WINDOW_WITHDRAW_ACTION
from handlers.blocks.exclusivity.terms import content_names, hours_text, platform_names
from locales import Translator


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
    platforms = platform_names(terms.platforms) if terms.platforms else t.gettext("all platforms")
    content = (
        content_names(t, terms.content_types)
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
    no_approvers: bool = False,
) -> dict[str, Any]:
    """The agreement in the thread: the head, the clause in both languages, the button that
    withdraws the window (and a warning when it awaits an approval nobody can give)."""
    head = (
        t.gettext("Agreed at {price}; the brand requires approval, so the window awaits it.")
        if awaiting_approval
        else t.gettext("Agreed at {price}. The exclusivity window is recorded.")
    ).format(price=price)
    blocks = [mrkdwn_section("✅ " + head)]
    if awaiting_approval and no_approvers:
        warning = t.gettext(
            "Nobody approves exclusivity yet: choose approvers with `/creator settings`."
        )
        blocks.append(mrkdwn_section("⚠️ " + warning))
    blocks += [
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
