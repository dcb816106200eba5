"""No English codes in Dutch (or in English): every builder's output, rendered in nl and en,
holds no domain code (a value of any StrEnum in domain/, or a quote's or window's state) as a
bare word, and no dash where a sentence should name a place.

Command grammar in backticks (`/creator approve <name> <kind> <subject>`) stays as typed, and
the codes that are also the very word the language uses (Dutch says "content", "budget",
"posts") are found in the catalogs' own translations, not listed by hand.
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import domain
from locales import translator
from tests.mrkdwn_check import as_read, texts
from tests.rendered import Inputs, render_all

# States that storage keeps as text rather than as an enum.
TEXT_STATES = ("open", "agreed", "withdrawn", "awaiting_approval")
CATALOGS = Path(__file__).resolve().parents[3] / "locales"


def domain_codes() -> set[str]:
    codes = set(TEXT_STATES)
    for module_info in pkgutil.iter_modules(domain.__path__):
        module = importlib.import_module(f"domain.{module_info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, enum.StrEnum)
                and value.__module__ == module.__name__
            ):
                codes.update(member.value for member in value)
    return codes


def words_of_catalog(language: str) -> set[str]:
    """Every word the language's own translations use."""
    path = CATALOGS / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as file:
        catalog = read_po(file)
    found: set[str] = set()
    for message in catalog:
        for text in message.string if isinstance(message.string, tuple) else (message.string,):
            found.update(re.findall(r"[\w-]+", _prose(text or "")))
    return found


def _prose(text: str) -> str:
    """Text without command grammar in backticks, placeholders and Slack's sequences."""
    return re.sub(r"`[^`]*`|\{[^}]*\}|<[^>]*>|/[a-z]+", " ", text)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_code_is_shown_as_a_word(language: str) -> None:
    # Plain inputs: a name must not look like a code of its own.
    inputs = Inputs(creator="Zoë de Vries", brand="Koffie en Co", competitors=("Glow",))
    other = "en" if language == "nl" else "nl"
    codes = {code for code in domain_codes() if code not in words_of_catalog(language)}
    # The agreed clause is shown in both languages on purpose (people paste it in contracts).
    either = codes - words_of_catalog(other)
    found = []
    for name, payload in render_all(translator(language), inputs):
        looked_for = either if name.startswith("exclusivity.build_agreement") else codes
        for path, text, is_mrkdwn in texts(payload):
            prose = _prose(as_read(text) if is_mrkdwn else text)
            shown = set(re.findall(r"[\w-]+", prose))
            found += [f"{name} {path}: “{code}” in {text!r}" for code in sorted(shown & looked_for)]
            if re.search(r"\bin –", prose):
                found.append(f"{name} {path}: a dash for a place in {text!r}")
    assert not found, "\n".join(found)


def test_the_scan_knows_the_codes_it_looks_for() -> None:
    codes = domain_codes()
    assert {"agreed", "changes_requested", "awaiting_approval", "guardrails"} <= codes
    # Dutch uses these words itself; "agreed" it does not.
    assert "agreed" not in words_of_catalog("nl")
