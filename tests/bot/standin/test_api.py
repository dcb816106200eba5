"""The table of served methods (bot/standin/api.py)."""

from __future__ import annotations

from bot.standin.api import SERVED_METHODS
from tests.bot.standin.workspaces import error, workspace


def test_every_family_is_served_and_nothing_else() -> None:
    assert {"chat.postMessage", "conversations.history", "users.info", "views.publish"} <= (
        SERVED_METHODS
    )
    assert "files.completeUploadExternal" in SERVED_METHODS


def test_an_unknown_method_says_the_stand_in_does_not_serve_it() -> None:
    assert error(workspace(), "admin.users.remove") == "unknown_method"
