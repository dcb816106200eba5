"""`/creator list`: compact lines, a page at a time, with buttons to page."""

from __future__ import annotations

from typing import Any

from handlers.blocks import labels
from handlers.blocks.common import (
    button,
    context_line,
    escape,
    mrkdwn_section,
    packed_sections,
    shorten,
)
from locales import Translator

PAGE_ACTION = "list_page"
PAGE_SIZE = 20


def build_list_page(
    t: Translator,
    lines: list[tuple[Any, int]],
    *,
    page: int,
    total: int,
    filter_token: str,
    filter_label: str | None,
) -> dict[str, Any]:
    """One page: a line per partnership (with its red-flag count) and Previous/Next."""
    pages = max(1, -(-total // PAGE_SIZE))
    if not lines:
        text = (
            t.gettext("No creators match {filter}.").format(filter=filter_label)
            if filter_label
            else t.gettext("No creators yet. Add one with `/creator add`.")
        )
        return {"response_type": "ephemeral", "text": text}
    rendered = [_line(t, row, flag_count) for row, flag_count in lines]
    heading = t.gettext("Creators ({total})").format(total=total)
    if filter_label:
        heading += " · " + filter_label
    blocks: list[dict[str, Any]] = [
        mrkdwn_section(f"*{heading}*"),
        *packed_sections(rendered, "lines"),
        context_line(t.gettext("Page {page} of {pages}").format(page=page, pages=pages)),
    ]
    buttons = []
    if page > 1:
        buttons.append(
            button(t.gettext("Previous"), PAGE_ACTION + "_prev", f"{filter_token}|{page - 1}")
        )
    if page < pages:
        buttons.append(
            button(t.gettext("Next"), PAGE_ACTION + "_next", f"{filter_token}|{page + 1}")
        )
    if buttons:
        blocks.append({"type": "actions", "block_id": "paging", "elements": buttons})
    return {"response_type": "ephemeral", "text": heading, "blocks": blocks}


def _line(t: Translator, row: Any, flag_count: int) -> str:
    # Names are shortened before they are escaped, so no entity is cut in half.
    parts = [f"*{escape(shorten(row.display_name, 50))}* (@{escape(row.handle)})"]
    if row.partnership_id is None:
        parts.append(t.gettext("no partnership"))
    else:
        parts.append(escape(shorten(row.brand_name or "?", 40)))
        parts.append(escape(labels.label(t, labels.STAGE, row.stage)))
        if row.owner_user_id:
            parts.append(f"<@{row.owner_user_id}>")
    line = " · ".join(parts)
    if flag_count:
        line += " · " + "🚩" * min(flag_count, 3)
    return line


def build_owner_unknown(t: Translator, name: str, candidates: list[Any]) -> dict[str, Any]:
    """`/creator list owner @name` that names nobody, or several people (each with the
    unique username that picks them)."""
    shown = escape(name[:80])
    if not candidates:
        text = t.gettext(
            "I can't find anyone called “{name}” in this workspace. "
            "Use `/creator list owner @user`."
        ).format(name=shown)
        return {"response_type": "ephemeral", "text": text}
    lines = "\n".join(
        f"• `/creator list owner @{escape(member.name)}`  ({escape(member.real_name)})"
        for member in candidates[:10]
    )
    text = t.gettext("“{name}” could be several people. Which one do you mean?").format(name=shown)
    return {"response_type": "ephemeral", "text": f"{text}\n{lines}"}
