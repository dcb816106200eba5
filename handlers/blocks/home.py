"""The Home tab's view, built from a domain.home.Home (pure: no Slack calls, no SQL).

Slack's Home tab holds at most 100 blocks: the long lists (requests to decide, partnerships)
show a page at a time, with "Show more" paging on. "This week" and "My numbers" are the
weekly digest's sections (handlers.blocks.digest), capped at a few blocks each.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain.home import Home, PartnershipRow, Scope, WaitingItem
from handlers.blocks import labels
from handlers.blocks.approvals import kind_label
from handlers.blocks.common import button, context_line, escape, header, mrkdwn_section
from handlers.blocks.digest.sections import kpi_units, milestone_units, renewal_units, window_units
from handlers.blocks.digest.words import flag_text
from handlers.blocks.status import KPI_CHART_ACTION
from locales import LANGUAGES, Translator

Block = dict[str, Any]

MAX_HOME_BLOCKS = 100  # Slack: blocks in a Home tab
DECIDE_PAGE = 8  # requests to decide per page: two blocks each
PARTNERSHIPS_PAGE = 15  # partnerships per page: two blocks each
ASKED_SHOWN = 10  # the user's own open requests, as lines of one section
SECTION_BLOCKS = 3  # at most this many blocks for each of "This week" and "My numbers"

SCOPE_ACTION = "home_scope"  # + "_mine" / "_team"
LANGUAGE_ACTION = "home_language"  # + "_nl" / "_en"
PAGE_ACTION = "home_page"  # + "_next" / "_first"
STATUS_ACTION = "home_status"  # + "_<n>"; value: the partnership id
ROADMAP_ACTION = "home_roadmap"  # + "_<n>"; value: the partnership id
# The decision buttons are the request message's own (handlers.approvals decides them):
# the same rules, the reason modal and exactly-once decisions as in the channel.
DECISIONS = (
    ("approval_approve", "primary"),
    ("approval_changes", None),
    ("approval_reject", "danger"),
)
# Each language is offered in its own name, so whoever can't read the current one finds theirs.
ENDONYMS = {"nl": "Nederlands", "en": "English"}


def local_time(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def creator_at_brand(creator: str | None, brand: str | None) -> str:
    if creator is None:
        return ""
    return f" · *{escape(creator)}* · {escape(brand or '?')}"


def _decision_labels(t: Translator) -> dict[str, str]:
    return {
        "approval_approve": t.gettext("Approve"),
        "approval_changes": t.gettext("Request changes"),
        "approval_reject": t.gettext("Reject"),
    }


def _waiting_text(t: Translator, item: WaitingItem, timezone: str) -> str:
    due = t.datetime(local_time(item.due_at, timezone))
    when = (
        t.gettext("overdue since {when}").format(when=due)
        if item.overdue
        else t.gettext("due {when}").format(when=due)
    )
    return (
        f"*{escape(kind_label(t, item.kind))}*: {escape(item.subject)}"
        + creator_at_brand(item.creator_name, item.brand_name)
        + "\n"
        + t.gettext("Asked by {user} · {when}").format(user=f"<@{item.requester}>", when=when)
    )


def _asked_line(t: Translator, item: WaitingItem, timezone: str) -> str:
    waiting = ", ".join(f"<@{u}>" for u in item.waiting_on) or "–"
    return "⏳ " + t.gettext("{kind}: {subject}{who} · waiting for {users} · due {when}").format(
        kind=escape(kind_label(t, item.kind)),
        subject=escape(item.subject),
        who=creator_at_brand(item.creator_name, item.brand_name),
        users=waiting,
        when=t.datetime(local_time(item.due_at, timezone)),
    )


def _partnership_text(t: Translator, row: PartnershipRow) -> str:
    stage = escape(labels.label(t, labels.STAGE, row.stage))
    if row.stage.step is not None:
        stage = t.gettext("{stage} (step {step} of 4)").format(stage=stage, step=row.stage.step)
    text = f"*{escape(row.creator_name)}* · {escape(row.brand_name)} · {stage}"
    if row.flags:
        text += "\n🚩 " + "; ".join(flag_text(t, flag) for flag in row.flags)
    return text


def _capped(blocks: list[Block], t: Translator) -> list[Block]:
    if len(blocks) <= SECTION_BLOCKS:
        return blocks
    return [
        *blocks[: SECTION_BLOCKS - 1],
        context_line(t.gettext("More in the weekly digest: `/creator digest preview`.")),
    ]


def _controls(t: Translator, scope: Scope) -> Block:
    mine = button(t.gettext("Mine"), f"{SCOPE_ACTION}_mine", Scope.MINE.value)
    team = button(t.gettext("The team's"), f"{SCOPE_ACTION}_team", Scope.TEAM.value)
    (mine if scope is Scope.MINE else team)["style"] = "primary"
    other = [language for language in LANGUAGES if language != t.language]
    languages = [
        button(ENDONYMS[language], f"{LANGUAGE_ACTION}_{language}", language) for language in other
    ]
    return {"type": "actions", "block_id": "home_controls", "elements": [mine, team, *languages]}


def build_home_view(
    t: Translator, home: Home, *, page: int, timezone: str, user_id: str
) -> dict[str, Any]:
    """The Home tab of `user_id`, page `page` of its long lists (0: the first)."""
    blocks: list[Block] = [
        header(t.gettext("Partnerdesk · {date}").format(date=t.date(home.digest.today))),
        _controls(t, home.scope),
        context_line(
            t.gettext("Showing your partnerships.")
            if home.scope is Scope.MINE
            else t.gettext("Showing the team's partnerships.")
        ),
    ]
    # -- waiting for me
    blocks.append(header(t.gettext("Waiting for me")))
    decide = home.to_decide[page * DECIDE_PAGE : (page + 1) * DECIDE_PAGE]
    if not home.to_decide:
        blocks.append(mrkdwn_section(t.gettext("Nothing for you to decide.")))
    elif not decide:
        blocks.append(context_line(t.gettext("No more requests on this page.")))
    decision_labels = _decision_labels(t)
    for n, item in enumerate(decide):
        blocks.append(mrkdwn_section(_waiting_text(t, item, timezone)))
        value = f"{item.request_id}:{item.version}"
        blocks.append(
            {
                "type": "actions",
                "block_id": f"home_decide_{item.request_id}",
                "elements": [
                    button(decision_labels[action], f"{action}_{n}", value, style)
                    for action, style in DECISIONS
                ],
            }
        )
    if home.asked:
        lines = [_asked_line(t, item, timezone) for item in home.asked[:ASKED_SHOWN]]
        more = len(home.asked) - ASKED_SHOWN
        if more > 0:
            lines.append(
                t.ngettext("… and {n} more request", "… and {n} more requests", more).format(
                    n=t.number(more)
                )
            )
        blocks.append(
            mrkdwn_section("*" + t.gettext("My open requests") + "*\n" + "\n".join(lines))
        )
    # -- my partnerships
    blocks.append({"type": "divider"})
    blocks.append(
        header(
            t.gettext("My partnerships")
            if home.scope is Scope.MINE
            else t.gettext("The team's partnerships")
        )
    )
    rows = home.partnerships[page * PARTNERSHIPS_PAGE : (page + 1) * PARTNERSHIPS_PAGE]
    if not home.partnerships:
        blocks.append(mrkdwn_section(t.gettext("No partnerships to show.")))
    for n, row in enumerate(rows):
        blocks.append(mrkdwn_section(_partnership_text(t, row)))
        blocks.append(
            {
                "type": "actions",
                "block_id": f"home_partnership_{row.partnership_id}",
                "elements": [
                    button(
                        t.gettext("Status card"), f"{STATUS_ACTION}_{n}", str(row.partnership_id)
                    ),
                    button(t.gettext("Roadmap"), f"{ROADMAP_ACTION}_{n}", str(row.partnership_id)),
                ],
            }
        )
    # -- this week
    blocks.append({"type": "divider"})
    blocks.append(header(t.gettext("This week")))
    week = [
        block
        for units in (
            milestone_units(t, home.digest),
            window_units(t, home.digest, timezone),
            renewal_units(t, home.digest),
        )
        for unit in units
        for block in unit.blocks
    ]
    blocks += _capped(week, t) or [mrkdwn_section(t.gettext("Nothing due this week."))]
    # -- my numbers
    blocks.append({"type": "divider"})
    blocks.append(header(t.gettext("My numbers")))
    numbers = [block for unit in kpi_units(t, home.digest) for block in unit.blocks]
    blocks += _capped(numbers, t) or [mrkdwn_section(t.gettext("No KPIs logged yet."))]
    # -- the pager
    more = (
        len(home.to_decide) > (page + 1) * DECIDE_PAGE
        or len(home.partnerships) > (page + 1) * PARTNERSHIPS_PAGE
    )
    pager = []
    if more:
        pager.append(button(t.gettext("Show more"), f"{PAGE_ACTION}_next", str(page + 1)))
    if page > 0:
        pager.append(button(t.gettext("Back to the first page"), f"{PAGE_ACTION}_first", "0"))
    if pager:
        blocks.append({"type": "actions", "block_id": "home_pager", "elements": pager})
    assert len(blocks) <= MAX_HOME_BLOCKS, len(blocks)
    return {
        "type": "home",
        "callback_id": "home",
        "private_metadata": json.dumps({"scope": home.scope.value, "page": page}),
        "blocks": blocks,
    }


def build_card_modal(
    t: Translator, title: str, card: dict[str, Any], kpi_chart_of: int | None = None
) -> dict[str, Any]:
    """A status card or roadmap (a message) as a modal opened from the Home tab: without the
    message's buttons, which answer in the channel they were posted in; a status card keeps
    its "KPI chart" (sent by DM, so it works from anywhere)."""
    blocks = [
        {k: v for k, v in block.items() if k != "accessory"}
        for block in card.get("blocks") or [mrkdwn_section(escape(card.get("text") or ""))]
        if block.get("type") != "actions"
    ]
    if kpi_chart_of is not None:
        chart = button(t.gettext("KPI chart"), KPI_CHART_ACTION, str(kpi_chart_of))
        blocks.append({"type": "actions", "block_id": "card_actions", "elements": [chart]})
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": title[:24]},
        "close": {"type": "plain_text", "text": t.gettext("Close")},
        "blocks": blocks[:MAX_HOME_BLOCKS],
    }
