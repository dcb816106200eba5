"""Who may close an exclusivity quote: the facts for `domain.permissions.may_close_quote`,
gathered from the database (the partnership's owner, who asked, the exclusivity approvers)
and from Slack (the members of the approvers' user group, fetched before the transaction).

Every path that accepts or withdraws a quote, or withdraws its window, asks `close_refusal`
(buttons, typed thread replies: handlers.exclusivity.negotiation.apply_move; the window:
handlers.exclusivity.agreement), so a new path inherits it.
"""

from __future__ import annotations

from collections.abc import Collection

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from domain.permissions import approvers_of, may_close_quote
from domain.values import ApprovalKind
from handlers.context import deps
from handlers.roles import group_members
from storage import approvals
from storage.db import session_scope
from storage.models import Partnership


async def exclusivity_group_members(
    context: AsyncBoltContext, client: AsyncWebClient
) -> tuple[str, ...]:
    """The members of the exclusivity approvers' user group (none without a group).

    Call it before the transaction that closes the quote: no Slack call while a quote is held.
    """
    with session_scope(deps(context).engine) as session:
        settings = approvals.get_settings(session=session, team_id=context.team_id)
    group = settings.for_kind(ApprovalKind.EXCLUSIVITY).group
    if not group:
        return ()
    return (await group_members(context, client, [group])).get(group, ())


def close_refusal(
    session: Session,
    *,
    team_id: str,
    partnership_id: int,
    requested_by: str | None,
    user_id: str,
    group_members: Collection[str] = (),
) -> str | None:
    """Why `user_id` may not accept or withdraw the quote (or its window): a code of
    `domain.permissions.may_close_quote`; None when they may."""
    partnership = session.get(Partnership, partnership_id)
    kind = approvals.get_settings(session=session, team_id=team_id).for_kind(
        ApprovalKind.EXCLUSIVITY
    )
    return may_close_quote(
        user_id,
        partnership_owner=partnership.owner_user_id if partnership is not None else None,
        requested_by=requested_by,
        exclusivity_approvers=approvers_of(kind, group_members),
    )
