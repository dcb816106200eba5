"""`/creator digest`: a channel's weekly digest. Subscribe, unsubscribe, preview; the status
buttons in a digest; the renderer that builds the digest when its reminder falls due.

Subscribing looks the channel up in Slack (is it shared with another organisation? am I in
it?), so it answers after the ack; in a Slack Connect channel it asks for confirmation first,
because the digest shows fees and red flags to everyone in the channel. Each occurrence is a
durable reminder (storage/digests.py); the renderer schedules the next one before it builds
this one, so the chain survives a digest that fails to build or to send.
"""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import datetime, time
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from domain.digest.assembly import assemble
from domain.digest.subscription import (
    DEFAULT_TIME,
    DEFAULT_WEEKDAY,
    GrammarError,
    SubscribeArgs,
    parse_local_time,
    parse_subscribe,
)
from domain.schedule import utc_to_local
from domain.status import assemble_card
from handlers.background import after_ack
from handlers.blocks.common import MAX_BLOCKS_PER_MESSAGE, context_line, ephemeral
from handlers.blocks.digest import subscription as replies
from handlers.blocks.digest.messages import build_digest_messages
from handlers.blocks.digest.sections import STATUS_ACTION
from handlers.blocks.status import build_status_card
from handlers.commands import CommandRequest
from handlers.context import deps, now, team_timezone, tr
from handlers.voice import SEED_DEFAULTS, team_voice
from locales import LANGUAGES, Translator, translator
from storage import creators, digest_facts, digests
from storage import status as status_storage
from storage.db import session_scope
from storage.reminder_claims import ClaimedReminder

logger = logging.getLogger(__name__)

SUBSCRIBE_WORDS = ("subscribe", "abonneer", "aanmelden")
UNSUBSCRIBE_WORDS = ("unsubscribe", "afmelden", "opzeggen")
PREVIEW_WORDS = ("preview", "voorbeeld")
# Slack: about one message per second per channel (ephemeral previews pace themselves too).
POST_INTERVAL_SECONDS = 1.0
CHANNEL_LIST_PAGE = 200
CHANNEL_LIST_MAX_PAGES = 50


# -- building ----------------------------------------------------------------------------------
def digest_messages(
    session: Session, t: Translator, *, team_id: str, at: datetime, timezone: str
) -> list[dict[str, Any]]:
    """The digest at `at` as messages (the first for the channel, the rest for its thread)."""
    local_day = utc_to_local(at, timezone).date()
    facts = digest_facts.load_facts(
        session=session, team_id=team_id, now=at, today=local_day, timezone=timezone
    )
    return build_digest_messages(t, assemble(facts, at, local_day), timezone)


# -- /creator digest ---------------------------------------------------------------------------
async def handle_digest(request: CommandRequest) -> None:
    action, _, rest = request.args.partition(" ")
    action = action.lower()
    if action in SUBSCRIBE_WORDS:
        await _subscribe(request, rest)
    elif action in UNSUBSCRIBE_WORDS:
        await _unsubscribe(request, rest)
    elif action in PREVIEW_WORDS:
        await _preview(request)
    elif not action:
        await _show(request)
    else:
        await request.ack(
            replies.build_usage(tr(request.context), GrammarError("unknown_word", action))
        )


async def _show(request: CommandRequest) -> None:
    t = tr(request.context)
    timezone = team_timezone(request.context)
    with session_scope(deps(request.context).engine) as session:
        row = digests.get_subscription(
            session=session, team_id=request.team_id, channel_id=request.channel_id
        )
        next_at = None
        subscription = None
        if row is not None:
            subscription = (row.weekday, parse_local_time(row.local_time), row.locale)
            pending = digests.next_occurrence(session=session, subscription=row)
            next_at = pending.due_at if pending else None
    await request.ack(replies.build_current(t, request.channel_id, subscription, timezone, next_at))


async def _subscribe(request: CommandRequest, text: str) -> None:
    t = tr(request.context)
    parsed = parse_subscribe(text)
    if isinstance(parsed, GrammarError):
        await request.ack(replies.build_usage(t, parsed))
        return
    if parsed.channel_name and parsed.channel_name == request.body.get("channel_name"):
        parsed = SubscribeArgs(
            channel_id=request.channel_id,
            weekday=parsed.weekday,
            at=parsed.at,
            locale=parsed.locale,
        )
    await request.ack()
    after_ack(request.context, _subscribe_after_ack(request, parsed))


async def _subscribe_after_ack(request: CommandRequest, args: SubscribeArgs) -> None:
    """Find the channel, check it in Slack, then subscribe it (or ask first: Slack Connect)."""
    context, respond = request.context, request.respond
    t = tr(context)
    channel_id = args.channel_id or (None if args.channel_name else request.channel_id)
    if channel_id is None:
        channel_id = await _channel_named(request.client, args.channel_name or "")
        if channel_id is None:
            await respond(**replies.build_channel_unknown(t, args.channel_name or ""))
            return
    weekday = DEFAULT_WEEKDAY if args.weekday is None else args.weekday
    at = args.at or DEFAULT_TIME
    locale = args.locale or t.language
    try:
        info = await request.client.conversations_info(channel=channel_id)
    except SlackApiError as error:
        if error.response.get("error") in ("channel_not_found", "not_in_channel"):
            await respond(**replies.build_not_member(t, channel_id))
            return
        raise
    channel = info["channel"]
    if not channel.get("is_im") and not channel.get("is_member", True):
        await respond(**replies.build_not_member(t, channel_id))
        return
    if channel.get("is_ext_shared"):
        timezone = team_timezone(context)
        value = _encode(channel_id, weekday, at, locale)
        when = replies.schedule_text(t, weekday, at, locale, timezone)
        await respond(**replies.build_connect_confirmation(t, channel_id, value, when))
        return
    await respond(**_save(context, channel_id, weekday, at, locale))


def _encode(channel_id: str, weekday: int, at: time, locale: str) -> str:
    return f"{channel_id}|{weekday}|{at.hour:02d}:{at.minute:02d}|{locale}"


def _decode(value: str) -> tuple[str, int, time, str] | None:
    match = re.fullmatch(r"([CGD][A-Z0-9]+)\|([0-6])\|(\d{2}:\d{2})\|(nl|en)", value or "")
    if match is None:
        return None
    return match[1], int(match[2]), parse_local_time(match[3]), match[4]


def _save(
    context: AsyncBoltContext, channel_id: str, weekday: int, at: time, locale: str
) -> dict[str, Any]:
    """Subscribe (or change) and schedule the next occurrence; the confirmation to show."""
    t = tr(context)
    timezone = team_timezone(context)
    with session_scope(deps(context).engine) as session:
        row, created = digests.subscribe(
            session=session,
            team_id=context.team_id,
            channel_id=channel_id,
            weekday=weekday,
            at=at,
            locale=locale,
            created_by=context.user_id,
            now=now(context),
        )
        if not created:
            digests.cancel_pending(session=session, subscription=row)
        reminder = digests.schedule_ahead(
            session=session, subscription=row, timezone=timezone, after=now(context)
        )
        next_at = reminder.due_at
    return replies.build_subscribed(
        t, channel_id, weekday, at, locale, timezone, next_at, changed=not created
    )


async def _channel_named(client: AsyncWebClient, name: str) -> str | None:
    """The id of the channel called `name` that the bot can see (conversations.list)."""
    cursor = None
    for _page in range(CHANNEL_LIST_MAX_PAGES):
        answer = await client.conversations_list(
            types="public_channel,private_channel",
            exclude_archived=True,
            limit=CHANNEL_LIST_PAGE,
            cursor=cursor,
        )
        for channel in answer.get("channels") or []:
            if channel.get("name") == name or channel.get("name_normalized") == name:
                return channel["id"]
        cursor = (answer.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return None
    return None


async def _unsubscribe(request: CommandRequest, text: str) -> None:
    t = tr(request.context)
    parsed = parse_subscribe(text)
    if isinstance(parsed, GrammarError) or parsed.weekday is not None or parsed.at or parsed.locale:
        error = parsed if isinstance(parsed, GrammarError) else GrammarError("unknown_word", text)
        await request.ack(replies.build_usage(t, error))
        return
    channel_id = parsed.channel_id
    if parsed.channel_name and parsed.channel_name == request.body.get("channel_name"):
        channel_id = request.channel_id
    if parsed.channel_name and channel_id is None:
        await request.ack()
        after_ack(request.context, _unsubscribe_named(request, parsed.channel_name))
        return
    await request.ack(_remove(request.context, channel_id or request.channel_id))


async def _unsubscribe_named(request: CommandRequest, name: str) -> None:
    t = tr(request.context)
    channel_id = await _channel_named(request.client, name)
    if channel_id is None:
        await request.respond(**replies.build_channel_unknown(t, name))
        return
    await request.respond(**_remove(request.context, channel_id))


def _remove(context: AsyncBoltContext, channel_id: str) -> dict[str, Any]:
    with session_scope(deps(context).engine) as session:
        removed = digests.unsubscribe(
            session=session, team_id=context.team_id, channel_id=channel_id
        )
    return replies.build_unsubscribed(tr(context), channel_id, removed)


async def _preview(request: CommandRequest) -> None:
    """The digest as it would be now, only for the user: the first message in the ack, the
    rest as ephemeral messages after it."""
    context = request.context
    user_t = tr(context)
    timezone = team_timezone(context)
    with session_scope(deps(context).engine) as session:
        row = digests.get_subscription(
            session=session, team_id=request.team_id, channel_id=request.channel_id
        )
        locale = row.locale if row is not None and row.locale in LANGUAGES else user_t.language
        messages = digest_messages(
            session, translator(locale), team_id=request.team_id, at=now(context), timezone=timezone
        )
    note = replies.build_preview_note(user_t)
    first = ephemeral(messages[0]["text"], [*messages[0]["blocks"]])
    first["blocks"] = _with_note(first["blocks"], note)
    await request.ack(first)
    if len(messages) > 1:
        after_ack(context, _post_ephemeral(request, messages[1:]))


def _with_note(blocks_: list[dict[str, Any]], note: str) -> list[dict[str, Any]]:
    if len(blocks_) >= MAX_BLOCKS_PER_MESSAGE:
        return blocks_
    return [context_line("👀 " + note), *blocks_]


async def _post_ephemeral(request: CommandRequest, messages: list[dict[str, Any]]) -> None:
    for message in messages:
        await asyncio.sleep(POST_INTERVAL_SECONDS)
        await request.client.chat_postEphemeral(
            channel=request.channel_id, user=request.user_id, **message
        )


# -- buttons -----------------------------------------------------------------------------------
async def handle_status_click(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """A digest's status button: the partnership's card, only for the one who clicked."""
    await ack()
    value = body["actions"][0].get("value") or ""
    after_ack(context, _show_status(context, respond, value))


async def _show_status(context: AsyncBoltContext, respond: AsyncRespond, value: str) -> None:
    t = tr(context)
    reply = ephemeral(t.gettext("That partnership no longer exists."))
    if value.isdigit():
        with session_scope(deps(context).engine) as session:
            partnership = creators.get_partnership(
                session=session, team_id=context.team_id, partnership_id=int(value)
            )
            creator = (
                creators.get_creator(
                    session=session, team_id=context.team_id, creator_id=partnership.creator_id
                )
                if partnership is not None
                else None
            )
            if creator is not None and not creator.erased:
                facts = status_storage.status_facts(
                    session=session, team_id=context.team_id, partnership_id=partnership.id
                )
                if facts is not None:
                    status = assemble_card(facts, now(context), team_timezone(context))
                    reply = build_status_card(t, status)
    await respond(**reply, replace_original=False)


async def handle_confirm(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """ "Subscribe anyway" in a Slack Connect channel, or "Cancel"."""
    await ack()
    action = body["actions"][0]
    decoded = _decode(action.get("value") or "")
    t = tr(context)
    if decoded is None:
        after_ack(context, respond(**replies.build_usage(t), replace_original=True))
        return
    channel_id, weekday, at, locale = decoded
    if action["action_id"] == replies.CANCEL_ACTION:
        reply = replies.build_not_subscribed_after_all(t, channel_id)
    else:
        reply = _save(context, channel_id, weekday, at, locale)
    after_ack(context, respond(**reply, replace_original=True))


# -- the scheduled digest ----------------------------------------------------------------------
def render_digest(session: Session, reminder: ClaimedReminder) -> dict[str, Any] | None:
    """This week's digest for the subscribed channel: the first message, with the rest as its
    thread (`thread`: the delivery posts them as replies, one by one, once this is sent).

    The occurrences after this one are scheduled in the same transaction (they commit with
    this one's new state; storage.digests keeps two ahead, so a week that fails for good does
    not end the chain). The reminder's due time stands in for "now": the renderer has no
    clock of its own. A row claimed before its subscription changed is still this week's
    digest; the changed schedule starts the week after."""
    subscription = digests.subscription_of(session=session, reminder=reminder)
    if subscription is None:
        return None  # unsubscribed
    timezone = team_voice(session, reminder.team_id, SEED_DEFAULTS).timezone
    digests.schedule_ahead(
        session=session, subscription=subscription, timezone=timezone, after=reminder.due_at
    )
    locale = subscription.locale if subscription.locale in LANGUAGES else LANGUAGES[0]
    messages = digest_messages(
        session,
        translator(locale),
        team_id=reminder.team_id,
        at=reminder.due_at,
        timezone=timezone,
    )
    first = dict(messages[0])
    if len(messages) > 1:
        first["thread"] = messages[1:]
    return first


def register(app: AsyncApp) -> None:
    app.action(re.compile(rf"^{STATUS_ACTION}_\d+$"))(handle_status_click)
    app.action(replies.CONFIRM_ACTION)(handle_confirm)
    app.action(replies.CANCEL_ACTION)(handle_confirm)
