"""The reader: free text in a negotiation thread, a DM or a mention becomes a reading."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.durations import Duration, DurationUnit
from domain.intents import (
    Accept,
    CreatorAsk,
    NarrowContent,
    NarrowPlatforms,
    SetScope,
    SetWindow,
    Withdraw,
)
from domain.reading import Confidence, Context, Where, read
from domain.values import ContentType, Platform, Scope

D = Decimal
THREAD_NL = Context(Where.THREAD, language="nl")
THREAD_EN = Context(Where.THREAD, language="en")


def days(n: int) -> Duration:
    return Duration(D(n), DurationUnit.DAY)


def weeks(n: int) -> Duration:
    return Duration(D(n), DurationUnit.WEEK)


@pytest.mark.parametrize(
    ("text", "moves"),
    [
        ("kan het ook met 10 dagen?", (SetWindow(days(10)),)),
        ("what if we say three weeks", (SetWindow(weeks(3)),)),
        ("ze gaat akkoord met 3 weken", (SetWindow(weeks(3)),)),
        ("her agent asks 750", (CreatorAsk(D(750)),)),
        ("prima zo, doen we", (Accept(),)),
        ("let's leave it", (Withdraw(),)),
        (
            "alleen reels en stories",
            (NarrowContent(frozenset({ContentType.REELS, ContentType.STORIES})),),
        ),
        (
            "drie weken, alleen op TikTok",
            (SetWindow(weeks(3)), NarrowPlatforms(frozenset({Platform.TIKTOK}))),
        ),
        ("veertien dagen dan maar", (SetWindow(days(14)),)),
        ("how about a fortnight", (SetWindow(weeks(2)),)),
        ("make it een maand", (SetWindow(Duration(D(1), DurationUnit.MONTH)),)),
        ("ze wil twaalfhonderd euro hebben", (CreatorAsk(D(1200), "EUR"),)),
        ("the creator wants fifteen hundred", (CreatorAsk(D(1500)),)),
        (
            "could we do 2 weeks and 24h before go-live?",
            (SetWindow(weeks(2), Duration(D(24), DurationUnit.HOUR)),),
        ),
        ("alleen op tiktkok graag", (NarrowPlatforms(frozenset({Platform.TIKTOK})),)),
        ("laten we volledige exclusiviteit doen", (SetScope(Scope.FULL),)),
    ],
)
def test_sure_moves_found_anywhere_in_a_sentence(text, moves):
    reading = read(text, THREAD_NL)
    assert reading.confidence is Confidence.SURE
    assert reading.moves == moves


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("2 weken?", SetWindow(weeks(2))),
        ("750 euro?", CreatorAsk(D(750), "EUR")),
        ("deal?", Accept()),
        ("1500", CreatorAsk(D(1500))),
    ],
)
def test_unsure_readings_are_offered_not_applied(text, offered):
    reading = read(text, THREAD_NL)
    assert reading.confidence is Confidence.UNSURE
    assert offered in reading.alternatives[0].moves


@pytest.mark.parametrize(
    "text",
    [
        "we paid €1.200 for the venue",
        "400 followers",
        "14 posts",
        "de shoot is op 12 januari",
        "2 weken geleden heeft ze gepost",
        "in 3 weeks we shoot",
        "she needs 2 weeks to edit",
        "I accept that this is hard",
        "we need to cancel the call",
        "not 3 weeks",
        "de fotograaf kostte 800 euro",
        "niet akkoord",
    ],
)
def test_no_move_is_read_into_other_things(text):
    reading = read(text, THREAD_EN)
    assert not reading.acts
    assert reading.confidence is not Confidence.UNSURE


@pytest.mark.parametrize("text", ["thanks!", "bedankt 🙏", "haha ja", "ok", "goedemorgen", "👍"])
def test_small_talk_is_small_talk(text):
    assert read(text, THREAD_NL).confidence is Confidence.SMALL_TALK


def test_each_slot_says_which_words_it_came_from():
    reading = read("kan het ook met 10 dagen, alleen op instagram?", THREAD_NL)
    assert reading.sources["window"] == "10 dagen"
    assert "instagram" in reading.sources["platforms"]


# -- the front door ---------------------------------------------------------------------------
NAMES = {
    "lisa jansen": "lisaj",
    "lisajansen": "lisaj",
    "lisa de boer": "lisab",
    "lisadeboer": "lisab",
    "zoe de vries": "zoedv",
    "zoedv": "zoedv",
}
DM = Context(
    Where.DM,
    language="nl",
    creators=NAMES,
    brands={"lavazza": "Lavazza"},
    today=date(2026, 12, 4),
)


@pytest.mark.parametrize(
    ("text", "intent", "creator"),
    [
        ("hoe doet Zoe het?", "status", "zoedv"),
        ("how's zoë de vries doing", "status", "zoedv"),
        ("zoe", "status", "zoedv"),
        ("anything I need to sign off?", "approvals", None),
        ("moet ik nog iets goedkeuren", "approvals", None),
        ("roadmap van zoe", "roadmap", "zoedv"),
        ("roadmpa zoe", "roadmap", "zoedv"),
        ("mijn creators", "list", None),
        ("who is flagged?", "list", None),
        ("laat de digest zien", "digest_preview", None),
        ("speak english please", "language", None),
        ("wat kun je allemaal?", "help", None),
    ],
)
def test_front_door_questions(text, intent, creator):
    reading = read(text, DM)
    assert reading.confidence is Confidence.SURE
    assert (reading.intent, reading.slots.creator) == (intent, creator)


def test_a_quote_with_terms_and_a_check_with_a_date_and_brand():
    quote = read("offerte voor Zoe, drie weken alleen stories", DM)
    assert quote.intent == "quote"
    assert quote.slots.after == weeks(3)
    assert quote.slots.content_types == frozenset({ContentType.STORIES})
    check = read("is zoe vrij om op 12 januari voor Lavazza te posten?", DM)
    assert check.intent == "check"
    assert (check.slots.creator, check.slots.day, check.slots.brand) == (
        "zoedv",
        date(2027, 1, 12),  # the next 12 January after 4 December 2026
        "Lavazza",
    )


def test_a_name_two_creators_share_is_asked():
    reading = read("hoe doet lisa het", DM)
    assert reading.confidence is Confidence.UNSURE
    assert {alt.slots.creator for alt in reading.alternatives} == {"lisaj", "lisab"}


def test_follow_ups_keep_the_subject():
    after_card = Context(Where.DM, "nl", creators=NAMES, last_creator="zoedv")
    assert read("en haar roadmap?", after_card).slots.creator == "zoedv"
    assert read("and her windows?", after_card).intent == "windows"
    assert read("and her windows?", after_card).slots.creator == "zoedv"
    assert read("en haar roadmap?", Context(Where.DM, "nl", creators=NAMES)).slots.creator is None


def test_the_language_switch_reads_the_language():
    assert read("praat Engels met me", DM).slots.language == "en"
    assert read("switch to dutch", DM).slots.language == "nl"


@given(st.text(max_size=600), st.sampled_from(list(Where)))
def test_never_raises(text, where):
    read(text, Context(where, creators=NAMES))


def test_a_reading_takes_well_under_a_millisecond():
    texts = ["kan het ook met tien dagen, alleen op TikTok?", "hoe doet Zoe het?"] * 200
    start = time.perf_counter()
    for i, text in enumerate(texts):
        read(text + str(i), THREAD_NL if i % 2 == 0 else DM)
    assert (time.perf_counter() - start) / len(texts) < 0.001


def test_a_check_names_a_brand_we_do_not_manage():
    reading = read("can zoe post for New Balance on 5 March?", DM)
    assert (reading.intent, reading.slots.brand, reading.slots.day) == (
        "check",
        "New Balance",
        date(2027, 3, 5),
    )
