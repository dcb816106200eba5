"""Posting a request: a user group's members join its approvers; a channel it can't reach
keeps nothing."""

from __future__ import annotations

import pytest

from storage.models import ApprovalRequest
from tests.handlers.approvals.desk import (
    APPROVER,
    REQUESTER,
    SECOND,
    ask,
    configure,
    rows,
    set_up_desk,
    text_of,
)
from tests.harness import AppHarness


@pytest.fixture
def desk(harness: AppHarness) -> AppHarness:
    return set_up_desk(harness)


def test_a_user_groups_members_approve_but_never_the_requester(desk: AppHarness) -> None:
    desk.standin.add_usergroup("S0123ABCD", [APPROVER, REQUESTER, SECOND])
    configure(desk, users=(), group="S0123ABCD")
    request = ask(desk)
    assert desk.standin.calls_to("usergroups.users.list")[0].args["usergroup"] == "S0123ABCD"
    assert "<!subteam^S0123ABCD>" in text_of(request["blocks"])
    [stored] = rows(desk.engine, ApprovalRequest)
    assert stored.approvers == [APPROVER, SECOND]


def test_a_channel_without_the_bot_asks_to_invite_it_and_keeps_nothing(desk: AppHarness) -> None:
    configure(desk)
    desk.standin.inject_error("chat.postMessage", "not_in_channel")
    assert desk.command("/creator", "approve zoe contract Renewal terms 2027") == {}
    assert "/invite @Partnerdesk" in desk.standin.wait_for_call("respond")[0].args["text"]
    assert rows(desk.engine, ApprovalRequest) == []
