"""A deal to quote and its negotiation thread, for the exclusivity surface's tests and those of
the replies typed in it (test_talk_thread.py, test_conversation.py)."""

from __future__ import annotations

import json
from decimal import Decimal

from sqlmodel import select

from domain.values import Difficulty, Stage
from storage.db import session_scope
from storage.models import ExclusivityQuote, NegotiationRound
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import CHANNEL_ID, USER_ID, AppHarness


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


def start_quote(harness: AppHarness) -> str:
    """The fashion deal quoted in the channel: the ts of its negotiation thread."""
    fashion_deal(harness)
    harness.command("/exclusivity", "quote zoe")
    return harness.standin.wait_for_call("chat.postMessage")[0].response["ts"]


def rounds(harness: AppHarness) -> list[dict]:
    """Every round of the negotiation so far, the quote itself first."""
    return [r.change for r in rows(harness.engine, NegotiationRound)]


def terms(harness: AppHarness) -> dict:
    [quote] = rows(harness.engine, ExclusivityQuote)
    return quote.terms


def buttons(message: dict) -> list[dict]:
    """A message's buttons, in the order shown."""
    return [
        element
        for block in message.get("blocks", [])
        if block["type"] == "actions"
        for element in block["elements"]
    ]
