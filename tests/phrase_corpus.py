"""The phrase corpus (tests/data/phrases.tsv) and how a reading of it is scored.

Shared by tests/domain/test_phrases.py and bench/understanding.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from domain import intents, negotiation
from domain.reading import Confidence, Context, Reading, Where, read

CORPUS = Path(__file__).parent / "data" / "phrases.tsv"
# The workspace the DM lines talk about.
CREATORS = {
    "zoe de vries": "zoedv",
    "zoedv": "zoedv",
    "daan bakker": "daanb",
    "daanb": "daanb",
    "lisa jansen": "lisaj",
    "lisaj": "lisaj",
}
BRANDS = {"lavazza": "Lavazza"}
TODAY = date(2026, 12, 4)


class Outcome(StrEnum):
    RIGHT = "right"
    ASKED = "asked"
    MISSED = "missed"
    WRONG = "wrong"


@dataclass(frozen=True)
class Phrase:
    where: str  # thread / dm
    language: str
    expected: str
    text: str
    last: str | None

    @property
    def intent(self) -> str:
        if self.expected == "none":
            return "none"
        if self.where == "thread":
            return "move:" + "+".join(sorted(m.split("=")[0] for m in self.expected.split("+")))
        return self.expected.split(":")[0]

    def context(self) -> Context:
        if self.where == "thread":
            return Context(Where.THREAD, language=self.language)
        return Context(
            Where.DM,
            language=self.language,
            creators=CREATORS,
            brands=BRANDS,
            last_creator=self.last,
            today=TODAY,
        )

    def read(self) -> Reading:
        return read(self.text, self.context())


def load(path: Path = CORPUS) -> list[Phrase]:
    phrases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        where, language, expected, text, *rest = line.split("\t")
        phrases.append(Phrase(where, language, expected, text, rest[0] if rest else None))
    return phrases


def _hours(text: str) -> int:
    number, unit = int(text[:-1]), text[-1]
    return number * {"h": 1, "d": 24, "w": 24 * 7, "m": 24 * 30}[unit]


def _expected_moves(expected: str) -> frozenset[str]:
    moves = set()
    for part in expected.split("+"):
        code, _, value = part.partition("=")
        if code == "window":
            after, _, before = value.partition(",")
            moves.add(f"window={_hours(after)}" + (f",{_hours(before)}" if before else ""))
        elif code == "pre":
            moves.add(f"pre={_hours(value)}")
        elif code in ("platforms", "content"):
            moves.add(f"{code}={','.join(sorted(value.split(',')))}")
        else:
            moves.add(part)
    return frozenset(moves)


def _move_key(move: intents.Intent) -> str:
    match move:
        case intents.SetWindow(after=after, before=before):
            hours = negotiation.hours_of(after)
            return f"window={hours}" + (f",{negotiation.hours_of(before)}" if before else "")
        case intents.SetPreWindow(before=before):
            return f"pre={negotiation.hours_of(before)}"
        case intents.NarrowPlatforms(platforms=platforms):
            return "platforms=" + ",".join(sorted(p.value for p in platforms))
        case intents.NarrowContent(content_types=content):
            return "content=" + ",".join(sorted(c.value for c in content))
        case intents.SetScope(scope=scope):
            return f"scope={scope.value}"
        case intents.CreatorAsk(amount=amount, currency=currency):
            return f"ask={amount.normalize():f}{currency or ''}"
    return move.code


def _reading_key(phrase: Phrase, reading: Reading) -> str:
    if phrase.where == "thread":
        return "+".join(sorted(_move_key(m) for m in reading.moves))
    slots = reading.slots
    if reading.intent in ("status", "roadmap", "windows", "quote", "check"):
        return f"{reading.intent}:{slots.creator}"
    if reading.intent == "list":
        kind = "flagged" if slots.flagged else slots.stage or ("mine" if slots.mine else "all")
        return f"list:{kind}"
    if reading.intent == "language":
        return f"language:{slots.language}"
    return reading.intent or "none"


def _expected_key(phrase: Phrase) -> str:
    if phrase.where == "thread" and phrase.expected != "none":
        return "+".join(sorted(_expected_moves(phrase.expected)))
    return phrase.expected


def score(phrase: Phrase) -> tuple[Outcome, str]:
    """How the reader did on one line, and what it read."""
    reading = phrase.read()
    expected = _expected_key(phrase)
    if reading.confidence is Confidence.SURE:
        got = _reading_key(phrase, reading)
        return (Outcome.RIGHT if got == expected else Outcome.WRONG), got
    if reading.confidence is Confidence.UNSURE:
        offered = [_reading_key(phrase, alt) for alt in reading.alternatives]
        if expected == "none" or expected in offered:
            return Outcome.ASKED, "asked " + " | ".join(offered)
        return Outcome.MISSED, "asked " + " | ".join(offered)
    got = reading.confidence.value
    return (Outcome.RIGHT if expected == "none" else Outcome.MISSED), got
