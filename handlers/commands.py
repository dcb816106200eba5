"""Slash-command plumbing shared by `/creator` and `/exclusivity`: parsing and routing."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from domain.text import code_points, control_characters
from handlers.blocks.help import build_unreadable_command, usage_of
from handlers.context import tr

# Slack caps command text far below this; anything longer was not typed by a person.
MAX_COMMAND_TEXT = 4000


@dataclass
class CommandRequest:
    """One slash command, split into its subcommand and the rest of the text."""

    subcommand: str
    args: str
    body: dict[str, Any]
    ack: AsyncAck
    context: AsyncBoltContext
    client: AsyncWebClient
    respond: AsyncRespond

    @property
    def user_id(self) -> str:
        return self.body["user_id"]

    @property
    def channel_id(self) -> str:
        return self.body["channel_id"]

    @property
    def team_id(self) -> str:
        return self.context.team_id or self.body["team_id"]


Subcommand = Callable[[CommandRequest], Awaitable[None]]


def unescape_slack(text: str) -> str:
    """Undo Slack's escaping of a command's text once: `&amp;` `&lt;` `&gt;` -> `&` `<` `>`.

    `&amp;` goes last, so `&amp;lt;` (someone typed `&lt;`) reads `&lt;`, not `<`.
    """
    if "&" not in text:
        return text
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


_MARKUP = re.compile(r"<([^<>]*)>")


def _readable(markup: re.Match[str]) -> str:
    target, _, label = markup.group(1).partition("|")
    if target.startswith(("@", "#")):  # <@U123|sanne>, <#C123|general>
        return target[0] + (label or target[1:])
    if target.startswith("!"):  # <!here>, <!subteam^S123|@team>
        return label if label.startswith("@") else "@" + (label or target[1:].split("^")[0])
    return label or target  # <https://x.example|the brief>, <mailto:a@b.nl|a@b.nl>


def plain_text_of_message(text: str) -> str:
    """A Slack message's text as a person reads it: mentions, channels and links as their
    names, then `&amp;` `&lt;` `&gt;` read back once. (What a message shortcut prefills a
    modal with: stored as read, escaped again only when shown.)"""
    return unescape_slack(_MARKUP.sub(_readable, text))


def split_command(text: str | None) -> tuple[str, str]:
    """`"status Zoë de Vries"` -> `("status", "Zoë de Vries")`; whitespace is normalised.

    `text` is as Slack sends it: with `should_escape: false` (manifest.json) Slack still
    writes `&`, `<` and `>` as `&amp;`, `&lt;` and `&gt;`; they are read back once here, so
    every subcommand sees what the person typed ("Tom & Jerry", "R&D").
    """
    cleaned = " ".join(unescape_slack((text or "")[:MAX_COMMAND_TEXT]).split())
    subcommand, _, args = cleaned.partition(" ")
    return subcommand.lower(), args


def make_command_listener(
    subcommands: Mapping[str, Subcommand],
    fallback: Subcommand,
    *,
    command: str,
    usage: tuple[tuple[str, str], ...],
) -> Callable[..., Awaitable[None]]:
    """A Bolt command listener that routes on the first word (unknown words get `fallback`).

    The one door for command text: characters nobody can see (NUL, other control
    characters, bidi overrides: domain.text) are refused here with the subcommand's usage,
    so no subcommand stores or searches for them.
    """

    async def handle_command(
        ack: AsyncAck,
        body: dict[str, Any],
        context: AsyncBoltContext,
        client: AsyncWebClient,
        respond: AsyncRespond,
    ) -> None:
        subcommand, args = split_command(body.get("text"))
        # Before whitespace is normalised (str.split takes U+2028 and some controls for
        # spaces); line breaks and tabs are only spaces here.
        unreadable = control_characters(body.get("text") or "", multiline=True)
        if unreadable:
            await ack(
                build_unreadable_command(
                    tr(context), code_points(unreadable), usage_of(usage, command, subcommand)
                )
            )
            return
        request = CommandRequest(subcommand, args, body, ack, context, client, respond)
        await subcommands.get(subcommand, fallback)(request)

    return handle_command
