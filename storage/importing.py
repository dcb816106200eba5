"""Upserting validated CSV rows (domain.importing) into a team's brands, creators, partnerships.

The caller owns the transaction: `partnerdesk import` runs every team in one session, so a
failure anywhere leaves the database as it was. Rows whose values are already stored are not
touched at all, so a re-import changes nothing, not even an `updated_at`.

A row's values become storage.models' `...Create` (validated against the columns, like the
form's). Updates go through storage.creators' update functions (one at a time: they record
stage moves). New records are built by its `new_...` functions, with the keys and stamps
`create_...` would give them, and inserted in batches with their first stage change: one
flush per row made a 50,000-row import hold SQLite's write lock for about two minutes, long
past the bot's 5-second busy timeout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from domain.importing.rows import CREATOR_COLUMNS, PARTNERSHIP_COLUMNS, CreatorRow
from storage.creators import (
    LIVE_STAGES,
    new_brand,
    new_creator,
    new_partnership,
    update_creator,
    update_partnership,
)
from storage.models import (
    Brand,
    BrandCreate,
    Creator,
    CreatorCreate,
    Partnership,
    PartnershipCreate,
    StageChange,
)

# Look-ups by many keys go in chunks: SQLite and PostgreSQL both cap bound parameters.
LOOKUP_CHUNK = 500


@dataclass
class ImportCounts:
    """What an import did (or, on a dry run, would do) in one team."""

    rows: int = 0
    creators_created: int = 0
    creators_updated: int = 0
    creators_unchanged: int = 0
    brands_created: int = 0
    brands_existing: int = 0
    partnerships_created: int = 0
    partnerships_updated: int = 0
    partnerships_unchanged: int = 0
    stage_changes: int = 0


def import_rows(
    *,
    session: Session,
    rows: Sequence[CreatorRow],
    team_ids: Iterable[str],
    now: datetime,
    dry_run: bool = False,
) -> dict[str, ImportCounts]:
    """Upsert the rows into each team; on a dry run only count, writing nothing. `now`
    stamps what is created or changed (and the first stage of a new partnership)."""
    return {team_id: _import_into(session, rows, team_id, dry_run, now) for team_id in team_ids}


def _import_into(
    session: Session, rows: Sequence[CreatorRow], team_id: str, dry_run: bool, now: datetime
) -> ImportCounts:
    counts = ImportCounts(rows=len(rows))
    creators = _creators_by_handle(session, team_id, {row.handle for row in rows})
    brands = _brands_by_key(session, team_id, {row.brand_key for row in rows})
    partnerships = _current_partnerships(session, team_id, [c.id for c in creators.values()])
    # domain.importing guarantees a creator (a brand) is the same on each of its rows.
    new_creators = [
        _upsert_creator(session, team_id, row, creators, counts, dry_run, now)
        for row in _first_of_each(rows, lambda row: row.handle)
    ]
    new_brands = [
        _ensure_brand(team_id, row, brands, counts, now)
        for row in _first_of_each(rows, lambda row: row.brand_key)
    ]
    if not dry_run:  # on a dry run the new records stay out of the session, without ids
        _insert(session, [record for record in [*new_creators, *new_brands] if record])
    new_partnerships = [
        _upsert_partnership(session, row, creators, brands, partnerships, counts, dry_run, now)
        for row in rows
    ]
    if not dry_run:
        _insert_partnerships(session, [record for record in new_partnerships if record])
    return counts


def _first_of_each(
    rows: Sequence[CreatorRow], key: Callable[[CreatorRow], str]
) -> Iterator[CreatorRow]:
    seen: set[str] = set()
    for row in rows:
        if key(row) not in seen:
            seen.add(key(row))
            yield row


def _insert(session: Session, records: Sequence[SQLModel]) -> None:
    # One flush: SQLAlchemy sends the INSERTs in batches and reads the new ids back.
    session.add_all(records)
    session.flush()


def _insert_partnerships(session: Session, partnerships: Sequence[Partnership]) -> None:
    """New partnerships with their first stage change, as save_partnership records it."""
    _insert(session, partnerships)
    _insert(
        session,
        [
            StageChange(
                team_id=partnership.team_id,
                partnership_id=partnership.id,
                from_stage=None,
                to_stage=partnership.stage,
                changed_at=partnership.stage_changed_at,
            )
            for partnership in partnerships
        ],
    )


# -- one row's records -----------------------------------------------------------------------
def _creator_values(row: CreatorRow) -> CreatorCreate:
    """The creator fields the file holds (contact is not in it: an update keeps it)."""
    values = {name: getattr(row, name) for name in CREATOR_COLUMNS}
    return CreatorCreate.model_validate(values | {"handle": row.handle, "platforms": row.audiences})


def _partnership_values(row: CreatorRow) -> PartnershipCreate:
    """The partnership fields the file holds; an empty cell clears the stored value."""
    values = {name: getattr(row, name) for name in PARTNERSHIP_COLUMNS}
    return PartnershipCreate.model_validate(values | {"owner_user_id": row.owner})


def _changes(record: Creator | Partnership, values: dict[str, Any]) -> dict[str, Any]:
    """The values that differ from the stored ones (Decimals compare by value: 35 == 35.00)."""
    return {name: value for name, value in values.items() if getattr(record, name) != value}


def _upsert_creator(
    session: Session,
    team_id: str,
    row: CreatorRow,
    creators: dict[str, Creator],
    counts: ImportCounts,
    dry_run: bool,
    now: datetime,
) -> Creator | None:
    """Update the stored creator in place; a new one is returned for the caller to insert."""
    values = _creator_values(row)
    creator = creators.get(row.handle)
    if creator is None:
        counts.creators_created += 1
        creator = new_creator(team_id=team_id, values=values, now=now)
        creators[row.handle] = creator
        return creator
    if not _changes(creator, values.model_dump(exclude_unset=True)):
        counts.creators_unchanged += 1
        return None
    counts.creators_updated += 1
    if not dry_run:  # a dry run must not even change the loaded object: it would be flushed
        update_creator(session=session, creator=creator, values=values, now=now)
    return None


def _ensure_brand(
    team_id: str, row: CreatorRow, brands: dict[str, Brand], counts: ImportCounts, now: datetime
) -> Brand | None:
    """An existing brand keeps its own category and difficulty; a new one takes the file's."""
    if row.brand_key in brands:
        counts.brands_existing += 1
        return None
    counts.brands_created += 1
    values = BrandCreate(
        name=row.brand, category=row.brand_category, difficulty=row.brand_difficulty
    )
    brand = new_brand(team_id=team_id, values=values, now=now)
    brands[row.brand_key] = brand
    return brand


def _upsert_partnership(
    session: Session,
    row: CreatorRow,
    creators: dict[str, Creator],
    brands: dict[str, Brand],
    partnerships: dict[tuple[int, int], Partnership],
    counts: ImportCounts,
    dry_run: bool,
    now: datetime,
) -> Partnership | None:
    """Update the pair's partnership in place; a new one is returned for the caller to insert
    (none on a dry run, where a new creator or brand has no id to point to)."""
    values = _partnership_values(row)
    creator, brand = creators[row.handle], brands[row.brand_key]
    existing = None
    if creator.id is not None and brand.id is not None:
        existing = partnerships.get((creator.id, brand.id))
    if existing is None:
        counts.partnerships_created += 1
        counts.stage_changes += 1  # the first stage is recorded too
        if dry_run:
            return None
        return new_partnership(creator=creator, brand=brand, values=values, now=now)
    # The partnership takes the creator's currency: the row's, once its creator is updated.
    given = values.model_dump(exclude_unset=True) | {"currency": row.currency}
    changes = _changes(existing, given)
    if not changes:
        counts.partnerships_unchanged += 1
        return None
    counts.partnerships_updated += 1
    counts.stage_changes += "stage" in changes
    if not dry_run:
        update_partnership(
            session=session, partnership=existing, creator=creator, values=values, now=now
        )
    return None


# -- look-ups, a query per chunk rather than per row ----------------------------------------
def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    batch = sorted(values)
    for start in range(0, len(batch), LOOKUP_CHUNK):
        yield batch[start : start + LOOKUP_CHUNK]


def _creators_by_handle(session: Session, team_id: str, handles: set[str]) -> dict[str, Creator]:
    found: dict[str, Creator] = {}
    for chunk in _chunks(handles):
        statement = select(Creator).where(
            Creator.team_id == team_id, col(Creator.handle).in_(chunk)
        )
        found.update((creator.handle, creator) for creator in session.exec(statement))
    return found


def _brands_by_key(session: Session, team_id: str, keys: set[str]) -> dict[str, Brand]:
    found: dict[str, Brand] = {}
    for chunk in _chunks(keys):
        statement = select(Brand).where(Brand.team_id == team_id, col(Brand.name_key).in_(chunk))
        found.update((brand.name_key, brand) for brand in session.exec(statement))
    return found


def _current_partnerships(
    session: Session, team_id: str, creator_ids: Sequence[int | None]
) -> dict[tuple[int, int], Partnership]:
    """Per (creator, brand), the partnership a row updates: as storage.creators'
    current_partnership chooses it (live first, then the latest start, then the newest),
    with a missing start date counting as the oldest."""
    best: dict[tuple[int, int], Partnership] = {}
    for chunk in _chunks(creator_id for creator_id in creator_ids if creator_id is not None):
        statement = select(Partnership).where(
            Partnership.team_id == team_id, col(Partnership.creator_id).in_(chunk)
        )
        for partnership in session.exec(statement):
            key = (partnership.creator_id, partnership.brand_id)
            if key not in best or _recency(partnership) > _recency(best[key]):
                best[key] = partnership
    return best


def _recency(partnership: Partnership) -> tuple[bool, date, int]:
    return (
        partnership.stage in LIVE_STAGES,
        partnership.start_date or date.min,
        partnership.id or 0,
    )
