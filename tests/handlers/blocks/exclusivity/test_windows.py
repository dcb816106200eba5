"""Window lines, the window list and the answer to a check, built from facts alone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from domain.negotiation import Terms
from domain.values import Scope
from domain.windows import WindowFacts
from handlers.blocks.exclusivity.windows import (
    MAX_LISTED,
    build_check_answer,
    build_window_list,
    window_line,
)
from locales import translator
from tests.slackspec import check_blocks

EN, NL = translator("en"), translator("nl")
ZONE = ZoneInfo("Europe/Amsterdam")
DAY = date(2026, 11, 25)
WINDOW = WindowFacts(
    window_id=1,
    brand="Maison & Co",
    brand_category="fashion",
    scope=Scope.CATEGORY,
    competitors=(),
    platforms=frozenset(),
    starts_at=datetime(2026, 11, 22, 23, 0, tzinfo=UTC),
    ends_at=datetime(2026, 12, 6, 23, 0, tzinfo=UTC),
)


def test_a_window_line_names_creator_brand_terms_and_dates() -> None:
    start = datetime(2026, 11, 23, 0, 0, tzinfo=ZONE)
    end = datetime(2026, 12, 7, 0, 0, tzinfo=ZONE)
    line = window_line(EN, "Zoë", "Maison & Co", Terms(after_hours=336), start, end, "agreed")
    assert line.startswith("*Zoë* · Maison &amp; Co: category exclusivity")
    assert "14 days after go-live" in line and "23 Nov" in line and "7 Dec" in line
    assert "awaiting approval" not in line
    waiting = window_line(EN, "Zoë", "X", Terms(), start, end, "awaiting_approval")
    assert waiting.endswith("(awaiting approval)")


def test_the_list_says_when_there_are_no_windows() -> None:
    assert "No exclusivity windows" in build_window_list(EN, [])["text"]


def test_the_list_shows_at_most_its_limit_of_windows() -> None:
    lines = [f"*Creator {n}* · Brand" for n in range(MAX_LISTED + 5)]
    message = build_window_list(EN, lines)
    check_blocks(message["blocks"])
    shown = "".join(block["text"]["text"] for block in message["blocks"][1:])
    assert f"Creator {MAX_LISTED - 1}*" in shown and f"Creator {MAX_LISTED}*" not in shown


def test_a_free_day_breaks_nothing() -> None:
    answer = build_check_answer(EN, "Zoë <3", DAY, [], ZONE, brand_named=True)
    assert answer["text"].startswith("✅") and "Zoë &lt;3" in answer["text"]


def test_a_clash_names_the_window_and_when_it_ends() -> None:
    named = build_check_answer(EN, "Zoë", DAY, [WINDOW], ZONE, brand_named=True)
    assert named["text"].startswith("⛔")
    assert "• Maison &amp; Co: category exclusivity" in named["text"]
    assert "7 Dec 2026 00:00" in named["text"]  # the end in the team's time zone
    # Without a brand it depends on the brand: a warning, not a refusal.
    unnamed = build_check_answer(NL, "Zoë", DAY, [WINDOW], ZONE, brand_named=False)
    assert unnamed["text"].startswith("⚠️")
