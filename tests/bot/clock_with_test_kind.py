"""The `partnerdesk` CLI with a test-only reminder kind, for the clock process tests:

    python -m tests.bot.clock_with_test_kind clock

runs exactly what `python -m bot clock` runs, after registering the "test_ping" renderer in
that process (a renderer registered in the test process would not reach a subprocess).
"""

from __future__ import annotations

import sys
from typing import Any

from bot.__main__ import main
from handlers.scheduled import RENDERERS
from storage.models import Reminder


def render_ping(_session: Any, reminder: Reminder) -> dict[str, Any]:
    return {"text": f"ping {reminder.id}"}


RENDERERS["test_ping"] = render_ping

if __name__ == "__main__":
    sys.exit(main())
