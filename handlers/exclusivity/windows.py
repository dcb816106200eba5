"""`/exclusivity check` and `/exclusivity list`: the agreed windows of a creator or the team."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from domain.agreement import start_of_day
from domain.negotiation import Terms
from domain.quote_command import parse_date
from domain.values import Platform, Scope
from domain.windows import PlannedPost, WindowFacts, conflicts
from handlers.blocks.common import ephemeral, escape
from handlers.blocks.exclusivity.windows import (
    MAX_LISTED,
    build_check_answer,
    build_window_list,
    window_line,
)
from handlers.commands import CommandRequest
from handlers.context import deps, now, team_timezone, tr
from handlers.lookup import named_creator
from storage import creators, exclusivity
from storage.db import session_scope
from storage.models import Brand, Creator, ExclusivityWindow, Partnership

DATE_TOKEN = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d{2}-\d{2}-\d{4}$", re.ASCII)


async def handle_check(request: CommandRequest) -> None:
    """`/exclusivity check <creator> <date> [platform] [brand]`."""
    t = tr(request.context)
    words = request.args.split()
    at = next((i for i, w in enumerate(words) if DATE_TOKEN.match(w)), None)
    usage = escape(t.gettext("Use `/exclusivity check <creator> <date> [platform] [brand]`."))
    if at is None or at == 0:
        await request.ack(ephemeral(usage))
        return
    day = parse_date(words[at])
    if day is None:
        await request.ack(ephemeral(usage))
        return
    rest = words[at + 1 :]
    platform = None
    if rest and rest[0].lower() in {p.value for p in Platform}:
        platform = Platform(rest[0].lower())
        rest = rest[1:]
    with session_scope(deps(request.context).engine) as session:
        found = await named_creator(
            request, session, t, query=" ".join(words[:at]), subcommand="status"
        )
        if found is None:
            return
        # Any brand may be checked, also a competitor we don't manage (its category unknown).
        brand_name = " ".join(rest)[:80] or None
        known = (
            creators.find_brand(session=session, team_id=request.team_id, name=brand_name)
            if brand_name
            else None
        )
        facts = window_facts(session, request.team_id, creator_id=found.id)
    timezone = team_timezone(request.context)
    post = PlannedPost(
        starts_at=start_of_day(day, timezone),
        platform=platform,
        brand=known.name if known else brand_name,
        brand_category=known.category if known else None,
    )
    hits = conflicts([f for f, _ in facts], post)
    await request.ack(
        build_check_answer(
            t, found.display_name, day, hits, ZoneInfo(timezone), brand_named=bool(brand_name)
        )
    )


def window_facts(
    session: Session,
    team_id: str,
    *,
    creator_id: int | None = None,
    ending_after: datetime | None = None,
) -> list[tuple[WindowFacts, ExclusivityWindow]]:
    rows = exclusivity.windows(
        session=session, team_id=team_id, creator_id=creator_id, ending_after=ending_after
    )
    partnerships = {p.id: p for p in (session.get(Partnership, r.partnership_id) for r in rows)}
    brands = {b.id: b for b in (session.get(Brand, p.brand_id) for p in partnerships.values())}
    facts = []
    for row in rows:
        brand = brands[partnerships[row.partnership_id].brand_id]
        facts.append(
            (
                WindowFacts(
                    window_id=row.id,
                    brand=brand.name,
                    brand_category=brand.category,
                    scope=Scope(row.scope),
                    competitors=tuple(row.competitors),
                    platforms=frozenset(Platform(p) for p in row.platforms),
                    starts_at=row.starts_at,
                    ends_at=row.ends_at,
                ),
                row,
            )
        )
    return facts


async def handle_list(request: CommandRequest) -> None:
    """`/exclusivity list [creator]`: windows in force now or later."""
    t = tr(request.context)
    zone = ZoneInfo(team_timezone(request.context))
    with session_scope(deps(request.context).engine) as session:
        creator_id = None
        if request.args.strip():
            found = await named_creator(request, session, t, subcommand="status")
            if found is None:
                return
            creator_id = found.id
        facts = window_facts(
            session, request.team_id, creator_id=creator_id, ending_after=now(request.context)
        )
        names = {row.id: session.get(Creator, row.creator_id).display_name for _, row in facts}
    lines = []
    for fact, row in facts[:MAX_LISTED]:
        terms = Terms(
            scope=fact.scope,
            competitors=fact.competitors,
            before_hours=row.before_hours,
            after_hours=row.after_hours,
            platforms=fact.platforms or None,
            content_types=None,
        )
        lines.append(
            window_line(
                t,
                names[row.id],
                fact.brand,
                terms,
                fact.starts_at.astimezone(zone),
                fact.ends_at.astimezone(zone),
                row.status,
            )
        )
    await request.ack(build_window_list(t, lines))
