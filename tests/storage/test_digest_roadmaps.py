"""The digest's roadmap facts: the open milestones due by the end of its week, and what
data-tied completion looks at for them, so a milestone the data shows done is not reported."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine

from domain.roadmap import MilestoneId, auto_complete
from domain.values import KPIKind
from storage import digest_facts, digest_roadmaps, roadmaps
from storage.db import session_scope
from tests.factories import log_period, make_brand, make_creator, make_partnership
from tests.harness import TEAM_ID

ZONE = "Europe/Amsterdam"
START = date(2029, 11, 5)  # a Monday, nine weeks before the digest
NOW = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
TODAY = date(2030, 1, 7)
WEEK_END = TODAY + timedelta(days=6)


def test_open_milestones_due_by_the_weeks_end_and_the_facts_that_complete_them(
    engine: Engine,
) -> None:
    p = make_partnership(engine, make_creator(engine, "Zoë de Vries"), make_brand(engine))
    log_period(
        engine,
        p,
        START - timedelta(days=30),
        START - timedelta(days=1),
        {KPIKind.BRAND_FIT: 8, KPIKind.AUDIENCE_OVERLAP: 30},
    )
    with session_scope(engine) as session:
        loaded = roadmaps.create_roadmap(
            session=session,
            partnership=p,
            start_on=START,
            owner_id=None,
            created_by=None,
            timezone=ZONE,
            now=NOW,
        )
        roadmaps.mark_done(
            session=session,
            team_id=TEAM_ID,
            roadmap_id=loaded.roadmap.id,
            milestone=MilestoneId.KICKOFF,
            done_by="U0OWNER0001",
            now=NOW,
        )
        due_by_week_end = {m.milestone for m in loaded.milestones if m.due_on <= WEEK_END} - {
            MilestoneId.KICKOFF
        }
        milestones, starts = digest_roadmaps.open_milestones(session, TEAM_ID, WEEK_END)
        partnerships = digest_facts.load_facts(
            session=session, team_id=TEAM_ID, now=NOW, today=TODAY, timezone=ZONE
        ).partnerships
        creator_of = {p.id: (p.creator_id, p.brand_id)}
        facts = digest_roadmaps.roadmap_facts(
            session, TEAM_ID, list(partnerships), creator_of, {}, starts, [], WEEK_END
        )
    assert {m.milestone for m in milestones} == due_by_week_end  # done and later ones left out
    assert starts == {p.id: START}
    done_by_data = auto_complete(facts[p.id])
    assert MilestoneId.RECORD_BRAND_FIT in done_by_data
    assert MilestoneId.CONTRACT_SIGNED in done_by_data  # 30-day terms and an end date
