"""The roadmap card's buttons: done and snooze change the card in place, once."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import col, select

from storage.db import session_scope
from storage.models import Reminder
from tests.handlers.roadmap.roadmap_for_tests import (
    buttons,
    milestone_row,
    roadmap_id,
    started_in_week_5,
    text_of,
)
from tests.harness import USER_ID, AppHarness


def test_done_updates_the_card_in_place_once(harness: AppHarness, zoe) -> None:  # noqa: ANN001
    card = started_in_week_5(harness, zoe)
    done = buttons(card)["roadmap_done_kickoff"]
    harness.click(done["action_id"], done["value"])
    updated = harness.standin.wait_for_call("respond")[0].args
    assert updated["replace_original"] is True
    assert "✅ *Kick-off with the creator* · done" in text_of(updated)
    assert "2 of 14 done" in text_of(updated) and "⚠️ 4 overdue" in text_of(updated)
    first = milestone_row(harness.engine, "kickoff")
    assert first.done_by == USER_ID and first.done_at is not None

    # A double click: the second changes nothing, and says so.
    harness.clock.advance(seconds=2)
    harness.click(done["action_id"], done["value"])
    again = harness.standin.wait_for_call("respond", count=2)[1].args
    assert "was done already" in text_of(again)
    assert "2 of 14 done" in text_of(again)
    assert milestone_row(harness.engine, "kickoff").done_at == first.done_at


def test_snooze_moves_the_due_date_a_week_once(harness: AppHarness, zoe) -> None:  # noqa: ANN001
    card = started_in_week_5(harness, zoe)
    snooze = buttons(card)["roadmap_snooze_briefing_canvas"]
    harness.click(snooze["action_id"], snooze["value"])
    updated = harness.standin.wait_for_call("respond")[0].args
    # Due 21 November (end of week 4), a week later: 28 November, the end of this week.
    assert "snoozed: now due 28 Nov 2026" in text_of(updated)
    assert "🔜 *Agree the creative guardrails (Briefing Canvas)* · due this week" in text_of(
        updated
    )
    assert "⚠️ 4 overdue" in text_of(updated)
    assert milestone_row(harness.engine, "briefing_canvas").due_on == date(2026, 11, 28)
    # Its overdue reminder: 09:00 Amsterdam (CET, UTC+1) the day after the new due date.
    with session_scope(harness.engine) as session:
        reminder = session.exec(
            select(Reminder).where(
                col(Reminder.dedupe_key) == f"roadmap:{roadmap_id(harness)}:overdue:2026-11-28"
            )
        ).one()
    assert reminder.due_at == datetime(2026, 11, 29, 8, 0, tzinfo=UTC)

    harness.click(snooze["action_id"], snooze["value"])  # the same button again
    again = harness.standin.wait_for_call("respond", count=2)[1].args
    assert "snoozed or done already" in text_of(again)
    assert milestone_row(harness.engine, "briefing_canvas").due_on == date(2026, 11, 28)


def test_snoozing_a_long_overdue_milestone_leaves_it_due_not_overdue(
    harness: AppHarness, zoe
) -> None:  # noqa: ANN001
    card = started_in_week_5(harness, zoe)
    snooze = buttons(card)["roadmap_snooze_kickoff"]  # due 7 November, 16 days ago
    harness.click(snooze["action_id"], snooze["value"])
    updated = text_of(harness.standin.wait_for_call("respond")[0].args)
    assert "now due 28 Nov 2026" in updated
    assert "🔜 *Kick-off with the creator*" in updated
