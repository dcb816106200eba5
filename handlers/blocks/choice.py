"""Several creators match a name: the candidates as buttons (status, roadmap, ...)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from handlers.blocks.common import button, escape, mrkdwn_section
from locales import Translator


def build_creator_choice(
    t: Translator,
    query: str,
    candidates: list[tuple[int, str, str]],
    action: str,
    value_of: Callable[[int], str],
) -> dict[str, Any]:
    """Several creators match `query`: a button per (id, name, handle), `{action}_{n}` with
    the value `value_of(id)`."""
    text = t.gettext("Several creators match “{name}”. Which one?").format(name=escape(query[:80]))
    elements = [
        # action_ids must be unique within a message: one per candidate.
        button(f"{name} (@{handle})", f"{action}_{n}", value_of(creator_id))
        for n, (creator_id, name, handle) in enumerate(candidates)
    ]
    return {
        "response_type": "ephemeral",
        "text": text,
        "blocks": [
            mrkdwn_section(text),
            {"type": "actions", "block_id": "candidates", "elements": elements},
        ],
    }
