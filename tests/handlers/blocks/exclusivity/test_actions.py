"""The ids on the exclusivity surface's buttons and forms, and the value its quote buttons carry:
a click names the quote and the version it was shown with."""

from __future__ import annotations

from handlers.blocks.exclusivity import actions
from handlers.blocks.exclusivity.actions import ACCEPT_ACTION, QuoteSubject
from handlers.exclusivity.results import clicked_quote


def click(action_id: str, value: str) -> dict:
    return {"actions": [{"action_id": action_id, "value": value}]}


def test_a_quote_buttons_value_is_read_back_as_its_quote_and_version() -> None:
    subject = QuoteSubject(quote_id=41, creator_name="Zoë", brand_name="Koffie & Co", version=3)
    clicked = clicked_quote(click(ACCEPT_ACTION, subject.value))
    assert clicked is not None
    assert (clicked.action_id, clicked.quote_id, clicked.version) == (ACCEPT_ACTION, 41, 3)


def test_a_new_quote_is_shown_as_its_first_version() -> None:
    clicked = clicked_quote(click(ACCEPT_ACTION, QuoteSubject(7, "Zoë", "Glow Lab").value))
    assert clicked is not None and clicked.version == 1


def test_the_names_stay_out_of_the_value() -> None:
    # A button's value is at most 2000 characters and is sent back by whoever clicks.
    subject = QuoteSubject(7, "Zoë:de:Vries" * 200, "Koffie:Co" * 200, version=2)
    assert subject.value == QuoteSubject(7, "", "", version=2).value


def test_every_button_and_form_has_its_own_id() -> None:
    ids = [
        value
        for name, value in vars(actions).items()
        if name.endswith(("_ACTION", "_CALLBACK")) and isinstance(value, str)
    ]
    assert ACCEPT_ACTION in ids
    assert len(set(ids)) == len(ids)
