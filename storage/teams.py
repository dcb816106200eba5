"""Workspaces, their settings and their users' language preferences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from storage.models import Creator, ProcessedEvent, TeamSettings, UserPreference


def get_or_create_settings(
    *, session: Session, team_id: str, default_locale: str, timezone: str, now: datetime
) -> TeamSettings:
    """The team's settings row, created with the process defaults on first use.

    Call it first in a session: on first use it ends the session's transaction. The look-up
    opened a read transaction, and on SQLite a write after a read cannot wait for another
    writer (its snapshot may be stale, "database is locked" at once), so the insert starts a
    transaction of its own. Of concurrent first requests, the first insert wins and the
    others read its row.
    """
    settings = session.get(TeamSettings, team_id)
    if settings is not None:
        return settings
    session.rollback()
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    session.execute(
        insert(TeamSettings)
        .values(
            team_id=team_id,
            default_locale=default_locale,
            timezone=timezone,
            approval_settings={},
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["team_id"])
    )
    return session.get(TeamSettings, team_id)


def creator_count(*, session: Session, team_id: str) -> int:
    """How many creators the team has, archived ones included (is the workspace in use?)."""
    statement = select(func.count()).select_from(Creator).where(Creator.team_id == team_id)
    return session.exec(statement).one()


def get_user_preference(*, session: Session, team_id: str, user_id: str) -> UserPreference | None:
    return session.get(UserPreference, (team_id, user_id))


def set_user_locale(
    *,
    session: Session,
    team_id: str,
    user_id: str,
    locale: str | None = None,
    slack_locale: str | None = None,
    now: datetime,
) -> UserPreference:
    """Record the user's chosen language and/or the locale Slack reports for them.

    One upsert, no look-up first: on SQLite a write after a read in the same transaction
    cannot wait for another writer (its snapshot may be stale: "database is locked" at
    once, which the status cards' keeping made likely), and two first requests of a new
    user on two workers would both insert. Call it first in a session, as the callers do.
    """
    given = {"updated_at": now}
    if locale is not None:
        given["locale"] = locale
    if slack_locale is not None:
        given["slack_locale"] = slack_locale
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    session.execute(
        insert(UserPreference)
        .values(team_id=team_id, user_id=user_id, **given)
        .on_conflict_do_update(index_elements=["team_id", "user_id"], set_=given)
    )
    preference = session.get(UserPreference, (team_id, user_id), populate_existing=True)
    assert preference is not None  # just written
    return preference


def first_delivery(*, session: Session, team_id: str, event_id: str, now: datetime) -> bool:
    """Record an Events API delivery; False when this event was handled before (a retry)."""
    try:
        with session.begin_nested():
            session.add(ProcessedEvent(team_id=team_id, event_id=event_id, received_at=now))
    except IntegrityError:
        return False
    return True


def get_settings(*, session: Session, team_id: str) -> TeamSettings | None:
    return session.get(TeamSettings, team_id)
