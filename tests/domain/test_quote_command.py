"""The `/exclusivity quote` grammar, in English and Dutch."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.quote_command import GrammarError, QuoteArgs, parse_quote_args
from domain.values import ContentType, Platform, Scope


def test_just_a_creator_leaves_every_default_to_the_handler() -> None:
    assert parse_quote_args("Zoë de Vries") == QuoteArgs(creator="Zoë de Vries")


def test_the_full_grammar_in_english() -> None:
    args = parse_quote_args(
        "zoe competitors Nike, New Balance 14d before 24h on instagram,tiktok only stories "
        "brand Koffie & Co golive 2026-12-01"
    )
    assert isinstance(args, QuoteArgs)
    assert args.creator == "zoe"
    assert args.scope is Scope.COMPETITORS
    assert args.competitors == ("Nike", "New Balance")
    assert args.after.days == Decimal(14)
    assert args.before.days == Decimal(1)
    assert args.platforms == {Platform.INSTAGRAM, Platform.TIKTOK}
    assert args.content_types == {ContentType.STORIES}
    assert args.brand == "Koffie & Co"
    assert args.golive == date(2026, 12, 1)


def test_the_dutch_words_are_equivalent() -> None:
    args = parse_quote_args(
        "zoe volledig 2 weken voor 48 uur op youtube alleen shorts merk Bonen golive 01-12-2026"
    )
    assert isinstance(args, QuoteArgs)
    assert (args.scope, args.after.days, args.before.days) == (Scope.FULL, Decimal(14), Decimal(2))
    assert args.platforms == {Platform.YOUTUBE} and args.content_types == {ContentType.SHORTS}
    assert (args.brand, args.golive) == ("Bonen", date(2026, 12, 1))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "missing_creator"),
        ("30d", "missing_creator"),
        ("zoe -5d", "negative_window"),
        ("zoe on myspace", "unknown_platform"),
        ("zoe only tweets", "unknown_content"),
        ("zoe golive tomorrow", "bad_date"),
        ("zoe before soon", "bad_duration"),
        ("zoe competitors", "missing_competitors"),
        ("zoe 30d banana", "unexpected"),
        ("zoe " + "x" * 600, "too_long"),
    ],
)
def test_bad_input_is_named(text: str, code: str) -> None:
    result = parse_quote_args(text)
    assert isinstance(result, GrammarError)
    assert result.code == code
