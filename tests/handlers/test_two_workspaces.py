"""Two workspaces with the same creator names: what one does is never seen, changed or
counted in the other (commands here; the clock's per-team tokens in
tests/bot/test_team_clients.py)."""

from __future__ import annotations

import json
from typing import Any

from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import TEAM_ID, AppHarness

OTHER_TEAM = "T0OTHER0001"
BRANDS = {TEAM_ID: "Koffie & Co", OTHER_TEAM: "Thee & Zo"}


def _text(message: Any) -> str:
    return json.dumps(message, ensure_ascii=False)


def _two_workspaces(harness: AppHarness) -> None:
    for team, brand_name in BRANDS.items():
        creator = make_creator(harness.engine, "Zoë de Vries", handle="zoedv", team_id=team)
        make_partnership(
            harness.engine, creator, make_brand(harness.engine, brand_name, team_id=team)
        )


def test_each_workspace_sees_only_its_own_creator_of_the_same_name(harness: AppHarness) -> None:
    _two_workspaces(harness)
    for team, brand_name in BRANDS.items():
        own = brand_name.split()[0]  # "Koffie" / "Thee": free of anything escaped
        (other,) = {name.split()[0] for name in BRANDS.values()} - {own}
        status = _text(harness.command("/creator", "status zoe", team_id=team))
        assert own in status and other not in status
        listed = _text(harness.command("/creator", "list", team_id=team))
        assert "Zoë de Vries" in listed and other not in listed


def test_archiving_in_one_workspace_leaves_the_other_untouched(harness: AppHarness) -> None:
    _two_workspaces(harness)
    harness.command("/creator", "archive zoe", team_id=TEAM_ID)
    assert "No creators yet" in _text(harness.command("/creator", "list", team_id=TEAM_ID))
    other = _text(harness.command("/creator", "list", team_id=OTHER_TEAM))
    assert "Zoë de Vries" in other
    status = _text(harness.command("/creator", "status zoe", team_id=OTHER_TEAM))
    assert "Thee" in status and "Koffie" not in status
