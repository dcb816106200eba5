"""What follows a request's status: an agreed exclusivity window follows its approval, in
the same transaction, in any process, whatever was imported before."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine

from domain.approvals import Decision
from tests.harness import TEAM_ID
from tests.storage.approvals.making import ASKED, A, awaiting_window, decide, window_status

# A process that imports only what deciding needs: not storage.exclusivity, not handlers.
DECIDE_ALONE = """
import sys
from datetime import datetime

from domain.approvals import Decision
from storage.approvals.changing import decide
from storage.db import create_db_engine, session_scope

url, team_id, request_id, actor, at = sys.argv[1:]
with session_scope(create_db_engine(url)) as session:
    outcome = decide(
        session=session,
        team_id=team_id,
        request_id=int(request_id),
        version=1,
        actor=actor,
        decision=Decision.APPROVE,
        reason=None,
        now=datetime.fromisoformat(at),
    )
print(outcome.code)
"""


def test_an_approved_exclusivity_request_agrees_its_window(engine: Engine) -> None:
    window, request = awaiting_window(engine)
    assert decide(engine, request.id, A).code == "decided"
    assert window_status(engine, window.id) == "agreed"


def test_a_rejected_exclusivity_request_withdraws_its_window(engine: Engine) -> None:
    window, request = awaiting_window(engine)
    assert decide(engine, request.id, A, Decision.REJECT).code == "decided"
    assert window_status(engine, window.id) == "withdrawn"


def test_the_window_follows_a_decision_made_in_a_fresh_process(
    engine: Engine, database_url: str, repo_root: Path
) -> None:
    window, request = awaiting_window(engine)
    at = (ASKED + timedelta(hours=1)).isoformat()
    decided = subprocess.run(
        [sys.executable, "-c", DECIDE_ALONE, database_url, TEAM_ID, str(request.id), A, at],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert decided.stdout.split() == ["decided"]
    assert window_status(engine, window.id) == "agreed"
