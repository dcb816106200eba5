"""`/exclusivity`: quote, negotiate in the thread, agree, check and list windows."""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from domain import intents, negotiation
from domain.durations import Duration, DurationUnit
from domain.negotiation import Pricing, Terms
from domain.pricing import LeverCode, PricingPolicy, Quote
from domain.quote_command import GrammarError, QuoteArgs, parse_date, parse_quote_args
from domain.values import Platform, Scope
from domain.windows import PlannedPost, WindowFacts, conflicts
from handlers import talk_thread
from handlers.approvals import post_request
from handlers.background import after_ack
from handlers.blocks import exclusivity as blocks
from handlers.blocks import labels
from handlers.blocks import permissions as permission_blocks
from handlers.blocks.common import (
    as_plain_text,
    button,
    ephemeral,
    escape,
    fill,
    mrkdwn_section,
    packed_sections,
    shorten,
)
from handlers.blocks.forms import form_values, modal, text_input
from handlers.blocks.help import EXCLUSIVITY_COMMANDS, build_command_help, usage_of
from handlers.commands import CommandRequest, Subcommand, make_command_listener
from handlers.context import deps, now, team_timezone, team_tr, today, tr
from handlers.lookup import resolve_creator
from handlers.private import tell_privately
from handlers.quote_permissions import close_refusal, exclusivity_group_members
from locales import N_, Translator, translator
from storage import approvals as approval_store
from storage import creators, exclusivity
from storage.db import session_scope
from storage.models import Brand, Creator, ExclusivityQuote, ExclusivityWindow, Partnership

GRAMMAR_ERRORS = {
    "too_long": N_("That is too long for a quote."),
    "missing_creator": N_("Which creator? `/exclusivity quote <creator> [30d] [on tiktok] ...`"),
    "negative_window": N_("A window can't be negative ({value})."),
    "bad_duration": N_("I can't read “{value}” as a duration: use 48h, 14d, 2w or 1m."),
    "unknown_platform": N_("Unknown platform “{platform}”: use instagram, tiktok or youtube."),
    "unknown_content": N_(
        "Unknown content type “{content}”: use stories, posts, reels, videos or shorts."
    ),
    "missing_brand": N_("Which brand? `brand <name>`."),
    "bad_date": N_("I can't read “{value}” as a date: use 2026-12-01 or 01-12-2026."),
    "missing_competitors": N_("Name the competitors: `competitors Nike, Adidas`."),
    "missing_platform": N_("Which platforms? `on instagram,tiktok`."),
    "missing_content": N_("Which content? `only stories,posts`."),
    "unexpected": N_("I don't understand “{word}” in a quote. See `/exclusivity help`."),
}


# -- preparing a quote ---------------------------------------------------------------------
@dataclass(frozen=True)
class Negotiable:
    """Everything needed to price a partnership's exclusivity."""

    creator: Creator
    brand: Brand
    partnership: Partnership
    pricing: Pricing

    @property
    def partnership_days(self) -> int | None:
        p = self.partnership
        return (p.end_date - p.start_date).days + 1 if p.start_date and p.end_date else None


def pricing_of(creator: Creator, brand: Brand) -> Pricing:
    audiences = {}
    for name, audience in (creator.platforms or {}).items():
        if name in {p.value for p in Platform}:
            audiences[Platform(name)] = int(audience or 0)
    return Pricing(
        base_rate=Decimal(creator.base_rate),
        currency=creator.currency,
        difficulty=brand.difficulty,
        audiences=audiences,
        policy=PricingPolicy.from_overrides(brand.pricing_overrides or {}),
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


def terms_from(args: QuoteArgs) -> Terms:
    terms = Terms(golive=args.golive)
    if args.scope is not None:
        terms = replace(terms, scope=args.scope, competitors=args.competitors)
    if args.after is not None:
        terms = replace(terms, after_hours=negotiation.hours_of(args.after))
    if args.before is not None:
        terms = replace(terms, before_hours=negotiation.hours_of(args.before))
    return replace(terms, platforms=args.platforms, content_types=args.content_types)


def terms_problem(t: Translator, terms: Terms, deal: Negotiable) -> str | None:
    """Why these terms can't be quoted for this partnership (None when they can)."""
    if terms.total_hours <= 0:
        return t.gettext("A window needs a length, for example 48h or 14d.")
    if negotiation.too_long_for(terms, deal.partnership_days):
        return t.gettext(
            "That window ({window}) is longer than the partnership itself ({days} days)."
        ).format(window=blocks.hours_text(t, terms.total_hours), days=deal.partnership_days)
    if terms.platforms:
        active = set(deal.pricing.audiences)
        if active and not terms.platforms <= active:
            missing = ", ".join(sorted(p.value for p in terms.platforms - active))
            return t.gettext("{creator} is not active on {platforms}.").format(
                creator=escape(deal.creator.display_name), platforms=missing
            )
    if terms.scope is Scope.COMPETITORS and not terms.competitors:
        competitors = tuple(deal.brand.competitors or ())
        if not competitors:
            return t.gettext(
                "Name the competitors (`competitors Nike, Adidas`), or add them to the brand."
            )
    return None


def with_brand_competitors(terms: Terms, deal: Negotiable) -> Terms:
    if terms.scope is Scope.COMPETITORS and not terms.competitors:
        return replace(terms, competitors=tuple(deal.brand.competitors or ()))
    return terms


# -- /exclusivity quote --------------------------------------------------------------------
async def handle_quote(request: CommandRequest) -> None:
    """`/exclusivity quote <creator> ...`: inline, or a modal when the creator is missing."""
    t = tr(request.context)
    if not request.args.strip():
        await request.ack()
        view = build_quote_modal(t, {"channel_id": request.channel_id})
        after_ack(
            request.context,
            request.client.views_open(trigger_id=request.body["trigger_id"], view=view),
        )
        return
    reply = await start_quote(
        request.context, request.client, request.args, request.channel_id, request.user_id
    )
    if reply:
        await request.ack(reply)
    else:
        await request.ack()


async def start_quote(
    context: AsyncBoltContext,
    client: AsyncWebClient,
    text: str,
    channel_id: str,
    user_id: str,
    *,
    confirmed: bool = False,
) -> dict[str, Any]:
    """Validate the quote; post it in the channel after the ack. Returns the ephemeral reply."""
    t = tr(context)
    args = parse_quote_args(text)
    if isinstance(args, GrammarError):
        problem = fill(t.gettext(GRAMMAR_ERRORS[args.code]), **args.figures)
        usage = usage_of(EXCLUSIVITY_COMMANDS, "/exclusivity", "quote")[0]
        return ephemeral(f"{problem}\n`{escape(usage)}`")
    with session_scope(deps(context).engine) as session:
        found = resolve_creator(
            session, t, team_id=context.team_id, query=args.creator, subcommand="status"
        )
        if isinstance(found, dict):
            return found
        brand = None
        if args.brand:
            brand = creators.find_brand(session=session, team_id=context.team_id, name=args.brand)
            if brand is None:
                return ephemeral(
                    t.gettext(
                        "No brand called “{brand}”. Add it first with `/creator brand add`."
                    ).format(brand=escape(args.brand[:80]))
                )
        deal = negotiable(session, found, brand)
        if isinstance(deal, str):
            return ephemeral(
                t.gettext(
                    "{name} has no partnership with that brand yet. Add one with "
                    "`/creator edit {handle}`."
                ).format(name=escape(found.display_name), handle=found.handle)
            )
        terms = terms_from(args)
        problem = terms_problem(t, terms, deal)
        if problem:
            return ephemeral(problem)
        terms = with_brand_competitors(terms, deal)
    after_ack(
        context, _post_quote(context, client, deal, terms, channel_id, user_id, text, confirmed)
    )
    return {}


async def _post_quote(
    context: AsyncBoltContext,
    client: AsyncWebClient,
    deal: Negotiable,
    terms: Terms,
    channel_id: str,
    user_id: str,
    text: str,
    confirmed: bool,
) -> None:
    t = tr(context)
    if not confirmed:
        info = await client.conversations_info(channel=channel_id)
        if info["channel"].get("is_ext_shared"):
            warning = t.gettext(
                "This channel is shared with another organisation (Slack Connect): the creator "
                "or their agency may read the quote and our reasoning. Post it anyway?"
            )
            await _tell(
                context,
                client,
                channel_id,
                user_id,
                text=warning,
                blocks=[
                    mrkdwn_section("⚠️ " + warning),
                    {
                        "type": "actions",
                        "block_id": "post_anyway",
                        "elements": [
                            button(
                                t.gettext("Post anyway"),
                                blocks.POST_ANYWAY_ACTION,
                                text[:2000],
                                style="danger",
                            )
                        ],
                    },
                ],
            )
            return
    channel_t = team_tr(context)
    current = negotiation.price(terms, deal.pricing)
    with session_scope(deps(context).engine) as session:
        quote = exclusivity.create_quote(
            session=session,
            quote=ExclusivityQuote(
                team_id=deal.partnership.team_id,
                partnership_id=deal.partnership.id,
                channel_id=channel_id,
                terms=terms.to_json(),
                currency=current.currency,
                low=current.low,
                typical=current.typical,
                high=current.high,
                locale=channel_t.language,
                created_by=user_id,
            ),
            now=now(context),
        )
        exclusivity.record_round(
            session=session,
            quote=quote,
            user_id=user_id,
            change={"code": "quote"},
            now=now(context),
        )
        quote_id, version = quote.id, quote.version
    subject = blocks.QuoteSubject(quote_id, deal.creator.display_name, deal.brand.name, version)
    try:
        posted = await client.chat_postMessage(
            channel=channel_id, **blocks.build_quote_message(channel_t, subject, terms, current)
        )
    except Exception:
        with session_scope(deps(context).engine) as session:
            failed = exclusivity.get_quote(
                session=session, team_id=context.team_id, quote_id=quote_id
            )
            if failed is not None:
                failed.status = "withdrawn"
        raise
    with session_scope(deps(context).engine) as session:
        saved = exclusivity.get_quote(session=session, team_id=context.team_id, quote_id=quote_id)
        saved.thread_ts = posted["ts"]


async def _tell(
    context: AsyncBoltContext,
    client: AsyncWebClient,
    channel_id: str,
    user_id: str,
    thread_ts: str | None = None,
    **message: Any,
) -> None:
    await tell_privately(context, client, message, channel_id, user_id=user_id, thread_ts=thread_ts)


# -- negotiation moves -------------------------------------------------------------------------
@dataclass(frozen=True)
class MoveResult:
    """What a move led to, for the thread and the quote message."""

    reply: dict[str, Any] | None
    parent: dict[str, Any] | None  # the updated quote message (chat.update)
    channel_id: str
    thread_ts: str | None
    approval_request_id: int | None = None  # an approval to post once committed
    tell: dict[str, Any] | None = None  # only the one who moved sees it (nothing changed)


def _load(session: Session, quote: ExclusivityQuote) -> tuple[Negotiable, Terms]:
    partnership = session.get(Partnership, quote.partnership_id)
    creator = session.get(Creator, partnership.creator_id)
    brand = session.get(Brand, partnership.brand_id)
    return Negotiable(creator, brand, partnership, pricing_of(creator, brand)), Terms.from_json(
        quote.terms
    )


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
    deal, terms = _load(session, quote)
    subject = blocks.QuoteSubject(quote.id, deal.creator.display_name, deal.brand.name)
    base = MoveResult(None, None, quote.channel_id, quote.thread_ts)
    if move is None:
        return replace(base, reply=blocks.build_not_understood(t))
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
            parent=blocks.build_quote_message(
                t, subject, terms, current, ask=quote.creator_ask, status="withdrawn"
            ),
        )
    if isinstance(move, intents.Accept):
        return _agree(session, context, quote, deal, terms, user_id, subject, base)
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
    return _requote(
        session, quote, deal, before, terms, change, user_id, subject, base, now(context)
    )


def _requote(
    session: Session,
    quote: ExclusivityQuote,
    deal: Negotiable,
    before: Terms,
    terms: Terms,
    change: dict[str, Any],
    user_id: str,
    subject: blocks.QuoteSubject,
    base: MoveResult,
    at: datetime,
) -> MoveResult:
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
        reply=blocks.build_round_reply(t, terms, current, gap=gap, notes=notes),
        parent=blocks.build_quote_message(
            t, replace(subject, version=quote.version), terms, current, ask=quote.creator_ask
        ),
    )


def _golive_moment(terms: Terms, on: Any, timezone: str) -> datetime:
    """Go-live at the start of its day in the team's time zone (today when not given)."""
    day = terms.golive or on
    return datetime.combine(day, time(0, 0), tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def _agree(
    session: Session,
    context: AsyncBoltContext,
    quote: ExclusivityQuote,
    deal: Negotiable,
    terms: Terms,
    user_id: str,
    subject: blocks.QuoteSubject,
    base: MoveResult,
) -> MoveResult:
    t = translator(quote.locale)
    current = negotiation.price(terms, deal.pricing)
    agreed_price = quote.creator_ask if quote.creator_ask is not None else current.typical
    golive = _golive_moment(terms, today(context), team_timezone(context))
    needs_approval = bool(deal.brand.exclusivity_needs_approval)
    window = exclusivity.record_window(
        session=session,
        window=ExclusivityWindow(
            team_id=quote.team_id,
            creator_id=deal.creator.id,
            partnership_id=deal.partnership.id,
            quote_id=quote.id,
            scope=terms.scope.value,
            competitors=list(terms.competitors),
            platforms=sorted(p.value for p in terms.platforms or ()),
            content_types=sorted(c.value for c in terms.content_types or ()),
            golive_at=golive,
            before_hours=terms.before_hours,
            after_hours=terms.after_hours,
            starts_at=golive - timedelta(hours=terms.before_hours),
            ends_at=golive + timedelta(hours=terms.after_hours),
            price=agreed_price,
            currency=quote.currency,
            status="awaiting_approval" if needs_approval else "agreed",
            created_by=user_id,
        ),
        now=now(context),
    )
    quote.status = "agreed"
    exclusivity.record_round(
        session=session,
        quote=quote,
        user_id=user_id,
        change={"code": "accept", "price": str(agreed_price), "window_id": window.id},
        now=now(context),
    )
    request = None
    if needs_approval:
        request = approval_store.create_for_exclusivity(
            session,
            team_id=quote.team_id,
            partnership_id=deal.partnership.id,
            window_id=window.id,
            requester_id=user_id,
            subject=shorten(blocks.terms_text(t, terms), 150),
            details=t.gettext("Exclusivity for {creator} · {brand} at {price}").format(
                creator=deal.creator.display_name,
                brand=deal.brand.name,
                price=t.money(agreed_price, quote.currency),
            ),
            now=now(context),
            channel_id=quote.channel_id,
        )
        if request is not None:
            window.approval_id = request.id
    facts = blocks.ClauseFacts(
        creator=deal.creator.display_name,
        brand=deal.brand.name,
        terms=terms,
        starts_at=window.starts_at.astimezone(ZoneInfo(team_timezone(context))),
        ends_at=window.ends_at.astimezone(ZoneInfo(team_timezone(context))),
        covers_other_accounts=window.covers_other_accounts,
        covers_pr_packages=window.covers_pr_packages,
        price=agreed_price,
        currency=quote.currency,
    )
    reply = blocks.build_agreement(
        t,
        blocks.clause_text(translator("en"), facts),
        blocks.clause_text(translator("nl"), facts),
        window_id=window.id,
        awaiting_approval=needs_approval,
        price=t.money(agreed_price, quote.currency),
    )
    if needs_approval and request is None:
        reply["blocks"].insert(
            1,
            mrkdwn_section(
                "⚠️ "
                + t.gettext(
                    "Nobody approves exclusivity yet: choose approvers with `/creator settings`."
                )
            ),
        )
    return replace(
        base,
        reply=reply,
        parent=blocks.build_quote_message(
            t, subject, terms, current, ask=quote.creator_ask, status="agreed"
        ),
        approval_request_id=request.id if request is not None else None,
    )


async def _deliver(
    context: AsyncBoltContext, client: AsyncWebClient, result: MoveResult, user_id: str
) -> None:
    """Post the reply in the thread and bring the quote message up to date; or tell only
    the one who moved why nothing changed."""
    if result.tell is not None:
        await _tell(context, client, result.channel_id, user_id, result.thread_ts, **result.tell)
    if result.reply is not None:
        await client.chat_postMessage(
            channel=result.channel_id, thread_ts=result.thread_ts, **result.reply
        )
    if result.parent is not None and result.thread_ts:
        await client.chat_update(channel=result.channel_id, ts=result.thread_ts, **result.parent)


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
    with session_scope(deps(context).engine, immediate=True) as session:
        claim = exclusivity.claim_quote(
            session=session, team_id=context.team_id, quote_id=quote_id, version=version
        )
        if claim.quote is None:
            return
        if claim.code == "claimed" or version is None:
            # A typed reply to a closed quote is answered in its thread, as before.
            result = apply_move(session, context, claim.quote, move, user_id, group_members=members)
        else:
            result = _stale(context, claim)
    await _deliver(context, client, result, user_id)
    if result.approval_request_id is not None:
        await post_request(context, client, result.approval_request_id)


def _stale(context: AsyncBoltContext, claim: exclusivity.Claim) -> MoveResult:
    """A click on an outdated quote message, or a repeat: only the clicker hears it."""
    quote = claim.quote
    tell = permission_blocks.build_stale_click(tr(context), claim.code, quote.status)
    return MoveResult(None, None, quote.channel_id, quote.thread_ts, tell=tell)


def quote_value(value: str) -> tuple[int, int | None] | None:
    """A quote button's "<quote id>:<version>" (a message from before versions: no version)."""
    quote_id, _, version = str(value or "").partition(":")
    if not quote_id.isdigit() or (version and not version.isdigit()):
        return None
    return int(quote_id), int(version) if version else None


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


# -- buttons -------------------------------------------------------------------------------------
LEVER_ACTIONS = {
    blocks.SHORTEN_ACTION: LeverCode.SHORTEN_WINDOW,
    blocks.PLATFORMS_ACTION: LeverCode.NARROW_PLATFORMS,
    blocks.COMPETITORS_ACTION: LeverCode.COMPETITOR_LIST,
    blocks.LONG_TERM_ACTION: LeverCode.LONG_TERM,
}


def lever_move(session: Session, quote: ExclusivityQuote, code: LeverCode) -> intents.Intent | None:
    """The move a lever button stands for, from the quote's current levers."""
    deal, terms = _load(session, quote)
    current: Quote = negotiation.price(terms, deal.pricing)
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


def _lever_result(
    session: Session,
    context: AsyncBoltContext,
    quote: ExclusivityQuote,
    code: LeverCode,
    user_id: str,
) -> MoveResult:
    """A lever button: the move it stands for, or why it no longer applies."""
    deal, terms = _load(session, quote)
    base = MoveResult(None, None, quote.channel_id, quote.thread_ts)
    if quote.status == "open" and code is LeverCode.LONG_TERM and not terms.long_term:
        subject = blocks.QuoteSubject(quote.id, deal.creator.display_name, deal.brand.name)
        return _requote(
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


async def handle_lever(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    action = body["actions"][0]
    value = quote_value(action.get("value"))
    if value is None:
        return
    quote_id, version = value
    user_id = body["user"]["id"]

    async def work() -> None:
        with session_scope(deps(context).engine, immediate=True) as session:
            claim = exclusivity.claim_quote(
                session=session, team_id=context.team_id, quote_id=quote_id, version=version
            )
            if claim.quote is None:
                return
            if claim.code != "claimed":
                result = _stale(context, claim)
            else:
                result = _lever_result(
                    session, context, claim.quote, LEVER_ACTIONS[action["action_id"]], user_id
                )
        await _deliver(context, client, result, user_id)

    after_ack(context, work())


async def handle_accept_or_withdraw(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    action = body["actions"][0]
    value = quote_value(action.get("value"))
    if value is None:
        return
    move = intents.Accept() if action["action_id"] == blocks.ACCEPT_ACTION else intents.Withdraw()
    after_ack(
        context, run_move(context, client, value[0], move, body["user"]["id"], version=value[1])
    )


async def handle_ask_button(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Open a small modal for the creator's ask."""
    await ack()
    t = tr(context)
    value = quote_value(body["actions"][0].get("value"))
    if value is None:
        return
    view = modal(
        t,
        blocks.ASK_CALLBACK,
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
        {"quote_id": value[0]},
    )
    after_ack(context, client.views_open(trigger_id=body["trigger_id"], view=view))


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


async def handle_post_anyway(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    reply = await start_quote(
        context,
        client,
        body["actions"][0]["value"],
        context.channel_id,
        context.user_id,
        confirmed=True,
    )
    if reply:
        await _tell(context, client, context.channel_id, context.user_id, **reply)


async def handle_window_withdraw(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Withdraw an agreed window (the agreement message keeps its clause, marked withdrawn).

    For those who may close its quote (`close_refusal`); a repeat or a late click changes
    nothing and is answered to the clicker only."""
    await ack()
    value = str(body["actions"][0].get("value") or "")
    if not value.isdigit():
        return
    message = body.get("message") or {}
    thread_ts = message.get("thread_ts") or message.get("ts")
    after_ack(context, _withdraw_window(context, client, int(value), thread_ts))


async def _withdraw_window(
    context: AsyncBoltContext, client: AsyncWebClient, window_id: int, thread_ts: str | None
) -> None:
    user_id = context.user_id or ""
    members = await exclusivity_group_members(context, client)
    tell = None
    with session_scope(deps(context).engine, immediate=True) as session:
        window = exclusivity.get_window(
            session=session, team_id=context.team_id, window_id=window_id
        )
        quote = (
            exclusivity.get_quote(
                session=session, team_id=context.team_id, quote_id=window.quote_id
            )
            if window is not None and window.quote_id is not None
            else None
        )
        if window is None or window.status == "withdrawn":
            tell = permission_blocks.build_stale_click(tr(context), "window_withdrawn")
        elif close_refusal(
            session,
            team_id=context.team_id,
            partnership_id=window.partnership_id,
            requested_by=quote.created_by if quote is not None else window.created_by,
            user_id=user_id,
            group_members=members,
        ):
            tell = permission_blocks.build_close_refusal(tr(context), window=True)
        elif not exclusivity.withdraw_window(
            session=session, team_id=context.team_id, window_id=window_id, at=now(context)
        ):
            tell = permission_blocks.build_stale_click(tr(context), "window_withdrawn")
    if tell is not None:
        await _tell(context, client, context.channel_id, user_id, thread_ts, **tell)
        return
    text = (
        team_tr(context).gettext("<@{user}> withdrew the exclusivity window.").format(user=user_id)
    )
    await client.chat_postMessage(channel=context.channel_id, thread_ts=thread_ts, text=text)


# -- the quote modal (no creator given) ---------------------------------------------------------
def build_quote_modal(t: Translator, metadata: dict[str, Any]) -> dict[str, Any]:
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
    return modal(t, blocks.QUOTE_CALLBACK, t.gettext("Exclusivity quote"), fields, metadata)


async def handle_quote_submission(
    ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    values = form_values(view)
    text = f"{values.get('creator') or ''} {values.get('terms') or ''}".strip()
    metadata = json.loads(view.get("private_metadata") or "{}")
    reply = await start_quote(
        context, client, text, metadata.get("channel_id", ""), context.user_id or ""
    )
    if reply:
        error = shorten(as_plain_text(reply.get("text", "")), 150)
        await ack(response_action="errors", errors={"creator": error})
        return
    await ack()


# -- check and list ---------------------------------------------------------------------------
DATE_TOKEN = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d{2}-\d{2}-\d{4}$", re.ASCII)


async def handle_check(request: CommandRequest) -> None:
    """`/exclusivity check <creator> <date> [platform] [brand]`."""
    t = tr(request.context)
    words = request.args.split()
    at = next((i for i, w in enumerate(words) if DATE_TOKEN.match(w)), None)
    usage = escape(t.gettext("Use `/exclusivity check <creator> <date> [platform] [brand]`."))
    if at is None or at == 0:
        await request.ack(ephemeral(usage))
        return
    day = parse_date(words[at])
    if day is None:
        await request.ack(ephemeral(usage))
        return
    rest = words[at + 1 :]
    platform = None
    if rest and rest[0].lower() in {p.value for p in Platform}:
        platform = Platform(rest[0].lower())
        rest = rest[1:]
    with session_scope(deps(request.context).engine) as session:
        found = resolve_creator(
            session, t, team_id=request.team_id, query=" ".join(words[:at]), subcommand="status"
        )
        if isinstance(found, dict):
            await request.ack(found)
            return
        # Any brand may be checked, also a competitor we don't manage (its category unknown).
        brand_name = " ".join(rest)[:80] or None
        known = (
            creators.find_brand(session=session, team_id=request.team_id, name=brand_name)
            if brand_name
            else None
        )
        facts = window_facts(session, request.team_id, creator_id=found.id)
    zone = ZoneInfo(team_timezone(request.context))
    start = datetime.combine(day, time(0, 0), tzinfo=zone).astimezone(UTC)
    post = PlannedPost(
        starts_at=start,
        platform=platform,
        brand=known.name if known else brand_name,
        brand_category=known.category if known else None,
    )
    hits = conflicts([f for f, _ in facts], post)
    name = escape(found.display_name)
    if not hits:
        text = t.gettext("✅ A sponsored post by {creator} on {date} breaks no exclusivity window.")
        await request.ack(ephemeral(text.format(creator=name, date=t.date(day))))
        return
    lines = [
        t.gettext("• {brand}: {scope}, until {end}").format(
            brand=escape(hit.brand),
            scope=t.gettext(blocks.SCOPE[hit.scope]),
            end=t.datetime(hit.ends_at.astimezone(zone), "d MMM y HH:mm"),
        )
        for hit in hits
    ]
    head = (
        t.gettext("⛔ A sponsored post by {creator} on {date} would break:")
        if brand_name
        else t.gettext(
            "⚠️ On {date}, {creator} is bound by these windows (it depends on the brand):"
        )
    ).format(creator=name, date=t.date(day))
    await request.ack(ephemeral(head + "\n" + "\n".join(lines)))


def window_facts(
    session: Session,
    team_id: str,
    *,
    creator_id: int | None = None,
    ending_after: datetime | None = None,
) -> list[tuple[WindowFacts, ExclusivityWindow]]:
    rows = exclusivity.windows(
        session=session, team_id=team_id, creator_id=creator_id, ending_after=ending_after
    )
    partnerships = {p.id: p for p in (session.get(Partnership, r.partnership_id) for r in rows)}
    brands = {b.id: b for b in (session.get(Brand, p.brand_id) for p in partnerships.values())}
    facts = []
    for row in rows:
        brand = brands[partnerships[row.partnership_id].brand_id]
        facts.append(
            (
                WindowFacts(
                    window_id=row.id,
                    brand=brand.name,
                    brand_category=brand.category,
                    scope=Scope(row.scope),
                    competitors=tuple(row.competitors),
                    platforms=frozenset(Platform(p) for p in row.platforms),
                    starts_at=row.starts_at,
                    ends_at=row.ends_at,
                ),
                row,
            )
        )
    return facts


async def handle_list(request: CommandRequest) -> None:
    """`/exclusivity list [creator]`: windows in force now or later."""
    t = tr(request.context)
    zone = ZoneInfo(team_timezone(request.context))
    with session_scope(deps(request.context).engine) as session:
        creator_id = None
        if request.args.strip():
            found = resolve_creator(
                session, t, team_id=request.team_id, query=request.args, subcommand="status"
            )
            if isinstance(found, dict):
                await request.ack(found)
                return
            creator_id = found.id
        facts = window_facts(
            session, request.team_id, creator_id=creator_id, ending_after=now(request.context)
        )
        names = {row.id: session.get(Creator, row.creator_id).display_name for _, row in facts}
    if not facts:
        await request.ack(ephemeral(t.gettext("No exclusivity windows now or coming up.")))
        return
    lines = []
    for fact, row in facts[:40]:
        terms = Terms(
            scope=fact.scope,
            competitors=fact.competitors,
            before_hours=row.before_hours,
            after_hours=row.after_hours,
            platforms=fact.platforms or None,
            content_types=None,
        )
        lines.append(
            blocks.window_line(
                t,
                names[row.id],
                fact.brand,
                terms,
                fact.starts_at.astimezone(zone),
                fact.ends_at.astimezone(zone),
                row.status,
            )
        )
    # Escaped names can make a line long: as many sections as the lines need (40 at most).
    sections = [mrkdwn_section(t.gettext("*Exclusivity windows*"))]
    sections += packed_sections(lines, "windows")
    await request.ack(ephemeral(t.gettext("Exclusivity windows"), sections))


# -- routing ------------------------------------------------------------------------------------
async def handle_help(request: CommandRequest) -> None:
    """`/exclusivity help`, and the answer to any subcommand we don't know."""
    unknown = request.subcommand if request.subcommand not in ("", "help") else None
    await request.ack(
        build_command_help(tr(request.context), "/exclusivity", EXCLUSIVITY_COMMANDS, unknown)
    )


SUBCOMMANDS: dict[str, Subcommand] = {
    "help": handle_help,
    "quote": handle_quote,
    "offerte": handle_quote,
    "check": handle_check,
    "list": handle_list,
    "lijst": handle_list,
}


def register(app: AsyncApp) -> None:
    app.command("/exclusivity")(
        make_command_listener(
            SUBCOMMANDS, handle_help, command="/exclusivity", usage=EXCLUSIVITY_COMMANDS
        )
    )
    app.event("message", matchers=[is_thread_reply])(handle_thread_reply)
    for action in LEVER_ACTIONS:
        app.action(action)(handle_lever)
    app.action(blocks.ACCEPT_ACTION)(handle_accept_or_withdraw)
    app.action(blocks.WITHDRAW_ACTION)(handle_accept_or_withdraw)
    app.action(blocks.ASK_ACTION)(handle_ask_button)
    app.action(blocks.POST_ANYWAY_ACTION)(handle_post_anyway)
    app.action(blocks.WINDOW_WITHDRAW_ACTION)(handle_window_withdraw)
    app.view(blocks.ASK_CALLBACK)(handle_ask_submission)
    app.view(blocks.QUOTE_CALLBACK)(handle_quote_submission)
