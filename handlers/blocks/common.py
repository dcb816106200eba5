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
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": shorten(text, 150), "emoji": True},
    }


def context_line(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def button(
    text: str, action_id: str, value: str | None = None, style: str | None = None
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": shorten(text, 75), "emoji": True},
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


def ask_first(text: str, block_id: str, buttons: list[dict[str, Any]]) -> dict[str, Any]:
    """An ephemeral warning with its buttons, kept under the command that asked (Slack
    Connect channels: people of another organisation would read what is posted)."""
    return {
        "response_type": "ephemeral",
        "replace_original": False,
        "text": text,
        "blocks": [
            mrkdwn_section("⚠️ " + text),
            {"type": "actions", "block_id": block_id, "elements": buttons},
        ],
    }


def fill(template: str, **values: Any) -> str:
    """A translated sentence for mrkdwn whose every value is plain text (what people typed,
    a name, a figure): the template and each value escaped once, so a `<name>` placeholder
    in a usage line or a typed `<!channel>` reads as text."""
    return escape(template).format(**{key: escape(str(value)) for key, value in values.items()})


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, with an ellipsis where text was cut (before escaping, so
    an entity is never cut in half)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def escape_within(text: str, limit: int) -> str:
    """`text` escaped for mrkdwn in at most `limit` characters: cut with an ellipsis where
    the escaped text would not fit (cut before escaping, so no entity is cut in half; `&`
    takes five characters once escaped, so a limit on what people type is not enough)."""
    escaped = escape(text)
    if len(escaped) <= limit:
        return escaped
    kept, size = [], 0
    for char in text:
        piece = escape(char)
        if size + len(piece) > limit - 1:
            break
        kept.append(piece)
        size += len(piece)
    return "".join(kept) + "…"


def fit_lines(lines: list[str], limit: int = MAX_SECTION_TEXT) -> str:
    """Whole lines joined while they fit in `limit` characters, then "…" (lines carry markup
    and mentions, so one is never cut in the middle)."""
    kept: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > limit - 2:
            kept.append("…")
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(kept)


def cut_mrkdwn(text: str, limit: int) -> str:
    """Escaped mrkdwn cut to `limit` characters with an ellipsis, never inside an entity
    (`&amp;`) or a mention (`<@U…>`): half of one would be a bare `&` or `<`."""
    cut = text[: limit - 1]
    for opener, closer in (("&", ";"), ("<", ">")):
        start = cut.rfind(opener)
        if start != -1 and closer not in cut[start:]:
            cut = cut[:start]
    return cut + "…"


def packed_sections(
    lines: list[str], block_id: str, limit: int = MAX_SECTION_TEXT
) -> list[dict[str, Any]]:
    """Lines packed into as few mrkdwn sections as fit Slack's section limit (`block_id`,
    then `block_id_2`, ...); a single line longer than the limit is cut."""
    chunks: list[list[str]] = []
    for line in lines:
        line = line if len(line) <= limit else cut_mrkdwn(line, limit)
        if not chunks or len("\n".join([*chunks[-1], line])) > limit:
            chunks.append([])
        chunks[-1].append(line)
    return [
        mrkdwn_section("\n".join(chunk), block_id if n == 0 else f"{block_id}_{n + 1}")
        for n, chunk in enumerate(chunks)
    ]


def as_plain_text(mrkdwn: str) -> str:
    """An answer written for mrkdwn, for a place Slack shows as plain text (a modal's field
    error): the escapes undone and the code marks dropped, as the person would read it."""
    text = mrkdwn.replace("`", "")
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def escape(text: str) -> str:
    """Escape user-supplied text for mrkdwn so it cannot ping @channel or forge links."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
