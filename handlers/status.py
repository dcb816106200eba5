"""`/creator status <name>`: the status card, and sharing it in the channel."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from domain.status import assemble_card, card_reads_the_same_until
from handlers.background import after_ack
from handlers.blocks.common import ephemeral, escape
from handlers.blocks.status import (
    SHARE_ACTION,
    SHARE_CONFIRMED_ACTION,
    build_share_confirmation,
    build_status_card,
)
from handlers.card_cache import CardCache, CardKey
from handlers.commands import CommandRequest
from handlers.context import deps, now, team_timezone, team_tr, tr
from handlers.lookup import picked_creator, resolve_creator
from locales import Translator
from storage import creators, data_versions
from storage import status as status_storage
from storage.db import read_scope, session_scope
from storage.models import Creator

logger = logging.getLogger(__name__)


def status_card(
    session: Session,
    t: Translator,
    creator: Creator,
    *,
    at: datetime,
    timezone: str,
    shareable: bool = True,
    partnership_id: int | None = None,
) -> dict[str, Any]:
    """The card for the creator's current partnership (or a given one), or why there is none.

    `at` is now (the app's clock: `now(context)`, which `!clock` and the tests' clock move)
    and `timezone` the team's (from the request context: no query per card).
    """
    facts = status_storage.status_facts(
        session=session,
        team_id=creator.team_id,
        partnership_id=partnership_id,
        creator_id=creator.id,
    )
    if facts is None:
        return ephemeral(
            t.gettext(
                "{name} has no partnership yet. Add one with `/creator edit {handle}`."
            ).format(name=escape(creator.display_name), handle=escape(creator.handle))
        )
    return build_status_card(t, assemble_card(facts, at, timezone), shareable=shareable)


async def handle_status(request: CommandRequest) -> None:
    """`/creator status <name>`: the card, ephemeral (fees are private), with a share button."""
    context = request.context
    t = tr(context)
    at, timezone = now(context), team_timezone(context)
    engine, cards = deps(context).engine, deps(context).cards
    # A card built before is used again while the workspace's data version is the same
    # (read before the facts: a change committed in between is then at worst in a card
    # remembered as older than it is). Most often the name is the creator's handle: then one
    # statement finds the creator and their partnership; anything else goes through the
    # forgiving look-up.
    version = data_versions.current_team_data_version(engine, request.team_id)
    key = (request.team_id, request.args, t.language, timezone, version)
    reply = cards.get(key, at)
    built_until: datetime | None = None  # a card built now: until when it reads the same
    if reply is None:
        with read_scope(engine) as connection:
            facts = status_storage.status_facts_by_handle(
                connection=connection, team_id=request.team_id, handle=request.args
            )
        if facts is not None:
            reply = build_status_card(t, assemble_card(facts, at, timezone))
            until = card_reads_the_same_until(facts, at, timezone)
            cards.put(key, reply, built_at=at, good_until=until)
            built_until = until
    if reply is None:
        with session_scope(engine) as session:
            found = resolve_creator(
                session, t, team_id=request.team_id, query=request.args, subcommand="status"
            )
            reply = (
                found
                if isinstance(found, dict)
                else status_card(session, t, found, at=at, timezone=timezone)
            )
    await request.ack(reply)
    if built_until is not None:
        keep = _keep_for_other_workers(cards, key, reply, built_at=at, good_until=built_until)
        after_ack(context, keep)


async def _keep_for_other_workers(
    cards: CardCache,
    key: CardKey,
    reply: dict[str, Any],
    *,
    built_at: datetime,
    good_until: datetime,
) -> None:
    """After the ack, in a thread: the write may wait for SQLite's lock, the loop may not."""
    try:
        await asyncio.to_thread(
            cards.keep_for_other_workers, key, reply, built_at=built_at, good_until=good_until
        )
    except Exception:  # noqa: BLE001 - a card not kept is only built again elsewhere
        logger.exception("status card not kept for the other workers")


async def show_status_for(
    creator_id: int, context: AsyncBoltContext, respond: AsyncRespond, body: dict[str, Any]
) -> None:
    """The card for a creator picked from a list of candidates."""
    t = tr(context)
    with session_scope(deps(context).engine) as session:
        found = picked_creator(session, t, team_id=context.team_id, creator_id=creator_id)
        reply = (
            found
            if isinstance(found, dict)
            else status_card(session, t, found, at=now(context), timezone=team_timezone(context))
        )
    await respond(**reply, replace_original=True)


async def handle_share(
    ack: AsyncAck,
    body: dict[str, Any],
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    """Post the card in the channel; in a Slack Connect channel, ask first."""
    await ack()
    confirmed = body["actions"][0]["action_id"] == SHARE_CONFIRMED_ACTION
    after_ack(context, _share(body, context, client, respond, confirmed=confirmed))


async def _share(
    body: dict[str, Any],
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
    *,
    confirmed: bool,
) -> None:
    t = tr(context)
    partnership_id = int(body["actions"][0]["value"])
    channel_id = context.channel_id
    if not confirmed:
        info = await client.conversations_info(channel=channel_id)
        if info["channel"].get("is_ext_shared"):
            await respond(**build_share_confirmation(t, partnership_id))
            return
    engine = deps(context).engine
    # The channel reads the card in the team's language, not the sharer's.
    channel_t = team_tr(context)
    with session_scope(engine) as session:
        partnership = creators.get_partnership(
            session=session, team_id=context.team_id, partnership_id=partnership_id
        )
        creator = (
            creators.get_creator(
                session=session, team_id=context.team_id, creator_id=partnership.creator_id
            )
            if partnership
            else None
        )
        if creator is None:
            await respond(**ephemeral(t.gettext("That partnership no longer exists.")))
            return
        card = status_card(
            session,
            channel_t,
            creator,
            at=now(context),
            timezone=team_timezone(context),
            shareable=False,
            partnership_id=partnership_id,
        )
    card["text"] = channel_t.gettext("{user} shared: {title}").format(
        user=f"<@{context.user_id}>", title=card["text"]
    )
    await client.chat_postMessage(channel=channel_id, **card)
    await respond(**ephemeral(t.gettext("Shared in the channel.")), replace_original=False)


def register(app: AsyncApp) -> None:
    app.action(SHARE_ACTION)(handle_share)
    app.action(SHARE_CONFIRMED_ACTION)(handle_share)
