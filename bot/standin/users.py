"""Who is who: auth.test (the bot itself), users.info, users.list, usergroups.users.list."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.standin.wire import Json, SlackError, flag, page
from bot.standin.workspace import APP_ID, ROLE_FIELDS, ROLE_FLAGS, User, Workspace


def tz_fields(tz: str, now: float) -> Json:
    """Slack's tz, tz_label and tz_offset for a user, from the IANA zone name."""
    try:
        moment = datetime.fromtimestamp(now, ZoneInfo(tz))
    except (ZoneInfoNotFoundError, ValueError):
        # No tz database on this machine (or a made-up zone): still answer in Slack's shape.
        return {"tz": tz, "tz_label": tz, "tz_offset": 0}
    offset = moment.utcoffset()
    return {
        "tz": tz,
        "tz_label": moment.tzname() or tz,
        "tz_offset": int(offset.total_seconds()) if offset else 0,
    }


def user_object(ws: Workspace, user: User, *, include_locale: bool) -> Json:
    """A member in Slack's shape."""
    first, _, last = user.real_name.partition(" ")
    profile: Json = {
        "avatar_hash": "g0local",
        "real_name": user.real_name,
        "real_name_normalized": user.real_name,
        "display_name": user.name,
        "display_name_normalized": user.name,
        "first_name": first,
        "last_name": last,
        "title": "",
        "phone": "",
        "skype": "",
        "status_text": "",
        "status_emoji": "",
        "fields": None,
        "team": ws.team_id,
    }
    if user.is_bot:
        profile.update(bot_id=ws.bot_id, api_app_id=APP_ID, always_active=True)
    answer: Json = {
        "id": user.id,
        "team_id": ws.team_id,
        "name": user.name,
        "deleted": False,
        "color": "9f69e7",
        "real_name": user.real_name,
        **tz_fields(user.tz, ws.clock()),
        "profile": profile,
        **dict(zip(ROLE_FIELDS, ROLE_FLAGS[user.role], strict=True)),
        "is_restricted": False,
        "is_ultra_restricted": False,
        "is_bot": user.is_bot,
        "is_app_user": False,
        "updated": user.created,
    }
    if include_locale:
        answer["locale"] = user.locale
    return answer


def auth_test(ws: Workspace, _args: Json) -> Json:
    return {
        "ok": True,
        "url": f"https://{ws.team_domain}.slack.com/",
        "team": ws.team_domain,
        "user": ws.users[ws.bot_user_id].name,
        "team_id": ws.team_id,
        "user_id": ws.bot_user_id,
        "bot_id": ws.bot_id,
        "is_enterprise_install": ws.enterprise_id is not None,
    }


def info(ws: Workspace, args: Json) -> Json:
    user = ws.user(args.get("user"))
    include_locale = flag(args.get("include_locale"))
    return {"ok": True, "user": user_object(ws, user, include_locale=include_locale)}


def list_(ws: Workspace, args: Json) -> Json:
    include_locale = flag(args.get("include_locale"))
    everyone = [user_object(ws, u, include_locale=include_locale) for u in ws.users.values()]
    chunk, next_cursor = page(everyone, args)
    return {
        "ok": True,
        "members": chunk,
        "cache_ts": int(ws.clock()),
        "response_metadata": {"next_cursor": next_cursor},
    }


def usergroup_members(ws: Workspace, args: Json) -> Json:
    users = ws.usergroups.get(str(args.get("usergroup")))
    if users is None:
        raise SlackError("no_such_subteam")
    return {"ok": True, "users": list(users)}


METHODS = {
    "auth.test": auth_test,
    "users.info": info,
    "users.list": list_,
    "usergroups.users.list": usergroup_members,
}
