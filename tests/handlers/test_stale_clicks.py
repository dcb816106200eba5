"""Stale clicks are harmless and quiet (issue 11, finding 7): a quote's buttons carry the
version of the terms they were shown with; a click on an outdated message, or a repeat,
changes nothing and is answered to the clicker only, never in the thread. 20 concurrent
clicks over signed HTTP on each button make exactly one change, on both databases."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from domain.values import Difficulty, Stage
from storage.models import ExclusivityQuote, ExclusivityWindow, NegotiationRound
from tests.factories import make_brand, make_creator, make_partnership
from tests.handlers.exclusivity.deal_threads import rows
from tests.harness import (
    CHANNEL_ID,
    OTHER_USER_ID,
    USER_ID,
    AppHarness,
    block_actions_body,
    post_at_once,
    served,
)

ASKER = USER_ID  # Casey asks for the quote (en-US)
KEEPER = "U0KEEPER001"  # owns the partnership (en-GB)
CHANGED = (
    "This quote changed after this message was shown (or your click was already counted): "
    "nothing changed. Use the buttons on the updated quote."
)


@pytest.fixture
def desk(harness: AppHarness) -> AppHarness:
    """A 60-day quote on a hard (fashion) category, two platforms, a brand with competitors."""
    harness.standin.add_user(KEEPER, name="kees", locale="en-GB")
    harness.standin.add_channel(
        CHANNEL_ID, name="partnerships", members=[ASKER, OTHER_USER_ID, KEEPER]
    )
    brand = make_brand(
        harness.engine,
        "Maison Lumière",
        category="fashion",
        difficulty=Difficulty.HARD,
        competitors=["Glow", "Dewy"],
        exclusivity_needs_approval=False,
    )
    creator = make_creator(
        harness.engine,
        "Zoë de Vries",
        base_rate=Decimal("1000"),
        platforms={"instagram": 120000, "tiktok": 45000},
    )
    make_partnership(harness.engine, creator, brand, stage=Stage.GUARDRAILS, owner_user_id=KEEPER)
    return harness


def post_quote(harness: AppHarness) -> dict:
    assert harness.command("/exclusivity", "quote zoe 60d", user_id=ASKER) == {}
    posted = harness.standin.wait_for_call("chat.postMessage")[0]
    return {**posted.args, "ts": posted.response["ts"]}


def buttons(message: dict) -> dict[str, str]:
    return {
        element["action_id"]: element["value"]
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    }


def thread_posts(harness: AppHarness, message: dict) -> list[dict]:
    return [
        c.args
        for c in harness.standin.calls_to("chat.postMessage")
        if c.args.get("thread_ts") == message["ts"]
    ]


def click(harness: AppHarness, message: dict, action_id: str, value: str, user: str) -> None:
    harness.click(
        action_id, value, user_id=user, message={"ts": message["ts"], "text": message["text"]}
    )


def rounds(harness: AppHarness) -> list[str]:
    return [r.change["code"] for r in rows(harness.engine, NegotiationRound)]


def test_a_click_on_an_outdated_message_changes_nothing_and_says_so_privately(
    desk: AppHarness,
) -> None:
    message = post_quote(desk)
    shorten = buttons(message)["excl_shorten"]
    click(desk, message, "excl_shorten", shorten, ASKER)
    [quote] = rows(desk.engine, ExclusivityQuote)
    assert (quote.terms["after_hours"], quote.version) == (30 * 24, 2)  # 60 days halved once
    [update] = desk.standin.calls_to("chat.update")
    fresh = {**update.args, "ts": message["ts"]}
    assert buttons(fresh)["excl_shorten"] != shorten  # the updated message's new version

    since = len(desk.standin.calls)
    threads_before = len(thread_posts(desk, message))
    click(desk, message, "excl_shorten", shorten, KEEPER)  # the old message, again
    click(desk, message, "excl_accept", buttons(message)["excl_accept"], KEEPER)
    [quote] = rows(desk.engine, ExclusivityQuote)
    assert (quote.terms["after_hours"], quote.status, quote.version) == (30 * 24, "open", 2)
    assert rows(desk.engine, ExclusivityWindow) == []
    answers = [c for c in desk.standin.calls[since:] if c.method == "respond"]
    assert [a.args["text"] for a in answers] == [CHANGED, CHANGED]
    assert all(a.args["response_type"] == "ephemeral" for a in answers)
    assert len(thread_posts(desk, message)) == threads_before
    assert len(desk.standin.calls_to("chat.update")) == 1

    # The updated message's buttons work.
    click(desk, fresh, "excl_shorten", buttons(fresh)["excl_shorten"], KEEPER)
    [quote] = rows(desk.engine, ExclusivityQuote)
    assert (quote.terms["after_hours"], quote.version) == (15 * 24, 3)


# Each button, the round it records, and what a late click hears (besides "changed").
BUTTONS = {
    "excl_shorten": ("window", CHANGED),
    "excl_platforms": ("platforms", CHANGED),
    "excl_competitors": ("scope", CHANGED),
    "excl_long_term": ("long_term", CHANGED),
    "excl_accept": ("accept", "This quote was already agreed: nothing changed."),
    "excl_withdraw": ("withdraw", "This quote was already withdrawn: nothing changed."),
}


@pytest.mark.parametrize("action_id", list(BUTTONS))
def test_twenty_concurrent_http_clicks_change_the_quote_once(
    desk: AppHarness, action_id: str
) -> None:
    message = post_quote(desk)
    value = buttons(message).get(action_id)
    assert value is not None, f"the quote shows {action_id}"
    code, late = BUTTONS[action_id]
    shown = {"type": "message", "ts": message["ts"], "text": message["text"]}
    bodies = [
        block_actions_body(
            action_id,
            value,
            response_url=desk.standin.hook_url("action"),
            user_id=user,
            channel_id=CHANNEL_ID,
            message=shown,
        )
        for user in [ASKER, KEEPER] * 10
    ]
    clicks_from = len(desk.standin.calls)
    with served(desk.app, desk.engine) as url:
        statuses = post_at_once(url, bodies)
        assert statuses == [200] * 20
        desk.standin.wait_for(
            lambda calls: (
                sum(c.method == "respond" for c in calls[clicks_from:]) >= 19
                and sum(c.method == "chat.update" for c in calls[clicks_from:]) >= 1
            ),
            timeout=20,
        )
    calls = desk.standin.calls[clicks_from:]
    # One change: one round, one new version, one update of the quote message, one reply.
    assert rounds(desk) == ["quote", code]
    [quote] = rows(desk.engine, ExclusivityQuote)
    assert quote.version == 2
    assert sum(c.method == "chat.update" for c in calls) == 1
    assert len(thread_posts(desk, message)) == 1
    if action_id == "excl_shorten":
        assert quote.terms["after_hours"] == 30 * 24  # 60 days halved once, not four times
    if action_id == "excl_accept":
        assert len(rows(desk.engine, ExclusivityWindow)) == 1
    # Each of the 19 others is answered privately, in the thread never.
    answers = [c.args for c in calls if c.method == "respond"]
    assert len(answers) == 19
    assert all(a["response_type"] == "ephemeral" and not a["replace_original"] for a in answers)
    assert {a["text"] for a in answers} <= {late, CHANGED}
    assert not [c for c in calls if c.method == "chat.postEphemeral"]
    assert json.dumps(thread_posts(desk, message)).count("nothing changed") == 0
