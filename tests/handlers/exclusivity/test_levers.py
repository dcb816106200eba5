"""The lever buttons on a quote message through the Slack stand-in."""

from __future__ import annotations

from decimal import Decimal

from storage.models import ExclusivityQuote, NegotiationRound
from tests.handlers.exclusivity.deal_threads import fashion_deal, rows, text_of, thread_replies
from tests.harness import AppHarness


def click_lever(harness: AppHarness, action_id: str, thread_ts: str) -> None:
    [quote] = rows(harness.engine, ExclusivityQuote)
    value = f"{quote.id}:{quote.version}"
    harness.click(action_id, value, message={"ts": thread_ts, "text": "quote"})


def test_the_long_term_lever_halves_low_and_typical(harness: AppHarness) -> None:
    fashion_deal(harness)
    harness.command("/exclusivity", "quote zoe")  # W1: €500 typical
    thread_ts = harness.standin.wait_for_call("chat.postMessage")[0].response["ts"]
    click_lever(harness, "excl_long_term", thread_ts)
    assert "€\u00a0250,00" in text_of(thread_replies(harness)[-1])
    [quote] = rows(harness.engine, ExclusivityQuote)
    assert (quote.low, quote.typical, quote.high) == (
        Decimal("250.00"),
        Decimal("250.00"),
        Decimal("1000.00"),
    )
    assert "€\u00a0250,00" in text_of(harness.standin.calls_to("chat.update")[-1].args)


def test_the_shorten_lever_halves_the_window(harness: AppHarness) -> None:
    fashion_deal(harness)
    harness.command("/exclusivity", "quote zoe 30d")
    thread_ts = harness.standin.wait_for_call("chat.postMessage")[0].response["ts"]
    click_lever(harness, "excl_shorten", thread_ts)
    [quote] = rows(harness.engine, ExclusivityQuote)
    assert quote.terms["after_hours"] == 15 * 24 and quote.typical == Decimal("250.00")
    assert [r.change["code"] for r in rows(harness.engine, NegotiationRound)] == [
        "quote",
        "window",
    ]


def test_a_lever_that_no_longer_applies_changes_nothing_and_says_so_privately(
    harness: AppHarness,
) -> None:
    fashion_deal(harness)
    harness.command("/exclusivity", "quote zoe")
    thread_ts = harness.standin.wait_for_call("chat.postMessage")[0].response["ts"]
    click_lever(harness, "excl_long_term", thread_ts)
    replies = len(thread_replies(harness))
    click_lever(harness, "excl_long_term", thread_ts)  # the current version, already long-term
    assert len(thread_replies(harness)) == replies
    assert harness.standin.calls_to("respond"), "the clicker is told"
    codes = [r.change["code"] for r in rows(harness.engine, NegotiationRound)]
    assert codes == ["quote", "long_term"]
