"""The Slack facts the permission rules (domain.permissions) need: whether a user is a
workspace admin or owner (`users.info`), and who is in an approver user group
(`usergroups.users.list`). Called after the ack; remembered for the rest of the request.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from handlers.context import remembered_roles

logger = logging.getLogger(__name__)

_GROUPS = "partnerdesk_group_members"


async def is_workspace_admin(
    context: AsyncBoltContext, client: AsyncWebClient, user_id: str
) -> bool:
    """Whether Slack says the user is an admin or owner of the workspace.

    Asked each request rather than stored: a role Slack took away must stop counting. The
    locale look-up of the same request (handlers.context) leaves its answer to be reused.
    """
    roles = remembered_roles(context, user_id)
    if roles is None:
        try:
            answer = await client.users_info(user=user_id)
        except SlackApiError as error:
            logger.info("users.info for the role failed: %s", error.response.get("error"))
            return False  # unknown is no admin: the rules then ask for an approver
        roles = remembered_roles(context, user_id, answer.get("user") or {})
    return any(roles)


async def group_members(
    context: AsyncBoltContext, client: AsyncWebClient, groups: Iterable[str | None]
) -> dict[str, tuple[str, ...]]:
    """User group id -> its members, for the named groups (a group Slack won't read: none)."""
    known: dict[str, tuple[str, ...]] = context.setdefault(_GROUPS, {})
    for group in dict.fromkeys(g for g in groups if g):
        if group in known:
            continue
        try:
            answer = await client.usergroups_users_list(usergroup=group)
            known[group] = tuple(answer.get("users") or ())
        except SlackApiError as error:
            logger.info("usergroups.users.list %s: %s", group, error.response.get("error"))
            known[group] = ()
    return known
