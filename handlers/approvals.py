"""Approval requests: `/creator approve`, `/creator approvals`, `/creator settings`, the
buttons on a request, the reason and edit modals, the "Request approval" message shortcut,
and the renderers of a request's reminders, escalation and expiry.

Every change goes through `storage.approvals`, which claims the request row first, so that
concurrent clicks decide once; the transaction is committed before any Slack call, and what
Slack should then see (the updated message, a thread note, DMs, an ephemeral answer) is
planned inside it and carried out after the ack.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from domain.approvals import (
    KIND_WORDS,
    MAX_DETAILS,
    Decision,
    Rule,
    Status,
    clean_subject,
    outstanding,
    owner_refusal,
    parse_approve_args,
    refusal,
    validate_reason,
    validate_request,
)
from domain.drafts import FieldError
from domain.values import ApprovalKind
from handlers.background import after_ack
from handlers.blocks import approvals as blocks
from handlers.blocks.common import ephemeral, fill
from handlers.blocks.forms import form_values
from handlers.commands import CommandRequest, plain_text_of_message
from handlers.context import deps, now, team_timezone, team_tr, tr
from handlers.lookup import resolve_creator
from handlers.private import tell_privately as _tell
from locales import LANGUAGES, N_, Translator, language_for, translator
from storage import approvals, creators, memos, teams
from storage.approvals import create_for_exclusivity  # noqa: F401 - for the exclusivity surface
from storage.db import session_scope
from storage.models import ApprovalRequest, Creator, Reminder

logger = logging.getLogger(__name__)

USAGE_ERRORS = {
    "missing_name": N_("Which creator? `/creator approve <name> <kind> <subject>`."),
    "missing_kind": N_(
        "Which kind of approval? `/creator approve <name> <kind> <subject>`, where the kind "
        "is one of: {kinds}."
    ),
    "missing_subject": N_(
        "What should be approved? Add a subject: `/creator approve <name> <kind> <subject>`."
    ),
}
# Why a request can't be made, per code of `_prepare`.
CANNOT_ASK = {
    "no_partnership": N_("{name} has no partnership yet. Add one with `/creator edit {handle}`."),
    "no_approvers": N_(
        "Nobody approves {kind} requests yet: set approvers with `/creator settings`."
    ),
    "only_you": N_(
        "You are the only approver of {kind} requests, and nobody decides on their own "
        "request. Add another approver with `/creator settings`."
    ),
    "no_channel": N_(
        "This partnership has no channel: ask in the channel where its approvers are, or set "
        "its channel with `/creator edit {handle}`."
    ),
}
LIST_WORDS = {"": True, "mine": True, "mijn": True, "all": False, "alle": False, "alles": False}
ACTION_PATTERN = re.compile(r"^approval_(approve|changes|reject)(?:_\d+)?$")


# -- who reads what ----------------------------------------------------------------------------
def _team_voice(session: Session, team_id: str) -> tuple[Translator, str]:
    """The team's language and time zone, for what a channel reads (renderers have no context)."""
    settings = teams.get_settings(session=session, team_id=team_id)
    language = settings.default_locale if settings else None
    timezone = settings.timezone if settings else "Europe/Amsterdam"
    return translator(language if language in LANGUAGES else LANGUAGES[0]), timezone


def _user_tr(session: Session, team_id: str, user_id: str, team_language: str) -> Translator:
    """A DM's language: the user's choice, else Slack's locale for them, else the team's."""
    preference = teams.get_user_preference(session=session, team_id=team_id, user_id=user_id)
    if preference is not None and preference.locale in LANGUAGES:
        return translator(preference.locale)
    slack_locale = preference.slack_locale if preference is not None else None
    return translator(language_for(slack_locale, team_language))


def card_of(session: Session, request: ApprovalRequest) -> blocks.RequestCard:
    """What the request message shows, read from the request and its decisions."""
    creator_name, brand_name = approvals.names_of(session=session, request=request)
    status = Status(request.status)
    approved_by: tuple[str, ...] = ()
    if status is Status.PENDING and request.rule == Rule.ALL.value:
        decisions = approvals.decisions_of(session=session, request=request)
        approved_by = tuple(a for a, d in decisions.items() if d is Decision.APPROVE)
    changed: tuple[str, ...] = ()
    if request.version > 1:
        edits = [
            e
            for e in approvals.events_of(session=session, request_id=request.id)
            if e.event == "edited"
        ]
        if edits:
            changed = tuple(edits[-1].details.get("changed") or ())
    return blocks.RequestCard(
        id=request.id,
        version=request.version,
        kind=ApprovalKind(request.kind),
        subject=request.subject,
        details=request.details,
        requester=request.requester_id,
        approvers=tuple(request.approvers or ()),
        group=request.approver_group,
        rule=Rule(request.rule),
        status=status,
        due_at=request.due_at,
        expires_at=request.expires_at,
        creator_name=creator_name,
        brand_name=brand_name,
        decided_by=request.decided_by,
        decided_at=request.decided_at,
        reason=request.decision_reason,
        approved_by=approved_by,
        changed=changed,
        fallback=request.fallback_approver,
    )


# -- what Slack should see after a change ------------------------------------------------------
@dataclass
class Plan:
    """The Slack calls a change calls for, planned inside its transaction, made after it."""

    update: dict[str, Any] | None = None  # chat.update of the request message
    thread: dict[str, Any] | None = None  # chat.postMessage in its thread
    dms: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    tell: dict[str, Any] | None = None  # an ephemeral answer to whoever acted
    tell_channel: str | None = None  # where to answer when there is no response_url


def _replace_message(plan: Plan, request: ApprovalRequest, message: dict[str, Any]) -> None:
    if request.channel_id and request.message_ts:
        plan.update = {"channel": request.channel_id, "ts": request.message_ts, **message}


def _in_thread(plan: Plan, request: ApprovalRequest, message: dict[str, Any]) -> None:
    if request.channel_id and request.message_ts:
        plan.thread = {"channel": request.channel_id, "thread_ts": request.message_ts, **message}


async def _carry_out(context: AsyncBoltContext, client: AsyncWebClient, plan: Plan) -> None:
    if plan.update is not None:
        await client.chat_update(**plan.update)
    if plan.thread is not None:
        await client.chat_postMessage(**plan.thread)
    for user_id, message in plan.dms:
        await client.chat_postMessage(channel=user_id, **message)
    if plan.tell is not None:
        await _tell(context, client, plan.tell, plan.tell_channel)


def _value(action: dict[str, Any]) -> tuple[int, int] | None:
    """A button's "<request id>:<version>"."""
    request_id, _, version = str(action.get("value") or "").partition(":")
    if request_id.isdigit() and version.isdigit():
        return int(request_id), int(version)
    return None


def _missing(t: Translator) -> dict[str, Any]:
    return {**ephemeral(t.gettext("That request no longer exists.")), "replace_original": False}


# -- asking ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CannotAsk:
    code: str
    figures: dict[str, Any]

    def text(self, t: Translator, *, mrkdwn: bool = True) -> str:
        """The answer for a message (escaped for mrkdwn), or for a modal's field error
        (plain text, which Slack shows as is)."""
        template = t.gettext(CANNOT_ASK[self.code])
        return fill(template, **self.figures) if mrkdwn else template.format(**self.figures)


def _prepare(
    session: Session,
    context: AsyncBoltContext,
    *,
    creator: Creator,
    kind: ApprovalKind,
    subject: str,
    details: str,
    requester: str,
    channel_id: str | None,
    source: dict[str, Any] | None = None,
) -> ApprovalRequest | CannotAsk:
    """Create the request (not yet posted), or say why it can't be asked."""
    t = tr(context)
    team_id = context.team_id
    partnership = creators.current_partnership(
        session=session, team_id=team_id, creator_id=creator.id
    )
    if partnership is None:
        return CannotAsk("no_partnership", {"name": creator.display_name, "handle": creator.handle})
    settings = approvals.get_settings(session=session, team_id=team_id)
    kind_settings = settings.for_kind(kind)
    kind_name = blocks.kind_label(t, kind).lower()
    if not kind_settings.configured:
        return CannotAsk("no_approvers", {"kind": kind_name})
    if not kind_settings.group and set(kind_settings.users) <= {requester}:
        return CannotAsk("only_you", {"kind": kind_name})
    channel = partnership.channel_id or channel_id
    if not channel or channel.startswith("D"):
        return CannotAsk("no_channel", {"handle": creator.handle})
    return approvals.create(
        session=session,
        team_id=team_id,
        partnership_id=partnership.id,
        kind=kind,
        subject=subject,
        details=details,
        requester_id=requester,
        settings=settings,
        channel_id=channel,
        now=now(context),
        source=source,
    )


async def post_request(context: AsyncBoltContext, client: AsyncWebClient, request_id: int) -> None:
    """Post a created request in its channel (after the ack): the group's members join the
    approvers first; the message's place is saved and its reminders scheduled.

    A request that can't be posted is removed again, and the user is told why.
    """
    engine = deps(context).engine
    team_id = context.team_id
    t = tr(context)
    with session_scope(engine) as session:
        request = approvals.get(session=session, team_id=team_id, request_id=request_id)
        if request is None or request.message_ts:
            return
        group, kind = request.approver_group, ApprovalKind(request.kind)
    if group:
        try:
            answer = await client.usergroups_users_list(usergroup=group)
        except SlackApiError as error:
            logger.info("usergroups.users.list %s: %s", group, error.response.get("error"))
            with session_scope(engine) as session:
                approvals.discard(
                    session=session, team_id=team_id, request_id=request_id, now=now(context)
                )
            text = t.gettext(
                "I can't read the user group {group}: check it with `/creator settings`."
            ).format(group=group)
            await _tell(context, client, ephemeral(text), context.channel_id)
            return
        with session_scope(engine) as session:
            approvals.add_group_members(
                session=session,
                team_id=team_id,
                request_id=request_id,
                members=answer.get("users") or [],
            )
    with session_scope(engine) as session:
        request = approvals.get(session=session, team_id=team_id, request_id=request_id)
        if request is None:
            return
        nobody = not request.approvers
        if nobody:
            approvals.discard(
                session=session, team_id=team_id, request_id=request_id, now=now(context)
            )
        else:
            message = blocks.build_request_message(
                team_tr(context), card_of(session, request), team_timezone(context)
            )
            channel = request.channel_id
    if nobody:
        text = CannotAsk("only_you", {"kind": blocks.kind_label(t, kind).lower()}).text(t)
        await _tell(context, client, ephemeral(text), context.channel_id)
        return
    try:
        answer = await client.chat_postMessage(channel=channel, **message)
    except SlackApiError:
        with session_scope(engine) as session:
            approvals.discard(
                session=session, team_id=team_id, request_id=request_id, now=now(context)
            )
        raise
    with session_scope(engine) as session:
        approvals.mark_posted(
            session=session,
            team_id=team_id,
            request_id=request_id,
            channel_id=answer["channel"],
            message_ts=answer["ts"],
            now=now(context),
        )
    if context.channel_id and answer["channel"] != context.channel_id:
        text = t.gettext("Your request is posted in {channel}.").format(
            channel=f"<#{answer['channel']}>"
        )
        await _tell(context, client, ephemeral(text), context.channel_id)


def _usage(t: Translator, code: str) -> dict[str, Any]:
    kinds = ", ".join(f"`{word}`" for word in KIND_WORDS)
    return ephemeral(fill(t.gettext(USAGE_ERRORS[code]), kinds=kinds))


async def handle_approve(request: CommandRequest) -> None:
    """`/creator approve <name> <kind> <subject>`: post a request for the kind's approvers."""
    context = request.context
    t = tr(context)
    parsed = parse_approve_args(request.args)
    if isinstance(parsed, str):
        await request.ack(_usage(t, parsed))
        return
    with session_scope(deps(context).engine) as session:
        found = resolve_creator(
            session, t, team_id=request.team_id, query=parsed.name, subcommand="approve"
        )
        if isinstance(found, dict):
            reply: dict[str, Any] | None = _carry_args(
                session, context, found, parsed.kind, parsed.subject
            )
            created = None
        else:
            created = _prepare(
                session,
                context,
                creator=found,
                kind=parsed.kind,
                subject=parsed.subject,
                details="",
                requester=request.user_id,
                channel_id=request.channel_id,
            )
            reply = ephemeral(created.text(t)) if isinstance(created, CannotAsk) else None
    if reply is not None or not isinstance(created, ApprovalRequest):
        await request.ack(reply)
        return
    await request.ack()
    after_ack(context, post_request(context, request.client, created.id))


# How long the kind and subject of an ambiguous `/creator approve` wait for a pick.
PICK_KEPT = timedelta(days=1)


def _carry_args(
    session: Session,
    context: AsyncBoltContext,
    reply: dict[str, Any],
    kind: ApprovalKind,
    subject: str,
) -> dict[str, Any]:
    """Candidate buttons for an ambiguous name. The kind and subject (up to 200 characters of
    anything) stay server-side as a memo; each button carries only `<memo id>:<creator id>`,
    so its value is short whatever was typed, and the memo is used up by the first pick."""
    if not any(block.get("type") == "actions" for block in reply.get("blocks", [])):
        return reply
    at = now(context)
    memo_id = memos.remember(
        session=session,
        team_id=context.team_id,
        key=f"approve-pick:{uuid.uuid4().hex}",
        payload={"kind": kind.value, "subject": subject},
        until=at + PICK_KEPT,
        now=at,
    )
    for block in reply["blocks"]:
        if block.get("type") != "actions":
            continue
        for n, element in enumerate(block["elements"]):
            _, _, creator_id = str(element.get("value", "")).partition(":")
            element["action_id"] = f"{blocks.PICK_ACTION}_{n}"
            element["value"] = f"{memo_id}:{int(creator_id)}"
    return reply


async def handle_pick(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """A creator picked from an ambiguous name in `/creator approve`."""
    await ack()
    t = tr(context)
    try:
        memo_part, _, creator_part = str(body["actions"][0]["value"]).partition(":")
        memo_id, creator_id = int(memo_part), int(creator_part)
    except (KeyError, TypeError, ValueError):
        return
    created: ApprovalRequest | CannotAsk | None = None
    subject = ""
    with session_scope(deps(context).engine) as session:
        creator = creators.get_creator(
            session=session, team_id=context.team_id, creator_id=creator_id
        )
        # Used up by the first pick: a second click, or one after a day, changes nothing.
        picked = memos.take(
            session=session, team_id=context.team_id, memo_id=memo_id, now=now(context)
        )
        if picked is not None and creator is not None:
            subject = clean_subject(str(picked["subject"]))
            created = _prepare(
                session,
                context,
                creator=creator,
                kind=ApprovalKind(picked["kind"]),
                subject=subject,
                details="",
                requester=body["user"]["id"],
                channel_id=(body.get("channel") or {}).get("id"),
            )
    if not isinstance(created, ApprovalRequest):
        if isinstance(created, CannotAsk):
            text = created.text(t)
        elif picked is None:
            text = t.gettext(
                "That choice was already made or has expired. Run `/creator approve` again."
            )
        else:
            text = t.gettext("That creator no longer exists.")
        after_ack(context, context.respond(**ephemeral(text), replace_original=True))
        return
    after_ack(
        context,
        context.respond(
            **ephemeral(
                t.gettext("Asking for approval of {subject}.").format(
                    subject=blocks.quoted(subject)
                )
            ),
            replace_original=True,
        ),
    )
    after_ack(context, post_request(context, client, created.id))


# -- deciding ----------------------------------------------------------------------------------
def _decision_plan(
    session: Session,
    context: AsyncBoltContext,
    outcome: approvals.Outcome,
    decision: Decision,
    reason: str | None,
    clicked_version: int,
    *,
    confirm: bool,
) -> Plan:
    """What Slack should see after `approvals.decide`."""
    t = tr(context)
    request = outcome.request
    plan = Plan()
    if request is None:
        plan.tell = _missing(t)
        return plan
    plan.tell_channel = request.channel_id
    timezone = team_timezone(context)
    card = card_of(session, request)
    match outcome.code:
        case "decided" | "recorded":
            team_t = team_tr(context)
            _replace_message(plan, request, blocks.build_request_message(team_t, card, timezone))
            waiting = outstanding(approvals.facts(request), outcome.decisions)
            note = blocks.build_decision_note(
                team_t,
                decision,
                context.user_id,
                reason,
                waiting if outcome.code == "recorded" else (),
            )
            _in_thread(plan, request, note)
            if outcome.code == "decided":
                requester_t = _user_tr(
                    session, request.team_id, request.requester_id, team_t.language
                )
                plan.dms.append(
                    (
                        request.requester_id,
                        blocks.build_requester_dm(requester_t, card, request.channel_id, timezone),
                    )
                )
            if confirm:
                plan.tell = blocks.build_done(t, decision, request.subject)
        case "duplicate":
            waiting = outstanding(approvals.facts(request), outcome.decisions)
            plan.tell = blocks.build_duplicate(t, card, waiting)
        case "expired":
            _replace_message(
                plan, request, blocks.build_request_message(team_tr(context), card, timezone)
            )
            plan.tell = blocks.build_late(t, card, clicked_version, timezone)
        case "refused":
            plan.tell = blocks.build_refusal(t, outcome.refusal or "not_approver", card)
        case _:
            plan.tell = blocks.build_late(t, card, clicked_version, timezone, context.user_id)
    return plan


async def handle_decision_click(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Approve (decided at once), or Request changes / Reject (a modal asks for the reason)."""
    action = body["actions"][0]
    kind = ACTION_PATTERN.match(action["action_id"])
    decision = blocks.DECISION_ACTIONS[f"approval_{kind[1]}"] if kind else None
    value = _value(action)
    if decision is None or value is None:
        await ack()
        return
    request_id, version = value
    actor = body["user"]["id"]
    # A click in an ephemeral list (or a DM) is answered; in the channel the message shows it.
    confirm = bool((body.get("container") or {}).get("is_ephemeral"))
    engine = deps(context).engine
    if decision is Decision.APPROVE:
        with session_scope(engine, immediate=True) as session:
            outcome = approvals.decide(
                session=session,
                team_id=context.team_id,
                request_id=request_id,
                version=version,
                actor=actor,
                decision=decision,
                reason=None,
                now=now(context),
            )
            plan = _decision_plan(
                session, context, outcome, decision, None, version, confirm=confirm
            )
        await ack()
        after_ack(context, _carry_out(context, client, plan))
        return
    # Request changes or reject: check before asking for a reason (nothing changes yet).
    t = tr(context)
    with session_scope(engine) as session:
        request = approvals.get(session=session, team_id=context.team_id, request_id=request_id)
        plan = Plan()
        view = None
        if request is None:
            plan.tell = _missing(t)
        else:
            card = card_of(session, request)
            why = refusal(approvals.facts(request), actor, now(context))
            if why in ("own_request", "not_approver"):
                plan.tell = blocks.build_refusal(t, why, card)
            elif why is not None or request.version != version:
                plan.tell = blocks.build_late(t, card, version, team_timezone(context))
            else:
                metadata = {
                    "id": request_id,
                    "version": version,
                    "decision": decision.value,
                    "confirm": confirm,
                }
                view = blocks.build_reason_modal(t, decision, card, metadata)
    await _answer_click(ack, context, client, body, view, plan)


async def _answer_click(
    ack: AsyncAck,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    body: dict[str, Any],
    view: dict[str, Any] | None,
    plan: Any,
) -> None:
    """Ack at once; then open the modal the click needs, or carry out what it decided."""
    await ack()
    if view is not None:
        after_ack(context, client.views_open(trigger_id=body["trigger_id"], view=view))
    else:
        after_ack(context, _carry_out(context, client, plan))


async def handle_reason_submission(
    ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The reason for requesting changes or rejecting: then the decision, atomically."""
    t = tr(context)
    metadata = json.loads(view.get("private_metadata") or "{}")
    reason = (form_values(view).get("reason") or "").strip()
    errors = validate_reason(reason)
    if errors:
        await ack(response_action="errors", errors=blocks.field_errors(t, errors))
        return
    decision = Decision(metadata["decision"])
    with session_scope(deps(context).engine, immediate=True) as session:
        outcome = approvals.decide(
            session=session,
            team_id=context.team_id,
            request_id=int(metadata["id"]),
            version=int(metadata["version"]),
            actor=context.user_id,
            decision=decision,
            reason=reason,
            now=now(context),
        )
        plan = _decision_plan(
            session,
            context,
            outcome,
            decision,
            reason,
            int(metadata["version"]),
            confirm=bool(metadata.get("confirm")),
        )
    await ack()
    after_ack(context, _carry_out(context, client, plan))


# -- the requester: edit and cancel ------------------------------------------------------------
async def handle_cancel_click(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    value = _value(body["actions"][0])
    if value is None:
        await ack()
        return
    t = tr(context)
    with session_scope(deps(context).engine, immediate=True) as session:
        outcome = approvals.cancel(
            session=session,
            team_id=context.team_id,
            request_id=value[0],
            version=value[1],
            actor=body["user"]["id"],
            now=now(context),
        )
        request = outcome.request
        plan = Plan()
        if request is None:
            plan.tell = _missing(t)
        else:
            card = card_of(session, request)
            plan.tell_channel = request.channel_id
            if outcome.code == "cancelled":
                team_t = team_tr(context)
                _replace_message(
                    plan,
                    request,
                    blocks.build_request_message(team_t, card, team_timezone(context)),
                )
                _in_thread(plan, request, blocks.build_cancel_note(team_t, request.requester_id))
            elif outcome.code == "refused" and outcome.refusal == "not_requester":
                plan.tell = blocks.build_refusal(t, "not_requester", card)
            else:
                plan.tell = blocks.build_late(t, card, value[1], team_timezone(context))
    await ack()
    after_ack(context, _carry_out(context, client, plan))


async def handle_edit_click(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    value = _value(body["actions"][0])
    if value is None:
        await ack()
        return
    t = tr(context)
    view = None
    plan = Plan()
    with session_scope(deps(context).engine) as session:
        request = approvals.get(session=session, team_id=context.team_id, request_id=value[0])
        if request is None:
            plan.tell = _missing(t)
        else:
            card = card_of(session, request)
            why = owner_refusal(approvals.facts(request), body["user"]["id"])
            if why == "not_requester":
                plan.tell = blocks.build_refusal(t, why, card)
            elif why is not None or request.version != value[1]:
                plan.tell = blocks.build_late(t, card, value[1], team_timezone(context))
            else:
                metadata = {"id": request.id, "version": request.version}
                view = blocks.build_edit_modal(t, card, metadata)
    await _answer_click(ack, context, client, body, view, plan)


async def handle_edit_submission(
    ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """A new version: the decisions so far no longer count; the approvers are asked again."""
    t = tr(context)
    metadata = json.loads(view.get("private_metadata") or "{}")
    values = form_values(view)
    subject, details = values.get("subject") or "", values.get("details") or ""
    errors = validate_request(subject, details)
    if errors:
        await ack(response_action="errors", errors=blocks.field_errors(t, errors))
        return
    team_id = context.team_id
    with session_scope(deps(context).engine, immediate=True) as session:
        outcome = approvals.edit(
            session=session,
            team_id=team_id,
            request_id=int(metadata["id"]),
            version=int(metadata["version"]),
            actor=context.user_id,
            subject=subject,
            details=details,
            now=now(context),
            settings=approvals.get_settings(session=session, team_id=team_id),
        )
        request = outcome.request
        plan = Plan()
        if outcome.code == "unchanged":
            errors = {"subject": FieldError("unchanged")}
        elif request is None:
            plan.tell = _missing(t)
        else:
            card = card_of(session, request)
            plan.tell_channel = request.channel_id
            if outcome.code == "edited":
                team_t = team_tr(context)
                _replace_message(
                    plan,
                    request,
                    blocks.build_request_message(team_t, card, team_timezone(context)),
                )
                _in_thread(
                    plan,
                    request,
                    blocks.build_edit_note(
                        team_t,
                        request.requester_id,
                        request.version,
                        outcome.changed,
                        outcome.before[0] if outcome.before else "",
                        request.subject,
                        tuple(request.approvers or ()),
                    ),
                )
            elif outcome.code == "refused" and outcome.refusal == "not_requester":
                plan.tell = blocks.build_refusal(t, "not_requester", card)
            else:
                plan.tell = blocks.build_late(
                    t, card, int(metadata["version"]), team_timezone(context)
                )
    if errors:
        await ack(response_action="errors", errors=blocks.field_errors(t, errors))
        return
    await ack()
    after_ack(context, _carry_out(context, client, plan))


# -- the message shortcut ----------------------------------------------------------------------
async def handle_shortcut(
    ack: AsyncAck, shortcut: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """ "Request approval" on any message: a modal prefilled with the message."""
    await ack()
    t = tr(context)
    message = shortcut.get("message") or {}
    text = plain_text_of_message(message.get("text") or "")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    with session_scope(deps(context).engine) as session:
        choices = approvals.creator_choices(
            session=session, team_id=context.team_id, limit=blocks.MAX_CREATOR_OPTIONS + 1
        )
    if not choices:
        reply = ephemeral(t.gettext("Add a creator first with `/creator add`."))
        after_ack(context, _tell(context, client, reply, (shortcut.get("channel") or {}).get("id")))
        return
    metadata = {
        "channel_id": (shortcut.get("channel") or {}).get("id"),
        "message_ts": message.get("ts") or shortcut.get("message_ts"),
    }
    view = blocks.build_request_modal(
        t, choices, clean_subject(first_line), text[:MAX_DETAILS], metadata
    )
    after_ack(context, client.views_open(trigger_id=shortcut["trigger_id"], view=view))


async def handle_request_submission(
    ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    t = tr(context)
    metadata = json.loads(view.get("private_metadata") or "{}")
    values = form_values(view)
    subject, details = values.get("subject") or "", values.get("details") or ""
    errors: dict[str, str] = blocks.field_errors(t, validate_request(subject, details))
    created: ApprovalRequest | None = None
    with session_scope(deps(context).engine) as session:
        creator = None
        if values.get("creator"):
            creator = creators.get_creator(
                session=session, team_id=context.team_id, creator_id=int(values["creator"])
            )
        elif values.get("creator_name"):
            found = creators.find_creators(
                session=session, team_id=context.team_id, query=values["creator_name"]
            )
            creator = found[0] if len(found) == 1 else None
        kind = ApprovalKind(values["kind"]) if values.get("kind") else None
        creator_block = "creator" if "creator" in values else "creator_name"
        if creator is None:
            errors[creator_block] = t.gettext("Pick one creator.")
        if kind is None:
            errors["kind"] = t.gettext("This field is required.")
        if not errors and creator is not None and kind is not None:
            result = _prepare(
                session,
                context,
                creator=creator,
                kind=kind,
                subject=subject,
                details=details,
                requester=context.user_id,
                channel_id=metadata.get("channel_id"),
                source={
                    "shortcut": True,
                    "channel_id": metadata.get("channel_id"),
                    "message_ts": metadata.get("message_ts"),
                },
            )
            if isinstance(result, CannotAsk):
                field = "kind" if result.code in ("no_approvers", "only_you") else creator_block
                errors[field] = result.text(t, mrkdwn=False).replace("`", "")
            else:
                created = result
    if errors or created is None:
        await ack(response_action="errors", errors=errors)
        return
    await ack()
    after_ack(context, post_request(context, client, created.id))


# -- settings and lists ------------------------------------------------------------------------
async def handle_approvals(request: CommandRequest) -> None:
    """`/creator approvals [mine|all]`: what is pending, with buttons where you may decide."""
    context = request.context
    t = tr(context)
    word = request.args.strip().lower()
    if word not in LIST_WORDS:
        await request.ack(
            ephemeral(t.gettext("Use `/creator approvals mine` or `/creator approvals all`."))
        )
        return
    mine = LIST_WORDS[word]
    moment = now(context)
    timezone = team_timezone(context)
    with session_scope(deps(context).engine) as session:
        items = approvals.list_pending(
            session=session,
            team_id=request.team_id,
            now=moment,
            user_id=request.user_id if mine else None,
        )
        listed = [_listed(session, item, request.user_id, moment) for item in items]
    await request.ack(blocks.build_pending_list(t, listed, mine, len(listed), timezone))


def _listed(
    session: Session, item: approvals.PendingItem, user_id: str | None, moment: datetime | None
) -> blocks.ListedRequest:
    request = item.request
    request_facts = approvals.facts(request)
    return blocks.ListedRequest(
        card=card_of(session, request),
        channel_id=request.channel_id,
        overdue=moment is not None and moment >= request.due_at,
        can_decide=(
            user_id is not None
            and moment is not None
            and refusal(request_facts, user_id, moment) is None
        ),
        waiting=outstanding(request_facts, item.decisions),
    )


# -- reminders, escalation, expiry -------------------------------------------------------------
def _reminded(session: Session, reminder: Reminder) -> ApprovalRequest | None:
    """The reminder's request while it is pending at the reminder's version; else None."""
    if reminder.subject_id is None:
        return None
    request = approvals.get(
        session=session, team_id=reminder.team_id, request_id=reminder.subject_id
    )
    if request is None or request.version != reminder.payload.get("version"):
        return None
    return request if request.status == Status.PENDING.value else None


def render_reminder(session: Session, reminder: Reminder) -> dict[str, Any] | None:
    """Due and undecided: a note in the thread naming who is awaited, and a DM to each."""
    request = _reminded(session, reminder)
    if request is None:
        return None
    waiting = outstanding(
        approvals.facts(request), approvals.decisions_of(session=session, request=request)
    )
    team_t, timezone = _team_voice(session, request.team_id)
    to = reminder.payload.get("to")
    if to == approvals.THREAD:
        if not waiting:
            return None
        approvals.record_event_once(
            session=session,
            request=request,
            event="reminded",
            key=reminder.dedupe_key,
            at=reminder.due_at,
        )
        return blocks.build_reminder_thread(team_t, request.due_at, waiting, timezone)
    if to not in waiting:
        return None
    user_t = _user_tr(session, request.team_id, to, team_t.language)
    return blocks.build_reminder_dm(user_t, card_of(session, request), request.channel_id, timezone)


def render_escalation(session: Session, reminder: Reminder) -> dict[str, Any] | None:
    """Still undecided: the fallback approver is asked (in the thread, and by DM)."""
    request = _reminded(session, reminder)
    if request is None or not request.fallback_approver:
        return None
    team_t, timezone = _team_voice(session, request.team_id)
    approvals.record_event_once(
        session=session,
        request=request,
        event="escalated",
        key=f"{request.id}:v{request.version}",
        at=reminder.due_at,
    )
    if reminder.payload.get("to") == approvals.THREAD:
        return blocks.build_escalation_thread(
            team_t, request.due_at, request.fallback_approver, timezone
        )
    user_t = _user_tr(session, request.team_id, request.fallback_approver, team_t.language)
    return blocks.build_escalation_dm(
        user_t, card_of(session, request), request.channel_id, timezone
    )


def render_expiry(session: Session, reminder: Reminder) -> dict[str, Any] | None:
    """Expiry: the request message loses its buttons and says so (a chat.update: the message
    carries the `ts` it replaces), and the requester hears it by DM."""
    if reminder.subject_id is None:
        return None
    request = approvals.expire(
        session=session,
        team_id=reminder.team_id,
        request_id=reminder.subject_id,
        version=int(reminder.payload.get("version") or 0),
        now=reminder.due_at,
    )
    if request is None:
        return None
    team_t, timezone = _team_voice(session, request.team_id)
    card = card_of(session, request)
    if reminder.payload.get("to") == approvals.MESSAGE:
        if not request.message_ts:
            return None
        return {"ts": request.message_ts, **blocks.build_request_message(team_t, card, timezone)}
    user_t = _user_tr(session, request.team_id, request.requester_id, team_t.language)
    return blocks.build_expiry_dm(user_t, card, request.channel_id, timezone)


def register(app: AsyncApp) -> None:
    app.action(ACTION_PATTERN)(handle_decision_click)
    app.action(blocks.EDIT_ACTION)(handle_edit_click)
    app.action(blocks.CANCEL_ACTION)(handle_cancel_click)
    app.action(re.compile(rf"^{blocks.PICK_ACTION}_\d+$"))(handle_pick)
    app.view(blocks.REASON_CALLBACK)(handle_reason_submission)
    app.view(blocks.EDIT_CALLBACK)(handle_edit_submission)
    app.view(blocks.REQUEST_CALLBACK)(handle_request_submission)
    app.shortcut(blocks.SHORTCUT_CALLBACK)(handle_shortcut)
