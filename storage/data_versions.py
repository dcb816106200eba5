"""A workspace's data version: raised by database triggers on every change to its data
(migration 0012), read before what is remembered from it is used again."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam
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
