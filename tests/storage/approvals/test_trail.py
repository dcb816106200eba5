"""The audit trail: a reminder rendered twice is recorded once."""

from __future__ import annotations

from sqlalchemy import Engine

from storage.approvals import trail
from storage.db import session_scope
from storage.models import ApprovalEvent, ApprovalRequest
from tests.storage.approvals.making import ASKED, posted_request, rows


def test_an_event_with_a_key_is_recorded_once(engine: Engine) -> None:
    request = posted_request(engine)
    for key in ("v1:thread", "v1:thread", "v2:thread"):
        with session_scope(engine) as session:
            stored = session.get(ApprovalRequest, request.id)
            trail.record_event_once(
                session=session, request=stored, event="reminded", key=key, at=ASKED
            )
    reminded = [e.details["key"] for e in rows(engine, ApprovalEvent) if e.event == "reminded"]
    assert reminded == ["v1:thread", "v2:thread"]
