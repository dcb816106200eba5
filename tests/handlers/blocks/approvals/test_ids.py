"""The ids an approval's buttons and forms carry, as the listeners that answer them read them."""

from __future__ import annotations

from domain.approvals import Decision
from handlers.approvals.deciding import ACTION_PATTERN
from handlers.blocks.approvals import ids


def test_the_three_decision_buttons_are_three_decisions() -> None:
    assert ids.DECISION_ACTIONS == {
        ids.APPROVE_ACTION: Decision.APPROVE,
        ids.CHANGES_ACTION: Decision.REQUEST_CHANGES,
        ids.REJECT_ACTION: Decision.REJECT,
    }


def test_a_decision_button_is_heard_on_the_message_and_in_the_pending_list() -> None:
    for action in ids.DECISION_ACTIONS:
        assert ACTION_PATTERN.match(action)
        assert ACTION_PATTERN.match(f"{action}_0") and ACTION_PATTERN.match(f"{action}_12")


def test_edit_cancel_and_pick_are_never_taken_for_a_decision() -> None:
    for action in (ids.EDIT_ACTION, ids.CANCEL_ACTION, ids.PICK_ACTION):
        assert not ACTION_PATTERN.match(action)
        assert not ACTION_PATTERN.match(f"{action}_1")


def test_every_button_and_form_has_its_own_id() -> None:
    names = [name for name in vars(ids) if name.endswith(("_ACTION", "_CALLBACK"))]
    values = [getattr(ids, name) for name in names]
    assert ids.SHORTCUT_CALLBACK in values
    assert len(set(values)) == len(values)
