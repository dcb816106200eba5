"""The digest's sections as blocks, built from an assembled digest alone: stage moves,
renewals and the KPIs against the seed's targets, and the one-line summary."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from domain.digest.facts import SpendTotal, StageMove
from domain.digest.sections import Digest
from domain.values import Stage
from handlers.blocks.digest.sections import (
    digest_summary,
    kpi_units,
    renewal_units,
    stages_units,
    text_size,
)
from locales import translator
from tests.domain.digest.facts_for_tests import NOW, TODAY, digest_of, partnership

en, nl = translator("en"), translator("nl")


def a_week() -> Digest:
    """Zoë moved to growth, her contract ends in 10 days, and the portfolio CPAE is €0.90."""
    return digest_of(
        partnerships=[partnership(1, "Zoë", stage=Stage.GROWTH, end_date=TODAY + timedelta(10))],
        moves=[StageMove(1, Stage.AMBASSADOR, Stage.GROWTH, NOW - timedelta(days=2))],
        spend=[SpendTotal(TODAY - timedelta(days=3), "EUR", Decimal("900"), Decimal("1000"))],
    )


def text_of(units: list) -> str:  # noqa: ANN001
    return "\n".join(block["text"]["text"] for unit in units for block in unit.blocks)


def test_the_stage_section_counts_and_names_the_move() -> None:
    text = text_of(stages_units(en, a_week()))
    assert "Mutual value &amp; ecosystem growth: *1* (+1)" in text
    assert "Structural ambassadorship: *0* (−1)" in text
    assert "*Zoë* · Koffie &amp; Co" in text


def test_a_renewal_names_its_end_date_and_days_left() -> None:
    text = text_of(renewal_units(en, a_week()))
    assert "*Zoë* · Koffie &amp; Co: ends on 3 Dec 2026, in 10 days" in text


def test_the_kpis_judge_cpae_against_the_084_benchmark() -> None:
    text = text_of(kpi_units(en, a_week()))
    assert "*€0.90* (new this week) · ⚠️ above the €0.84 benchmark" in text
    assert "Fees within €15,000–€50,000 per quarter `██████████` *100%*" in text
    dutch = text_of(kpi_units(nl, a_week()))
    assert "boven de benchmark van €" in dutch and "0,84" in dutch


def test_the_summary_lists_what_the_digest_holds() -> None:
    assert digest_summary(en, a_week()) == "1 move, 1 renewal, KPIs"


def test_text_size_counts_every_text_in_the_blocks() -> None:
    units = stages_units(en, a_week())
    assert text_size(units[0].blocks) >= len(text_of(units))
