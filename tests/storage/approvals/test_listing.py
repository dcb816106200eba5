"""Pending lists: yours (asked, to decide, or escalated to you) and the team's."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from storage.approvals import listing
from storage.db import session_scope
from tests.factories import make_creator
from tests.harness import TEAM_ID
from tests.storage.approvals.making import ASKED, A, F, R, posted_request


def test_pending_lists_mine_and_all(engine: Engine) -> None:
    request = posted_request(engine)
    at = ASKED + timedelta(hours=1)
    escalated = request.due_at + timedelta(hours=24)
    with session_scope(engine) as session:

        def listed(now, user_id=None) -> list[int]:  # noqa: ANN001
            items = listing.list_pending(session=session, team_id=TEAM_ID, now=now, user_id=user_id)
            return [item.request.id for item in items]

        assert listed(at, A) == listed(at, R) == listed(at) == [request.id]
        assert listed(at, F) == []  # the fallback only once it is escalated
        assert listed(escalated, F) == [request.id]
        assert listed(request.expires_at) == []  # past its expiry, even before the clock ran
        [item] = listing.list_pending(session=session, team_id=TEAM_ID, now=at)
    assert (item.creator_name, item.brand_name) == ("Zoë de Vries", "Brand of Zoë de Vries")


def test_the_shortcut_offers_live_creators_by_name(engine: Engine) -> None:
    make_creator(engine, "Zoë de Vries")
    lisa = make_creator(engine, "Lisa Jansen")
    make_creator(engine, "Old Account", archived=True)
    with session_scope(engine) as session:
        choices = listing.creator_choices(session=session, team_id=TEAM_ID, limit=1)
    assert choices == [(lisa.id, "Lisa Jansen", "lisajansen")]
