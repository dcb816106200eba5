"""Messages nobody asked us about: acknowledged and left alone.

DMs and @-mentions are answered by `handlers.conversation`; replies in a quote's thread by
`handlers.exclusivity`. This fallback is registered last, so every more specific message
listener is tried first.
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck


async def ignore(ack: AsyncAck) -> None:
    """Messages nobody asked us about: acknowledged, nothing else."""
    await ack()


def register_fallbacks(app: AsyncApp) -> None:
    """Registered last, so that every more specific message listener is tried first."""
    app.event("message")(ignore)


def register(app: AsyncApp) -> None:
    """Nothing of its own: see `register_fallbacks`."""
