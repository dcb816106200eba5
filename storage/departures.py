"""Workspaces that left: stop what the clock would send there, keep their data for a while,
then erase every row that belongs to them."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, text
from sqlmodel import Session, SQLModel, col, select

from storage import reminders
from storage.models import HomeRefresh, TeamDataVersion, TeamDeparture

# How long a departed workspace's data is kept, so that a re-install within it finds
# everything as it was (README, "Install in more workspaces").
RETENTION = timedelta(days=30)


def record_departure(*, session: Session, team_id: str, now: datetime) -> int:
    """The workspace uninstalled the app: cancel its pending reminders and forget its Home
    tabs (nothing can be sent there any more: cancelled, not failed, and no tab left due
    for the clock to publish), and start its retention period. The number of reminders
    cancelled. A second departure keeps the first date."""
    cancelled = reminders.cancel(session=session, team_id=team_id, dedupe_key_prefix="")
    session.exec(delete(HomeRefresh).where(col(HomeRefresh.team_id) == team_id))
    if session.get(TeamDeparture, team_id) is None:
        session.add(TeamDeparture(team_id=team_id, left_at=now))
    return cancelled


def record_return(*, session: Session, team_id: str) -> None:
    """Installed again within the retention period: the data stays."""
    departure = session.get(TeamDeparture, team_id)
    if departure is not None:
        session.delete(departure)


def departed(*, session: Session, team_id: str) -> bool:
    return session.get(TeamDeparture, team_id) is not None


def due_for_erasure(
    *, session: Session, now: datetime, retention: timedelta = RETENTION
) -> list[str]:
    """The teams whose retention period is over."""
    rows = session.exec(
        select(TeamDeparture.team_id).where(col(TeamDeparture.left_at) <= now - retention)
    )
    return sorted(rows)


def erase_team(*, session: Session, team_id: str) -> int:
    """Delete every row of the team from every table that has a team_id (children first);
    the number of rows deleted."""
    if session.get_bind().dialect.name == "postgresql":
        # The data version's triggers run at each statement, not at the commit, so that
        # the version row they raise is gone with the rest (deleted last, below).
        session.exec(text("SET CONSTRAINTS ALL IMMEDIATE"))
    versions = TeamDataVersion.__table__
    tables = [t for t in reversed(SQLModel.metadata.sorted_tables) if t is not versions]
    deleted = 0
    for table in [*tables, versions]:
        if "team_id" in table.c:
            result = session.exec(delete(table).where(table.c.team_id == team_id))
            deleted += result.rowcount or 0
    return deleted
