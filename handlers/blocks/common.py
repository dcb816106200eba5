"""Small pieces shared by the builders."""

from __future__ import annotations

from typing import Any

# Slack's limits that builders respect (documented in Slack's Block Kit reference).
MAX_SECTION_TEXT = 3000
MAX_BLOCKS_PER_MESSAGE = 50


def mrkdwn_section(text: str, block_id: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "section", "text": {"type": "mrkdwn", "text": text}}
    if block_id:
        block["block_id"] = block_id
    return block


def header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": text[:150], "emoji": True}}


def context_line(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def button(
    text: str, action_id: str, value: str | None = None, style: str | None = None
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": text[:75], "emoji": True},
        "action_id": action_id,
    }
    if value is not None:
        element["value"] = value
    if style:
        element["style"] = style
    return element


def ephemeral(text: str, blocks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A reply only the user sees; `text` is the notification and screen-reader fallback."""
    message: dict[str, Any] = {"response_type": "ephemeral", "text": text}
    if blocks:
        message["blocks"] = blocks
    return message


def fill(template: str, **values: Any) -> str:
    """A translated sentence for mrkdwn whose every value is plain text (what people typed,
    a name, a figure): the template and each value escaped once, so a `<name>` placeholder
    in a usage line or a typed `<!channel>` reads as text."""
    return escape(template).format(**{key: escape(str(value)) for key, value in values.items()})


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, with an ellipsis where text was cut (before escaping, so
    an entity is never cut in half)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def escape(text: str) -> str:
    """Escape user-supplied text for mrkdwn so it cannot ping @channel or forge links."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
