"""`/creator settings`: the modal and what was saved, from facts alone."""

from __future__ import annotations

from domain.approvals import ApprovalSettings, KindSettings, Rule
from domain.values import ApprovalKind
from handlers.blocks.approvals.settings import build_settings_modal, build_settings_saved
from locales import translator
from tests.handlers.blocks.approvals.facts import LOU, SAM

EN = translator("en")
SETTINGS = ApprovalSettings(
    kinds={
        ApprovalKind.CONTRACT: KindSettings((LOU, SAM), None, Rule.ALL),
        ApprovalKind.CONTENT: KindSettings((), "S0123ABCD"),
    },
    fallback=LOU,
    due_hours=1,
    expiry_days=3,
)


def test_the_modal_opens_with_what_is_set() -> None:
    view = build_settings_modal(EN, SETTINGS)
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert view["callback_id"] == "approval_settings"
    assert blocks["users_contract"]["element"]["initial_users"] == [LOU, SAM]
    assert "initial_users" not in blocks["users_brief"]["element"]
    assert blocks["rule_contract"]["element"]["initial_option"]["value"] == "all"
    assert blocks["group_content"]["element"]["initial_value"] == "S0123ABCD"
    assert blocks["due_hours"]["element"]["initial_value"] == "1"


def test_what_was_saved_reads_per_kind_with_the_deadlines() -> None:
    saved = build_settings_saved(EN, SETTINGS).splitlines()
    assert saved[0] == "Approval settings saved."
    assert f"• Contract: <@{LOU}>, <@{SAM}> (all must approve)" in saved
    assert "• Content: <!subteam^S0123ABCD>" in saved
    assert "• Brief: nobody yet" in saved
    assert saved[-1] == (f"Fallback approver: <@{LOU}> · due after 1 hour · expires after 3 days")
