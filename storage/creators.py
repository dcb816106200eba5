"""Brands, creators and their partnerships: look-ups and writes, all scoped by team.

The writes take what a person gives (storage.models' `...Create`): `create_...` adds a row
with the team, the look-up keys and the caller's clock's stamps; `update_...` changes the
fields the values set. `new_...` builds the row `create_...` would add without writing it,
for the CSV import's batches (storage/importing.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, func, or_
from sqlmodel import Session, col, select

from domain.names import handle_key, handle_of, name_key
from domain.values import Stage
from storage.models import (
    Brand,
    BrandCreate,
    Creator,
    CreatorCreate,
    Partnership,
    PartnershipCreate,
    StageChange,
)

MAX_CANDIDATES = 5
# Stages in which a partnership is the creator's "current" one (not over).
LIVE_STAGES = (Stage.PROSPECT, Stage.ALIGNMENT, Stage.GUARDRAILS, Stage.AMBASSADOR, Stage.GROWTH)


# -- brands --------------------------------------------------------------------------------
def find_brand(*, session: Session, team_id: str, name: str) -> Brand | None:
    statement = select(Brand).where(Brand.team_id == team_id, Brand.name_key == name_key(name))
    return session.exec(statement).first()


def list_brands(*, session: Session, team_id: str) -> Sequence[Brand]:
    return session.exec(select(Brand).where(Brand.team_id == team_id).order_by(Brand.name)).all()


def save_brand(*, session: Session, brand: Brand, now: datetime) -> Brand:
    """Insert or update a brand; its look-up key follows its name."""
    brand.name_key = name_key(brand.name)
    _stamp(brand, now)
    session.add(brand)
    session.flush()
    return brand


def new_brand(*, team_id: str, values: BrandCreate, now: datetime) -> Brand:
    """The brand create_brand adds, keyed and stamped, not yet in the session."""
    update = {"team_id": team_id, "name_key": name_key(values.name)}
    return Brand.model_validate(values, update=update | _new_stamps(now))


def create_brand(
    *,
    session: Session,
    team_id: str,
    values: BrandCreate,
    now: datetime,
    pricing_overrides: dict[str, str] | None = None,
) -> Brand:
    """Add a brand (with the quote model's overrides, when it has any)."""
    brand = new_brand(team_id=team_id, values=values, now=now)
    brand.pricing_overrides = pricing_overrides or {}
    return save_brand(session=session, brand=brand, now=now)


def update_brand(
    *,
    session: Session,
    brand: Brand,
    values: BrandCreate,
    now: datetime,
    pricing_overrides: dict[str, str] | None = None,
) -> Brand:
    """Change the brand's fields the values set (and its overrides, when given)."""
    brand.sqlmodel_update(values.model_dump(exclude_unset=True))
    if pricing_overrides is not None:
        brand.pricing_overrides = pricing_overrides
    return save_brand(session=session, brand=brand, now=now)


# -- creators -------------------------------------------------------------------------------
def get_creator(*, session: Session, team_id: str, creator_id: int) -> Creator | None:
    creator = session.get(Creator, creator_id)
    return creator if creator is not None and creator.team_id == team_id else None


def get_creator_by_handle(
    *, session: Session, team_id: str, handle: str, forgiving: bool = False
) -> Creator | None:
    """The creator with exactly this handle ("@Zoe.DV" is "zoe.dv", and not "zoedv").

    `forgiving` also takes a handle's look-up key ("zoedv", "Zoe DV" for "zoe.dv") when
    exactly one creator has it: for the command line, where there is no list to pick from.
    """
    exact = select(Creator).where(Creator.team_id == team_id, Creator.handle == handle_of(handle))
    found = session.exec(exact).first()
    if found is not None or not forgiving or not handle_key(handle):
        return found
    by_key = select(Creator).where(
        Creator.team_id == team_id, Creator.handle_key == handle_key(handle)
    )
    candidates = session.exec(by_key.limit(2)).all()
    return candidates[0] if len(candidates) == 1 else None


def find_creators(
    *, session: Session, team_id: str, query: str, include_archived: bool = False
) -> list[Creator]:
    """Creators whose handle or display name matches, forgivingly; exact matches win.

    Exact matches first (the handle, then the whole name), then partial ones (a word of the
    name, or the start of the handle) only when there was no exact match.
    """
    key, handle = name_key(query), handle_key(query)
    if not key:
        return []
    # One equality at a time: SQLite serves each from its own index, not an OR from neither.
    exact = (("handle", handle_of(query)), ("handle_key", handle), ("name_key", key))
    for column, value in exact:
        found = session.exec(
            _exact_creators_statement(column, include_archived),
            params={"team_id": team_id, "value": value},
        ).all()
        if found:
            return list(found)
    base = select(Creator).where(Creator.team_id == team_id, col(Creator.erased).is_(False))
    if not include_archived:
        base = base.where(col(Creator.archived).is_(False))
    like = _escape_like(key)
    partial = base.where(
        or_(
            col(Creator.handle_key).startswith(_escape_like(handle), autoescape=False),
            col(Creator.name_key).startswith(like, autoescape=False),
            col(Creator.name_key).contains(" " + like, autoescape=False),
        )
    )
    return list(session.exec(partial.order_by(Creator.display_name).limit(MAX_CANDIDATES)).all())


# Statements on the status card's and the list's paths are built once per shape, their values
# bound at execution: building a SQLAlchemy statement cost more than SQLite running it
# (bench/README.md, "creators.py").
@cache
def _exact_creators_statement(column: str, include_archived: bool) -> Select:
    statement = select(Creator).where(
        Creator.team_id == bindparam("team_id"), col(Creator.erased).is_(False)
    )
    if not include_archived:
        statement = statement.where(col(Creator.archived).is_(False))
    return statement.where(getattr(Creator, column) == bindparam("value")).limit(MAX_CANDIDATES)


def _escape_like(text: str) -> str:
    # name keys contain only word characters and spaces, but "_" is a word character.
    return text.replace("\\", "").replace("%", "").replace("_", "")


def creator_name_keys(*, session: Session, team_id: str) -> dict[str, str]:
    """Every live creator's name key and handle key -> handle (for "did you mean ...?")."""
    rows = session.exec(
        select(Creator.handle, Creator.handle_key, Creator.name_key).where(
            Creator.team_id == team_id,
            col(Creator.archived).is_(False),
            col(Creator.erased).is_(False),
        )
    ).all()
    keys: dict[str, str] = {}
    for handle, handle_lookup, key in rows:
        keys[key] = handle
        keys[handle_lookup] = handle
    return keys


def save_creator(*, session: Session, creator: Creator, now: datetime) -> Creator:
    """Insert or update a creator; the handle's form and the look-up keys follow the values."""
    creator.handle = handle_of(creator.handle)
    creator.handle_key = handle_key(creator.handle)
    creator.name_key = name_key(creator.display_name)
    _stamp(creator, now)
    session.add(creator)
    session.flush()
    return creator


def new_creator(*, team_id: str, values: CreatorCreate, now: datetime) -> Creator:
    """The creator create_creator adds, keyed and stamped, not yet in the session."""
    handle = handle_of(values.handle)
    keys = {"handle": handle, "handle_key": handle_key(handle)}
    update = {"team_id": team_id, "name_key": name_key(values.display_name), **keys}
    return Creator.model_validate(values, update=update | _new_stamps(now))


def create_creator(
    *, session: Session, team_id: str, values: CreatorCreate, now: datetime
) -> Creator:
    """Add a creator to the team."""
    creator = new_creator(team_id=team_id, values=values, now=now)
    return save_creator(session=session, creator=creator, now=now)


def update_creator(
    *, session: Session, creator: Creator, values: CreatorCreate, now: datetime
) -> Creator:
    """Change the creator's fields the values set (the import's file leaves out some)."""
    creator.sqlmodel_update(values.model_dump(exclude_unset=True))
    return save_creator(session=session, creator=creator, now=now)


# -- partnerships ----------------------------------------------------------------------------
def current_partnership(
    *, session: Session, team_id: str, creator_id: int, brand_id: int | None = None
) -> Partnership | None:
    """The creator's live partnership (with that brand), else their most recent one."""
    return session.exec(
        _current_partnership_statement(brand_id is not None),
        params={"team_id": team_id, "creator_id": creator_id, "brand_id": brand_id},
    ).first()


@cache
def _current_partnership_statement(with_brand: bool) -> Select:
    statement = select(Partnership).where(
        Partnership.team_id == bindparam("team_id"),
        Partnership.creator_id == bindparam("creator_id"),
    )
    if with_brand:
        statement = statement.where(Partnership.brand_id == bindparam("brand_id"))
    live_first = func.coalesce(col(Partnership.stage).in_(LIVE_STAGES), False).desc()
    return statement.order_by(
        live_first, col(Partnership.start_date).desc(), col(Partnership.id).desc()
    ).limit(1)


def get_partnership(*, session: Session, team_id: str, partnership_id: int) -> Partnership | None:
    partnership = session.get(Partnership, partnership_id)
    return partnership if partnership is not None and partnership.team_id == team_id else None


def save_partnership(
    *, session: Session, partnership: Partnership, now: datetime, changed_by: str | None = None
) -> Partnership:
    """Insert or update a partnership, recording a stage change when the stage moved."""
    previous_stage = None
    if partnership.id is not None:
        # Without no_autoflush the query would first write the new stage and then read it.
        with session.no_autoflush:
            previous_stage = session.exec(
                select(Partnership.stage).where(Partnership.id == partnership.id)
            ).first()
    _stamp(partnership, now)
    moved = partnership.id is None or previous_stage != partnership.stage
    if moved:
        partnership.stage_changed_at = now
    session.add(partnership)
    session.flush()
    if moved:
        session.add(
            StageChange(
                team_id=partnership.team_id,
                partnership_id=partnership.id,
                from_stage=previous_stage,
                to_stage=partnership.stage,
                changed_by=changed_by,
                changed_at=now,
            )
        )
    return partnership


def new_partnership(
    *, creator: Creator, brand: Brand, values: PartnershipCreate, now: datetime
) -> Partnership:
    """The partnership create_partnership adds, in the creator's currency and stamped, its
    first stage entered `now`; not yet in the session, and without its first stage change."""
    update = {
        "team_id": creator.team_id,
        "creator_id": creator.id,
        "brand_id": brand.id,
        "currency": creator.currency,
        "stage_changed_at": now,
    }
    return Partnership.model_validate(values, update=update | _new_stamps(now))


def create_partnership(
    *,
    session: Session,
    creator: Creator,
    brand: Brand,
    values: PartnershipCreate,
    now: datetime,
    changed_by: str | None = None,
) -> Partnership:
    """Add the creator's partnership with the brand, recording its first stage."""
    partnership = new_partnership(creator=creator, brand=brand, values=values, now=now)
    return save_partnership(
        session=session, partnership=partnership, now=now, changed_by=changed_by
    )


def update_partnership(
    *,
    session: Session,
    partnership: Partnership,
    creator: Creator,
    values: PartnershipCreate,
    now: datetime,
    changed_by: str | None = None,
) -> Partnership:
    """Change the partnership's fields the values set, in the creator's currency; a stage
    change is recorded only when the stage moved."""
    partnership.sqlmodel_update(values.model_dump(exclude_unset=True))
    partnership.currency = creator.currency
    return save_partnership(
        session=session, partnership=partnership, now=now, changed_by=changed_by
    )


def _new_stamps(now: datetime) -> dict[str, datetime]:
    return {"created_at": now, "updated_at": now}


def _stamp(record: Brand | Creator | Partnership, now: datetime) -> None:
    """Updated now; created now too when it is new (the caller's clock: models.columns.stamp)."""
    if record.id is None:
        record.created_at = now
    record.updated_at = now
