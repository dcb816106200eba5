"""Reminder kinds of a test's own, next to the product's (bot/wiring.py): a test module keeps
its renderers in a dict it may change while it runs, and sweeps with `kinds_with(that dict)`."""

from __future__ import annotations

from collections import ChainMap

from bot.wiring import SCHEDULED_KINDS
from handlers.scheduled import Renderer, ScheduledKinds


def kinds_with(renderers: dict[str, Renderer]) -> ScheduledKinds:
    """The product's kinds and the test's (looked up in `renderers` at each render)."""
    return ScheduledKinds(
        renderers=ChainMap(renderers, dict(SCHEDULED_KINDS.renderers)),
        follow_ups=SCHEDULED_KINDS.follow_ups,
    )
