"""A date named in a sentence, in Dutch or English word order or in digits."""

from __future__ import annotations

from datetime import date

import pytest

from domain.reading.dates import find_date

FRIDAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("is zoe vrij op 12 januari 2027", date(2027, 1, 12)),
        ("can she post on jan 12, 2027", date(2027, 1, 12)),
        ("can she post on 2027-01-12", date(2027, 1, 12)),
        ("mag ze op 12-01-2027 posten", date(2027, 1, 12)),
        ("mag ze op 12/01/2027 posten", date(2027, 1, 12)),
        ("op 1ste maart 2027", date(2027, 3, 1)),
        ("on march 5th 2027", date(2027, 3, 5)),
        ("on 5 mrt. 2027", date(2027, 3, 5)),
    ],
)
def test_a_date_with_its_year(text: str, day: date) -> None:
    found = find_date(text, FRIDAY)
    assert found is not None
    assert found[0] == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("op 12 januari", date(2027, 1, 12)),  # January has passed this year: next year's
        ("on march 5", date(2027, 3, 5)),
        ("op 24 december", date(2026, 12, 24)),  # later this month: this year's
        ("vandaag nog", FRIDAY),  # today itself counts
        ("op 4 december", FRIDAY),
        ("op 3 december", date(2027, 12, 3)),  # yesterday: a year from now
        ("op 12/01", date(2027, 1, 12)),
    ],
)
def test_a_date_without_a_year_is_the_next_one_from_today(text: str, day: date) -> None:
    found = find_date(text, FRIDAY)
    assert found is not None
    assert found[0] == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("vandaag", date(2026, 12, 31)),
        ("today", date(2026, 12, 31)),
        ("morgen", date(2027, 1, 1)),
        ("tomorrow", date(2027, 1, 1)),
        ("overmorgen", date(2027, 1, 2)),
    ],
)
def test_relative_days_count_from_today_across_the_new_year(text: str, day: date) -> None:
    found = find_date(f"kan ze {text} posten", date(2026, 12, 31))
    assert found is not None
    assert found[0] == day


def test_the_words_it_was_read_from_come_back_as_typed() -> None:
    assert find_date("is lisa vrij om op 12 januari voor lavazza te posten", FRIDAY) == (
        date(2027, 1, 12),
        "12 januari",
    )
    assert find_date("kan ze overmorgen posten", FRIDAY) == (date(2026, 12, 6), "overmorgen")


def test_without_today_only_a_date_with_its_year_is_read() -> None:
    assert find_date("op 12 januari", None) is None
    assert find_date("morgen", None) is None
    assert find_date("op 12 januari 2027", None) == (date(2027, 1, 12), "12 januari 2027")


@pytest.mark.parametrize(
    "text",
    [
        "op 31 februari 2027",
        "op 32 januari",
        "on 2027-13-01",  # no month 13: not 13 January read out of its parts either
        "op 2027-02-30 graag",
        "31-04-2027",
        "400 followers",
        "14 posts",
        "in 3 weeks",
        "she asks 1.200",
        "de morgenshoot",
        "",
    ],
)
def test_what_is_no_date_is_not_read_as_one(text: str) -> None:
    assert find_date(text, FRIDAY) is None
