"""`/creator roadmap <name>` shows the roadmap; `/creator roadmap start <name> [date]` starts it
(with a pick among candidates when the name is not clear)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from sqlmodel import Session

from domain.values import Stage
from handlers.background import after_ack
from handlers.blocks.common import ephemeral, escape, fill
from handlers.blocks.roadmap import (
    build_start_candidates,
)
from handlers.commands import CommandRequest
from handlers.context import deps, now, team_timezone, today, tr
from handlers.lookup import picked_creator, resolve_creator
from handlers.roadmap.view import card_reply, no_partnership_reply, show_for
from locales import Translator
from storage import creators, roadmaps
from storage.db import session_scope
from storage.models import Brand, Creator

START_WORDS = ("start", "begin")
# `2026-12-01` or `01-12-2026` (also with / or .): the optional start date, last on the line.
# ASCII digits only: `\d` also matches "٣", which no one types as a date here.
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$", re.ASCII)
_DMY_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$", re.ASCII)
_DATE_LIKE = re.compile(r"^\d[\d\-/.]*\d$", re.ASCII)
# A start date further than this from today is a typo, not a plan.
MAX_START_DISTANCE = timedelta(days=366)


def parse_start(text: str) -> tuple[str, date | None, str | None]:
    """`"zoe 2026-12-01"` -> (name, start, None); a date-like word that is no date comes back
    as the third item; no date at all -> (name, None, None)."""
    words = text.split()
    if not words or not _DATE_LIKE.match(words[-1]):
        return " ".join(words), None, None
    word, name = words[-1], " ".join(words[:-1])
    iso, dmy = _ISO_DATE.match(word), _DMY_DATE.match(word)
    try:
        if iso:
            return name, date(int(iso[1]), int(iso[2]), int(iso[3])), None
        if dmy:
            return name, date(int(dmy[3]), int(dmy[2]), int(dmy[1])), None
    except ValueError:
        pass
    if not name:
        return word, None, None  # a creator whose handle is all digits
    return name, None, word


async def handle_roadmap(request: CommandRequest) -> None:
    """`/creator roadmap <name>` shows the roadmap; `/creator roadmap start <name> [date]`
    starts it."""
    first, _, rest = request.args.partition(" ")
    if first.lower() in START_WORDS:
        await _handle_start(request, rest)
        return
    context = request.context
    t = tr(context)
    with session_scope(deps(context).engine) as session:
        found = resolve_creator(
            session, t, team_id=request.team_id, query=request.args, subcommand="roadmap"
        )
        reply = found if isinstance(found, dict) else show_for(session, t, context, found)
    await request.ack(reply)


async def roadmap_picked(
    creator_id: int, context: AsyncBoltContext, respond: AsyncRespond, body: dict[str, Any]
) -> None:
    """The roadmap of a creator picked from a list of candidates."""
    t = tr(context)
    with session_scope(deps(context).engine) as session:
        found = picked_creator(session, t, team_id=context.team_id, creator_id=creator_id)
        reply = found if isinstance(found, dict) else show_for(session, t, context, found)
    await respond(**reply, replace_original=True)


# -- starting -----------------------------------------------------------------------------------
async def _handle_start(request: CommandRequest, text: str) -> None:
    context = request.context
    t = tr(context)
    name, start_on, bad = parse_start(text)
    on = today(context)
    if bad is not None:
        await request.ack(
            ephemeral(
                fill(
                    t.gettext(
                        "“{text}” is not a date I can read. Use YYYY-MM-DD or DD-MM-YYYY, e.g. "
                        "`/creator roadmap start {name} {example}`."
                    ),
                    text=bad[:20],
                    name=name[:80],
                    example=on.isoformat(),
                )
            )
        )
        return
    if not name:
        await request.ack(
            ephemeral(
                escape(
                    t.gettext(
                        "Which creator? `/creator roadmap start <name> [YYYY-MM-DD]` (from "
                        "today when you give no date)."
                    )
                )
            )
        )
        return
    start_on = start_on or on
    if abs(start_on - on) > MAX_START_DISTANCE:
        await request.ack(
            ephemeral(
                t.gettext(
                    "{date} is more than a year from today. Which start date do you mean?"
                ).format(date=t.date(start_on))
            )
        )
        return
    with session_scope(deps(context).engine) as session:
        found = creators.find_creators(session=session, team_id=request.team_id, query=name)
        if len(found) > 1:
            reply = build_start_candidates(
                t, name, start_on, [(c.id, c.display_name, c.handle) for c in found]
            )
        else:
            creator = (
                found[0]
                if found
                else resolve_creator(
                    session, t, team_id=request.team_id, query=name, subcommand="roadmap start"
                )
            )
            reply = (
                creator
                if isinstance(creator, dict)
                else _start_for(session, t, context, creator, start_on, request.user_id)
            )
    await request.ack(reply)


def _start_for(
    session: Session,
    t: Translator,
    context: AsyncBoltContext,
    creator: Creator,
    start_on: date,
    user_id: str,
) -> dict[str, Any]:
    partnership = creators.current_partnership(
        session=session, team_id=creator.team_id, creator_id=creator.id
    )
    if partnership is None:
        return no_partnership_reply(t, creator)
    brand = session.get(Brand, partnership.brand_id)
    title = escape(f"{creator.display_name} · {brand.name if brand else '?'}")
    if partnership.stage is Stage.ENDED:
        return ephemeral(
            t.gettext("The partnership {title} has ended: there is no roadmap to start.").format(
                title=title
            )
        )
    on, at = today(context), now(context)
    try:
        loaded = roadmaps.create_roadmap(
            session=session,
            partnership=partnership,
            start_on=start_on,
            owner_id=partnership.owner_user_id or user_id,
            created_by=user_id,
            timezone=team_timezone(context),
            now=at,
        )
    except roadmaps.RoadmapExists as exists:
        notice = t.gettext(
            "ℹ️ {title} already has a roadmap (one per partnership), started {date}. Here it is."
        ).format(title=title, date=t.date(exists.start_on))
        return card_reply(session, t, creator.team_id, exists.roadmap_id, on, at, notice)
    notice = t.gettext("✅ Roadmap started for {title}: 12 weeks from {date}.").format(
        title=title, date=t.date(start_on)
    )
    return card_reply(session, t, creator.team_id, loaded.roadmap.id, on, at, notice)


async def handle_start_pick(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """A candidate picked for `roadmap start`: start that creator's roadmap on the date given."""
    await ack()
    t = tr(context)
    creator_id, _, iso = body["actions"][0]["value"].partition(":")
    with session_scope(deps(context).engine) as session:
        found = picked_creator(
            session,
            t,
            team_id=context.team_id,
            creator_id=int(creator_id) if creator_id.isdigit() else 0,
        )
        reply = (
            found
            if isinstance(found, dict)
            else _start_for(session, t, context, found, date.fromisoformat(iso), context.user_id)
        )
    after_ack(context, respond(**reply, replace_original=True))
