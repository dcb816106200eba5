"""The status card's builder from facts alone: every line it words, in English and Dutch."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from domain.negotiation import Terms
from domain.roadmap import RoadmapProgress
from domain.status import (
    CardApproval,
    CardRoadmap,
    CardWindow,
    StatusCard,
    StatusFacts,
    assemble,
)
from domain.values import ApprovalKind, IPModel, Scope, Stage
from handlers.blocks.status import build_status_card
from locales import translator

TODAY = date(2026, 11, 23)
ZONE = "Europe/Amsterdam"


def card(**fields: Any) -> StatusCard:
    facts = StatusFacts(
        stage=Stage.ALIGNMENT,
        start_date=date(2026, 10, 1),
        end_date=date(2027, 9, 30),
        quarterly_fee=Decimal("15000"),
        currency="EUR",
        premium_pct=Decimal("35"),
        payment_terms_days=30,
        ip_model=IPModel.SHARED,
        performance_incentive="",
        renewal_decided=False,
    )
    values: dict[str, Any] = {
        "partnership_id": 3,
        "creator_name": "Zoë <3",
        "handle": "zoe",
        "brand_name": "Koffie & Co",
        "owner_user_id": "U0OWNER001",
        "status": assemble(facts, TODAY),
        "timezone": ZONE,
    }
    values.update(fields)
    return StatusCard(**values)


def plans(message: dict[str, Any]) -> str:
    (section,) = [b for b in message["blocks"] if b.get("block_id") == "plans"]
    return section["text"]["text"]


def test_an_empty_card_says_none_not_started_and_none_pending() -> None:
    text = plans(build_status_card(translator("en"), card()))
    assert text.splitlines() == [
        "*Exclusivity windows:* none",
        "*12-week roadmap:* not started",
        "*Approvals:* none pending",
    ]


def test_windows_roadmap_and_approvals_from_their_facts() -> None:
    status = card(
        windows=(
            CardWindow(
                Terms(scope=Scope.COMPETITORS, competitors=("Bean & Bar",), after_hours=24 * 14),
                date(2026, 11, 20),
                date(2026, 12, 4),
                active=True,
            ),
            CardWindow(Terms(), date(2026, 12, 10), date(2026, 12, 20), active=False),
        ),
        roadmap=CardRoadmap(
            roadmap_id=9,
            owner_id="U0OWNER001",
            start_on=date(2026, 10, 26),
            weeks=12,
            progress=RoadmapProgress(5, 6, 14, ("kickoff",), ()),
        ),
        approvals=(
            CardApproval(
                ApprovalKind.PAYMENT,
                "Fee <Q1>",
                datetime(2026, 11, 22, 9, 0, tzinfo=UTC),
                overdue=True,
                waiting=("U0BOB00001",),
            ),
            CardApproval(
                ApprovalKind.CONTRACT,
                "Renewal",
                datetime(2026, 11, 24, 15, 30, tzinfo=UTC),
                overdue=False,
                waiting=(),
            ),
        ),
    )
    text = plans(build_status_card(translator("en"), status))
    # Competitors as typed, escaped once; dates as given; the state in words.
    assert "(Bean &amp; Bar)" in text
    assert "14 days after go-live" in text
    assert "20 Nov 2026 – 4 Dec 2026 (active)" in text
    assert "10 Dec 2026 – 20 Dec 2026 (upcoming)" in text
    assert "*12-week roadmap:* Week 5 of 12 · 6/14 done · 1 overdue" in text
    # Due times in the team's zone (UTC+1 in November); nobody left to wait for: a dash.
    assert "⏳ Payment: “Fee &lt;Q1&gt;” · waiting for <@U0BOB00001> · overdue since" in text
    assert "10:00" in text and "16:30" in text
    assert "⏳ Contract: “Renewal” · waiting for – · due" in text


def test_the_card_in_dutch_words_the_same_facts() -> None:
    status = card(
        windows=(CardWindow(Terms(), date(2026, 12, 10), date(2026, 12, 20), active=False),),
        approvals=(
            CardApproval(
                ApprovalKind.PAYMENT,
                "Fee",
                datetime(2026, 11, 24, 9, 0, tzinfo=UTC),
                overdue=False,
                waiting=("U0BOB00001",),
            ),
        ),
    )
    text = plans(build_status_card(translator("nl"), status))
    assert "none" not in text and "upcoming" not in text
    assert "<@U0BOB00001>" in text


def test_approvals_beyond_the_listed_limit_are_left_off() -> None:
    many = tuple(
        CardApproval(
            ApprovalKind.BRIEF,
            f"Brief {n:02d}",
            datetime(2026, 11, 24, 9, 0, tzinfo=UTC) + timedelta(hours=n),
            overdue=False,
            waiting=(),
        )
        for n in range(20)
    )
    text = plans(build_status_card(translator("en"), card(approvals=many)))
    assert "Brief 14" in text
    assert "Brief 15" not in text


def test_title_fallback_and_owner() -> None:
    message = build_status_card(translator("en"), card(), shareable=False)
    assert message["text"] == "Status of Zoë &lt;3 with Koffie &amp; Co"
    assert "response_type" not in message
    contract = next(b for b in message["blocks"] if b.get("block_id") == "contract")
    assert any("<@U0OWNER001>" in field["text"] for field in contract["fields"])
