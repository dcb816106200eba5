"""The app manifest validates against Slack's own manifest schema and declares what we use."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.slackspec import find_specs_dir

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def manifest() -> dict:
    return json.loads((ROOT / "manifest.json").read_text())


def test_the_manifest_matches_slacks_schema(manifest: dict) -> None:
    specs = find_specs_dir()
    if specs is None:
        pytest.skip("Slack's manifest schema not found: set SLACK_SPECS_DIR to shared/slack-specs")
    major = manifest["_metadata"]["major_version"]
    schema_path = specs / "manifest-schema" / f"manifest.schema.{major}.0.0.json"
    schema = json.loads(schema_path.read_text())
    jsonschema.Draft7Validator(schema).validate(manifest)


def test_the_manifest_declares_our_commands_events_and_interactivity(manifest: dict) -> None:
    commands = {c["command"] for c in manifest["features"]["slash_commands"]}
    assert commands == {"/creator", "/exclusivity"}
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "message.im", "message.channels"} <= events
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    # Each event needs its scope; nothing is asked for that no feature uses.
    assert {"commands", "chat:write", "app_mentions:read", "im:history"} <= scopes
    assert {"channels:history", "channels:read", "users:read"} <= scopes
    assert not any(scope.startswith(("admin", "search:")) for scope in scopes)
    # Charts are uploaded (files_upload_v2); nothing reads other people's files.
    assert {s for s in scopes if s.startswith("files:")} == {"files:write"}


def test_people_can_write_to_the_bot_in_its_messages_tab(manifest: dict) -> None:
    # A DM with Partnerdesk is a conversation (issue 12): the Messages tab takes messages.
    home = manifest["features"]["app_home"]
    assert home["messages_tab_enabled"] is True
    assert home["messages_tab_read_only_enabled"] is False


def test_the_manifest_enables_the_home_tab(manifest: dict) -> None:
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    # views.publish needs no scope of its own; opening the tab is an event to subscribe to.
    assert "app_home_opened" in manifest["settings"]["event_subscriptions"]["bot_events"]


def test_the_manifest_is_ready_for_installs_in_other_workspaces(manifest: dict) -> None:
    # Bolt's OAuth flow answers at /slack/oauth_redirect on the same host as the events.
    events_url = manifest["settings"]["event_subscriptions"]["request_url"]
    host = events_url.removesuffix("/slack/events")
    assert manifest["oauth_config"]["redirect_urls"] == [host + "/slack/oauth_redirect"]
    assert host.startswith("https://")
    # Distributed apps are served over HTTP (Socket Mode apps cannot be listed), one workspace
    # at a time: org-wide installs are refused (bot.oauth stores per-workspace bots only).
    assert manifest["settings"]["socket_mode_enabled"] is False
    assert manifest["settings"]["org_deploy_enabled"] is False
    # A static SLACK_BOT_TOKEN must keep working: rotation is turned on per app (README).
    assert manifest["settings"]["token_rotation_enabled"] is False
