"""`/creator`: the partnership manager's command. Subcommands live with their topic; the
table of which word runs which is handed in by the wiring (bot/app.py), so this surface
imports no other."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

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


# Runs a subcommand for the creator picked from candidates (see handlers.lookup).
PickedRunner = Callable[[int, AsyncBoltContext, AsyncRespond, dict[str, Any]], Awaitable[None]]


def make_pick_listener(
    for_picked: Mapping[str, PickedRunner],
) -> Callable[..., Awaitable[None]]:
    """The listener for a candidate button: re-run its subcommand for the creator picked."""

    async def handle_pick(
        ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
    ) -> None:
        await ack()
        subcommand, _, creator_id = body["actions"][0]["value"].partition(":")
        run = for_picked.get(subcommand)
        if run is None or not creator_id.isdigit():
            await respond(**build_command_help(tr(context), "/creator", CREATOR_COMMANDS, None))
            return
        await run(int(creator_id), context, respond, body)

    return handle_pick


def register(
    app: AsyncApp,
    *,
    subcommands: Mapping[str, Subcommand],
    for_picked: Mapping[str, PickedRunner],
) -> None:
    """`/creator` with `subcommands` (each topic's, from the wiring) and the candidate button
    re-running `for_picked[subcommand]`."""
    app.command("/creator")(
        make_command_listener(subcommands, handle_help, command="/creator", usage=CREATOR_COMMANDS)
    )
    app.action(re.compile(rf"^{PICK_ACTION}_\d+$"))(make_pick_listener(for_picked))
