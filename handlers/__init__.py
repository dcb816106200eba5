"""Slack surfaces: each module registers its listeners with `register(app)`; bot/app.py
registers them all and hands each what it runs of another (a surface imports no other).

Importing the package still imports every surface: bot/clock.py relies on it to fill the
reminder renderers (handlers.scheduled.RENDERERS) until the clock registers them itself.
"""

from __future__ import annotations

from handlers import (  # noqa: F401 - see above: the clock's renderers
    approval_settings,
    approvals,
    brands,
    conversation,
    creator,
    creator_forms,
    digest,
    exclusivity,
    home,
    kpis,
    listing,
    messages,
    roadmap,
    status,
)
from handlers.charts import surface as chart_surface  # noqa: F401 - see above
