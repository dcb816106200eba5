"""What every listener needs besides the payload: the database, the user's language, a request id.

The middleware below fills Bolt's `context` once per request; listeners read it through the
small accessors here, so no handler repeats the look-ups.
"""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine

from handlers.card_cache import CardCache
from locales import Translator, language_for, translator
from storage import teams
from storage.db import session_scope

logger = logging.getLogger(__name__)

_DEPS = "partnerdesk_deps"
_LANGUAGE = "partnerdesk_language"
_TIMEZONE = "partnerdesk_timezone"
_TEAM_LANGUAGE = "partnerdesk_team_language"
REQUEST_ID = "request_id"
_ROLES = "partnerdesk_roles"


@dataclass(frozen=True)
class Deps:
    """The process-wide things listeners use, handed over by the app factory."""

    engine: Engine
    default_locale: str
    timezone: str
    # "Now" for everything a listener decides by the clock; the console and tests move it.
    # Required: the wiring (bot.app) hands in the wall clock, tests and the console their own.
    now: Callable[[], datetime]
    # (team, user) -> (expires at, (language, team language, time zone)): the look-up cost
    # more than the rest of an ack (bench/README.md), so each process remembers it briefly.
    languages: dict[tuple[str, str | None], tuple[float, tuple[str, str, str]]] = field(
        default_factory=dict, compare=False
    )
    # Status cards built, used again while the workspace's data version is the same.
    cards: CardCache = field(default_factory=CardCache, compare=False)


LANGUAGE_CACHE_SECONDS = 30.0


def forget_language(context: AsyncBoltContext, team_id: str, user_id: str) -> None:
    """Drop a user's remembered language (after they chose another)."""
    deps(context).languages.pop((team_id, user_id), None)


def deps(context: AsyncBoltContext) -> Deps:
    return context[_DEPS]


def tr(context: AsyncBoltContext) -> Translator:
    """The translator for the user this request is from."""
    return translator(context.get(_LANGUAGE) or deps(context).default_locale)


def team_tr(context: AsyncBoltContext) -> Translator:
    """The translator for what the whole channel reads (the team's default language)."""
    return translator(context.get(_TEAM_LANGUAGE) or deps(context).default_locale)


def team_timezone(context: AsyncBoltContext) -> str:
    return context.get(_TIMEZONE) or deps(context).timezone


def now(context: AsyncBoltContext) -> datetime:
    """The current moment as this app sees it (aware, UTC)."""
    return deps(context).now()


def today(context: AsyncBoltContext) -> date:
    """Today's date in the team's time zone."""
    return now(context).astimezone(ZoneInfo(team_timezone(context))).date()


def remembered_roles(
    context: AsyncBoltContext, user_id: str, user: dict[str, Any] | None = None
) -> tuple[bool, bool, bool] | None:
    """A user's (is_admin, is_owner, is_primary_owner) from a `users.info` answer of this
    request: remembered when `user` is given, else what was remembered (None: not asked)."""
    roles: dict[str, tuple[bool, bool, bool]] = context.setdefault(_ROLES, {})
    if user is not None:
        roles[user_id] = tuple(  # type: ignore[assignment]
            bool(user.get(flag)) for flag in ("is_admin", "is_owner", "is_primary_owner")
        )
    return roles.get(user_id)


def request_id(context: AsyncBoltContext) -> str:
    return context.get(REQUEST_ID, "-")


_request_numbers = itertools.count(1)


def next_request_id() -> str:
    """A short id, unique across this host's processes, for log lines and error messages.

    Cheaper than uuid4 on every ack (no system entropy needed for a reference number).
    """
    return f"{os.getpid():x}-{next(_request_numbers):x}"


class RequestContext(AsyncMiddleware):
    """Attaches deps, a request id and the user's language to every request's context.

    A class rather than a function middleware: Bolt builds no keyword arguments for it, which
    every ack would pay for (bench/README.md)."""

    def __init__(self, app_deps: Deps) -> None:
        self.deps = app_deps

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],  # noqa: A002 - Bolt's name
    ) -> BoltResponse:
        body, context, app_deps = req.body, req.context, self.deps
        context[_DEPS] = app_deps
        context[REQUEST_ID] = next_request_id()
        # Done here rather than in a middleware of its own: each Bolt middleware costs every
        # ack its own call (bench/README.md).
        if body.get("type") == "event_callback" and _retried(body, context, app_deps):
            return BoltResponse(status=200, body="")
        if context.team_id:
            key = (context.team_id, context.user_id)
            remembered = app_deps.languages.get(key)
            if remembered is not None and remembered[0] > time.monotonic():
                language, team_language, timezone = remembered[1]
            else:
                language, team_language, timezone = await _languages_and_timezone(context, app_deps)
                app_deps.languages[key] = (
                    time.monotonic() + LANGUAGE_CACHE_SECONDS,
                    (language, team_language, timezone),
                )
            context[_LANGUAGE] = language
            context[_TEAM_LANGUAGE] = team_language
            context[_TIMEZONE] = timezone
        return await next()


def _retried(body: dict[str, Any], context: AsyncBoltContext, app_deps: Deps) -> bool:
    """Slack retries an event it thinks failed: act on each `event_id` once (Bolt doesn't)."""
    event_id = body.get("event_id")
    if not event_id or not context.team_id:
        return False
    with session_scope(app_deps.engine) as session:
        first = teams.first_delivery(
            session=session, team_id=context.team_id, event_id=event_id, now=app_deps.now()
        )
    if not first:
        logger.info("event %s already handled; acknowledging the retry only", event_id)
    return not first


async def _languages_and_timezone(
    context: AsyncBoltContext, app_deps: Deps
) -> tuple[str, str, str]:
    """The user's language (their own choice, else Slack's locale for them, else the team
    default), the team's language and the team's time zone."""
    team_id = context.team_id
    user_id = context.user_id
    with session_scope(app_deps.engine) as session:
        settings = teams.get_or_create_settings(
            session=session,
            team_id=team_id,
            default_locale=app_deps.default_locale,
            timezone=app_deps.timezone,
            now=app_deps.now(),
        )
        preference = (
            teams.get_user_preference(session=session, team_id=team_id, user_id=user_id)
            if user_id
            else None
        )
    team_language, timezone = settings.default_locale, settings.timezone
    if user_id is None:
        return team_language, team_language, timezone
    if preference is not None and preference.locale:
        return preference.locale, team_language, timezone
    slack_locale = preference.slack_locale if preference is not None else None
    if slack_locale is None:
        slack_locale = await _fetch_slack_locale(context, user_id)
        with session_scope(app_deps.engine) as session:
            teams.set_user_locale(
                session=session,
                team_id=team_id,
                user_id=user_id,
                slack_locale=slack_locale,
                now=app_deps.now(),
            )
    return language_for(slack_locale, team_language), team_language, timezone


async def _fetch_slack_locale(context: AsyncBoltContext, user_id: str) -> str:
    """Slack's locale for the user, fetched once and remembered ("" when Slack won't say)."""
    if context.client is None:
        return ""
    try:
        answer = await context.client.users_info(user=user_id, include_locale=True)
    except SlackApiError as error:
        logger.info("users.info for the locale failed: %s", error.response.get("error"))
        return ""
    user = answer.get("user") or {}
    remembered_roles(context, user_id, user)  # a permission check later in this request
    return user.get("locale") or ""
