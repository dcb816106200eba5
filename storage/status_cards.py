"""Status cards shared by the web workers: kept per workspace, only at its current data
version (handlers/card_cache.py decides when a card may be used again)."""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, bindparam, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from storage.db import HotQuery, session_scope
from storage.models import StatusCard

logger = logging.getLogger(__name__)

_REMEMBERED = HotQuery(
    select(StatusCard.reply, StatusCard.built_at, StatusCard.good_until).where(
        StatusCard.team_id == bindparam("team_id"),
        StatusCard.card_key == bindparam("card_key"),
        StatusCard.version == bindparam("version"),
        col(StatusCard.built_at) <= bindparam("now"),
        col(StatusCard.good_until) > bindparam("now"),
    )
)


def card_key(asked: str, language: str, timezone: str) -> str:
    """What makes a card this card, besides its workspace and version: the words asked, in
    a language and a time zone (hashed: the words may be long)."""
    return hashlib.sha256("\x1f".join((asked, language, timezone)).encode()).hexdigest()


def remembered_card(
    engine: Engine, *, team_id: str, key: str, version: int, now: datetime
) -> tuple[dict[str, Any], datetime, datetime] | None:
    """The card kept for this key at this data version, if `now` is inside its time: the
    reply, when it was built and until when it reads the same."""
    with engine.connect() as connection:
        row = _REMEMBERED.first(connection, team_id=team_id, card_key=key, version=version, now=now)
    return row  # type: ignore[return-value] - the three columns selected


def remember_card(
    engine: Engine,
    *,
    team_id: str,
    key: str,
    version: int,
    built_at: datetime,
    good_until: datetime,
    reply: dict[str, Any],
) -> bool:
    """Keep a card built at `version` for the other workers, and drop the workspace's cards
    of older versions (nothing can use them again). A card of a newer version is never
    replaced by an older one. False when the database was too busy to take it: a card not
    kept is only built again."""
    values = {
        "team_id": team_id,
        "card_key": key,
        "version": version,
        "built_at": built_at,
        "good_until": good_until,
        "reply": reply,
    }
    try:
        with session_scope(engine, immediate=True) as session:
            _upsert(session, values)
            session.exec(  # type: ignore[call-overload]
                delete(StatusCard).where(
                    col(StatusCard.team_id) == team_id, col(StatusCard.version) < version
                )
            )
    except OperationalError as error:  # SQLite's lock, held by a long write elsewhere
        logger.info("status card not kept for the other workers: %s", error.orig)
        return False
    return True


def forget_cards(session: Session, team_id: str) -> None:
    """Drop every kept card of the workspace (a creator's data erased: no copy may stay)."""
    session.exec(delete(StatusCard).where(col(StatusCard.team_id) == team_id))  # type: ignore[call-overload]


def _upsert(session: Session, values: dict[str, Any]) -> None:
    insert = (postgresql if session.get_bind().dialect.name == "postgresql" else sqlite).insert
    statement = insert(StatusCard).values(**values)
    kept = ("version", "built_at", "good_until", "reply")
    newer = {name: statement.excluded[name] for name in kept}
    session.exec(  # type: ignore[call-overload]
        statement.on_conflict_do_update(
            index_elements=["team_id", "card_key"],
            set_=newer,
            where=col(StatusCard.version) <= statement.excluded.version,
        )
    )
