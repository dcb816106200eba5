"""The multi-workspace mode's lifecycle events: a workspace that uninstalls the app (or
revokes its bot token) loses its installation at once (Bolt's own listeners), and nothing
more is sent there; its data is kept for storage.departures.RETENTION, then erased."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_bolt.listener.async_builtins import AsyncTokenRevocationListeners

from handlers.context import deps, now
from storage import departures
from storage.db import session_scope

logger = logging.getLogger(__name__)


def register(app: AsyncApp) -> None:
    """Only in the multi-workspace mode (an installation store to delete from)."""
    store = app.installation_store
    assert store is not None
    revocation = AsyncTokenRevocationListeners(store)

    async def handle_uninstalled(context: AsyncBoltContext) -> None:
        await revocation.handle_app_uninstalled_events(context)
        _left(context)

    async def handle_revoked(event: dict[str, Any], context: AsyncBoltContext) -> None:
        # Partnerdesk asks for no user scopes: without its bot token nothing of the
        # installation is usable, so all of it goes (Bolt's own listener keeps the
        # installation row, with the revoked token in it, and removes only the bot).
        if event.get("tokens", {}).get("bot"):
            await revocation.handle_app_uninstalled_events(context)
            _left(context)
        else:
            await revocation.handle_tokens_revoked_events(event, context)

    app.event("app_uninstalled")(handle_uninstalled)
    app.event("tokens_revoked")(handle_revoked)


def _left(context: AsyncBoltContext) -> None:
    team_id = context.team_id or ""
    with session_scope(deps(context).engine) as session:
        cancelled = departures.record_departure(session=session, team_id=team_id, now=now(context))
    logger.info("team %s left: %s pending reminders cancelled", team_id, cancelled)
