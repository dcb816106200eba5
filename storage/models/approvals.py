"""Approval requests, each approver's decision, and the audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.columns import stamp, utc_column


class ApprovalRequest(SQLModel, table=True):
    """A request for a decision, posted in a channel with buttons for its approvers."""

    __tablename__ = "approval_requests"
    __table_args__ = (Index("ix_approval_team_status", "team_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partnership_id: int | None = Field(
        default=None, foreign_key="partnerships.id", ondelete="SET NULL"
    )
    kind: str = Field(max_length=16)  # domain.values.ApprovalKind
    subject: str = Field(max_length=200)
    details: str = Field(default="", max_length=3000)
    requester_id: str = Field(max_length=32)
    approvers: list[str] = Field(default_factory=list, sa_type=JSON)  # user ids
    approver_group: str | None = Field(default=None, max_length=32)  # a user group id
    rule: str = Field(default="any", max_length=8)  # any one, or all, must approve
    fallback_approver: str | None = Field(default=None, max_length=32)
    channel_id: str | None = Field(default=None, max_length=32)
    message_ts: str | None = Field(default=None, max_length=32)
    # pending, approved, changes_requested, rejected, expired, cancelled
    status: str = Field(default="pending", max_length=24)
    version: int = 1  # raised by an edit, which invalidates the decisions so far
    due_at: datetime = Field(sa_column=utc_column())
    expires_at: datetime = Field(sa_column=utc_column())
    decided_by: str | None = Field(default=None, max_length=32)
    decided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    decision_reason: str | None = Field(default=None, max_length=3000)
    source: dict = Field(default_factory=dict, sa_type=JSON)  # e.g. {"window_id": 3}
    created_at: datetime = stamp()
    updated_at: datetime = stamp()


class ApprovalDecision(SQLModel, table=True):
    """One approver's decision on one version of a request (at most one each)."""

    __tablename__ = "approval_decisions"
    __table_args__ = (UniqueConstraint("request_id", "version", "approver_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    request_id: int = Field(foreign_key="approval_requests.id", ondelete="CASCADE")
    version: int
    approver_id: str = Field(max_length=32)
    decision: str = Field(max_length=24)  # approve, request_changes, reject
    reason: str | None = Field(default=None, max_length=3000)
    decided_at: datetime = stamp()


class ApprovalEvent(SQLModel, table=True):
    """The audit trail of a request: every change, decision, reminder and escalation."""

    __tablename__ = "approval_events"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    request_id: int = Field(foreign_key="approval_requests.id", ondelete="CASCADE", index=True)
    actor_id: str | None = Field(default=None, max_length=32)
    event: str = Field(max_length=32)
    details: dict = Field(default_factory=dict, sa_type=JSON)
    at: datetime = stamp()
