"""The weekly digest split into messages within Slack's limits.

`build_digest_messages` turns a `domain.digest.sections.Digest` into a list of messages: the
first goes to the channel, the rest continue in its thread. Each message has at most 50 blocks
and every text at most 3,000 characters; nothing is dropped (a long list simply takes more
messages). Red flags come with a button per partnership that shows its status card.
"""

from __future__ import annotations

from typing import Any

from domain.digest.sections import Digest
from handlers.blocks.common import (
    MAX_BLOCKS_PER_MESSAGE,
    context_line,
    header,
    mrkdwn_section,
)
from handlers.blocks.digest.sections import (
    STATUS_ACTION,
    Block,
    approval_units,
    digest_summary,
    flag_units,
    kpi_units,
    milestone_units,
    renewal_units,
    stages_units,
    text_size,
    window_units,
)
from handlers.blocks.digest.words import digest_title
from locales import Translator

# Slack also refuses a message whose blocks hold more than about 12,000 characters of text in
# all (`msg_blocks_too_long`; undocumented, measured by others at ~12,000-13,200): each
# message of the digest keeps its texts, buttons included, under this.
MAX_MESSAGE_TEXT = 11_000


# -- the messages ----------------------------------------------------------------------------
def build_empty_line(t: Translator, digest: Digest) -> str:
    return "📰 " + t.ngettext(
        "{title}: a quiet week for {n} partnership. Nothing moved, nothing at risk, nothing "
        "due, and the KPIs are steady and on target.",
        "{title}: a quiet week for {n} partnerships. Nothing moved, nothing at risk, nothing "
        "due, and the KPIs are steady and on target.",
        digest.partnerships,
    ).format(title=digest_title(t, digest), n=t.number(digest.partnerships))


def build_digest_messages(
    t: Translator,
    digest: Digest,
    timezone: str,
    *,
    max_blocks: int = MAX_BLOCKS_PER_MESSAGE,
    max_text: int = MAX_MESSAGE_TEXT,
) -> list[dict[str, Any]]:
    """The digest as messages: the first for the channel, the rest for its thread. Each holds
    at most `max_blocks` blocks and `max_text` characters; none is cut short."""
    if digest.empty:
        line = build_empty_line(t, digest)
        return [{"text": line, "blocks": [mrkdwn_section(line)]}]
    title = digest_title(t, digest)
    units = [
        *stages_units(t, digest),
        *flag_units(t, digest),
        *approval_units(t, digest, timezone),
        *milestone_units(t, digest),
        *window_units(t, digest, timezone),
        *renewal_units(t, digest),
        *kpi_units(t, digest),
    ]
    first_head = [
        header("📰 " + title),
        context_line(
            t.ngettext(
                "{n} live partnership · changes since {date} · times in {zone}",
                "{n} live partnerships · changes since {date} · times in {zone}",
                digest.partnerships,
            ).format(n=t.number(digest.partnerships), date=t.date(digest.since), zone=timezone)
        ),
    ]
    # Room kept on every page for its context line (continued n/m, or "continued in the
    # thread" on the first), so that numbering the pages afterwards never overflows one.
    note_blocks, note_text = 1, 200
    pages: list[list[Block]] = [list(first_head)]
    sizes = [sum(text_size(block) for block in first_head)]
    for unit in units:
        if (
            len(pages[-1]) + len(unit.blocks) > max_blocks - note_blocks
            or sizes[-1] + unit.size > max_text - note_text
        ):
            if len(unit.blocks) > max_blocks - note_blocks or unit.size > max_text - note_text:
                raise ValueError("a digest unit is larger than a message")
            pages.append([])  # the continuation's context line is added below
            sizes.append(0)
        pages[-1].extend(unit.blocks)
        sizes[-1] += unit.size
    total = len(pages)
    messages = []
    for number, blocks in enumerate(pages, start=1):
        if number == 1:
            summary = digest_summary(t, digest)
            text = f"📰 {title}: {summary}" if summary else f"📰 {title}"
            if total > 1:
                blocks = [
                    *blocks,
                    context_line(
                        t.ngettext(
                            "Continued in the thread ({n} more message).",
                            "Continued in the thread ({n} more messages).",
                            total - 1,
                        ).format(n=total - 1)
                    ),
                ]
        else:
            text = t.gettext("{title} (continued, {n}/{total})").format(
                title=title, n=number, total=total
            )
            blocks = [context_line("📰 " + text), *blocks]
        messages.append({"text": text, "blocks": _number_buttons(blocks)})
    return messages


def _number_buttons(blocks: list[Block]) -> list[Block]:
    """Give each status button an action_id of its own within the message."""
    n = 0
    for block in blocks:
        if block.get("type") != "actions":
            continue
        for element in block["elements"]:
            if element.get("action_id", "").startswith(STATUS_ACTION):
                element["action_id"] = f"{STATUS_ACTION}_{n}"
                n += 1
    return blocks
