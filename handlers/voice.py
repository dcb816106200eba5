"""The team's voice where there is no request to read it from: its language and time zone.

A renderer the clock calls, a Home tab published on the clock's pass and a channel message
after a decision all speak as the team: in the team's language (or, in a DM, the reader's own)
and with dates in the team's time zone. Both come from the team's settings (storage.teams);
a team without settings yet gets the process's configured defaults (bot/config's
DEFAULT_LOCALE and TIMEZONE), which the caller passes in: handlers never import bot/.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from locales import LANGUAGES, Translator, language_for, translator
from storage import teams


@dataclass(frozen=True)
class Defaults:
    """The configured defaults (bot.config.Settings.default_locale and .timezone)."""

    locale: str
    timezone: str


# What a team without a settings row speaks: the seed's Dutch team in Amsterdam. A team's row
# is written on its first request (handlers/context.py), with the process's configured
# defaults, before it can schedule anything; only the clock can meet a team without one.
SEED_DEFAULTS = Defaults(locale="nl", timezone="Europe/Amsterdam")


@dataclass(frozen=True)
class Voice:
    """How to speak: a language's translator and the time zone that dates are shown in."""

    t: Translator
    timezone: str

    @property
    def language(self) -> str:
        return self.t.language


def _supported(language: str | None, fallback: str) -> str:
    if language in LANGUAGES:
        return language
    return fallback if fallback in LANGUAGES else LANGUAGES[0]


def team_language_and_timezone(
    session: Session, team_id: str, defaults: Defaults
) -> tuple[str, str]:
    """The team's language (a catalog we have) and time zone, else the defaults."""
    settings = teams.get_settings(session=session, team_id=team_id)
    if settings is None:
        return _supported(defaults.locale, LANGUAGES[0]), defaults.timezone
    return _supported(settings.default_locale, defaults.locale), settings.timezone


def team_voice(session: Session, team_id: str, defaults: Defaults) -> Voice:
    """How the team speaks in its channels."""
    language, timezone = team_language_and_timezone(session, team_id, defaults)
    return Voice(translator(language), timezone)


def reader_voice(session: Session, team_id: str, user_id: str, defaults: Defaults) -> Voice:
    """How to speak to one person (a DM, their Home tab): their chosen language, else Slack's
    locale for them, else the team's; dates in the team's time zone."""
    team_language, timezone = team_language_and_timezone(session, team_id, defaults)
    preference = teams.get_user_preference(session=session, team_id=team_id, user_id=user_id)
    if preference is not None and preference.locale in LANGUAGES:
        return Voice(translator(preference.locale), timezone)
    slack_locale = preference.slack_locale if preference is not None else None
    return Voice(translator(language_for(slack_locale, team_language)), timezone)
