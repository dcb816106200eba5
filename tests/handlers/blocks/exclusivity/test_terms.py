"""A clause in one line, built from terms alone."""

from __future__ import annotations

from domain.negotiation import Terms
from domain.values import ContentType, Platform, Scope
from handlers.blocks.exclusivity.terms import content_names, hours_text, platform_names, terms_text
from locales import translator

EN, NL = translator("en"), translator("nl")


def test_hours_read_as_days_when_they_are_whole_days() -> None:
    assert hours_text(EN, 48) == "2 days"
    assert hours_text(EN, 36) == "36 hours"
    assert hours_text(EN, 24) == "1 day"
    assert hours_text(NL, 720) == "30 dagen"


def test_the_default_clause_covers_everything_for_thirty_days() -> None:
    line = terms_text(EN, Terms())
    assert line.startswith("category exclusivity")
    assert "30 days after go-live" in line
    assert "all platforms" in line and "all content" in line
    assert "long-term" not in line


def test_a_narrow_clause_names_its_competitors_window_platforms_and_content() -> None:
    terms = Terms(
        scope=Scope.COMPETITORS,
        competitors=("Glow", "Dewy <3"),
        before_hours=24,
        after_hours=14 * 24,
        platforms=frozenset({Platform.TIKTOK, Platform.INSTAGRAM}),
        content_types=frozenset({ContentType.STORIES}),
        long_term=True,
    )
    line = terms_text(EN, terms)
    # Competitors as typed: the line is stored as an approval's subject, escaped at render.
    assert "(Glow, Dewy <3)" in line
    assert "1 day before and 14 days after go-live" in line
    assert "Instagram, TikTok" in line and "Stories" in line
    assert line.endswith("long-term partnership")
    assert "14 dagen" in terms_text(NL, terms)


def test_platforms_and_content_are_named_in_a_fixed_order() -> None:
    both = {Platform.YOUTUBE, Platform.INSTAGRAM}
    assert platform_names(both) == platform_names(sorted(both, reverse=True))
    assert content_names(EN, [ContentType.STORIES, ContentType.POSTS]) == content_names(
        EN, [ContentType.POSTS, ContentType.STORIES]
    )
