"""The chat.* methods (and reactions.add): messages posted, updated, deleted and linked."""

from __future__ import annotations

from bot.standin.wire import Json, SlackError
from bot.standin.workspace import Workspace


def post_message(ws: Workspace, args: Json) -> Json:
    channel = ws.target(args.get("channel"))
    message = ws.store_message(channel, ws.bot_message(args))
    return {
        "ok": True,
        "channel": channel.id,
        "ts": message["ts"],
        "message": ws.public(message, include_metadata=True),
    }


def post_ephemeral(ws: Workspace, args: Json) -> Json:
    ws.target(args.get("channel"))
    ws.user(args.get("user"))
    ws.bot_message(args)  # the same checks; an ephemeral message is not kept in history
    return {"ok": True, "message_ts": ws.next_ts()}


def update(ws: Workspace, args: Json) -> Json:
    channel = ws.channel(args.get("channel"))
    message = ws.find_message(channel, args.get("ts"))
    # Slack keeps what the update leaves out; an empty blocks list removes the blocks.
    if "text" in args:
        message["text"] = args["text"] or ""
    if isinstance(args.get("blocks"), list):
        if args["blocks"]:
            message["blocks"] = args["blocks"]
        else:
            message.pop("blocks", None)
    if isinstance(args.get("metadata"), dict):
        message["metadata"] = args["metadata"]
    return {
        "ok": True,
        "channel": channel.id,
        "ts": message["ts"],
        "text": message["text"],
        "message": ws.public(message, include_metadata=False),
    }


def delete(ws: Workspace, args: Json) -> Json:
    channel = ws.channel(args.get("channel"))
    message = ws.find_message(channel, args.get("ts"))
    ws.messages[channel.id].remove(message)
    return {"ok": True, "channel": channel.id, "ts": message["ts"]}


def get_permalink(ws: Workspace, args: Json) -> Json:
    channel = ws.channel(args.get("channel"))
    message = ws.find_message(channel, args.get("message_ts"))
    link = (
        f"https://{ws.team_domain}.slack.com/archives/{channel.id}/"
        f"p{message['ts'].replace('.', '')}"
    )
    if message.get("thread_ts") and message["thread_ts"] != message["ts"]:
        link += f"?thread_ts={message['thread_ts']}&cid={channel.id}"
    return {"ok": True, "channel": channel.id, "permalink": link}


def add_reaction(ws: Workspace, args: Json) -> Json:
    channel = ws.channel(args.get("channel"))
    message = ws.find_message(channel, args.get("timestamp"))
    name = str(args.get("name") or "").strip(":")
    if not name:
        raise SlackError("invalid_name")
    reactions = message.setdefault("reactions", [])
    reaction = next((r for r in reactions if r["name"] == name), None)
    if reaction is None:
        reactions.append({"name": name, "users": [ws.bot_user_id], "count": 1})
    elif ws.bot_user_id in reaction["users"]:
        raise SlackError("already_reacted")
    else:
        reaction["users"].append(ws.bot_user_id)
        reaction["count"] += 1
    return {"ok": True}


METHODS = {
    "chat.postMessage": post_message,
    "chat.postEphemeral": post_ephemeral,
    "chat.update": update,
    "chat.delete": delete,
    "chat.getPermalink": get_permalink,
    "reactions.add": add_reaction,
}
