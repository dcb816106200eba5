"""Direct messages about a request, from facts alone."""

from __future__ import annotations

from domain.approvals import Status
from handlers.blocks.approvals.dms import (
    build_escalation_dm,
    build_expiry_dm,
    build_reminder_dm,
    build_requester_dm,
)
from locales import translator
from tests.handlers.blocks.approvals.facts import (
    CHANNEL,
    LOU,
    REQUESTER,
    ZONE,
    action_ids,
    card,
    decided,
)

EN = translator("en")


def test_the_requester_hears_an_approval_and_where_the_request_is() -> None:
    dm = build_requester_dm(EN, decided(Status.APPROVED), CHANNEL, ZONE)
    assert dm["text"].startswith(
        f"✅ Your contract request “Renewal terms 2027” was approved by <@{LOU}> "
        "on Mon 23 Nov 11:00."
    )
    assert f"The request is in <#{CHANNEL}>." in dm["text"]
    assert action_ids(dm) == []


def test_a_request_for_changes_comes_with_the_edit_button() -> None:
    dm = build_requester_dm(EN, decided(Status.CHANGES_REQUESTED, "18 months"), None, ZONE)
    assert "requested changes" in dm["text"] and "“18 months”" in dm["text"]
    assert "`/creator approvals mine` shows it" in dm["text"]  # in no channel
    assert action_ids(dm) == ["approval_edit"]


def test_an_approver_is_reminded_of_what_waits_and_where() -> None:
    dm = build_reminder_dm(EN, card(), CHANNEL, ZONE)["text"]
    assert dm == (
        f"⏰ <@{REQUESTER}> is waiting for your approval: contract “Renewal terms 2027” "
        "(Zoë de Vries · Koffie &amp; Co), due on Wed 25 Nov 10:00. "
        f"The request is in <#{CHANNEL}>."
    )
    dutch = build_reminder_dm(translator("nl"), card(), None, ZONE)["text"]
    assert "wacht op je goedkeuring" in dutch and "/creator approvals" in dutch


def test_the_fallback_hears_it_is_theirs_to_decide_now() -> None:
    dm = build_escalation_dm(EN, card(), CHANNEL, ZONE)["text"]
    assert dm.startswith("⚠️ You are the fallback approver: the contract request")
    assert f"You can decide on it in <#{CHANNEL}>." in dm


def test_the_requester_hears_the_request_expired() -> None:
    dm = build_expiry_dm(EN, card(status=Status.EXPIRED), CHANNEL, ZONE)["text"]
    assert dm == (
        "⌛ Your contract request “Renewal terms 2027” expired on Mon 30 Nov 10:00 without a "
        f"decision. It is in <#{CHANNEL}>; ask again with `/creator approve`."
    )
