"""The demo's pending approval: asked of the demo's approver, whatever the team had set."""

from __future__ import annotations

from sqlalchemy import Engine

from domain.approvals import ApprovalSettings, KindSettings
from domain.values import ApprovalKind
from storage.approvals.demo import DEMO_SUBJECT, demo_pending_approval
from storage.approvals.settings import get_settings
from storage.db import session_scope
from storage.models import Reminder
from tests.harness import TEAM_ID
from tests.storage.approvals.making import ASKED, A, B, R, partnership, rows, team_with


def _demo(engine: Engine) -> tuple[list[str], ApprovalSettings]:
    deal = partnership(engine)
    with session_scope(engine) as session:
        request = demo_pending_approval(session, TEAM_ID, deal.id, R, B, now=ASKED)
        assert (request.subject, request.status, request.channel_id) == (
            DEMO_SUBJECT,
            "pending",
            None,  # the demo has no Slack: in no channel
        )
        return list(request.approvers), get_settings(session=session, team_id=TEAM_ID)


def test_a_team_with_no_approvers_gets_the_demos_approver_for_every_kind(engine: Engine) -> None:
    team_with(engine, ApprovalSettings())
    approvers, settings = _demo(engine)
    assert approvers == [B]
    assert all(settings.for_kind(kind).users == (B,) for kind in ApprovalKind)
    # Reminded by DM: there is no thread to remind in.
    assert {r.channel_id for r in rows(engine, Reminder)} == {B, R}


def test_a_team_with_approvers_keeps_them(engine: Engine) -> None:
    team_with(engine, ApprovalSettings(kinds={ApprovalKind.CONTENT: KindSettings((A,))}))
    approvers, settings = _demo(engine)
    assert approvers == [A, B]  # asked of the demo's approver too, this once
    assert settings.for_kind(ApprovalKind.CONTENT).users == (A,)
