"""Replies in a negotiation thread read by `domain.reading`: act when sure, ask when unsure.

Every move, typed or clicked, goes through `handlers.exclusivity.negotiation.run_move`
(handed in by the caller, so this module imports no surface), so the permission and state
checks there hold for what people type too. An unsure reading is kept as a memo
(storage.memos) and offered as buttons that carry only the memo's id.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from domain import intents
from domain.reading import Confidence, Context, Reading, Where, read
from domain.reading.serial import move_from_json, move_to_json
from handlers.blocks import talk as blocks
from handlers.context import deps, now, team_tr
from locales import translator
from storage import exclusivity, memos
from storage.db import session_scope

RunMove = Callable[
    [AsyncBoltContext, AsyncWebClient, int, intents.Intent | None, str], Awaitable[None]
]
# default: how long a "did you mean ...?" can be answered.
PENDING_MINUTES = 15


def one_round(moves: tuple[intents.Intent, ...]) -> list[intents.Intent]:
    """The moves to run, in order: the changes of terms as one round, then ask, accept or
    withdraw (each of those a round of its own, as with the buttons)."""
    changes = [m for m in moves if m.code not in ("ask", "accept", "withdraw")]
    rest = [m for m in moves if m.code in ("ask", "accept", "withdraw")]
    first: list[intents.Intent] = []
    if len(changes) == 1:
        first = changes
    elif changes:
        first = [intents.Together(tuple(changes))]
    return first + sorted(rest, key=lambda m: ("ask", "accept", "withdraw").index(m.code))


def quote_in_thread(context: AsyncBoltContext, event: dict[str, Any]) -> int | None:
    """The id of the negotiation whose thread the event was written in, if any."""
    if not event.get("thread_ts"):
        return None
    with session_scope(deps(context).engine) as session:
        quote = exclusivity.quote_in_thread(
            session=session,
            team_id=context.team_id,
            channel_id=event["channel"],
            thread_ts=event["thread_ts"],
        )
        return quote.id if quote else None


async def answer_reply(
    context: AsyncBoltContext,
    client: AsyncWebClient,
    quote_id: int,
    event: dict[str, Any],
    run_move: RunMove,
) -> None:
    """Read a thread reply and act, ask, explain or stay quiet."""
    text = event.get("text") or ""
    user_id = event.get("user") or ""
    channel, thread_ts = event["channel"], event["thread_ts"]
    with session_scope(deps(context).engine) as session:
        quote = exclusivity.get_quote(session=session, team_id=context.team_id, quote_id=quote_id)
    # The thread speaks the quote's language (the team's, if the quote has gone since).
    t = translator(quote.locale) if quote else team_tr(context)
    locale = t.language
    reading = read(text, Context(Where.THREAD, language=locale))
    if reading.confidence is Confidence.SMALL_TALK:
        return  # thanks and chatter: a busy thread is not answered (not even a reaction)
    if reading.confidence is Confidence.LOST or not reading.moves:
        await client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, **blocks.build_thread_lost(t)
        )
        return
    if reading.confidence is Confidence.UNSURE:
        await ask(context, client, quote_id, reading, channel, thread_ts, locale)
        return
    strict = intents.parse_intent(text) is not None
    if not strict:
        await client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, **blocks.build_understood(t, reading.moves)
        )
    for move in one_round(reading.moves):
        await run_move(context, client, quote_id, move, user_id)


async def ask(
    context: AsyncBoltContext,
    client: AsyncWebClient,
    quote_id: int,
    reading: Reading,
    channel: str,
    thread_ts: str,
    locale: str,
) -> None:
    """ "Bedoel je: …?" with a button per reading; the reading waits in a memo."""
    t = translator(locale)
    options = [alt.moves for alt in reading.alternatives if alt.moves] or [reading.moves]
    moment = now(context)
    with session_scope(deps(context).engine) as session:
        memo_id = memos.remember(
            session=session,
            team_id=context.team_id,
            key=f"reading:{quote_id}:{thread_ts}:{moment.timestamp()}",
            payload={
                "kind": "moves",
                "quote_id": quote_id,
                "options": [[move_to_json(m) for m in moves] for moves in options],
            },
            until=moment + timedelta(minutes=PENDING_MINUTES),
            now=moment,
        )
    choices = [blocks.moves_text(t, moves) for moves in options]
    await client.chat_postMessage(
        channel=channel, thread_ts=thread_ts, **blocks.build_did_you_mean(t, memo_id, choices)
    )


async def apply_choice(
    context: AsyncBoltContext,
    client: AsyncWebClient,
    payload: dict[str, Any],
    choice: int,
    user_id: str,
    run_move: RunMove,
) -> None:
    """A "did you mean" button: the reading it stands for, as if it had been typed."""
    options = payload.get("options") or []
    if not 0 <= choice < len(options):
        return
    moves = tuple(m for m in (move_from_json(d) for d in options[choice]) if m is not None)
    for move in one_round(moves):
        await run_move(context, client, int(payload["quote_id"]), move, user_id)
