"""The creator and partnership tables hold what the form and the import accept, on both
databases: their columns are built from the one field definition (domain/fields.py). What a
person gives (`...Create`) is that field set, validated against the columns; what leaves
storage (`...Public`) carries no team, look-up keys or erasure."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from dataclasses import replace
from decimal import Decimal

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlmodel import SQLModel

from domain import fields
from domain.drafts import CreatorDraft, PartnershipDraft, validate_creator, validate_partnership
from storage import creators
from storage.db import session_scope
from storage.models import (
    Brand,
    BrandBase,
    BrandCreate,
    BrandPublic,
    Creator,
    CreatorBase,
    CreatorCreate,
    CreatorPublic,
    Partnership,
    PartnershipBase,
    PartnershipCreate,
    PartnershipPublic,
)
from tests.factories import make_brand, make_creator, make_partnership


def test_the_forms_drafts_and_the_tables_share_one_field_set() -> None:
    assert tuple(CreatorBase.model_fields) == fields.CREATOR_FIELDS
    assert tuple(PartnershipBase.model_fields) == fields.PARTNERSHIP_FIELDS
    assert tuple(f.name for f in dataclass_fields(CreatorDraft)) == fields.CREATOR_FIELDS
    draft_fields = {f.name for f in dataclass_fields(PartnershipDraft)}
    assert draft_fields == {"brand_name", *fields.PARTNERSHIP_FIELDS}


def test_the_largest_amounts_the_form_accepts_are_stored_exactly(engine: Engine) -> None:
    draft, errors = validate_partnership(
        {"brand": "Koffie & Co", "quarterly_fee": "99.999.999", "premium_pct": "999,99"}
    )
    assert not errors and draft is not None
    creator = make_creator(engine)
    brand = make_brand(engine)
    partnership = make_partnership(
        engine,
        creator,
        brand,
        quarterly_fee=draft.quarterly_fee,
        premium_pct=draft.premium_pct,
        performance_incentive="x" * fields.PERFORMANCE_INCENTIVE.max_length,
    )
    with session_scope(engine) as session:
        stored = creators.get_partnership(
            session=session, team_id=partnership.team_id, partnership_id=partnership.id
        )
        assert stored is not None
        assert stored.quarterly_fee == Decimal("99999999")
        assert stored.premium_pct == Decimal("999.99")
        assert len(stored.performance_incentive) == fields.PERFORMANCE_INCENTIVE.max_length


def test_a_premium_the_column_cannot_hold_is_refused_in_the_form() -> None:
    _, errors = validate_partnership({"premium_pct": "1000"})
    assert errors["premium_pct"].code == "too_large"
    assert errors["premium_pct"].figures["limit"] == Decimal("999.99")


def test_a_creator_with_every_text_at_its_limit_is_stored_whole(engine: Engine) -> None:
    raw = {
        "handle": "h" * fields.HANDLE.max_length,
        "display_name": "D" * fields.DISPLAY_NAME.max_length,
        "niche": "n" * fields.NICHE.max_length,
        "contact": "c" * fields.CONTACT.max_length,
        "base_rate": "1250",
    }
    draft, errors = validate_creator(raw)
    assert not errors and draft is not None
    creator = make_creator(
        engine,
        draft.display_name,
        draft.handle,
        niche=draft.niche,
        contact=draft.contact,
    )
    with session_scope(engine) as session:
        stored = creators.get_creator(
            session=session, team_id=creator.team_id, creator_id=creator.id
        )
        assert stored is not None
        assert (stored.handle, stored.display_name, stored.niche, stored.contact) == (
            raw["handle"],
            raw["display_name"],
            raw["niche"],
            raw["contact"],
        )
        assert (stored.language, stored.currency) == (fields.LANGUAGE.default, "EUR")


BASES_AND_CREATES = [
    (BrandBase, BrandCreate),
    (CreatorBase, CreatorCreate),
    (PartnershipBase, PartnershipCreate),
]
INTERNAL_COLUMNS = {"team_id", "handle_key", "name_key", "erased"}


@pytest.mark.parametrize(("base", "create"), BASES_AND_CREATES)
def test_what_a_person_gives_is_exactly_the_shared_field_set(
    base: type[SQLModel], create: type[SQLModel]
) -> None:
    assert tuple(create.model_fields) == tuple(base.model_fields)


def test_what_leaves_storage_has_its_id_and_no_team_look_up_keys_or_erasure(
    engine: Engine,
) -> None:
    creator = make_creator(engine, contact="zoe@example.nl")
    brand = make_brand(engine, pricing_overrides={"minimum_fee": "500"})
    partnership = make_partnership(engine, creator, brand)
    with session_scope(engine) as session:
        shown = [
            CreatorPublic.model_validate(session.get(Creator, creator.id)),
            PartnershipPublic.model_validate(session.get(Partnership, partnership.id)),
            BrandPublic.model_validate(session.get(Brand, brand.id)),
        ]
    # Read after the session closed: plain values, nothing loaded lazily.
    creator_shown, partnership_shown, brand_shown = shown
    assert (creator_shown.id, creator_shown.contact) == (creator.id, "zoe@example.nl")
    assert (partnership_shown.id, partnership_shown.quarterly_fee) == (
        partnership.id,
        Decimal("20000"),
    )
    assert brand_shown.pricing_overrides == {"minimum_fee": "500"}
    for public in shown:
        assert not INTERNAL_COLUMNS & set(public.model_dump())


def test_a_value_the_draft_let_through_but_the_column_cannot_hold_is_refused_loudly() -> None:
    draft, errors = validate_creator({"handle": "zoe", "display_name": "Zoë", "base_rate": "1"})
    assert not errors and draft is not None
    too_long = replace(draft, handle="h" * (fields.HANDLE.max_length + 1))
    with pytest.raises(ValidationError, match="handle"):
        CreatorCreate.model_validate(too_long, from_attributes=True)
    largest = fields.MONEY.maximum
    assert PartnershipCreate(quarterly_fee=largest).quarterly_fee == largest
    with pytest.raises(ValidationError, match="quarterly_fee"):
        PartnershipCreate(quarterly_fee=largest + Decimal("0.01"))
    with pytest.raises(ValidationError, match="premium_pct"):
        PartnershipCreate(premium_pct=fields.PREMIUM_PCT.maximum + 1)
