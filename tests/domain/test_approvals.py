"""The approval rules without Slack: who decides, how decisions settle a request, deadlines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.approvals import (
    DEFAULT_DUE_HOURS,
    DEFAULT_EXPIRY_DAYS,
    ESCALATION_AFTER_HOURS,
    ApprovalSettings,
    ApproveArgs,
    Decision,
    KindSettings,
    RequestFacts,
    Rule,
    Status,
    ask_refusal,
    changed_fields,
    deadlines,
    deciders,
    effective_approvers,
    escalation_time,
    outstanding,
    owner_refusal,
    parse_approve_args,
    parse_kind,
    refusal,
    request_channel,
    resolve,
    validate_reason,
    validate_request,
    validate_settings,
)
from domain.values import ApprovalKind

ASKED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
A, B, R, F = "UAPPROVERA", "UAPPROVERB", "UREQUESTER", "UFALLBACK1"


def facts(rule: Rule = Rule.ANY, status: Status = Status.PENDING, **kwargs) -> RequestFacts:  # noqa: ANN003
    due, expires = deadlines(ASKED)
    values = {
        "requester": R,
        "approvers": (A, B),
        "rule": rule,
        "fallback": F,
        "status": status,
        "version": 1,
        "due_at": due,
        "expires_at": expires,
    }
    values.update(kwargs)
    return RequestFacts(**values)


# -- defaults and deadlines --------------------------------------------------------------------
def test_a_request_is_due_in_48_hours_and_expires_after_7_days() -> None:
    assert (DEFAULT_DUE_HOURS, DEFAULT_EXPIRY_DAYS) == (48, 7)
    due, expires = deadlines(ASKED)
    assert due == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert expires == datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def test_escalation_follows_the_due_time_but_never_reaches_expiry() -> None:
    due, expires = deadlines(ASKED)
    assert escalation_time(due, expires) == due + timedelta(hours=ESCALATION_AFTER_HOURS)
    assert escalation_time(due, due + timedelta(hours=ESCALATION_AFTER_HOURS)) is None
    assert facts(fallback=None).escalates_at is None


# -- parsing -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("contract", ApprovalKind.CONTRACT),
        ("Contract", ApprovalKind.CONTRACT),
        ("betaling", ApprovalKind.PAYMENT),
        ("payment", ApprovalKind.PAYMENT),
        ("exclusiviteit", ApprovalKind.EXCLUSIVITY),
        ("inhoud", ApprovalKind.CONTENT),
        ("briefing", ApprovalKind.BRIEF),
        ("budget", ApprovalKind.BUDGET),
        ("zoë", None),
    ],
)
def test_kinds_in_english_and_dutch(word: str, kind: ApprovalKind | None) -> None:
    assert parse_kind(word) is kind


def test_approve_args_split_on_the_first_kind_word() -> None:
    assert parse_approve_args("Zoë de Vries contract Renewal  terms for 2027") == ApproveArgs(
        "Zoë de Vries", ApprovalKind.CONTRACT, "Renewal terms for 2027"
    )
    # A kind word later in the subject stays in the subject.
    assert parse_approve_args("zoe budget Budget for the content shoot").subject == (
        "Budget for the content shoot"
    )
    assert parse_approve_args("") == "missing_name"
    assert parse_approve_args("contract renewal") == "missing_name"
    assert parse_approve_args("zoe renewal terms") == "missing_kind"
    assert parse_approve_args("zoe contract") == "missing_subject"


# -- who may decide ----------------------------------------------------------------------------
def test_only_an_approver_may_decide_and_never_on_their_own_request() -> None:
    at = ASKED + timedelta(hours=1)
    assert refusal(facts(), A, at) is None
    assert refusal(facts(), "USTRANGER1", at) == "not_approver"
    assert refusal(facts(requester=A), A, at) == "own_request"
    assert refusal(facts(status=Status.APPROVED), A, at) == "closed"
    assert refusal(facts(), A, facts().expires_at) == "expired"


def test_the_fallback_may_decide_once_escalated() -> None:
    escalated = facts().escalates_at
    assert refusal(facts(), F, escalated - timedelta(minutes=1)) == "not_approver"
    assert refusal(facts(), F, escalated) is None
    assert F in deciders(facts(), escalated)


def test_the_requester_is_never_among_the_approvers() -> None:
    assert effective_approvers([A, R, B, A], [B, "UGROUPMEM1"], R) == (A, B, "UGROUPMEM1")


def test_only_the_requester_may_edit_or_cancel_while_open() -> None:
    assert owner_refusal(facts(), R) is None
    assert owner_refusal(facts(status=Status.CHANGES_REQUESTED), R) is None
    assert owner_refusal(facts(), A) == "not_requester"
    assert owner_refusal(facts(status=Status.REJECTED), R) == "closed"


# -- how decisions settle a request ------------------------------------------------------------
def test_any_one_approver_settles_a_request() -> None:
    assert resolve(facts(), {}) is Status.PENDING
    assert resolve(facts(), {B: Decision.APPROVE}) is Status.APPROVED
    assert resolve(facts(), {A: Decision.REQUEST_CHANGES}) is Status.CHANGES_REQUESTED
    assert resolve(facts(), {A: Decision.REJECT}) is Status.REJECTED


def test_all_must_approve_but_one_objection_settles_it() -> None:
    rule_all = facts(Rule.ALL)
    assert resolve(rule_all, {A: Decision.APPROVE}) is Status.PENDING
    assert outstanding(rule_all, {A: Decision.APPROVE}) == (B,)
    assert resolve(rule_all, {A: Decision.APPROVE, B: Decision.APPROVE}) is Status.APPROVED
    assert resolve(rule_all, {A: Decision.APPROVE, B: Decision.REJECT}) is Status.REJECTED
    assert resolve(rule_all, {B: Decision.REQUEST_CHANGES}) is Status.CHANGES_REQUESTED


def test_the_fallbacks_decision_settles_whatever_the_rule() -> None:
    assert resolve(facts(Rule.ALL), {A: Decision.APPROVE, F: Decision.APPROVE}) is Status.APPROVED


def test_request_changes_and_reject_need_a_reason() -> None:
    assert Decision.REQUEST_CHANGES.needs_reason and Decision.REJECT.needs_reason
    assert not Decision.APPROVE.needs_reason
    assert set(validate_reason("   ")) == {"reason"}
    assert validate_reason("The hook is too salesy") == {}


# -- edits -------------------------------------------------------------------------------------
def test_an_edit_says_what_changed() -> None:
    assert changed_fields("Renewal", "v1", "Renewal", "v1") == ()
    assert changed_fields("Renewal", "v1", "Renewal  ", "v1 ") == ()
    assert changed_fields("Renewal", "v1", "Renewal 2027", "v1") == ("subject",)
    assert changed_fields("Renewal", "v1", "Renewal 2027", "v2") == ("subject", "details")
    assert set(validate_request("", "")) == {"subject"}
    assert set(validate_request("ok", "x" * 3001)) == {"details"}


# -- settings ----------------------------------------------------------------------------------
def test_settings_round_trip_through_json() -> None:
    settings = ApprovalSettings(
        kinds={
            ApprovalKind.CONTRACT: KindSettings((A, B), None, Rule.ALL),
            ApprovalKind.CONTENT: KindSettings((), "S0123ABCD", Rule.ANY),
        },
        fallback=F,
        due_hours=24,
        expiry_days=3,
    )
    assert ApprovalSettings.from_json(settings.to_json()) == settings
    assert ApprovalSettings.from_json({"due_hours": "lots"}).due_hours == DEFAULT_DUE_HOURS
    assert not ApprovalSettings().for_kind(ApprovalKind.PAYMENT).configured


def test_settings_from_the_modal_are_validated() -> None:
    settings, errors = validate_settings(
        {
            "users_contract": [A, B, A],
            "rule_contract": "all",
            "group_content": "<!subteam^S0123ABCD|@content-team>",
            "fallback": F,
            "due_hours": "24",
            "expiry_days": "3",
        }
    )
    assert errors == {}
    assert settings.for_kind(ApprovalKind.CONTRACT) == KindSettings((A, B), None, Rule.ALL)
    assert settings.for_kind(ApprovalKind.CONTENT).group == "S0123ABCD"
    _, errors = validate_settings(
        {"group_brief": "content team", "due_hours": "two", "expiry_days": "500"}
    )
    assert {n: e.code for n, e in errors.items()} == {
        "group_brief": "bad_user_group",
        "due_hours": "not_whole",
        "expiry_days": "out_of_range",
    }
    _, errors = validate_settings({"due_hours": "72", "expiry_days": "2"})
    assert errors["expiry_days"].code == "expiry_before_due"


def test_a_request_is_asked_in_its_partnerships_channel_else_where_it_was_asked() -> None:
    assert request_channel("C0PARTNER01", "C0ELSEWHERE") == "C0PARTNER01"
    assert request_channel(None, "C0ELSEWHERE") == "C0ELSEWHERE"
    assert request_channel(None, None) is None


def test_why_a_request_cant_be_asked() -> None:
    lou, casey = "U0APPROVER1", "U0REQUEST01"
    channel = "C0PARTNER01"
    assert ask_refusal(KindSettings(), casey, channel) == "no_approvers"
    assert ask_refusal(KindSettings((casey,)), casey, channel) == "only_you"
    # A group may hold others: its members are known only when the request is posted.
    assert ask_refusal(KindSettings((casey,), "S0123ABCD"), casey, channel) is None
    assert ask_refusal(KindSettings((lou,)), casey, "D0123456789") == "no_channel"
    assert ask_refusal(KindSettings((lou,)), casey, None) == "no_channel"
    assert ask_refusal(KindSettings((lou, casey)), casey, channel) is None
