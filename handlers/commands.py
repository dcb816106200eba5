"""Slash-command plumbing shared by `/creator` and `/exclusivity`: parsing and routing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

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


def split_command(text: str | None) -> tuple[str, str]:
    """`"status Zoë de Vries"` -> `("status", "Zoë de Vries")`; whitespace is normalised."""
    cleaned = " ".join((text or "")[:MAX_COMMAND_TEXT].split())
    subcommand, _, args = cleaned.partition(" ")
    return subcommand.lower(), args


def make_command_listener(
    subcommands: Mapping[str, Subcommand], fallback: Subcommand
) -> Callable[..., Awaitable[None]]:
    """A Bolt command listener that routes on the first word (unknown words get `fallback`)."""

    async def handle_command(
        ack: AsyncAck,
        body: dict[str, Any],
        context: AsyncBoltContext,
        client: AsyncWebClient,
        respond: AsyncRespond,
    ) -> None:
        subcommand, args = split_command(body.get("text"))
        request = CommandRequest(subcommand, args, body, ack, context, client, respond)
        await subcommands.get(subcommand, fallback)(request)

    return handle_command
