"""Asking for approval: where a request goes, when it can't be asked, and what happens to
one that never reached its channel."""

from __future__ import annotations

from sqlalchemy import Engine

from domain.approvals import ApprovalSettings, KindSettings
from domain.values import ApprovalKind
from storage.approvals import asking
from storage.db import session_scope
from storage.models import ApprovalEvent, ApprovalRequest, Reminder
from tests.harness import TEAM_ID
from tests.storage.approvals.making import (
    ASKED,
    CHANNEL,
    A,
    B,
    R,
    ask,
    awaiting_window,
    partnership,
    posted_request,
    rows,
    team_with,
    window_status,
)

CONTRACT_BY = {ApprovalKind.CONTRACT: KindSettings((A, B))}


def test_a_request_goes_to_its_partnerships_channel_else_where_it_was_asked(
    engine: Engine,
) -> None:
    team_with(engine, ApprovalSettings(kinds=CONTRACT_BY))
    in_its_channel = ask(engine, partnership(engine, channel_id="C0PARTNER01"))
    in_this_channel = ask(engine, partnership(engine, "Lisa Jansen"))
    assert isinstance(in_its_channel, ApprovalRequest)
    assert isinstance(in_this_channel, ApprovalRequest)
    assert (in_its_channel.channel_id, in_this_channel.channel_id) == ("C0PARTNER01", CHANNEL)
    assert (in_this_channel.approvers, in_this_channel.status) == ([A, B], "pending")


def test_what_cant_be_asked_writes_nothing(engine: Engine) -> None:
    team_with(engine, ApprovalSettings(kinds={ApprovalKind.CONTENT: KindSettings((R,))}))
    deal = partnership(engine)
    assert ask(engine, deal) == "no_approvers"
    assert ask(engine, deal, kind=ApprovalKind.CONTENT) == "only_you"
    team_with(engine, ApprovalSettings(kinds=CONTRACT_BY))
    # In a DM no approver would see it.
    assert ask(engine, deal, asked_in="D0123456789") == "no_channel"
    assert ask(engine, deal, asked_in=None) == "no_channel"
    assert rows(engine, ApprovalRequest) == []


def test_the_exclusivity_request_of_an_agreed_window(engine: Engine) -> None:
    deal = partnership(engine)
    team_with(engine, ApprovalSettings())

    def for_window() -> ApprovalRequest | None:
        with session_scope(engine) as session:
            return asking.create_for_exclusivity(
                session,
                team_id=TEAM_ID,
                partnership_id=deal.id,
                window_id=7,
                requester_id=R,
                subject="Exclusivity: 30 days category",
                details="",
                channel_id=CHANNEL,
                now=ASKED,
            )

    assert for_window() is None
    team_with(engine, ApprovalSettings(kinds={ApprovalKind.EXCLUSIVITY: KindSettings((A,))}))
    request = for_window()
    assert request is not None
    assert (request.kind, request.approvers, request.channel_id, request.source) == (
        "exclusivity",
        [A],
        CHANNEL,
        {"window_id": 7},
    )


def test_group_members_join_the_approvers_but_never_the_requester(engine: Engine) -> None:
    team_with(
        engine, ApprovalSettings(kinds={ApprovalKind.CONTRACT: KindSettings((), "S0GROUP01")})
    )
    request = ask(engine, partnership(engine))
    assert isinstance(request, ApprovalRequest) and request.approvers == []
    with session_scope(engine) as session:
        joined = asking.add_group_members(
            session=session, team_id=TEAM_ID, request_id=request.id, members=[A, R, B, A]
        )
    assert joined is not None and joined.approvers == [A, B]


def _discard(engine: Engine, request_id: int) -> None:
    with session_scope(engine) as session:
        asking.discard(session=session, team_id=TEAM_ID, request_id=request_id, now=ASKED)


def test_a_request_that_never_reached_its_channel_leaves_no_trace(engine: Engine) -> None:
    team_with(engine, ApprovalSettings(kinds=CONTRACT_BY))
    request = ask(engine, partnership(engine))
    assert isinstance(request, ApprovalRequest)
    _discard(engine, request.id)
    assert rows(engine, ApprovalRequest) == []
    assert rows(engine, ApprovalEvent) == []


def test_a_posted_request_is_never_discarded(engine: Engine) -> None:
    request = posted_request(engine)
    _discard(engine, request.id)
    [kept] = rows(engine, ApprovalRequest)
    assert (kept.id, kept.status) == (request.id, "pending")
    assert {r.state for r in rows(engine, Reminder)} == {"pending"}


def test_an_unposted_request_a_window_waits_on_is_cancelled_and_the_window_withdrawn(
    engine: Engine,
) -> None:
    window, request = awaiting_window(engine)
    with session_scope(engine) as session:
        stored = session.get(ApprovalRequest, request.id)
        stored.message_ts = None  # as if posting it had failed
        session.add(stored)
    _discard(engine, request.id)
    [kept] = rows(engine, ApprovalRequest)
    assert kept.status == "cancelled"
    assert "not_posted" in [e.event for e in rows(engine, ApprovalEvent)]
    assert window_status(engine, window.id) == "withdrawn"
