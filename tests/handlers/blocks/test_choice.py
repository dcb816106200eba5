"""Several creators match a name: the asker picks one with a button, built from facts alone."""

from __future__ import annotations

from handlers.blocks.choice import build_creator_choice
from locales import translator
from tests.mrkdwn_check import problems
from tests.slackspec import check_message

EN, NL = translator("en"), translator("nl")
LISAS = [(7, "Lisa Jansen", "lisaj"), (12, "Lisa de Boer", "lisa.db")]


def choice(query: str = "lisa", candidates=LISAS, t=EN) -> dict:
    return build_creator_choice(t, query, candidates, "status_pick", lambda id_: f"creator:{id_}")


def buttons(message: dict) -> list[dict]:
    (actions,) = [block for block in message["blocks"] if block["type"] == "actions"]
    return actions["elements"]


def test_only_the_asker_sees_the_question_with_what_they_typed() -> None:
    message = choice()
    check_message(message)
    assert message["response_type"] == "ephemeral"
    assert "“lisa”" in message["text"] and message["text"].endswith("?")
    assert message["blocks"][0]["text"]["text"] == message["text"]


def test_a_button_per_candidate_with_name_and_handle_and_the_value_it_carries() -> None:
    shown = [(b["text"]["text"], b["action_id"], b["value"]) for b in buttons(choice())]
    assert shown == [
        ("Lisa Jansen (@lisaj)", "status_pick_0", "creator:7"),
        ("Lisa de Boer (@lisa.db)", "status_pick_1", "creator:12"),
    ]


def test_action_ids_stay_unique_with_many_candidates() -> None:
    many = [(n, f"Sam {n}", f"sam{n}") for n in range(1, 13)]
    ids = [b["action_id"] for b in buttons(choice("sam", many))]
    assert len(set(ids)) == 12


def test_what_was_typed_is_escaped_once_and_names_in_buttons_are_plain() -> None:
    message = choice("R&D <!channel>", [(1, "Tom & Jerry", "tomjerry"), (2, "<Zoë>", "zoe")])
    assert problems(message) == []
    assert "R&amp;D &lt;!channel&gt;" in message["text"]
    assert [b["text"]["text"] for b in buttons(message)] == [
        "Tom & Jerry (@tomjerry)",
        "<Zoë> (@zoe)",
    ]


def test_a_very_long_query_is_cut() -> None:
    message = choice("x" * 5000)
    check_message(message)
    assert "x" * 80 in message["text"] and "x" * 81 not in message["text"]


def test_the_question_is_asked_in_the_askers_language() -> None:
    dutch = choice(t=NL)
    check_message(dutch)
    assert "lisa" in dutch["text"] and dutch["text"] != choice()["text"]
