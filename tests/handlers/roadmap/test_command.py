"""`/creator roadmap start <name> [date]` and `/creator roadmap <name>` through the Slack
stand-in: the plan from the template, dates in either format, names unknown or ambiguous."""

from __future__ import annotations

from datetime import date

from storage.models import Roadmap, RoadmapMilestone
from tests.factories import make_brand, make_creator, make_partnership
from tests.handlers.roadmap.roadmap_for_tests import (
    MILESTONES,
    TODAY,
    buttons,
    rows,
    text_of,
)
from tests.harness import OTHER_USER_ID, USER_ID, AppHarness


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
