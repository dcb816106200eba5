"""The negotiation in a quote's thread through the Slack stand-in: moves typed and clicked."""

from __future__ import annotations

from decimal import Decimal

from storage.models import ExclusivityQuote, ExclusivityWindow, NegotiationRound
from tests.handlers.exclusivity.deal_threads import (
    fashion_deal,
    reply_in_thread,
    rows,
    text_of,
    thread_replies,
)
from tests.harness import OTHER_USER_ID, USER_ID, AppHarness


def test_a_full_negotiation_in_dutch_and_english(harness: AppHarness) -> None:
    fashion_deal(harness, exclusivity_needs_approval=False)
    harness.command("/exclusivity", "quote zoe 30d")
    thread_ts = harness.standin.wait_for_call("chat.postMessage")[0].response["ts"]

    reply_in_thread(harness, thread_ts, "maak er 14 dagen van")  # Dutch counter 1
    reply_in_thread(harness, thread_ts, "ze vraagt 400", user=OTHER_USER_ID)  # Dutch counter 2
    reply_in_thread(harness, thread_ts, "she asks €300")  # English counter
    replies = thread_replies(harness)
    # 14 days of a hard category: 14/30 × 50 % × €1,000 = €233.33 typical.
    assert "€\u00a0233,33" in text_of(replies[0])
    assert "€\u00a0400,00" in text_of(replies[1])  # the ask and the gap to the typical
    assert "€\u00a0166,67" in text_of(replies[1])  # 400 - 233.33
    # The quote message follows the negotiation.
    assert "€\u00a0233,33" in text_of(harness.standin.calls_to("chat.update")[-1].args)

    # A lever button: competitor list instead of the category halves every stance.
    [quote] = rows(harness.engine, ExclusivityQuote)
    harness.click("excl_competitors", str(quote.id), message={"ts": thread_ts, "text": "quote"})
    lever_reply = thread_replies(harness)[-1]
    assert "€\u00a0116,67" in text_of(lever_reply)  # 233.33 × 0.5
    assert "Glow" in text_of(lever_reply)

    reply_in_thread(harness, thread_ts, "akkoord")
    agreement = thread_replies(harness)[-1]
    [window] = rows(harness.engine, ExclusivityWindow)
    assert window.price == Decimal("300.00")  # the creator's ask was agreed
    assert window.scope == "competitors" and window.competitors == ["Glow", "Dewy"]
    assert window.after_hours == 14 * 24 and window.status == "agreed"
    agreement_text = text_of(agreement)
    assert "2.1" in agreement_text  # both clauses, modelled on the seed's sample
    assert "Influencer" in agreement_text and "Glow, Dewy" in agreement_text
    rounds = rows(harness.engine, NegotiationRound)
    assert [r.change["code"] for r in rounds] == [
        "quote",
        "window",
        "ask",
        "ask",
        "scope",
        "accept",
    ]
    assert rounds[2].user_id == OTHER_USER_ID and rounds[2].creator_ask == Decimal("400.00")

    # /exclusivity check sees the window for a competitor's post, not for the brand's own.
    clash = harness.command("/exclusivity", "check zoe 2026-11-25 Glow", user_id=USER_ID)
    assert "⛔" in clash["text"] and "Maison Lumière" in clash["text"]
    own = harness.command("/exclusivity", "check zoe 2026-11-25 Maison Lumière", user_id=USER_ID)
    assert "✅" in own["text"]


def test_what_the_parser_does_not_understand_changes_nothing(harness: AppHarness) -> None:
    fashion_deal(harness)
    harness.command("/exclusivity", "quote zoe")
    thread_ts = harness.standin.wait_for_call("chat.postMessage")[0].response["ts"]
    for text in ("what about next week?", "400 followers", "14 posts"):
        reply_in_thread(harness, thread_ts, text)
    replies = thread_replies(harness)
    assert len(replies) == 3
    assert all(
        "nothing changed" in r["text"].lower() or "niets" in r["text"].lower() for r in replies
    )
    # A bare amount might be the creator's ask: asked, not applied.
    reply_in_thread(harness, thread_ts, "400")
    question = thread_replies(harness)[-1]
    assert "400" in question["text"] and "?" in question["text"]
    assert [r.change["code"] for r in rows(harness.engine, NegotiationRound)] == ["quote"]


def test_messages_in_other_threads_are_left_alone(harness: AppHarness) -> None:
    reply_in_thread(harness, "1700000000.000100", "make it 14 days")
    assert harness.standin.calls_to("chat.postMessage") == []


def test_withdraw_closes_the_negotiation(harness: AppHarness) -> None:
    fashion_deal(harness)
    harness.command("/exclusivity", "quote zoe")
    thread_ts = harness.standin.wait_for_call("chat.postMessage")[0].response["ts"]
    reply_in_thread(harness, thread_ts, "withdraw")
    reply_in_thread(harness, thread_ts, "make it 14 days")
    [quote] = rows(harness.engine, ExclusivityQuote)
    assert quote.status == "withdrawn"
    assert rows(harness.engine, ExclusivityWindow) == []
    assert "closed" in text_of(thread_replies(harness)[-1]).lower() or "gesloten" in text_of(
        thread_replies(harness)[-1]
    )


def test_the_ask_modal_takes_an_amount_and_refuses_anything_else(harness: AppHarness) -> None:
    fashion_deal(harness)
    harness.command("/exclusivity", "quote zoe 14d")
    thread_ts = harness.standin.wait_for_call("chat.postMessage")[0].response["ts"]
    [quote] = rows(harness.engine, ExclusivityQuote)
    harness.click("excl_ask", f"{quote.id}:{quote.version}", message={"ts": thread_ts, "text": "q"})
    harness.standin.wait_for_call("views.open")
    view = harness.last_view()
    refused = harness.submit(view, {"ask": "a lot"})
    assert refused["response_action"] == "errors" and "ask" in refused["errors"]
    assert [r.change["code"] for r in rows(harness.engine, NegotiationRound)] == ["quote"]
    assert harness.submit(view, {"ask": "400"}) == {}
    gap = text_of(thread_replies(harness)[-1])
    assert "€\u00a0400,00" in gap and "€\u00a0166,67" in gap  # 400 - 233.33
    [quote] = rows(harness.engine, ExclusivityQuote)
    assert quote.creator_ask == Decimal("400.00")
