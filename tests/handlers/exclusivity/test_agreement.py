"""Agreeing through the Slack stand-in: the window recorded, approved, withdrawn."""

from __future__ import annotations

from storage.db import session_scope
from storage.models import ExclusivityWindow
from tests.handlers.exclusivity.deal_threads import (
    fashion_deal,
    reply_in_thread,
    rows,
    text_of,
)
from tests.harness import OTHER_USER_ID, AppHarness


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
