"""`/exclusivity`: quote, negotiate in the thread, agree, check and list windows.

By responsibility: `quote` posts a quote, `negotiation` applies moves in its thread, `levers`
turns a lever into a move, `buttons` answers the quote message's buttons, `agreement`
records what was agreed and withdraws it, `windows` checks and lists agreed windows; `deal`,
`results` and `permissions` are what they share.
This module only wires ids to handlers.
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers.blocks.exclusivity import actions
from handlers.blocks.help import EXCLUSIVITY_COMMANDS, build_command_help
from handlers.commands import CommandRequest, Subcommand, make_command_listener
from handlers.context import tr
from handlers.exclusivity.agreement import handle_window_withdraw
from handlers.exclusivity.buttons import QUOTE_BUTTONS, handle_quote_button
from handlers.exclusivity.negotiation import (
    handle_ask_submission,
    handle_thread_reply,
    is_thread_reply,
    run_move,
)
from handlers.exclusivity.quote import handle_post_anyway, handle_quote, handle_quote_submission
from handlers.exclusivity.windows import handle_check, handle_list

__all__ = ["SUBCOMMANDS", "register", "run_move"]


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
    for action in QUOTE_BUTTONS:
        app.action(action)(handle_quote_button)
    app.action(actions.POST_ANYWAY_ACTION)(handle_post_anyway)
    app.action(actions.WINDOW_WITHDRAW_ACTION)(handle_window_withdraw)
    app.view(actions.ASK_CALLBACK)(handle_ask_submission)
    app.view(actions.QUOTE_CALLBACK)(handle_quote_submission)
