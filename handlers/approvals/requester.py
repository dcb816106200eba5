"""The requester's buttons: cancel the request, or edit it (a new version, asked again)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from domain.approvals import owner_refusal, validate_request
from domain.drafts import FieldError
from handlers.approval_requests import card_of
from handlers.approvals.plan import (
    Plan,
    ack_and_carry_out,
    answer_click,
    check_before_opening,
    clicked_request,
    in_thread,
    replace_message,
    request_gone,
)
from handlers.blocks.approvals.answers import build_late, build_refusal
from handlers.blocks.approvals.message import build_request_message
from handlers.blocks.approvals.modals import build_edit_modal, field_errors
from handlers.blocks.approvals.notes import build_cancel_note, build_edit_note
from handlers.blocks.forms import submitted
from handlers.context import deps, now, team_timezone, team_tr, tr
from locales import Translator
from storage.approvals import changing
from storage.approvals.settings import get_settings
from storage.db import session_scope
from storage.models import ApprovalRequest


def _requester_plan(
    session: Session,
    context: AsyncBoltContext,
    outcome: changing.Outcome,
    done: str,
    clicked_version: int,
    note: Callable[[Translator, ApprovalRequest], dict[str, Any]],
) -> Plan:
    """What Slack should see after the requester's cancel or edit: when it was `done`, the
    message replaced and `note` in its thread; else why not (gone, not theirs, too late)."""
    t = tr(context)
    request = outcome.request
    if request is None:
        return request_gone(t)
    card = card_of(session, request)
    plan = Plan(tell_channel=request.channel_id)
    timezone = team_timezone(context)
    if outcome.code == done:
        team_t = team_tr(context)
        replace_message(plan, request, build_request_message(team_t, card, timezone))
        in_thread(plan, request, note(team_t, request))
    elif outcome.code == "refused" and outcome.refusal == "not_requester":
        plan.tell = build_refusal(t, "not_requester", card)
    else:
        plan.tell = build_late(t, card, clicked_version, timezone)
    return plan


async def handle_cancel_click(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    value = await clicked_request(ack, body)
    if value is None:
        return
    with session_scope(deps(context).engine, immediate=True) as session:
        outcome = changing.cancel(
            session=session,
            team_id=context.team_id,
            request_id=value[0],
            version=value[1],
            actor=body["user"]["id"],
            now=now(context),
        )
        plan = _requester_plan(
            session,
            context,
            outcome,
            "cancelled",
            value[1],
            lambda team_t, request: build_cancel_note(team_t, request.requester_id),
        )
    await ack_and_carry_out(ack, context, client, plan)


async def handle_edit_click(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    value = await clicked_request(ack, body)
    if value is None:
        return
    t = tr(context)
    with session_scope(deps(context).engine) as session:
        view, plan = check_before_opening(
            session,
            context,
            *value,
            lambda facts: owner_refusal(facts, body["user"]["id"]),
            ("not_requester",),
            lambda card: build_edit_modal(t, card, {"id": card.id, "version": card.version}),
        )
    await answer_click(ack, context, client, body, view, plan)


async def handle_edit_submission(
    ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """A new version: the decisions so far no longer count; the approvers are asked again."""
    t = tr(context)
    metadata, values = submitted(view)
    subject, details = values.get("subject") or "", values.get("details") or ""
    errors = validate_request(subject, details)
    if errors:
        await ack(response_action="errors", errors=field_errors(t, errors))
        return
    team_id = context.team_id
    with session_scope(deps(context).engine, immediate=True) as session:
        outcome = changing.edit(
            session=session,
            team_id=team_id,
            request_id=int(metadata["id"]),
            version=int(metadata["version"]),
            actor=context.user_id,
            subject=subject,
            details=details,
            now=now(context),
            settings=get_settings(session=session, team_id=team_id),
        )
        if outcome.code == "unchanged":
            plan = None
        else:
            plan = _requester_plan(
                session,
                context,
                outcome,
                "edited",
                int(metadata["version"]),
                lambda team_t, request: build_edit_note(
                    team_t,
                    request.requester_id,
                    request.version,
                    outcome.changed,
                    outcome.before[0] if outcome.before else "",
                    request.subject,
                    tuple(request.approvers or ()),
                ),
            )
    if plan is None:
        errors = {"subject": FieldError("unchanged")}
        await ack(response_action="errors", errors=field_errors(t, errors))
        return
    await ack_and_carry_out(ack, context, client, plan)
