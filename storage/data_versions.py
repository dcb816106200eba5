"""A workspace's data version: raised by database triggers on every change to its data
(migration 0012), read before what is remembered from it is used again."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, bindparam
from sqlmodel import select

from storage.db import HotQuery
from storage.models import TeamDataVersion

_VERSION = HotQuery(
    select(TeamDataVersion.version).where(TeamDataVersion.team_id == bindparam("team_id"))
)


def team_data_version(connection: Connection, team_id: str) -> int:
    """The workspace's data version now; 0 while nothing of it was ever written (its data
    from before migration 0012, which a first change then versions)."""
    row = _VERSION.first(connection, team_id=team_id)
    return row[0] if row is not None else 0


def current_team_data_version(engine: Engine, team_id: str) -> int:
    """`team_data_version` on a connection of its own, outside any transaction: the cheapest
    read there is (a remembered card's only statement). Read it before the data it versions:
    a change committed in between then makes the data newer than the version, never older."""
    with engine.connect() as connection:
        return team_data_version(connection, team_id)
