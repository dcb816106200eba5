"""views.* (bot/standin/views.py)."""

from __future__ import annotations

from tests.bot.standin.workspaces import call, error, workspace

MODAL = {"type": "modal", "title": {"type": "plain_text", "text": "Edit"}, "blocks": []}


def test_an_update_keeps_the_views_id_and_refuses_a_stale_hash() -> None:
    ws = workspace()
    opened = call(ws, "views.open", trigger_id="1.2.3", view=MODAL)["view"]
    updated = call(ws, "views.update", view_id=opened["id"], hash=opened["hash"], view=MODAL)
    assert updated["view"]["id"] == opened["id"]
    stale = error(ws, "views.update", view_id=opened["id"], hash=opened["hash"], view=MODAL)
    assert stale == "hash_conflict"


def test_a_view_can_be_found_by_its_external_id() -> None:
    ws = workspace()
    call(ws, "views.open", trigger_id="1.2.3", view={**MODAL, "external_id": "edit-1"})
    assert call(ws, "views.update", external_id="edit-1", view=MODAL)["ok"]
    assert error(ws, "views.update", external_id="edit-2", view=MODAL) == "not_found"


def test_each_user_has_one_home_tab_republished_in_place() -> None:
    ws = workspace()
    home = {"blocks": [{"type": "divider"}]}
    first = call(ws, "views.publish", user_id="U0CASEY0001", view=home)["view"]
    second = call(ws, "views.publish", user_id="U0CASEY0001", view=home)["view"]
    assert first["id"] == second["id"] and second["type"] == "home"


def test_a_view_must_be_an_object() -> None:
    assert error(workspace(), "views.open", trigger_id="1.2.3", view="[]") == "invalid_arguments"
