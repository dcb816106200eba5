"""`/creator`: the partnership manager's command. Subcommands live with their topic."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from handlers import (
    approval_settings,
    approvals,
    brands,
    creator_forms,
    digest,
    kpis,
    listing,
    roadmap,
    status,
)
from handlers.blocks.help import (
    CREATOR_COMMANDS,
    build_command_help,
    build_language_set,
    build_language_usage,
)
from handlers.blocks.status import PICK_ACTION
from handlers.commands import CommandRequest, Subcommand, make_command_listener
from handlers.context import deps, forget_language, now, tr
from locales import LANGUAGES, translator
from storage import teams
from storage.db import session_scope


async def handle_help(request: CommandRequest) -> None:
    """`/creator help`, and the answer to any subcommand we don't know."""
    unknown = request.subcommand if request.subcommand not in ("", "help") else None
    await request.ack(
        build_command_help(tr(request.context), "/creator", CREATOR_COMMANDS, unknown)
    )


async def handle_language(request: CommandRequest) -> None:
    """`/creator language [nl|en]`: show or set the language Partnerdesk speaks to this user."""
    choice = request.args.strip().lower()
    if not choice:
        t = tr(request.context)
        await request.ack(build_language_usage(t, t.language))
        return
    if choice not in LANGUAGES:
        t = tr(request.context)
        await request.ack(build_language_usage(t, t.language))
        return
    with session_scope(deps(request.context).engine) as session:
        teams.set_user_locale(
            session=session,
            team_id=request.team_id,
            user_id=request.user_id,
            locale=choice,
            now=now(request.context),
        )
    forget_language(request.context, request.team_id, request.user_id)
    await request.ack(build_language_set(translator(choice)))


SUBCOMMANDS: dict[str, Subcommand] = {
    "help": handle_help,
    "language": handle_language,
    "taal": handle_language,
    "status": status.handle_status,
    "add": creator_forms.handle_add,
    "edit": creator_forms.handle_edit,
    "archive": creator_forms.handle_archive,
    "brand": brands.handle_brand,
    "list": listing.handle_list,
    "kpi": kpis.handle_kpi,
    "nps": kpis.handle_nps,
    "roadmap": roadmap.handle_roadmap,
    "approve": approvals.handle_approve,
    "approvals": approvals.handle_approvals,
    "settings": approval_settings.handle_settings,
    "digest": digest.handle_digest,
    "overzicht": digest.handle_digest,
}

# What a candidate button re-runs for the creator picked (see handlers.lookup).
FOR_PICKED_CREATOR: dict[str, Callable[..., Awaitable[None]]] = {
    "status": status.show_status_for,
    "edit": creator_forms.edit_picked,
    "kpi": kpis.kpi_picked,
    "roadmap": roadmap.roadmap_picked,
}


async def handle_pick(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """A candidate picked from an ambiguous name: run the subcommand for that creator."""
    await ack()
    subcommand, _, creator_id = body["actions"][0]["value"].partition(":")
    run = FOR_PICKED_CREATOR.get(subcommand)
    if run is None or not creator_id.isdigit():
        await respond(**build_command_help(tr(context), "/creator", CREATOR_COMMANDS, None))
        return
    await run(int(creator_id), context, respond, body)


def register(app: AsyncApp) -> None:
    app.command("/creator")(
        make_command_listener(SUBCOMMANDS, handle_help, command="/creator", usage=CREATOR_COMMANDS)
    )
    app.action(re.compile(rf"^{PICK_ACTION}_\d+$"))(handle_pick)
