"""Each column's cell: what it accepts (amounts, dates, handles, codes) and why it refuses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.importing import CreatorRow, parse_row
from domain.values import Stage
from tests.domain.importing.rows_for_tests import only_problem, row_with


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"handle": ""}, "required"),
        ({"handle": "@!!"}, "no_letters"),
        ({"handle": "lucas peeters"}, "not_handle"),
        ({"handle": "lucas-peeters"}, "not_handle"),
        ({"display_name": "—"}, "no_letters"),
        ({"brand": ""}, "required"),
        ({"base_rate": ""}, "required"),
        ({"base_rate": "-5"}, "negative"),
        ({"base_rate": "12.345"}, "too_precise"),
        ({"base_rate": "€400"}, "not_amount"),
        ({"base_rate": "1,250.50"}, "not_amount"),
        ({"base_rate": "99999999999"}, "too_large"),
        ({"premium_pct": "1000"}, "too_large"),
        ({"quarterly_fee": "lots"}, "not_amount"),
        ({"payment_terms_days": "30.5"}, "not_whole_number"),
        ({"payment_terms_days": "366"}, "out_of_range"),
        ({"start_date": "2026-02-30"}, "not_date"),
        ({"start_date": "05/01/2026"}, "not_date"),
        ({"stage": "negotiation"}, "not_choice"),
        ({"stage": ""}, "required"),
        ({"ip_model": "mine"}, "not_choice"),
        ({"brand_difficulty": "medium"}, "not_choice"),
        ({"language": "fr"}, "not_choice"),
        ({"country": "Netherlands"}, "not_country"),
        ({"country": "ß"}, "not_country"),
        ({"currency": "€"}, "not_currency"),
        ({"owner": "@sanne"}, "not_user_id"),
        ({"platforms": "instagram"}, "platform_format"),
        ({"platforms": "instagram:1|"}, "platform_format"),
        ({"platforms": "myspace:100"}, "platform_unknown"),
        ({"platforms": "tiktok:1|TikTok:2"}, "platform_repeated"),
        ({"platforms": "tiktok:-1"}, "audience"),
        ({"platforms": "tiktok:12k"}, "audience"),
        ({"display_name": "Zoë\tde Vries"}, "control_chars"),
        ({"niche": "x" * 81}, "too_long"),
        ({"handle": "z" * 66}, "too_long"),
        ({"display_name": "Z" * 81}, "too_long"),
        ({"brand_category": "c" * 81}, "too_long"),
        ({"start_date": "2026-06-01", "end_date": "2026-05-31"}, "end_before_start"),
    ],
)
def test_each_bad_value_has_its_reason(changes: dict[str, str], code: str) -> None:
    assert only_problem(**changes).code == code


@pytest.mark.parametrize(
    ("text", "delimiter", "amount"),
    [
        ("1250.50", ",", "1250.50"),
        ("1250", ",", "1250"),
        ("1.250,50", ";", "1250.50"),
        ("1250,50", ";", "1250.50"),
        ("15.000", ";", "15000"),  # dots group thousands next to a decimal comma
        ("1.234.567,8", ";", "1234567.8"),
        ("12.5", ";", "12.5"),  # not a thousands group: a decimal point
        ("1250.50", ";", "1250.50"),
    ],
)
def test_amounts(text: str, delimiter: str, amount: str) -> None:
    result = parse_row(2, row_with(base_rate=text), delimiter=delimiter)
    assert isinstance(result, CreatorRow)
    assert result.base_rate == Decimal(amount)


def test_a_decimal_comma_is_refused_in_a_comma_separated_file() -> None:
    # There it could only arrive quoted, and 1,250 is ambiguous: 1250 or 1.25?
    assert only_problem(base_rate="1,250").code == "not_amount"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", date(2026, 3, 1)),
        ("01-03-2026", date(2026, 3, 1)),
        ("1-3-2026", date(2026, 3, 1)),
    ],
)
def test_dates_in_both_orders(text: str, expected: date) -> None:
    result = parse_row(2, row_with(start_date=text))
    assert isinstance(result, CreatorRow) and result.start_date == expected


def test_handles_are_stored_lower_case_without_at() -> None:
    result = parse_row(2, row_with(handle="@LucasPeeters"))
    assert isinstance(result, CreatorRow) and result.handle == "lucaspeeters"


def test_a_handles_dots_and_underscores_are_kept() -> None:
    # "lucas.peeters" is another Instagram account than "lucaspeeters".
    result = parse_row(2, row_with(handle="@Lucas.Peeters_NL"))
    assert isinstance(result, CreatorRow) and result.handle == "lucas.peeters_nl"


def test_codes_are_read_in_any_case() -> None:
    result = parse_row(
        2, row_with(country="be", currency="gbp", stage="Growth", owner="u0123456789")
    )
    assert isinstance(result, CreatorRow)
    assert (result.country, result.currency) == ("BE", "GBP")
    assert (result.stage, result.owner) == (Stage.GROWTH, "U0123456789")
