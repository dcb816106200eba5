"""The deal a quote is for, loaded from storage, and why its terms can't be quoted, in words."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from domain import deal as deal_rules
from domain.deal import TermsProblemCode
from domain.negotiation import Pricing, Terms
from handlers.blocks.common import escape
from handlers.blocks.exclusivity.terms import hours_text
from locales import Translator
from storage import creators
from storage.models import Brand, Creator, ExclusivityQuote, Partnership


@dataclass(frozen=True)
class Negotiable:
    """Everything needed to price a partnership's exclusivity."""

    creator: Creator
    brand: Brand
    partnership: Partnership
    pricing: Pricing

    @property
    def partnership_days(self) -> int | None:
        return deal_rules.partnership_days(self.partnership.start_date, self.partnership.end_date)

    @property
    def brand_competitors(self) -> tuple[str, ...]:
        return tuple(self.brand.competitors or ())


def pricing_of(creator: Creator, brand: Brand) -> Pricing:
    return deal_rules.pricing_inputs(
        base_rate=creator.base_rate,
        currency=creator.currency,
        difficulty=brand.difficulty,
        platforms=creator.platforms,
        overrides=brand.pricing_overrides,
    )


def negotiable(session: Session, creator: Creator, brand: Brand | None) -> Negotiable | str:
    """The partnership to quote for (with the named brand, else the current one), or why not."""
    partnership = creators.current_partnership(
        session=session,
        team_id=creator.team_id,
        creator_id=creator.id,
        brand_id=brand.id if brand else None,
    )
    if partnership is None:
        return "no_partnership"
    brand = brand or session.get(Brand, partnership.brand_id)
    return Negotiable(creator, brand, partnership, pricing_of(creator, brand))


def load_deal(session: Session, quote: ExclusivityQuote) -> tuple[Negotiable, Terms]:
    """The deal a stored quote is for, and the terms on the table."""
    partnership = session.get(Partnership, quote.partnership_id)
    creator = session.get(Creator, partnership.creator_id)
    brand = session.get(Brand, partnership.brand_id)
    deal = Negotiable(creator, brand, partnership, pricing_of(creator, brand))
    return deal, Terms.from_json(quote.terms)


def terms_problem(t: Translator, terms: Terms, deal: Negotiable) -> str | None:
    """Why these terms can't be quoted for this partnership, in words (None when they can)."""
    problem = deal_rules.terms_problem(
        terms,
        deal.pricing,
        partnership_days=deal.partnership_days,
        brand_competitors=deal.brand_competitors,
    )
    if problem is None:
        return None
    match problem.code:
        case TermsProblemCode.NO_LENGTH:
            return t.gettext("A window needs a length, for example 48h or 14d.")
        case TermsProblemCode.LONGER_THAN_PARTNERSHIP:
            return t.gettext(
                "That window ({window}) is longer than the partnership itself ({days} days)."
            ).format(window=hours_text(t, problem.total_hours), days=problem.partnership_days)
        case TermsProblemCode.PLATFORMS_NOT_ACTIVE:
            return t.gettext("{creator} is not active on {platforms}.").format(
                creator=escape(deal.creator.display_name),
                platforms=", ".join(p.value for p in problem.missing_platforms),
            )
    return t.gettext("Name the competitors (`competitors Nike, Adidas`), or add them to the brand.")


def with_brand_competitors(terms: Terms, deal: Negotiable) -> Terms:
    return deal_rules.with_brand_competitors(terms, deal.brand_competitors)
