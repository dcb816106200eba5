"""A partnership manager's Home tab: what it shows, from facts (no Slack, no SQL, no sentences).

The Home tab reuses the weekly digest's facts and sections (domain.digest): "This week" is
the digest's milestones, windows and renewals, "My numbers" its KPIs; with the filter on
"mine" they are the digest of the partnerships the user owns. What is the user's own is
added here: the approvals they can decide now and the requests they asked, and their
partnerships with red flags first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from domain import flags
from domain.approvals import Decision, RequestFacts, is_escalated, outstanding, refusal
from domain.digest.assembly import assemble as assemble_digest
from domain.digest.assembly import flag_facts
from domain.digest.facts import DigestFacts
from domain.digest.sections import Digest
from domain.values import Stage


class Scope(StrEnum):
    MINE = "mine"
    TEAM = "team"


@dataclass(frozen=True)
class HomeApproval:
    """A pending request as the Home tab needs it: its rules and this version's decisions."""

    request_id: int
    version: int
    partnership_id: int | None
    kind: str  # domain.values.ApprovalKind
    subject: str
    channel_id: str | None
    rules: RequestFacts
    decisions: Mapping[str, Decision] = field(default_factory=dict)


@dataclass(frozen=True)
class HomeFacts:
    digest: DigestFacts
    owned: frozenset[int]  # the user's partnerships (owner), by id
    approvals: Sequence[HomeApproval] = ()


@dataclass(frozen=True)
class WaitingItem:
    request_id: int
    version: int
    kind: str
    subject: str
    creator_name: str | None
    brand_name: str | None
    requester: str
    due_at: datetime
    overdue: bool
    waiting_on: tuple[str, ...]
    channel_id: str | None


@dataclass(frozen=True)
class PartnershipRow:
    partnership_id: int
    creator_name: str
    brand_name: str
    stage: Stage
    flags: tuple[flags.RedFlag, ...]


@dataclass(frozen=True)
class Home:
    scope: Scope
    to_decide: tuple[WaitingItem, ...]  # what the user may decide now, soonest deadline first
    asked: tuple[WaitingItem, ...]  # the user's own open requests, soonest deadline first
    partnerships: tuple[PartnershipRow, ...]  # flagged first (newest flag), then by name
    digest: Digest  # "This week" and "My numbers", for the scope


def _waiting_on(item: HomeApproval, now: datetime) -> tuple[str, ...]:
    """Who is still awaited: the approvers still to decide, and the fallback once escalated."""
    waiting = list(outstanding(item.rules, item.decisions))
    if is_escalated(item.rules, now) and item.rules.fallback and item.rules.fallback not in waiting:
        waiting.append(item.rules.fallback)
    return tuple(waiting)


def _for_scope(facts: HomeFacts, scope: Scope) -> DigestFacts:
    """The digest's facts for the scope: all of them for the team, else the user's own."""
    if scope is Scope.TEAM:
        return facts.digest
    owned = facts.owned
    mine = [p for p in facts.digest.partnerships if p.partnership_id in owned]
    brands = {p.brand_id for p in mine}
    d = facts.digest
    return replace(
        d,
        partnerships=mine,
        moves=[m for m in d.moves if m.partnership_id in owned],
        approvals=[a for a in d.approvals if a.partnership_id in owned],
        milestones=[m for m in d.milestones if m.partnership_id in owned],
        roadmap_facts={k: v for k, v in d.roadmap_facts.items() if k in owned},
        windows=[w for w in d.windows if w.partnership_id in owned],
        # The portfolio's spend is counted per period, not per partnership: CPAE stays the
        # portfolio's; Creator NPS is shown for the brands of the user's partnerships.
        nps_answers=[a for a in d.nps_answers if a.brand_id in brands],
    )


def assemble(facts: HomeFacts, *, user_id: str, scope: Scope, now: datetime, today: date) -> Home:
    """The Home tab of `user_id` at `now` (aware), `today` in the team's time zone."""
    by_id = {p.partnership_id: p for p in facts.digest.partnerships}
    to_decide: list[WaitingItem] = []
    asked: list[WaitingItem] = []
    for item in facts.approvals:
        if now >= item.rules.expires_at:
            continue  # the clock expires it; nobody can decide it any more
        waiting = _waiting_on(item, now)
        partnership = by_id.get(item.partnership_id) if item.partnership_id else None
        row = WaitingItem(
            request_id=item.request_id,
            version=item.version,
            kind=item.kind,
            subject=item.subject,
            creator_name=partnership.creator_name if partnership else None,
            brand_name=partnership.brand_name if partnership else None,
            requester=item.rules.requester,
            due_at=item.rules.due_at,
            overdue=now >= item.rules.due_at,
            waiting_on=waiting,
            channel_id=item.channel_id,
        )
        if item.rules.requester == user_id:
            asked.append(row)
        elif user_id in waiting and refusal(item.rules, user_id, now) is None:
            to_decide.append(row)
    order = lambda w: (w.due_at, w.request_id)  # noqa: E731 - the same key twice
    to_decide.sort(key=order)
    asked.sort(key=order)
    scoped = _for_scope(facts, scope)
    rows = []
    for p in scoped.partnerships:
        if p.stage is Stage.ENDED:
            continue
        found = tuple(flags.newest_first(flags.red_flags(flag_facts(p), today)))
        rows.append(PartnershipRow(p.partnership_id, p.creator_name, p.brand_name, p.stage, found))
    rows.sort(key=lambda r: (not r.flags, r.creator_name.casefold(), r.partnership_id))
    return Home(
        scope=scope,
        to_decide=tuple(to_decide),
        asked=tuple(asked),
        partnerships=tuple(rows),
        digest=assemble_digest(scoped, now, today),
    )
