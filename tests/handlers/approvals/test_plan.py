"""What a click carries, read before anything changes."""

from __future__ import annotations

from handlers.approvals.plan import button_value


def test_a_button_carries_its_request_and_the_version_it_was_shown_with() -> None:
    assert button_value({"value": "7:2"}) == (7, 2)
    # A forged or truncated value changes nothing.
    assert button_value({"value": "7"}) is None
    assert button_value({"value": "seven:2"}) is None
    assert button_value({}) is None
