"""The moves a reply can make, as the codes the bot's "I understand: ..." answer names."""

from __future__ import annotations

from domain.intents import UNDERSTOOD


def test_understood_lists_every_move_as_a_code():
    assert UNDERSTOOD == (
        "window",
        "pre_window",
        "platforms",
        "content",
        "scope",
        "ask",
        "accept",
        "withdraw",
    )
