"""The roadmap facts the digest builds from its bulk facts: what data-tied completion then
finds done, so a milestone the data shows done is not reported as due."""

from __future__ import annotations

from datetime import date, timedelta

from domain.digest.facts import roadmap_facts_from
from domain.roadmap import MilestoneId, auto_complete
from domain.values import KPIKind
from tests.domain.digest.facts_for_tests import TODAY, partnership

START = TODAY - timedelta(days=30)


def completed(**changes: object) -> set[str]:
    arguments = {
        "start": START,
        "latest_by_kind": {},
        "latest_shared_period_end": None,
        "latest_answer_on": None,
        "p": partnership(1),
        "exclusivity_settled": False,
    }
    arguments.update(changes)
    return auto_complete(roadmap_facts_from(**arguments))  # type: ignore[arg-type]


def test_a_contract_with_terms_and_an_end_date_is_signed() -> None:
    assert MilestoneId.CONTRACT_SIGNED in completed()
    unsigned = partnership(1, end_date=None)
    assert MilestoneId.CONTRACT_SIGNED not in completed(p=unsigned)


def test_cpae_is_computed_once_spend_and_engagements_ended_since_the_start() -> None:
    since_start = {KPIKind.SPEND: TODAY, KPIKind.AUTHENTIC_ENGAGEMENTS: TODAY}
    assert MilestoneId.COMPUTE_CPAE in completed(latest_by_kind=since_start)
    before_start = {KPIKind.SPEND: START - timedelta(days=1), KPIKind.AUTHENTIC_ENGAGEMENTS: TODAY}
    assert MilestoneId.COMPUTE_CPAE not in completed(latest_by_kind=before_start)


def test_an_nps_answer_and_shared_feedback_count_from_the_start() -> None:
    done = completed(latest_answer_on=START, latest_shared_period_end=TODAY)
    assert {MilestoneId.NPS_SURVEY, MilestoneId.SHARE_FEEDBACK} <= done
    early = completed(latest_answer_on=date(2000, 1, 1), latest_shared_period_end=date(2000, 1, 1))
    assert not {MilestoneId.NPS_SURVEY, MilestoneId.SHARE_FEEDBACK} & early
