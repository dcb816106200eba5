"""Finding the creator a command names, forgivingly, and saying so when we can't."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from domain.names import closest
from handlers.blocks.common import ephemeral, fill
from handlers.blocks.status import build_candidates, build_unknown_creator
from locales import Translator
from storage import creators
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
