"""`/creator settings`: approvers per kind, saved and shown again."""

from __future__ import annotations

import pytest

from storage.models import TeamSettings
from tests.handlers.approvals.desk import APPROVER, FALLBACK, REQUESTER, SECOND, rows, set_up_desk
from tests.harness import AppHarness


@pytest.fixture
def desk(harness: AppHarness) -> AppHarness:
    return set_up_desk(harness)


def test_settings_modal_sets_approvers_per_kind(desk: AppHarness) -> None:
    desk.standin.set_role(REQUESTER, "admin")  # who may (tests/handlers/test_permissions.py)
    assert desk.command("/creator", "settings") == {}
    view = desk.last_view()
    assert view["callback_id"] == "approval_settings"
    errors = desk.submit(
        view, {"group_brief": "the content team", "due_hours": "72", "expiry_days": "2"}
    )
    assert set(errors["errors"]) == {"group_brief", "expiry_days"}
    assert (
        desk.submit(
            view,
            {
                "users_contract": [APPROVER, SECOND],
                "rule_contract": "all",
                "group_content": "S0123ABCD",
                "fallback": FALLBACK,
                "due_hours": "24",
                "expiry_days": "3",
            },
        )
        == {}
    )
    saved = desk.standin.wait_for_call("chat.postEphemeral")[0].args["text"]
    assert f"<@{APPROVER}>, <@{SECOND}> (all must approve)" in saved
    assert "<!subteam^S0123ABCD>" in saved and f"<@{FALLBACK}>" in saved
    [team] = rows(desk.engine, TeamSettings)
    assert team.approval_settings["contract"] == {
        "users": [APPROVER, SECOND],
        "group": None,
        "rule": "all",
    }
    assert (team.approval_settings["due_hours"], team.approval_settings["expiry_days"]) == (24, 3)
    # The modal opens again with what was saved.
    desk.command("/creator", "settings")
    reopened = {b.get("block_id"): b for b in desk.last_view()["blocks"]}
    assert reopened["users_contract"]["element"]["initial_users"] == [APPROVER, SECOND]
    assert reopened["rule_contract"]["element"]["initial_option"]["value"] == "all"
