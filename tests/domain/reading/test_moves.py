"""The reader in a negotiation thread: moves found anywhere in a sentence, or none."""

from __future__ import annotations

from decimal import Decimal

import pytest

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
from domain.reading import Confidence, read
from domain.values import ContentType, Platform, Scope
from tests.domain.reading.contexts import THREAD_EN, THREAD_NL, days, weeks

D = Decimal


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
