"""A Home tab issues the same number of SQL statements for 20 partnerships and 5 pending
approvals as for 200 and 50 (in the style of test_statement_counts.py)."""

from __future__ import annotations

from sqlalchemy import Engine

from bench import dataset
from bench.home import USER, grow, load
from bot.config import Settings
from bot.standin import SlackStandIn
from tests.harness import AppHarness
from tests.storage.test_statement_counts import counting


def home_statements(harness: AppHarness) -> tuple[int, dict]:
    event = {"type": "app_home_opened", "user": USER, "channel": "D0HOMEUSER1", "tab": "home"}
    harness.event({**event, "event_ts": "1.0"}, team_id=dataset.TEAM_ID)  # warm: team, user
    before = len(harness.standin.calls_to("views.publish"))
    with counting(harness.engine) as statements:
        harness.event({**event, "event_ts": "2.0"}, team_id=dataset.TEAM_ID)
    view = harness.standin.wait_for_call("views.publish", before + 1)[before].args["view"]
    return len(statements), view


def test_a_home_tab_costs_the_same_statements_at_ten_times_the_size(
    settings: Settings, engine: Engine, standin: SlackStandIn
) -> None:
    standin.add_user(USER, name="hanna", real_name="Hanna", locale="en-GB")
    harness = AppHarness(settings, engine, standin)
    try:
        load(engine, 20, 5)
        small, small_view = home_statements(harness)
        grow(engine, 180, 45, first=20, first_request=5)
        large, large_view = home_statements(harness)
    finally:
        harness.close()
    assert large == small
    assert small <= 30
    # Both tabs show the user's requests and partnerships, a page at a time within Slack's 100.
    assert len(large_view["blocks"]) <= 100
    assert "Contract terms 0" in str(small_view["blocks"])
    assert any(
        e["action_id"] == "home_page_next"
        for b in large_view["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    )
