"""Names that look like Slack markup reach people as text: no ping, no link, no `&amp;`.

The whole app on both databases, through the validating stand-in: every Web API call, every
respond() and every ack is checked by tests/mrkdwn_check.py.
"""

from __future__ import annotations

import json
from decimal import Decimal

from domain.approvals import ApprovalSettings, KindSettings
from domain.values import ApprovalKind, Difficulty, Stage
from storage import approvals
from storage.db import session_scope
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import CHANNEL_ID, OTHER_USER_ID, TEAM_ID, USER_ID, AppHarness
from tests.mrkdwn_check import as_read, problems

BRAND = "Evil <!channel> <https://evil.example|click>"
CREATOR = "Zed <!here> <@U123>"
COMPETITOR = "R&D Foods"


def hostile_deal(harness: AppHarness, **brand_fields):  # noqa: ANN003, ANN201
    brand = make_brand(
        harness.engine,
        BRAND,
        category="fashion",
        difficulty=Difficulty.HARD,
        competitors=[COMPETITOR, "<!everyone>"],
        **brand_fields,
    )
    creator = make_creator(
        harness.engine,
        CREATOR,
        handle="zed",
        base_rate=Decimal("1000"),
        platforms={"instagram": 0, "tiktok": 0},
    )
    return make_partnership(harness.engine, creator, brand, stage=Stage.AMBASSADOR)


def everything_said(harness: AppHarness, acks: list[dict]) -> list[tuple[str, dict]]:
    """Every message, update, ephemeral answer and view the app sent, and the acks."""
    said = [(f"ack {n}", ack) for n, ack in enumerate(acks) if ack]
    for n, call in enumerate(harness.standin.calls):
        args = dict(call.args)
        for key in ("blocks", "view"):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        said.append((f"call {n} {call.method}", args.get("view") or args))
    return said


def assert_nothing_live(said: list[tuple[str, dict]]) -> None:
    found = [f"{where}: {problem}" for where, payload in said for problem in problems(payload)]
    assert not found, "\n".join(found)


def reply_in_thread(harness: AppHarness, thread_ts: str, text: str) -> None:
    harness.event(
        {
            "type": "message",
            "channel": CHANNEL_ID,
            "user": USER_ID,
            "text": text,
            "ts": f"{1800000000 + len(harness.standin.calls)}.000100",
            "thread_ts": thread_ts,
            "channel_type": "channel",
        }
    )


def button(message: dict, action_id: str) -> dict:
    blocks = message["blocks"]
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    return next(
        element
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == action_id
    )


def test_status_and_share_ping_nobody(harness: AppHarness) -> None:
    hostile_deal(harness)
    card = harness.command("/creator", "status zed")
    assert "Zed" in card["text"]
    share = button(card, "status_share")
    harness.click("status_share", share["value"])
    [posted] = harness.standin.wait_for_call("chat.postMessage")
    # The person reads the names exactly as typed.
    assert CREATOR in as_read(posted.args["text"]) and BRAND in as_read(posted.args["text"])
    acks = [card, harness.command("/creator", "list")]
    assert_nothing_live(everything_said(harness, acks))


def test_a_quote_its_updates_and_the_agreed_clause_ping_nobody(harness: AppHarness) -> None:
    hostile_deal(harness)
    acks = [harness.command("/exclusivity", f"quote zed competitors {COMPETITOR} 30d")]
    [posted] = harness.standin.wait_for_call("chat.postMessage")
    thread_ts = posted.response["ts"]
    message = {"ts": thread_ts, "text": "quote"}
    harness.click("excl_shorten", button(posted.args, "excl_shorten")["value"], message=message)
    reply_in_thread(harness, thread_ts, "deal")
    updates = harness.standin.calls_to("chat.update")
    assert len(updates) >= 2, "the lever and the deal each update the quote"
    said = everything_said(harness, acks)
    assert_nothing_live(said)
    # `R&D Foods` reads as typed wherever it is shown (escaped once, not twice).
    shown = [as_read(text) for _, payload in said for text in _mrkdwn_texts(payload)]
    assert any(COMPETITOR in text for text in shown)
    assert not any("R&amp;D" in text for text in shown)
    acks.append(harness.command("/exclusivity", "list"))
    acks.append(harness.command("/exclusivity", "check zed 2026-11-25"))
    acks.append(harness.command("/exclusivity", "check zed 2026-11-25 instagram R&D Foods"))
    acks.append(harness.command("/creator", "status zed"))
    assert_nothing_live(everything_said(harness, acks))


def test_an_approval_request_and_its_decision_ping_nobody(harness: AppHarness) -> None:
    hostile_deal(harness, exclusivity_needs_approval=True)
    harness.command("/creator", "help")  # the team's settings row exists from here on
    with session_scope(harness.engine) as session:
        approvals.save_settings(
            session=session,
            team_id=TEAM_ID,
            settings=ApprovalSettings(
                kinds={
                    kind: KindSettings(users=(OTHER_USER_ID,))
                    for kind in (ApprovalKind.CONTENT, ApprovalKind.EXCLUSIVITY)
                }
            ),
        )
    acks = [harness.command("/creator", "approve zed content <!channel> & <https://x|y> R&D")]
    [request] = harness.standin.wait_for_call("chat.postMessage")
    assert "<!channel> & <https://x|y> R&D" in as_read(request.args["text"])
    approve = button(request.args, "approval_approve")
    harness.click(
        "approval_approve",
        approve["value"],
        user_id=OTHER_USER_ID,
        message={"ts": request.response["ts"], "text": request.args["text"]},
    )
    assert harness.standin.calls_to("chat.update"), "the decision updates the request"
    # An exclusivity approval: its subject (the terms, with the competitors) shown once escaped.
    acks.append(harness.command("/exclusivity", f"quote zed competitors {COMPETITOR} 7d"))
    quote = harness.standin.calls_to("chat.postMessage")[-1]
    reply_in_thread(harness, quote.response["ts"], "deal")
    acks.append(harness.command("/creator", "approvals all"))
    said = everything_said(harness, acks)
    assert_nothing_live(said)
    shown = [as_read(text) for _, payload in said for text in _mrkdwn_texts(payload)]
    assert any("Exclusivity" in text and COMPETITOR in text for text in shown)


def _mrkdwn_texts(payload: dict) -> list[str]:
    from tests.mrkdwn_check import texts

    return [text for _, text, is_mrkdwn in texts(payload) if is_mrkdwn]


def test_answers_to_odd_commands_ping_nobody(harness: AppHarness) -> None:
    hostile_deal(harness)
    acks = [
        harness.command("/exclusivity", "quote zed on <!channel>"),
        harness.command("/exclusivity", "quote zed <https://x|y>"),
        harness.command("/exclusivity", "quote"),
        harness.command("/creator", "approve zed"),
        harness.command("/creator", "approve"),
        harness.command("/creator", "status"),
        harness.command("/creator", "status <!here> & co"),
        harness.command("/creator", "roadmap start zed <!channel>"),
        harness.command("/creator", "nonsense <!everyone>"),
    ]
    said = everything_said(harness, acks)
    assert len(said) >= len(acks)
    assert_nothing_live(said)
    # A usage line's placeholder reads as typed: `<name>`.
    usage = next(as_read(a["text"]) for a in acks if "approve <name>" in as_read(a.get("text", "")))
    assert "/creator approve <name> <kind> <subject>" in usage


def test_usage_lines_read_as_typed(harness: AppHarness) -> None:
    acks = [
        harness.command("/exclusivity", "check"),
        harness.command("/creator", "list nonsense"),
        harness.command("/creator", "roadmap start"),
        harness.command("/creator", "brand"),
        harness.command("/creator", "nps"),
    ]
    assert_nothing_live(everything_said(harness, acks))
    read = [as_read(ack["text"]) for ack in acks]
    assert "`/exclusivity check <creator> <date> [platform] [brand]`" in read[0]
    assert "`/creator list <stage>`" in read[1] and "`prospect`" in read[1]
    assert "`/creator nps <name> <score>`" in read[4]


def test_a_modal_field_error_reads_as_typed(harness: AppHarness) -> None:
    hostile_deal(harness)
    assert harness.command("/exclusivity", "quote") == {}
    answer = harness.submit(harness.last_view(), {"creator": "Tom & Jerry <!here>"})
    # A field error is plain text: shown as is, so it must not be escaped.
    error = answer["errors"]["creator"]
    assert "Tom & Jerry <!here>" in error and "&amp;" not in error
