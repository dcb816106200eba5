"""Reading a quote button's click: the quote and the version its message showed."""

from __future__ import annotations

from handlers.exclusivity.results import QuoteClick, clicked_quote


def click(value: str | None) -> dict:
    action = {"action_id": "excl_accept"}
    if value is not None:
        action["value"] = value
    return {"actions": [action]}


def test_a_click_carries_the_quote_and_the_version_it_was_shown_with() -> None:
    assert clicked_quote(click("7:3")) == QuoteClick("excl_accept", 7, 3)


def test_a_message_from_before_versions_has_no_version() -> None:
    assert clicked_quote(click("7")) == QuoteClick("excl_accept", 7, None)


def test_a_value_that_is_no_quotes_is_ignored() -> None:
    for value in (None, "", "x:1", "7:y", "-7:1", "7:3:1"):
        assert clicked_quote(click(value)) is None, value
