"""A DM or a mention read as a question for one of the front door's surfaces.

Keywords decide the surface (a typo in a longer word is forgiven); the creator comes from the
names passed in (whole name, first name, handle, or a typo of one), else from the last creator
talked about when the message points back at them ("en haar roadmap?", "and her windows?").
"""

from __future__ import annotations

import re

from domain.names import name_key
from domain.reading import terms
from domain.reading.dates import find_date
from domain.reading.text import MAX_CHARS, best_name, clean, digits, language_of, like, words
from domain.reading.types import LOST, SMALL_TALK, Confidence, Context, Reading, Slots
from domain.values import Stage

# Surface -> single keywords (typos allowed) and phrases (searched as typed, lower case).
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "help": ("help", "hulp", "helpen", "commands", "commando's", "uitleg"),
    "language": ("language", "taal", "engels", "english", "nederlands", "dutch"),
    "digest_preview": ("digest", "weekoverzicht", "weekly", "samenvatting", "summary"),
    "approvals": (
        "approvals",
        "approval",
        "goedkeuring",
        "goedkeuringen",
        "goedkeuren",
        "approve",
        "aftekenen",
        "fiat",
        "aanvragen",
        "requests",
    ),
    "roadmap": (
        "roadmap",
        "planning",
        "mijlpalen",
        "milestones",
        "milestone",
        "deadlines",
        "opleveren",
        "deliverables",
        "due",
    ),
    "windows": ("windows", "vensters", "venster", "window", "exclusiviteiten"),
    "quote": ("offerte", "quote", "quotes", "prijsopgave"),
    "check": ("vrij", "free", "beschikbaar", "available", "check", "checken"),
    "list": ("list", "lijst", "creators", "flagged", "geflagd", "vlaggen", "vlag"),
    "status": ("status", "kaart", "card", "stand"),
}
_PHRASES: dict[str, re.Pattern[str]] = {
    "help": re.compile(
        r"\b(?:wat kun je|wat kan je|what can you do|what do you do|hoe werkt|"
        r"how does (?:this|it) work)"
    ),
    "language": re.compile(
        r"\b(?:speak|talk|spreek|praat|switch to|in) (?:engels|english|nederlands|dutch)\b"
    ),
    "digest_preview": re.compile(r"\b(?:overzicht van de week|week in review|weekly update)\b"),
    "approvals": re.compile(
        r"\b(?:sign off|sign-off|wacht(?:en)?(?: er)? op mij|waiting (?:for|on) me|te tekenen|"
        r"to sign|mijn verzoeken|my requests|moet ik .{0,30}(?:goedkeuren|tekenen))\b"
    ),
    "roadmap": re.compile(r"\b(?:due this week|deze week (?:af|klaar|due)|wat moet er deze week)"),
    "check": re.compile(
        r"\b(?:mag|kan|can|may|could) \w+(?: \w+)? (?:posten|post|plaatsen)\b|\bvrij om\b"
    ),
    "quote": re.compile(r"\b(?:wat kost|what would .{0,30}cost|price for exclusivity)\b"),
    "status": re.compile(
        r"\b(?:hoe doet|hoe gaat het met|hoe staat|how is|how's|hows|how are things with|"
        r"update on|stand van zaken)\b"
    ),
    "list": re.compile(
        r"\b(?:welke creators|which creators|all creators|mijn creators|my creators|"
        r"red flags?|rode vlag\w*|(?:staat|staan|is|zijn) (?:er )?(?:op )?rood|in the red|"
        r"problemen|problems|in (?:de )?fase|in stage)\b"
    ),
}
# Pointing back at the creator talked about last.
_BACK = frozenset(
    "haar her hem him zijn his hij ze zij she he die diegene they them their hun".split()
)
_MINE = re.compile(r"\b(?:mine|my|mijn|me|mij|ik)\b")
_FLAGGED = (
    "flagged",
    "vlag",
    "vlaggen",
    "rodevlag",
    "flags",
    "flag",
    "problemen",
    "problems",
    "rood",
)
_STAGES = {stage.value: stage.value for stage in Stage} | {
    "uitgelijnd": Stage.ALIGNMENT.value,
    "afstemming": Stage.ALIGNMENT.value,
    "ambassadeur": Stage.AMBASSADOR.value,
    "groei": Stage.GROWTH.value,
    "verlengd": Stage.RENEWED.value,
    "beëindigd": Stage.ENDED.value,
    "prospects": Stage.PROSPECT.value,
}
_GREETING = re.compile(
    r"^(?:hi|hey|hoi|hallo|hello|goedemorgen|good morning|morning|dag|yo|thanks|thank you|"
    r"bedankt|dankjewel|dank je|thx|cheers|👋|👍|🙏)[\s,.!?]*(?:partnerdesk)?[\s,.!?]*$"
)
_POSTING = re.compile(r"\b(?:post|posten|posting|plaatsen|vrij|free|available|beschikbaar)\b")
# Surfaces that need a creator.
NEEDS_CREATOR = frozenset({"status", "roadmap", "quote", "check"})


def read_request(text: str, context: Context) -> Reading:
    """What a DM or mention asks for."""
    if len(text) > MAX_CHARS:
        return LOST
    line = clean(text)
    lowered = line.lower()
    if not line:
        return SMALL_TALK
    if _GREETING.match(lowered):
        return SMALL_TALK
    typed = words(lowered)
    language = language_of(typed, context.language)
    readable = digits(line, language)
    intent = _surface(lowered, typed)
    handles, said = _creators(lowered, typed, context)
    sources: dict[str, str] = {}
    if said:
        sources["creator"] = said
    elif context.last_creator and (
        intent in NEEDS_CREATOR | {"windows"} or (intent is None and _BACK & set(typed))
    ):
        handles = (context.last_creator,)
        sources["creator"] = next((w for w in typed if w in _BACK), "")
    slots = _slots(readable, typed, context, intent, handles, sources)
    if intent == "check" and slots.brand is None:
        named = _named_brand(line, context)
        if named:  # a brand we don't manage (a competitor) can be checked too
            slots = _with(slots, brand=named)
            sources["brand"] = named
    if intent is None and handles:
        intent = "status"  # a name alone asks how they are doing
    if intent in (None, "status") and slots.day and _POSTING.search(lowered):
        intent = "check"  # "mag zoe op 3 februari posten?"
    if intent is None:
        return Reading(None, Confidence.LOST, slots=slots, sources=sources)
    if intent == "roadmap" and not handles and slots.this_week:
        intent = "digest_preview"  # what is due this week, for everyone: the digest has it
    if intent in NEEDS_CREATOR | {"windows"} and not handles:
        return Reading(intent, Confidence.LOST, slots=slots, sources=sources)
    if len(handles) > 1 and intent in NEEDS_CREATOR | {"windows"}:
        alternatives = tuple(
            Reading(
                intent, Confidence.SURE, _with(slots, creator=h, creators=(h,)), sources=sources
            )
            for h in handles[:3]
        )
        return Reading(intent, Confidence.UNSURE, slots, alternatives=alternatives, sources=sources)
    return Reading(intent, Confidence.SURE, slots, sources=sources)


_EXACT = {keyword: intent for intent, keywords in _KEYWORDS.items() for keyword in keywords}
_ORDER = {intent: i for i, intent in enumerate(_KEYWORDS)}


def _surface(lowered: str, typed: list[str]) -> str | None:
    for intent, phrase in _PHRASES.items():
        if phrase.search(lowered):
            return intent
    exact = [_EXACT[word] for word in typed if word in _EXACT]
    if exact:
        return min(exact, key=_ORDER.__getitem__)
    for intent, keywords in _KEYWORDS.items():  # a typo: "roadmpa", "goedkeuringen"
        for word in typed:
            if len(word) >= 5 and any(like(word, keyword) for keyword in keywords):
                return intent
    return None


def _creators(lowered: str, typed: list[str], context: Context) -> tuple[tuple[str, ...], str]:
    """The handles the message may name, and the words that named them."""
    if not context.creators:
        return (), ""
    key = name_key(lowered)
    padded = f" {key} "
    whole = {
        handle: name
        for name, handle in context.creators.items()
        if len(name) >= 3 and f" {name} " in padded
    }
    if whole:
        longest = max(len(n) for n in whole.values())
        kept = tuple(dict.fromkeys(h for h, n in whole.items() if len(n) == longest))
        return kept, max(whole.values(), key=len)
    # A first name, a last name or a typo of one: "lisa", "jansen", "lsia".
    by_word: dict[str, set[str]] = {}
    for name, handle in context.creators.items():
        for part in name.split():
            if len(part) >= 3:
                by_word.setdefault(part, set()).add(handle)
    keyed = key.split()
    for word in keyed:
        if len(word) < 3 or word in _BACK or word in _COMMON:
            continue
        if word in by_word:
            return tuple(sorted(by_word[word])), word
    for word in keyed:
        if len(word) < 4 or word in _COMMON:
            continue
        matches = best_name(word, by_word)
        if matches:
            handles = sorted({h for m in matches[:1] for h in by_word[m]})
            return tuple(handles), word
    return (), ""


_COMMON = frozenset(
    "hoe doet het gaat met wat is de van een and the how what for voor status roadmap windows "
    "offerte quote check vrij free mag kan can post posten lijst list approvals digest help "
    "taal language weken dagen weeks days alleen only stories reels posts tiktok instagram "
    "youtube januari februari maart april mei juni juli augustus september oktober november "
    "december january february march may june july august october doing things does".split()
)


def _slots(
    readable: str,
    typed: list[str],
    context: Context,
    intent: str | None,
    handles: tuple[str, ...],
    sources: dict[str, str],
) -> Slots:
    values: dict[str, object] = {"creators": handles}
    if len(handles) == 1:
        values["creator"] = handles[0]
    brand = _brand(typed, context)
    if brand:
        values["brand"] = brand
        sources["brand"] = brand
    if intent in ("quote", "check"):
        for side, duration, said, _ in terms.windows(readable):
            values["before" if side == "before" else "after"] = duration
            if side == "both":
                values["before"] = duration
            sources["window"] = said
        platforms = frozenset(p for _, p in terms.platforms(typed))
        content = frozenset(c for _, c in terms.content_types(typed))
        if platforms:
            values["platforms"] = platforms
        if content and intent == "quote":
            values["content_types"] = content
        scope = terms.scope(readable)
        if scope:
            values["scope"] = scope[0]
    if intent in ("check", "status") or intent is None:
        found = find_date(readable, context.today)
        if found:
            values["day"], sources["day"] = found
    if intent == "list":
        values["mine"] = bool(_MINE.search(" ".join(typed)))
        values["flagged"] = any(w in _FLAGGED or w.startswith(("flag", "geflag")) for w in typed)
        stage = next((_STAGES[w] for w in typed if w in _STAGES), None)
        if stage:
            values["stage"] = stage
    if intent == "approvals":
        values["mine"] = bool(
            re.search(
                r"\b(?:my requests|mijn (?:aanvragen|verzoeken)|i asked|ik .{0,20}gevraagd)",
                " ".join(typed),
            )
        )
    if intent == "language":
        if any(w in ("english", "engels", "en") for w in typed):
            values["language"] = "en"
        elif any(w in ("dutch", "nederlands", "nl") for w in typed):
            values["language"] = "nl"
    if intent == "roadmap":
        values["this_week"] = bool(re.search(r"\b(?:this week|deze week)\b", " ".join(typed)))
    return Slots(**values)  # type: ignore[arg-type]


def _brand(typed: list[str], context: Context) -> str | None:
    if not context.brands:
        return None
    key = " " + " ".join(typed) + " "
    for name, brand in sorted(context.brands.items(), key=lambda item: -len(item[0])):
        if f" {name} " in key:
            return brand
    return None


_FOR_BRAND = re.compile(
    r"\b(?:voor|for)\s+(?P<brand>[A-Z][\w&'.-]{1,30}(?:\s[A-Z][\w&'.-]{1,30})?)"
)
_MONTH_WORDS = frozenset(
    "januari februari maart april mei juni juli augustus september oktober november december "
    "january february march may june july august october".split()
)


def _named_brand(line: str, context: Context) -> str | None:
    """A capitalised name after "voor"/"for" that is no creator and no month ("voor Nike")."""
    for match in _FOR_BRAND.finditer(line):
        brand = match["brand"]
        key = name_key(brand)
        if key in context.creators or key.split()[0] in _MONTH_WORDS:
            continue
        if any(key.split()[0] in name.split() for name in context.creators):
            continue
        return brand
    return None


def _with(slots: Slots, **changes: object) -> Slots:
    from dataclasses import replace

    return replace(slots, **changes)  # type: ignore[arg-type]
