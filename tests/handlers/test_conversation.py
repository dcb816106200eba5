"""People write as they talk: DMs and mentions, through signed HTTP (thread replies:
test_talk_thread.py)."""

from __future__ import annotations

import json

from domain.values import Stage
from storage.models import ExclusivityQuote
from tests.factories import make_brand, make_creator, make_partnership
from tests.handlers.exclusivity.deal_threads import buttons, fashion_deal, rounds, rows, terms
from tests.harness import CHANNEL_ID, USER_ID, AppHarness

DM_CHANNEL = "D0TALK00001"


# -- the front door -----------------------------------------------------------------------------


def dm(harness: AppHarness, text: str, n: int) -> None:
    harness.event(
        {
            "type": "message",
            "channel": DM_CHANNEL,
            "user": USER_ID,
            "text": text,
            "ts": f"1700000100.{n:06d}",
            "channel_type": "im",
        }
    )


def dm_answers(harness: AppHarness) -> list[str]:
    return [
        json.dumps(c.args, ensure_ascii=False)
        for c in harness.standin.calls_to("chat.postMessage")
        if c.args.get("channel") == DM_CHANNEL
    ]


def test_a_dm_asks_for_a_card_and_a_follow_up_keeps_the_subject(harness: AppHarness) -> None:
    harness.standin.add_channel(DM_CHANNEL, name=USER_ID, is_im=True, user=USER_ID)
    fashion_deal(harness)
    make_creator(harness.engine, "Daan Bakker", handle="daanb")
    dm(harness, "hoe doet Zoe het?", 1)
    harness.standin.wait_for(lambda calls: dm_answers(harness))
    assert "Zoë de Vries" in dm_answers(harness)[0]
    dm(harness, "en haar roadmap?", 2)
    harness.standin.wait_for(lambda calls: len(dm_answers(harness)) == 2)
    assert "Zoë de Vries" in dm_answers(harness)[1]
    # The next day the subject is forgotten: "haar" no longer means Zoë.
    harness.clock.advance(days=1)
    dm(harness, "en haar roadmap?", 3)
    harness.standin.wait_for(lambda calls: len(dm_answers(harness)) == 3)
    assert "Zoë de Vries" not in dm_answers(harness)[2]


def test_a_name_two_creators_share_asks_which(harness: AppHarness) -> None:
    harness.standin.add_channel(DM_CHANNEL, name=USER_ID, is_im=True, user=USER_ID)
    brand = make_brand(harness.engine, "Lavazza")
    for name, handle in (("Lisa Jansen", "lisaj"), ("Lisa de Boer", "lisab")):
        make_partnership(
            harness.engine,
            make_creator(harness.engine, name, handle=handle),
            brand,
            stage=Stage.GROWTH,
        )
    dm(harness, "how is lisa doing?", 1)
    calls = harness.standin.wait_for(lambda calls: dm_answers(harness))
    asked = [c.args for c in calls if c.method == "chat.postMessage"][-1]
    choices = [b for b in buttons(asked) if b["action_id"] != "reading_none"]
    assert {b["text"]["text"] for b in choices} == {"Lisa Jansen", "Lisa de Boer"}
    picked = next(b for b in choices if b["text"]["text"] == "Lisa Jansen")
    harness.click(picked["action_id"], picked["value"], channel_id=DM_CHANNEL)
    harness.standin.wait_for(lambda calls: len(dm_answers(harness)) == 2)
    assert "Lisa Jansen" in dm_answers(harness)[1]


def test_a_card_asked_in_a_channel_goes_only_to_the_asker(harness: AppHarness) -> None:
    fashion_deal(harness)
    harness.event(
        {
            "type": "app_mention",
            "channel": CHANNEL_ID,
            "user": USER_ID,
            "text": "<@U0BOT000001> how is zoe doing?",
            "ts": "1700000200.000100",
        }
    )
    [card] = harness.standin.wait_for_call("chat.postEphemeral")
    assert card.args["user"] == USER_ID
    assert "Zoë de Vries" in json.dumps(card.args, ensure_ascii=False)
    assert harness.standin.calls_to("chat.postMessage") == []


def test_a_quote_asked_in_words_starts_the_negotiation(harness: AppHarness) -> None:
    fashion_deal(harness)
    harness.event(
        {
            "type": "app_mention",
            "channel": CHANNEL_ID,
            "user": USER_ID,
            "text": "<@U0BOT000001> offerte voor zoe, drie weken alleen stories",
            "ts": "1700000200.000200",
        }
    )
    harness.standin.wait_for_call("chat.postMessage")
    [quote] = rows(harness.engine, ExclusivityQuote)
    assert quote.terms["after_hours"] == 21 * 24
    assert quote.terms["content_types"] == ["stories"]
    assert quote.created_by == USER_ID


def test_a_dm_nobody_can_read_gets_what_it_can_do(harness: AppHarness) -> None:
    harness.standin.add_channel(DM_CHANNEL, name=USER_ID, is_im=True, user=USER_ID)
    dm(harness, "het weer is mooi vandaag", 1)
    harness.standin.wait_for(lambda calls: dm_answers(harness))
    # In the user's language (English, as Slack tells for this user), with things to ask.
    assert "how is Lisa doing?" in dm_answers(harness)[0]


def test_a_quote_asked_in_a_dm_is_negotiated_in_its_thread_there(harness: AppHarness) -> None:
    harness.standin.add_channel(DM_CHANNEL, name=USER_ID, is_im=True, user=USER_ID)
    fashion_deal(harness)
    dm(harness, "quote for zoe, 3 weeks", 1)
    [quote] = rows(harness.engine, ExclusivityQuote)
    assert quote.channel_id == DM_CHANNEL and quote.terms["after_hours"] == 21 * 24
    harness.event(
        {
            "type": "message",
            "channel": DM_CHANNEL,
            "user": USER_ID,
            "text": "could we do 10 days?",
            "ts": "1700000300.000100",
            "thread_ts": quote.thread_ts,
            "channel_type": "im",
        }
    )
    harness.standin.wait_for(lambda calls: len(rounds(harness)) == 2)
    assert terms(harness)["after_hours"] == 10 * 24
