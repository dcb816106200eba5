"""Names the reader may meet in a message: brands by name key, creators' display names."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from domain.names import name_key
from storage.models import Brand, Creator


def brand_name_keys(*, session: Session, team_id: str) -> dict[str, str]:
    """Every brand's name key -> its name as stored."""
    names = session.exec(select(Brand.name).where(Brand.team_id == team_id)).all()
    return {name_key(name): name for name in names}


def display_names(*, session: Session, team_id: str, handles: Iterable[str]) -> dict[str, str]:
    """Handle -> display name, for the creators named."""
    wanted = list(handles)
    if not wanted:
        return {}
    rows = session.exec(
        select(Creator.handle, Creator.display_name).where(
            Creator.team_id == team_id, col(Creator.handle).in_(wanted)
        )
    ).all()
    return dict(rows)
