"""The agreement in the thread and its clause, built from facts alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

from domain.negotiation import Terms
from domain.values import Platform, Scope
from handlers.blocks.exclusivity.actions import WINDOW_WITHDRAW_ACTION
from handlers.blocks.exclusivity.agreement import ClauseFacts, build_agreement, clause_text
from locales import translator
from tests.slackspec import check_blocks

EN, NL = translator("en"), translator("nl")
FACTS = ClauseFacts(
    creator="Zoë <de> Vries",
    brand="Maison & Co",
    terms=Terms(
        scope=Scope.COMPETITORS,
        competitors=("Glow", "Dewy"),
        before_hours=24,
        after_hours=14 * 24,
        platforms=frozenset({Platform.INSTAGRAM}),
    ),
    starts_at=datetime(2026, 11, 30, 0, 0, tzinfo=UTC),
    ends_at=datetime(2026, 12, 15, 0, 0, tzinfo=UTC),
    covers_other_accounts=False,
    covers_pr_packages=True,
    price=Decimal("300"),
    currency="EUR",
)


def test_the_clause_names_both_parties_the_window_and_the_price_as_typed() -> None:
    clause = clause_text(EN, FACTS)
    assert "Zoë <de> Vries (the Influencer)" in clause and "Maison & Co (the Advertiser)" in clause
    assert "sponsored content for Glow, Dewy" in clause
    assert "1 day before to 14 days after go-live" in clause
    assert "Instagram" in clause and "€300.00" in clause
    assert "PR packages count" in clause
    dutch = clause_text(NL, FACTS)
    assert "2.1" in dutch and "Maison & Co" in dutch and "300,00" in dutch


def test_the_scope_decides_what_the_clause_excludes() -> None:
    full = clause_text(EN, replace(FACTS, terms=Terms(scope=Scope.FULL)))
    assert "any sponsored content" in full and "all platforms" in full
    category = clause_text(EN, replace(FACTS, terms=Terms()))
    assert "similar to Maison & Co's" in category


def test_the_agreement_escapes_the_clauses_once_and_offers_to_withdraw_the_window() -> None:
    message = build_agreement(
        EN,
        clause_text(EN, FACTS),
        clause_text(NL, FACTS),
        window_id=4,
        awaiting_approval=False,
        price="€300.00",
    )
    check_blocks(message["blocks"])
    english = message["blocks"][1]["text"]["text"]
    assert english.startswith("*English*") and "Zoë &lt;de&gt; Vries" in english
    assert "&amp;amp;" not in english
    [actions] = [block for block in message["blocks"] if block["type"] == "actions"]
    assert [(e["action_id"], e["value"]) for e in actions["elements"]] == [
        (WINDOW_WITHDRAW_ACTION, "4")
    ]
    assert "recorded" in message["text"]


def test_an_agreement_awaiting_approval_says_so_and_warns_when_nobody_can_approve() -> None:
    clauses = (clause_text(EN, FACTS), clause_text(NL, FACTS))
    awaiting = build_agreement(
        EN, *clauses, window_id=4, awaiting_approval=True, price="€300.00", no_approvers=False
    )
    assert "requires approval" in awaiting["text"]
    assert "Nobody approves" not in str(awaiting["blocks"])
    unapproved = build_agreement(
        EN, *clauses, window_id=4, awaiting_approval=True, price="€300.00", no_approvers=True
    )
    assert "Nobody approves exclusivity yet" in unapproved["blocks"][1]["text"]["text"]
    # A window in force waits for nobody: no warning.
    agreed = build_agreement(
        EN, *clauses, window_id=4, awaiting_approval=False, price="€300.00", no_approvers=True
    )
    assert "Nobody approves" not in str(agreed["blocks"])
