"""`/creator settings`: the approval settings modal and what was saved."""

from __future__ import annotations

from typing import Any

from domain.approvals import ApprovalSettings, Rule
from domain.values import ApprovalKind
from handlers.blocks.approvals.card import kind_label, people, plain
from handlers.blocks.approvals.ids import SETTINGS_CALLBACK
from handlers.blocks.approvals.modals import modal
from handlers.blocks.common import mrkdwn_section
from handlers.blocks.forms import select_input, text_input, user_input
from locales import Translator


def build_settings_modal(t: Translator, settings: ApprovalSettings) -> dict[str, Any]:
    """Approvers per kind (users or a user group), any/all, fallback, due time and expiry."""
    rules = [
        (Rule.ANY.value, t.gettext("Any one approver decides")),
        (Rule.ALL.value, t.gettext("All approvers must approve")),
    ]
    blocks: list[dict[str, Any]] = [
        mrkdwn_section(
            t.gettext(
                "Who approves each kind of request. Approvers never decide on their own requests."
            )
        )
    ]
    for kind in ApprovalKind:
        current = settings.for_kind(kind)
        users: dict[str, Any] = {"type": "multi_users_select", "action_id": f"users_{kind.value}"}
        if current.users:
            users["initial_users"] = list(current.users)
        blocks += [
            mrkdwn_section(f"*{kind_label(t, kind)}*"),
            {
                "type": "input",
                "block_id": f"users_{kind.value}",
                "label": plain(t.gettext("Approvers")),
                "element": users,
                "optional": True,
            },
            text_input(
                f"group_{kind.value}",
                t.gettext("Or a user group ID"),
                initial=current.group,
                hint=t.gettext("For example S0123ABCD; its members approve too."),
            ),
            select_input(
                f"rule_{kind.value}",
                t.gettext("Who must approve"),
                rules,
                initial=current.rule.value,
                optional=False,
            ),
        ]
    blocks += [
        mrkdwn_section(t.gettext("*For every kind*")),
        user_input("fallback", t.gettext("Fallback approver (when overdue)"), settings.fallback),
        text_input(
            "due_hours",
            t.gettext("Due after (hours)"),
            initial=str(settings.due_hours),
            optional=False,
        ),
        text_input(
            "expiry_days",
            t.gettext("Expires after (days)"),
            initial=str(settings.expiry_days),
            optional=False,
        ),
    ]
    return modal(t, SETTINGS_CALLBACK, t.gettext("Approval settings"), blocks, {})


def build_settings_saved(t: Translator, settings: ApprovalSettings) -> str:
    lines = [t.gettext("Approval settings saved.")]
    for kind in ApprovalKind:
        current = settings.for_kind(kind)
        if not current.configured:
            who = t.gettext("nobody yet")
        else:
            who = people(current.users)
            if current.group:
                who = (who + ", " if who else "") + f"<!subteam^{current.group}>"
            if current.rule is Rule.ALL:
                who += " " + t.gettext("(all must approve)")
        lines.append(f"• {kind_label(t, kind)}: {who}")
    fallback = f"<@{settings.fallback}>" if settings.fallback else t.gettext("none")
    lines.append(
        t.ngettext(
            "Fallback approver: {fallback} · due after {hours} hour · expires after {days} days",
            "Fallback approver: {fallback} · due after {hours} hours · expires after {days} days",
            settings.due_hours,
        ).format(fallback=fallback, hours=settings.due_hours, days=settings.expiry_days)
    )
    return "\n".join(lines)
