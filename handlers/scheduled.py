"""What each kind of scheduled message says when it is due (the clock asks here).

A renderer gets the due reminder and a session, and returns the message to send (a dict of
chat.postMessage arguments, without `channel` when the reminder names it), or None when
there is nothing to say any more (the approval was decided, the milestone is done).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from storage.models import Reminder

Renderer = Callable[[Session, Reminder], dict[str, Any] | None]

RENDERERS: dict[str, Renderer] = {}


def renderer(kind: str) -> Callable[[Renderer], Renderer]:
    """Register the renderer of a reminder kind (used as a decorator by each surface)."""

    def register(function: Renderer) -> Renderer:
        if kind in RENDERERS:
            raise ValueError(f"two renderers for reminder kind {kind!r}")
        RENDERERS[kind] = function
        return function

    return register


def render(session: Session, reminder: Reminder) -> dict[str, Any] | None:
    """The message for a due reminder (KeyError for a kind nobody renders)."""
    return RENDERERS[reminder.kind](session, reminder)
