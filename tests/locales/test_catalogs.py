"""The nl and en catalogs are complete, and Babel formats money, numbers and dates per locale."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from locales import LANGUAGES, language_for, translator

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "_": None, "N_": None}


def _source_messages() -> set[str]:
    found: set[str] = set()
    for package in ("bot", "handlers", "locales"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / package, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_in_the_source_has_a_translation(language: str) -> None:
    po_path = ROOT / "locales" / language / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as po_file:
        catalog = read_po(BytesIO(po_file.read()), locale=language)
    problems = []
    for message in sorted(_source_messages()):
        entry = catalog.get(message) or next(
            (m for m in catalog if isinstance(m.id, tuple) and m.id[0] == message), None
        )
        strings = entry.string if entry is not None else None
        if isinstance(strings, tuple):
            missing = not all(strings)
        else:
            missing = not strings
        if entry is None or missing:
            problems.append(f"missing: {message!r}")
        elif entry.fuzzy:
            problems.append(f"fuzzy: {message!r}")
    assert not problems, f"{language} catalog: " + "; ".join(problems)


def test_the_source_has_messages_at_all() -> None:
    # Guards the test above against an extraction that silently finds nothing.
    assert "Show this help." in _source_messages()


def test_dutch_and_english_differ_where_they_should() -> None:
    assert translator("nl").gettext("Show this help.") == "Toon deze hulp."
    assert translator("en").gettext("Show this help.") == "Show this help."


def test_money_is_formatted_per_locale() -> None:
    assert translator("nl").money(Decimal("1200")) == "€\u00a01.200,00"
    assert translator("en").money(Decimal("1200")) == "€1,200.00"


def test_numbers_and_dates_are_formatted_per_locale() -> None:
    assert translator("nl").number(Decimal("1234.5")) == "1.234,5"
    assert translator("en").number(Decimal("1234.5")) == "1,234.5"
    assert translator("nl").date(date(2026, 11, 23)) == "23 nov 2026"
    assert translator("en").date(date(2026, 11, 23)) == "23 Nov 2026"


@pytest.mark.parametrize(
    ("slack_locale", "expected"),
    [("nl-NL", "nl"), ("en-US", "en"), ("en-GB", "en"), ("fr-FR", "nl"), (None, "nl"), ("", "nl")],
)
def test_slack_locales_map_to_catalogs_by_language(slack_locale: str | None, expected: str) -> None:
    assert language_for(slack_locale, "nl") == expected


def test_compiled_catalogs_exist_after_setup() -> None:
    for language in LANGUAGES:
        assert (ROOT / "locales" / language / "LC_MESSAGES" / "messages.mo").is_file()
