"""What Partnerdesk says when it reads people: the moves it understood, "did you mean …?" with
a button per reading, and what can be said when it is lost; built from facts alone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.durations import Duration, DurationUnit
from domain.intents import (
    Accept,
    CreatorAsk,
    NarrowContent,
    NarrowPlatforms,
    SetPreWindow,
    SetScope,
    SetWindow,
    Together,
    Withdraw,
)
from domain.values import ContentType, Platform, Scope
from handlers.blocks.talk import (
    NONE_ACTION,
    PICK_ACTION,
    build_did_you_mean,
    build_front_lost,
    build_talk_help,
    build_thread_lost,
    build_understood,
    move_text,
    moves_text,
)
from locales import translator
from tests.mrkdwn_check import as_read, problems
from tests.slackspec import check_message

EN, NL = translator("en"), translator("nl")
D = Decimal
TWO_WEEKS = Duration(D(2), DurationUnit.WEEK)
A_DAY = Duration(D(24), DurationUnit.HOUR)
TIKTOK = frozenset({Platform.TIKTOK})


@pytest.mark.parametrize(
    ("move", "words"),
    [
        (SetWindow(TWO_WEEKS), ["14 days", "after go-live"]),
        (SetWindow(TWO_WEEKS, Duration(D(36), DurationUnit.HOUR)), ["14 days", "36 hours"]),
        (SetPreWindow(A_DAY), ["1 day", "before go-live"]),
        (
            NarrowPlatforms(frozenset({Platform.TIKTOK, Platform.INSTAGRAM})),
            ["TikTok", "Instagram"],
        ),
        (NarrowContent(frozenset({ContentType.STORIES})), ["Stories"]),
        (SetScope(Scope.COMPETITORS, ("Nespresso", "Lavazza")), ["Nespresso, Lavazza"]),
        (CreatorAsk(D(750), "EUR"), ["€750"]),
        (CreatorAsk(D(1500)), ["1,500"]),
    ],
)
def test_each_move_in_a_few_words_with_its_figures(move, words: list[str]) -> None:
    text = move_text(EN, move)
    assert all(word in text for word in words), text


def test_accepting_and_withdrawing_are_told_apart() -> None:
    accept, withdraw = move_text(EN, Accept()), move_text(EN, Withdraw())
    assert accept and withdraw and accept != withdraw
    assert move_text(NL, Accept()) != accept


def test_several_moves_said_together_are_one_line() -> None:
    moves = (
        SetWindow(Duration(D(3), DurationUnit.WEEK)),
        NarrowPlatforms(frozenset({Platform.TIKTOK})),
    )
    together = move_text(EN, Together(moves))
    assert together == moves_text(EN, moves)
    assert together.index("21 days") < together.index("TikTok")
    assert " · " in together


def test_understood_says_the_moves_before_they_are_applied() -> None:
    message = build_understood(EN, (SetWindow(TWO_WEEKS), CreatorAsk(D(750), "EUR")))
    check_message(message)
    assert "14 days" in message["text"] and "€750" in message["text"]
    assert message["blocks"][0]["elements"][0]["text"] == message["text"]


def test_competitors_as_typed_are_escaped_once_in_what_was_understood() -> None:
    message = build_understood(EN, (SetScope(Scope.COMPETITORS, ("R&D Foods", "<!here>")),))
    assert problems(message) == []
    assert "R&D Foods, <!here>" in as_read(message["text"])


def test_did_you_mean_offers_a_button_per_reading_and_one_for_none() -> None:
    readings = ["window 14 days after go-live", "the creator asks €750.00"]
    message = build_did_you_mean(EN, 42, readings)
    check_message(message)
    assert all(reading in message["text"] for reading in readings)
    assert message["text"].endswith("?")
    elements = message["blocks"][1]["elements"]
    assert [(e["text"]["text"], e["action_id"], e["value"]) for e in elements[:2]] == [
        (readings[0], f"{PICK_ACTION}_0", "42:0"),
        (readings[1], f"{PICK_ACTION}_1", "42:1"),
    ]
    (none,) = elements[2:]
    assert (none["action_id"], none["value"]) == (NONE_ACTION, "42")
    assert none["text"]["text"] not in readings


def test_a_reading_with_markup_is_escaped_in_the_question_and_plain_on_its_button() -> None:
    message = build_did_you_mean(EN, 7, ["Tom & Jerry <3"])
    assert problems(message) == []
    assert "Tom &amp; Jerry &lt;3" in message["text"]
    assert message["blocks"][1]["elements"][0]["text"]["text"] == "Tom & Jerry <3"


@pytest.mark.parametrize("build", [build_thread_lost, build_front_lost, build_talk_help])
def test_what_can_be_said_is_offered_in_the_readers_language(build) -> None:
    english, dutch = build(EN), build(NL)
    for message in (english, dutch):
        check_message(message)
        assert problems(message) == []
    assert english["text"] != dutch["text"]


def test_lost_in_a_thread_says_nothing_changed_and_how_to_agree_or_withdraw() -> None:
    text = build_thread_lost(EN)["text"]
    assert "nothing changed" in text
    assert "deal" in text and "leave it" in text


def test_help_names_the_slash_commands_too() -> None:
    text = build_talk_help(EN)["text"]
    assert "/creator help" in text and "/exclusivity help" in text
