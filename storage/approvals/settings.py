"""The team's approval settings: approvers per kind, fallback, due time and expiry."""

from __future__ import annotations

from sqlmodel import Session

from domain.approvals import ApprovalSettings
from storage.models import TeamSettings


def get_settings(*, session: Session, team_id: str) -> ApprovalSettings:
    row = session.get(TeamSettings, team_id)
    return ApprovalSettings.from_json(row.approval_settings if row else None)


def save_settings(*, session: Session, team_id: str, settings: ApprovalSettings) -> None:
    """Store the team's approval settings (the team's row exists: the middleware made it)."""
    row = session.get(TeamSettings, team_id)
    if row is None:
        raise LookupError(f"no settings row for team {team_id}")
    row.approval_settings = settings.to_json()
    session.add(row)
    session.flush()
