"""The digest's small pictures and words, from figures alone."""

from __future__ import annotations

from decimal import Decimal

from domain.flags import FlagKind, RedFlag
from handlers.blocks.digest.words import (
    bar,
    change_text,
    flag_text,
    language_name,
    sparkline,
    weekday_name,
)
from locales import translator

en, nl = translator("en"), translator("nl")


def test_a_sparkline_spans_lowest_to_highest_with_a_dot_for_a_missing_week() -> None:
    assert sparkline([Decimal(1), None, Decimal(3), Decimal(2)]) == "▁·█▅"
    assert sparkline([Decimal(5), Decimal(5)]) == "▄▄"  # steady: mid-height
    assert sparkline([None, None]) == ""


def test_a_bar_has_a_cell_per_tenth_and_a_sliver_is_not_nothing() -> None:
    assert bar(Decimal(60)) == "██████░░░░"
    assert bar(Decimal("0.1")) == "█░░░░░░░░░"
    assert bar(Decimal(0)) == "░" * 10
    assert bar(Decimal(130)) == "█" * 10


def test_the_change_since_last_week_in_words() -> None:
    euros = str
    assert change_text(en, Decimal("0.05"), euros) == "+0.05 since last week"
    assert change_text(en, Decimal("-2"), euros) == "−2 since last week"
    assert change_text(nl, None, euros) == "nieuw deze week"
    assert change_text(nl, Decimal(0), euros) == "gelijk aan vorige week"


def test_weekdays_languages_and_flags_in_dutch_and_english() -> None:
    assert weekday_name(nl, 0) == "maandag"
    assert weekday_name(en, 6) == "Sunday"
    assert language_name(nl, "en") == "Engels"
    terms = RedFlag(FlagKind.PAYMENT_TERMS, {"payment_terms_days": 90})
    assert flag_text(en, terms).startswith("Payment terms of 90 days")
    assert flag_text(nl, terms).startswith("Betalingstermijn van 90 dagen")
