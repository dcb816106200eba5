"""The 12-week roadmap surface: `/creator roadmap [start] <name> [date]` (`command`), the card
(`view`), its buttons (`buttons`) and what its reminders say (`reminders`).

`handle_roadmap` and `roadmap_picked` are what `/creator` routes to (handlers/creator.py);
bot/wiring.py lists the reminders' renderers (`reminders`) for the clock.
"""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncApp

from handlers.blocks.roadmap import DONE_ACTION, SHOW_ACTION, SNOOZE_ACTION, START_PICK_ACTION
from handlers.roadmap.buttons import handle_milestone, handle_show
from handlers.roadmap.command import handle_roadmap, handle_start_pick, roadmap_picked

__all__ = ["handle_roadmap", "register", "roadmap_picked"]


def register(app: AsyncApp) -> None:
    app.action(re.compile(rf"^(?:{DONE_ACTION}|{SNOOZE_ACTION})_[a-z0-9_]+$"))(handle_milestone)
    app.action(SHOW_ACTION)(handle_show)
    app.action(re.compile(rf"^{START_PICK_ACTION}_\d+$"))(handle_start_pick)
