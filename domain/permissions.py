"""Who may do what: close an exclusivity quote (accept or withdraw it, or withdraw the window
it recorded), and change the team's approval settings.

Plain rules over plain facts, answering with codes. The caller gathers the facts: a Slack
user's workspace role (`users.info`) and the members of an approver user group
(`usergroups.users.list`) are fetched by handlers, never here.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum

from domain.approvals import ApprovalSettings, KindSettings
from domain.values import ApprovalKind

NOT_ALLOWED = "not_allowed"


# -- closing a quote ---------------------------------------------------------------------------
def may_close_quote(
    actor: str,
    *,
    partnership_owner: str | None,
    requested_by: str | None,
    exclusivity_approvers: Collection[str],
) -> str | None:
    """Why `actor` may not accept or withdraw a quote (or withdraw its window): "not_allowed";
    None when they may.

    Closing records (or undoes) a brand's exclusivity window, so it is for the partnership's
    owner, whoever asked for the quote, and the approvers of exclusivity (the settings' users
    and the members of its user group); anyone in the channel may still negotiate.
    """
    allowed = {partnership_owner, requested_by, *exclusivity_approvers}
    return None if actor and actor in allowed else NOT_ALLOWED


def approvers_of(kind: KindSettings, group_members: Collection[str] = ()) -> frozenset[str]:
    """The people who approve a kind: its users and its user group's members."""
    return frozenset((*kind.users, *(group_members if kind.group else ())))


# -- changing the approval settings ------------------------------------------------------------
class Setting(StrEnum):
    """What a settings change touches besides a kind's approvers."""

    FALLBACK = "fallback"
    DUE_HOURS = "due_hours"
    EXPIRY_DAYS = "expiry_days"


@dataclass(frozen=True)
class SettingsChange:
    """One thing a submission changes: a kind's approvers (`kind`) or a team-wide setting."""

    kind: ApprovalKind | None
    setting: Setting | None
    before: KindSettings | str | int | None
    after: KindSettings | str | int | None


def settings_changes(
    before: ApprovalSettings, after: ApprovalSettings
) -> tuple[SettingsChange, ...]:
    """What differs between two settings, kinds first (in `ApprovalKind` order)."""
    changes = [
        SettingsChange(kind, None, before.for_kind(kind), after.for_kind(kind))
        for kind in ApprovalKind
        if _who(before.for_kind(kind)) != _who(after.for_kind(kind))
    ]
    for setting, old, new in (
        (Setting.FALLBACK, before.fallback, after.fallback),
        (Setting.DUE_HOURS, before.due_hours, after.due_hours),
        (Setting.EXPIRY_DAYS, before.expiry_days, after.expiry_days),
    ):
        if old != new:
            changes.append(SettingsChange(None, setting, old, new))
    return tuple(changes)


def _who(kind: KindSettings) -> tuple[frozenset[str], str | None, str]:
    # The order of the users in the modal is no change.
    return frozenset(kind.users), kind.group, kind.rule.value if kind.configured else ""


@dataclass(frozen=True)
class SettingsRefusal:
    """Why a change was refused: `code` "not_allowed", and what the actor may not change."""

    code: str
    kinds: tuple[ApprovalKind, ...] = ()
    settings: tuple[Setting, ...] = ()


def approves(
    actor: str,
    settings: ApprovalSettings,
    kind: ApprovalKind,
    groups: Mapping[str, Collection[str]],
) -> bool:
    """Whether `actor` approves `kind` now (`groups`: user group id -> its members)."""
    current = settings.for_kind(kind)
    return actor in approvers_of(current, groups.get(current.group or "", ()))


def may_open_settings(
    actor: str,
    settings: ApprovalSettings,
    *,
    is_admin: bool,
    groups: Mapping[str, Collection[str]] = {},  # noqa: B006 - read only
) -> str | None:
    """Why `actor` may not open the settings at all ("not_allowed"): neither a workspace admin
    or owner nor an approver of any kind. None when they may."""
    if is_admin or any(approves(actor, settings, kind, groups) for kind in ApprovalKind):
        return None
    return NOT_ALLOWED


def may_change_settings(
    actor: str,
    before: ApprovalSettings,
    after: ApprovalSettings,
    *,
    is_admin: bool,
    groups: Mapping[str, Collection[str]] = {},  # noqa: B006 - read only
) -> SettingsRefusal | None:
    """Why `actor` may not change the settings from `before` to `after`; None when they may.

    Workspace admins and owners change anything. Anyone else changes only the approvers of
    the kinds they approve now, so nobody appoints themselves to a kind they don't approve.
    The fallback approver, the due time and the expiry hold for every kind (the fallback
    decides any kind once a request is overdue), so they need an approver of every kind that
    has approvers; with none configured, only an admin or owner starts the settings.
    """
    if is_admin:
        return None
    changes = settings_changes(before, after)
    kinds = tuple(
        c.kind
        for c in changes
        if c.kind is not None and not approves(actor, before, c.kind, groups)
    )
    configured = [kind for kind in ApprovalKind if before.for_kind(kind).configured]
    approves_all = bool(configured) and all(
        approves(actor, before, kind, groups) for kind in configured
    )
    settings = tuple(c.setting for c in changes if c.setting is not None and not approves_all)
    if kinds or settings:
        return SettingsRefusal(NOT_ALLOWED, kinds, settings)
    return None
