"""domain.text: the characters the input boundary refuses, and the numbers and dates a command
reads."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.quote_command import GrammarError, parse_date, parse_quote_args
from domain.text import ascii_int, code_points, control_characters, strip_invisible


@pytest.mark.parametrize(
    "char",
    [
        "\x00",
        "\x07",
        "\x1b",
        "\x7f",
        "\x85",
        "\x9f",
        "\u202a",
        "\u202e",
        "\u2066",
        "\u2069",
        "\u2028",
        "\u2029",
        "\ud800",
    ],
)
def test_what_nobody_sees_is_refused(char: str) -> None:
    assert control_characters(f"Zoë{char}de Vries") == [char]
    assert strip_invisible(f"Zoë{char}de Vries") == "Zoëde Vries"


@pytest.mark.parametrize(
    "text",
    [
        "Zoë de Vries",
        "👨\u200d👩\u200d👧 family",  # zero-width joiners inside an emoji
        "می\u200cخواهم",  # Persian zero-width non-joiner
        "שלום\u200f!",  # a right-to-left mark
        "Fahr\u00adrad",  # a soft hyphen
        "ﷺ 😀 ³ ٣",
    ],
)
def test_text_people_write_passes(text: str) -> None:
    assert control_characters(text) == []
    assert strip_invisible(text) == text


def test_line_breaks_pass_only_where_a_field_has_lines() -> None:
    assert control_characters("a\nb\tc\r") == ["\n", "\t", "\r"]
    assert control_characters("a\nb\tc\r", multiline=True) == []
    assert strip_invisible("a\n\x00b", multiline=True) == "a\nb"


def test_each_character_is_named_once_by_its_code_point() -> None:
    assert code_points(control_characters("\x00a\x00\u202e")) == "U+0000, U+202E"


@given(st.text())
@settings(max_examples=500, deadline=None)
def test_stripped_text_has_nothing_left_to_refuse(text: str) -> None:
    stripped = strip_invisible(text, multiline=False)
    assert control_characters(stripped) == []
    assert (stripped == text) == (control_characters(text) == [])


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("7", 7),
        ("010", 10),
        ("³", None),
        ("٣", None),
        ("¹⁰", None),
        ("-1", None),
        ("", None),
        ("1 0", None),
        ("７", None),
    ],
)
def test_numbers_are_read_in_ascii_digits_only(text: str, number: int | None) -> None:
    assert ascii_int(text) == number


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("01-12-2026", date(2026, 12, 1)),
        ("1900-01-01", date(1900, 1, 1)),
        ("2999-12-31", date(2999, 12, 31)),
        ("0001-01-01", None),
        ("9999-12-31", None),
        ("1899-12-31", None),
        ("٢٠٢٦-١٢-٠١", None),
        ("2026-02-30", None),
        ("2026-1-1", None),
    ],
)
def test_dates_are_ascii_and_in_range(text: str, day: date | None) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("zoe 30d on", "missing_platform"),
        ("zoe on ,,,", "missing_platform"),
        ("zoe 30d op", "missing_platform"),
        ("zoe only", "missing_content"),
        ("zoe alleen , ,", "missing_content"),
        ("zoe golive 0001-01-01", "bad_date"),
        ("zoe golive 9999-12-31", "bad_date"),
        ("zoe 30d brand", "missing_brand"),
    ],
)
def test_every_quote_slot_refuses_an_empty_or_impossible_value(text: str, code: str) -> None:
    result = parse_quote_args(text)
    assert isinstance(result, GrammarError) and result.code == code
