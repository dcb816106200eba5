"""The "Request approval" message shortcut."""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from jsonschema import Draft7Validator

from domain.values import ApprovalKind
from storage.models import ApprovalRequest
from tests.handlers.approvals.desk import (
    APPROVER,
    PARTNERSHIP_CHANNEL,
    REQUESTER,
    configure,
    rows,
    text_of,
)
from tests.harness import API_APP_ID, CHANNEL_ID, TEAM_ID, AppHarness


def shortcut_body(harness: AppHarness, text: str, user_id: str = REQUESTER) -> str:
    payload = {
        "type": "message_action",
        "token": "verification-token",
        "action_ts": f"{time.time():.6f}",
        "team": {"id": TEAM_ID, "domain": "partnerdesk-test"},
        "user": {"id": user_id, "username": "cpm", "name": "cpm", "team_id": TEAM_ID},
        "channel": {"id": CHANNEL_ID, "name": "partnerships"},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": "request_approval",
        "trigger_id": f"{int(time.time())}.1234567890.abcdef0123456789",
        "response_url": harness.standin.hook_url("shortcut"),
        "message_ts": "1700000000.000200",
        "message": {
            "type": "message",
            "user": APPROVER,
            "ts": "1700000000.000200",
            "text": text,
        },
        "api_app_id": API_APP_ID,
    }
    return urlencode({"payload": json.dumps(payload)})


def test_the_message_shortcut_requests_approval_of_a_message(desk: AppHarness) -> None:
    configure(desk, kind=ApprovalKind.CONTENT, users=(APPROVER,))
    # As Slack sends a message's text: entities escaped, mentions and links as markup.
    sent = (
        "Draft caption for the TikTok:\nMorning ritual with Koffie &amp; Co ☕ for "
        "<@U0SANNE0001|sanne>, see <https://brief.example/x|the brief> &lt;3"
    )
    text = (
        "Draft caption for the TikTok:\n"
        "Morning ritual with Koffie & Co ☕ for @sanne, see the brief <3"
    )
    response = desk.dispatch(shortcut_body(desk, sent), "application/x-www-form-urlencoded")
    assert response.status == 200
    view = desk.last_view()
    assert view["callback_id"] == "approval_request_form"
    fields = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert fields["subject"]["initial_value"] == "Draft caption for the TikTok:"
    assert fields["details"]["initial_value"] == text
    creator_id = fields["creator"]["options"][0]["value"]
    errors = desk.submit(view, {"creator": creator_id, "kind": "payment"})
    assert errors["errors"]["kind"] == (
        "Nobody approves payment requests yet: set approvers with /creator settings."
    )
    assert rows(desk.engine, ApprovalRequest) == []
    assert desk.submit(view, {"creator": creator_id, "kind": "content"}) == {}
    posted = desk.standin.wait_for_call("chat.postMessage")[0]
    assert posted.args["channel"] == PARTNERSHIP_CHANNEL
    assert "Morning ritual" in text_of(posted.args["blocks"])
    [stored] = rows(desk.engine, ApprovalRequest)
    assert (stored.kind, stored.requester_id, stored.approvers) == (
        "content",
        REQUESTER,
        [APPROVER],
    )
    assert stored.source["message_ts"] == "1700000000.000200"


def test_the_manifest_declares_the_shortcut_and_validates(repo_root: Path) -> None:
    manifest = json.loads((repo_root / "manifest.json").read_text())
    specs = repo_root.parent / "shared" / "slack-specs" / "manifest-schema"
    if not specs.is_dir():
        pytest.skip("Slack's manifest schema not found")
    schema_file = specs / f"manifest.schema.{manifest['_metadata']['major_version']}.0.0.json"
    schema = json.loads(schema_file.read_text())
    errors = sorted(Draft7Validator(schema).iter_errors(manifest), key=str)
    assert not errors, errors[0].message if errors else ""
    [shortcut] = [
        s for s in manifest["features"]["shortcuts"] if s["callback_id"] == "request_approval"
    ]
    assert shortcut["type"] == "message"
    assert "usergroups:read" in manifest["oauth_config"]["scopes"]["bot"]
