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
from locales import LANGUAGES, Translator, language_for, translator
from storage import home, teams
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


def _voice(
    session: Session, team_id: str, user_id: str, default_locale: str, default_timezone: str
) -> tuple[Translator, str]:
    """The user's language (their choice, else Slack's locale, else the team's) and the team's
    time zone: the clock's pass has no request to read them from."""
    settings = teams.get_settings(session=session, team_id=team_id)
    team_language = settings.default_locale if settings else default_locale
    if team_language not in LANGUAGES:
        team_language = default_locale
    timezone = settings.timezone if settings else default_timezone
    preference = teams.get_user_preference(session=session, team_id=team_id, user_id=user_id)
    if preference is not None and preference.locale in LANGUAGES:
        return translator(preference.locale), timezone
    slack_locale = preference.slack_locale if preference is not None else None
    return translator(language_for(slack_locale, team_language)), timezone


def publish_due(
    engine: Engine,
    client: WebClient,
    *,
    now: datetime,
    default_locale: str = "nl",
    timezone: str = "Europe/Amsterdam",
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
            t, tz = _voice(session, tab.team_id, tab.user_id, default_locale, timezone)
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
