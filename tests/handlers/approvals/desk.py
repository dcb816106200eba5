"""The approval surface's test desk: a partnership run in its own channel, the people
around it, and what they see (through the Slack stand-in)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlmodel import select

from bot.wiring import SCHEDULED_KINDS
from domain.approvals import ApprovalSettings, KindSettings, Rule
from domain.values import ApprovalKind
from storage.approvals.settings import save_settings
from storage.db import session_scope
from storage.models import Reminder
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import OTHER_USER_ID, TEAM_ID, USER_ID, AppHarness

REQUESTER = USER_ID  # Casey, en-US in Slack


APPROVER = OTHER_USER_ID  # Lou, nl-NL in Slack


SECOND = "U0APPROVER2"


STRANGER = "U0STRANGER1"


FALLBACK = "U0FALLBACK1"


PARTNERSHIP_CHANNEL = "C0PARTNER01"


def text_of(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def rows(engine, model) -> list:  # noqa: ANN001
    with session_scope(engine) as session:
        return list(session.exec(select(model)).all())


def actions_of(message: dict) -> list[str]:
    return [
        element["action_id"]
        for block in message.get("blocks", [])
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def set_up_desk(harness: AppHarness) -> AppHarness:
    """A creator with a partnership run in its own channel, and the people around it."""
    for user_id, name in ((SECOND, "sam"), (STRANGER, "stan"), (FALLBACK, "fay")):
        harness.standin.add_user(user_id, name=name, real_name=name.title(), locale="en-GB")
    harness.standin.add_channel(
        PARTNERSHIP_CHANNEL,
        name="zoe-koffie",
        members=[REQUESTER, APPROVER, SECOND, STRANGER, FALLBACK],
    )
    creator = make_creator(harness.engine)
    make_partnership(
        harness.engine, creator, make_brand(harness.engine), channel_id=PARTNERSHIP_CHANNEL
    )
    return harness


@pytest.fixture
def desk(harness: AppHarness) -> AppHarness:
    return set_up_desk(harness)


def configure(
    harness: AppHarness,
    kind: ApprovalKind = ApprovalKind.CONTRACT,
    users: tuple[str, ...] = (APPROVER, SECOND),
    rule: Rule = Rule.ANY,
    fallback: str | None = FALLBACK,
    group: str | None = None,
) -> None:
    harness.command("/creator", "help")  # the team's settings row, as any first request makes
    with session_scope(harness.engine) as session:
        save_settings(
            session=session,
            team_id=TEAM_ID,
            settings=ApprovalSettings(
                kinds={kind: KindSettings(users, group, rule)}, fallback=fallback
            ),
        )


def ask(harness: AppHarness, text: str = "zoe contract Renewal terms 2027", **kwargs: Any) -> dict:
    """Run `/creator approve`; the request message as posted (with its ts and channel)."""
    before = len(harness.standin.calls_to("chat.postMessage"))
    assert harness.command("/creator", f"approve {text}", **kwargs) == {}
    call = harness.standin.wait_for_call("chat.postMessage", before + 1)[before]
    return {**call.args, "ts": call.response["ts"], "channel": call.response["channel"]}


def click(
    harness: AppHarness, message: dict, action: str, user_id: str, value: str | None = None
) -> None:
    element = next(
        e
        for block in message["blocks"]
        if block["type"] == "actions"
        for e in block["elements"]
        if e["action_id"] == action
    )
    response = harness.click(
        action,
        value or element["value"],
        user_id=user_id,
        channel_id=message["channel"],
        message={
            "type": "message",
            "ts": message["ts"],
            "text": message["text"],
            "blocks": message["blocks"],
        },
    )
    assert response.status == 200


def current(harness: AppHarness, message: dict) -> dict:
    """The request message as the channel shows it now."""
    stored = next(
        m for m in harness.standin.messages(message["channel"]) if m["ts"] == message["ts"]
    )
    return {**stored, "channel": message["channel"]}


def thread(harness: AppHarness, message: dict) -> list[str]:
    return [
        m["text"]
        for m in harness.standin.messages(message["channel"])
        if m.get("thread_ts") == message["ts"] and m["ts"] != message["ts"]
    ]


def told(harness: AppHarness, since: int = 0) -> list[str]:
    """What users were told ephemerally (through response_url) since call number `since`."""
    return [c.args.get("text", "") for c in harness.standin.calls[since:] if c.method == "respond"]


def dms_to(harness: AppHarness, user_id: str) -> list[dict]:
    return [
        c.args for c in harness.standin.calls_to("chat.postMessage") if c.args["channel"] == user_id
    ]


def render_due(harness: AppHarness, key_part: str) -> tuple[Reminder, dict | None]:
    with session_scope(harness.engine) as session:
        reminder = next(
            r for r in session.exec(select(Reminder)).all() if r.dedupe_key.endswith(key_part)
        )
        return reminder, SCHEDULED_KINDS.render(session, reminder)
