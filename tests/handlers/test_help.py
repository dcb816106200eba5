"""First answers: `/exclusivity` help, DMs and mentions (through the stand-in); `/creator`'s own
help and language: test_creator.py."""

from __future__ import annotations

import json

from tests.harness import CHANNEL_ID, USER_ID, AppHarness


def _text(reply: dict) -> str:
    return json.dumps(reply, ensure_ascii=False)


def test_exclusivity_help(harness: AppHarness) -> None:
    reply = harness.command("/exclusivity", "")
    assert "/exclusivity help" in _text(reply)


def test_a_direct_message_gets_a_short_help(harness: AppHarness) -> None:
    harness.standin.add_channel("D0123456789", name=USER_ID, is_im=True, user=USER_ID)
    harness.event(
        {
            "type": "message",
            "channel": "D0123456789",
            "user": USER_ID,
            "text": "hello?",
            "ts": "1700000000.000100",
            "channel_type": "im",
        }
    )
    posted = harness.standin.wait_for_call("chat.postMessage")
    assert posted[0].args["channel"] == "D0123456789"
    assert "/creator help" in posted[0].args["text"]


def test_a_mention_is_answered_in_its_thread(harness: AppHarness) -> None:
    harness.event(
        {
            "type": "app_mention",
            "channel": CHANNEL_ID,
            "user": USER_ID,
            "text": "<@U0BOT000001> help",
            "ts": "1700000000.000200",
            "thread_ts": "1700000000.000100",
        }
    )
    posted = harness.standin.wait_for_call("chat.postMessage")
    assert posted[0].args["thread_ts"] == "1700000000.000100"


def test_not_in_channel_tells_the_user_to_invite_the_bot(harness: AppHarness) -> None:
    harness.standin.inject_error("chat.postMessage", "not_in_channel")
    harness.event(
        {
            "type": "app_mention",
            "channel": CHANNEL_ID,
            "user": USER_ID,
            "text": "<@U0BOT000001> hi",
            "ts": "1700000000.000400",
        }
    )
    told = harness.standin.wait_for(
        lambda calls: any(
            c.method == "chat.postMessage" and c.args.get("channel") == USER_ID for c in calls
        )
    )
    dm = [c for c in told if c.args.get("channel") == USER_ID][0]
    assert "/invite @Partnerdesk" in dm.args["text"]


def test_a_plain_channel_message_is_not_answered(harness: AppHarness) -> None:
    harness.event(
        {
            "type": "message",
            "channel": CHANNEL_ID,
            "user": USER_ID,
            "text": "lunch anyone?",
            "ts": "1700000000.000500",
            "channel_type": "channel",
        }
    )
    assert harness.standin.calls_to("chat.postMessage") == []
