"""The `partnerdesk` CLI with a test-only reminder kind, for the clock process tests:

    python -m tests.bot.clock_with_test_kind clock

runs exactly what `python -m bot clock` runs, with the "test_ping" renderer added to the
clock's list of kinds in that process (bot/wiring.py's list, which the clock reads when it
is built; a kind added in the test process would not reach a subprocess).
"""

from __future__ import annotations

import sys
from typing import Any

import bot.clock
from bot.__main__ import main
from bot.wiring import SCHEDULED_KINDS
from storage.models import Reminder


def render_ping(_session: Any, reminder: Reminder) -> dict[str, Any]:
    return {"text": f"ping {reminder.id}"}


if __name__ == "__main__":
    bot.clock.SCHEDULED_KINDS = SCHEDULED_KINDS.with_kinds({"test_ping": render_ping})
    sys.exit(main())
