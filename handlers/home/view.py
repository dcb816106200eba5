"""The Home tab of one user, built from storage in a fixed number of queries, and the
clock's pass that publishes the tabs due (debounced, see storage/home.py)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine
from sqlmodel import Session

from domain import home as home_rules
from handlers.blocks.home import build_home_view
from handlers.voice import SEED_DEFAULTS, Defaults, reader_voice
from locales import Translator
from storage import home
from storage.db import session_scope

logger = logging.getLogger(__name__)


def home_view(
    session: Session,
    t: Translator,
    tab: home.Tab,
    *,
    now: datetime,
    timezone: str,
) -> dict[str, Any]:
    """The view of `tab` at `now`, in `t`'s language, times in the team's `timezone`."""
    today = now.astimezone(ZoneInfo(timezone)).date()
    facts = home.load_facts(
        session=session,
        team_id=tab.team_id,
        user_id=tab.user_id,
        now=now,
        today=today,
        timezone=timezone,
    )
    assembled = home_rules.assemble(
        facts, user_id=tab.user_id, scope=tab.scope, now=now, today=today
    )
    return build_home_view(t, assembled, page=tab.page, timezone=timezone, user_id=tab.user_id)


def publish_due(
    engine: Engine,
    client: WebClient,
    *,
    now: datetime,
    default_locale: str = SEED_DEFAULTS.locale,
    timezone: str = SEED_DEFAULTS.timezone,
) -> int:
    """Publish every Home tab due at `now` (the clock's pass); returns how many went out.

    Each tab is claimed in its own short transaction, built, published outside any
    transaction, then marked: a failure leaves it due again a minute later.
    """
    with session_scope(engine, immediate=True) as session:
        tabs = home.due_for_publishing(session=session, now=now)
    sent = 0
    for tab in tabs:
        with session_scope(engine) as session:
            voice = reader_voice(
                session, tab.team_id, tab.user_id, Defaults(default_locale, timezone)
            )
            t, tz = voice.t, voice.timezone
            view = home_view(session, t, tab, now=now, timezone=tz)
        try:
            # The multi-workspace clock hands over its per-team clients (bot.team_clients).
            team_client = client.for_team(tab.team_id) if hasattr(client, "for_team") else client
            team_client.views_publish(user_id=tab.user_id, view=view)
        except SlackApiError as error:
            logger.info("views.publish for %s: %s", tab.user_id, error.response.get("error"))
            with session_scope(engine) as session:
                home.failed(session=session, tab=tab, now=now)
            continue
        with session_scope(engine) as session:
            home.published(session=session, tab=tab, now=now)
        sent += 1
    return sent
