"""The Slack facts the permission rules need: whether a user is a workspace admin or owner, and
who is in an approver group; asked once a request, and unknown counts as no."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError

from handlers.roles import group_members, is_workspace_admin


class Slack:
    """users.info and usergroups.users.list as a workspace would answer, counting the calls."""

    def __init__(self, users: dict[str, dict[str, Any]], groups: dict[str, list[str]]) -> None:
        self.users, self.groups = users, groups
        self.calls: list[tuple[str, str]] = []

    async def users_info(self, *, user: str) -> dict[str, Any]:
        self.calls.append(("users.info", user))
        if user not in self.users:
            raise SlackApiError("user_not_found", {"ok": False, "error": "user_not_found"})
        return {"ok": True, "user": {"id": user, **self.users[user]}}

    async def usergroups_users_list(self, *, usergroup: str) -> dict[str, Any]:
        self.calls.append(("usergroups.users.list", usergroup))
        if usergroup not in self.groups:
            raise SlackApiError("no_such_subteam", {"ok": False, "error": "no_such_subteam"})
        return {"ok": True, "users": self.groups[usergroup]}


SLACK_USERS = {
    "U0ADMIN01": {"is_admin": True},
    "U0OWNER01": {"is_owner": True, "is_primary_owner": True},
    "U0MEMBER1": {"is_admin": False, "is_owner": False},
}


def admin(slack: Slack, user: str, context: AsyncBoltContext | None = None) -> bool:
    return asyncio.run(
        is_workspace_admin(AsyncBoltContext() if context is None else context, slack, user)
    )


def test_admins_and_owners_count_and_members_do_not() -> None:
    slack = Slack(SLACK_USERS, {})
    assert admin(slack, "U0ADMIN01") and admin(slack, "U0OWNER01")
    assert not admin(slack, "U0MEMBER1")


def test_a_user_slack_will_not_describe_is_no_admin() -> None:
    assert not admin(Slack(SLACK_USERS, {}), "U0GONE001")


def test_slack_is_asked_once_a_request_and_again_the_next() -> None:
    slack = Slack(SLACK_USERS, {})
    request = AsyncBoltContext()
    assert admin(slack, "U0ADMIN01", request) and admin(slack, "U0ADMIN01", request)
    assert slack.calls == [("users.info", "U0ADMIN01")]
    slack.users["U0ADMIN01"] = {"is_admin": False}  # the role was taken away
    assert not admin(slack, "U0ADMIN01", AsyncBoltContext())


def test_group_members_once_per_group_and_none_for_a_group_slack_will_not_read() -> None:
    slack = Slack({}, {"S0LEADS01": ["U0LOU0001", "U0SAM0001"]})
    context = AsyncBoltContext()
    members = asyncio.run(group_members(context, slack, ["S0LEADS01", None, "S0GONE001"]))
    assert members == {"S0LEADS01": ("U0LOU0001", "U0SAM0001"), "S0GONE001": ()}
    again = asyncio.run(group_members(context, slack, ["S0LEADS01", "S0LEADS01"]))
    assert again["S0LEADS01"] == ("U0LOU0001", "U0SAM0001")
    assert slack.calls == [
        ("usergroups.users.list", "S0LEADS01"),
        ("usergroups.users.list", "S0GONE001"),
    ]
