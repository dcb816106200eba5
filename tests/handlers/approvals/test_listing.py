"""`/creator approvals [mine|all]`, and pending requests on the status card."""

from __future__ import annotations

from datetime import timedelta

from storage.approvals.demo import DEMO_SUBJECT, demo_pending_approval
from storage.db import session_scope
from storage.models import ApprovalRequest, Partnership
from tests.handlers.approvals.desk import (
    APPROVER,
    PARTNERSHIP_CHANNEL,
    REQUESTER,
    SECOND,
    STRANGER,
    actions_of,
    ask,
    configure,
    dms_to,
    rows,
    text_of,
)
from tests.harness import TEAM_ID, AppHarness


def test_approvals_mine_and_all(desk: AppHarness) -> None:
    configure(desk, users=(SECOND,))
    ask(desk)
    mine = desk.command("/creator", "approvals", user_id=SECOND)
    assert "Renewal terms 2027" in text_of(mine)
    assert actions_of(mine) == ["approval_approve_0", "approval_changes_0", "approval_reject_0"]
    assert "Renewal terms 2027" in text_of(desk.command("/creator", "approvals mine"))
    nothing = desk.command("/creator", "approvals", user_id=STRANGER)
    assert "Renewal terms 2027" not in text_of(nothing)
    everything = desk.command("/creator", "approvals all", user_id=STRANGER)
    assert "Renewal terms 2027" in text_of(everything) and actions_of(everything) == []
    # Deciding from the list.
    button = mine["blocks"][2]["elements"][0]
    desk.click(button["action_id"], button["value"], user_id=SECOND)
    assert "You approved “Renewal terms 2027”" in desk.standin.calls_to("respond")[-1].args["text"]
    [stored] = rows(desk.engine, ApprovalRequest)
    assert stored.status == "approved"
    assert "Renewal" not in text_of(desk.command("/creator", "approvals all"))


def test_the_status_card_shows_pending_approvals_by_the_app_clock(desk: AppHarness) -> None:
    """The card leaves out an expired request by the app's clock (which tests and the
    console's `!clock` move), not by the day the test runs (issue 11, finding 1)."""
    desk.command("/creator", "help")
    [partnership_id] = [p.id for p in rows(desk.engine, Partnership)]
    with session_scope(desk.engine) as session:
        request = demo_pending_approval(
            session, TEAM_ID, partnership_id, REQUESTER, APPROVER, now=desk.clock()
        )
        expires_at = request.expires_at
    assert DEMO_SUBJECT in text_of(desk.command("/creator", "status zoe"))
    desk.clock.current = expires_at - timedelta(minutes=1)
    assert DEMO_SUBJECT in text_of(desk.command("/creator", "status zoe"))
    desk.clock.current = expires_at + timedelta(minutes=1)
    assert DEMO_SUBJECT not in text_of(desk.command("/creator", "status zoe"))


def test_demo_pending_approval_shows_on_the_status_card(desk: AppHarness) -> None:
    desk.command("/creator", "help")
    [partnership_id] = [p.id for p in rows(desk.engine, Partnership)]
    with session_scope(desk.engine) as session:
        demo_pending_approval(
            session, TEAM_ID, partnership_id, REQUESTER, APPROVER, now=desk.clock()
        )
    card = text_of(desk.command("/creator", "status zoe"))
    assert DEMO_SUBJECT in card
    mine = desk.command("/creator", "approvals", user_id=APPROVER)
    assert DEMO_SUBJECT in text_of(mine)
    # Never posted, so in no channel: the list says who asked, and no empty "in".
    assert f"gevraagd door <@{REQUESTER}>" in text_of(mine)  # the approver reads Dutch
    assert " in –" not in text_of(mine)
    # Deciding on a request that was never posted still works: the requester hears it.
    button = mine["blocks"][2]["elements"][0]
    desk.click(button["action_id"], button["value"], user_id=APPROVER)
    assert "approved" in dms_to(desk, REQUESTER)[0]["text"]
    # The demo team can ask for approvals of any kind right away.
    assert ask(desk, "zoe budget Q1 budget")["channel"] == PARTNERSHIP_CHANNEL
