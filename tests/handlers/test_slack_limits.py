"""Replies Slack would refuse: long input must never make a button value, a text or a message
exceed Block Kit's limits (the stand-in holds every ack and call to them, tests/slackspec.py)."""

from __future__ import annotations

from sqlmodel import select

from domain.approvals import MAX_SUBJECT, ApprovalSettings, KindSettings
from domain.values import ApprovalKind
from storage import approvals
from storage.db import session_scope
from storage.models import ApprovalRequest
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import OTHER_USER_ID, TEAM_ID, AppHarness
from tests.slackspec import check_message

EMOJI = "😀"


def test_an_ambiguous_approve_with_199_emoji_offers_buttons_slack_accepts(
    harness: AppHarness,
) -> None:
    brand = make_brand(harness.engine)
    for name in ("Zoë de Vries", "Daan de Boer"):
        make_partnership(harness.engine, make_creator(harness.engine, name), brand)
    harness.command("/creator", "help")  # the team's settings row exists from here on
    with session_scope(harness.engine) as session:
        approvals.save_settings(
            session=session,
            team_id=TEAM_ID,
            settings=ApprovalSettings(
                kinds={ApprovalKind.CONTENT: KindSettings(users=(OTHER_USER_ID,))}
            ),
        )
    subject = EMOJI * 199
    reply = harness.command("/creator", f"approve de content {subject}")
    check_message(reply)
    buttons = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert len(buttons) == 2
    # Slack counts UTF-16 code units at worst: an emoji is two.
    assert all(len(b["value"].encode("utf-16-le")) // 2 <= 2000 for b in buttons)
    # The pick still carries the whole subject.
    harness.click(buttons[1]["action_id"], buttons[1]["value"])
    with session_scope(harness.engine) as session:
        requests = session.exec(select(ApprovalRequest)).all()
        assert [(r.kind, r.subject) for r in requests] == [(ApprovalKind.CONTENT, subject)]


def test_the_longest_subject_of_any_characters_fits_a_button(harness: AppHarness) -> None:
    brand = make_brand(harness.engine)
    for name in ("Zoë de Vries", "Daan de Boer"):
        make_partnership(harness.engine, make_creator(harness.engine, name), brand)
    for char in ('"', "\\", EMOJI, "&"):
        reply = harness.command("/creator", f"approve de brief {char * (MAX_SUBJECT + 50)}")
        check_message(reply)


def test_windows_of_the_longest_names_list_within_limits(harness: AppHarness) -> None:
    from decimal import Decimal

    from domain.values import Difficulty, Stage
    from tests.handlers.test_hostile_names import reply_in_thread
    from tests.mrkdwn_check import problems

    for n in range(3):
        brand = make_brand(
            harness.engine,
            "&" * 79 + str(n),
            difficulty=Difficulty.HARD,
            competitors=["<" * 19 + str(k) for k in range(20)],
        )
        creator = make_creator(
            harness.engine, "&" * 79 + str(n), handle=f"amp{n}", base_rate=Decimal("1000")
        )
        make_partnership(harness.engine, creator, brand, stage=Stage.AMBASSADOR)
        rivals = ", ".join("<" * 19 + str(k) for k in range(20))
        answer = harness.command("/exclusivity", f"quote amp{n} competitors {rivals} 7d")
        assert answer == {}, answer
        quote = harness.standin.calls_to("chat.postMessage")[-1]
        reply_in_thread(harness, quote.response["ts"], "deal")
    listed = harness.command("/exclusivity", "list")
    check_message(listed)
    assert not problems(listed)
    assert len([b for b in listed["blocks"] if b["type"] == "section"]) > 1
