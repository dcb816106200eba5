"""Reading requests: the decisions that count now, for one request or many at once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from domain.approvals import Decision, Rule, Status
from storage.approvals import changing, reading
from storage.approvals.settings import get_settings
from storage.db import session_scope
from storage.models import ApprovalRequest
from tests.harness import TEAM_ID
from tests.storage.approvals.making import ASKED, A, B, R, decide, posted_request


def test_only_the_current_versions_decisions_count(engine: Engine) -> None:
    request = posted_request(engine, Rule.ALL)
    assert decide(engine, request.id, A).code == "recorded"
    with session_scope(engine) as session:
        stored = reading.get(session=session, team_id=TEAM_ID, request_id=request.id)
        assert reading.decisions_of(session=session, request=stored) == {A: Decision.APPROVE}
        pending = ApprovalRequest.status == Status.PENDING.value
        assert [tuple(row) for row in session.exec(reading.current_decisions(pending))] == [
            (request.id, A, "approve")
        ]
        changing.edit(
            session=session,
            team_id=TEAM_ID,
            request_id=request.id,
            version=1,
            actor=R,
            subject="Renewal terms 2027, 18 months",
            details="",
            now=ASKED + timedelta(hours=2),
            settings=get_settings(session=session, team_id=TEAM_ID),
        )
        assert session.exec(reading.current_decisions(pending)).all() == []
        # The audit trail keeps the decision on version 1.
        assert [
            d.version for d in reading.decision_rows(session=session, request_id=request.id)
        ] == [1]


def test_a_request_of_another_team_is_not_found(engine: Engine) -> None:
    request = posted_request(engine)
    with session_scope(engine) as session:
        assert reading.get(session=session, team_id="T0OTHERTEAM", request_id=request.id) is None
        found = reading.get(session=session, team_id=TEAM_ID, request_id=request.id)
        assert reading.names_of(session=session, request=found) == (
            "Zoë de Vries",
            "Brand of Zoë de Vries",
        )
    assert B in found.approvers
