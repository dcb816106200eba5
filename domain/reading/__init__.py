"""The reader: a message and where it was written become a `Reading` (no Slack, no SQL).

`read(text, context)` is the one entry point: in a negotiation thread it reads moves
(`moves.read_reply`), in a DM or a mention a question for a surface (`front.read_request`).
"""

from __future__ import annotations

from domain.reading.front import NEEDS_CREATOR, read_request
from domain.reading.moves import read_reply
from domain.reading.types import (
    MOVE,
    SURFACES,
    Confidence,
    Context,
    Reading,
    Slots,
    Where,
)


def read(text: str, context: Context) -> Reading:
    """What the message asks, how sure we are, and the words behind each slot."""
    if context.where is Where.THREAD:
        return read_reply(text, context)
    return read_request(text, context)


__all__ = [
    "MOVE",
    "NEEDS_CREATOR",
    "SURFACES",
    "Confidence",
    "Context",
    "Reading",
    "Slots",
    "Where",
    "read",
]
