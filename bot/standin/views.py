"""The views.* methods: modals opened, pushed and updated, and each user's Home tab."""

from __future__ import annotations

from bot.standin.wire import Json, SlackError
from bot.standin.workspace import Workspace


def _view_arg(args: Json) -> Json:
    view = args.get("view")
    if not isinstance(view, dict):
        raise SlackError("invalid_arguments")
    return view


def open_(ws: Workspace, args: Json) -> Json:
    return {"ok": True, "view": ws.store_view(_view_arg(args))}


def update(ws: Workspace, args: Json) -> Json:
    external_id = args.get("external_id")
    by_external = [v for v in ws.views.values() if external_id and v["external_id"] == external_id]
    old = ws.views.get(args.get("view_id") or "") or next(iter(by_external), None)
    if old is None:
        raise SlackError("not_found")
    if args.get("hash") and args["hash"] != old["hash"]:
        raise SlackError("hash_conflict")
    stored = ws.store_view(
        _view_arg(args),
        view_id=old["id"],
        root_view_id=old["root_view_id"],
        previous_view_id=old["previous_view_id"],
    )
    return {"ok": True, "view": stored}


def publish(ws: Workspace, args: Json) -> Json:
    user = ws.user(args.get("user_id"))
    old = ws.views.get(ws.home_views.get(user.id, ""))
    if old is not None and args.get("hash") and args["hash"] != old["hash"]:
        raise SlackError("hash_conflict")
    view = {"type": "home", **_view_arg(args)}
    stored = ws.store_view(view, view_id=old["id"] if old else None)
    ws.home_views[user.id] = stored["id"]
    return {"ok": True, "view": stored}


METHODS = {
    "views.open": open_,
    "views.push": open_,  # a pushed view is stored like an opened one
    "views.update": update,
    "views.publish": publish,
}
