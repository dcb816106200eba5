"""What data-tied completion looks at, loaded in bulk; the domain's rule applied by the caller
and its result written once (completion sticks)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, select

from domain.roadmap import completed_by_data
from domain.values import KPIKind
from storage import roadmaps
from storage.db import session_scope
from storage.models import RoadmapMilestone
from storage.roadmap_facts import roadmap_facts
from tests.factories import log_period
from tests.storage.test_roadmaps import EARLY, counted, create, partnership


def complete_from_data(
    session: Session, team_id: str, loaded: list[roadmaps.LoadedRoadmap]
) -> dict[int, set[str]]:
    """Load the facts, apply the domain's rule, mark what it finds done (as the handler does)."""
    facts = roadmap_facts(session=session, team_id=team_id, loaded=loaded)
    done = completed_by_data(roadmaps.open_milestones(loaded), facts)
    roadmaps.mark_done_by_data(session=session, team_id=team_id, completed=done, now=EARLY)
    return done


def test_facts_and_completion_for_many_roadmaps_take_a_fixed_number_of_queries(
    engine: Engine,
) -> None:
    ps = [partnership(engine, f"Creator {n}") for n in range(3)]
    for p in ps:
        create(engine, p)
    log_period(
        engine,
        ps[0],
        date(2026, 10, 1),
        date(2026, 10, 31),
        {KPIKind.BRAND_FIT: 8, KPIKind.AUDIENCE_OVERLAP: 30},
    )

    def load_and_complete(ids: list[int]) -> tuple[int, dict]:
        with session_scope(engine) as session:
            with counted(engine) as statements:
                loaded = roadmaps.roadmaps_for_partnerships(
                    session=session, team_id=ps[0].team_id, partnership_ids=ids
                )
                facts = roadmap_facts(
                    session=session, team_id=ps[0].team_id, loaded=list(loaded.values())
                )
            return len(statements), facts

    one, _ = load_and_complete([ps[1].id])
    three, facts = load_and_complete([p.id for p in ps])
    assert one == three
    by_partnership = {f.start: f for f in facts.values()}
    assert len(facts) == 3 and len(by_partnership) == 1
    with session_scope(engine) as session:
        loaded = roadmaps.roadmaps_for_partnerships(
            session=session, team_id=ps[0].team_id, partnership_ids=[p.id for p in ps]
        )
        done = complete_from_data(session, ps[0].team_id, list(loaded.values()))
    # Every factory partnership has a contract with 30-day terms; only the first has brand fit.
    assert done[loaded[ps[0].id].roadmap.id] == {"contract_signed", "record_brand_fit"}
    assert done[loaded[ps[2].id].roadmap.id] == {"contract_signed"}
    with session_scope(engine) as session:
        auto = session.exec(
            select(RoadmapMilestone).where(RoadmapMilestone.done_by == roadmaps.AUTO)
        ).all()
    assert len(auto) == 4


def test_terms_of_90_days_do_not_complete_the_contract(engine: Engine) -> None:
    p = partnership(engine, payment_terms_days=90)
    create(engine, p)
    with session_scope(engine) as session:
        loaded = roadmaps.roadmap_for_partnership(
            session=session, team_id=p.team_id, partnership_id=p.id
        )
        done = complete_from_data(session, p.team_id, [loaded])
    assert done == {}
