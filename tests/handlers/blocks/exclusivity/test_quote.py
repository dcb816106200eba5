"""The quote message, the shared-channel warning and the quote modal, built from facts alone."""

from __future__ import annotations

import json
from decimal import Decimal

from domain.negotiation import Pricing, Terms, price
from domain.values import Difficulty, Platform, Scope
from handlers.blocks.exclusivity.actions import (
    ACCEPT_ACTION,
    COMPETITORS_ACTION,
    POST_ANYWAY_ACTION,
    QUOTE_CALLBACK,
    QuoteSubject,
)
from handlers.blocks.exclusivity.quote import (
    build_quote_message,
    build_quote_modal,
    build_shared_channel_warning,
)
from locales import translator
from tests.slackspec import check_blocks

EN, NL = translator("en"), translator("nl")
# W1: base €1,000, a hard (fashion) category, on two platforms.
FASHION = Pricing(
    base_rate=Decimal(1000),
    currency="EUR",
    difficulty=Difficulty.HARD,
    audiences={Platform.INSTAGRAM: 3000, Platform.TIKTOK: 1000},
)
SUBJECT = QuoteSubject(7, "Zoë <de> Vries", "Maison & Co", version=3)


def text_of(message: dict) -> str:
    return json.dumps(message, ensure_ascii=False)


def buttons(message: dict) -> dict[str, str]:
    return {
        element["action_id"]: element["value"]
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    }


def test_an_open_quote_shows_the_range_why_the_levers_and_its_buttons() -> None:
    quote = price(Terms(), FASHION)
    message = build_quote_message(EN, SUBJECT, Terms(), quote)
    check_blocks(message["blocks"])
    text = text_of(message)
    assert "€500.00" in text and "€1,000.00" in text  # W1: typical 500, full rate 1,000
    assert "*Why*" in text and "*Levers*" in text
    # Every button carries the quote and the version it was shown with.
    assert set(buttons(message).values()) == {"7:3"}
    assert {ACCEPT_ACTION, COMPETITORS_ACTION} <= set(buttons(message))
    # Names are escaped once, in the mrkdwn fallback; the header is plain text.
    assert "Zoë &lt;de&gt; Vries" in message["text"] and "Maison &amp; Co" in message["text"]
    assert message["blocks"][0]["text"]["text"].startswith("Exclusivity quote: Zoë <de> Vries")


def test_a_closed_quote_has_no_buttons_and_says_how_it_ended() -> None:
    quote = price(Terms(), FASHION)
    agreed = build_quote_message(EN, SUBJECT, Terms(), quote, ask=Decimal(400), status="agreed")
    assert buttons(agreed) == {}
    assert "✅ Agreed" in text_of(agreed) and "€400.00" in text_of(agreed)
    withdrawn = build_quote_message(NL, SUBJECT, Terms(), quote, status="withdrawn")
    assert buttons(withdrawn) == {} and "Ingetrokken" in text_of(withdrawn)


def test_only_levers_that_save_get_a_button() -> None:
    # A competitor list already: no "competitor list instead" lever, so no such button.
    terms = Terms(scope=Scope.COMPETITORS, competitors=("Glow",))
    message = build_quote_message(EN, SUBJECT, terms, price(terms, FASHION))
    assert COMPETITORS_ACTION not in buttons(message)
    assert ACCEPT_ACTION in buttons(message)


def test_the_shared_channel_warning_carries_the_command_to_post_anyway() -> None:
    warning = build_shared_channel_warning(EN, "zoe 14d on tiktok")
    check_blocks(warning["blocks"])
    assert "Slack Connect" in warning["text"]
    assert buttons(warning) == {POST_ANYWAY_ACTION: "zoe 14d on tiktok"}
    # A button value holds 2,000 characters at most.
    assert len(buttons(build_shared_channel_warning(EN, "x" * 5000))[POST_ANYWAY_ACTION]) == 2000


def test_the_quote_modal_asks_for_the_creator_and_remembers_the_channel() -> None:
    view = build_quote_modal(NL, {"channel_id": "C1"})
    check_blocks(view["blocks"], surface="modal")
    assert view["callback_id"] == QUOTE_CALLBACK
    assert json.loads(view["private_metadata"]) == {"channel_id": "C1"}
    assert [block["block_id"] for block in view["blocks"]] == ["creator", "terms"]
