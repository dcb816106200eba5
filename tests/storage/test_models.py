"""The creator and partnership tables hold what the form and the import accept, on both
databases: their columns are built from the one field definition (domain/fields.py)."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from decimal import Decimal

from sqlalchemy import Engine

from domain import fields
from domain.drafts import CreatorDraft, PartnershipDraft, validate_creator, validate_partnership
from storage import creators
from storage.db import session_scope
from storage.models import CreatorBase, PartnershipBase
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
