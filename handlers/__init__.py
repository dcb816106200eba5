"""Slack surfaces: each module registers its listeners with `register(app)`."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers import creator, exclusivity, messages, status

SURFACES = (messages, creator, status, exclusivity)


def register_all(app: AsyncApp) -> None:
    for surface in SURFACES:
        surface.register(app)
