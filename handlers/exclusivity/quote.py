"""`/exclusivity quote`: read the command (or its modal), check the deal, post the quote as
the thread starter of its negotiation."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from domain import negotiation
from domain.deal import terms_from
from domain.negotiation import Terms
from domain.quote_command import GrammarError, parse_quote_args
from handlers.background import after_ack
from handlers.blocks.common import as_plain_text, ephemeral, escape, fill, shorten
from handlers.blocks.exclusivity import quote as blocks
from handlers.blocks.exclusivity.actions import QuoteSubject
from handlers.blocks.forms import form_values
from handlers.blocks.help import EXCLUSIVITY_COMMANDS, usage_of
from handlers.commands import CommandRequest
from handlers.context import deps, now, team_tr, tr
from handlers.exclusivity.deal import Negotiable, negotiable, terms_problem, with_brand_competitors
from handlers.lookup import resolve_creator
from handlers.private import tell_privately
from locales import N_
from storage import creators, exclusivity
from storage.db import session_scope
from storage.models import ExclusivityQuote

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


async def handle_quote(request: CommandRequest) -> None:
    """`/exclusivity quote <creator> ...`: inline, or a modal when the creator is missing."""
    t = tr(request.context)
    if not request.args.strip():
        await request.ack()
        view = blocks.build_quote_modal(t, {"channel_id": request.channel_id})
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
    if not confirmed:
        info = await client.conversations_info(channel=channel_id)
        if info["channel"].get("is_ext_shared"):
            warning = blocks.build_shared_channel_warning(tr(context), text)
            await tell_privately(context, client, warning, channel_id, user_id=user_id)
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
    subject = QuoteSubject(quote_id, deal.creator.display_name, deal.brand.name, version)
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


async def handle_post_anyway(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The shared-channel warning's button: post the quote after all."""
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
        await tell_privately(context, client, reply, context.channel_id, user_id=context.user_id)


async def handle_quote_submission(
    ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The quote modal: the same checks as the command, errors shown in the form."""
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
