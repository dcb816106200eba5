"""The digest's sections as units of blocks that stay together in one message, and the one-line
summary of what the digest holds."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from domain import kpis
from domain.digest.sections import BandShare, Digest, WindowEdge
from domain.kpis import TargetStatus
from domain.values import ApprovalKind, Scope
from handlers.blocks import labels
from handlers.blocks.approvals import kind_label
from handlers.blocks.common import (
    MAX_SECTION_TEXT,
    button,
    escape,
    mrkdwn_section,
    shorten,
)
from handlers.blocks.digest.words import (
    SCOPE,
    bar,
    change_text,
    code,
    creator_at_brand,
    flag_text,
    local_time,
    signed,
    sparkline,
)
from locales import N_, Translator

STATUS_ACTION = "digest_status"  # + "_<n>": distinct within a message
MAX_BUTTONS = 25  # Slack: elements per actions block
# Room left in a section for the line that would overflow it (a safety margin under 3,000).
TEXT_LIMIT = MAX_SECTION_TEXT - 100

Block = dict[str, Any]


# -- sections ------------------------------------------------------------------------------
class Unit:
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


def chunks(lines: Iterable[str], limit: int = TEXT_LIMIT) -> list[str]:
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


def text_units(title: str, lines: Sequence[str]) -> list[Unit]:
    """A section's title and lines as one or more section blocks."""
    return [Unit([mrkdwn_section(text)]) for text in chunks([title, *lines])]


def grouped(head: str, names: Sequence[str], limit: int = TEXT_LIMIT // 2) -> list[str]:
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


def stages_units(t: Translator, digest: Digest) -> list[Unit]:
    section = digest.stages
    if section is None:
        return []
    lines = []
    for count in section.counts:
        change = ""
        if count.change:
            change = f" ({signed(t.number(abs(count.change)), Decimal(count.change))})"
        stage = escape(labels.label(t, labels.STAGE, count.stage))
        lines.append(f"• {stage}: *{t.number(count.count)}*{change}")
    lines.append(t.gettext("*Moves since {date}*").format(date=t.date(digest.since)))
    groups: dict[tuple, list[str]] = {}
    for move in section.moves:
        groups.setdefault((move.from_stage, move.to_stage), []).append(
            creator_at_brand(move.creator_name, move.brand_name)
        )
    for (from_stage, to_stage), names in groups.items():
        to_label = escape(labels.label(t, labels.STAGE, to_stage))
        if from_stage is None:
            head = "✨ " + t.gettext("New, {stage}").format(stage=to_label)
        else:
            head = "➡️ " + t.gettext("{from_stage} → {to_stage}").format(
                from_stage=escape(labels.label(t, labels.STAGE, from_stage)), to_stage=to_label
            )
        lines += grouped(f"{head} ({t.number(len(names))})", names)
    title = "🔀 " + t.gettext("*Partnerships per stage*")
    return text_units(title, lines)


def flag_units(t: Translator, digest: Digest) -> list[Unit]:
    """Flagged partnerships, newest first: a text of up to 25 and a status button for each."""
    if not digest.flags:
        return []
    title = "🚩 " + t.ngettext(
        "*Red flags* · {n} partnership", "*Red flags* · {n} partnerships", len(digest.flags)
    ).format(n=t.number(len(digest.flags)))
    units: list[Unit] = []
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
            Unit(
                [mrkdwn_section(text), {"type": "actions", "elements": buttons}],
                buttons=len(buttons),
            )
        )
        group, size = [], 0

    for flagged in digest.flags:
        reasons = "; ".join(flag_text(t, flag) for flag in flagged.flags)
        line = f"• {creator_at_brand(flagged.creator_name, flagged.brand_name)}: {reasons}"
        line = line if len(line) <= TEXT_LIMIT // 2 else line[: TEXT_LIMIT // 2 - 1] + "…"
        if len(group) == MAX_BUTTONS or size + len(line) + 1 > TEXT_LIMIT:
            close()
        group.append((line, flagged))
        size += len(line) + 1
    close()
    return units


def approval_units(t: Translator, digest: Digest, timezone: str) -> list[Unit]:
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
            kind_label(t, item.kind)
            if item.kind in ApprovalKind._value2member_map_
            else escape(item.kind)
        )
        waiting = ", ".join(f"<@{u}>" for u in item.waiting_on) or "–"
        who = t.gettext("{requester} waits on {waiting}").format(
            requester=f"<@{item.requester}>", waiting=waiting
        )
        when = t.datetime(local_time(item.due_at, timezone))
        due = (
            t.gettext("overdue since {when}").format(when=when)
            if item.overdue
            else t.gettext("due {when}").format(when=when)
        )
        parts = [f"*{kind}*: {subject}"]
        if item.creator_name:
            parts.append(creator_at_brand(item.creator_name, item.brand_name or "?"))
        parts += [who, due]
        lines.append(("⏰ " if item.overdue else "⏳ ") + " · ".join(parts))
    return text_units(title, lines)


def milestone_units(t: Translator, digest: Digest) -> list[Unit]:
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
                creator_at_brand(item.creator_name, item.brand_name)
            )
        for (milestone, due_on), names in groups.items():
            head = icon + t.gettext("{milestone}, due {date}").format(
                milestone=name(milestone), date=t.date(due_on)
            )
            lines += grouped(f"{head} ({t.number(len(names))})", names)
    return text_units("🗺️ " + t.gettext("*Roadmap milestones*"), lines)


def window_units(t: Translator, digest: Digest, timezone: str) -> list[Unit]:
    if not digest.windows:
        return []
    lines = []
    for item in digest.windows:
        scope = t.gettext(SCOPE[item.scope])
        if item.scope is Scope.COMPETITORS and item.competitors:
            scope += " (" + escape(", ".join(item.competitors)) + ")"
        when = t.datetime(local_time(item.at, timezone))
        template = (
            t.gettext("{who}: {scope} starts {when}")
            if item.edge is WindowEdge.STARTS
            else t.gettext("{who}: {scope} ends {when}")
        )
        icon = "▶️ " if item.edge is WindowEdge.STARTS else "⏹️ "
        lines.append(
            icon
            + template.format(
                who=creator_at_brand(item.creator_name, item.brand_name), scope=scope, when=when
            )
        )
    title = "🔒 " + t.gettext("*Exclusivity windows starting or ending in the next 14 days*")
    return text_units(title, lines)


def renewal_units(t: Translator, digest: Digest) -> list[Unit]:
    if not digest.renewals:
        return []
    lines = []
    for item in digest.renewals:
        who = creator_at_brand(item.creator_name, item.brand_name)
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
    return text_units(title, lines)


def _verdict(t: Translator, status: TargetStatus, met: str, missed: str) -> str:
    return ("✅ " + t.gettext(met)) if status is TargetStatus.MET else ("⚠️ " + t.gettext(missed))


def _band_line(t: Translator, name: str, band: BandShare) -> str:
    share = t.percent(band.share / 100, digits=1)
    change = change_text(
        t, band.change, lambda v: t.gettext("{value} pp").format(value=t.number(v))
    )
    outside = t.gettext("{below} below · {above} above · {n} counted").format(
        below=t.number(band.below), above=t.number(band.above), n=t.number(band.counted)
    )
    icon = "✅" if band.below == band.above == 0 else "⚠️"
    return f"{icon} {name} {code(bar(band.share))} *{share}* ({change}) · {outside}"


def kpi_units(t: Translator, digest: Digest) -> list[Unit]:
    section = digest.kpis
    if section is None:
        return []
    lines = []
    if section.cpae is not None:
        cpae = section.cpae
        change = change_text(t, cpae.change, lambda v: t.money(v))
        verdict = _verdict(
            t, cpae.status, N_("at or under the €0.84 benchmark"), N_("above the €0.84 benchmark")
        )
        lines.append(
            t.gettext("CPAE {spark} *{value}* ({change}) · {verdict}").format(
                spark=code(sparkline(cpae.series)),
                value=t.money(cpae.value),
                change=change,
                verdict=verdict,
            )
        )
    for brand in section.nps:
        change = change_text(t, brand.change, lambda v: t.number(v))
        verdict = _verdict(t, brand.status, N_("above 40"), N_("target: above 40"))
        lines.append(
            t.ngettext(
                "Creator NPS {brand} {spark} *{score}* ({change}) · {verdict} · {n} creator",
                "Creator NPS {brand} {spark} *{score}* ({change}) · {verdict} · {n} creators",
                brand.respondents,
            ).format(
                brand=escape(brand.brand_name),
                spark=code(sparkline(brand.series)),
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
    return text_units(title, lines)


def digest_summary(t: Translator, digest: Digest) -> str:
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
