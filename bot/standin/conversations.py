"""The conversations.* methods: channels and DMs, their history, threads and members."""

from __future__ import annotations

from bot.standin.wire import Json, SlackError, flag, page, ts, ts_key
from bot.standin.workspace import Channel, Workspace


def channel_object(ws: Workspace, channel: Channel, *, include_num_members: bool = False) -> Json:
    """A conversation in Slack's shape."""
    if channel.kind == "im":
        return {
            "id": channel.id,
            "created": channel.created,
            "is_im": True,
            "is_org_shared": False,
            "user": channel.user,
            "priority": 0,
            "is_open": True,
            "is_archived": False,
            "is_ext_shared": False,
            "is_shared": False,
            "is_user_deleted": False,
        }
    empty_topic = {"value": "", "creator": "", "last_set": 0}
    answer: Json = {
        "id": channel.id,
        "name": channel.name,
        "name_normalized": channel.name,
        "created": channel.created,
        "creator": channel.members[0],
        "is_channel": channel.kind == "channel",
        "is_group": channel.kind == "group",
        "is_im": False,
        "is_mpim": channel.kind == "mpim",
        "is_private": channel.kind in ("group", "mpim"),
        "is_archived": False,
        "is_general": False,
        "is_shared": channel.is_ext_shared,
        "is_ext_shared": channel.is_ext_shared,
        "is_org_shared": False,
        "is_pending_ext_shared": False,
        "is_member": ws.bot_user_id in channel.members,
        "topic": dict(empty_topic),
        "purpose": dict(empty_topic),
        "previous_names": [],
    }
    if include_num_members:
        answer["num_members"] = len(channel.members)
    return answer


def _paged(key: str, items: list, args: Json, **extra: object) -> Json:
    """A list answer with Slack's cursor in response_metadata."""
    chunk, next_cursor = page(items, args)
    return {"ok": True, key: chunk, **extra, "response_metadata": {"next_cursor": next_cursor}}


def info(ws: Workspace, args: Json) -> Json:
    channel = ws.channel(args.get("channel"))
    include = flag(args.get("include_num_members"))
    return {"ok": True, "channel": channel_object(ws, channel, include_num_members=include)}


def open_(ws: Workspace, args: Json) -> Json:
    users = args.get("users")
    user_ids = users if isinstance(users, list) else str(users or "").split(",")
    user_ids = [u.strip() for u in user_ids if u.strip()]
    if len(user_ids) == 1:
        already_open = user_ids[0] in ws.ims
        channel_id = ws.im_with(user_ids[0])
    elif user_ids:
        already_open = frozenset([*user_ids, ws.bot_user_id]) in ws.mpims
        channel_id = ws.mpim_with(user_ids)
    elif args.get("channel"):
        channel_id, already_open = ws.channel(args["channel"]).id, True
    else:
        raise SlackError("users_list_not_supplied")
    if flag(args.get("return_im")):
        channel: Json = channel_object(ws, ws.channels[channel_id])
    else:
        channel = {"id": channel_id}
    return {"ok": True, "no_op": already_open, "already_open": already_open, "channel": channel}


def history(ws: Workspace, args: Json) -> Json:
    channel = ws.channel(args.get("channel"))
    oldest, latest = ts_key(ts(args.get("oldest")) or "0"), ts(args.get("latest"))
    inclusive = flag(args.get("inclusive"))
    include_metadata = flag(args.get("include_all_metadata"))

    def in_window(message: Json) -> bool:
        at = ts_key(message["ts"])
        after = at >= oldest if inclusive else at > oldest
        if latest is None:
            return after
        before = at <= ts_key(latest) if inclusive else at < ts_key(latest)
        return after and before

    # History shows a channel's own messages and broadcast thread replies, newest first.
    visible = [
        ws.with_thread(channel.id, ws.public(m, include_metadata=include_metadata))
        for m in reversed(ws.messages[channel.id])
        if (m.get("thread_ts") in (None, m["ts"]) or m.get("subtype") == "thread_broadcast")
        and in_window(m)
    ]
    chunk, next_cursor = page(visible, args)
    answer: Json = {
        "ok": True,
        "messages": chunk,
        "has_more": bool(next_cursor),
        "pin_count": 0,
        "channel_actions_ts": None,
        "channel_actions_count": 0,
    }
    if next_cursor:
        answer["response_metadata"] = {"next_cursor": next_cursor}
    return answer


def replies(ws: Workspace, args: Json) -> Json:
    channel = ws.channel(args.get("channel"))
    try:
        parent = ws.find_message(channel, args.get("ts"))
    except SlackError:
        raise SlackError("thread_not_found") from None
    if parent.get("thread_ts") not in (None, parent["ts"]):
        # Asked with a reply's ts: Slack answers the whole thread.
        parent = ws.find_message(channel, parent["thread_ts"])
    include_metadata = flag(args.get("include_all_metadata"))
    thread = [ws.with_thread(channel.id, parent, always=True)]
    for reply in ws.replies_to(channel.id, parent["ts"]):
        thread.append({**reply, "parent_user_id": parent["user"]})
    thread = [ws.public(m, include_metadata=include_metadata) for m in thread]
    chunk, next_cursor = page(thread, args)
    answer: Json = {"ok": True, "messages": chunk, "has_more": bool(next_cursor)}
    if next_cursor:
        answer["response_metadata"] = {"next_cursor": next_cursor}
    return answer


def members(ws: Workspace, args: Json) -> Json:
    return _paged("members", list(ws.channel(args.get("channel")).members), args)


def list_(ws: Workspace, args: Json) -> Json:
    """The conversations of the asked types the bot can see: every public channel, and the
    private ones, group DMs and DMs it is in."""
    kinds = {"public_channel": "channel", "private_channel": "group", "mpim": "mpim", "im": "im"}
    asked = str(args.get("types") or "public_channel").split(",")
    wanted = {kinds[word.strip()] for word in asked if word.strip() in kinds}
    visible = [
        channel_object(ws, channel)
        for channel in ws.channels.values()
        if channel.kind in wanted
        and (channel.kind == "channel" or ws.bot_user_id in channel.members)
    ]
    return _paged("channels", visible, args)


METHODS = {
    "conversations.info": info,
    "conversations.open": open_,
    "conversations.history": history,
    "conversations.replies": replies,
    "conversations.members": members,
    "conversations.list": list_,
}
