"""The files_upload_v2 flow (bot/standin/files.py)."""

from __future__ import annotations

import json

from tests.bot.standin.workspaces import call, error, workspace

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 8


def test_an_uploaded_chart_is_shared_in_a_thread() -> None:
    ws = workspace()
    ws.upload_root = "http://127.0.0.1:1"
    url = call(ws, "files.getUploadURLExternal", filename="chart.png", length=str(len(PNG)))
    assert url["upload_url"] == f"http://127.0.0.1:1/upload/v1/{url['file_id']}"
    assert ws.receive_upload(url["file_id"], PNG) is None
    files = json.dumps([{"id": url["file_id"], "title": "KPIs"}])
    done = call(
        ws, "files.completeUploadExternal", files=files, channel_id="C0DEALS0001", thread_ts="1.1"
    )
    [shown] = done["files"]
    assert (shown["title"], shown["mimetype"], shown["size"]) == ("KPIs", "image/png", len(PNG))
    [message] = ws.messages["C0DEALS0001"]
    assert message["files"] == [shown] and message["thread_ts"] == "1.1"


def test_completing_before_uploading_or_twice_is_refused() -> None:
    ws = workspace()
    url = call(ws, "files.getUploadURLExternal", filename="chart.png", length="16")
    files = json.dumps([{"id": url["file_id"]}])
    assert error(ws, "files.completeUploadExternal", files=files) == "file_upload_not_found"
    ws.receive_upload(url["file_id"], PNG)
    call(ws, "files.completeUploadExternal", files=files)
    assert error(ws, "files.completeUploadExternal", files=files) == "file_not_found"


def test_an_upload_needs_a_name_and_a_length() -> None:
    assert error(workspace(), "files.getUploadURLExternal", filename="", length="3") == (
        "invalid_arguments"
    )
    assert error(workspace(), "files.getUploadURLExternal", filename="a.png") == "invalid_arguments"
