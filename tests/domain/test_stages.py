"""The framework's steps: their seed KPIs and what each needs before the next."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from domain.stages import (
    STAGE_KPIS,
    Requirement,
    RequirementCode,
    StageFacts,
    next_stage_requirements,
    ready_for_next_stage,
    stage_kpis,
)
from domain.values import IPModel, KPIKind, Stage

R = RequirementCode


def unmet(facts: StageFacts) -> list[RequirementCode]:
    return [r.code for r in next_stage_requirements(facts) if not r.met]


def test_stage_kpis_follow_the_seed_table() -> None:
    assert stage_kpis(Stage.ALIGNMENT) == (KPIKind.BRAND_FIT, KPIKind.AUDIENCE_OVERLAP)
    assert stage_kpis(Stage.GUARDRAILS) == (KPIKind.CREATOR_SATISFACTION, KPIKind.AUTHENTICITY)
    assert stage_kpis(Stage.AMBASSADOR) == (KPIKind.RETENTION, KPIKind.SHARE_OF_VOICE)
    assert stage_kpis(Stage.GROWTH) == (KPIKind.PORTFOLIO_GROWTH, KPIKind.MUTUAL_VALUE)


@pytest.mark.parametrize("stage", [Stage.PROSPECT, Stage.RENEWED, Stage.ENDED])
def test_stages_outside_the_framework_have_no_kpis(stage: Stage) -> None:
    assert stage_kpis(stage) == ()


def test_every_framework_step_needs_its_own_kpis_recorded_before_moving_on() -> None:
    for stage, step_kpis in STAGE_KPIS.items():
        codes = {r.code for r in next_stage_requirements(StageFacts(stage))}
        assert {RequirementCode(f"{kind}_recorded") for kind in step_kpis} <= codes


def test_prospect_needs_a_kickoff_scheduled() -> None:
    assert next_stage_requirements(StageFacts(Stage.PROSPECT)) == (
        Requirement(R.KICKOFF_SCHEDULED, False),
    )
    assert ready_for_next_stage(StageFacts(Stage.PROSPECT, kickoff_scheduled=True))


def test_alignment_to_guardrails() -> None:
    nothing = StageFacts(Stage.ALIGNMENT)
    assert [r.code for r in next_stage_requirements(nothing)] == [
        R.KICKOFF_HELD,
        R.FIRST_PARTY_DATA_SHARED,
        R.BRAND_FIT_RECORDED,
        R.AUDIENCE_OVERLAP_RECORDED,
    ]
    assert not any(r.met for r in next_stage_requirements(nothing))

    half = StageFacts(
        Stage.ALIGNMENT, kickoff_held=True, kpis_recorded=frozenset({KPIKind.BRAND_FIT})
    )
    assert unmet(half) == [R.FIRST_PARTY_DATA_SHARED, R.AUDIENCE_OVERLAP_RECORDED]
    assert not ready_for_next_stage(half)

    done = StageFacts(
        Stage.ALIGNMENT,
        kickoff_held=True,
        first_party_data_shared=True,
        kpis_recorded=frozenset({KPIKind.BRAND_FIT, KPIKind.AUDIENCE_OVERLAP}),
    )
    assert unmet(done) == []
    assert ready_for_next_stage(done)


def guardrails_done(**changes: Any) -> StageFacts:
    """A partnership in the guardrails step with everything for the next one, unless changed."""
    done = StageFacts(
        Stage.GUARDRAILS,
        briefing_canvas_agreed=True,
        ip_model=IPModel.LICENSED,
        contract_signed=True,
        payment_terms_days=30,
        kpis_recorded=frozenset({KPIKind.CREATOR_SATISFACTION, KPIKind.AUTHENTICITY}),
    )
    return replace(done, **changes)


def test_guardrails_to_ambassador() -> None:
    assert [r.code for r in next_stage_requirements(guardrails_done())] == [
        R.BRIEFING_CANVAS_AGREED,
        R.IP_SETTLED,
        R.CONTRACT_SIGNED,
        R.PAYMENT_TERMS_UNDER_90_DAYS,
        R.CREATOR_SATISFACTION_RECORDED,
        R.AUTHENTICITY_RECORDED,
    ]
    assert ready_for_next_stage(guardrails_done())


@pytest.mark.parametrize("ip_model", [IPModel.UNCLEAR, None])
def test_unclear_or_unrecorded_ip_is_not_settled(ip_model: IPModel | None) -> None:
    assert unmet(guardrails_done(ip_model=ip_model)) == [R.IP_SETTLED]


@pytest.mark.parametrize("ip_model", [IPModel.SHARED, IPModel.LICENSED, IPModel.BUYOUT])
def test_any_clear_ip_model_is_settled(ip_model: IPModel) -> None:
    assert unmet(guardrails_done(ip_model=ip_model)) == []


@pytest.mark.parametrize(
    ("terms", "met"), [(0, True), (89, True), (90, False), (120, False), (None, False)]
)
def test_payment_terms_must_be_under_90_days(terms: int | None, met: bool) -> None:
    assert (
        R.PAYMENT_TERMS_UNDER_90_DAYS not in unmet(guardrails_done(payment_terms_days=terms))
    ) == met


def test_an_unsigned_contract_is_not_enough() -> None:
    assert unmet(guardrails_done(contract_signed=False)) == [R.CONTRACT_SIGNED]


def ambassador(**changes: Any) -> StageFacts:
    """An ambassador with everything for the growth step, unless changed."""
    done = StageFacts(
        Stage.AMBASSADOR,
        term_months=6,
        performance_incentive=True,
        kpis_recorded=frozenset({KPIKind.RETENTION, KPIKind.SHARE_OF_VOICE}),
    )
    return replace(done, **changes)


@pytest.mark.parametrize(
    ("months", "met"), [(5, False), (6, True), (9, True), (12, True), (13, False), (None, False)]
)
def test_ambassador_term_is_6_to_12_months(months: int | None, met: bool) -> None:
    assert (R.TERM_6_TO_12_MONTHS not in unmet(ambassador(term_months=months))) == met


def test_ambassador_to_growth() -> None:
    assert [r.code for r in next_stage_requirements(ambassador())] == [
        R.TERM_6_TO_12_MONTHS,
        R.PERFORMANCE_INCENTIVE_AGREED,
        R.RETENTION_RECORDED,
        R.SHARE_OF_VOICE_RECORDED,
    ]
    assert ready_for_next_stage(ambassador())
    assert unmet(ambassador(performance_incentive=False)) == [R.PERFORMANCE_INCENTIVE_AGREED]
    assert unmet(ambassador(kpis_recorded=frozenset())) == [
        R.RETENTION_RECORDED,
        R.SHARE_OF_VOICE_RECORDED,
    ]


def test_growth_needs_its_kpis_and_the_renewal_decision() -> None:
    growth = StageFacts(
        Stage.GROWTH,
        kpis_recorded=frozenset({KPIKind.PORTFOLIO_GROWTH, KPIKind.MUTUAL_VALUE}),
    )
    assert unmet(growth) == [R.RENEWAL_DECIDED]
    assert ready_for_next_stage(replace(growth, renewal_decided=True))


@pytest.mark.parametrize("stage", [Stage.RENEWED, Stage.ENDED])
def test_after_the_term_there_is_nothing_to_meet(stage: Stage) -> None:
    facts = StageFacts(stage, renewal_decided=True)
    assert next_stage_requirements(facts) == ()
    assert not ready_for_next_stage(facts)


def test_every_requirement_code_is_used_by_some_stage() -> None:
    used = {r.code for stage in Stage for r in next_stage_requirements(StageFacts(stage))}
    assert used == set(RequirementCode)
