"""`/creator approvals [mine|all]`: what is pending, with buttons where you may decide."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from domain.approvals import outstanding, refusal
from handlers.approval_requests import card_of
from handlers.blocks.approvals.pending import ListedRequest, build_pending_list
from handlers.blocks.common import ephemeral
from handlers.commands import CommandRequest
from handlers.context import deps, now, team_timezone, tr
from storage.approvals import listing, reading
from storage.db import session_scope

LIST_WORDS = {"": True, "mine": True, "mijn": True, "all": False, "alle": False, "alles": False}


async def handle_approvals(request: CommandRequest) -> None:
    """`/creator approvals [mine|all]`: what is pending, with buttons where you may decide."""
    context = request.context
    t = tr(context)
    word = request.args.strip().lower()
    if word not in LIST_WORDS:
        await request.ack(
            ephemeral(t.gettext("Use `/creator approvals mine` or `/creator approvals all`."))
        )
        return
    mine = LIST_WORDS[word]
    moment = now(context)
    timezone = team_timezone(context)
    with session_scope(deps(context).engine) as session:
        items = listing.list_pending(
            session=session,
            team_id=request.team_id,
            now=moment,
            user_id=request.user_id if mine else None,
        )
        listed = [_listed(session, item, request.user_id, moment) for item in items]
    await request.ack(build_pending_list(t, listed, mine, len(listed), timezone))


def _listed(
    session: Session, item: listing.PendingItem, user_id: str | None, moment: datetime | None
) -> ListedRequest:
    request = item.request
    request_facts = reading.facts(request)
    return ListedRequest(
        card=card_of(session, request),
        channel_id=request.channel_id,
        overdue=moment is not None and moment >= request.due_at,
        can_decide=(
            user_id is not None
            and moment is not None
            and refusal(request_facts, user_id, moment) is None
        ),
        waiting=outstanding(request_facts, item.decisions),
    )
