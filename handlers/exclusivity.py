"""`/exclusivity`: quoting, negotiating and checking exclusivity windows."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers.blocks.help import EXCLUSIVITY_COMMANDS, build_command_help
from handlers.commands import CommandRequest, Subcommand, make_command_listener
from handlers.context import tr


async def handle_help(request: CommandRequest) -> None:
    """`/exclusivity help`, and the answer to any subcommand we don't know."""
    unknown = request.subcommand if request.subcommand not in ("", "help") else None
    await request.ack(
        build_command_help(tr(request.context), "/exclusivity", EXCLUSIVITY_COMMANDS, unknown)
    )


SUBCOMMANDS: dict[str, Subcommand] = {"help": handle_help}


def register(app: AsyncApp) -> None:
    app.command("/exclusivity")(make_command_listener(SUBCOMMANDS, handle_help))
