"""Facts for the digest's domain tests: a healthy partnership to change, and a digest of facts
assembled at a fixed Monday morning."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from domain.digest.assembly import assemble
from domain.digest.facts import DigestFacts, PartnershipFact
from domain.digest.sections import Digest
from domain.values import IPModel, Stage

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 23 November 2026, 09:00 in Amsterdam
TODAY = date(2026, 11, 23)


def partnership(pid: int, name: str = "", **changes: Any) -> PartnershipFact:
    """A healthy live partnership: no flag, no warning, fee and premium in their bands."""
    healthy = PartnershipFact(
        partnership_id=pid,
        creator_name=name or f"Creator {pid}",
        brand_id=1,
        brand_name="Koffie & Co",
        stage=Stage.AMBASSADOR,
        end_date=TODAY + timedelta(days=200),
        quarterly_fee=Decimal("20000"),
        premium_pct=Decimal("35"),
        payment_terms_days=30,
        ip_model=IPModel.SHARED,
        latest_period_end=TODAY - timedelta(days=3),
        latest_feedback_shared=True,
    )
    return replace(healthy, **changes)


def digest_of(**facts: Any) -> Digest:
    return assemble(DigestFacts(**facts), NOW, TODAY)
