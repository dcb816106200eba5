"""Erasing the workspaces whose retention period is over (the clock, hourly) or at once
(`partnerdesk erase --team`)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import Engine

from storage import departures
from storage.db import session_scope

logger = logging.getLogger(__name__)

ERASE_EVERY_SECONDS = 3600


def erase_departed(
    engine: Engine, *, now: datetime, retention: timedelta = departures.RETENTION
) -> list[str]:
    """Erase every team that left more than `retention` ago, one transaction each."""
    with session_scope(engine) as session:
        due = departures.due_for_erasure(session=session, now=now, retention=retention)
    for team_id in due:
        erase_team(engine, team_id)
    return due


def erase_team(engine: Engine, team_id: str) -> int:
    """Every row of the team, its departure record included; the number of rows."""
    with session_scope(engine) as session:
        deleted = departures.erase_team(session=session, team_id=team_id)
    logger.info("erased team %s: %s rows", team_id, deleted)
    return deleted
