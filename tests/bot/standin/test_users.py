"""auth.test, users.* and usergroups.users.list (bot/standin/users.py)."""

from __future__ import annotations

from tests.bot.standin.workspaces import call, error, workspace


def test_auth_test_names_the_workspace_and_its_bot() -> None:
    answer = call(workspace(), "auth.test")
    assert (answer["team_id"], answer["user_id"], answer["bot_id"]) == (
        "T0ONE000001",
        "U0BOT000001",
        "B0BOT000001",
    )


def test_a_member_has_its_role_flags_time_zone_and_locale_when_asked() -> None:
    ws = workspace()
    ws.users["U0CASEY0001"].role = "owner"
    user = call(ws, "users.info", user="U0CASEY0001", include_locale="1")["user"]
    flags = (user["is_admin"], user["is_owner"], user["is_primary_owner"])
    assert flags == (True, True, False)
    assert user["tz"] == "Europe/Amsterdam" and user["tz_offset"] == 3600  # November: CET
    assert user["locale"] == "nl-NL"
    assert "locale" not in call(ws, "users.info", user="U0CASEY0001")["user"]


def test_usergroups_are_listed_or_unknown() -> None:
    ws = workspace()
    ws.usergroups["S0LEADS0001"] = ["U0CASEY0001"]
    assert call(ws, "usergroups.users.list", usergroup="S0LEADS0001")["users"] == ["U0CASEY0001"]
    assert error(ws, "usergroups.users.list", usergroup="S0NONE00001") == "no_such_subteam"


def test_users_list_holds_the_bot_and_the_members() -> None:
    names = [u["name"] for u in call(workspace(), "users.list")["members"]]
    assert names == ["partnerdesk", "casey"]
