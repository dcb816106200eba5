"""Replies in a negotiation thread (handlers/talk_thread.py): read as people write, acted on
when sure, asked about when unsure ("did you mean …?", answerable for a while), quiet on
small talk; through signed HTTP and the Slack stand-in."""

from __future__ import annotations

from storage.models import ExclusivityQuote
from tests.handlers.exclusivity.deal_threads import (
    buttons,
    reply_in_thread,
    rounds,
    rows,
    start_quote,
    terms,
    thread_replies,
)
from tests.harness import AppHarness


def test_a_proposal_in_a_question_is_applied_and_said_in_one_line(harness: AppHarness) -> None:
    thread_ts = start_quote(harness)
    reply_in_thread(harness, thread_ts, "kan het ook met 10 dagen?")
    harness.standin.wait_for(lambda calls: len(rounds(harness)) == 2)
    assert terms(harness)["after_hours"] == 10 * 24
    said = [r["text"] for r in thread_replies(harness)]
    assert any("10" in text and ("Begrepen" in text or "Understood" in text) for text in said)


def test_several_moves_in_one_reply_are_one_round(harness: AppHarness) -> None:
    thread_ts = start_quote(harness)
    reply_in_thread(harness, thread_ts, "drie weken, alleen op TikTok")
    harness.standin.wait_for(lambda calls: len(rounds(harness)) == 2)
    assert len(rounds(harness)) == 2  # the quote and one round
    assert terms(harness)["after_hours"] == 21 * 24
    assert terms(harness)["platforms"] == ["tiktok"]


def test_unsure_asks_and_a_click_applies_once(harness: AppHarness) -> None:
    thread_ts = start_quote(harness)
    reply_in_thread(harness, thread_ts, "2 weken?")
    question = harness.standin.wait_for(
        lambda calls: any(buttons(c.args) for c in calls if c.method == "chat.postMessage")
    )
    asked = [c.args for c in question if c.method == "chat.postMessage" and buttons(c.args)][-1]
    assert "?" in asked["text"] and "14" in asked["text"]
    assert len(rounds(harness)) == 1  # nothing applied yet
    pick, none = buttons(asked)
    assert none["action_id"] == "reading_none"
    assert len(pick["value"]) < 20  # a key to the stored reading, not the reading
    harness.click(pick["action_id"], pick["value"])
    harness.standin.wait_for(lambda calls: len(rounds(harness)) == 2)
    assert terms(harness)["after_hours"] == 14 * 24
    harness.click(pick["action_id"], pick["value"])  # a second click finds it used
    assert len(rounds(harness)) == 2


def test_none_of_these_changes_nothing(harness: AppHarness) -> None:
    thread_ts = start_quote(harness)
    reply_in_thread(harness, thread_ts, "deal?")
    calls = harness.standin.wait_for(
        lambda calls: any(buttons(c.args) for c in calls if c.method == "chat.postMessage")
    )
    asked = [c.args for c in calls if c.method == "chat.postMessage" and buttons(c.args)][-1]
    pick, none = buttons(asked)
    harness.click(none["action_id"], none["value"])
    harness.click(pick["action_id"], pick["value"])  # too late: the reading was dropped
    assert [r["code"] for r in rounds(harness)] == ["quote"]
    [quote] = rows(harness.engine, ExclusivityQuote)
    assert quote.status == "open"


def test_small_talk_in_a_thread_gets_no_answer(harness: AppHarness) -> None:
    thread_ts = start_quote(harness)
    for text in ("thanks!", "haha ja", "👍"):
        reply_in_thread(harness, thread_ts, text)
    assert thread_replies(harness) == []
    assert len(rounds(harness)) == 1


def test_an_amount_about_something_else_is_no_move(harness: AppHarness) -> None:
    thread_ts = start_quote(harness)
    reply_in_thread(harness, thread_ts, "we paid €1.200 for the venue")
    replies = harness.standin.wait_for(lambda calls: thread_replies(harness))
    assert replies
    assert "niets veranderd" in thread_replies(harness)[0]["text"]
    assert len(rounds(harness)) == 1


def asked_in_thread(harness: AppHarness, count: int) -> dict:
    """The `count`th reply in the thread (a "did you mean …?"), once the app has posted it."""
    harness.standin.wait_for(lambda calls: len(thread_replies(harness)) >= count)
    return thread_replies(harness)[count - 1]


def test_did_you_mean_can_be_answered_for_a_quarter_of_an_hour(harness: AppHarness) -> None:
    thread_ts = start_quote(harness)
    reply_in_thread(harness, thread_ts, "2 weken?")
    pick, _none = buttons(asked_in_thread(harness, 1))
    harness.clock.advance(minutes=16)
    harness.click(pick["action_id"], pick["value"])
    assert [r["code"] for r in rounds(harness)] == ["quote"]  # too late: nothing applied

    reply_in_thread(harness, thread_ts, "2 weken?")
    pick, _none = buttons(asked_in_thread(harness, 2))
    harness.clock.advance(minutes=14)
    harness.click(pick["action_id"], pick["value"])
    harness.standin.wait_for(lambda calls: len(rounds(harness)) == 2)
    assert terms(harness)["after_hours"] == 14 * 24
    [quote] = rows(harness.engine, ExclusivityQuote)
    assert quote.status == "open"
