"""The buttons on a quote message through the Slack stand-in: each reaches its move."""

from __future__ import annotations

from storage.models import ExclusivityQuote, ExclusivityWindow
from tests.handlers.exclusivity.deal_threads import fashion_deal, rows, thread_replies
from tests.harness import AppHarness


def quote_message(harness: AppHarness) -> tuple[str, str]:
    """Post W1's quote; its thread and the value its buttons carry."""
    fashion_deal(harness, exclusivity_needs_approval=False)
    harness.command("/exclusivity", "quote zoe")
    posted = harness.standin.wait_for_call("chat.postMessage")[0]
    [quote] = rows(harness.engine, ExclusivityQuote)
    return posted.response["ts"], f"{quote.id}:{quote.version}"


def test_the_accept_button_agrees_as_typing_deal_does(harness: AppHarness) -> None:
    thread_ts, value = quote_message(harness)
    harness.click("excl_accept", value, message={"ts": thread_ts, "text": "quote"})
    [window] = rows(harness.engine, ExclusivityWindow)
    assert window.status == "agreed"
    assert "2.1" in str(thread_replies(harness)[-1])  # the clause


def test_the_withdraw_button_closes_the_negotiation(harness: AppHarness) -> None:
    thread_ts, value = quote_message(harness)
    harness.click("excl_withdraw", value, message={"ts": thread_ts, "text": "quote"})
    [quote] = rows(harness.engine, ExclusivityQuote)
    assert quote.status == "withdrawn" and rows(harness.engine, ExclusivityWindow) == []


def test_the_ask_button_opens_the_ask_modal(harness: AppHarness) -> None:
    thread_ts, value = quote_message(harness)
    harness.click("excl_ask", value, message={"ts": thread_ts, "text": "quote"})
    harness.standin.wait_for_call("views.open")
    assert harness.last_view()["callback_id"] == "excl_ask_form"


def test_a_button_whose_value_is_no_quotes_changes_nothing(harness: AppHarness) -> None:
    thread_ts, _ = quote_message(harness)
    for action in ("excl_accept", "excl_withdraw", "excl_shorten", "excl_ask"):
        harness.click(action, "not-a-quote", message={"ts": thread_ts, "text": "quote"})
    [quote] = rows(harness.engine, ExclusivityQuote)
    assert quote.status == "open" and quote.version == 1
    assert thread_replies(harness) == [] and harness.standin.calls_to("views.open") == []
