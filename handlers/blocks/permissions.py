"""What people read when a permission rule (domain.permissions) says no, when approval
settings change, and when a quote button was clicked on an outdated message."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.approvals import KindSettings, Rule
from domain.permissions import Setting, SettingsChange, SettingsRefusal
from handlers.blocks.approvals import kind_label, people
from handlers.blocks.common import ephemeral
from locales import N_, Translator

SETTING = {
    Setting.FALLBACK: N_("the fallback approver"),
    Setting.DUE_HOURS: N_("the due time"),
    Setting.EXPIRY_DAYS: N_("the expiry"),
}


# -- approval settings -------------------------------------------------------------------------
def build_settings_closed(t: Translator) -> dict[str, Any]:
    """To someone who may not open the settings at all."""
    return ephemeral(
        t.gettext(
            "Only workspace admins and owners, and the current approvers, can change the "
            "approval settings. Ask one of them."
        )
    )


def build_settings_refusal(t: Translator, refusal: SettingsRefusal) -> dict[str, Any]:
    """To someone who submitted a change they may not make (nothing was saved)."""
    what = [kind_label(t, kind) for kind in refusal.kinds]
    what += [t.gettext(SETTING[setting]) for setting in refusal.settings]
    return ephemeral(
        t.gettext(
            "Nothing was saved: only workspace admins and owners, or the current approvers of "
            "a kind, can change who approves it, and the fallback approver, due time and "
            "expiry need an approver of every kind. You may not change: {what}."
        ).format(what=", ".join(what))
    )


def _who(t: Translator, kind: KindSettings) -> str:
    if not kind.configured:
        return t.gettext("nobody")
    who = people(sorted(kind.users))
    if kind.group:
        who = (who + ", " if who else "") + f"<!subteam^{kind.group}>"
    if kind.rule is Rule.ALL and len(kind.users) + bool(kind.group) > 1:
        who += " " + t.gettext("(all must approve)")
    return who


def _change_line(t: Translator, change: SettingsChange) -> str:
    if change.kind is not None:
        assert isinstance(change.before, KindSettings) and isinstance(change.after, KindSettings)
        return t.gettext("{kind}: {before} → {after}").format(
            kind=kind_label(t, change.kind),
            before=_who(t, change.before),
            after=_who(t, change.after),
        )
    if change.setting is Setting.FALLBACK:
        return t.gettext("Fallback approver: {before} → {after}").format(
            before=f"<@{change.before}>" if change.before else t.gettext("nobody"),
            after=f"<@{change.after}>" if change.after else t.gettext("nobody"),
        )
    if change.setting is Setting.DUE_HOURS:
        return t.ngettext(
            "Due after: {before} → {after} hour",
            "Due after: {before} → {after} hours",
            int(change.after or 0),
        ).format(before=change.before, after=change.after)
    return t.ngettext(
        "Expires after: {before} → {after} day",
        "Expires after: {before} → {after} days",
        int(change.after or 0),
    ).format(before=change.before, after=change.after)


def build_settings_announcement(
    t: Translator, actor: str, changes: Sequence[SettingsChange]
) -> dict[str, Any]:
    """For the channel: who changed which approval settings, from what to what."""
    head = t.gettext("{who} changed the approval settings:").format(who=f"<@{actor}>")
    lines = [f"• {_change_line(t, change)}" for change in changes]
    text = "\n".join([head, *lines])
    return {"text": text[:3000]}


# -- exclusivity quotes ------------------------------------------------------------------------
def build_close_refusal(t: Translator, *, window: bool = False) -> dict[str, Any]:
    """To someone who may not accept or withdraw a quote (or withdraw its window)."""
    text = (
        t.gettext(
            "Only the partnership's owner, whoever asked for the quote, or an approver of "
            "exclusivity can withdraw this window. Nothing changed."
        )
        if window
        else t.gettext(
            "Only the partnership's owner, whoever asked for the quote, or an approver of "
            "exclusivity can accept or withdraw it. Nothing changed; you can still negotiate "
            "in the thread."
        )
    )
    return ephemeral(text)


def build_stale_click(t: Translator, code: str, status: str | None = None) -> dict[str, Any]:
    """To someone who clicked a quote button on an outdated message, or twice."""
    if code == "closed" and status == "agreed":
        text = t.gettext("This quote was already agreed: nothing changed.")
    elif code == "closed":
        text = t.gettext("This quote was already withdrawn: nothing changed.")
    elif code == "missing":
        text = t.gettext("This quote no longer exists: nothing changed.")
    elif code == "window_withdrawn":
        text = t.gettext("That window was already withdrawn: nothing changed.")
    elif code == "lever_gone":
        text = t.gettext("That lever no longer applies: nothing changed.")
    else:
        text = t.gettext(
            "This quote changed after this message was shown (or your click was already "
            "counted): nothing changed. Use the buttons on the updated quote."
        )
    return ephemeral(text)
