"""The wall clock, read here and handed to everything else as "now".

Rules (handlers, storage, domain) never read the time themselves: they take the injected
clock (`now(context)`, a `now=` argument), so tests and the console's `!clock` move all of
them at once. The wiring reads this module: the app's default clock, the clock process's
scheduler, the admin CLI's export stamp, the demo loader and the console's base time.
tests/test_one_clock.py keeps it so.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The real current moment, aware, in UTC."""
    return datetime.now(UTC)
