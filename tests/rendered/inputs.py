"""The inputs a rendering test chooses, and the fixed facts around them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from domain.approvals import Rule, Status
from domain.negotiation import Terms
from domain.values import ApprovalKind, Scope
from handlers.blocks import approvals
from handlers.blocks.exclusivity import windows
from locales import Translator

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ZONE = "Europe/Amsterdam"
OWNER = "U0OWNER0001"
APPROVER = "U0APPROVER1"
CHANNEL = "C0CHANNEL01"

Named = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class Inputs:
    """What people typed: names, subjects, notes, competitors, a query."""

    creator: str = "Zoë de Vries"
    handle: str = "zoedevries"
    brand: str = "Koffie & Co"
    subject: str = "Renewal terms 2027"
    details: str = "Two reels and a story"
    note: str = "Shorter, please"
    competitors: tuple[str, ...] = ("R&D Foods", "Glow")
    query: str = "zoe"
    candidates: int = 2


def request_card(inputs: Inputs, status: Status, **fields: Any) -> approvals.RequestCard:
    settled = status not in (Status.PENDING,)
    return approvals.RequestCard(
        id=7,
        version=2,
        kind=ApprovalKind.CONTRACT,
        subject=inputs.subject,
        details=inputs.details,
        requester=OWNER,
        approvers=(APPROVER, "U0APPROVER2"),
        group="S0GROUP0001",
        rule=Rule.ALL,
        status=status,
        due_at=NOW + timedelta(hours=48),
        expires_at=NOW + timedelta(days=7),
        creator_name=inputs.creator,
        brand_name=inputs.brand,
        decided_by=APPROVER if settled else None,
        decided_at=NOW if settled else None,
        reason=inputs.note if settled else None,
        approved_by=(APPROVER,),
        changed=("subject", "details"),
        **fields,
    )


def terms_of(inputs: Inputs) -> Terms:
    return Terms(scope=Scope.COMPETITORS, competitors=inputs.competitors, after_hours=720)


def window_line(t: Translator, inputs: Inputs) -> str:
    return windows.window_line(
        t,
        inputs.creator,
        inputs.brand,
        terms_of(inputs),
        NOW,
        NOW + timedelta(days=30),
        "awaiting_approval",
    )
