"""The weekly digest through the Slack stand-in, with injected time: subscribing (and the
Slack Connect confirmation), the preview, delivery at the local time (also in a DST week),
exactly once, every section in English and Dutch, an empty week, and a workspace of 2,000
partnerships split into a thread within Slack's limits without losing anything."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from bench import dataset
from bot.delivery import delivery_client, sweep
from domain.values import IPModel, KPIKind, Stage
from handlers import digest as digest_handlers
from handlers.blocks.digest.messages import MAX_MESSAGE_TEXT
from handlers.blocks.digest.sections import text_size
from storage import digests, exclusivity, kpis, reminders, roadmaps
from storage.db import session_scope
from storage.models import (
    ApprovalRequest,
    Creator,
    DigestSubscription,
    ExclusivityWindow,
    Partnership,
    Reminder,
    StageChange,
)
from tests.factories import log_period, make_brand, make_creator, make_partnership
from tests.harness import (
    CHANNEL_ID,
    OTHER_USER_ID,
    START,
    TEAM_ID,
    TOKEN,
    USER_ID,
    AppHarness,
    FakeTime,
)

ZONE = "Europe/Amsterdam"
OTHER_CHANNEL = "C0MARKETING1"
CONNECT_CHANNEL = "C0EXTERNAL01"


def text_of(message: Any) -> str:
    return json.dumps(message, ensure_ascii=False)


def run_clock(harness: AppHarness, at: datetime, fake: FakeTime | None = None):  # noqa: ANN201
    """The clock's sweep at `at`, as the clock process (and the console's !clock) runs it."""
    fake = fake or FakeTime()
    client = delivery_client(TOKEN, harness.standin.base_url, timeout=5)
    return sweep(harness.engine, client, now=at, worker_id="test", timer=fake, sleep=fake.sleep)


def posts(harness: AppHarness, channel: str = CHANNEL_ID) -> list[dict[str, Any]]:
    return [
        c.args for c in harness.standin.calls_to("chat.postMessage") if c.args["channel"] == channel
    ]


def responded(harness: AppHarness, count: int = 1) -> dict[str, Any]:
    return harness.standin.wait_for_call("respond", count)[count - 1].args


def occurrences(engine: Engine) -> list[tuple[datetime, str]]:
    with session_scope(engine) as session:
        rows = session.exec(
            select(Reminder).where(Reminder.kind == digests.KIND).order_by(Reminder.due_at)
        ).all()
        return [(r.due_at, r.state) for r in rows]


# -- subscribing -------------------------------------------------------------------------------
def test_subscribe_defaults_to_this_channel_monday_0900_in_your_language(
    harness: AppHarness,
) -> None:
    # The harness clock: Monday 23 November 2026, 10:00 in Amsterdam.
    assert harness.command("/creator", "digest subscribe") == {}
    reply = responded(harness)
    assert reply["response_type"] == "ephemeral"
    assert reply["text"] == (
        f"📰 Subscribed: <#{CHANNEL_ID}> gets the weekly digest every Monday at 09:00 "
        "(Europe/Amsterdam), in English. The next one: Mon 30 Nov 09:00. "
        "See it now with `/creator digest preview`."
    )
    # 09:00 in Amsterdam is 08:00 UTC in winter; the week after is scheduled too.
    assert occurrences(harness.engine) == [
        (datetime(2026, 11, 30, 8, 0, tzinfo=UTC), "pending"),
        (datetime(2026, 12, 7, 8, 0, tzinfo=UTC), "pending"),
    ]
    shown = harness.command("/creator", "digest")
    assert "gets the weekly digest every Monday at 09:00" in shown["text"]


def test_a_dutch_speaker_subscribes_in_dutch(harness: AppHarness) -> None:
    harness.command("/creator", "digest subscribe", user_id=OTHER_USER_ID)
    assert responded(harness)["text"].startswith(
        f"📰 Aangemeld: <#{CHANNEL_ID}> krijgt het weekoverzicht elke maandag om 09:00 "
        "(Europe/Amsterdam), in het Nederlands."
    )


def test_subscribe_another_channel_by_name_on_a_day_time_and_language(
    harness: AppHarness,
) -> None:
    harness.standin.add_channel(OTHER_CHANNEL, name="marketing", members=[USER_ID])
    harness.command("/creator", "digest subscribe #marketing vrijdag 16:30 nl")
    assert "every Friday at 16:30 (Europe/Amsterdam), in Dutch" in responded(harness)["text"]
    with session_scope(harness.engine) as session:
        [row] = session.exec(select(DigestSubscription)).all()
        assert (row.channel_id, row.weekday, row.local_time, row.locale) == (
            OTHER_CHANNEL,
            4,
            "16:30",
            "nl",
        )
    # Friday 27 November, 16:30 in Amsterdam.
    assert occurrences(harness.engine)[0] == (datetime(2026, 11, 27, 15, 30, tzinfo=UTC), "pending")
    # Subscribing again changes it: one subscription per channel, one digest a week.
    harness.command("/creator", f"digest subscribe <#{OTHER_CHANNEL}|marketing> monday 08:00")
    assert responded(harness, 2)["text"].startswith("📰 Changed:")
    # This week's Friday digest makes way for Monday's (the week keeps one digest).
    assert occurrences(harness.engine) == [
        (datetime(2026, 11, 27, 15, 30, tzinfo=UTC), "cancelled"),
        (datetime(2026, 11, 30, 7, 0, tzinfo=UTC), "pending"),
        (datetime(2026, 12, 7, 7, 0, tzinfo=UTC), "pending"),
    ]


def test_what_cannot_be_understood_or_found_is_answered(harness: AppHarness) -> None:
    usage = harness.command("/creator", "digest subscribe weekly")
    assert "I don't understand `weekly`" in text_of(usage)
    assert "/creator digest subscribe [#channel] [weekday] [HH:MM] [nl|en]" in text_of(usage)
    harness.command("/creator", "digest subscribe #nope")
    assert "I can't find a channel called #nope" in responded(harness)["text"]
    harness.standin.inject_error("conversations.info", "channel_not_found")
    harness.command("/creator", "digest subscribe C0GONE00001")
    assert "I'm not in <#C0GONE00001> yet" in responded(harness, 2)["text"]
    assert occurrences(harness.engine) == []


def test_slack_connect_asks_for_confirmation_first(harness: AppHarness) -> None:
    harness.standin.add_channel(CONNECT_CHANNEL, name="zoe-connect", is_ext_shared=True)
    harness.command("/creator", "digest subscribe", channel_id=CONNECT_CHANNEL)
    question = responded(harness)
    assert "Slack Connect" in question["text"] and "fees and red flags" in question["text"]
    assert occurrences(harness.engine) == []  # nothing until confirmed
    cancel = question["blocks"][1]["elements"][1]
    harness.click(cancel["action_id"], cancel["value"], channel_id=CONNECT_CHANNEL)
    assert responded(harness, 2)["text"] == (
        f"Not subscribed: <#{CONNECT_CHANNEL}> gets no weekly digest."
    )
    assert occurrences(harness.engine) == []
    confirm = question["blocks"][1]["elements"][0]
    assert confirm["text"]["text"] == "Subscribe anyway"
    harness.click(confirm["action_id"], confirm["value"], channel_id=CONNECT_CHANNEL)
    done = responded(harness, 3)
    assert done["text"].startswith(f"📰 Subscribed: <#{CONNECT_CHANNEL}>")
    assert done["replace_original"] is True
    assert len(occurrences(harness.engine)) == 2


def test_unsubscribe_stops_the_digests(harness: AppHarness) -> None:
    harness.command("/creator", "digest subscribe")
    responded(harness)
    reply = harness.command("/creator", "digest unsubscribe")
    assert reply["text"] == f"Unsubscribed: <#{CHANNEL_ID}> gets no more weekly digests."
    assert [state for _, state in occurrences(harness.engine)] == ["cancelled", "cancelled"]
    run_clock(harness, datetime(2026, 11, 30, 8, 0, tzinfo=UTC))
    assert posts(harness) == []
    again = harness.command("/creator", "digest unsubscribe")
    assert again["text"] == f"<#{CHANNEL_ID}> was not subscribed to the weekly digest."


# -- delivery at the local time, once -------------------------------------------------------
def test_the_digest_arrives_at_0900_local_once_and_the_chain_goes_on(harness: AppHarness) -> None:
    make_partnership(harness.engine, make_creator(harness.engine), make_brand(harness.engine))
    harness.command("/creator", "digest subscribe")
    responded(harness)
    run_clock(harness, datetime(2026, 11, 30, 7, 59, 59, tzinfo=UTC))
    assert posts(harness) == []
    run_clock(harness, datetime(2026, 11, 30, 8, 0, tzinfo=UTC))
    [posted] = posts(harness)
    assert posted["text"].startswith("📰 Weekly digest · 30 Nov 2026")
    run_clock(harness, datetime(2026, 11, 30, 8, 5, tzinfo=UTC))
    assert len(posts(harness)) == 1  # once
    assert occurrences(harness.engine) == [
        (datetime(2026, 11, 30, 8, 0, tzinfo=UTC), "sent"),
        (datetime(2026, 12, 7, 8, 0, tzinfo=UTC), "pending"),
        (datetime(2026, 12, 14, 8, 0, tzinfo=UTC), "pending"),
    ]
    run_clock(harness, datetime(2026, 12, 7, 8, 0, tzinfo=UTC))
    assert [p["text"].split(":")[0] for p in posts(harness)] == [
        "📰 Weekly digest · 30 Nov 2026",
        "📰 Weekly digest · 7 Dec 2026",
    ]


def test_in_the_week_summer_time_starts_it_still_arrives_at_0900(harness: AppHarness) -> None:
    harness.clock.current = datetime(2027, 3, 16, 12, 0, tzinfo=UTC)  # Tuesday
    harness.command("/creator", "digest subscribe")
    responded(harness)
    run_clock(harness, datetime(2027, 3, 22, 8, 0, tzinfo=UTC))  # 09:00 CET
    assert len(posts(harness)) == 1
    # Summer time from Sunday 28 March: 09:00 CEST is 07:00 UTC, not 08:00.
    run_clock(harness, datetime(2027, 3, 29, 6, 59, tzinfo=UTC))
    assert len(posts(harness)) == 1
    run_clock(harness, datetime(2027, 3, 29, 7, 0, tzinfo=UTC))
    assert [p["text"].split(":")[0] for p in posts(harness)] == [
        "📰 Weekly digest · 22 Mar 2027",
        "📰 Weekly digest · 29 Mar 2027",
    ]


# -- the content -------------------------------------------------------------------------------
# Monday 7 January 2030, 09:00 in Amsterdam: far from when the factories record their rows'
# creation (tests.harness.START), so the week's moves are the test's own.
NOW = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
TODAY = date(2030, 1, 7)


@pytest.fixture
def workspace(harness: AppHarness) -> dict[str, int]:
    """Every section has something to say: a move, red flags, an approval, milestones, a
    window, a renewal, and KPIs off target."""
    engine = harness.engine
    harness.clock.current = NOW - timedelta(days=7)
    koffie = make_brand(engine, "Koffie & Co")
    zoe = make_partnership(
        engine,
        make_creator(engine, "Zoë de Vries", handle="zoedevries"),
        koffie,
        stage=Stage.GUARDRAILS,
        ip_model=IPModel.UNCLEAR,
        end_date=TODAY + timedelta(days=20),
        quarterly_fee=Decimal("60000"),
    )
    sanne = make_partnership(
        engine,
        make_creator(engine, "Sanne Bakker", handle="sanne"),
        koffie,
        payment_terms_days=120,
    )
    log_period(
        engine,
        zoe,
        TODAY - timedelta(days=40),
        TODAY - timedelta(days=10),
        {KPIKind.SPEND: "840", KPIKind.AUTHENTIC_ENGAGEMENTS: "1000"},
    )
    log_period(
        engine,
        sanne,
        TODAY - timedelta(days=9),
        TODAY - timedelta(days=2),
        {KPIKind.SPEND: "260", KPIKind.AUTHENTIC_ENGAGEMENTS: "200"},
    )
    with session_scope(engine) as session:
        session.add(
            StageChange(
                team_id=TEAM_ID,
                partnership_id=zoe.id,
                from_stage=Stage.ALIGNMENT,
                to_stage=Stage.GUARDRAILS,
                changed_at=NOW - timedelta(days=2),
            )
        )
        session.add(
            ApprovalRequest(
                team_id=TEAM_ID,
                partnership_id=zoe.id,
                kind="content",
                subject="First TikTok draft",
                requester_id=USER_ID,
                approvers=[OTHER_USER_ID],
                due_at=NOW - timedelta(days=1),
                expires_at=NOW + timedelta(days=5),
                created_at=NOW - timedelta(days=2),
                updated_at=NOW - timedelta(days=2),
            )
        )
        roadmaps.create_roadmap(
            session=session,
            partnership=zoe,
            start_on=TODAY - timedelta(days=27),
            owner_id=USER_ID,
            created_by=USER_ID,
            timezone=ZONE,
            now=NOW + timedelta(days=365),  # no roadmap reminders in these tests
        )
        exclusivity.record_window(
            session=session,
            window=ExclusivityWindow(
                team_id=TEAM_ID,
                creator_id=zoe.creator_id,
                partnership_id=zoe.id,
                scope="category",
                golive_at=NOW + timedelta(days=3),
                starts_at=NOW + timedelta(days=3),
                ends_at=NOW + timedelta(days=33),
                price=Decimal(0),
            ),
            now=NOW,
        )
        for creator_id, score in ((zoe.creator_id, 10), (sanne.creator_id, 5)):
            kpis.record_nps(
                session=session,
                team_id=TEAM_ID,
                creator_id=creator_id,
                brand_id=koffie.id,
                score=score,
                answered_on=TODAY - timedelta(days=3),
                recorded_by=None,
            )
    return {"zoe": zoe.id, "sanne": sanne.id}


def deliver_digest(harness: AppHarness, words: str = "") -> list[dict[str, Any]]:
    harness.command("/creator", f"digest subscribe {words}".strip())
    responded(harness)
    run_clock(harness, NOW)
    return posts(harness)


def test_a_digest_with_every_section_in_english(harness: AppHarness, workspace) -> None:  # noqa: ANN001
    [posted] = deliver_digest(harness)
    shown = text_of(posted)
    assert posted["text"].startswith("📰 Weekly digest · 7 Jan 2030: 1 move, 2 red-flagged")
    # Stages, with the week's move.
    # Sanne was in the creative guardrails already; Zoë moved there from alignment.
    assert "Creative guardrails: *2* (+1)" in shown and "Alignment: *0* (−1)" in shown
    assert "Alignment → Creative guardrails (1): *Zoë de Vries* · Koffie &amp; Co" in shown
    # Red flags (domain.md), each naming the creator, with a status button each.
    assert "IP rights are unclear while content is being produced" in shown
    assert "Payment terms of 120 days: 90 days or more damages partner trust" in shown
    buttons = [e for b in posted["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert {b["text"]["text"]: int(b["value"]) for b in buttons} == {
        "Zoë de Vries": workspace["zoe"],
        "Sanne Bakker": workspace["sanne"],
    }
    assert len({b["action_id"] for b in buttons}) == 2
    # The approval: who waits on whom, overdue.
    assert f"<@{USER_ID}> waits on <@{OTHER_USER_ID}>" in shown
    assert "overdue since Sun 6 Jan 09:00" in shown
    # Milestones: the roadmap is in week 4; its first two weeks' milestones are overdue.
    assert "Kick-off with the creator, due 24 Dec 2029 (1)" in shown
    assert "Agree the creative guardrails (Briefing Canvas), due 7 Jan 2030 (1)" in shown
    # The window starts in 3 days; the contract ends in 20 days with no decision.
    assert "category exclusivity starts Thu 10 Jan 09:00" in shown
    assert "ends on 27 Jan 2030, in 20 days" in shown
    # KPIs: CPAE was 840 / 1,000 = €0.84 a week ago; now 1,100 / 1,200 = €0.92 (+€0.08).
    assert "CPAE `" in shown and "*€0.92* (+€0.08 since last week)" in shown
    assert "above the €0.84 benchmark" in shown
    # Creator NPS: one promoter, one detractor: 0, not above 40.
    assert "Creator NPS Koffie &amp; Co `" in shown and "*0* (new this week)" in shown
    assert "target: above 40" in shown
    # Fees: €20,000 within the band, €60,000 above it: half within.
    assert "Fees within €15,000–€50,000 per quarter `█████░░░░░` *50%*" in shown
    assert "Premium within 30–40% `██████████` *100%*" in shown


def test_a_status_button_shows_the_card_to_whoever_clicks(harness: AppHarness, workspace) -> None:  # noqa: ANN001
    [posted] = deliver_digest(harness)
    buttons = [e for b in posted["blocks"] if b["type"] == "actions" for e in b["elements"]]
    sanne = next(b for b in buttons if b["text"]["text"] == "Sanne Bakker")
    message = {"ts": "1700000000.000200", "text": posted["text"], "blocks": posted["blocks"]}
    harness.click(sanne["action_id"], sanne["value"], message=message, user_id=OTHER_USER_ID)
    card = responded(harness, 2)
    assert card["response_type"] == "ephemeral" and card["replace_original"] is False
    # The fallback is mrkdwn: the brand's `&` escaped once, so it reads "Koffie & Co".
    assert card["text"] == "Status van Sanne Bakker bij Koffie &amp; Co"
    assert "Betalingstermijn van 120 dagen" in text_of(card)  # Lou reads Dutch


def test_the_digest_in_dutch(harness: AppHarness, workspace) -> None:  # noqa: ANN001
    [posted] = deliver_digest(harness, "nl")
    shown = text_of(posted)
    assert posted["text"].startswith("📰 Weekoverzicht · 7 jan 2030")
    assert "*Partnerschappen per fase*" in shown
    assert "*Rode vlaggen* · 2 partnerschappen" in shown
    assert f"<@{USER_ID}> wacht op <@{OTHER_USER_ID}>" in shown
    assert "*Mijlpalen van het 12-wekenplan*" in shown
    assert "categorie-exclusiviteit begint do 10 jan 09:00" in shown
    assert "loopt af op 27 jan 2030, over 20 dagen" in shown
    assert "*€\xa00,92* (+€\xa00,08 sinds vorige week)" in shown  # Babel's no-break space
    assert "boven de benchmark van € 0,84" in shown
    assert "Vergoedingen binnen €\xa015.000–€\xa050.000 per kwartaal" in shown


def test_a_stage_change_made_by_an_edit_is_a_move_of_the_app_clocks_week(
    harness: AppHarness,
) -> None:
    """The edit is stamped with the app's clock, which the digest reads its week by: on the
    wall clock the move would land on whatever day the test runs (issue 11, finding 1)."""
    creator = make_creator(harness.engine, "Zoë de Vries")
    make_partnership(
        harness.engine,
        creator,
        make_brand(harness.engine),
        stage=Stage.GUARDRAILS,
        end_date=TODAY + timedelta(days=200),
    )
    harness.clock.current = NOW - timedelta(days=3)  # Friday of the week the digest covers
    harness.command("/creator", "edit zoe")
    harness.submit(harness.last_view(), {"stage": "ambassador"})
    with session_scope(harness.engine) as session:
        stamps = session.exec(select(StageChange.changed_at).order_by(col(StageChange.id))).all()
    assert stamps == [START, NOW - timedelta(days=3)]  # created by the factory, then the edit
    harness.clock.current = NOW
    shown = text_of(harness.command("/creator", "digest preview"))
    assert "1 move" in shown
    assert "Creative guardrails → Structural ambassadorship (1): *Zoë de Vries*" in shown
    # A week later that move is last week's news.
    harness.clock.current = NOW + timedelta(days=7)
    assert "Nothing moved" in text_of(harness.command("/creator", "digest preview"))


def test_an_empty_week_is_one_line(harness: AppHarness) -> None:
    harness.clock.current = NOW - timedelta(days=7)
    brand = make_brand(harness.engine)
    for name in ("Zoë de Vries", "Sanne Bakker"):
        creator = make_creator(harness.engine, name)
        make_partnership(harness.engine, creator, brand, end_date=TODAY + timedelta(days=200))
    [posted] = deliver_digest(harness)
    assert posted["text"] == (
        "📰 Weekly digest · 7 Jan 2030: a quiet week for 2 partnerships. Nothing moved, "
        "nothing at risk, nothing due, and the KPIs are steady and on target."
    )
    assert len(posted["blocks"]) == 1


def test_preview_shows_the_digest_now_only_to_you(harness: AppHarness, workspace) -> None:  # noqa: ANN001
    harness.clock.current = NOW
    preview = harness.command("/creator", "digest preview")
    assert preview["response_type"] == "ephemeral"
    assert "Preview, only for you" in text_of(preview)
    assert "📰 Weekly digest · 7 Jan 2030" in text_of(preview)
    assert "Payment terms of 120 days" in text_of(preview)
    assert posts(harness) == [] and occurrences(harness.engine) == []


# -- a large workspace -------------------------------------------------------------------------
def test_2000_partnerships_split_into_a_thread_within_limits_losing_nothing(
    harness: AppHarness,
) -> None:
    engine = harness.engine
    dataset.load(engine, 2_000, months=2, digest=True)
    with session_scope(engine) as session:
        subscription, _ = digests.subscribe(
            session=session,
            team_id=dataset.TEAM_ID,
            channel_id=CHANNEL_ID,
            weekday=0,
            at=datetime.min.time().replace(hour=9),
            locale="en",
            created_by=USER_ID,
            now=NOW,
        )
        digests.schedule_ahead(
            session=session,
            subscription=subscription,
            timezone=ZONE,
            after=datetime(2026, 11, 22, tzinfo=UTC),
        )
        flagged = {
            p.id: p.creator_id
            for p in session.exec(
                select(Partnership).where(col(Partnership.payment_terms_days) >= 90)
            ).all()
        }
        names = {c.id: c.display_name for c in session.exec(select(Creator)).all()}
    fake = FakeTime()
    report = run_clock(harness, datetime(2026, 11, 23, 8, 0, tzinfo=UTC), fake)
    # The digest's messages; its chart (a file shared in the thread) is tested apart.
    messages = [m for m in harness.standin.messages(CHANNEL_ID) if not m.get("upload")]
    first, replies = messages[0], messages[1:]
    assert report.sent == len(messages) > 2
    assert all(m["thread_ts"] == first["ts"] for m in replies)
    assert [m["text"].split("(continued, ")[1] for m in replies] == [
        f"{n}/{len(messages)})" for n in range(2, len(messages) + 1)
    ]
    for message in messages:
        assert len(message["blocks"]) <= 50
        assert text_size(message["blocks"]) <= MAX_MESSAGE_TEXT < 12_000
        for block in message["blocks"]:
            assert len(block.get("text", {}).get("text", "")) <= 3000
        action_ids = [
            e["action_id"]
            for b in message["blocks"]
            if b["type"] == "actions"
            for e in b["elements"]
        ]
        assert len(action_ids) == len(set(action_ids))
    # Every flagged creator is named, with a button to their status (domain.md: terms of 90
    # days or more; the dataset gives every 17th partnership 90-day terms).
    assert len(flagged) == len(range(0, 2_000, 17))
    everything = text_of(messages)
    buttons = {
        int(e["value"])
        for m in messages
        for b in m["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    }
    assert set(flagged) <= buttons
    for creator_id in flagged.values():
        assert f"*{names[creator_id]}* · Brand" in everything
    # Every partnership that moved this week (every 10th) is named among the moves.
    for n in range(0, 2_000, dataset.MOVED_EVERY):
        assert (
            f"{dataset.FIRST_NAMES[n % 10]} {dataset.LAST_NAMES[(n // 10) % 8]} {n}*" in everything
        )
    # Replies were paced: about one message per second in the channel.
    assert len(fake.sleeps) == len(replies)
    assert all(0 < s <= 1.0 for s in fake.sleeps)
    assert fake.now >= len(replies) - 0.01
    # Once: another sweep sends nothing more.
    again = run_clock(harness, datetime(2026, 11, 23, 8, 10, tzinfo=UTC))
    assert again.sent == 0 and len(harness.standin.messages(CHANNEL_ID)) == len(messages) + 1


def test_a_failed_reply_is_retried_and_the_thread_stays_in_order(harness: AppHarness) -> None:
    dataset.load(harness.engine, 600, months=1, digest=True)
    with session_scope(harness.engine) as session:
        subscription, _ = digests.subscribe(
            session=session,
            team_id=dataset.TEAM_ID,
            channel_id=CHANNEL_ID,
            weekday=0,
            at=datetime.min.time().replace(hour=9),
            locale="en",
            created_by=USER_ID,
            now=NOW,
        )
        digests.schedule_ahead(
            session=session,
            subscription=subscription,
            timezone=ZONE,
            after=datetime(2026, 11, 22, tzinfo=UTC),
        )
    at = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    client = delivery_client(TOKEN, harness.standin.base_url, timeout=5)
    # The first message goes out; the first reply meets Slack's outage (HTTP 500).
    fake = FakeTime()
    original = client.chat_postMessage
    calls = {"n": 0}

    def flaky(**kwargs: Any):  # noqa: ANN202
        calls["n"] += 1
        if calls["n"] == 2:
            harness.standin.inject_error("chat.postMessage", status=500)
        return original(**kwargs)

    client.chat_postMessage = flaky  # type: ignore[method-assign]
    first = sweep(harness.engine, client, now=at, worker_id="test", timer=fake, sleep=fake.sleep)
    assert (first.sent, first.retried) == (1, 1)
    # A minute later the reply is looked for in the thread (not there), sent, and the rest
    # follows it in order.
    later = sweep(
        harness.engine,
        client,
        now=at + timedelta(minutes=2),
        worker_id="test",
        timer=fake,
        sleep=fake.sleep,
    )
    # The digest's messages; its chart (a file shared in the thread) is tested apart.
    messages = [m for m in harness.standin.messages(CHANNEL_ID) if not m.get("upload")]
    assert later.sent == len(messages) - 1 >= 2
    assert [m["text"].split("(continued, ")[1].split("/")[0] for m in messages[1:]] == [
        str(n) for n in range(2, len(messages) + 1)
    ]
    assert harness.standin.calls_to("conversations.replies")
    with session_scope(harness.engine) as session:
        states = session.exec(select(Reminder.state).where(Reminder.kind == "thread_reply")).all()
    assert set(states) == {reminders.SENT}


def test_preview_of_a_long_digest_continues_in_ephemeral_messages(
    harness: AppHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(digest_handlers, "POST_INTERVAL_SECONDS", 0)
    dataset.load(harness.engine, 600, months=1, digest=True)
    first = harness.command("/creator", "digest preview", team_id=dataset.TEAM_ID)
    assert first["response_type"] == "ephemeral"
    more = harness.standin.wait_for_call("chat.postEphemeral")
    assert more and all(c.args["user"] == USER_ID for c in more)
    assert "(continued, 2/" in more[0].args["text"]
