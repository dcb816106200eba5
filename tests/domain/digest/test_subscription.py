"""The subscription grammar in Dutch and English."""

from __future__ import annotations

from datetime import time

import pytest

from domain.digest.subscription import GrammarError, SubscribeArgs, parse_subscribe


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", SubscribeArgs()),
        (
            "<#C0123456789|partnerships> friday 16:30 nl",
            SubscribeArgs("C0123456789", None, 4, time(16, 30), "nl"),
        ),
        ("vrijdag 8:05 engels #marketing", SubscribeArgs(None, "marketing", 4, time(8, 5), "en")),
        ("ma", SubscribeArgs(weekday=0)),
        ("zo 23.59", SubscribeArgs(weekday=6, at=time(23, 59))),
        ("C0222222222", SubscribeArgs(channel_id="C0222222222")),
    ],
)
def test_subscribe_grammar(text: str, expected: SubscribeArgs) -> None:
    assert parse_subscribe(text) == expected


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("monday tuesday", GrammarError("twice", "tuesday")),
        ("24:00", GrammarError("unknown_word", "24:00")),
        ("weekly", GrammarError("unknown_word", "weekly")),
        ("nl en", GrammarError("twice", "en")),
    ],
)
def test_subscribe_grammar_errors(text: str, error: GrammarError) -> None:
    assert parse_subscribe(text) == error
