"""What a user typed in a creator, partnership or brand form: typed values, or a code per field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.drafts import (
    FieldError,
    parse_decimal,
    parse_platforms,
    validate_brand,
    validate_creator,
    validate_partnership,
)
from domain.values import Difficulty, IPModel, Stage

D = Decimal
CREATOR = {
    "handle": "@Zoe.DV",
    "display_name": "Zoë de Vries",
    "platforms": "instagram:120000|tiktok:45000",
    "base_rate": "1.250,50",
}


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("1250", "1250"),
        ("1.250,50", "1250.50"),  # the Dutch way
        ("1,250.50", "1250.50"),  # the English way
        ("0,84", "0.84"),
        ("12,5", "12.5"),
        ("12.5", "12.5"),
        ("1.200", "1200"),  # a group of three after the mark: thousands
        ("1,200", "1200"),
        ("1.200.000", "1200000"),
        ("€ 1.250", "1250"),
        ("1 250,00", "1250.00"),
        ("1'250.00", "1250.00"),
    ],
)
def test_a_number_typed_the_dutch_or_the_english_way(typed: str, number: str) -> None:
    assert parse_decimal(typed) == D(number)


@pytest.mark.parametrize(
    "typed", ["", "abc", "12 euro", "1.2.3", "1,200.000,5", "1,2345,6", "1e5", "9" * 21]
)
def test_what_is_no_number_is_none(typed: str) -> None:
    assert parse_decimal(typed) is None


def test_platforms_with_their_audiences() -> None:
    assert parse_platforms("instagram:120000|tiktok:45000") == {
        "instagram": 120000,
        "tiktok": 45000,
    }
    assert parse_platforms(" Instagram : 120.000 \n TikTok:45_000 ") == {
        "instagram": 120000,
        "tiktok": 45000,
    }
    assert parse_platforms("youtube") == {"youtube": 0}  # the audience is not known yet
    assert parse_platforms("") == {}


def test_an_unknown_platform_or_audience_is_named() -> None:
    assert parse_platforms("instagram:5|myspace:100") == FieldError(
        "unknown_platform", {"platform": "myspace"}
    )
    assert parse_platforms("tiktok:lots") == FieldError("bad_audience", {"platform": "tiktok"})
    assert parse_platforms("tiktok:-5") == FieldError("bad_audience", {"platform": "tiktok"})


def test_a_creator_as_typed_becomes_a_draft() -> None:
    draft, errors = validate_creator({**CREATOR, "country": "nl ", "currency": "gbp"})
    assert errors == {}
    assert draft is not None
    assert draft.handle == "zoe.dv"  # as on the platform: lower case, no "@", the dot kept
    assert draft.display_name == "Zoë de Vries"
    assert draft.platforms == {"instagram": 120000, "tiktok": 45000}
    assert draft.base_rate == D("1250.50")
    assert (draft.country, draft.currency) == ("NL", "GBP")


def test_a_creator_left_empty_takes_the_defaults() -> None:
    draft, errors = validate_creator(CREATOR)
    assert errors == {}
    assert draft is not None
    assert (draft.currency, draft.language, draft.country, draft.niche) == ("EUR", "nl", "", "")


def test_every_bad_field_of_a_creator_is_reported_and_no_draft_made() -> None:
    draft, errors = validate_creator(
        {
            "handle": "zoe de vries",
            "display_name": "",
            "platforms": "myspace:1",
            "country": "N1",
            "currency": "€",
            "language": "fr",
            "base_rate": "-10",
        }
    )
    assert draft is None
    assert {name: error.code for name, error in errors.items()} == {
        "handle": "bad_handle",
        "display_name": "required",
        "platforms": "unknown_platform",
        "country": "bad_country",
        "currency": "bad_currency",
        "language": "not_one_of",
        "base_rate": "negative",
    }
    assert errors["language"].figures == {"options": "nl, en"}


def test_a_name_of_only_punctuation_is_no_name() -> None:
    _, errors = validate_creator({**CREATOR, "display_name": "—"})
    assert errors["display_name"].code == "required"


def test_a_too_long_name_says_the_limit() -> None:
    _, errors = validate_creator({**CREATOR, "display_name": "Z" * 81})
    assert errors["display_name"] == FieldError("too_long", {"limit": 80})


def test_a_rate_with_a_few_zeros_too_many_is_refused() -> None:
    _, errors = validate_creator({**CREATOR, "base_rate": "1.000.000.000"})
    assert errors["base_rate"].code == "too_large"
    _, errors = validate_creator({**CREATOR, "base_rate": "zes"})
    assert errors["base_rate"].code == "not_a_number"


def test_a_partnership_as_typed_becomes_a_draft() -> None:
    draft, errors = validate_partnership(
        {
            "brand": "Koffie & Co",
            "stage": "Ambassador",
            "start_date": "2026-01-05",
            "end_date": "2026-12-31",
            "quarterly_fee": "30.000",
            "premium_pct": "35",
            "payment_terms_days": "30",
            "ip_model": "shared",
            "exit_scenario_agreed": "yes",
            "renewal_decision": "Renew",
            "owner": " U0123456789 ",
        }
    )
    assert errors == {}
    assert draft is not None
    assert (draft.brand_name, draft.stage, draft.ip_model) == (
        "Koffie & Co",
        Stage.AMBASSADOR,
        IPModel.SHARED,
    )
    assert (draft.start_date, draft.end_date) == (date(2026, 1, 5), date(2026, 12, 31))
    assert (draft.quarterly_fee, draft.premium_pct, draft.payment_terms_days) == (
        D(30000),
        D(35),
        30,
    )
    assert draft.exit_scenario_agreed is True
    assert (draft.renewal_decision, draft.owner_user_id) == ("renew", "U0123456789")


def test_an_empty_partnership_is_a_prospect_with_unclear_ip_and_no_brand() -> None:
    draft, errors = validate_partnership({})
    assert errors == {}
    assert draft is not None
    assert (draft.brand_name, draft.stage, draft.ip_model) == (
        None,
        Stage.PROSPECT,
        IPModel.UNCLEAR,
    )
    assert draft.exit_scenario_agreed is False
    assert (draft.start_date, draft.quarterly_fee, draft.payment_terms_days) == (None, None, None)


@pytest.mark.parametrize(
    ("typed", "field", "code"),
    [
        ({"start_date": "2026-06-01", "end_date": "2026-05-31"}, "end_date", "end_before_start"),
        ({"start_date": "01-06-2026"}, "start_date", "not_a_date"),
        ({"start_date": "2026-02-30"}, "start_date", "not_a_date"),
        ({"payment_terms_days": "30.5"}, "payment_terms_days", "not_whole"),
        ({"payment_terms_days": "366"}, "payment_terms_days", "too_large"),
        ({"premium_pct": "1000"}, "premium_pct", "too_large"),
        ({"stage": "negotiating"}, "stage", "not_one_of"),
        ({"ip_model": "mine"}, "ip_model", "not_one_of"),
        ({"renewal_decision": "maybe"}, "renewal_decision", "not_one_of"),
    ],
)
def test_each_bad_partnership_field_has_its_code(
    typed: dict[str, str], field: str, code: str
) -> None:
    draft, errors = validate_partnership(typed)
    assert draft is None
    assert list(errors) == [field]
    assert errors[field].code == code


def test_a_partnership_may_start_and_end_on_one_day() -> None:
    _, errors = validate_partnership({"start_date": "2026-06-01", "end_date": "2026-06-01"})
    assert errors == {}


def test_a_brand_as_typed_becomes_a_draft() -> None:
    draft, errors = validate_brand(
        {
            "name": "Koffie & Co",
            "category": "coffee",
            "difficulty": "HARD",
            "competitors": "Nespresso, Douwe Egberts\nNespresso\n, ,Lavazza",
            "needs_approval": "yes",
            "minimum_fee": "500",
        }
    )
    assert errors == {}
    assert draft is not None
    assert (draft.name, draft.category, draft.difficulty) == (
        "Koffie & Co",
        "coffee",
        Difficulty.HARD,
    )
    # Each competitor once, in the order first typed.
    assert draft.competitors == ("Nespresso", "Douwe Egberts", "Lavazza")
    assert (draft.exclusivity_needs_approval, draft.minimum_fee) == (True, D(500))


def test_a_brand_needs_a_name_and_defaults_the_rest() -> None:
    draft, errors = validate_brand({"name": "  "})
    assert draft is None and errors == {"name": FieldError("required")}
    draft, errors = validate_brand({"name": "Glow Lab"})
    assert draft is not None
    assert (draft.difficulty, draft.competitors, draft.minimum_fee) == (Difficulty.EASY, (), None)
    assert draft.exclusivity_needs_approval is False
