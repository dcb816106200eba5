"""What data-tied roadmap completion looks at (domain.roadmap.RoadmapFacts), loaded for many
roadmaps at once: facts only; the rule that reads them is the domain's."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from domain.kpis import NPSAnswer as NPSAnswerFact
from domain.roadmap import RoadmapFacts
from storage.kpis import kpi_histories
from storage.models import ExclusivityWindow, NPSAnswer, Partnership
from storage.roadmaps import LoadedRoadmap


def roadmap_facts(
    *, session: Session, team_id: str, loaded: Sequence[LoadedRoadmap]
) -> dict[int, RoadmapFacts]:
    """What auto-completion looks at, for many roadmaps (by roadmap id), in five queries."""
    if not loaded:
        return {}
    partnership_ids = [item.roadmap.partnership_id for item in loaded]
    partnerships = {
        p.id: p
        for p in session.exec(
            select(Partnership).where(
                Partnership.team_id == team_id, col(Partnership.id).in_(partnership_ids)
            )
        ).all()
    }
    histories = kpi_histories(session=session, team_id=team_id, partnership_ids=partnership_ids)
    earliest = min(item.roadmap.start_on for item in loaded)
    creator_ids = {p.creator_id for p in partnerships.values()}
    answers = session.exec(
        select(NPSAnswer).where(
            NPSAnswer.team_id == team_id,
            col(NPSAnswer.creator_id).in_(creator_ids),
            col(NPSAnswer.answered_on) >= earliest,
        )
    ).all()
    settled = set(
        session.exec(
            select(ExclusivityWindow.partnership_id).where(
                ExclusivityWindow.team_id == team_id,
                col(ExclusivityWindow.partnership_id).in_(partnership_ids),
                ExclusivityWindow.status == "agreed",
            )
        ).all()
    )
    facts: dict[int, RoadmapFacts] = {}
    for item in loaded:
        partnership = partnerships.get(item.roadmap.partnership_id)
        if partnership is None:
            continue
        history = histories[partnership.id]
        facts[item.roadmap.id] = RoadmapFacts(
            start=item.roadmap.start_on,
            kpi_records=history.records,
            nps_answers=tuple(
                NPSAnswerFact(str(a.creator_id), a.answered_on, a.score)
                for a in answers
                if a.creator_id == partnership.creator_id
                and a.brand_id in (None, partnership.brand_id)
            ),
            ip_model=partnership.ip_model,
            exclusivity_settled=partnership.id in settled,
            # As on the status card: a contract is recorded once its end and payment terms are.
            contract_signed=partnership.payment_terms_days is not None
            and partnership.end_date is not None,
            payment_terms_days=partnership.payment_terms_days,
            feedback_shared_period_ends=tuple(
                p.period_end for p in history.periods if p.feedback_shared
            ),
            renewal_decided=partnership.renewal_decision is not None,
        )
    return facts
