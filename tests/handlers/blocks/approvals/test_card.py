"""The words every approval builder shares, from facts alone."""

from __future__ import annotations

from domain.values import ApprovalKind
from handlers.blocks.approvals.card import changed_text, kind_word, people, quoted, when
from locales import translator
from tests.handlers.blocks.approvals.facts import ASKED, LOU, SAM, ZONE, card


def test_a_kind_inside_a_sentence_is_lower_case_in_either_language() -> None:
    assert kind_word(translator("en"), ApprovalKind.CONTRACT) == "contract"
    assert kind_word(translator("nl"), "exclusivity") == "exclusiviteit"


def test_a_moment_reads_in_the_teams_time_zone() -> None:
    assert when(translator("nl"), ASKED, ZONE) == "ma 23 nov 10:00"
    assert when(translator("en"), ASKED, "UTC") == "Mon 23 Nov 09:00"


def test_typed_text_is_quoted_escaped_and_kept_short() -> None:
    assert quoted("Koffie & <Co>") == "“Koffie &amp; &lt;Co&gt;”"
    assert len(quoted("x" * 500, 20)) <= 22


def test_people_and_what_changed() -> None:
    assert people((LOU, SAM)) == f"<@{LOU}>, <@{SAM}>"
    assert changed_text(translator("en"), ("subject", "details")) == "the subject and the details"
    assert changed_text(translator("nl"), ("details",)) == "de details"


def test_a_cards_buttons_carry_its_id_and_version() -> None:
    assert card(id=12, version=3).value == "12:3"
