"""Putting it together: the one move a whole reply makes, or none."""

from __future__ import annotations

import re
from collections.abc import Iterable

from domain.intents.moves import MAX_INPUT_CHARS, Builder, Intent
from domain.intents.replies import REPLIES
from domain.intents.terms import MAAK_ER_VAN, PROPOSAL_PREFIX, PROPOSALS
from domain.intents.text import normalise


def _proposal_texts(text: str) -> list[str]:
    """The reply and, when it is wrapped in "make it ..." / "maak er ... van", its core."""
    texts = [text]
    for wrapper in (PROPOSAL_PREFIX, MAAK_ER_VAN):
        match = wrapper.fullmatch(text)
        if match:
            texts.append(match["rest"])
    return texts


def _first(forms: Iterable[tuple[re.Pattern[str], Builder]], texts: Iterable[str]) -> Intent | None:
    for text in texts:
        for pattern, build in forms:
            match = pattern.fullmatch(text)
            if match and (intent := build(match)) is not None:
                return intent
    return None


def parse_intent(text: str) -> Intent | None:
    """The negotiation move a thread reply makes, or None when it makes none we understand."""
    if len(text) > MAX_INPUT_CHARS:
        return None
    normalised = normalise(text)
    # A question is not a move ("what about 2 weeks?"): the bot answers it, it does not act.
    if not normalised or "?" in normalised:
        return None
    return _first(REPLIES, [normalised]) or _first(PROPOSALS, _proposal_texts(normalised))
