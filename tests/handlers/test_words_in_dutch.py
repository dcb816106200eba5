"""A closed negotiation says its state in the channel's language, not as a code."""

from __future__ import annotations

from domain.values import Stage
from tests.factories import make_brand, make_creator, make_partnership
from tests.handlers.test_hostile_names import everything_said, reply_in_thread
from tests.harness import AppHarness
from tests.mrkdwn_check import texts


def test_a_move_after_the_deal_names_the_state_in_dutch(harness: AppHarness) -> None:
    brand = make_brand(harness.engine, "Maison Lumière", competitors=["Glow"])
    creator = make_creator(harness.engine, "Zoë de Vries", handle="zoedevries")
    make_partnership(harness.engine, creator, brand, stage=Stage.AMBASSADOR)
    harness.command("/exclusivity", "quote zoe 7d")
    thread_ts = harness.standin.wait_for_call("chat.postMessage")[0].response["ts"]
    reply_in_thread(harness, thread_ts, "deal")
    before = len(harness.standin.calls)
    reply_in_thread(harness, thread_ts, "make it 14 days")
    said = [
        text
        for _, payload in everything_said(harness, [])[before:]
        for _, text, _ in texts(payload)
    ]
    # The team reads Dutch: "gesloten (akkoord)", wherever the answer goes (thread or ephemeral).
    assert any("gesloten (akkoord)" in text for text in said), said
    assert not any("agreed" in text for text in said), said
