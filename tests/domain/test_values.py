"""The shared value types: the framework's stages in order, and scopes from narrow to wide."""

from __future__ import annotations

from domain.values import Scope, Stage


def test_the_framework_runs_alignment_guardrails_ambassador_growth_as_steps_1_to_4() -> None:
    steps = {stage: stage.step for stage in Stage if stage.step is not None}
    assert steps == {
        Stage.ALIGNMENT: 1,
        Stage.GUARDRAILS: 2,
        Stage.AMBASSADOR: 3,
        Stage.GROWTH: 4,
    }


def test_a_prospect_and_a_renewed_or_ended_partnership_are_outside_the_framework() -> None:
    assert (Stage.PROSPECT.step, Stage.RENEWED.step, Stage.ENDED.step) == (None, None, None)


def test_each_stage_leads_to_the_next_from_prospect_to_growth() -> None:
    path = [Stage.PROSPECT]
    while path[-1].next is not None:
        path.append(path[-1].next)
    assert path == [
        Stage.PROSPECT,
        Stage.ALIGNMENT,
        Stage.GUARDRAILS,
        Stage.AMBASSADOR,
        Stage.GROWTH,
    ]
    assert Stage.RENEWED.next is None and Stage.ENDED.next is None


def test_content_is_in_production_from_the_creative_guardrails_on() -> None:
    # domain.md: IP must be clear "once the partnership is in production (stage guardrails or
    # later)"; an ended partnership makes nothing any more.
    producing = {stage for stage in Stage if stage.in_production}
    assert producing == {Stage.GUARDRAILS, Stage.AMBASSADOR, Stage.GROWTH, Stage.RENEWED}


def test_scopes_widen_from_a_competitor_list_to_the_category_to_everything() -> None:
    assert sorted(Scope, key=lambda scope: scope.width) == [
        Scope.COMPETITORS,
        Scope.CATEGORY,
        Scope.FULL,
    ]
