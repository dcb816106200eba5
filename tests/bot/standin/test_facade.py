"""The Slack stand-in as the console and the tests hold it (bot/standin/facade.py), and the
checks against Slack's spec (tests/slackspec.py).

Everything goes over real HTTP with slack_sdk's own clients pointed at the stand-in's
base_url, as the app's calls do. Tests that need Slack's spec file skip without it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.standin import SERVED_METHODS, Call, SlackStandIn
from tests.slackspec import (
    NEWER_METHODS,
    SKIP_REASON,
    SpecViolation,
    WebApiSpec,
    check_blocks,
    check_message,
    check_view,
    default_web_api_spec,
    make_validator,
)

TOKEN = "xoxb-test-token"
CHANNEL = "C0PARTNER01"
CREATOR = "U0CREATOR01"


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def section(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": mrkdwn(text), **extra}


def button(action_id: str, text: str = "Go") -> dict[str, Any]:
    return {"type": "button", "action_id": action_id, "text": plain(text), "value": action_id}


def quote_modal() -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": "quote",
        "title": plain("Quote"),
        "submit": plain("Send"),
        "close": plain("Cancel"),
        "private_metadata": "",
        "blocks": [
            {
                "type": "input",
                "block_id": "fee",
                "label": plain("Fee"),
                "element": {"type": "plain_text_input", "action_id": "fee"},
            }
        ],
    }


# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spec() -> WebApiSpec:
    loaded = default_web_api_spec()
    if loaded is None:
        pytest.skip(SKIP_REASON)
    return loaded


@pytest.fixture
def spec_warnings() -> list[str]:
    return []


@pytest.fixture
def slack(spec: WebApiSpec, spec_warnings: list[str]) -> Iterator[SlackStandIn]:
    """The stand-in with Slack's spec as its validator."""
    with SlackStandIn(validator=make_validator(spec, spec_warnings)) as standin:
        standin.add_user(CREATOR, name="anna", real_name="Anna de Vries", locale="nl-NL")
        standin.add_channel(CHANNEL, name="partner-anna", is_ext_shared=True, members=[CREATOR])
        yield standin


@pytest.fixture
def bare() -> Iterator[SlackStandIn]:
    """The stand-in alone, for its own behaviour (no spec file needed)."""
    with SlackStandIn() as standin:
        yield standin


def client_for(standin: SlackStandIn) -> WebClient:
    # No retry handlers: the tests want Slack's errors and 429s exactly as they come.
    return WebClient(token=TOKEN, base_url=standin.base_url, retry_handlers=[])


@pytest.fixture
def client(slack: SlackStandIn) -> WebClient:
    return client_for(slack)


@pytest.fixture
def bare_client(bare: SlackStandIn) -> WebClient:
    return client_for(bare)


# -- the validator, over HTTP -----------------------------------------------------------------


def assert_rejected(standin: SlackStandIn, method: str, *fragments: str) -> Call:
    """The last call failed with invalid_arguments and its violation names `fragments`."""
    call = standin.calls_to(method)[-1]
    assert call.response["error"] == "invalid_arguments"
    assert len(standin.violations) == 1
    for fragment in fragments:
        assert fragment in standin.violations[0]
    assert call.response["response_metadata"]["messages"] == standin.violations
    return call


def test_unknown_method_fails_and_is_a_violation(slack: SlackStandIn, client: WebClient) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.api_call("chat.postMesage", json={"channel": CHANNEL, "text": "hi"})
    assert raised.value.response["error"] == "invalid_arguments"
    assert_rejected(slack, "chat.postMesage", "chat.postMesage", "not a method")


def test_missing_channel_fails_and_is_a_violation(slack: SlackStandIn, client: WebClient) -> None:
    with pytest.raises(SlackApiError):
        client.api_call("chat.postMessage", json={"text": "hi"})
    assert_rejected(slack, "chat.postMessage", "missing required argument 'channel'")
    assert slack.messages(CHANNEL) == []


def test_invalid_block_fails_and_is_a_violation(slack: SlackStandIn, client: WebClient) -> None:
    header = {"type": "header", "text": mrkdwn("Deal")}
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel=CHANNEL, text="Deal", blocks=[header])
    assert_rejected(slack, "chat.postMessage", "blocks[0] (header)", "plain_text")


def test_valid_message_passes_and_its_answer_matches_the_spec(
    slack: SlackStandIn, client: WebClient, spec: WebApiSpec
) -> None:
    blocks = [
        {"type": "header", "text": plain("Anna")},
        section("*Stage:* negotiating", block_id="stage", accessory=button("open")),
        {"type": "actions", "elements": [button("approve"), button("decline")]},
    ]
    answer = client.chat_postMessage(channel=CHANNEL, text="Anna: negotiating", blocks=blocks)

    spec.check_response("chat.postMessage", answer.data)
    assert slack.violations == []
    assert answer["channel"] == CHANNEL
    assert answer["message"]["blocks"] == blocks
    (stored,) = slack.messages(CHANNEL)
    assert (stored["ts"], stored["user"], stored["text"]) == (
        answer["ts"],
        slack.bot_user_id,
        "Anna: negotiating",
    )


def test_arguments_newer_than_the_spec_are_warnings(
    slack: SlackStandIn, client: WebClient, spec_warnings: list[str]
) -> None:
    metadata = {"event_type": "quote_sent", "event_payload": {"quote_id": 7}}
    client.chat_postMessage(channel=CHANNEL, text="Quote sent", metadata=metadata)

    assert slack.violations == []
    assert spec_warnings == [
        "chat.postMessage: argument 'metadata' is not in Slack's 2020 spec "
        "(newer than the spec, or a typo)"
    ]
    assert slack.messages(CHANNEL)[0]["metadata"] == metadata


def test_form_encoded_calls_with_string_booleans_pass(
    slack: SlackStandIn, client: WebClient, spec: WebApiSpec
) -> None:
    opened = client.conversations_open(users=CREATOR, return_im=True)
    info = client.users_info(user=CREATOR, include_locale=True)

    assert slack.violations == []
    # They arrived form-encoded, booleans as "1", exactly as WebClient sends them.
    assert slack.calls_to("conversations.open")[0].args == {"users": CREATOR, "return_im": "1"}
    assert slack.calls_to("users.info")[0].args == {"user": CREATOR, "include_locale": "1"}
    assert opened["channel"]["id"].startswith("D")
    assert info["user"]["locale"] == "nl-NL"
    spec.check_response("conversations.open", opened.data)
    spec.check_response("users.info", info.data)


def test_every_answer_matches_the_spec(
    slack: SlackStandIn, client: WebClient, spec: WebApiSpec
) -> None:
    """A tour of every method the stand-in serves; each answer validates against the spec."""
    slack.add_usergroup("S0CPMS00001", [CREATOR])
    posted = client.chat_postMessage(channel=CHANNEL, text="Deal", blocks=[section("Deal")])
    slack.add_message(CHANNEL, text="Sounds good", user=CREATOR, thread_ts=posted["ts"])
    client.chat_postMessage(channel=CHANNEL, text="Great", thread_ts=posted["ts"])
    client.chat_postMessage(channel=CREATOR, text="A DM, addressed by user id")
    client.chat_postEphemeral(channel=CHANNEL, user=CREATOR, text="Only you see this")
    client.chat_update(channel=CHANNEL, ts=posted["ts"], text="Deal!", blocks=[section("Deal!")])
    client.chat_getPermalink(channel=CHANNEL, message_ts=posted["ts"])
    client.reactions_add(channel=CHANNEL, timestamp=posted["ts"], name="eyes")
    client.conversations_info(channel=CHANNEL, include_num_members=True)
    im = client.conversations_open(users=CREATOR)["channel"]["id"]
    client.conversations_info(channel=im)
    client.conversations_open(users=[CREATOR, "U0OTHER0001"], return_im=True)
    client.conversations_history(channel=CHANNEL, include_all_metadata=True)
    client.conversations_history(channel="C0EMPTY0001")
    client.conversations_replies(channel=CHANNEL, ts=posted["ts"])
    client.conversations_members(channel=CHANNEL)
    listed = client.conversations_list(types="public_channel,private_channel", limit=1)
    assert listed["channels"] and listed["response_metadata"]["next_cursor"]
    client.users_info(user=slack.bot_user_id)
    client.users_list(limit=1)
    client.auth_test()
    view = client.views_open(trigger_id="1.2.abc", view=quote_modal())["view"]
    client.views_update(view_id=view["id"], hash=view["hash"], view=quote_modal())
    client.views_push(trigger_id="1.2.abc", view=quote_modal())
    client.views_publish(user_id=CREATOR, view={"type": "home", "blocks": [section("Home")]})
    client.usergroups_users_list(usergroup="S0CPMS00001")
    # files.getUploadURLExternal, the upload to its URL, files.completeUploadExternal
    shared = client.files_upload_v2(
        channel=CHANNEL, file=b"\x89PNG\r\n\x1a\n", filename="chart.png", title="Chart"
    )
    assert shared["file"]["title"] == "Chart" and shared["file"]["size"] == 8
    client.chat_delete(channel=CHANNEL, ts=posted["ts"])
    with pytest.raises(SlackApiError, match="thread_not_found"):
        client.conversations_replies(channel=CHANNEL, ts=posted["ts"])

    assert slack.violations == []
    # "upload": the bytes posted to the upload URL, not a Web API method.
    assert {call.method for call in slack.calls} - {"upload"} == SERVED_METHODS
    for call in slack.calls:
        if call.method not in (*NEWER_METHODS, "upload"):  # newer than the spec
            spec.check_response(call.method, call.response)


def test_async_client_is_served_and_validated(slack: SlackStandIn, spec: WebApiSpec) -> None:
    async def scenario() -> tuple[dict[str, Any], dict[str, Any]]:
        client = AsyncWebClient(token=TOKEN, base_url=slack.base_url)
        posted = await client.chat_postMessage(channel=CHANNEL, text="hi", blocks=[section("hi")])
        opened = await client.views_open(trigger_id="1.2.abc", view=quote_modal())
        return posted.data, opened.data  # type: ignore[return-value]

    posted, opened = asyncio.run(scenario())

    assert slack.violations == []
    assert opened["view"]["id"].startswith("V")
    assert opened["view"]["callback_id"] == "quote"
    spec.check_response("chat.postMessage", posted)
    spec.check_response("views.open", opened)


def test_history_paginates_and_returns_metadata(
    slack: SlackStandIn, client: WebClient, spec: WebApiSpec
) -> None:
    for number in range(5):
        metadata = {"event_type": "reminder", "event_payload": {"number": number}}
        client.chat_postMessage(channel=CHANNEL, text=f"#{number}", metadata=metadata)

    pages, cursor = [], None
    while True:
        page = client.conversations_history(
            channel=CHANNEL, limit=2, cursor=cursor, include_all_metadata=True
        )
        spec.check_response("conversations.history", page.data)
        pages.append([m["metadata"]["event_payload"]["number"] for m in page["messages"]])
        if not page["has_more"]:
            break
        cursor = page["response_metadata"]["next_cursor"]

    assert pages == [[4, 3], [2, 1], [0]]  # newest first
    plain_history = client.conversations_history(channel=CHANNEL)
    assert all("metadata" not in m for m in plain_history["messages"])


def test_respond_posts_are_recorded_and_validated(slack: SlackStandIn) -> None:
    respond = Respond(response_url=slack.hook_url("cmd-1"))

    sent = respond(text="Quote ready", blocks=[section("Quote ready")], replace_original=True)
    refused = respond(text="", blocks=[{"type": "header", "text": mrkdwn("x")}])

    assert (sent.status_code, sent.body) == (200, "ok")
    assert refused.status_code == 400
    first, second = slack.wait_for_call("respond", count=2)
    assert first.hook == "cmd-1"
    assert first.args["blocks"] == [section("Quote ready")]
    assert first.args["replace_original"] is True
    assert second.response["error"] == "invalid_blocks"
    (violation,) = slack.violations
    assert "fallback" in violation
    assert "blocks[0] (header)" in violation


def test_the_spec_requires_channel_for_chat_post_message(spec: WebApiSpec) -> None:
    """Pinned to Slack's real spec file, not to anything this project wrote."""
    assert spec.required_args("chat.postMessage") == {"channel"}
    with pytest.raises(SpecViolation, match="missing required argument 'channel'"):
        spec.check_call("chat.postMessage", {"text": "hi"})
    assert spec.check_call("chat.postMessage", {"channel": CHANNEL, "text": "hi"}) == []


def test_the_spec_checks_argument_types(spec: WebApiSpec) -> None:
    assert spec.check_call("conversations.history", {"channel": CHANNEL, "limit": "20"}) == []
    assert spec.check_call("chat.update", {"channel": CHANNEL, "ts": 1700000000.0001}) == []
    with pytest.raises(SpecViolation, match="'limit' should be of type integer"):
        spec.check_call("conversations.history", {"channel": CHANNEL, "limit": "many"})
    with pytest.raises(SpecViolation, match="'unfurl_links' should be of type boolean"):
        spec.check_call("chat.postMessage", {"channel": CHANNEL, "unfurl_links": "yes"})
    with pytest.raises(SpecViolation, match="'blocks' is not valid JSON"):
        spec.check_call("chat.postMessage", {"channel": CHANNEL, "blocks": "[{"})


# -- the stand-in's own behaviour ------------------------------------------------------------


def test_a_call_without_token_is_not_authed(bare: SlackStandIn) -> None:
    with pytest.raises(SlackApiError, match="not_authed"):
        WebClient(base_url=bare.base_url, retry_handlers=[]).auth_test()


def test_injected_error_reaches_the_client_once(bare: SlackStandIn, bare_client: WebClient) -> None:
    bare.inject_error("chat.postMessage", "not_in_channel")

    with pytest.raises(SlackApiError) as raised:
        bare_client.chat_postMessage(channel=CHANNEL, text="hi")
    assert raised.value.response["error"] == "not_in_channel"
    assert bare.messages(CHANNEL) == []
    assert bare_client.chat_postMessage(channel=CHANNEL, text="hi")["ok"]


def test_rate_limit_reaches_the_client_with_retry_after(
    bare: SlackStandIn, bare_client: WebClient
) -> None:
    bare.inject_error("chat.postMessage", status=429, retry_after=7)

    with pytest.raises(SlackApiError) as raised:
        bare_client.chat_postMessage(channel=CHANNEL, text="hi")

    response = raised.value.response
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"
    assert response["error"] == "ratelimited"
    assert bare.calls_to("chat.postMessage")[0].status == 429


def test_server_error_reaches_the_client_as_a_5xx(
    bare: SlackStandIn, bare_client: WebClient
) -> None:
    bare.inject_error("users.info", "service_unavailable", status=503, times=2)

    for _ in range(2):
        with pytest.raises(SlackApiError) as raised:
            bare_client.users_info(user=CREATOR)
        assert raised.value.response.status_code == 503
    assert bare_client.users_info(user=CREATOR)["ok"]


def test_chat_update_and_delete_change_the_stored_messages(
    bare: SlackStandIn, bare_client: WebClient
) -> None:
    first = bare_client.chat_postMessage(channel=CHANNEL, text="Draft", blocks=[section("Draft")])
    second = bare_client.chat_postMessage(channel=CHANNEL, text="Second")

    bare_client.chat_update(
        channel=CHANNEL, ts=first["ts"], text="Final", blocks=[section("Final")]
    )
    bare_client.chat_delete(channel=CHANNEL, ts=second["ts"])

    (message,) = bare.messages(CHANNEL)
    assert (message["ts"], message["text"], message["blocks"]) == (
        first["ts"],
        "Final",
        [section("Final")],
    )
    with pytest.raises(SlackApiError, match="message_not_found"):
        bare_client.chat_update(channel=CHANNEL, ts=second["ts"], text="gone")


def test_unknown_channels_are_created_unless_strict(bare_client: WebClient) -> None:
    info = bare_client.conversations_info(channel="C0NEVERSEEN")
    assert info["channel"]["is_member"] is True

    with SlackStandIn(strict_channels=True) as strict:
        with pytest.raises(SlackApiError, match="channel_not_found"):
            client_for(strict).chat_postMessage(channel="C0NEVERSEEN", text="hi")


def test_ims_are_stable_per_user(bare: SlackStandIn, bare_client: WebClient) -> None:
    bare.add_channel("D0ANNA00001", name=CREATOR, is_im=True, user=CREATOR)

    first = bare_client.conversations_open(users=CREATOR)
    again = bare_client.conversations_open(users=CREATOR)
    other = bare_client.conversations_open(users="U0OTHER0001")

    assert first["channel"]["id"] == again["channel"]["id"] == "D0ANNA00001"
    assert other["channel"]["id"] not in ("D0ANNA00001", "")
    assert bare_client.conversations_open(users="U0OTHER0001")["channel"] == other["channel"]


def test_concurrent_calls_are_all_recorded_in_order(bare: SlackStandIn) -> None:
    def post_five(worker: int) -> None:
        client = client_for(bare)
        for number in range(5):
            client.chat_postMessage(channel=CHANNEL, text=f"{worker}-{number}")

    threads = [threading.Thread(target=post_five, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    calls = bare.wait_for_call("chat.postMessage", count=40)
    for thread in threads:
        thread.join()

    assert [call.seq for call in calls] == list(range(1, 41))
    timestamps = [call.response["ts"] for call in calls]
    assert timestamps == sorted(timestamps, key=float)  # seq order is the order of effects
    assert len(set(timestamps)) == 40
    assert len(bare.messages(CHANNEL)) == 40


def test_listeners_see_every_call(bare: SlackStandIn, bare_client: WebClient) -> None:
    seen: list[str] = []
    bare.subscribe(lambda call: seen.append(call.method))

    bare_client.auth_test()
    bare_client.chat_postMessage(channel=CHANNEL, text="hi")

    assert seen == ["auth.test", "chat.postMessage"]


def test_wait_for_times_out_with_a_clear_error(bare: SlackStandIn, bare_client: WebClient) -> None:
    bare_client.conversations_info(channel=CHANNEL)

    with pytest.raises(TimeoutError) as raised:
        bare.wait_for_call("chat.postMessage", timeout=0.05)

    message = str(raised.value)
    assert "1 call(s) to chat.postMessage" in message
    assert "#1 conversations.info(channel='C0PARTNER01') -> ok" in message


# -- Block Kit checks ----------------------------------------------------------------------------


def option(text: str, value: str = "v") -> dict[str, Any]:
    return {"text": plain(text), "value": value}


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        pytest.param(
            [
                {"type": "actions", "elements": [button("approve")]},
                section("x", accessory=button("approve")),
            ],
            "action_id 'approve' is used 2 times (blocks[0].elements[0], blocks[1].accessory)",
            id="duplicate action_id",
        ),
        pytest.param(
            [section(f"line {n}") for n in range(51)],
            "51 blocks: a message allows at most 50",
            id="51 blocks",
        ),
        pytest.param(
            [section("x"), {"type": "context", "elements": [mrkdwn(" ")]}],
            "blocks[1] (context): elements[0]: empty text",
            id="empty text",
        ),
        pytest.param(
            [{"type": "header", "text": mrkdwn("Deal")}],
            "blocks[0] (header): text must be a plain_text object, not mrkdwn",
            id="mrkdwn header",
        ),
        pytest.param(
            [
                section(
                    "Pick",
                    block_id="pick",
                    accessory={
                        "type": "static_select",
                        "action_id": "s",
                        "options": [option("x" * 76)],
                    },
                )
            ],
            "blocks[0] (section, block_id='pick'): accessory.options[0]: option text is 76",
            id="option text of 76",
        ),
        pytest.param(
            [section("x", txt="typo")],
            "blocks[0] (section): changed by slack_sdk's parse/to_dict round trip at txt: dropped",
            id="unknown key",
        ),
        pytest.param(
            [{"type": "sectoin", "text": mrkdwn("x")}],
            "blocks[0] (sectoin): unknown block type 'sectoin'",
            id="unknown block type",
        ),
        pytest.param(
            [{"type": "context", "elements": [mrkdwn("x" * 3001)]}],
            "blocks[0] (context): elements[0]: a text object of 3001 characters",
            id="context text over 3000",
        ),
    ],
)
def test_check_blocks_rejects(blocks: list[dict[str, Any]], expected: str) -> None:
    with pytest.raises(SpecViolation) as raised:
        check_blocks(blocks)
    assert expected in str(raised.value)


def test_check_message_accepts_a_correct_message() -> None:
    check_message(
        {
            "text": "Anna: quote of EUR 1,200",
            "blocks": [
                {"type": "header", "text": plain("Anna de Vries")},
                section("*Quote:* EUR 1,200", block_id="quote", fields=[mrkdwn("a"), mrkdwn("b")]),
                {"type": "divider"},
                {
                    "type": "actions",
                    "block_id": "decide",
                    "elements": [
                        {**button("approve", "Approve"), "style": "primary"},
                        {
                            "type": "overflow",
                            "action_id": "more",
                            "options": [option("Snooze", "snooze"), option("Archive", "archive")],
                        },
                    ],
                },
                {"type": "context", "elements": [mrkdwn("Updated today")]},
            ],
        }
    )


def test_check_message_requires_a_text_fallback() -> None:
    with pytest.raises(SpecViolation, match="top-level `text` fallback"):
        check_message({"blocks": [section("only blocks")]})


def test_check_view_accepts_a_correct_modal() -> None:
    check_view(quote_modal())


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param({"submit": None}, "a modal with input blocks needs a submit", id="no submit"),
        pytest.param(
            {"title": mrkdwn("Quote")}, "title must be a plain_text object", id="mrkdwn title"
        ),
        pytest.param(
            {"title": "Quote"},
            "changed by slack_sdk's View round trip at title",
            id="string title",
        ),
        pytest.param(
            {"callbak_id": "x"}, "View round trip at callbak_id: dropped", id="unknown key"
        ),
    ],
)
def test_check_view_rejects(change: dict[str, Any], expected: str) -> None:
    view = {**quote_modal(), **change}
    view = {key: value for key, value in view.items() if value is not None}
    with pytest.raises(SpecViolation) as raised:
        check_view(view)
    assert expected in str(raised.value)


def test_numbers_where_block_kit_wants_strings_are_rejected() -> None:
    """slack_sdk turns number_input's min_value 1 into "1"; Slack documents a string, so the
    round trip's difference is a real one and is reported, not normalised away."""
    element = {"type": "number_input", "action_id": "fee", "is_decimal_allowed": False}
    view = quote_modal()
    view["blocks"][0]["element"] = {**element, "min_value": 1}
    with pytest.raises(SpecViolation, match="element.min_value: we sent 1, slack_sdk made it '1'"):
        check_view(view)
    view["blocks"][0]["element"] = {**element, "min_value": "1"}
    check_view(view)
