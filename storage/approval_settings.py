"""Changing the team's approval settings, only as the permission rules allow."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from sqlmodel import Session, select

from domain.approvals import ApprovalSettings
from domain.permissions import (
    SettingsChange,
    SettingsRefusal,
    may_change_settings,
    settings_changes,
)
from storage.models import TeamSettings


@dataclass(frozen=True)
class SettingsOutcome:
    """`code`: "saved", "unchanged" (nothing differs; nothing written) or "refused"."""

    code: str
    before: ApprovalSettings
    changes: tuple[SettingsChange, ...] = ()
    refusal: SettingsRefusal | None = None


def change_settings(
    *,
    session: Session,
    team_id: str,
    actor: str,
    settings: ApprovalSettings,
    is_admin: bool,
    groups: Mapping[str, Collection[str]],
) -> SettingsOutcome:
    """Replace the settings if `actor` may (`domain.permissions.may_change_settings`).

    The check reads the settings inside this transaction (row-locked on PostgreSQL), so it
    judges against what is stored now, not what the modal showed when it was opened.
    """
    row = session.exec(
        select(TeamSettings).where(TeamSettings.team_id == team_id).with_for_update()
    ).first()
    if row is None:
        raise LookupError(f"no settings row for team {team_id}")
    before = ApprovalSettings.from_json(row.approval_settings)
    refusal = may_change_settings(actor, before, settings, is_admin=is_admin, groups=groups)
    if refusal is not None:
        return SettingsOutcome("refused", before, refusal=refusal)
    changes = settings_changes(before, settings)
    if not changes:
        return SettingsOutcome("unchanged", before)
    row.approval_settings = settings.to_json()
    session.add(row)
    session.flush()
    return SettingsOutcome("saved", before, changes)
