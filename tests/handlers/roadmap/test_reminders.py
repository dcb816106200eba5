"""The roadmap's reminders: scheduled at 09:00 team time across summer time, what they say in
the team's language, and the clock's sweep that delivers them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import select

from domain.values import KPIKind
from storage import roadmaps
from storage.db import session_scope
from storage.models import RoadmapMilestone
from tests.factories import log_period, make_brand, make_creator, make_partnership
from tests.handlers.roadmap.roadmap_for_tests import (
    NOW,
    milestone_row,
    reminders_by_key,
    render_key,
    roadmap_id,
    start_directly,
    text_of,
)
from tests.harness import CHANNEL_ID, OTHER_USER_ID, USER_ID, AppHarness


def test_weekly_and_overdue_reminders_at_nine_team_time_in_winter(
    harness: AppHarness,
) -> None:
    creator = make_creator(harness.engine, "Zoë de Vries", handle="zoedevries")
    make_partnership(
        harness.engine,
        creator,
        make_brand(harness.engine),
        owner_user_id=OTHER_USER_ID,
        channel_id=CHANNEL_ID,
    )
    harness.command("/creator", "roadmap start zoe 2026-11-30")
    rid = roadmap_id(harness)
    found = reminders_by_key(harness.engine)
    weeks = {k: r for k, r in found.items() if ":week:" in k}
    assert len(weeks) == 12
    # Monday 30 November 09:00 CET is 08:00 UTC; each week on, to Monday 15 February.
    assert weeks[f"roadmap:{rid}:week:1"].due_at == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    assert weeks[f"roadmap:{rid}:week:12"].due_at == datetime(2027, 2, 15, 8, 0, tzinfo=UTC)
    assert {r.kind for r in weeks.values()} == {"roadmap_week"}
    # Overdue: the day after each due date (the ends of weeks 2, 4, 8, 10 and 12).
    overdue = {k: r for k, r in found.items() if ":overdue:" in k}
    assert set(overdue) == {
        f"roadmap:{rid}:overdue:{d}"
        for d in ("2026-12-13", "2026-12-27", "2027-01-24", "2027-02-07", "2027-02-21")
    }
    assert overdue[f"roadmap:{rid}:overdue:2026-12-13"].due_at == datetime(
        2026, 12, 14, 8, 0, tzinfo=UTC
    )
    # The partnership's channel gets them.
    assert {r.channel_id for r in found.values()} == {CHANNEL_ID}


def test_reminders_follow_summer_time_and_skip_the_past(harness: AppHarness, zoe) -> None:  # noqa: ANN001
    harness.clock.current = datetime(2027, 3, 24, 12, 0, tzinfo=UTC)
    # A roadmap started on Monday 22 March 2027: summer time begins on Sunday 28 March.
    harness.command("/creator", "roadmap start zoe 2027-03-22")
    rid = roadmap_id(harness)
    found = reminders_by_key(harness.engine)
    # Week 1's reminder (22 March, 08:00 UTC) was due before the roadmap existed: left out.
    assert f"roadmap:{rid}:week:1" not in found
    assert found[f"roadmap:{rid}:week:2"].due_at == datetime(2027, 3, 29, 7, 0, tzinfo=UTC)
    assert found[f"roadmap:{rid}:week:12"].due_at == datetime(2027, 6, 7, 7, 0, tzinfo=UTC)
    # No channel recorded: the owner's DM (chat.postMessage to a user id).
    assert {r.channel_id for r in found.values()} == {OTHER_USER_ID}


def test_the_week_reminder_says_what_is_due_overdue_and_under_way(harness: AppHarness, zoe) -> None:  # noqa: ANN001
    rid = start_directly(harness.engine, zoe, date(2026, 11, 2))
    week_3 = render_key(harness.engine, f"roadmap:{rid}:week:3")
    # The notification text is mrkdwn too: names are escaped (Slack shows "&amp;" as "&").
    assert week_3["text"] == "Week 3 of 12 for Zoë de Vries · Koffie &amp; Co: 3 overdue"
    shown = text_of(week_3)
    assert "*Overdue*" in shown and "Kick-off with the creator (15 Nov 2026)" in shown
    assert "*Under way*" in shown and "Agree the creative guardrails" in shown
    assert "Nothing is due this week." in shown
    assert f"<@{OTHER_USER_ID}>" in shown and "roadmap_show" in shown
    assert "channel" not in week_3  # the reminder row names it

    week_4 = render_key(harness.engine, f"roadmap:{rid}:week:4")
    # The contract completed itself (30-day terms): two of weeks 3-4 are due.
    assert (
        week_4["text"]
        == "Week 4 of 12 for Zoë de Vries · Koffie &amp; Co: 2 due this week, 3 overdue"
    )
    assert "Contract signed" not in text_of(week_4)


def test_reminders_speak_the_teams_language(harness: AppHarness, zoe) -> None:  # noqa: ANN001
    rid = start_directly(harness.engine, zoe, date(2026, 11, 2), locale="nl")
    week_3 = render_key(harness.engine, f"roadmap:{rid}:week:3")
    assert week_3["text"].startswith("Week 3 van 12 voor Zoë de Vries · Koffie &amp; Co")
    assert "Kick-off met de creator (15 nov 2026)" in text_of(week_3)
    overdue = render_key(harness.engine, f"roadmap:{rid}:overdue:2026-11-15")
    assert "Kick-off met de creator" in text_of(overdue)
    assert "3 mijlpalen zijn te laat" in text_of(overdue)


def test_the_overdue_reminder_names_what_fell_due_and_not_what_was_done_or_snoozed(
    harness: AppHarness, zoe
) -> None:  # noqa: ANN001
    rid = start_directly(harness.engine, zoe, date(2026, 11, 2))
    overdue = render_key(harness.engine, f"roadmap:{rid}:overdue:2026-11-15")
    assert overdue["text"] == (
        "Overdue for Zoë de Vries · Koffie &amp; Co: Kick-off with the creator, "
        "Share first-party data and insights, Record brand-fit score and audience overlap"
    )
    with session_scope(harness.engine) as session:
        for milestone in ("kickoff", "share_first_party_data"):
            roadmaps.mark_done(
                session=session,
                team_id=zoe.team_id,
                roadmap_id=rid,
                milestone=milestone,
                done_by=USER_ID,
                now=NOW,
            )
        roadmaps.snooze(
            session=session,
            partnership=zoe,
            roadmap_id=rid,
            milestone="record_brand_fit",
            shown_due_on=date(2026, 11, 15),
            today=date(2026, 11, 14),
            timezone="Europe/Amsterdam",
            now=datetime(2026, 11, 14, 12, tzinfo=UTC),
        )
    assert render_key(harness.engine, f"roadmap:{rid}:overdue:2026-11-15") is None
    later = render_key(harness.engine, f"roadmap:{rid}:overdue:2026-11-22")
    assert later["text"] == (
        "Overdue for Zoë de Vries · Koffie &amp; Co: Record brand-fit score and audience overlap"
    )


def test_brand_fit_data_completes_its_milestone_and_a_finished_roadmap_is_quiet(
    harness: AppHarness, zoe
) -> None:  # noqa: ANN001
    rid = start_directly(harness.engine, zoe, date(2026, 11, 2))
    log_period(
        harness.engine,
        zoe,
        date(2026, 10, 1),
        date(2026, 10, 31),
        {KPIKind.BRAND_FIT: 8, KPIKind.AUDIENCE_OVERLAP: 35},
    )
    overdue = render_key(harness.engine, f"roadmap:{rid}:overdue:2026-11-15")
    assert "Record brand-fit" not in text_of(overdue)
    assert milestone_row(harness.engine, "record_brand_fit").done_by == "auto"
    with session_scope(harness.engine) as session:
        for row in session.exec(select(RoadmapMilestone)).all():
            row.done_at = row.done_at or NOW
            session.add(row)
    assert render_key(harness.engine, f"roadmap:{rid}:week:5") is None
    assert render_key(harness.engine, f"roadmap:{rid}:overdue:2026-11-29") is None


def test_a_week_later_the_clock_sends_the_weeks_reminder(harness: AppHarness, zoe) -> None:  # noqa: ANN001
    from bot.delivery import delivery_client, sweep

    harness.command("/creator", "roadmap start zoe")  # Monday 23 November, after 09:00
    client = delivery_client("xoxb-test-token", harness.standin.base_url)
    sweep(harness.engine, client, now=NOW, worker_id="test", timer=lambda: 0.0)
    assert harness.standin.calls_to("chat.postMessage") == []  # week 1's was before the start

    later = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # Monday 30 November, 09:00 in Amsterdam
    sweep(harness.engine, client, now=later, worker_id="test", timer=lambda: 0.0)
    [posted] = harness.standin.wait_for_call("chat.postMessage")
    # To the owner's DM, in the team's language (Dutch by default).
    assert posted.args["channel"] == OTHER_USER_ID
    assert posted.args["text"].startswith("Week 2 van 12 voor Zoë de Vries · Koffie &amp; Co")
    assert "Kick-off met de creator" in text_of(posted.args)
