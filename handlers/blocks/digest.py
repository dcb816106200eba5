"""The weekly digest in words and small pictures, split into messages within Slack's limits.

`build_digest_messages` turns a `domain.digest.Digest` into a list of messages: the first goes
to the channel, the rest continue in its thread. Each message has at most 50 blocks and every
text at most 3,000 characters; nothing is dropped (a long list simply takes more messages).
Red flags come with a button per partnership that shows its status card.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from domain import kpis
from domain.digest.sections import BandShare, Digest, WindowEdge
from domain.digest.subscription import GrammarError
from domain.flags import RedFlag
from domain.kpis import TargetStatus
from domain.values import ApprovalKind, Scope
from handlers.blocks import labels
from handlers.blocks.common import (
    MAX_BLOCKS_PER_MESSAGE,
    MAX_SECTION_TEXT,
    button,
    context_line,
    ephemeral,
    escape,
    header,
    mrkdwn_section,
    shorten,
)
from locales import N_, Translator

STATUS_ACTION = "digest_status"  # + "_<n>": distinct within a message
CONFIRM_ACTION = "digest_subscribe_confirmed"
CANCEL_ACTION = "digest_subscribe_cancel"
MAX_BUTTONS = 25  # Slack: elements per actions block
SPARK = "▁▂▃▄▅▆▇█"
SPARK_MISSING = "·"
BAR_CELLS = 10
BAR_FULL, BAR_EMPTY = "█", "░"
# Room left in a section for the line that would overflow it (a safety margin under 3,000).
TEXT_LIMIT = MAX_SECTION_TEXT - 100
# Slack also refuses a message whose blocks hold more than about 12,000 characters of text in
# all (`msg_blocks_too_long`; undocumented, measured by others at ~12,000-13,200): each
# message of the digest keeps its texts, buttons included, under this.
MAX_MESSAGE_TEXT = 11_000

WEEKDAY = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
LANGUAGE = {"nl": N_("Dutch"), "en": N_("English")}
SCOPE = {
    Scope.FULL: N_("full exclusivity"),
    Scope.CATEGORY: N_("category exclusivity"),
    Scope.COMPETITORS: N_("exclusivity from competitors"),
}
APPROVAL_KIND = {
    ApprovalKind.BRIEF: N_("Brief"),
    ApprovalKind.CONTENT: N_("Content"),
    ApprovalKind.CONTRACT: N_("Contract"),
    ApprovalKind.EXCLUSIVITY: N_("Exclusivity"),
    ApprovalKind.PAYMENT: N_("Payment"),
    ApprovalKind.BUDGET: N_("Budget"),
}

Block = dict[str, Any]


# -- small pictures ----------------------------------------------------------------------------
def sparkline(values: Sequence[Decimal | None]) -> str:
    """`▁▃▅▇`: each value's height between the series' lowest and highest (· for no value)."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    top = len(SPARK) - 1
    chars = []
    for value in values:
        if value is None:
            chars.append(SPARK_MISSING)
        elif high == low:
            chars.append(SPARK[top // 2])
        else:
            chars.append(SPARK[round((value - low) / (high - low) * top)])
    return "".join(chars)


def bar(percent: Decimal, cells: int = BAR_CELLS) -> str:
    """`██████░░░░` for 60 %: one cell per tenth, rounded half-up."""
    filled = int((max(Decimal(0), min(Decimal(100), percent)) * cells / 100).to_integral_value())
    if filled == 0 and percent > 0:
        filled = 1  # a sliver is not nothing
    return BAR_FULL * filled + BAR_EMPTY * (cells - filled)


def _signed(text: str, change: Decimal) -> str:
    return ("+" if change > 0 else "−") + text


def _change_text(t: Translator, change: Decimal | None, formatted: Callable[[Decimal], str]) -> str:
    if change is None:
        return t.gettext("new this week")
    if change == 0:
        return t.gettext("unchanged since last week")
    return t.gettext("{change} since last week").format(
        change=_signed(formatted(abs(change)), change)
    )


def _code(text: str) -> str:
    return f"`{text}`" if text else ""


# -- words ---------------------------------------------------------------------------------
def weekday_name(t: Translator, weekday: int) -> str:
    return t.gettext(WEEKDAY[weekday])


def language_name(t: Translator, locale: str) -> str:
    return t.gettext(LANGUAGE[locale])


def _local(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def _who(name: str, brand: str) -> str:
    return f"*{escape(name)}* · {escape(brand)}"


def _title(t: Translator, digest: Digest) -> str:
    return t.gettext("Weekly digest · {date}").format(date=t.date(digest.today))


def _flag_text(t: Translator, flag: RedFlag) -> str:
    days = flag.data.get("payment_terms_days", flag.data.get("days_since", ""))
    return t.gettext(labels.FLAG[flag.kind]).format(days=days)


# -- sections ------------------------------------------------------------------------------
class _Unit:
    """Blocks that stay together in one message (a text and the buttons under it)."""

    def __init__(self, blocks: list[Block], buttons: int = 0) -> None:
        self.blocks = blocks
        self.buttons = buttons
        self.size = sum(text_size(block) for block in blocks)


def text_size(node: Any) -> int:
    """The characters of text in a block (or message): what Slack's total limit counts."""
    if isinstance(node, dict):
        return sum(
            len(value) if key == "text" and isinstance(value, str) else text_size(value)
            for key, value in node.items()
        )
    if isinstance(node, list):
        return sum(text_size(item) for item in node)
    return 0


def _chunks(lines: Iterable[str], limit: int = TEXT_LIMIT) -> list[str]:
    """Lines joined into texts of at most `limit` characters, never splitting a line."""
    texts: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        line = line if len(line) <= limit else line[: limit - 1] + "…"
        if current and size + 1 + len(line) > limit:
            texts.append("\n".join(current))
            current, size = [], 0
        current.append(line)
        size += len(line) + (1 if size else 0)
    if current:
        texts.append("\n".join(current))
    return texts


def _text_units(title: str, lines: Sequence[str]) -> list[_Unit]:
    """A section's title and lines as one or more section blocks."""
    return [_Unit([mrkdwn_section(text)]) for text in _chunks([title, *lines])]


def _grouped(head: str, names: Sequence[str], limit: int = TEXT_LIMIT // 2) -> list[str]:
    """`head: name, name, …` over as many lines as it takes (a name is never cut)."""
    lines: list[str] = []
    current = head + ": "
    for n, name in enumerate(names):
        piece = name + (", " if n < len(names) - 1 else "")
        if len(current) + len(piece) > limit and current.strip():
            lines.append(current.rstrip())
            current = "    "
        current += piece
    lines.append(current.rstrip())
    return lines


def _stages_units(t: Translator, digest: Digest) -> list[_Unit]:
    section = digest.stages
    if section is None:
        return []
    lines = []
    for count in section.counts:
        change = ""
        if count.change:
            change = f" ({_signed(t.number(abs(count.change)), Decimal(count.change))})"
        stage = escape(labels.label(t, labels.STAGE, count.stage))
        lines.append(f"• {stage}: *{t.number(count.count)}*{change}")
    lines.append(t.gettext("*Moves since {date}*").format(date=t.date(digest.since)))
    groups: dict[tuple, list[str]] = {}
    for move in section.moves:
        groups.setdefault((move.from_stage, move.to_stage), []).append(
            _who(move.creator_name, move.brand_name)
        )
    for (from_stage, to_stage), names in groups.items():
        to_label = escape(labels.label(t, labels.STAGE, to_stage))
        if from_stage is None:
            head = "✨ " + t.gettext("New, {stage}").format(stage=to_label)
        else:
            head = "➡️ " + t.gettext("{from_stage} → {to_stage}").format(
                from_stage=escape(labels.label(t, labels.STAGE, from_stage)), to_stage=to_label
            )
        lines += _grouped(f"{head} ({t.number(len(names))})", names)
    title = "🔀 " + t.gettext("*Partnerships per stage*")
    return _text_units(title, lines)


def _flag_units(t: Translator, digest: Digest) -> list[_Unit]:
    """Flagged partnerships, newest first: a text of up to 25 and a status button for each."""
    if not digest.flags:
        return []
    title = "🚩 " + t.ngettext(
        "*Red flags* · {n} partnership", "*Red flags* · {n} partnerships", len(digest.flags)
    ).format(n=t.number(len(digest.flags)))
    units: list[_Unit] = []
    group: list[tuple[str, Any]] = []
    size = len(title)

    def close() -> None:
        nonlocal group, size
        if not group:
            return
        text = "\n".join(line for line, _ in group)
        if not units:
            text = title + "\n" + text
        buttons = [
            # A button's text is plain text: Slack shows it as is, so it is not escaped.
            button(shorten(f.creator_name, 75) or "?", STATUS_ACTION, str(f.partnership_id))
            for _, f in group
        ]
        units.append(
            _Unit(
                [mrkdwn_section(text), {"type": "actions", "elements": buttons}],
                buttons=len(buttons),
            )
        )
        group, size = [], 0

    for flagged in digest.flags:
        reasons = "; ".join(_flag_text(t, flag) for flag in flagged.flags)
        line = f"• {_who(flagged.creator_name, flagged.brand_name)}: {reasons}"
        line = line if len(line) <= TEXT_LIMIT // 2 else line[: TEXT_LIMIT // 2 - 1] + "…"
        if len(group) == MAX_BUTTONS or size + len(line) + 1 > TEXT_LIMIT:
            close()
        group.append((line, flagged))
        size += len(line) + 1
    close()
    return units


def _approval_units(t: Translator, digest: Digest, timezone: str) -> list[_Unit]:
    section = digest.approvals
    if section is None:
        return []
    title = "🗳️ " + t.ngettext(
        "*Approvals waiting* · {n} pending, {overdue} overdue",
        "*Approvals waiting* · {n} pending, {overdue} overdue",
        len(section.items),
    ).format(n=t.number(len(section.items)), overdue=t.number(section.overdue))
    lines = []
    for item in section.items:
        subject = " ".join(item.subject.split())
        subject = "“" + escape(subject[:120] + ("…" if len(subject) > 120 else "")) + "”"
        kind = (
            t.gettext(APPROVAL_KIND[ApprovalKind(item.kind)])
            if item.kind in ApprovalKind._value2member_map_
            else escape(item.kind)
        )
        waiting = ", ".join(f"<@{u}>" for u in item.waiting_on) or "–"
        who = t.gettext("{requester} waits on {waiting}").format(
            requester=f"<@{item.requester}>", waiting=waiting
        )
        when = t.datetime(_local(item.due_at, timezone))
        due = (
            t.gettext("overdue since {when}").format(when=when)
            if item.overdue
            else t.gettext("due {when}").format(when=when)
        )
        parts = [f"*{kind}*: {subject}"]
        if item.creator_name:
            parts.append(_who(item.creator_name, item.brand_name or "?"))
        parts += [who, due]
        lines.append(("⏰ " if item.overdue else "⏳ ") + " · ".join(parts))
    return _text_units(title, lines)


def _milestone_units(t: Translator, digest: Digest) -> list[_Unit]:
    """Open milestones, by milestone and due date: overdue ones, then this week's."""
    section = digest.milestones
    if section is None:
        return []

    def name(milestone: str) -> str:
        code = labels.MILESTONE.get(milestone)  # type: ignore[call-overload]
        return t.gettext(code) if code else escape(milestone)

    lines = []
    for title, icon, items in (
        (t.gettext("*Overdue*"), "⚠️ ", section.overdue),
        (t.gettext("*Due this week*"), "📌 ", section.due),
    ):
        if not items:
            continue
        lines.append(title)
        groups: dict[tuple, list[str]] = {}
        for item in items:
            groups.setdefault((item.milestone, item.due_on), []).append(
                _who(item.creator_name, item.brand_name)
            )
        for (milestone, due_on), names in groups.items():
            head = icon + t.gettext("{milestone}, due {date}").format(
                milestone=name(milestone), date=t.date(due_on)
            )
            lines += _grouped(f"{head} ({t.number(len(names))})", names)
    return _text_units("🗺️ " + t.gettext("*Roadmap milestones*"), lines)


def _window_units(t: Translator, digest: Digest, timezone: str) -> list[_Unit]:
    if not digest.windows:
        return []
    lines = []
    for item in digest.windows:
        scope = t.gettext(SCOPE[item.scope])
        if item.scope is Scope.COMPETITORS and item.competitors:
            scope += " (" + escape(", ".join(item.competitors)) + ")"
        when = t.datetime(_local(item.at, timezone))
        template = (
            t.gettext("{who}: {scope} starts {when}")
            if item.edge is WindowEdge.STARTS
            else t.gettext("{who}: {scope} ends {when}")
        )
        icon = "▶️ " if item.edge is WindowEdge.STARTS else "⏹️ "
        lines.append(
            icon
            + template.format(who=_who(item.creator_name, item.brand_name), scope=scope, when=when)
        )
    title = "🔒 " + t.gettext("*Exclusivity windows starting or ending in the next 14 days*")
    return _text_units(title, lines)


def _renewal_units(t: Translator, digest: Digest) -> list[_Unit]:
    if not digest.renewals:
        return []
    lines = []
    for item in digest.renewals:
        who = _who(item.creator_name, item.brand_name)
        if item.days_left < 0:
            text = t.ngettext(
                "{who}: ended on {date}, {n} day ago, with no decision",
                "{who}: ended on {date}, {n} days ago, with no decision",
                -item.days_left,
            ).format(who=who, date=t.date(item.end_date), n=-item.days_left)
        else:
            text = t.ngettext(
                "{who}: ends on {date}, in {n} day",
                "{who}: ends on {date}, in {n} days",
                item.days_left,
            ).format(who=who, date=t.date(item.end_date), n=item.days_left)
        lines.append("⏳ " + text)
    title = "🔁 " + t.gettext("*Renewals: contracts ending within 30 days with no decision*")
    return _text_units(title, lines)


def _verdict(t: Translator, status: TargetStatus, met: str, missed: str) -> str:
    return ("✅ " + t.gettext(met)) if status is TargetStatus.MET else ("⚠️ " + t.gettext(missed))


def _band_line(t: Translator, name: str, band: BandShare) -> str:
    share = t.percent(band.share / 100, digits=1)
    change = _change_text(
        t, band.change, lambda v: t.gettext("{value} pp").format(value=t.number(v))
    )
    outside = t.gettext("{below} below · {above} above · {n} counted").format(
        below=t.number(band.below), above=t.number(band.above), n=t.number(band.counted)
    )
    icon = "✅" if band.below == band.above == 0 else "⚠️"
    return f"{icon} {name} {_code(bar(band.share))} *{share}* ({change}) · {outside}"


def _kpi_units(t: Translator, digest: Digest) -> list[_Unit]:
    section = digest.kpis
    if section is None:
        return []
    lines = []
    if section.cpae is not None:
        cpae = section.cpae
        change = _change_text(t, cpae.change, lambda v: t.money(v))
        verdict = _verdict(
            t, cpae.status, N_("at or under the €0.84 benchmark"), N_("above the €0.84 benchmark")
        )
        lines.append(
            t.gettext("CPAE {spark} *{value}* ({change}) · {verdict}").format(
                spark=_code(sparkline(cpae.series)),
                value=t.money(cpae.value),
                change=change,
                verdict=verdict,
            )
        )
    for brand in section.nps:
        change = _change_text(t, brand.change, lambda v: t.number(v))
        verdict = _verdict(t, brand.status, N_("above 40"), N_("target: above 40"))
        lines.append(
            t.ngettext(
                "Creator NPS {brand} {spark} *{score}* ({change}) · {verdict} · {n} creator",
                "Creator NPS {brand} {spark} *{score}* ({change}) · {verdict} · {n} creators",
                brand.respondents,
            ).format(
                brand=escape(brand.brand_name),
                spark=_code(sparkline(brand.series)),
                score=t.number(brand.score),
                change=change,
                verdict=verdict,
                n=t.number(brand.respondents),
            )
        )
    if section.fees is not None:
        low, high = kpis.FEE_BAND_PER_QUARTER
        name = t.gettext("Fees within {low}–{high} per quarter").format(
            low=t.money(low, whole=True), high=t.money(high, whole=True)
        )
        lines.append(_band_line(t, name, section.fees))
    if section.premium is not None:
        low, high = kpis.PREMIUM_BAND_PERCENT
        name = t.gettext("Premium within {low}–{high}").format(
            low=t.number(low), high=t.percent(high / 100)
        )
        lines.append(_band_line(t, name, section.premium))
    title = "📊 " + t.gettext("*KPIs against the targets*")
    return _text_units(title, lines)


def _summary(t: Translator, digest: Digest) -> str:
    """The first message's notification text: what the digest has, in numbers."""
    parts = []
    if digest.stages:
        parts.append(
            t.ngettext("{n} move", "{n} moves", len(digest.stages.moves)).format(
                n=t.number(len(digest.stages.moves))
            )
        )
    if digest.flags:
        parts.append(
            t.ngettext("{n} red-flagged", "{n} red-flagged", len(digest.flags)).format(
                n=t.number(len(digest.flags))
            )
        )
    if digest.approvals:
        n = len(digest.approvals.items)
        parts.append(
            t.ngettext("{n} approval waiting", "{n} approvals waiting", n).format(n=t.number(n))
        )
    if digest.milestones:
        n = len(digest.milestones.overdue) + len(digest.milestones.due)
        parts.append(t.ngettext("{n} milestone", "{n} milestones", n).format(n=t.number(n)))
    if digest.windows:
        n = len(digest.windows)
        parts.append(t.ngettext("{n} window change", "{n} window changes", n).format(n=t.number(n)))
    if digest.renewals:
        n = len(digest.renewals)
        parts.append(t.ngettext("{n} renewal", "{n} renewals", n).format(n=t.number(n)))
    if digest.kpis:
        parts.append(t.gettext("KPIs"))
    return ", ".join(parts)


# -- the messages ----------------------------------------------------------------------------
def build_empty_line(t: Translator, digest: Digest) -> str:
    return "📰 " + t.ngettext(
        "{title}: a quiet week for {n} partnership. Nothing moved, nothing at risk, nothing "
        "due, and the KPIs are steady and on target.",
        "{title}: a quiet week for {n} partnerships. Nothing moved, nothing at risk, nothing "
        "due, and the KPIs are steady and on target.",
        digest.partnerships,
    ).format(title=_title(t, digest), n=t.number(digest.partnerships))


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
    title = _title(t, digest)
    units = [
        *_stages_units(t, digest),
        *_flag_units(t, digest),
        *_approval_units(t, digest, timezone),
        *_milestone_units(t, digest),
        *_window_units(t, digest, timezone),
        *_renewal_units(t, digest),
        *_kpi_units(t, digest),
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
            summary = _summary(t, digest)
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


# -- subscribing ----------------------------------------------------------------------------
def schedule_text(t: Translator, weekday: int, at: time, locale: str, timezone: str) -> str:
    return t.gettext("every {weekday} at {time} ({zone}), in {language}").format(
        weekday=weekday_name(t, weekday),
        time=f"{at.hour:02d}:{at.minute:02d}",
        zone=timezone,
        language=language_name(t, locale),
    )


def build_subscribed(
    t: Translator,
    channel_id: str,
    weekday: int,
    at: time,
    locale: str,
    timezone: str,
    next_at: datetime | None,
    *,
    changed: bool,
) -> dict[str, Any]:
    when = schedule_text(t, weekday, at, locale, timezone)
    text = (
        t.gettext("📰 Changed: <#{channel}> gets the weekly digest {when}.")
        if changed
        else t.gettext("📰 Subscribed: <#{channel}> gets the weekly digest {when}.")
    ).format(channel=channel_id, when=when)
    if next_at is not None:
        text += " " + t.gettext("The next one: {when}.").format(
            when=t.datetime(_local(next_at, timezone))
        )
    text += " " + t.gettext("See it now with `/creator digest preview`.")
    return ephemeral(text)


def build_current(
    t: Translator,
    channel_id: str,
    subscription: tuple[int, time, str] | None,
    timezone: str,
    next_at: datetime | None,
) -> dict[str, Any]:
    """`/creator digest`: this channel's subscription, and how to change it."""
    if subscription is None:
        text = t.gettext(
            "<#{channel}> gets no weekly digest. Subscribe with "
            "`/creator digest subscribe [#channel] [weekday] [HH:MM] [nl|en]` "
            "(Monday 09:00 and your language unless you say otherwise)."
        ).format(channel=channel_id)
        return ephemeral(text)
    weekday, at, locale = subscription
    text = t.gettext("📰 <#{channel}> gets the weekly digest {when}.").format(
        channel=channel_id, when=schedule_text(t, weekday, at, locale, timezone)
    )
    if next_at is not None:
        text += " " + t.gettext("The next one: {when}.").format(
            when=t.datetime(_local(next_at, timezone))
        )
    text += " " + t.gettext(
        "`/creator digest preview` shows it now; `/creator digest unsubscribe` stops it."
    )
    return ephemeral(text)


def build_unsubscribed(t: Translator, channel_id: str, was_subscribed: bool) -> dict[str, Any]:
    if was_subscribed:
        return ephemeral(
            t.gettext("Unsubscribed: <#{channel}> gets no more weekly digests.").format(
                channel=channel_id
            )
        )
    return ephemeral(
        t.gettext("<#{channel}> was not subscribed to the weekly digest.").format(
            channel=channel_id
        )
    )


def build_usage(t: Translator, error: GrammarError | None = None) -> dict[str, Any]:
    lines = []
    if error is not None:
        word = escape(error.word[:50].replace("`", "'"))
        lines.append(
            t.gettext("I don't understand `{word}`.").format(word=word)
            if error.code == "unknown_word"
            else t.gettext("`{word}` says something a second time.").format(word=word)
        )
    lines += [
        t.gettext("The weekly digest: what changed, what is at risk, what is due."),
        "`/creator digest subscribe [#channel] [weekday] [HH:MM] [nl|en]`  "
        + t.gettext("Subscribe a channel (this one, Monday 09:00, your language by default)."),
        "`/creator digest unsubscribe [#channel]`  " + t.gettext("Stop a channel's digest."),
        "`/creator digest preview`  " + t.gettext("The digest as it would be now, only for you."),
        "`/creator digest`  " + t.gettext("This channel's subscription."),
    ]
    text = "\n".join(lines)
    return ephemeral(lines[0], [mrkdwn_section(text)])


def build_connect_confirmation(
    t: Translator, channel_id: str, value: str, when: str
) -> dict[str, Any]:
    """Subscribing a Slack Connect channel: people of another organisation read it. Ask."""
    text = t.gettext(
        "<#{channel}> is shared with another organisation (Slack Connect): everyone in it, "
        "the creator or their agency included, would read the digest, fees and red flags "
        "included. Subscribe it anyway ({when})?"
    ).format(channel=channel_id, when=when)
    return {
        "response_type": "ephemeral",
        "replace_original": False,
        "text": text,
        "blocks": [
            mrkdwn_section("⚠️ " + text),
            {
                "type": "actions",
                "block_id": "digest_connect",
                "elements": [
                    button(t.gettext("Subscribe anyway"), CONFIRM_ACTION, value, style="danger"),
                    button(t.gettext("Cancel"), CANCEL_ACTION, value),
                ],
            },
        ],
    }


def build_not_subscribed_after_all(t: Translator, channel_id: str) -> dict[str, Any]:
    return ephemeral(
        t.gettext("Not subscribed: <#{channel}> gets no weekly digest.").format(channel=channel_id)
    )


def build_not_member(t: Translator, channel_id: str) -> dict[str, Any]:
    return ephemeral(
        t.gettext(
            "I'm not in <#{channel}> yet, so I can't post the digest there. Invite me with "
            "`/invite @Partnerdesk` and subscribe again."
        ).format(channel=channel_id)
    )


def build_channel_unknown(t: Translator, name: str) -> dict[str, Any]:
    return ephemeral(
        t.gettext(
            "I can't find a channel called #{name} that I can see. Pick it from Slack's list "
            "as you type, or run the command in that channel."
        ).format(name=escape(name[:80]))
    )


def build_preview_note(t: Translator) -> str:
    return t.gettext("Preview, only for you: this is the digest as it would be now.")
