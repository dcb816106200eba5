"""Finding the creator a command names, forgivingly, and saying so when we can't.

The one place a surface turns a name (or a candidate button's creator id) into a creator:
`resolve_creator` answers "the one", "which of these?" or "did you mean?"; `named_creator`
also sends that answer for a slash command; `picked_creator` reads the creator a candidate
button carries, which may have been removed since the buttons were shown, and
`open_for_picked` opens a modal for that creator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from sqlmodel import Session

from domain.names import closest
from handlers.blocks.common import ephemeral, fill
from handlers.blocks.status import build_candidates, build_unknown_creator
from handlers.commands import CommandRequest
from handlers.context import deps, tr
from locales import Translator
from storage import creators
from storage.db import session_scope
from storage.models import Creator


def resolve_creator(
    session: Session,
    t: Translator,
    *,
    team_id: str,
    query: str,
    subcommand: str,
    include_archived: bool = False,
) -> Creator | dict[str, Any]:
    """The one creator `query` names, or the ephemeral answer to send instead.

    An ambiguous name offers the candidates as buttons that re-run `subcommand` for the one
    picked; an unknown name suggests the closest names we know.
    """
    query = query.strip()
    if not query:
        return ephemeral(
            fill(
                t.gettext("Which creator? Add a name: `/creator {subcommand} <name>`."),
                subcommand=subcommand,
            )
        )
    found = creators.find_creators(
        session=session, team_id=team_id, query=query, include_archived=include_archived
    )
    if len(found) == 1:
        return found[0]
    if found:
        return build_candidates(
            t, query, subcommand, [(c.id, c.display_name, c.handle) for c in found]
        )
    known = creators.creator_name_keys(session=session, team_id=team_id)
    suggestions = sorted({known[key] for key in closest(query, known)})
    return build_unknown_creator(t, query, suggestions)


async def named_creator(
    request: CommandRequest,
    session: Session,
    t: Translator,
    *,
    subcommand: str,
    query: str | None = None,
    include_archived: bool = False,
) -> Creator | None:
    """The creator the command names (its arguments, or `query`); None when there is no one
    creator, after acknowledging the command with the candidates or the suggestions."""
    found = resolve_creator(
        session,
        t,
        team_id=request.team_id,
        query=request.args if query is None else query,
        subcommand=subcommand,
        include_archived=include_archived,
    )
    if isinstance(found, dict):
        await request.ack(found)
        return None
    return found


def picked_creator(
    session: Session, t: Translator, *, team_id: str, creator_id: int
) -> Creator | dict[str, Any]:
    """The creator a candidate button names, or the ephemeral answer that it is gone."""
    creator = creators.get_creator(session=session, team_id=team_id, creator_id=creator_id)
    if creator is None:
        return ephemeral(t.gettext("That creator no longer exists."))
    return creator


# What a modal opened for a creator shows: the view, or a sentence saying why there is none.
ViewFor = Callable[[Session, Translator, Creator], dict[str, Any] | str]


async def open_for_picked(
    creator_id: int,
    context: AsyncBoltContext,
    respond: AsyncRespond,
    body: dict[str, Any],
    view_for: ViewFor,
) -> None:
    """Open the modal `view_for` builds for a creator picked from candidates, or say why not."""
    t = tr(context)
    with session_scope(deps(context).engine) as session:
        found = picked_creator(session, t, team_id=context.team_id, creator_id=creator_id)
        if isinstance(found, dict):
            await respond(**found)
            return
        view = view_for(session, t, found)
    if isinstance(view, str):
        await respond(**ephemeral(view))
        return
    await context.client.views_open(trigger_id=body["trigger_id"], view=view)
