"""The status card: one partnership on one card."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.kpi_trends import Direction, Trend
from domain.kpis import FEE_BAND_PER_QUARTER, TARGET_CURRENCY, DerivedKPI, TargetStatus
from domain.status import KPI_ORDER, CardApproval, CardRoadmap, CardWindow, StatusCard
from domain.status import PartnershipStatus as PartnershipStatus
from domain.values import KPIKind
from handlers.blocks import labels
from handlers.blocks.approvals import MAX_LISTED, pending_text
from handlers.blocks.choice import build_creator_choice
from handlers.blocks.common import (
    ask_first,
    button,
    context_line,
    escape,
    fit_lines,
    header,
    mrkdwn_section,
)
from handlers.blocks.exclusivity import terms_text
from handlers.blocks.roadmap import RoadmapSubject, progress_line
from locales import Translator

SHARE_ACTION = "status_share"
SHARE_CONFIRMED_ACTION = "status_share_confirmed"
KPI_CHART_ACTION = "status_kpi_chart"  # the creator's KPI trend as an image, by DM
ARROWS = {Direction.UP: "↑", Direction.DOWN: "↓", Direction.FLAT: "→", Direction.NEW: "•"}


def build_status_card(t: Translator, card: StatusCard, *, shareable: bool = True) -> dict[str, Any]:
    """The card as a message (ephemeral when `shareable`, with a button to share it)."""
    status = card.status
    brand_name = card.brand_name or "?"
    title = f"{card.creator_name} · {brand_name}"
    blocks: list[dict[str, Any]] = [
        header(title),
        # The handle as the platform spells it: who exactly this card is about.
        context_line(escape(f"@{card.handle}")),
        mrkdwn_section(_stage_text(t, status), block_id="stage"),
        {"type": "section", "block_id": "contract", "fields": _contract_fields(t, card)},
        mrkdwn_section(_plans_text(t, card), block_id="plans"),
        mrkdwn_section(_kpi_text(t, status), block_id="kpis"),
        mrkdwn_section(_nps_text(t, status), block_id="nps"),
        mrkdwn_section(_flags_text(t, status), block_id="flags"),
    ]
    if shareable:
        blocks.append(
            {
                "type": "actions",
                "block_id": "status_actions",
                "elements": [
                    button(
                        t.gettext("Share in channel"),
                        SHARE_ACTION,
                        str(card.partnership_id),
                    ),
                    button(t.gettext("KPI chart"), KPI_CHART_ACTION, str(card.partnership_id)),
                ],
            }
        )
        blocks.append(context_line(t.gettext("Only you can see this card: it shows fees.")))
    # The fallback is mrkdwn too (Slack notifies with it): names escaped like in the blocks.
    fallback = t.gettext("Status of {creator} with {brand}").format(
        creator=escape(card.creator_name), brand=escape(brand_name)
    )
    message: dict[str, Any] = {"text": fallback, "blocks": blocks}
    if shareable:
        message["response_type"] = "ephemeral"
    return message


def _stage_text(t: Translator, status: PartnershipStatus) -> str:
    stage = status.stage
    name = escape(labels.label(t, labels.STAGE, stage))
    if stage.step is not None:
        line = t.gettext("*Stage:* step {step} of 4, {stage}").format(step=stage.step, stage=name)
    else:
        line = t.gettext("*Stage:* {stage}").format(stage=name)
    if not status.requirements:
        return line
    following = stage.next
    needs = (
        t.gettext("To move on to {stage}, this partnership needs:").format(
            stage=escape(labels.label(t, labels.STAGE, following))
        )
        if following is not None
        else t.gettext("Before the term ends, this partnership needs:")
    )
    items = "\n".join(
        ("✅ " if requirement.met else "⬜ ")
        + escape(labels.label(t, labels.REQUIREMENT, requirement.code))
        for requirement in status.requirements
    )
    return f"{line}\n{needs}\n{items}"


def _contract_fields(t: Translator, card: StatusCard) -> list[dict[str, str]]:
    status = card.status
    term = status.term
    if term.start and term.end:
        term_text = f"{t.date(term.start)} – {t.date(term.end)}"
        if term.days_left is not None and term.days_left < 0:
            term_text += "\n" + t.gettext("ended")
        elif term.months_left is not None:
            term_text += "\n" + t.ngettext(
                "{n} month left", "{n} months left", term.months_left
            ).format(n=term.months_left)
    else:
        term_text = t.gettext("not recorded")
    fee_text = t.gettext("not recorded")
    if status.quarterly_fee is not None:
        fee_text = t.money(status.quarterly_fee, status.currency)
        fee_text += "\n" + t.gettext("{position} {low}–{high}").format(
            position=labels.label(t, labels.BAND, status.fee_band),
            low=t.money(FEE_BAND_PER_QUARTER[0], TARGET_CURRENCY, whole=True),
            high=t.money(FEE_BAND_PER_QUARTER[1], TARGET_CURRENCY, whole=True),
        )
    premium_text = t.gettext("not recorded")
    if status.premium_pct is not None:
        premium_text = t.percent(status.premium_pct / 100, digits=1)
        premium_text += "\n" + t.gettext("{position} 30–40 %").format(
            position=labels.label(t, labels.BAND, status.premium_band)
        )
    terms_text = (
        t.ngettext("{n} day", "{n} days", status.payment_terms_days).format(
            n=status.payment_terms_days
        )
        if status.payment_terms_days is not None
        else t.gettext("not recorded")
    )
    owner = f"<@{card.owner_user_id}>" if card.owner_user_id else t.gettext("nobody yet")
    pairs = [
        (t.gettext("Contract term"), term_text),
        (t.gettext("Fee per quarter"), fee_text),
        (t.gettext("Premium over one-off"), premium_text),
        (t.gettext("Payment terms"), terms_text),
        (t.gettext("IP"), labels.label(t, labels.IP_MODEL, status.ip_model)),
        (t.gettext("Owner"), owner),
    ]
    return [{"type": "mrkdwn", "text": f"*{name}*\n{value}"} for name, value in pairs]


def window_line(t: Translator, window: CardWindow) -> str:
    """`category exclusivity · 14 days after go-live · ...: 16 Nov – 30 Nov (active)`."""
    return t.gettext("{terms}: {start} – {end} ({state})").format(
        terms=escape(terms_text(t, window.terms)),
        start=t.date(window.start),
        end=t.date(window.end),
        state=t.gettext("active") if window.active else t.gettext("upcoming"),
    )


def roadmap_line(t: Translator, roadmap: CardRoadmap) -> str:
    """`Week 5 of 12 · 6/14 done · 1 overdue`."""
    subject = RoadmapSubject(
        roadmap_id=roadmap.roadmap_id,
        creator_name="",
        handle="",
        brand_name="",
        owner_id=roadmap.owner_id,
        start_on=roadmap.start_on,
        weeks=roadmap.weeks,
    )
    return progress_line(t, subject, roadmap.progress)


def approval_line(t: Translator, approval: CardApproval, timezone: str) -> str:
    """`⏳ Payment: “Fee” · waiting for @anna · due Tue 24 Nov 10:00`."""
    return "⏳ " + pending_text(
        t,
        approval.kind,
        approval.subject,
        approval.waiting,
        approval.due_at,
        timezone,
        overdue=approval.overdue,
    )


def _plans_text(t: Translator, card: StatusCard) -> str:
    # Each list gets a share of the section's 3,000 characters; a long one ends in "…".
    window_lines = [window_line(t, window) for window in card.windows]
    approval_lines = [approval_line(t, a, card.timezone) for a in card.approvals[:MAX_LISTED]]
    exclusivity = fit_lines(window_lines, 1300) or t.gettext("none")
    roadmap = roadmap_line(t, card.roadmap) if card.roadmap else t.gettext("not started")
    approvals = fit_lines(approval_lines, 1300) or t.gettext("none pending")
    return "\n".join(
        [
            t.gettext("*Exclusivity windows:* {windows}").format(windows=exclusivity),
            t.gettext("*12-week roadmap:* {roadmap}").format(roadmap=roadmap),
            t.gettext("*Approvals:* {approvals}").format(approvals=approvals),
        ]
    )


def _kpi_value(t: Translator, kind: KPIKind | DerivedKPI, value: Decimal, currency: str) -> str:
    if kind is DerivedKPI.CPAE:
        return t.money(value, currency)
    if kind is KPIKind.SPEND:
        return t.money(value, currency)
    if kind in labels.PERCENT_KPIS:
        return t.percent(value / 100, digits=1)
    return t.number(value.normalize() if value == value.to_integral() else value)


def _trend_line(t: Translator, kind: KPIKind | DerivedKPI, trend: Trend, currency: str) -> str:
    name = labels.label(t, labels.KPI, kind)
    line = f"{ARROWS[trend.direction]} {name}: *{_kpi_value(t, kind, trend.latest, currency)}*"
    if trend.change is not None and trend.direction is not Direction.FLAT:
        sign = "+" if trend.change > 0 else "−"
        line += f" ({sign}{_kpi_value(t, kind, abs(trend.change), currency)})"
    return line


def _kpi_text(t: Translator, status: PartnershipStatus) -> str:
    lines = [t.gettext("*KPIs*")]
    for kind in KPI_ORDER:
        trend = status.trends.get(kind)
        if trend is not None:
            lines.append(_trend_line(t, kind, trend, status.currency))
    cpae = status.cpae
    if cpae is not None:
        line = (
            _trend_line(
                t, DerivedKPI.CPAE, status.trends[DerivedKPI.CPAE], cpae.currency or status.currency
            )
            if DerivedKPI.CPAE in status.trends
            else t.gettext("CPAE: *{value}*").format(
                value=t.money(cpae.value, cpae.currency or status.currency)
            )
        )
        verdict = {
            TargetStatus.MET: t.gettext("✅ at or under the €0.84 benchmark"),
            TargetStatus.NOT_MET: t.gettext("⚠️ above the €0.84 benchmark"),
            TargetStatus.NO_TARGET: t.gettext("no benchmark in this currency"),
        }[cpae.status]
        lines.append(f"{line} · {verdict}")
    if len(lines) == 1:
        lines.append(escape(t.gettext("No KPIs logged yet. Log them with `/creator kpi <name>`.")))
    return "\n".join(lines)


def _nps_text(t: Translator, status: PartnershipStatus) -> str:
    if status.latest_nps is not None:
        creator = t.gettext("*Creator NPS answer:* {score} ({nps_class}), {date}").format(
            score=status.latest_nps.score,
            nps_class=labels.label(t, labels.NPS_CLASS, status.latest_nps.nps_class),
            date=t.date(status.latest_nps.answered_on),
        )
    else:
        creator = t.gettext("*Creator NPS answer:* none yet")
    if status.brand_nps is not None:
        verdict = (
            t.gettext("✅ above 40")
            if status.brand_nps.status is TargetStatus.MET
            else t.gettext("⚠️ target: above 40")
        )
        brand = t.ngettext(
            "*Brand Creator NPS:* {score} over {n} creator · {verdict}",
            "*Brand Creator NPS:* {score} over {n} creators · {verdict}",
            status.brand_nps.respondents,
        ).format(
            score=t.number(status.brand_nps.score),
            n=status.brand_nps.respondents,
            verdict=verdict,
        )
    else:
        brand = t.gettext("*Brand Creator NPS:* no answers yet")
    return f"{creator}\n{brand}"


def _flags_text(t: Translator, status: PartnershipStatus) -> str:
    lines = []
    for flag in status.red_flags:
        text = t.gettext(labels.FLAG[flag.kind]).format(
            days=flag.data.get("payment_terms_days", flag.data.get("days_since", ""))
        )
        lines.append(f"🚩 {text}")
    warning = status.renewal_warning
    if warning is not None:
        if warning.days_left < 0:
            lines.append(
                "⏳ "
                + t.gettext(
                    "The contract ended on {date} and no renewal decision is recorded"
                ).format(date=t.date(warning.end_date))
            )
        else:
            lines.append(
                "⏳ "
                + t.ngettext(
                    "Renewal: the contract ends in {n} day ({date}) with no decision yet",
                    "Renewal: the contract ends in {n} days ({date}) with no decision yet",
                    warning.days_left,
                ).format(n=warning.days_left, date=t.date(warning.end_date))
            )
    if not lines:
        return t.gettext("*Red flags:* none")
    return t.gettext("*Red flags*") + "\n" + "\n".join(lines)


def build_unknown_creator(t: Translator, query: str, suggestions: list[str]) -> dict[str, Any]:
    """An ephemeral answer for a name we could not find, with the closest ones we know."""
    if suggestions:
        text = t.gettext("I don't know a creator called “{name}”. Did you mean: {options}?").format(
            name=escape(query[:80]), options=", ".join(f"`{escape(s)}`" for s in suggestions)
        )
    else:
        text = t.gettext(
            "I don't know a creator called “{name}”. Add one with `/creator add`."
        ).format(name=escape(query[:80]))
    return {"response_type": "ephemeral", "text": text}


PICK_ACTION = "creator_pick"


def build_candidates(
    t: Translator, query: str, subcommand: str, candidates: list[tuple[int, str, str]]
) -> dict[str, Any]:
    """An ambiguous name: the candidates as buttons that re-run the subcommand for one."""
    return build_creator_choice(
        t, query, candidates, PICK_ACTION, lambda creator_id: f"{subcommand}:{creator_id}"
    )


def build_share_confirmation(t: Translator, partnership_id: int) -> dict[str, Any]:
    """Sharing into a Slack Connect channel: the creator may read it, so ask first."""
    text = t.gettext(
        "This channel is shared with another organisation (Slack Connect): the creator or "
        "their agency may read the card, fees included. Share it anyway?"
    )
    return ask_first(
        text,
        "share_confirm",
        [
            button(
                t.gettext("Share anyway"),
                SHARE_CONFIRMED_ACTION,
                str(partnership_id),
                style="danger",
            )
        ],
    )
