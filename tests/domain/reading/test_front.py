"""The reader's front door: a DM or a mention read as a question for one surface."""

from __future__ import annotations

from datetime import date

import pytest

from domain.reading import Confidence, Context, Where, read
from domain.values import ContentType
from tests.domain.reading.contexts import DM, NAMES, weeks


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


def test_a_check_names_a_brand_we_do_not_manage():
    reading = read("can zoe post for New Balance on 5 March?", DM)
    assert (reading.intent, reading.slots.brand, reading.slots.day) == (
        "check",
        "New Balance",
        date(2027, 3, 5),
    )
