"""Exclusivity through the Slack stand-in: quote, negotiate in the thread, agree, check, list."""

from __future__ import annotations

import json
from decimal import Decimal

from sqlmodel import select

from domain.values import Difficulty, Stage
from storage.db import session_scope
from storage.models import ExclusivityQuote, ExclusivityWindow, NegotiationRound
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import CHANNEL_ID, OTHER_USER_ID, USER_ID, AppHarness


def text_of(message: dict) -> str:
    return json.dumps(message, ensure_ascii=False)


def rows(engine, model) -> list:  # noqa: ANN001
    with session_scope(engine) as session:
        return list(session.exec(select(model)).all())


def fashion_deal(harness: AppHarness, **brand_fields):  # noqa: ANN003, ANN201
    """W1's partnership: base €1,000, a hard (fashion) category, all platforms."""
    brand = make_brand(
        harness.engine,
        "Maison Lumière",
        category="fashion",
        difficulty=Difficulty.HARD,
        competitors=["Glow", "Dewy"],
        **brand_fields,
    )
    creator = make_creator(
        harness.engine,
        "Zoë de Vries",
        handle="zoedevries",
        base_rate=Decimal("1000"),
        platforms={"instagram": 0, "tiktok": 0},
    )
    return make_partnership(harness.engine, creator, brand, stage=Stage.AMBASSADOR)


def reply_in_thread(harness: AppHarness, thread_ts: str, text: str, user: str = USER_ID) -> None:
    harness.event(
        {
            "type": "message",
            "channel": CHANNEL_ID,
            "user": user,
            "text": text,
            "ts": f"{1800000000 + len(harness.standin.calls)}.000100",
            "thread_ts": thread_ts,
            "channel_type": "channel",
        }
    )


def thread_replies(harness: AppHarness) -> list[dict]:
    return [c.args for c in harness.standin.calls_to("chat.postMessage") if c.args.get("thread_ts")]


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


def test_the_brand_requires_approval(harness: AppHarness) -> None:
    fashion_deal(harness, exclusivity_needs_approval=True)
    harness.command("/exclusivity", "quote zoe 7d")
    thread_ts = harness.standin.wait_for_call("chat.postMessage")[0].response["ts"]
    reply_in_thread(harness, thread_ts, "deal")
    [window] = rows(harness.engine, ExclusivityWindow)
    assert window.status == "awaiting_approval"


def test_an_agreed_window_can_be_withdrawn_and_lists_follow(harness: AppHarness) -> None:
    fashion_deal(harness)
    harness.command("/exclusivity", "quote zoe 7d on instagram")
    thread_ts = harness.standin.wait_for_call("chat.postMessage")[0].response["ts"]
    reply_in_thread(harness, thread_ts, "accept")
    [window] = rows(harness.engine, ExclusivityWindow)
    assert "Maison" in text_of(harness.command("/exclusivity", "list zoe"))
    card = text_of(harness.command("/creator", "status zoe"))
    assert "7 days after go-live · Instagram" in card and "(active)" in card
    harness.click(
        "excl_window_withdraw",
        str(window.id),
        message={"ts": "1800000009.000100", "thread_ts": thread_ts, "text": "agreed"},
    )
    [window] = rows(harness.engine, ExclusivityWindow)
    assert window.status == "withdrawn"
    assert "No exclusivity windows" in text_of(harness.command("/exclusivity", "list"))


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


def test_an_agreed_window_asks_for_approval_and_follows_the_decision(harness: AppHarness) -> None:
    from domain.approvals import ApprovalSettings, KindSettings
    from domain.values import ApprovalKind
    from storage import approvals
    from storage.models import ApprovalRequest

    fashion_deal(harness, exclusivity_needs_approval=True)
    harness.command("/creator", "help")  # the team's settings row exists from here on
    with session_scope(harness.engine) as session:
        approvals.save_settings(
            session=session,
            team_id="T0123456789",
            settings=ApprovalSettings(
                kinds={ApprovalKind.EXCLUSIVITY: KindSettings(users=(OTHER_USER_ID,))}
            ),
        )
    harness.command("/exclusivity", "quote zoe 7d")
    thread_ts = harness.standin.wait_for_call("chat.postMessage")[0].response["ts"]
    reply_in_thread(harness, thread_ts, "deal")
    [request] = rows(harness.engine, ApprovalRequest)
    assert (request.kind, request.status) == ("exclusivity", "pending")
    [window] = rows(harness.engine, ExclusivityWindow)
    assert (window.status, window.approval_id) == ("awaiting_approval", request.id)
    posted = [
        c for c in harness.standin.calls_to("chat.postMessage") if "approval" in text_of(c.args)
    ]
    assert posted, "the approval request was posted"
    message = posted[-1]
    approve = next(
        element
        for block in message.args["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == "approval_approve"
    )
    harness.click(
        approve["action_id"],
        approve["value"],
        user_id=OTHER_USER_ID,
        message={"ts": message.response["ts"], "text": message.args["text"]},
    )
    [window] = rows(harness.engine, ExclusivityWindow)
    assert window.status == "agreed"
