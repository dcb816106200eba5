"""Two workspaces installed in one multi-workspace app, holding the same creator name, the
same approvals, quotes and digests: nothing of one is seen, changed, counted or sent in the
other, through the commands, the buttons (a forged click carrying the other team's ids), the
events and the clock's jobs. Everything goes over signed HTTP into the served app, Bolt
authorizes each request from the installation store, and the stand-in serves each Web API
call in the workspace its token belongs to (issue #16, acceptance item 4)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlencode

import pytest
from sqlalchemy import Engine, text
from sqlmodel import select

from bot.config import Settings, manifest_bot_scopes
from bot.delivery import delivery_client, sweep
from bot.standin import Call, SlackStandIn
from bot.team_clients import TeamClients
from domain.approvals import ApprovalSettings, KindSettings, Rule
from domain.values import ApprovalKind
from handlers.home.view import publish_due
from storage import approvals
from storage.db import session_scope
from storage.models import ApprovalDecision, ApprovalRequest, Creator
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import (
    CHANNEL_ID,
    OTHER_USER_ID,
    START,
    TEAM_ID,
    USER_ID,
    block_actions_body,
    command_body,
    event_body,
)
from tests.oauth_flow import (
    CLIENT_ID,
    CLIENT_SECRET,
    SLACK_TABLES,
    install,
    post_signed,
    serve_multi,
    settle,
    wait_for_answer,
)

OTHER_TEAM = "T0OTHER0001"
GRID_USER = "W0GRIDUSER1"  # an Enterprise Grid member: one id in both workspaces
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Team:
    team_id: str
    brand: str
    word: str  # a word of the brand's name that no escaping changes
    cpm: str
    lead: str
    channel: str  # where commands are typed
    deals: str  # the partnership's channel


ONE = Team(TEAM_ID, "Koffie & Co", "Koffie", USER_ID, OTHER_USER_ID, CHANNEL_ID, "C0ONEDEALS1")
TWO = Team(
    OTHER_TEAM, "Thee & Zo", "Thee", "U0TWOCPM001", "U0TWOLEAD01", "C0TWOGEN001", "C0TWODEALS1"
)
TEAMS = (ONE, TWO)


def other(team: Team) -> Team:
    return TWO if team is ONE else ONE


# What the app sends when it answers an event: in the channel or thread, or the Home tab.
ANSWERS = ("chat.postMessage", "chat.postEphemeral", "chat.update", "views.publish")


# A command whose answer is a message posted after the ack.
POSTED = ("chat.postMessage",)


class Desk:
    """The served multi-workspace app, both workspaces installed, and what each was sent."""

    def __init__(self, base: str, standin: SlackStandIn, engine: Engine) -> None:
        self.base, self.standin, self.engine = base, standin, engine

    def command(
        self,
        team: Team,
        command: str,
        text_: str,
        user: str | None = None,
        answered_by: tuple[str, ...] = (),
    ) -> str:
        """A slash command typed in the team's channel: the ack's body and every answer
        sent afterwards (once one of `answered_by` has come), as text; every Slack call it
        caused belongs to the team."""
        seen = len(self.standin.calls)
        body = command_body(
            command,
            text_,
            response_url=self.standin.hook_url(f"cmd-{team.team_id}"),
            user_id=user or team.cpm,
            channel_id=team.channel,
            team_id=team.team_id,
        )
        status, answer = post_signed(self.base, body, FORM)
        assert status == 200, answer
        reply = json.dumps(json.loads(answer), ensure_ascii=False) if answer else ""
        assert other(team).word not in reply
        if answered_by:
            wait_for_answer(self.standin, seen, answered_by)
        return reply + self.after(team, seen)

    def event(
        self, team: Team, event: dict[str, Any], answered_by: tuple[str, ...] = ANSWERS
    ) -> str:
        """An event from the team's workspace; what the app sent in answer, once one of
        `answered_by` has come (none: only the quiet spell is waited for)."""
        seen = len(self.standin.calls)
        status, _ = post_signed(
            self.base, event_body(event, team_id=team.team_id), "application/json"
        )
        assert status == 200
        if answered_by:
            wait_for_answer(self.standin, seen, answered_by)
        return self.after(team, seen)

    def after(self, team: Team, seen: int) -> str:
        """What the app sent since call `seen`, checked to be all the team's own."""
        settle(self.standin)
        calls = self.standin.calls[seen:]
        assert_own(team, calls)
        return json.dumps([c.args for c in calls], ensure_ascii=False)


def assert_own(team: Team, calls: list[Call]) -> None:
    """Every call went to the team's own workspace (its token) or its own response_urls, and
    none of them says anything of the other team's."""
    for call in calls:
        if call.method == "respond":
            assert call.hook.endswith(team.team_id), call
        elif call.method != "oauth.v2.access":
            assert call.team_id == team.team_id, (call.method, call.args, call.response)
        said = json.dumps(call.args, ensure_ascii=False)
        assert other(team).word not in said, (call.method, said)


@pytest.fixture
def desk(settings: Settings, engine: Engine, standin: SlackStandIn) -> Iterator[Desk]:
    multi = dataclasses.replace(
        settings,
        slack_bot_token=None,
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
        slack_scopes=manifest_bot_scopes(),
    )
    standin.add_workspace(TWO.team_id, team_domain="thee-en-zo")
    standin.add_user(TWO.cpm, name="tess", real_name="Tess Partner", team_id=TWO.team_id)
    standin.add_user(TWO.lead, name="lex", real_name="Lex Lead", team_id=TWO.team_id)
    for team in TEAMS:
        standin.add_user(GRID_USER, name="gus", locale="nl-NL", team_id=team.team_id)
        people = [team.cpm, team.lead]
        standin.add_channel(team.deals, name="zoe-deals", members=people, team_id=team.team_id)
        if team is TWO:
            standin.add_channel(team.channel, name="general", members=people, team_id=team.team_id)
        creator = make_creator(engine, "Zoë de Vries", handle="zoedv", team_id=team.team_id)
        brand = make_brand(engine, team.brand, team_id=team.team_id)
        make_partnership(engine, creator, brand, channel_id=team.deals, owner_user_id=team.lead)
    # Only the second workspace has a second creator: counts must differ.
    make_creator(engine, "Lisa Jansen", handle="lisaj", team_id=TWO.team_id)
    standin.register_app(CLIENT_ID, CLIENT_SECRET)
    server, async_engine = serve_multi(multi, engine, standin)
    try:
        with server as base:
            for team in TEAMS:
                assert install(base, standin, team_id=team.team_id, user_id=team.cpm)[0] == 200
            desk = Desk(base, standin, engine)
            for team in TEAMS:
                desk.command(team, "/creator", "help")  # the team's settings row
                _approvers(engine, team)
            yield desk
    finally:
        asyncio.run(async_engine.dispose())
        with engine.begin() as connection:
            for table in SLACK_TABLES:
                connection.execute(text(f"DELETE FROM {table}"))


def _approvers(engine: Engine, team: Team) -> None:
    with session_scope(engine) as session:
        approvals.save_settings(
            session=session,
            team_id=team.team_id,
            settings=ApprovalSettings(
                kinds={ApprovalKind.CONTRACT: KindSettings((team.lead,), None, Rule.ANY)},
                fallback=None,
            ),
        )


def test_every_command_sees_and_changes_only_its_own_workspace(desk: Desk) -> None:
    for team in TEAMS:
        status = desk.command(team, "/creator", "status zoe")
        assert team.word in status
        listed = desk.command(team, "/creator", "list")
        assert "Zoë de Vries" in listed
        assert ("Lisa Jansen" in listed) == (team is TWO)  # counted only where it is
        assert "Zoë" in desk.command(team, "/creator", "edit zoe")  # the modal, own token
        desk.command(team, "/creator", "add")
        quote = desk.command(team, "/exclusivity", "quote zoe 30d", answered_by=POSTED)
        assert team.word in quote
        desk.command(team, "/exclusivity", "check zoe 2026-12-01")
        desk.command(team, "/exclusivity", "list")
        desk.command(team, "/creator", "digest subscribe")
        assert team.word in desk.command(team, "/creator", "digest preview")
        desk.command(
            team, "/creator", "approve zoe contract Renewal terms 2027", answered_by=POSTED
        )
    # Each workspace's request went to its own channel, for its own lead.
    with session_scope(desk.engine) as session:
        requests = {r.team_id: r for r in session.exec(select(ApprovalRequest))}
    assert {t: (r.channel_id, r.approvers) for t, r in requests.items()} == {
        team.team_id: (team.deals, [team.lead]) for team in TEAMS
    }

    # A Grid member in both workspaces: the language they chose in one is not the other's.
    desk.command(ONE, "/creator", "language en", user=GRID_USER)
    assert "Show this help." in desk.command(ONE, "/creator", "help", user=GRID_USER)
    assert "Toon deze hulp." in desk.command(TWO, "/creator", "help", user=GRID_USER)

    # Archiving in one leaves the other's creator of the same name as it was.
    desk.command(ONE, "/creator", "archive zoe")
    assert "Zoë de Vries" not in desk.command(ONE, "/creator", "list")
    assert "Zoë de Vries" in desk.command(TWO, "/creator", "list")
    assert TWO.word in desk.command(TWO, "/creator", "status zoe")
    with session_scope(desk.engine) as session:
        archived = {c.team_id: c.archived for c in session.exec(select(Creator))}
    assert archived == {ONE.team_id: True, TWO.team_id: False}


def _request_message(desk: Desk, team: Team) -> Call:
    [post] = [
        c
        for c in desk.standin.calls_to("chat.postMessage")
        if c.team_id == team.team_id and c.args["channel"] == team.deals
    ]
    return post


def test_a_forged_click_on_the_other_workspaces_request_changes_nothing(desk: Desk) -> None:
    for team in TEAMS:
        desk.command(
            team, "/creator", "approve zoe contract Renewal terms 2027", answered_by=POSTED
        )
    with session_scope(desk.engine) as session:
        request_id = {r.team_id: r.id for r in session.exec(select(ApprovalRequest))}[ONE.team_id]
    message_ts = _request_message(desk, ONE).response["ts"]
    # The second workspace's lead clicks Approve, then Reject, with the first's request id,
    # channel and message: refused, in their own workspace only.
    for action in ("approval_approve", "approval_reject"):
        seen = len(desk.standin.calls)
        _click(desk, TWO, action, f"{request_id}:1", ONE.deals, message_ts)
        forged = desk.standin.calls[seen:]
        assert "no longer exists" in json.dumps([c.args for c in forged])
        assert all(c.team_id in (None, TWO.team_id) for c in forged)
        assert not [c for c in forged if c.method in ("chat.update", "views.open")]
    with session_scope(desk.engine) as session:
        assert list(session.exec(select(ApprovalDecision))) == []
        assert {r.status for r in session.exec(select(ApprovalRequest))} == {"pending"}

    # The first workspace's own lead decides its own request, with its own token.
    seen = len(desk.standin.calls)
    _click(desk, ONE, "approval_approve", f"{request_id}:1", ONE.deals, message_ts)
    desk.after(ONE, seen)
    with session_scope(desk.engine) as session:
        states = {r.team_id: r.status for r in session.exec(select(ApprovalRequest))}
    assert states == {ONE.team_id: "approved", TWO.team_id: "pending"}


def _click(desk: Desk, team: Team, action: str, value: str, channel: str, ts: str) -> None:
    """The team's lead clicks a button of the message `ts` in `channel`."""
    body = block_actions_body(
        action,
        value,
        response_url=desk.standin.hook_url(f"act-{team.team_id}"),
        user_id=team.lead,
        channel_id=channel,
        message={"type": "message", "ts": ts, "text": "x", "blocks": []},
    )
    seen = len(desk.standin.calls)
    assert post_signed(desk.base, _as_team(body, team.team_id), FORM)[0] == 200
    wait_for_answer(desk.standin, seen, ("respond", "chat.postEphemeral", "chat.update"))
    settle(desk.standin)


def _as_team(body: str, team_id: str) -> str:
    """A block_actions body as the given workspace sends it (team and user's team)."""
    payload = json.loads(parse_qs(body)["payload"][0])
    payload["team"]["id"] = team_id
    payload["user"]["team_id"] = team_id
    return urlencode({"payload": json.dumps(payload)})


def _quote_thread(desk: Desk, team: Team) -> str:
    desk.command(team, "/exclusivity", "quote zoe 30d", answered_by=POSTED)
    posts = [
        c
        for c in desk.standin.calls_to("chat.postMessage")
        if c.team_id == team.team_id and not c.args.get("thread_ts")
    ]
    return posts[-1].response["ts"]


def _home_opened(team: Team) -> dict[str, Any]:
    return {"type": "app_home_opened", "user": team.lead, "channel": "D0HOME00001", "tab": "home"}


def _message(team: Team, channel: str, text_: str, thread_ts: str | None = None) -> dict:
    event = {
        "type": "message",
        "channel": channel,
        "user": team.cpm,
        "text": text_,
        "ts": f"{time.time():.6f}",
        "event_ts": f"{time.time():.6f}",
        "channel_type": "channel",
        "client_msg_id": str(uuid.uuid4()),
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def test_events_answer_each_workspace_from_its_own_data(desk: Desk) -> None:
    threads = {team.team_id: _quote_thread(desk, team) for team in TEAMS}
    for team in TEAMS:
        said = desk.event(
            team, _message(team, team.channel, "maak er 14 dagen van", threads[team.team_id])
        )
        assert "14" in said
        mention = {
            **_message(team, team.channel, "<@U0BOT000001> hoe doet zoe het?"),
            "type": "app_mention",
        }
        assert team.word in desk.event(team, mention)
        home = desk.event(team, _home_opened(team))
        assert team.word in home  # the lead's Home tab: their own partnership
    # The second workspace replies in the first's quote thread: nothing happens there.
    seen = len(desk.standin.calls)
    desk.event(
        TWO, _message(TWO, ONE.channel, "make it 7 days", threads[ONE.team_id]), answered_by=()
    )
    assert not [c for c in desk.standin.calls[seen:] if c.team_id == ONE.team_id]


def test_the_clock_sends_each_workspaces_jobs_with_its_own_token(
    desk: Desk, settings: Settings
) -> None:
    for team in TEAMS:
        desk.event(team, _home_opened(team))  # published; the request below changes it
        desk.command(team, "/creator", "digest subscribe")
        desk.command(
            team, "/creator", "approve zoe contract Renewal terms 2027", answered_by=POSTED
        )
        desk.command(team, "/creator", "roadmap start zoe")
    multi = dataclasses.replace(
        settings,
        slack_bot_token=None,
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
        slack_api_url=desk.standin.base_url,
    )
    clients = TeamClients(multi, desk.engine, make_client=delivery_client, timeout=5)
    seen = len(desk.standin.calls)
    later = START + timedelta(days=8)
    report = sweep(desk.engine, clients, now=later, worker_id="w1", timer=lambda: 0.0)
    # The Home tabs the changes made due, after their debounce: each lead's own.
    publish_due(desk.engine, clients, now=later)
    assert publish_due(desk.engine, clients, now=later + timedelta(minutes=1)) == 2
    sent = desk.standin.calls[seen:]
    # Per workspace: the digest, the request's reminders, the roadmap's nudges.
    assert report.failed == 0 and report.sent >= 6, report
    published = {c.team_id: c.args["user_id"] for c in sent if c.method == "views.publish"}
    assert published == {team.team_id: team.lead for team in TEAMS}
    for team in TEAMS:
        own = [c for c in sent if c.team_id == team.team_id]
        assert_own(team, own)
        assert {c.response["ok"] for c in own} == {True}
        channels = {c.args["channel"] for c in own if c.method == "chat.postMessage"}
        assert team.deals in channels or team.channel in channels
    assert {c.team_id for c in sent} <= {ONE.team_id, TWO.team_id}
