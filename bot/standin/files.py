"""The upload flow of files_upload_v2 (newer than the 2020 spec; shapes from Slack's method
docs and slack_sdk's WebClient.files_upload_v2): ask for an upload URL, post the bytes there
(bot/standin/http.py), complete the upload into a channel."""

from __future__ import annotations

import json

from bot.standin.wire import Json, SlackError
from bot.standin.workspace import Workspace


def get_upload_url(ws: Workspace, args: Json) -> Json:
    filename = args.get("filename")
    try:
        length = int(args.get("length"))  # a form field: digits
    except (TypeError, ValueError):
        raise SlackError("invalid_arguments") from None
    if not isinstance(filename, str) or not filename.strip() or length <= 0:
        raise SlackError("invalid_arguments")
    file_id = ws.new_id("F")
    ws.uploads[file_id] = {
        "id": file_id,
        "filename": filename,
        "length": length,
        "alt_txt": args.get("alt_txt"),
        "data": None,
        "completed": False,
    }
    return {"ok": True, "upload_url": f"{ws.upload_root}/upload/v1/{file_id}", "file_id": file_id}


def _uploads(ws: Workspace, args: Json) -> list[tuple[Json, str]]:
    """The uploads a completeUploadExternal names, each with its title."""
    try:
        files = json.loads(args["files"]) if isinstance(args.get("files"), str) else None
    except ValueError:
        files = None
    if not isinstance(files, list) or not files:
        raise SlackError("invalid_arguments")
    uploads = []
    for item in files:
        upload = ws.uploads.get(str((item or {}).get("id")))
        if upload is None or upload["completed"]:
            raise SlackError("file_not_found")
        if upload["data"] is None:
            raise SlackError("file_upload_not_found")  # completed before uploading
        uploads.append((upload, item.get("title") or upload["filename"]))
    return uploads


def complete_upload(ws: Workspace, args: Json) -> Json:
    uploads = _uploads(ws, args)
    channel_id = args.get("channel_id")
    channel = ws.target(channel_id) if channel_id else None
    shown = []
    for upload, title in uploads:
        upload["completed"] = True
        upload["title"] = title
        shown.append(
            {
                "id": upload["id"],
                "created": int(ws.clock()),
                "name": upload["filename"],
                "title": title,
                "mimetype": "image/png" if upload["data"][:4] == b"\x89PNG" else "",
                "size": len(upload["data"]),
                "user": ws.bot_user_id,
                "alt_txt": upload.get("alt_txt"),
            }
        )
    if channel is not None:
        message: Json = {
            "user": ws.bot_user_id,
            "bot_id": ws.bot_id,
            "text": args.get("initial_comment") or "",
            "files": shown,
            "upload": True,
        }
        if args.get("thread_ts"):
            message["thread_ts"] = args["thread_ts"]
        ws.store_message(channel, message)
    return {"ok": True, "files": shown}


METHODS = {
    "files.getUploadURLExternal": get_upload_url,
    "files.completeUploadExternal": complete_upload,
}
