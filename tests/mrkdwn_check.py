"""Does any text Slack would read as mrkdwn still carry a live special sequence?

Slack reads a message's top-level `text` and every mrkdwn text object as markup: `<!channel>`
pings everyone, `<https://x|y>` shows a disguised link, and `&amp;` `&lt;` `&gt;` are the only
way to show `&`, `<`, `>` (Slack's "Formatting text": escaping). plain_text objects are shown
literally, so an escape there is visible to the person as `&amp;`.

The check is for tests that feed hostile names in: everything the app itself writes as a live
sequence (mentions of the test's users `<@U0…>`, channels `<#C0…>`, user groups `<!subteam^S0…>`)
is allowed; the hostile inputs use short ids (`U123`) that those patterns do not match.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

# The sequences the app writes on purpose; every id of the test data starts with a zero.
OWN_SEQUENCE = re.compile(r"<@U0[A-Z0-9]{6,}>|<#C0[A-Z0-9]{6,}>|<!subteam\^S0[A-Z0-9]{6,}>")
ENTITY = re.compile(r"&(amp|lt|gt);")
TWICE = re.compile(r"&amp;(amp|lt|gt);")

# Hostile pieces for names, subjects, notes and competitors: every kind of special sequence,
# mrkdwn's own marks, and ordinary text around them.
HOSTILE_PIECES = (
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U123>",
    "<#C123>",
    "<!subteam^S123>",
    "<https://x|y>",
    "<https://evil.example|click>",
    "R&D Foods",
    "&",
    "<",
    ">",
    "*bold*",
    "_it_",
    "~st~",
    "`code`",
    "Tom & Jerry",
    "Zoë",
    " ",
)


def texts(payload: Any) -> Iterator[tuple[str, str, bool]]:
    """Every (path, text, is_mrkdwn) in a message, view or block list.

    The top-level `text` of a message is mrkdwn unless the message says `mrkdwn: false`.
    """
    if isinstance(payload, dict) and isinstance(payload.get("text"), str):
        yield "text", payload["text"], payload.get("mrkdwn", True) is not False
    for key in ("blocks", "title", "submit", "close"):
        if isinstance(payload, dict) and key in payload:
            yield from _walk(payload[key], key)


def _walk(node: Any, path: str) -> Iterator[tuple[str, str, bool]]:
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, f"{path}[{index}]")
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    if kind in ("mrkdwn", "plain_text") and isinstance(node.get("text"), str):
        yield path, node["text"], kind == "mrkdwn"
        return
    if kind == "markdown" and isinstance(node.get("text"), str):
        yield path, node["text"], True
        return
    if kind == "text" and isinstance(node.get("text"), str):  # rich text: shown literally
        yield path, node["text"], False
        return
    for key, value in node.items():
        if key in ("value", "action_id", "block_id", "private_metadata", "url", "initial_value"):
            continue
        yield from _walk(value, f"{path}.{key}")


def problems(payload: Any) -> list[str]:
    """Why the payload would ping, link, or show an escape twice; [] when it is safe."""
    found = []
    for path, text, is_mrkdwn in texts(payload):
        if is_mrkdwn:
            rest = OWN_SEQUENCE.sub("", text)
            if "<" in rest or ">" in rest:
                found.append(f"{path}: a live < or > in {text!r}")
            if "&" in ENTITY.sub("", rest):
                found.append(f"{path}: an unescaped & in {text!r}")
            if TWICE.search(text):
                found.append(f"{path}: escaped twice in {text!r}")
        elif ENTITY.search(text):
            found.append(f"{path}: plain text shows an escape literally in {text!r}")
    return found


def as_read(text: str) -> str:
    """What a person reads of an escaped mrkdwn text (Slack unescapes the three entities)."""
    return ENTITY.sub(lambda m: {"amp": "&", "lt": "<", "gt": ">"}[m[1]], text)


def call_problems(calls: Iterable[Any]) -> list[str]:
    """`problems` of every recorded stand-in call (a message, an update, a respond(), a view)."""
    found = []
    for n, call in enumerate(calls):
        args = dict(call.args)
        for key in ("blocks", "view"):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        found += [f"call {n} {call.method}: {p}" for p in problems(args.get("view") or args)]
    return found


def assert_safe(payload: Any, where: str = "") -> None:
    found = problems(payload)
    assert not found, (where + ": " if where else "") + "\n".join(found)
