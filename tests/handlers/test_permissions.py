"""Who may do what (issue 11, finding 3): approval settings are changed only by workspace
admins and owners or a kind's current approvers, and announced; a quote is accepted or
withdrawn (and its window withdrawn) only by the partnership's owner, whoever asked for the
quote, or an approver of exclusivity. Everyone else is told so, privately."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import select

from domain.approvals import ApprovalSettings, KindSettings
from domain.values import ApprovalKind, Difficulty, Stage
from storage import approvals
from storage.db import session_scope
from storage.models import ExclusivityQuote, ExclusivityWindow, NegotiationRound, TeamSettings
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import CHANNEL_ID, TEAM_ID, USER_ID, AppHarness

ASKER = USER_ID  # Casey asks for the quotes (en-US in Slack)
ADMIN = "U0ADMIN0001"
OWNER = "U0OWNER0001"  # a workspace owner
PRIMARY = "U0PRIMARY01"  # the primary owner
MEMBER = "U0MEMBER001"  # a plain member: may negotiate, not close; may not change settings
APPROVER = "U0APPROVER1"  # approves contracts
EXCL_APPROVER = "U0EXCLAPPR1"  # approves exclusivity
GROUPIE = "U0GROUPIE01"  # in the exclusivity approvers' user group
KEEPER = "U0KEEPER001"  # owns the partnership
GROUP = "S0EXCLTEAM1"


def text_of(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def rows(engine, model) -> list:  # noqa: ANN001
    with session_scope(engine) as session:
        return list(session.exec(select(model)).all())


@pytest.fixture
def desk(harness: AppHarness) -> AppHarness:
    people = {
        ADMIN: ("admin", "ada"),
        OWNER: ("owner", "olga"),
        PRIMARY: ("primary_owner", "pim"),
        MEMBER: ("member", "max"),
        APPROVER: ("member", "april"),
        EXCL_APPROVER: ("member", "eric"),
        GROUPIE: ("member", "gina"),
        KEEPER: ("member", "kees"),
    }
    for user_id, (role, name) in people.items():
        harness.standin.add_user(user_id, name=name, locale="en-GB", role=role)
    harness.standin.add_channel(CHANNEL_ID, name="partnerships", members=[USER_ID, *people])
    harness.standin.add_usergroup(GROUP, [GROUPIE])
    harness.command("/creator", "help")  # the team's settings row, as any first request makes
    with session_scope(harness.engine) as session:
        approvals.save_settings(
            session=session,
            team_id=TEAM_ID,
            settings=ApprovalSettings(
                kinds={
                    ApprovalKind.CONTRACT: KindSettings((APPROVER,)),
                    ApprovalKind.EXCLUSIVITY: KindSettings((EXCL_APPROVER,), GROUP),
                }
            ),
        )
    return harness


def stored_settings(harness: AppHarness) -> ApprovalSettings:
    [team] = rows(harness.engine, TeamSettings)
    return ApprovalSettings.from_json(team.approval_settings)


def told(harness: AppHarness, user_id: str, since: int = 0) -> list[str]:
    """What one user was told privately: response_url answers and ephemeral messages."""
    texts = []
    for call in harness.standin.calls[since:]:
        if call.method == "respond":
            texts.append(call.args.get("text", ""))
        elif call.method == "chat.postEphemeral" and call.args.get("user") == user_id:
            texts.append(call.args.get("text", ""))
    return texts


def channel_posts(harness: AppHarness, since: int = 0) -> list[dict]:
    return [
        c.args
        for c in harness.standin.calls[since:]
        if c.method == "chat.postMessage" and c.args.get("channel") == CHANNEL_ID
    ]


def open_settings(harness: AppHarness, user_id: str) -> dict:
    before = len(harness.standin.calls_to("views.open"))
    assert harness.command("/creator", "settings", user_id=user_id) == {}
    assert len(harness.standin.calls_to("views.open")) == before + 1, "the modal opened"
    return harness.last_view()


# -- approval settings -------------------------------------------------------------------------
def test_a_plain_member_cannot_open_the_settings(desk: AppHarness) -> None:
    since = len(desk.standin.calls)
    assert desk.command("/creator", "settings", user_id=MEMBER) == {}
    assert desk.standin.calls_to("views.open") == []
    [answer] = told(desk, MEMBER, since)
    assert "Only workspace admins and owners, and the current approvers" in answer


@pytest.mark.parametrize("who", [ADMIN, OWNER, PRIMARY])
def test_admins_and_owners_change_any_kind_and_the_channel_hears_it(
    desk: AppHarness, who: str
) -> None:
    view = open_settings(desk, who)
    since = len(desk.standin.calls)
    assert desk.submit(view, {"users_contract": [MEMBER], "due_hours": "24"}, user_id=who) == {}
    settings = stored_settings(desk)
    assert settings.for_kind(ApprovalKind.CONTRACT).users == (MEMBER,)
    assert settings.due_hours == 24
    assert any("Approval settings saved." in t for t in told(desk, who, since))
    # Announced in the channel it was changed in, in the team's language (Dutch): who
    # changed what, from whom to whom.
    [announcement] = channel_posts(desk, since)
    assert announcement["text"].splitlines() == [
        f"<@{who}> heeft de instellingen voor goedkeuringen gewijzigd:",
        f"• Contract: <@{APPROVER}> → <@{MEMBER}>",
        "• Deadline na: 48 → 24 uur",
    ]


def test_a_current_approver_changes_their_own_kind(desk: AppHarness) -> None:
    view = open_settings(desk, APPROVER)
    since = len(desk.standin.calls)
    desk.submit(view, {"users_contract": [APPROVER, MEMBER]}, user_id=APPROVER)
    assert set(stored_settings(desk).for_kind(ApprovalKind.CONTRACT).users) == {APPROVER, MEMBER}
    [announcement] = channel_posts(desk, since)
    assert f"Contract: <@{APPROVER}> → <@{APPROVER}>, <@{MEMBER}>" in announcement["text"]


def test_a_user_group_approver_counts_as_an_approver_of_its_kind(desk: AppHarness) -> None:
    view = open_settings(desk, GROUPIE)
    desk.submit(view, {"users_exclusivity": [GROUPIE]}, user_id=GROUPIE)
    assert stored_settings(desk).for_kind(ApprovalKind.EXCLUSIVITY).users == (GROUPIE,)


def test_an_approver_cannot_appoint_themselves_to_another_kind(desk: AppHarness) -> None:
    before = stored_settings(desk)
    view = open_settings(desk, APPROVER)
    since = len(desk.standin.calls)
    assert desk.submit(view, {"users_exclusivity": [APPROVER]}, user_id=APPROVER) == {}
    assert stored_settings(desk) == before
    [answer] = told(desk, APPROVER, since)
    assert answer.startswith("Nothing was saved") and answer.endswith(
        "You may not change: Exclusivity."
    )
    assert channel_posts(desk, since) == []
    # The fallback decides every kind once a request is overdue: not theirs to set either.
    desk.submit(view, {"fallback": APPROVER}, user_id=APPROVER)
    assert stored_settings(desk).fallback is None
    assert told(desk, APPROVER)[-1].endswith("You may not change: the fallback approver.")


def test_a_forged_submission_by_a_plain_member_is_refused(desk: AppHarness) -> None:
    before = stored_settings(desk)
    view = open_settings(desk, ADMIN)  # opened by someone who may, submitted by someone else
    since = len(desk.standin.calls)
    desk.submit(view, {"users_contract": [MEMBER], "users_payment": [MEMBER]}, user_id=MEMBER)
    assert stored_settings(desk) == before
    [answer] = told(desk, MEMBER, since)
    assert answer.endswith("You may not change: Contract, Payment.")
    assert channel_posts(desk, since) == []


def test_an_admin_who_lost_the_role_meanwhile_is_refused_at_submission(desk: AppHarness) -> None:
    before = stored_settings(desk)
    view = open_settings(desk, ADMIN)
    desk.standin.set_role(ADMIN, "member")
    desk.submit(view, {"users_contract": [ADMIN]}, user_id=ADMIN)
    assert stored_settings(desk) == before
    assert told(desk, ADMIN)[-1].startswith("Nothing was saved")


# -- closing a quote ---------------------------------------------------------------------------
@pytest.fixture
def quote(desk: AppHarness) -> dict:
    """An open 30-day quote Casey asked for, on Kees's partnership; its posted message."""
    brand = make_brand(
        desk.engine,
        "Maison Lumière",
        category="fashion",
        difficulty=Difficulty.HARD,
        competitors=["Glow"],
        exclusivity_needs_approval=False,
    )
    creator = make_creator(
        desk.engine, "Zoë de Vries", base_rate=Decimal("1000"), platforms={"instagram": 0}
    )
    make_partnership(desk.engine, creator, brand, stage=Stage.AMBASSADOR, owner_user_id=KEEPER)
    before = len(desk.standin.calls_to("chat.postMessage"))
    assert desk.command("/exclusivity", "quote zoe 30d", user_id=ASKER) == {}
    posted = desk.standin.wait_for_call("chat.postMessage", before + 1)[before]
    return {**posted.args, "ts": posted.response["ts"]}


def button_value(message: dict, action_id: str) -> str:
    return next(
        element["value"]
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == action_id
    )


def click(harness: AppHarness, message: dict, action_id: str, user_id: str) -> None:
    harness.click(
        action_id,
        button_value(message, action_id),
        user_id=user_id,
        message={"ts": message["ts"], "text": message["text"]},
    )


def type_in_thread(harness: AppHarness, message: dict, text: str, user_id: str) -> None:
    harness.event(
        {
            "type": "message",
            "channel": CHANNEL_ID,
            "user": user_id,
            "text": text,
            "ts": f"{1800000000 + len(harness.standin.calls)}.000100",
            "thread_ts": message["ts"],
            "channel_type": "channel",
        }
    )


def thread_posts(harness: AppHarness, message: dict, since: int = 0) -> list[dict]:
    return [p for p in channel_posts(harness, since) if p.get("thread_ts") == message["ts"]]


REFUSED = "Only the partnership's owner, whoever asked for the quote, or an approver"


@pytest.mark.parametrize("button", ["excl_accept", "excl_withdraw"])
def test_a_plain_member_cannot_accept_or_withdraw_with_a_button(
    desk: AppHarness, quote: dict, button: str
) -> None:
    since = len(desk.standin.calls)
    click(desk, quote, button, MEMBER)
    [answer] = told(desk, MEMBER, since)
    assert answer.startswith(REFUSED)
    [stored] = rows(desk.engine, ExclusivityQuote)
    assert (stored.status, stored.version) == ("open", 1)
    assert rows(desk.engine, ExclusivityWindow) == []
    assert thread_posts(desk, quote, since) == []
    assert desk.standin.calls_to("chat.update") == []


@pytest.mark.parametrize("word", ["deal", "akkoord", "withdraw"])
def test_a_plain_member_typing_a_closing_word_is_told_privately_in_the_thread(
    desk: AppHarness, quote: dict, word: str
) -> None:
    since = len(desk.standin.calls)
    type_in_thread(desk, quote, word, MEMBER)
    [ephemeral] = [c.args for c in desk.standin.calls[since:] if c.method == "chat.postEphemeral"]
    assert (ephemeral["user"], ephemeral["channel"], ephemeral["thread_ts"]) == (
        MEMBER,
        CHANNEL_ID,
        quote["ts"],
    )
    assert ephemeral["text"].startswith(REFUSED)
    assert thread_posts(desk, quote, since) == []
    [stored] = rows(desk.engine, ExclusivityQuote)
    assert stored.status == "open" and rows(desk.engine, ExclusivityWindow) == []


def test_a_plain_member_still_negotiates(desk: AppHarness, quote: dict) -> None:
    type_in_thread(desk, quote, "make it 14 days", MEMBER)
    [stored] = rows(desk.engine, ExclusivityQuote)
    assert stored.terms["after_hours"] == 14 * 24


@pytest.mark.parametrize("who", [KEEPER, ASKER, EXCL_APPROVER, GROUPIE])
def test_the_owner_the_asker_and_exclusivity_approvers_accept(
    desk: AppHarness, quote: dict, who: str
) -> None:
    click(desk, quote, "excl_accept", who)
    [stored] = rows(desk.engine, ExclusivityQuote)
    assert stored.status == "agreed"
    [window] = rows(desk.engine, ExclusivityWindow)
    assert (window.status, window.created_by) == ("agreed", who)


@pytest.mark.parametrize("who", [KEEPER, EXCL_APPROVER])
def test_the_owner_and_an_approver_withdraw_by_typing(
    desk: AppHarness, quote: dict, who: str
) -> None:
    type_in_thread(desk, quote, "withdraw", who)
    [stored] = rows(desk.engine, ExclusivityQuote)
    assert stored.status == "withdrawn"
    assert [r.change["code"] for r in rows(desk.engine, NegotiationRound)][-1] == "withdraw"


def test_only_those_who_may_close_withdraw_the_recorded_window(
    desk: AppHarness, quote: dict
) -> None:
    type_in_thread(desk, quote, "deal", ASKER)
    agreement = thread_posts(desk, quote)[-1]
    [window] = rows(desk.engine, ExclusivityWindow)
    withdraw = {"ts": "1800000009.000100", "thread_ts": quote["ts"], "text": agreement["text"]}
    value = button_value(agreement, "excl_window_withdraw")
    since = len(desk.standin.calls)
    desk.click("excl_window_withdraw", value, user_id=MEMBER, message=withdraw)
    [answer] = told(desk, MEMBER, since)
    assert answer.startswith(REFUSED) and "withdraw this window" in answer
    assert rows(desk.engine, ExclusivityWindow)[0].status == "agreed"
    assert thread_posts(desk, quote, since) == []

    desk.click("excl_window_withdraw", value, user_id=KEEPER, message=withdraw)
    assert rows(desk.engine, ExclusivityWindow)[0].status == "withdrawn"
    [note] = thread_posts(desk, quote, since)
    assert f"<@{KEEPER}>" in note["text"]
    # A second click changes nothing and is answered to the clicker only.
    since = len(desk.standin.calls)
    desk.click("excl_window_withdraw", value, user_id=KEEPER, message=withdraw)
    assert told(desk, KEEPER, since) == ["That window was already withdrawn: nothing changed."]
    assert thread_posts(desk, quote, since) == []
    assert window.id == rows(desk.engine, ExclusivityWindow)[0].id


def test_the_role_comes_from_the_locale_look_up_of_the_same_request(desk: AppHarness) -> None:
    # A first request from Ada: the middleware asks users.info for her locale; the role check
    # reuses that answer instead of asking Slack again.
    since = len(desk.standin.calls)
    open_settings(desk, ADMIN)
    asked = [c for c in desk.standin.calls[since:] if c.method == "users.info"]
    assert [c.args["user"] for c in asked] == [ADMIN]
    # Later requests ask for the role each time (a role Slack took away stops counting).
    since = len(desk.standin.calls)
    open_settings(desk, ADMIN)
    assert [c.method for c in desk.standin.calls[since:]].count("users.info") == 1
