"""The nl and en catalogs, and the few functions that translate and format with them.

Every user-facing string goes through a `Translator`; money, numbers and dates through
Babel for the user's locale. Message ids are English; the `en` catalog is complete too, so
that wording can change in the catalog without touching code.
"""

from __future__ import annotations

import gettext
import logging
from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal, format_percent

LOCALES_DIR = Path(__file__).parent
DOMAIN = "messages"
LANGUAGES = ("nl", "en")
# Babel locales used for formatting: Dutch as in the Netherlands; English with European
# date order, since our users are Dutch teams working in English.
_BABEL_LOCALE = {"nl": "nl_NL", "en": "en_GB"}

logger = logging.getLogger(__name__)


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a string for extraction without translating it now (translated where shown)."""
    return message


def language_for(slack_locale: str | None, default: str) -> str:
    """Map a Slack locale (`nl-NL`, `en-US`, ...) to a catalog, else the team default."""
    if slack_locale:
        language = slack_locale.replace("_", "-").split("-")[0].lower()
        if language in LANGUAGES:
            return language
    return default


class Translator:
    """Translations and Babel formatting for one language."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        self.language = language
        self.babel_locale = _babel_locale(language)
        self._catalog = _load(language)

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    # Babel's formatting is remembered per language and value: one call costs 10-30 us (it
    # looks up the locale's symbols and applies the pattern anew each time), and a status
    # card formats about twenty figures, several the same on every card (the fee band).

    def money(self, amount: Decimal | int, currency: str = "EUR", *, whole: bool = False) -> str:
        """`€ 1.200,00` in Dutch (with a no-break space), `€1,200.00` in English.

        `whole` drops the cents (`€ 15.000`), for round figures such as budget bands.
        """
        return _money(self.language, *_key(amount), currency, whole)

    def number(self, value: Decimal | int | float, digits: int | None = None) -> str:
        return _number(self.language, *_key(value), digits)

    def percent(self, fraction: Decimal | float, digits: int = 0) -> str:
        """A fraction (0.355) as a percentage (`35,5%` / `35.5%`)."""
        return _percent(self.language, *_key(fraction), digits)

    def date(self, value: date, style: str = "medium") -> str:
        return _date(self.language, value, style)

    def datetime(self, value: datetime, pattern: str = "EEE d MMM HH:mm") -> str:
        """A moment in its own time zone (convert to the team's zone before calling)."""
        return format_datetime(value, pattern, locale=self.babel_locale)


FORMATTED_KEPT = 4096  # per kind: the figures of a few hundred cards


def _key(value: Decimal | float) -> tuple[type, str]:
    # A figure by its type and text, not its value: Decimal("1.50") == Decimal("1.5") == 1.5.
    return type(value), str(value)


@lru_cache(maxsize=FORMATTED_KEPT)
def _money(language: str, kind: type, text: str, currency: str, whole: bool) -> str:
    locale = _babel_locale(language)
    amount = Decimal(text)
    if not whole:
        return format_currency(amount, currency, locale=locale)
    pattern = locale.currency_formats["standard"].pattern
    return format_currency(
        amount, currency, format=pattern.replace(".00", ""), currency_digits=False, locale=locale
    )


@lru_cache(maxsize=FORMATTED_KEPT)
def _number(language: str, kind: type, text: str, digits: int | None) -> str:
    locale = _babel_locale(language)
    if digits is None:
        return format_decimal(kind(text), locale=locale)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(kind(text), format=pattern, locale=locale)


@lru_cache(maxsize=FORMATTED_KEPT)
def _percent(language: str, kind: type, text: str, digits: int) -> str:
    pattern = "#,##0" + ("." + "#" * digits if digits else "") + "%"
    return format_percent(kind(text), format=pattern, locale=_babel_locale(language))


@lru_cache(maxsize=FORMATTED_KEPT)
def _date(language: str, value: date, style: str) -> str:
    return format_date(value, style, locale=_babel_locale(language))


@cache
def _babel_locale(language: str) -> Locale:
    # Parsed once: Babel re-parses a locale name on every call.
    return Locale.parse(_BABEL_LOCALE[language])


@cache
def translator(language: str) -> Translator:
    """The shared translator for a language (catalogs are loaded once per process)."""
    return Translator(language)


def _load(language: str) -> gettext.NullTranslations:
    mo_path = LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if mo_path.is_file():
        with mo_path.open("rb") as mo_file:
            return gettext.GNUTranslations(mo_file)
    # A checkout whose catalogs were never compiled still speaks both languages; the
    # setup command compiles them, so this is only a fallback for a forgotten step.
    po_path = mo_path.with_suffix(".po")
    logger.warning("compiled catalog %s missing; compiling %s in memory", mo_path, po_path)
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
