"""Slack surfaces: each module registers its listeners with `register(app)`."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers import (
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
from handlers.charts import surface as chart_surface

SURFACES = (
    messages,
    creator,
    status,
    creator_forms,
    brands,
    kpis,
    listing,
    exclusivity,
    roadmap,
    approvals,
    approval_settings,
    digest,
    home,
    chart_surface,
    # Last: its DM and mention listeners are never tried before a slash command's (the ack
    # path stays as short as before; bench/ack.py).
    conversation,
)


def register_all(app: AsyncApp) -> None:
    for surface in SURFACES:
        surface.register(app)
    messages.register_fallbacks(app)
