"""Approval requests: who may decide, how decisions resolve a request, deadlines and edits.

Plain rules over plain facts: storage keeps the rows, handlers say it in Dutch or English.
A request is *pending* until one decision (rule "any") or every approver's approval (rule
"all") resolves it; one "request changes" or "reject" resolves it at once under either rule.
Once the request is overdue by `ESCALATION_AFTER_HOURS`, the fallback approver may decide
too, and their decision settles the request whatever the rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from domain.drafts import Errors, FieldError
from domain.values import ApprovalKind

DEFAULT_DUE_HOURS = 48  # (default) a request is due two days after it is asked
DEFAULT_EXPIRY_DAYS = 7  # (default) and lapses after a week without a decision
ESCALATION_AFTER_HOURS = 24  # (default) overdue this long: the fallback approver is asked
MAX_DUE_HOURS = 24 * 30
MAX_EXPIRY_DAYS = 90
MAX_SUBJECT = 200
MAX_DETAILS = 3000
MAX_REASON = 3000
USER_GROUP_PATTERN = re.compile(r"^(?:<!subteam\^)?(S[A-Z0-9]{2,31})(?:\|[^>]*)?>?$")
USER_ID_PATTERN = re.compile(r"^[UW][A-Z0-9]{2,31}$")


class Status(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class Decision(StrEnum):
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    REJECT = "reject"

    @property
    def outcome(self) -> Status:
        return _OUTCOME[self]

    @property
    def needs_reason(self) -> bool:
        """Request changes and reject ask the approver why."""
        return self is not Decision.APPROVE


_OUTCOME = {
    Decision.APPROVE: Status.APPROVED,
    Decision.REQUEST_CHANGES: Status.CHANGES_REQUESTED,
    Decision.REJECT: Status.REJECTED,
}


class Rule(StrEnum):
    ANY = "any"  # any one approver's decision settles the request
    ALL = "all"  # every approver must approve; one objection settles it


# The kind as typed in a command, in English and Dutch.
KIND_WORDS: Mapping[str, ApprovalKind] = {
    "brief": ApprovalKind.BRIEF,
    "briefing": ApprovalKind.BRIEF,
    "content": ApprovalKind.CONTENT,
    "inhoud": ApprovalKind.CONTENT,
    "contract": ApprovalKind.CONTRACT,
    "exclusivity": ApprovalKind.EXCLUSIVITY,
    "exclusiviteit": ApprovalKind.EXCLUSIVITY,
    "payment": ApprovalKind.PAYMENT,
    "betaling": ApprovalKind.PAYMENT,
    "budget": ApprovalKind.BUDGET,
}


def parse_kind(word: str) -> ApprovalKind | None:
    """`Contract`, `betaling`, `exclusiviteit`... -> the kind; None when it names none."""
    folded = unicodedata.normalize("NFKD", word.strip().lower())
    folded = "".join(c for c in folded if c.isalpha())
    return KIND_WORDS.get(folded)


@dataclass(frozen=True)
class ApproveArgs:
    """`/creator approve <name> <kind> <subject>`, split."""

    name: str
    kind: ApprovalKind
    subject: str


def parse_approve_args(text: str) -> ApproveArgs | str:
    """The creator's name is every word before the first kind word; the subject follows it.

    Returns an error code instead: "missing_name", "missing_kind" or "missing_subject".
    """
    words = text.split()
    for index, word in enumerate(words):
        kind = parse_kind(word)
        if kind is None:
            continue
        if index == 0:
            return "missing_name"
        subject = clean_subject(" ".join(words[index + 1 :]))
        if not subject:
            return "missing_subject"
        return ApproveArgs(" ".join(words[:index]), kind, subject)
    return "missing_name" if not words else "missing_kind"


def clean_subject(text: str) -> str:
    """One line, no runs of spaces, at most `MAX_SUBJECT` characters."""
    return " ".join(text.split())[:MAX_SUBJECT]


# -- the team's settings -----------------------------------------------------------------------
@dataclass(frozen=True)
class KindSettings:
    """Who approves one kind of request, and whether one or all of them must."""

    users: tuple[str, ...] = ()
    group: str | None = None  # a Slack user group id ("S0123456789")
    rule: Rule = Rule.ANY

    @property
    def configured(self) -> bool:
        return bool(self.users or self.group)

    def to_json(self) -> dict[str, Any]:
        return {"users": list(self.users), "group": self.group, "rule": self.rule.value}


@dataclass(frozen=True)
class ApprovalSettings:
    """Approvers per kind, the fallback approver, and the default due time and expiry."""

    kinds: Mapping[ApprovalKind, KindSettings] = field(default_factory=dict)
    fallback: str | None = None
    due_hours: int = DEFAULT_DUE_HOURS
    expiry_days: int = DEFAULT_EXPIRY_DAYS

    def for_kind(self, kind: ApprovalKind) -> KindSettings:
        return self.kinds.get(kind, KindSettings())

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> ApprovalSettings:
        """Read what `to_json` wrote; anything unreadable falls back to the defaults."""
        data = data or {}
        kinds: dict[ApprovalKind, KindSettings] = {}
        for kind in ApprovalKind:
            entry = data.get(kind.value)
            if not isinstance(entry, Mapping):
                continue
            users = tuple(u for u in entry.get("users") or () if isinstance(u, str))
            group = entry.get("group") if isinstance(entry.get("group"), str) else None
            rule = Rule.ALL if entry.get("rule") == Rule.ALL.value else Rule.ANY
            kinds[kind] = KindSettings(users, group or None, rule)
        fallback = data.get("fallback")
        return cls(
            kinds=kinds,
            fallback=fallback if isinstance(fallback, str) and fallback else None,
            due_hours=_bounded(data.get("due_hours"), DEFAULT_DUE_HOURS, MAX_DUE_HOURS),
            expiry_days=_bounded(data.get("expiry_days"), DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS),
        )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            kind.value: settings.to_json()
            for kind, settings in self.kinds.items()
            if settings.configured
        }
        data.update(fallback=self.fallback, due_hours=self.due_hours, expiry_days=self.expiry_days)
        return data


def _bounded(value: Any, default: int, maximum: int) -> int:
    return value if isinstance(value, int) and 1 <= value <= maximum else default


def validate_settings(
    raw: Mapping[str, Any],
) -> tuple[ApprovalSettings | None, Errors]:
    """The settings modal's values -> settings, or errors per field.

    `raw` holds, per kind, `users_<kind>` (a list of user ids), `group_<kind>` (text) and
    `rule_<kind>` ("any"/"all"), plus `fallback` (a user id or None), `due_hours` and
    `expiry_days` (text).
    """
    errors: Errors = {}
    kinds: dict[ApprovalKind, KindSettings] = {}
    for kind in ApprovalKind:
        users = tuple(dict.fromkeys(u for u in raw.get(f"users_{kind.value}") or () if u))
        group_text = (raw.get(f"group_{kind.value}") or "").strip()
        group = None
        if group_text:
            match = USER_GROUP_PATTERN.match(group_text)
            if match is None:
                errors[f"group_{kind.value}"] = FieldError("bad_user_group")
            else:
                group = match[1]
        rule = Rule.ALL if raw.get(f"rule_{kind.value}") == Rule.ALL.value else Rule.ANY
        kinds[kind] = KindSettings(users, group, rule)
    due_hours = _whole(raw.get("due_hours"), DEFAULT_DUE_HOURS, MAX_DUE_HOURS, "due_hours", errors)
    expiry_days = _whole(
        raw.get("expiry_days"), DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS, "expiry_days", errors
    )
    if "due_hours" not in errors and "expiry_days" not in errors and expiry_days * 24 <= due_hours:
        errors["expiry_days"] = FieldError("expiry_before_due")
    if errors:
        return None, errors
    fallback = raw.get("fallback") or None
    return ApprovalSettings(kinds, fallback, due_hours, expiry_days), errors


def _whole(text: Any, default: int, maximum: int, name: str, errors: Errors) -> int:
    text = (text or "").strip()
    if not text:
        return default
    if not text.isdigit():
        errors[name] = FieldError("not_whole")
        return default
    value = int(text)
    if not 1 <= value <= maximum:
        errors[name] = FieldError("out_of_range", {"low": 1, "high": maximum})
    return value


# -- a request's facts and the rules over them -------------------------------------------------
@dataclass(frozen=True)
class RequestFacts:
    """What the rules need to know about a request."""

    requester: str
    approvers: tuple[str, ...]
    rule: Rule
    fallback: str | None
    status: Status
    version: int
    due_at: datetime
    expires_at: datetime

    @property
    def escalates_at(self) -> datetime | None:
        return escalation_time(self.due_at, self.expires_at) if self.fallback else None


def deadlines(
    start: datetime, due_hours: int = DEFAULT_DUE_HOURS, expiry_days: int = DEFAULT_EXPIRY_DAYS
) -> tuple[datetime, datetime]:
    """When a request asked at `start` is due, and when it expires."""
    return start + timedelta(hours=due_hours), start + timedelta(days=expiry_days)


def escalation_time(due_at: datetime, expires_at: datetime) -> datetime | None:
    """When an overdue request goes to the fallback approver (never at or after expiry)."""
    at = due_at + timedelta(hours=ESCALATION_AFTER_HOURS)
    return at if at < expires_at else None


def effective_approvers(
    users: Iterable[str], group_members: Iterable[str], requester: str
) -> tuple[str, ...]:
    """The configured users and the group's members, once each, never the requester."""
    return tuple(u for u in dict.fromkeys([*users, *group_members]) if u and u != requester)


def is_escalated(facts: RequestFacts, now: datetime) -> bool:
    at = facts.escalates_at
    return at is not None and now >= at


def deciders(facts: RequestFacts, now: datetime) -> tuple[str, ...]:
    """Who may decide now: the approvers, and the fallback once the request is escalated."""
    people = list(facts.approvers)
    if is_escalated(facts, now) and facts.fallback not in people:
        people.append(facts.fallback)
    return tuple(p for p in people if p and p != facts.requester)


def refusal(facts: RequestFacts, actor: str, now: datetime) -> str | None:
    """Why `actor` may not decide now, as a code; None when they may.

    "own_request", "not_approver", "closed" (no longer pending) or "expired".
    """
    if actor == facts.requester:
        return "own_request"
    if actor not in deciders(facts, now):
        return "not_approver"
    if facts.status is not Status.PENDING:
        return "closed"
    if now >= facts.expires_at:
        return "expired"
    return None


def owner_refusal(facts: RequestFacts, actor: str) -> str | None:
    """Why `actor` may not edit or cancel: "not_requester" or "closed"; None when they may."""
    if actor != facts.requester:
        return "not_requester"
    if facts.status not in (Status.PENDING, Status.CHANGES_REQUESTED):
        return "closed"
    return None


def ask_refusal(kind: KindSettings, requester: str, channel: str | None) -> str | None:
    """Why a request can't be asked in `channel` (the one `request_channel` chose):
    "no_approvers", "only_you" (nobody decides on their own request) or "no_channel" (none,
    or a DM, where no approver would see it); None when it can."""
    if not kind.configured:
        return "no_approvers"
    if not kind.group and set(kind.users) <= {requester}:
        return "only_you"
    if not channel or channel.startswith("D"):
        return "no_channel"
    return None


def request_channel(partnership_channel: str | None, asked_in: str | None) -> str | None:
    """Where a request is posted: its partnership's channel, else where it was asked."""
    return partnership_channel or asked_in


def resolve(facts: RequestFacts, decisions: Mapping[str, Decision]) -> Status:
    """The request's status given this version's decisions (in the order they were made)."""
    if not decisions:
        return Status.PENDING
    fallback = facts.fallback
    if fallback and fallback in decisions and fallback not in facts.approvers:
        return decisions[fallback].outcome
    objections = [d for d in decisions.values() if d is not Decision.APPROVE]
    if Decision.REJECT in objections:
        return Status.REJECTED
    if objections:
        return Status.CHANGES_REQUESTED
    if facts.rule is Rule.ANY:
        return Status.APPROVED
    required = [a for a in facts.approvers if a != facts.requester]
    if all(decisions.get(a) is Decision.APPROVE for a in required):
        return Status.APPROVED
    return Status.PENDING


def outstanding(facts: RequestFacts, decisions: Mapping[str, Decision]) -> tuple[str, ...]:
    """The approvers still to decide on this version."""
    return tuple(a for a in facts.approvers if a not in decisions and a != facts.requester)


def changed_fields(
    old_subject: str, old_details: str, new_subject: str, new_details: str
) -> tuple[str, ...]:
    """What an edit changes ("subject", "details"): any change asks the approvers again."""
    changed = []
    if clean_subject(old_subject) != clean_subject(new_subject):
        changed.append("subject")
    if old_details.strip() != new_details.strip():
        changed.append("details")
    return tuple(changed)


def validate_request(subject: str | None, details: str | None) -> Errors:
    """A subject is required and short; details are optional and bounded."""
    errors: Errors = {}
    subject = clean_subject(subject or "")
    if not subject:
        errors["subject"] = FieldError("required")
    if len(details or "") > MAX_DETAILS:
        errors["details"] = FieldError("too_long", {"limit": MAX_DETAILS})
    return errors


def validate_reason(reason: str | None) -> Errors:
    """Request changes and reject need a reason."""
    text = (reason or "").strip()
    if not text:
        return {"reason": FieldError("required")}
    if len(text) > MAX_REASON:
        return {"reason": FieldError("too_long", {"limit": MAX_REASON})}
    return {}


def is_expired(facts: RequestFacts, now: datetime) -> bool:
    """Past its expiry: no longer pending in anyone's eyes, even before the clock expires it."""
    return now >= facts.expires_at
