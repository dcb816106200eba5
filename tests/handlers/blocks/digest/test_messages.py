"""The digest as messages, from an assembled digest alone: a quiet week is one line; a long
list takes more messages, each within Slack's limits, and nothing is dropped."""

from __future__ import annotations

from datetime import timedelta

from domain.digest.facts import StageMove
from domain.values import Stage
from handlers.blocks.common import MAX_BLOCKS_PER_MESSAGE
from handlers.blocks.digest.messages import (
    MAX_MESSAGE_TEXT,
    build_digest_messages,
    build_empty_line,
)
from handlers.blocks.digest.sections import text_size
from locales import translator
from tests.domain.digest.facts_for_tests import NOW, digest_of, partnership

ZONE = "Europe/Amsterdam"
en, nl = translator("en"), translator("nl")


def test_a_quiet_week_is_one_line() -> None:
    quiet = digest_of(partnerships=[partnership(1)])
    messages = build_digest_messages(nl, quiet, ZONE)
    assert len(messages) == 1
    assert messages[0]["text"] == build_empty_line(nl, quiet)
    assert "een rustige week voor 1 partnerschap" in messages[0]["text"]


def test_a_busy_week_is_split_within_slacks_limits_and_keeps_every_move() -> None:
    names = [f"Creator {n:04d} with a rather long name to fill the lines" for n in range(600)]
    busy = digest_of(
        partnerships=[
            partnership(n, name, stage=Stage.GROWTH) for n, name in enumerate(names, start=1)
        ],
        moves=[
            StageMove(n, Stage.AMBASSADOR, Stage.GROWTH, NOW - timedelta(days=1))
            for n in range(1, len(names) + 1)
        ],
    )
    messages = build_digest_messages(en, busy, ZONE)
    assert len(messages) > 1
    assert messages[0]["text"].startswith("📰 Weekly digest · 23 Nov 2026")
    for message in messages:
        assert len(message["blocks"]) <= MAX_BLOCKS_PER_MESSAGE
        assert text_size(message["blocks"]) <= MAX_MESSAGE_TEXT
    shown = "".join(str(message["blocks"]) for message in messages)
    assert all(name in shown for name in names)
