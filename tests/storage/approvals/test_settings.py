"""The team's approval settings, stored and read back."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from domain.approvals import DEFAULT_DUE_HOURS, ApprovalSettings, KindSettings, Rule
from domain.values import ApprovalKind
from storage.approvals.settings import get_settings, save_settings
from storage.db import session_scope
from tests.harness import TEAM_ID
from tests.storage.approvals.making import A, B, F, team_with


def test_a_team_without_settings_has_nobody_to_ask(engine: Engine) -> None:
    with session_scope(engine) as session:
        settings = get_settings(session=session, team_id=TEAM_ID)
    assert not any(settings.for_kind(kind).configured for kind in ApprovalKind)
    assert settings.due_hours == DEFAULT_DUE_HOURS


def test_saved_settings_read_back_as_they_were(engine: Engine) -> None:
    saved = ApprovalSettings(
        kinds={ApprovalKind.BUDGET: KindSettings((A, B), "S0123ABCD", Rule.ALL)},
        fallback=F,
        due_hours=12,
        expiry_days=3,
    )
    team_with(engine, saved)
    with session_scope(engine) as session:
        assert get_settings(session=session, team_id=TEAM_ID) == saved


def test_settings_need_the_teams_row(engine: Engine) -> None:
    with session_scope(engine) as session, pytest.raises(LookupError):
        save_settings(session=session, team_id="T0NOBODY01", settings=ApprovalSettings())
