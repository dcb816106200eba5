"""A workspace to call the stand-in's methods on directly, without HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from bot.standin import api
from bot.standin.wire import Json, SlackError
from bot.standin.workspace import Workspace

NOW = 1_700_000_000.0


def workspace() -> Workspace:
    ws = Workspace(
        team_id="T0ONE000001",
        team_domain="one",
        bot_user_id="U0BOT000001",
        bot_id="B0BOT000001",
        strict_channels=False,
        clock=lambda: NOW,
    )
    ws.add_user("U0CASEY0001", name="casey", real_name="Casey Partner", locale="nl-NL")
    ws.add_channel("C0DEALS0001", name="deals", members=["U0CASEY0001"])
    return ws


def call(ws: Workspace, method: str, **args: Any) -> Json:
    return api.call(ws, method, args)


def error(ws: Workspace, method: str, **args: Any) -> str:
    with pytest.raises(SlackError) as raised:
        api.call(ws, method, args)
    return raised.value.error
