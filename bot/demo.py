"""The demo data set: small and clearly fictional, for the console and `partnerdesk demo`."""

from __future__ import annotations

from sqlalchemy import Engine

from storage import teams
from storage.db import session_scope

LOCAL_TEAM_ID = "T0LOCAL0001"


def load_demo(
    engine: Engine,
    *,
    team_id: str = LOCAL_TEAM_ID,
    default_locale: str = "nl",
    timezone: str = "Europe/Amsterdam",
) -> str:
    """Load the demo data (idempotent); returns a one-line summary of what is there."""
    with session_scope(engine) as session:
        teams.get_or_create_settings(
            session=session, team_id=team_id, default_locale=default_locale, timezone=timezone
        )
    return "workspace settings"


def needs_demo(engine: Engine, *, team_id: str = LOCAL_TEAM_ID) -> bool:
    """True on an empty database (the console loads the demo data then)."""
    with session_scope(engine) as session:
        return teams.get_settings(session=session, team_id=team_id) is None
