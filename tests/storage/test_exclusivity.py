"""Quotes, their rounds and agreed windows in storage: of clicks on one message only the first
changes the quote, a withdrawn window stays withdrawn, and only windows in force are listed."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

from sqlalchemy import Engine

from storage import exclusivity
from storage.db import session_scope
from storage.models import ExclusivityQuote, ExclusivityWindow, Partnership
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import START, TEAM_ID

OTHER_TEAM = "T0987654321"
DAY = timedelta(days=1)


def a_partnership(engine: Engine) -> Partnership:
    return make_partnership(engine, make_creator(engine), make_brand(engine))


def open_quote(engine: Engine, partnership: Partnership) -> int:
    with session_scope(engine) as session:
        quote = exclusivity.create_quote(
            session=session,
            quote=ExclusivityQuote(
                team_id=TEAM_ID,
                partnership_id=partnership.id,
                channel_id="C0123456789",
                thread_ts="1700000000.000100",
                low=Decimal(100),
                typical=Decimal(150),
                high=Decimal(400),
            ),
            now=START,
        )
        exclusivity.record_round(
            session=session, quote=quote, user_id="U0123456789", change={"code": "quote"}, now=START
        )
        assert quote.id is not None
        return quote.id


def claim(engine: Engine, quote_id: int, version: int | None, team_id: str = TEAM_ID) -> str:
    with session_scope(engine) as session:
        return exclusivity.claim_quote(
            session=session, team_id=team_id, quote_id=quote_id, version=version
        ).code


def move(engine: Engine, quote_id: int, change: dict) -> None:
    with session_scope(engine) as session:
        quote = exclusivity.lock_quote(session=session, team_id=TEAM_ID, quote_id=quote_id)
        assert quote is not None
        exclusivity.record_round(
            session=session, quote=quote, user_id="U0123456789", change=change, now=START + DAY
        )


def test_a_click_on_the_current_message_claims_the_quote(engine: Engine) -> None:
    quote_id = open_quote(engine, a_partnership(engine))
    assert claim(engine, quote_id, version=1) == "claimed"


def test_after_a_move_a_click_on_the_old_message_is_stale(engine: Engine) -> None:
    quote_id = open_quote(engine, a_partnership(engine))
    move(engine, quote_id, {"code": "window", "after_hours": 336})
    assert claim(engine, quote_id, version=1) == "stale"
    assert claim(engine, quote_id, version=2) == "claimed"
    assert claim(engine, quote_id, version=None) == "claimed"  # a typed reply: any version


def test_each_move_is_a_round_with_the_price_it_led_to(engine: Engine) -> None:
    quote_id = open_quote(engine, a_partnership(engine))
    move(engine, quote_id, {"code": "ask", "amount": "300"})
    move(engine, quote_id, {"code": "accept"})
    with session_scope(engine) as session:
        kept = exclusivity.rounds(session=session, quote_id=quote_id)
        assert [r.change["code"] for r in kept] == ["quote", "ask", "accept"]
        assert all((r.low, r.typical, r.high) == (100, 150, 400) for r in kept)
        quote = exclusivity.get_quote(session=session, team_id=TEAM_ID, quote_id=quote_id)
        assert quote is not None and quote.version == 3


def test_a_closed_quote_is_closed_and_another_workspaces_is_missing(engine: Engine) -> None:
    quote_id = open_quote(engine, a_partnership(engine))
    with session_scope(engine) as session:
        quote = exclusivity.get_quote(session=session, team_id=TEAM_ID, quote_id=quote_id)
        assert quote is not None
        quote.status = "agreed"
        session.add(quote)
    assert claim(engine, quote_id, version=1) == "closed"
    assert claim(engine, quote_id, version=1, team_id=OTHER_TEAM) == "missing"
    assert claim(engine, quote_id + 1000, version=1) == "missing"
    with session_scope(engine) as session:
        assert exclusivity.get_quote(session=session, team_id=OTHER_TEAM, quote_id=quote_id) is None


def test_a_quote_is_found_by_its_thread_in_its_own_workspace_only(engine: Engine) -> None:
    quote_id = open_quote(engine, a_partnership(engine))
    where = {"channel_id": "C0123456789", "thread_ts": "1700000000.000100"}
    with session_scope(engine) as session:
        found = exclusivity.quote_in_thread(session=session, team_id=TEAM_ID, **where)
        assert found is not None and found.id == quote_id
        assert exclusivity.quote_in_thread(session=session, team_id=OTHER_TEAM, **where) is None
        elsewhere = {**where, "thread_ts": "1700000000.000200"}
        assert exclusivity.quote_in_thread(session=session, team_id=TEAM_ID, **elsewhere) is None


def add_window(
    engine: Engine, partnership: Partnership, starts: datetime, days: int, status: str = "agreed"
) -> int:
    with session_scope(engine) as session:
        window = exclusivity.record_window(
            session=session,
            window=ExclusivityWindow(
                team_id=TEAM_ID,
                creator_id=partnership.creator_id,
                partnership_id=partnership.id,
                scope="category",
                golive_at=starts,
                starts_at=starts,
                ends_at=starts + days * DAY,
                after_hours=days * 24,
                price=Decimal(150),
                status=status,
            ),
            now=START,
        )
        assert window.id is not None
        return window.id


def listed(engine: Engine, **filters) -> list[int]:
    with session_scope(engine) as session:
        return [w.id for w in exclusivity.windows(session=session, team_id=TEAM_ID, **filters)]


def test_windows_in_force_are_listed_oldest_start_first(engine: Engine) -> None:
    partnership = a_partnership(engine)
    later = add_window(engine, partnership, START + 10 * DAY, 14)
    sooner = add_window(engine, partnership, START, 7, status="awaiting_approval")
    add_window(engine, partnership, START + 2 * DAY, 7, status="withdrawn")
    assert listed(engine) == [sooner, later]
    assert listed(engine, creator_id=partnership.creator_id) == [sooner, later]
    assert listed(engine, creator_id=partnership.creator_id + 1000) == []
    assert listed(engine, partnership_ids=[partnership.id]) == [sooner, later]


def test_windows_around_a_moment(engine: Engine) -> None:
    partnership = a_partnership(engine)
    week = add_window(engine, partnership, START, 7)  # ends START + 7 days
    fortnight = add_window(engine, partnership, START + 10 * DAY, 14)
    assert listed(engine, ending_after=START + 7 * DAY) == [fortnight]  # ended: not in force
    assert listed(engine, starting_before=START + 10 * DAY) == [week, fortnight]
    assert listed(engine, starting_before=START + 9 * DAY) == [week]


def test_of_two_withdrawals_only_the_first_withdraws(engine: Engine) -> None:
    window_id = add_window(engine, a_partnership(engine), START, 7)
    with session_scope(engine) as session:
        assert not exclusivity.withdraw_window(
            session=session, team_id=OTHER_TEAM, window_id=window_id, at=START + DAY
        )
    with session_scope(engine) as session:
        assert exclusivity.withdraw_window(
            session=session, team_id=TEAM_ID, window_id=window_id, at=START + DAY
        )
    with session_scope(engine) as session:
        assert not exclusivity.withdraw_window(
            session=session, team_id=TEAM_ID, window_id=window_id, at=START + 2 * DAY
        )
        window = exclusivity.get_window(session=session, team_id=TEAM_ID, window_id=window_id)
        assert window is not None
        assert (window.status, window.withdrawn_at) == ("withdrawn", START + DAY)
    assert listed(engine) == []


def decided(window_id: int, status: str, at: datetime) -> SimpleNamespace:
    """The parts of an approval request a window follows."""
    return SimpleNamespace(source={"window_id": window_id}, status=status, updated_at=at)


def test_a_window_follows_its_approval_and_a_withdrawn_one_stays_withdrawn(engine: Engine) -> None:
    partnership = a_partnership(engine)
    approved = add_window(engine, partnership, START, 7, status="awaiting_approval")
    rejected = add_window(engine, partnership, START + DAY, 7, status="awaiting_approval")
    with session_scope(engine) as session:
        exclusivity.follow_approval(session, decided(approved, "approved", START + DAY))
        exclusivity.follow_approval(session, decided(rejected, "rejected", START + 2 * DAY))
    with session_scope(engine) as session:
        exclusivity.follow_approval(session, decided(rejected, "approved", START + 3 * DAY))
    with session_scope(engine) as session:
        first = exclusivity.get_window(session=session, team_id=TEAM_ID, window_id=approved)
        second = exclusivity.get_window(session=session, team_id=TEAM_ID, window_id=rejected)
        assert first is not None and second is not None
        assert (first.status, first.withdrawn_at) == ("agreed", None)
        assert (second.status, second.withdrawn_at) == ("withdrawn", START + 2 * DAY)
