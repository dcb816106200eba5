"""Replies in a negotiation thread, built from facts alone: terms, price, gap and advice."""

from __future__ import annotations

import json
from decimal import Decimal

from domain.negotiation import Guidance, Pricing, Terms, gap, price
from domain.values import Difficulty
from handlers.blocks.exclusivity.actions import ASK_CALLBACK
from handlers.blocks.exclusivity.rounds import (
    build_ask_modal,
    build_not_understood,
    build_round_reply,
    gap_text,
)
from locales import translator
from tests.slackspec import check_blocks

EN, NL = translator("en"), translator("nl")
FASHION = Pricing(base_rate=Decimal(1000), currency="EUR", difficulty=Difficulty.HARD)
FORTNIGHT = Terms(after_hours=14 * 24)
QUOTE = price(FORTNIGHT, FASHION)  # 14/30 × 50 % × €1,000: €233.33 typical


def test_a_round_shows_the_new_terms_and_price() -> None:
    reply = build_round_reply(EN, FORTNIGHT, QUOTE, gap=None, notes=())
    check_blocks(reply["blocks"])
    assert "14 days after go-live" in reply["text"] and "€233.33" in reply["text"]
    assert "💡" not in reply["text"]


def test_an_ask_over_the_recommendation_shows_the_gap_and_the_lever_that_closes_it() -> None:
    over = gap(Decimal(400), QUOTE)
    text = gap_text(EN, over, "EUR")
    assert "€400.00" in text and "€166.67 over the recommendation" in text
    assert "close the gap" in text or "narrows it most" in text
    assert "goede deal" in gap_text(NL, gap(Decimal(10), QUOTE), "EUR")


def test_every_piece_of_advice_is_worded_in_both_languages() -> None:
    for t in (EN, NL):
        reply = build_round_reply(t, FORTNIGHT, QUOTE, gap=None, notes=tuple(Guidance))
        assert reply["text"].count("💡") == len(Guidance)


def test_what_we_understand_is_said_when_a_reply_is_no_move() -> None:
    assert "nothing changed" in build_not_understood(EN)["text"]
    assert "niets" in build_not_understood(NL)["text"].lower()


def test_the_ask_modal_carries_only_the_quote() -> None:
    view = build_ask_modal(EN, 12)
    check_blocks(view["blocks"], surface="modal")
    assert view["callback_id"] == ASK_CALLBACK
    assert json.loads(view["private_metadata"]) == {"quote_id": 12}
