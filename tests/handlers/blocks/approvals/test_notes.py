"""Notes in a request's thread, from facts alone."""

from __future__ import annotations

from domain.approvals import Decision
from handlers.blocks.approvals.notes import (
    build_cancel_note,
    build_decision_note,
    build_edit_note,
    build_escalation_thread,
    build_reminder_thread,
)
from locales import translator
from tests.handlers.blocks.approvals.facts import ASKED, LOU, REQUESTER, SAM, ZONE

EN = translator("en")


def test_a_decision_note_says_who_decided_and_who_is_still_awaited() -> None:
    assert build_decision_note(EN, Decision.APPROVE, LOU, None)["text"] == f"✅ <@{LOU}> approved."
    waiting = build_decision_note(EN, Decision.APPROVE, LOU, None, (SAM,))["text"]
    assert waiting == f"✅ <@{LOU}> approved; still waiting for <@{SAM}>."
    rejected = build_decision_note(EN, Decision.REJECT, LOU, "Over <budget>")["text"]
    assert rejected == f"⛔ <@{LOU}> rejected the request: “Over &lt;budget&gt;”"
    dutch = build_decision_note(translator("nl"), Decision.APPROVE, LOU, None)["text"]
    assert dutch == f"✅ <@{LOU}> keurde goed."


def test_a_cancel_note_names_the_requester() -> None:
    assert build_cancel_note(EN, REQUESTER)["text"] == f"🚫 <@{REQUESTER}> cancelled this request."


def test_an_edit_note_says_what_changed_and_asks_the_approvers_again() -> None:
    note = build_edit_note(
        EN, REQUESTER, 2, ("subject",), "Renewal 2027", "Renewal 2027, 18 months", (LOU, SAM)
    )["text"]
    assert f"<@{REQUESTER}> changed the subject (version 2)." in note
    assert "Subject: “Renewal 2027” → “Renewal 2027, 18 months”" in note
    assert f"<@{LOU}>, <@{SAM}>, please decide again." in note
    assert "details are updated" not in note


def test_reminder_and_escalation_notes_name_who_is_awaited_and_since_when() -> None:
    reminder = build_reminder_thread(EN, ASKED, (LOU,), ZONE)["text"]
    assert reminder == (
        f"⏰ This request was due on Mon 23 Nov 10:00 and is still waiting for <@{LOU}>."
    )
    escalation = build_escalation_thread(EN, ASKED, SAM, ZONE)["text"]
    assert f"escalated to <@{SAM}>, who can now decide too" in escalation
