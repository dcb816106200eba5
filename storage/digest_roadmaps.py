"""The digest's roadmap facts: open milestones due by the end of its week, and what data-tied
completion looks at for their partnerships (the domain applies the rule), in a fixed number of
queries."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from domain.digest.facts import (
    BrandAnswer,
    MilestoneFact,
    PartnershipFact,
    roadmap_facts_from,
)
from domain.roadmap import RoadmapFacts
from domain.values import KPIKind
from storage.models import (
    ExclusivityWindow,
    KPIPeriod,
    KPIValue,
    Roadmap,
    RoadmapMilestone,
)

# What data-tied roadmap completion looks at among the recorded KPIs.
_ROADMAP_KINDS = (
    KPIKind.BRAND_FIT,
    KPIKind.AUDIENCE_OVERLAP,
    KPIKind.SPEND,
    KPIKind.AUTHENTIC_ENGAGEMENTS,
    KPIKind.MUTUAL_VALUE,
)


def plain_rows(session: Session, statement: Any) -> Any:
    """Run a select of columns on the session's connection: plain rows, without the ORM's
    per-row work (a third of the time on 5,000 partnerships)."""
    return session.connection().execute(statement)


def _open_milestones_statement(team_id: str, week_end: date):  # noqa: ANN202
    return (
        select(
            Roadmap.partnership_id,
            RoadmapMilestone.milestone,
            RoadmapMilestone.due_on,
            Roadmap.start_on,
        )
        .join(Roadmap, col(Roadmap.id) == RoadmapMilestone.roadmap_id)
        .where(
            RoadmapMilestone.team_id == team_id,
            col(RoadmapMilestone.done_at).is_(None),
            col(RoadmapMilestone.due_on) <= week_end,
        )
    )


def open_milestones(
    session: Session, team_id: str, week_end: date
) -> tuple[list[MilestoneFact], dict[int, date]]:
    """Milestones not marked done and due by the end of the digest's week."""
    rows = plain_rows(
        session,
        _open_milestones_statement(team_id, week_end).order_by(
            RoadmapMilestone.due_on, RoadmapMilestone.id
        ),
    ).all()
    starts = {pid: start for pid, _, _, start in rows}
    return [MilestoneFact(pid, milestone, due_on) for pid, milestone, due_on, _ in rows], starts


def roadmap_facts(
    session: Session,
    team_id: str,
    partnerships: list[PartnershipFact],
    creator_of: dict[int, tuple[int, int]],
    shared_until: dict[int, date | None],
    starts: dict[int, date],
    answers: list[BrandAnswer],
    week_end: date,
) -> dict[int, RoadmapFacts]:
    """What data-tied completion needs for the partnerships with open milestones: two
    queries over those partnerships only (by subquery, so the count never varies)."""
    with_open = (
        _open_milestones_statement(team_id, week_end)
        .with_only_columns(Roadmap.partnership_id)
        .scalar_subquery()
    )
    kinds = plain_rows(
        session,
        select(KPIPeriod.partnership_id, KPIValue.kind, func.max(KPIPeriod.period_end))
        .join(KPIValue, col(KPIValue.period_id) == KPIPeriod.id)
        .where(
            KPIPeriod.team_id == team_id,
            col(KPIPeriod.partnership_id).in_(with_open),
            col(KPIValue.kind).in_(_ROADMAP_KINDS),
        )
        .group_by(KPIPeriod.partnership_id, KPIValue.kind),
    ).all()
    settled = set(
        session.exec(
            select(ExclusivityWindow.partnership_id)
            .where(
                ExclusivityWindow.team_id == team_id,
                col(ExclusivityWindow.partnership_id).in_(with_open),
                ExclusivityWindow.status == "agreed",
            )
            .distinct()
        ).all()
    )
    latest_by_kind: dict[int, dict[KPIKind, date]] = defaultdict(dict)
    for pid, kind, end in kinds:
        latest_by_kind[pid][KPIKind(kind)] = end
    # A creator's latest answer about the partnership's brand (or about no brand).
    latest_answer: dict[tuple[int, int | None], date] = {}
    for a in answers:
        key = (a.creator_id, a.brand_id)
        if a.answered_on > latest_answer.get(key, date.min):
            latest_answer[key] = a.answered_on
    by_id = {p.partnership_id: p for p in partnerships}
    facts = {}
    for pid, start in starts.items():
        partnership = by_id.get(pid)
        if partnership is None:
            continue
        creator_id, brand_id = creator_of[pid]
        answered = [
            d
            for d in (
                latest_answer.get((creator_id, brand_id)),
                latest_answer.get((creator_id, None)),
            )
            if d
        ]
        facts[pid] = roadmap_facts_from(
            start=start,
            latest_by_kind=latest_by_kind.get(pid, {}),
            latest_shared_period_end=shared_until.get(pid),
            latest_answer_on=max(answered, default=None),
            p=partnership,
            exclusivity_settled=pid in settled,
        )
    return facts
