"""A request's facts for the builder tests: no database, no Slack."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from domain.approvals import Rule, Status
from domain.values import ApprovalKind
from handlers.blocks.approvals.card import RequestCard

ASKED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 10:00 in Amsterdam
ZONE = "Europe/Amsterdam"
REQUESTER, LOU, SAM = "U0REQUEST01", "U0APPROVER1", "U0APPROVER2"
CHANNEL = "C0PARTNER01"


def card(**fields: Any) -> RequestCard:
    values: dict[str, Any] = {
        "id": 7,
        "version": 1,
        "kind": ApprovalKind.CONTRACT,
        "subject": "Renewal terms 2027",
        "details": "12 months, same fee",
        "requester": REQUESTER,
        "approvers": (LOU, SAM),
        "group": None,
        "rule": Rule.ANY,
        "status": Status.PENDING,
        "due_at": ASKED + timedelta(hours=48),
        "expires_at": ASKED + timedelta(days=7),
        "creator_name": "Zoë de Vries",
        "brand_name": "Koffie & Co",
    }
    values.update(fields)
    return RequestCard(**values)


def decided(status: Status, reason: str | None = None, **fields: Any) -> RequestCard:
    return card(
        status=status,
        decided_by=LOU,
        decided_at=ASKED + timedelta(hours=1),
        reason=reason,
        **fields,
    )


def text_of(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def action_ids(message: dict[str, Any]) -> list[str]:
    return [
        element["action_id"]
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]
