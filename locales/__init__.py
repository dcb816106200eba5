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
from functools import cache
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
        # Parsed once: Babel re-parses a locale name on every call (dozens per status card).
        self.babel_locale = Locale.parse(_BABEL_LOCALE[language])
        self._catalog = _load(language)

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def money(self, amount: Decimal | int, currency: str = "EUR", *, whole: bool = False) -> str:
        """`€ 1.200,00` in Dutch (with a no-break space), `€1,200.00` in English.

        `whole` drops the cents (`€ 15.000`), for round figures such as budget bands.
        """
        if not whole:
            return format_currency(Decimal(amount), currency, locale=self.babel_locale)
        pattern = self.babel_locale.currency_formats["standard"].pattern
        return format_currency(
            Decimal(amount),
            currency,
            format=pattern.replace(".00", ""),
            currency_digits=False,
            locale=self.babel_locale,
        )

    def number(self, value: Decimal | int | float, digits: int | None = None) -> str:
        if digits is not None:
            pattern = "#,##0" + ("." + "0" * digits if digits else "")
            return format_decimal(value, format=pattern, locale=self.babel_locale)
        return format_decimal(value, locale=self.babel_locale)

    def percent(self, fraction: Decimal | float, digits: int = 0) -> str:
        """A fraction (0.355) as a percentage (`35,5%` / `35.5%`)."""
        pattern = "#,##0" + ("." + "#" * digits if digits else "") + "%"
        return format_percent(fraction, format=pattern, locale=self.babel_locale)

    def date(self, value: date, style: str = "medium") -> str:
        return format_date(value, style, locale=self.babel_locale)

    def datetime(self, value: datetime, pattern: str = "EEE d MMM HH:mm") -> str:
        """A moment in its own time zone (convert to the team's zone before calling)."""
        return format_datetime(value, pattern, locale=self.babel_locale)


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
