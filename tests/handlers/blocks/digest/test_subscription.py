"""The replies about a channel's subscription, from their arguments alone."""

from __future__ import annotations

from datetime import UTC, datetime, time

from domain.digest.subscription import GrammarError
from handlers.blocks.digest.subscription import build_subscribed, build_usage, schedule_text
from locales import translator

ZONE = "Europe/Amsterdam"
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
en, nl = translator("en"), translator("nl")


def test_the_schedule_in_words() -> None:
    assert schedule_text(nl, 2, time(9, 30), "en", ZONE) == (
        "elke woensdag om 09:30 (Europe/Amsterdam), in het Engels"
    )


def test_subscribed_names_the_channel_the_schedule_and_the_next_digest() -> None:
    reply = build_subscribed(nl, "C0123456789", 0, time(9), "nl", ZONE, NOW, changed=False)
    assert reply["response_type"] == "ephemeral"
    assert "<#C0123456789>" in reply["text"]
    assert "elke maandag om 09:00 (Europe/Amsterdam), in het Nederlands" in reply["text"]
    assert "ma 23 nov 09:00" in reply["text"]


def test_usage_says_which_word_came_twice() -> None:
    reply = build_usage(en, GrammarError("twice", "maandag"))
    assert reply["text"] == "`maandag` says something a second time."
    assert "/creator digest subscribe [#channel]" in reply["blocks"][0]["text"]["text"]
