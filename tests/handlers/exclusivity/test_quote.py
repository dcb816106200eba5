"""`/exclusivity quote` through the Slack stand-in: posted as a thread starter, refused, or
warned about in a shared channel."""

from __future__ import annotations

from decimal import Decimal

from storage.models import ExclusivityQuote
from tests.handlers.exclusivity.deal_threads import (
    fashion_deal,
    rows,
    text_of,
)
from tests.harness import CHANNEL_ID, USER_ID, AppHarness


def test_a_quote_is_posted_as_a_thread_starter_with_its_buttons(harness: AppHarness) -> None:
    fashion_deal(harness)
    assert harness.command("/exclusivity", "quote zoe") == {}
    [posted] = harness.standin.wait_for_call("chat.postMessage")
    message = text_of(posted.args)
    # W1: hard category, 30 days: low = typical = €500, high = €1,000 (team language: Dutch).
    assert "€\u00a0500,00" in message and "€\u00a01.000,00" in message
    actions = [b for b in posted.args["blocks"] if b["type"] == "actions"][0]["elements"]
    assert {a["action_id"] for a in actions} >= {
        "excl_shorten",
        "excl_competitors",
        "excl_ask",
        "excl_accept",
        "excl_withdraw",
    }
    [quote] = rows(harness.engine, ExclusivityQuote)
    assert quote.thread_ts == posted.response["ts"]
    assert (quote.typical, quote.status) == (Decimal("500.00"), "open")


def test_bad_quotes_are_answered_and_record_nothing(harness: AppHarness) -> None:
    fashion_deal(harness)
    cases = {
        "quote nobody 30d": "nobody",
        "quote zoe on myspace": "myspace",
        "quote zoe -5d": "negative",
        "quote zoe 2m brand Unknown": "Unknown",
        "quote zoe 13m": "longer than the partnership",  # 390 of 365 days
    }
    for text, expected in cases.items():
        reply = harness.command("/exclusivity", text, user_id=USER_ID)
        assert reply["response_type"] == "ephemeral", text
        assert expected.lower() in reply["text"].lower() or expected in text_of(reply), text
    assert rows(harness.engine, ExclusivityQuote) == []
    assert harness.standin.calls_to("chat.postMessage") == []


def test_slack_connect_channels_warn_before_posting(harness: AppHarness) -> None:
    harness.standin.add_channel("C0EXTERNAL01", name="zoe-connect", is_ext_shared=True)
    fashion_deal(harness)
    harness.command("/exclusivity", "quote zoe", channel_id="C0EXTERNAL01")
    warning = harness.standin.wait_for_call("respond")[0].args
    assert "Slack Connect" in warning["text"]
    assert harness.standin.calls_to("chat.postMessage") == []
    anyway = warning["blocks"][1]["elements"][0]
    harness.click(anyway["action_id"], anyway["value"], channel_id="C0EXTERNAL01")
    assert harness.standin.wait_for_call("chat.postMessage")[0].args["channel"] == "C0EXTERNAL01"


def test_the_quote_modal_shows_why_not_in_the_form_or_posts_the_quote(harness: AppHarness) -> None:
    fashion_deal(harness)
    assert harness.command("/exclusivity", "quote") == {}
    harness.standin.wait_for_call("views.open")
    view = harness.last_view()
    refused = harness.submit(view, {"creator": "nobody"})
    assert refused["response_action"] == "errors" and "creator" in refused["errors"]
    assert rows(harness.engine, ExclusivityQuote) == []
    assert harness.submit(view, {"creator": "zoe", "terms": "14d"}) == {}
    [posted] = harness.standin.wait_for_call("chat.postMessage")
    assert posted.args["channel"] == CHANNEL_ID  # the channel the command came from
    assert "€\u00a0233,33" in text_of(posted.args)  # 14/30 × 50 % × €1,000
