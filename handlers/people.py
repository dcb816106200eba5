"""Workspace members from Slack, for commands that name a colleague (domain.people)."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from domain.people import Member

# users.list pages: Slack recommends at most 200 per page; 50 pages covers 10,000 members,
# beyond which a name is better given as a mention.
MEMBERS_PAGE = 200
MEMBERS_MAX_PAGES = 50


async def workspace_members(client: AsyncWebClient) -> list[Member]:
    """Every active person in the workspace, following users.list's cursor."""
    members: list[Member] = []
    cursor = None
    for _page in range(MEMBERS_MAX_PAGES):
        answer = await client.users_list(limit=MEMBERS_PAGE, cursor=cursor)
        for user in answer.get("members") or []:
            # Deactivated accounts keep their names: leaving them out keeps a former
            # colleague from making a current one ambiguous (a mention still finds them).
            if user.get("is_bot") or user.get("deleted") or user.get("id") == "USLACKBOT":
                continue
            profile = user.get("profile") or {}
            members.append(
                Member(
                    id=user["id"],
                    name=user.get("name") or "",
                    display_name=profile.get("display_name") or "",
                    real_name=user.get("real_name") or profile.get("real_name") or "",
                )
            )
        cursor = (answer.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return members
