"""The delivery report's words (pure: built from the report's payload alone), in both
languages, and who reads it: the team's language, or an owner's own in a DM."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from handlers.delivery_report import report_text
from locales import translator
from tests.harness import USER_ID

AMS = "Europe/Amsterdam"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            ":grey_question: I don't know whether the weekly digest (due Mon 26 Oct 09:00) "
            "arrived in a direct message: sending it was cut off before Slack answered, and I "
            "could not check the conversation's history. I won't send it again by myself: "
            "please check whether it is there.",
        ),
        (
            "nl",
            ":grey_question: Ik weet niet of het wekelijkse overzicht (gepland voor ma 26 okt "
            "09:00) is aangekomen in een privébericht: het versturen werd afgebroken voordat "
            "Slack antwoordde, en ik kon de geschiedenis van het gesprek niet nakijken. Ik "
            "stuur het niet vanzelf opnieuw: kijk alsjeblieft of het er is.",
        ),
    ],
)
def test_the_uncertain_report_in_both_languages(language: str, expected: str) -> None:
    payload = {
        "state": "uncertain",
        "kind": "digest",
        "due_at": datetime(2026, 10, 26, 8, 0, tzinfo=UTC).isoformat(),  # 09:00 winter time
        "channel_id": USER_ID,
        "error": None,
        "attempts": 1,
    }
    assert report_text(translator(language), payload, AMS) == expected


def test_the_failed_report_names_the_channel_the_error_and_the_attempts() -> None:
    payload = {
        "state": "failed",
        "kind": "roadmap_week",
        "due_at": datetime(2026, 10, 26, 8, 0, tzinfo=UTC).isoformat(),
        "channel_id": "C0123456789",
        "error": "not_in_channel",
        "attempts": 5,
    }
    assert report_text(translator("en"), payload, AMS) == (
        ":warning: I couldn't deliver a weekly roadmap reminder (due Mon 26 Oct 09:00) in "
        "<#C0123456789>. Slack answered `not_in_channel`. I tried 5 times and have stopped: "
        "please pass it on yourself."
    )
