"""The front door: DMs and @-mentions read by `domain.reading` and answered by the same
subcommands (so the same builders and permissions) as `/creator` and `/exclusivity`.

A reply that the slash command would give ephemerally goes ephemeral to the asker in a channel
(a card with fees never shows to the whole channel) and as a message in a DM. What a user
talked about last (a creator) is remembered per user and conversation for a few minutes, as a
memo in the database (several workers serve the app), with the app clock's time.

The slash commands' subcommand tables and the negotiation's move runner belong to other
surfaces: the wiring (bot/app.py) hands them in as `FrontDoor`, so this surface imports none.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from domain import negotiation
from domain.reading import Confidence, Context, Reading, Where, read
from handlers import talk_thread
from handlers.background import after_ack
from handlers.blocks import talk as blocks
from handlers.commands import CommandRequest, Subcommand
from handlers.context import deps, now, today, tr
from storage import creators, memos
from storage import names as names_store
from storage.db import session_scope

logger = logging.getLogger(__name__)

# default: how long "en haar roadmap?" still means the creator talked about last.
SUBJECT_MINUTES = 10
PENDING_MINUTES = 15


@dataclass(frozen=True)
class FrontDoor:
    """What the front door runs of other surfaces, handed in by the wiring."""

    # "creator" / "exclusivity" -> that slash command's subcommand table
    commands: Mapping[str, Mapping[str, Subcommand]]
    run_move: talk_thread.RunMove  # one move in an exclusivity negotiation


def command_for(reading: Reading, user_id: str) -> tuple[str, str, str] | None:
    """The slash command (which, subcommand, arguments) that answers a sure reading."""
    slots = reading.slots
    handle = slots.creator or ""
    match reading.intent:
        case "status":
            return ("creator", "status", handle)
        case "roadmap":
            return ("creator", "roadmap", handle)
        case "windows":
            return ("exclusivity", "list", handle)
        case "approvals":
            return ("creator", "approvals", "mine")
        case "digest_preview":
            return ("creator", "digest", "preview")
        case "language":
            return ("creator", "language", slots.language or "")
        case "list":
            if slots.flagged:
                return ("creator", "list", "flagged")
            if slots.stage:
                return ("creator", "list", slots.stage)
            if slots.mine:
                return ("creator", "list", f"owner <@{user_id}>")
            return ("creator", "list", "")
        case "check":
            if slots.day is None:
                return None
            words = [handle, slots.day.isoformat()]
            if slots.platforms and len(slots.platforms) == 1:
                words.append(next(iter(slots.platforms)).value)
            if slots.brand:
                words.append(slots.brand)
            return ("exclusivity", "check", " ".join(words))
        case "quote":
            return ("exclusivity", "quote", " ".join([handle, *_quote_terms(reading)]))
    return None


def _quote_terms(reading: Reading) -> list[str]:
    """The quote grammar's words for the terms read ("504h", "on tiktok", "only stories")."""
    slots = reading.slots
    words: list[str] = []
    if slots.scope is not None:
        words.append(slots.scope.value)
    if slots.after is not None:
        words.append(f"{negotiation.hours_of(slots.after)}h")
    if slots.before is not None:
        words += ["before", f"{negotiation.hours_of(slots.before)}h"]
    if slots.platforms:
        words += ["on", ",".join(sorted(p.value for p in slots.platforms))]
    if slots.content_types:
        words += ["only", ",".join(sorted(c.value for c in slots.content_types))]
    if slots.brand:
        words += ["brand", slots.brand]
    return words


def _names(session: Any, team_id: str) -> tuple[dict[str, str], dict[str, str]]:
    keys = creators.creator_name_keys(session=session, team_id=team_id)
    return keys, names_store.brand_name_keys(session=session, team_id=team_id)


async def handle_message(
    ack: AsyncAck,
    event: dict[str, Any],
    context: AsyncBoltContext,
    client: AsyncWebClient,
    door: FrontDoor,
) -> None:
    await ack()
    if event.get("subtype") or event.get("bot_id"):
        return  # edits, joins and other bots' messages are not questions to us
    quote_id = talk_thread.quote_in_thread(context, event)
    if quote_id is not None and event.get("type") == "app_mention":
        return  # in a negotiation thread Slack also sends the reply as a `message` event
    if quote_id is not None and event.get("channel_type") == "im":
        # A quote asked for in a DM is negotiated in its thread there.
        after_ack(
            context,
            talk_thread.answer_reply(context, client, quote_id, event, door.run_move),
        )
        return
    after_ack(context, answer(context, client, event, door))


async def answer(
    context: AsyncBoltContext, client: AsyncWebClient, event: dict[str, Any], door: FrontDoor
) -> None:
    t = tr(context)
    user_id = event.get("user") or context.user_id or ""
    channel = event["channel"]
    where = Where.DM if event.get("channel_type") == "im" else Where.MENTION
    subject_key = f"subject:{user_id}:{channel}"
    moment = now(context)
    with session_scope(deps(context).engine) as session:
        names, brands = _names(session, context.team_id)
        subject = memos.recall(
            session=session, team_id=context.team_id, key=subject_key, now=moment
        )
    reading = read(
        event.get("text") or "",
        Context(
            where,
            language=t.language,
            creators=names,
            brands=brands,
            last_creator=(subject or {}).get("handle"),
            today=today(context),
        ),
    )
    target = _Target(channel, user_id, where, event.get("thread_ts"))
    if reading.confidence is Confidence.SMALL_TALK:
        await target.send(client, blocks.build_talk_help(t), public=True)
        return
    if reading.confidence is Confidence.LOST or reading.intent is None:
        await target.send(client, blocks.build_front_lost(t), public=True)
        return
    if reading.intent == "help":
        await target.send(client, blocks.build_talk_help(t), public=True)
        return
    if reading.confidence is Confidence.UNSURE:
        options = [
            (command_for(alt, user_id), alt.slots.creator or "") for alt in reading.alternatives
        ]
        options = [(command, handle) for command, handle in options if command]
        with session_scope(deps(context).engine) as session:
            shown_names = names_store.display_names(
                session=session, team_id=context.team_id, handles=[h for _, h in options]
            )
            memo_id = memos.remember(
                session=session,
                team_id=context.team_id,
                key=f"reading:{user_id}:{channel}:{moment.timestamp()}",
                payload={"kind": "command", "options": [list(c) for c, _ in options]},
                until=moment + timedelta(minutes=PENDING_MINUTES),
                now=moment,
            )
        shown = [shown_names.get(handle, handle) for _, handle in options]
        await target.send(client, blocks.build_which_creator(t, memo_id, shown))
        return
    if reading.slots.creator:
        with session_scope(deps(context).engine) as session:
            memos.remember(
                session=session,
                team_id=context.team_id,
                key=subject_key,
                payload={"handle": reading.slots.creator},
                until=moment + timedelta(minutes=SUBJECT_MINUTES),
                now=moment,
            )
    command = command_for(reading, user_id)
    if command is None:
        await target.send(client, blocks.build_front_lost(t))
        return
    await run_command(context, client, command, target, door)


class _Target:
    """Where an answer goes: the DM, or ephemeral to the asker in the channel."""

    def __init__(self, channel: str, user_id: str, where: Where, thread_ts: str | None) -> None:
        self.channel, self.user_id, self.where, self.thread_ts = channel, user_id, where, thread_ts

    async def send(
        self, client: AsyncWebClient, message: dict[str, Any], *, public: bool = False
    ) -> None:
        """`public`: help and hints, which anyone in the channel may read (in the thread)."""
        body = {k: v for k, v in message.items() if k in ("text", "blocks")}
        if self.thread_ts:
            body["thread_ts"] = self.thread_ts
        if self.where is Where.DM or public:
            await client.chat_postMessage(channel=self.channel, **body)
        else:
            await client.chat_postEphemeral(channel=self.channel, user=self.user_id, **body)


async def run_command(
    context: AsyncBoltContext,
    client: AsyncWebClient,
    command: tuple[str, str, str],
    target: _Target,
    door: FrontDoor,
) -> None:
    """Run the slash subcommand as the user, and send what it would have answered."""
    which, subcommand, args = command
    answered: dict[str, Any] = {}

    async def ack(message: Any = None, **kwargs: Any) -> None:
        if isinstance(message, dict):
            answered.update(message)
        elif isinstance(message, str):
            answered["text"] = message
        answered.update({k: v for k, v in kwargs.items() if v is not None})

    body = {
        "user_id": target.user_id,
        "channel_id": target.channel,
        "team_id": context.team_id,
        "command": f"/{which}",
        "text": f"{subcommand} {args}".strip(),
    }
    request = CommandRequest(subcommand, args, body, ack, context, client, context.respond)
    await door.commands[which][subcommand](request)
    if answered.get("text") or answered.get("blocks"):
        await target.send(client, answered)


_PICK = re.compile(rf"^{blocks.PICK_ACTION}_\d+$")


async def handle_pick(
    ack: AsyncAck,
    body: dict[str, Any],
    context: AsyncBoltContext,
    client: AsyncWebClient,
    door: FrontDoor,
) -> None:
    """A "did you mean" button: apply the reading it stands for (once)."""
    await ack()
    memo_text, _, choice_text = body["actions"][0]["value"].partition(":")
    if not (memo_text.isdigit() and choice_text.isdigit()):
        return
    user_id = body["user"]["id"]
    with session_scope(deps(context).engine) as session:
        payload = memos.take(
            session=session, team_id=context.team_id, memo_id=int(memo_text), now=now(context)
        )
    if payload is None:
        return  # already answered or expired
    choice = int(choice_text)
    if payload.get("kind") == "moves":
        after_ack(
            context,
            talk_thread.apply_choice(context, client, payload, choice, user_id, door.run_move),
        )
        return
    options = payload.get("options") or []
    if 0 <= choice < len(options):
        channel = (body.get("channel") or {}).get("id") or context.channel_id or ""
        where = Where.DM if channel.startswith("D") else Where.MENTION
        target = _Target(channel, user_id, where, None)
        after_ack(context, run_command(context, client, tuple(options[choice]), target, door))


async def handle_none(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """ "None of these": the reading is dropped, nothing changes."""
    await ack()
    value = body["actions"][0].get("value") or ""
    if value.isdigit():
        with session_scope(deps(context).engine) as session:
            memos.take(
                session=session, team_id=context.team_id, memo_id=int(value), now=now(context)
            )


async def is_direct_message(event: dict[str, Any]) -> bool:
    return event.get("channel_type") == "im"


def register(app: AsyncApp, *, door: FrontDoor) -> None:
    """DMs, mentions and the "did you mean" buttons, running what `door` hands in."""

    async def on_message(
        ack: AsyncAck, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        await handle_message(ack, event, context, client, door)

    async def on_pick(
        ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        await handle_pick(ack, body, context, client, door)

    app.event("app_mention")(on_message)
    app.event("message", matchers=[is_direct_message])(on_message)
    app.action(_PICK)(on_pick)
    app.action(blocks.NONE_ACTION)(handle_none)
