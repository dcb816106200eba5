"""Fuzzing the input boundary (issue 11): every subcommand's text and every modal's text
fields, driven with arbitrary text through the real app, on SQLite and PostgreSQL.

Whatever is typed, the person gets an answer in their own language and never the generic
"something went wrong"; nothing is logged at ERROR; no control character reaches the database.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlmodel import SQLModel

from domain.text import control_characters
from domain.values import Stage
from locales import LOCALES_DIR, translator
from storage.db import session_scope
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import OTHER_USER_ID, USER_ID, AppHarness, message_action_body

# The harness's users: USER_ID reads English (en-US), OTHER_USER_ID Dutch (nl-NL).
LANGUAGE_OF = {USER_ID: "en", OTHER_USER_ID: "nl"}
GENERIC_ID = (
    "Something went wrong on our side; nothing was changed. Please try again. "
    "(reference {reference})"
)
# Per subcommand and per modal: (23 + 7) x 50 = 1,500 examples per backend, about 20 s of
# CPU each (measured; wall time grows with the machine's load).
EXAMPLES = 50
MODAL_EXAMPLES = 50

HOSTILE = [
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\u202e",
    "\u2066",
    "\u2028",
    "\t",
    "\n",
    "&",
    # A typed entity ("&amp;") is answered as typed, "&amp;amp;", which the checker of every
    # harness test cannot tell from a double escape: test_input_boundary reads those back.
    "&amp",
    "&lt",
    "<",
    ">",
    "<!channel>",
    "<@U0123456789>",
    "<@U0123456789|cpm>",
    "<#C0123456789|partnerships>",
    "<https://x.example|y>",
    "*_~`",
    "³",
    "٣",
    "¹⁰",
    "７",
    "١٠:٠٠",
    "0001-01-01",
    "9999-12-31",
    "31-12-9999",
    "2026-02-30",
    "2026-12-01",
    "01-12-2026",
    "-1",
    "0",
    "10",
    "11",
    "1e9",
    "99999999999999999999",
    "on",
    "op",
    "only",
    "alleen",
    ",,,",
    ",",
    "30d",
    "48h",
    "2w",
    "3m",
    "9999m",
    "before",
    "brand",
    "golive",
    "full",
    "category",
    "competitors",
    "start",
    "mine",
    "all",
    "owner",
    "flagged",
    "subscribe",
    "unsubscribe",
    "preview",
    "#partnerships",
    "monday",
    "09:00",
    "nl",
    "en",
    "zoe",
    "Zoë de Vries",
    "tom",
    "@sanne",
    "@",
    "content",
    "contract",
    "😀",
    "👨\u200d👩\u200d👧",
    "x" * 300,
]
words = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
command_text = st.one_of(
    st.lists(words, max_size=8).map(" ".join),
    st.text(max_size=40),
    st.text(min_size=3000, max_size=5000, alphabet=st.characters(codec="utf-8")),
)
field_text = st.one_of(
    st.lists(words, max_size=5).map(" ".join), st.text(max_size=60), st.just("x" * 5000)
)

CREATOR_SUBCOMMANDS = [
    "status",
    "list",
    "edit",
    "archive",
    "kpi",
    "nps",
    "roadmap",
    "roadmap start",
    "brand",
    "brand edit",
    "approve",
    "approvals",
    "digest",
    "digest subscribe",
    "digest unsubscribe",
    "language",
    "help",
    "",
    "nonsense",
]
EXCLUSIVITY_SUBCOMMANDS = ["quote", "check", "list", "help"]


def _foreign_phrases() -> dict[str, list[str]]:
    """Per language, fixed phrases of the other language's catalog that differ from this
    language's: a reply containing one has words the reader doesn't speak."""
    catalogs = {}
    for language in ("nl", "en"):
        path = LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as po:
            catalogs[language] = {m.id: m.string for m in read_po(po) if m.id}
    phrases: dict[str, list[str]] = {"nl": [], "en": []}
    for reader, other in (("nl", "en"), ("en", "nl")):
        for msgid, string in catalogs[other].items():
            if isinstance(msgid, tuple) or not string or string == catalogs[reader].get(msgid):
                continue
            # The longest stretch without a placeholder or markup, if long enough to mean it.
            pieces = [p.strip() for p in string.replace("}", "{").split("{")[::2]]
            piece = max(pieces, key=len)
            if len(piece) >= 24 and "`" not in piece:
                phrases[reader].append(piece)
    return phrases


FOREIGN = _foreign_phrases()
GENERIC = [
    translator(language).gettext(GENERIC_ID).split("(")[0].strip()
    for language in LANGUAGE_OF.values()
]


def _said(harness: AppHarness, since: int, ack: Any) -> list[str]:
    """Everything the app said since call number `since`: the ack and every Web API call."""
    said = [json.dumps(ack, ensure_ascii=False)]
    for call in harness.standin.calls[since:]:
        said.append(json.dumps(call.args, ensure_ascii=False))
    return said


def _assert_fine(
    harness: AppHarness, caplog: pytest.LogCaptureFixture, since: int, ack: Any, user: str
) -> None:
    said = _said(harness, since, ack)
    for text in said:
        assert not any(generic in text for generic in GENERIC), text[:500]
        foreign = [phrase for phrase in FOREIGN[LANGUAGE_OF[user]] if phrase in text]
        assert not foreign, (foreign, text[:500])
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]
    _assert_clean_database(harness)


def _assert_clean_database(harness: AppHarness) -> None:
    with session_scope(harness.engine) as session:
        for table in SQLModel.metadata.sorted_tables:
            for row in session.execute(select(table)).all():
                for value in row:
                    text = value
                    if isinstance(value, dict | list):
                        text = json.dumps(value, ensure_ascii=False)
                    if isinstance(text, str):
                        assert not control_characters(text, multiline=True), (table.name, text)


@pytest.fixture
def workspace(harness: AppHarness) -> AppHarness:
    brand = make_brand(harness.engine, "Maison Lumière", competitors=["Glow"])
    for name, handle in (("Zoë de Vries", "zoedevries"), ("Tom & Jerry", "tomandjerry")):
        creator = make_creator(harness.engine, name, handle=handle)
        make_partnership(harness.engine, creator, brand, stage=Stage.AMBASSADOR)
    harness.standin.add_user("U0SANNE0001", name="sanne", real_name="Sanne Jansen")
    return harness


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)


@pytest.mark.parametrize(
    ("command", "subcommand"),
    [("/creator", s) for s in CREATOR_SUBCOMMANDS]
    + [("/exclusivity", s) for s in EXCLUSIVITY_SUBCOMMANDS],
)
@FUZZ_SETTINGS
@given(text=command_text, user=st.sampled_from(sorted(LANGUAGE_OF)))
def test_any_command_text_gets_an_answer_in_the_users_language(
    workspace: AppHarness,
    caplog: pytest.LogCaptureFixture,
    command: str,
    subcommand: str,
    text: str,
    user: str,
) -> None:
    caplog.clear()
    since = len(workspace.standin.calls)
    with caplog.at_level(logging.WARNING):
        ack = workspace.command(command, f"{subcommand} {text}".strip(), user_id=user)
    _assert_fine(workspace, caplog, since, ack, user)


def _by_command(command: str, text: str) -> Callable[[AppHarness, str], None]:
    def open_modal(harness: AppHarness, user: str) -> None:
        harness.command(command, text, user_id=user)

    return open_modal


def _ask_button(harness: AppHarness, user: str) -> None:
    """The "creator's ask" modal of a quote (posted once, reused by later examples)."""
    if not harness.standin.calls_to("chat.postMessage"):
        harness.command("/exclusivity", "quote zoe")
    quote = harness.standin.wait_for_call("chat.postMessage")[0].args
    [ask] = [
        element
        for block in quote["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == "excl_ask"
    ]
    harness.click("excl_ask", ask["value"], user_id=user)


def _shortcut(harness: AppHarness, user: str) -> None:
    """ "Request approval" on a message: the request modal."""
    message = {"type": "message", "user": user, "ts": "1700000000.000200", "text": "Draft"}
    body = message_action_body(
        message, response_url=harness.standin.hook_url("shortcut"), user_id=user
    )
    harness.dispatch(body, "application/x-www-form-urlencoded")


# Every way a modal with typed fields opens; the fields are fuzzed. Not here: the approval
# settings (who may open them is the permissions work of issue 11; its only typed field goes
# through the same door), and the reason / edit modals of a decided request.
MODALS = {
    "brand add": _by_command("/creator", "brand add"),
    "creator add": _by_command("/creator", "add"),
    "creator edit": _by_command("/creator", "edit zoe"),
    "kpi": _by_command("/creator", "kpi zoe"),
    "quote": _by_command("/exclusivity", "quote"),
    "creator's ask": _ask_button,
    "approval request": _shortcut,
}


def _text_fields(view: dict[str, Any]) -> list[str]:
    return [
        block["block_id"]
        for block in view["blocks"]
        if block.get("type") == "input" and block["element"]["type"] == "plain_text_input"
    ]


@pytest.mark.parametrize("modal", sorted(MODALS))
@settings(
    max_examples=MODAL_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(data=st.data(), user=st.sampled_from(sorted(LANGUAGE_OF)))
def test_any_modal_field_gets_an_answer_in_the_users_language(
    workspace: AppHarness,
    caplog: pytest.LogCaptureFixture,
    modal: str,
    data: st.DataObject,
    user: str,
) -> None:
    MODALS[modal](workspace, user)
    view = workspace.last_view()
    fields = _text_fields(view)
    assert fields, "the modal has text fields to fuzz"
    values = {field: data.draw(field_text, label=field) for field in fields}
    caplog.clear()
    since = len(workspace.standin.calls)
    with caplog.at_level(logging.WARNING):
        answer = workspace.submit(view, values, user_id=user)
    assert answer == {} or answer.get("response_action") == "errors", answer
    _assert_fine(workspace, caplog, since, answer, user)
