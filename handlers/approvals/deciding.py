"""Deciding: the Approve / Request changes / Reject buttons (on the request message, in a
list, in a DM or the Home tab) and the reason modal. `storage.approvals.changing.decide`
decides once however many approvers click at once."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from domain.approvals import Decision, outstanding, refusal, validate_reason
from handlers.approval_requests import card_of, user_tr
from handlers.approvals.plan import (
    Plan,
    ack_and_carry_out,
    answer_click,
    button_value,
    check_before_opening,
    in_thread,
    replace_message,
    request_gone,
)
from handlers.blocks.approvals.answers import build_done, build_duplicate, build_late, build_refusal
from handlers.blocks.approvals.dms import build_requester_dm
from handlers.blocks.approvals.ids import DECISION_ACTIONS
from handlers.blocks.approvals.message import build_request_message
from handlers.blocks.approvals.modals import build_reason_modal, field_errors
from handlers.blocks.approvals.notes import build_decision_note
from handlers.blocks.forms import submitted
from handlers.context import deps, now, team_timezone, team_tr, tr
from storage.approvals import changing, reading
from storage.db import session_scope

ACTION_PATTERN = re.compile(r"^approval_(approve|changes|reject)(?:_\d+)?$")


def _decision_plan(
    session: Session,
    context: AsyncBoltContext,
    outcome: changing.Outcome,
    decision: Decision,
    reason: str | None,
    clicked_version: int,
    *,
    confirm: bool,
) -> Plan:
    """What Slack should see after `changing.decide`."""
    t = tr(context)
    request = outcome.request
    if request is None:
        return request_gone(t)
    plan = Plan(tell_channel=request.channel_id)
    timezone = team_timezone(context)
    card = card_of(session, request)
    match outcome.code:
        case "decided" | "recorded":
            team_t = team_tr(context)
            replace_message(plan, request, build_request_message(team_t, card, timezone))
            waiting = outstanding(reading.facts(request), outcome.decisions)
            note = build_decision_note(
                team_t,
                decision,
                context.user_id,
                reason,
                waiting if outcome.code == "recorded" else (),
            )
            in_thread(plan, request, note)
            if outcome.code == "decided":
                requester_t = user_tr(
                    session, request.team_id, request.requester_id, team_t.language
                )
                plan.dms.append(
                    (
                        request.requester_id,
                        build_requester_dm(requester_t, card, request.channel_id, timezone),
                    )
                )
            if confirm:
                plan.tell = build_done(t, decision, request.subject)
        case "duplicate":
            waiting = outstanding(reading.facts(request), outcome.decisions)
            plan.tell = build_duplicate(t, card, waiting)
        case "expired":
            replace_message(plan, request, build_request_message(team_tr(context), card, timezone))
            plan.tell = build_late(t, card, clicked_version, timezone)
        case "refused":
            plan.tell = build_refusal(t, outcome.refusal or "not_approver", card)
        case _:
            plan.tell = build_late(t, card, clicked_version, timezone, context.user_id)
    return plan


async def handle_decision_click(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Approve (decided at once), or Request changes / Reject (a modal asks for the reason)."""
    action = body["actions"][0]
    kind = ACTION_PATTERN.match(action["action_id"])
    decision = DECISION_ACTIONS[f"approval_{kind[1]}"] if kind else None
    value = button_value(action)
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
            outcome = changing.decide(
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
        await ack_and_carry_out(ack, context, client, plan)
        return
    # Request changes or reject: check before asking for a reason (nothing changes yet).
    t = tr(context)
    metadata = {
        "id": request_id,
        "version": version,
        "decision": decision.value,
        "confirm": confirm,
    }
    with session_scope(engine) as session:
        view, plan = check_before_opening(
            session,
            context,
            request_id,
            version,
            lambda facts: refusal(facts, actor, now(context)),
            ("own_request", "not_approver"),
            lambda card: build_reason_modal(t, decision, card, metadata),
        )
    await answer_click(ack, context, client, body, view, plan)


async def handle_reason_submission(
    ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The reason for requesting changes or rejecting: then the decision, atomically."""
    t = tr(context)
    metadata, values = submitted(view)
    reason = (values.get("reason") or "").strip()
    errors = validate_reason(reason)
    if errors:
        await ack(response_action="errors", errors=field_errors(t, errors))
        return
    decision = Decision(metadata["decision"])
    with session_scope(deps(context).engine, immediate=True) as session:
        outcome = changing.decide(
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
    await ack_and_carry_out(ack, context, client, plan)
