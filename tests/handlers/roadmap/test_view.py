"""The roadmap card: week n of 12 with what is done and overdue, completed from the data first
(terms of 90 days do not sign the contract), on the status card and for whoever opens it."""

from __future__ import annotations

from datetime import date, timedelta

from storage import roadmaps
from storage.db import session_scope
from tests.factories import make_brand, make_creator, make_partnership
from tests.handlers.roadmap.roadmap_for_tests import (
    NOW,
    TODAY,
    buttons,
    milestone_row,
    start_directly,
    started_in_week_5,
    text_of,
)
from tests.harness import OTHER_USER_ID, AppHarness


def test_show_is_week_n_of_12_with_done_and_overdue(harness: AppHarness, zoe) -> None:  # noqa: ANN001
    card = started_in_week_5(harness, zoe)
    shown = text_of(card)
    assert card["response_type"] == "ephemeral"
    assert "Week 5 of 12" in shown
    # Weeks 1-4 ended on 21 November: five of their milestones are overdue; the contract
    # (30-day terms, end date recorded) completed itself.
    assert "1 of 14 done" in shown and "⚠️ 5 overdue" in shown
    assert "✅ *Contract signed with payment terms under 90 days* · done (from the data)" in shown
    assert "⚠️ *Kick-off with the creator* · overdue: was due 7 Nov 2026" in shown
    assert "*Co-creation and production* · due 19 Dec 2026" in shown
    # A Done and a Snooze button per open milestone, with distinct action ids.
    actions = buttons(card)
    assert len(actions) == 2 * 13
    assert "roadmap_done_kickoff" in actions and "roadmap_snooze_kickoff" in actions
    assert "roadmap_done_contract_signed" not in actions


def test_terms_of_90_days_or_more_do_not_complete_the_contract_and_raise_the_flag(
    harness: AppHarness,
) -> None:
    creator = make_creator(harness.engine, "Zoë de Vries", handle="zoedevries")
    make_partnership(harness.engine, creator, make_brand(harness.engine), payment_terms_days=120)
    card = text_of(harness.command("/creator", "roadmap start zoe 2026-10-25"))
    assert "0 of 14 done" in card
    assert "🚩 Payment terms of 120 days: 90 days or more damages partner trust" in card
    assert "roadmap_done_contract_signed" in card
    assert milestone_row(harness.engine, "contract_signed").done_at is None
    status = text_of(harness.command("/creator", "status zoe"))
    assert "Week 5 of 12 · 0/14 done · 6 overdue" in status
    assert "🚩 Payment terms of 120 days" in status


def test_the_status_card_shows_the_roadmaps_progress(harness: AppHarness, zoe) -> None:  # noqa: ANN001
    before = text_of(harness.command("/creator", "status zoe"))
    assert "*12-week roadmap:* not started" in before
    started_in_week_5(harness, zoe)
    status = text_of(harness.command("/creator", "status zoe"))
    assert "*12-week roadmap:* Week 5 of 12 · 1/14 done · 5 overdue" in status


def test_a_reminder_opens_the_roadmap_for_whoever_clicks(harness: AppHarness, zoe) -> None:  # noqa: ANN001
    rid = start_directly(harness.engine, zoe, date(2026, 11, 2))
    harness.click("roadmap_show", str(rid), user_id=OTHER_USER_ID)
    card = harness.standin.wait_for_call("respond")[0].args
    assert card["response_type"] == "ephemeral" and card["replace_original"] is False
    assert "Week 4 van 12" in text_of(card)  # in Lou's language (Slack says nl-NL)


def test_demo_roadmap_is_in_week_5(harness: AppHarness, zoe) -> None:  # noqa: ANN001
    start = TODAY - timedelta(days=31)
    with session_scope(harness.engine) as session:
        roadmaps.seed_roadmap(
            session=session,
            partnership=zoe,
            start_on=start,
            done=("kickoff", "share_first_party_data", "record_brand_fit", "briefing_canvas"),
            timezone="Europe/Amsterdam",
            now=NOW,
        )
    status = text_of(harness.command("/creator", "status zoe"))
    assert "Week 5 of 12 · 5/14 done · 1 overdue" in status
