"""storage.memos on SQLite and PostgreSQL: what a conversation keeps for a few minutes (the
subject of a follow-up, a reading awaiting its "did you mean …?" click)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from storage import memos
from storage.db import session_scope
from tests.harness import TEAM_ID

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
OTHER_TEAM = "T0999999999"


def _remember(
    engine: Engine, key: str, payload: dict, *, team: str = TEAM_ID, minutes: int = 10
) -> int:
    with session_scope(engine) as session:
        return memos.remember(
            session=session,
            team_id=team,
            key=key,
            payload=payload,
            until=NOW + timedelta(minutes=minutes),
            now=NOW,
        )


def _recall(engine: Engine, key: str, *, team: str = TEAM_ID, at: datetime = NOW) -> dict | None:
    with session_scope(engine) as session:
        return memos.recall(session=session, team_id=team, key=key, now=at)


def _take(engine: Engine, memo_id: int, *, team: str = TEAM_ID, at: datetime = NOW) -> dict | None:
    with session_scope(engine) as session:
        return memos.take(session=session, team_id=team, memo_id=memo_id, now=at)


def test_a_follow_up_finds_the_subject_until_it_expires(engine: Engine) -> None:
    _remember(engine, "about:U0SANNE1:D0DM0001", {"creator_id": 7})
    assert _recall(engine, "about:U0SANNE1:D0DM0001", at=NOW + timedelta(minutes=9)) == {
        "creator_id": 7
    }
    assert _recall(engine, "about:U0SANNE1:D0DM0001", at=NOW + timedelta(minutes=10)) is None


def test_a_new_subject_replaces_the_old_one_and_restarts_the_ten_minutes(engine: Engine) -> None:
    first = _remember(engine, "about:U0SANNE1:C0GENERAL", {"creator_id": 7})
    later = NOW + timedelta(minutes=8)
    with session_scope(engine) as session:
        second = memos.remember(
            session=session,
            team_id=TEAM_ID,
            key="about:U0SANNE1:C0GENERAL",
            payload={"creator_id": 8},
            until=later + timedelta(minutes=10),
            now=later,
        )
    assert second == first  # one row per key, not a pile of them
    assert _recall(engine, "about:U0SANNE1:C0GENERAL", at=NOW + timedelta(minutes=15)) == {
        "creator_id": 8
    }


def test_another_workspace_never_reads_a_memo(engine: Engine) -> None:
    memo_id = _remember(engine, "about:U0SANNE1:C0GENERAL", {"creator_id": 7})
    assert _recall(engine, "about:U0SANNE1:C0GENERAL", team=OTHER_TEAM) is None
    assert _take(engine, memo_id, team=OTHER_TEAM) is None
    assert _take(engine, memo_id) == {"creator_id": 7}  # still there for its own team


def test_a_pick_is_used_once_however_many_clicks_arrive(engine: Engine) -> None:
    memo_id = _remember(engine, "pick:abc", {"kind": "contract", "subject": "Tom & Jerry"})
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda _: _take(engine, memo_id), range(6)))
    assert [r for r in results if r is not None] == [{"kind": "contract", "subject": "Tom & Jerry"}]


def test_a_late_click_finds_the_memo_expired(engine: Engine) -> None:
    memo_id = _remember(engine, "pick:late", {"kind": "contract"}, minutes=5)
    assert _take(engine, memo_id, at=NOW + timedelta(minutes=5)) is None
