"""Slack surfaces: each module registers its listeners with `register(app)`; bot/app.py
registers them all and hands each what it runs of another (a surface imports no other).

Importing the package imports the surfaces that render reminders: bot/clock.py relies on it
to fill handlers.scheduled.RENDERERS until the clock registers them itself.
"""

from __future__ import annotations

from handlers import approvals, digest, roadmap  # noqa: F401 - the clock's renderers, see above
