"""The 12-week roadmap through the Slack stand-in: start, show, done, snooze, reminders."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import col, select

from bot.wiring import SCHEDULED_KINDS
from domain.values import KPIKind
from storage import roadmaps, teams
from storage.db import session_scope
from storage.models import Reminder, Roadmap, RoadmapMilestone
from tests.factories import log_period, make_brand, make_creator, make_partnership
from tests.harness import CHANNEL_ID, OTHER_USER_ID, USER_ID, AppHarness

TODAY = date(2026, 11, 23)  # the harness clock: Monday 23 November 2026, 10:00 in Amsterdam
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
# domain.md's template: the 14 milestones, in English, and the weeks each is due at the end of.
MILESTONES = {
    "Kick-off with the creator": 2,
    "Share first-party data and insights": 2,
    "Record brand-fit score and audience overlap": 2,
    "Agree the creative guardrails (Briefing Canvas)": 4,
    "Settle IP/licensing and exclusivity terms": 4,
    "Contract signed with payment terms under 90 days": 4,
    "Co-creation and production": 8,
    "Content approvals": 8,
    "First payment made on time": 8,
    "Share performance feedback with the creator": 10,
    "Compute CPAE and engagement": 10,
    "Creator NPS survey": 12,
    "Mutual Value Index review": 12,
    "Renew (6–12 months) or exit": 12,
}


def text_of(message: dict) -> str:
    return json.dumps(message, ensure_ascii=False)


def rows(engine, model) -> list:  # noqa: ANN001
    with session_scope(engine) as session:
        return list(session.exec(select(model)).all())


def buttons(message: dict) -> dict[str, dict]:
    return {
        element["action_id"]: element
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    }


def milestone_row(engine, milestone: str) -> RoadmapMilestone:  # noqa: ANN001
    with session_scope(engine) as session:
        return session.exec(
            select(RoadmapMilestone).where(RoadmapMilestone.milestone == milestone)
        ).one()


@pytest.fixture
def zoe(harness: AppHarness):  # noqa: ANN201
    """Zoë de Vries with Koffie & Co: a contract with 30-day terms, owned by Lou."""
    creator = make_creator(harness.engine, "Zoë de Vries", handle="zoedevries")
    return make_partnership(
        harness.engine, creator, make_brand(harness.engine), owner_user_id=OTHER_USER_ID
    )


# -- starting ---------------------------------------------------------------------------------
def test_start_creates_the_template_plan_from_today_with_the_owner(
    harness: AppHarness, zoe
) -> None:  # noqa: ANN001
    reply = harness.command("/creator", "roadmap start zoe")
    assert reply["response_type"] == "ephemeral"
    shown = text_of(reply)
    assert "Roadmap started for Zoë de Vries · Koffie &amp; Co" in shown
    assert "Week 1 of 12" in shown
    for name in MILESTONES:
        assert name in shown
    [roadmap] = rows(harness.engine, Roadmap)
    assert (roadmap.start_on, roadmap.owner_id, roadmap.created_by) == (
        TODAY,
        OTHER_USER_ID,
        USER_ID,
    )
    milestones = rows(harness.engine, RoadmapMilestone)
    assert len(milestones) == 14
    # Week n ends on start + 7n - 1: the kick-off is due 6 December, renewal 14 February.
    due = {m.milestone: m.due_on for m in milestones}
    assert due["kickoff"] == date(2026, 12, 6)
    assert due["contract_signed"] == date(2026, 12, 20)
    assert due["renew_or_exit"] == date(2027, 2, 14)
    # The owner is named, and where the reminders go (the owner's DMs: no channel recorded).
    assert f"<@{OTHER_USER_ID}>" in shown
    assert "direct messages" in shown and "monday" in shown.lower()


def test_start_on_a_given_date_in_either_format(harness: AppHarness, zoe) -> None:  # noqa: ANN001
    harness.command("/creator", "roadmap start Zoë de Vries 01-12-2026")
    [roadmap] = rows(harness.engine, Roadmap)
    assert roadmap.start_on == date(2026, 12, 1)
    assert "Starts on 1 Dec 2026" in text_of(harness.command("/creator", "roadmap zoe"))


def test_start_with_an_iso_date(harness: AppHarness, zoe) -> None:  # noqa: ANN001
    harness.command("/creator", "roadmap start zoedevries 2026-11-02")
    [roadmap] = rows(harness.engine, Roadmap)
    assert roadmap.start_on == date(2026, 11, 2)


def test_a_date_that_is_no_date_is_answered_and_nothing_starts(harness: AppHarness, zoe) -> None:  # noqa: ANN001
    reply = harness.command("/creator", "roadmap start zoe 2026-13-45")
    assert "2026-13-45" in reply["text"] and "YYYY-MM-DD" in reply["text"]
    far = harness.command("/creator", "roadmap start zoe 2030-01-01")
    assert "more than a year" in far["text"]
    assert rows(harness.engine, Roadmap) == []


def test_a_second_start_is_refused_and_shows_the_first(harness: AppHarness, zoe) -> None:  # noqa: ANN001
    harness.command("/creator", "roadmap start zoe 2026-11-16")
    again = harness.command("/creator", "roadmap start zoe 2026-12-01")
    assert "already has a roadmap" in text_of(again)
    assert "16 Nov 2026" in text_of(again)
    [roadmap] = rows(harness.engine, Roadmap)
    assert roadmap.start_on == date(2026, 11, 16)
    assert len(rows(harness.engine, RoadmapMilestone)) == 14


def test_unknown_names_and_missing_partnerships_are_answered(harness: AppHarness) -> None:
    make_creator(harness.engine, "Milan Jansen", handle="milanj")
    for text in ("roadmap start xyz", "roadmap xyz"):
        reply = harness.command("/creator", text)
        assert "I don't know a creator called “xyz”" in reply["text"], text
    no_partnership = harness.command("/creator", "roadmap start milan")
    assert "Milan Jansen has no partnership yet" in no_partnership["text"]
    assert "Which creator?" in harness.command("/creator", "roadmap start")["text"]
    assert rows(harness.engine, Roadmap) == []


def test_show_without_a_roadmap_says_how_to_start(harness: AppHarness, zoe) -> None:  # noqa: ANN001
    reply = harness.command("/creator", "roadmap zoe")
    assert "no roadmap yet" in reply["text"]
    assert "/creator roadmap start zoedevries" in reply["text"]


def test_an_ambiguous_name_offers_candidates_that_start_on_the_date(harness: AppHarness) -> None:
    brand = make_brand(harness.engine)
    first = make_creator(harness.engine, "Sanne Bakker", handle="sannebakes")
    make_partnership(harness.engine, first, brand)
    second = make_creator(harness.engine, "Sanne Visser", handle="sannevisser")
    make_partnership(harness.engine, second, brand)
    reply = harness.command("/creator", "roadmap start sanne 2026-11-30")
    picks = list(buttons(reply).values())
    assert [b["text"]["text"] for b in picks] == [
        "Sanne Bakker (@sannebakes)",
        "Sanne Visser (@sannevisser)",
    ]
    harness.click(picks[1]["action_id"], picks[1]["value"])
    card = harness.standin.wait_for_call("respond")[0].args
    assert card["replace_original"] is True
    assert "Sanne Visser · Koffie &amp; Co" in text_of(card)
    [roadmap] = rows(harness.engine, Roadmap)
    assert roadmap.start_on == date(2026, 11, 30)


def test_an_ambiguous_name_for_show_offers_candidates(harness: AppHarness) -> None:
    brand = make_brand(harness.engine)
    for name, handle in (("Sanne Bakker", "sannebakes"), ("Sanne Visser", "sannevisser")):
        make_partnership(harness.engine, make_creator(harness.engine, name, handle=handle), brand)
    reply = harness.command("/creator", "roadmap sanne")
    pick = list(buttons(reply).values())[0]
    harness.click(pick["action_id"], pick["value"])
    answer = harness.standin.wait_for_call("respond")[0].args
    assert answer["replace_original"] is True
    assert "Sanne Bakker · Koffie &amp; Co has no roadmap yet" in answer["text"]


# -- showing, done and snooze -----------------------------------------------------------------
def started_in_week_5(harness: AppHarness, partnership) -> dict:  # noqa: ANN001
    """A roadmap started 29 days ago (25 October): today is in week 5."""
    harness.command("/creator", "roadmap start zoe 2026-10-25")
    return harness.command("/creator", "roadmap zoe")


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


def roadmap_id(harness: AppHarness) -> int:
    [roadmap] = rows(harness.engine, Roadmap)
    return roadmap.id


# -- reminders: scheduled at 09:00 team time ------------------------------------------------------
def reminders_by_key(engine) -> dict[str, Reminder]:  # noqa: ANN001
    return {r.dedupe_key: r for r in rows(engine, Reminder)}


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


# -- reminders: what they say -------------------------------------------------------------------
def start_directly(engine, partnership, start_on: date, locale: str = "en") -> int:  # noqa: ANN001
    with session_scope(engine) as session:
        teams.get_or_create_settings(
            session=session,
            team_id=partnership.team_id,
            default_locale=locale,
            timezone="Europe/Amsterdam",
            now=NOW,
        )
        loaded = roadmaps.create_roadmap(
            session=session,
            partnership=partnership,
            start_on=start_on,
            owner_id=partnership.owner_user_id,
            created_by=None,
            timezone="Europe/Amsterdam",
            now=datetime(2026, 1, 1, tzinfo=UTC),
        )
        return loaded.roadmap.id


def render_key(engine, key: str) -> dict | None:  # noqa: ANN001
    with session_scope(engine) as session:
        reminder = session.exec(select(Reminder).where(col(Reminder.dedupe_key) == key)).one()
        return SCHEDULED_KINDS.render(session, reminder)


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


# -- auto-completion and the status card ------------------------------------------------
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


# -- end to end: the clock's sweep delivers them ---------------------------------------------------
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
