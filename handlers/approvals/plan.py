"""What Slack should see after a change to a request: planned inside its transaction
(the updated message, a thread note, DMs, an ephemeral answer), carried out after the ack."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from domain.approvals import RequestFacts
from handlers.approval_requests import card_of
from handlers.background import after_ack
from handlers.blocks.approvals.answers import build_late, build_refusal
from handlers.blocks.approvals.card import RequestCard
from handlers.blocks.common import ephemeral
from handlers.context import team_timezone, tr
from handlers.private import tell_privately as _tell
from locales import Translator
from storage.approvals import reading
from storage.models import ApprovalRequest


@dataclass
class Plan:
    """The Slack calls a change calls for, planned inside its transaction, made after it."""

    update: dict[str, Any] | None = None  # chat.update of the request message
    thread: dict[str, Any] | None = None  # chat.postMessage in its thread
    dms: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    tell: dict[str, Any] | None = None  # an ephemeral answer to whoever acted
    tell_channel: str | None = None  # where to answer when there is no response_url


def replace_message(plan: Plan, request: ApprovalRequest, message: dict[str, Any]) -> None:
    if request.channel_id and request.message_ts:
        plan.update = {"channel": request.channel_id, "ts": request.message_ts, **message}


def in_thread(plan: Plan, request: ApprovalRequest, message: dict[str, Any]) -> None:
    if request.channel_id and request.message_ts:
        plan.thread = {"channel": request.channel_id, "thread_ts": request.message_ts, **message}


async def carry_out(context: AsyncBoltContext, client: AsyncWebClient, plan: Plan) -> None:
    if plan.update is not None:
        await client.chat_update(**plan.update)
    if plan.thread is not None:
        await client.chat_postMessage(**plan.thread)
    for user_id, message in plan.dms:
        await client.chat_postMessage(channel=user_id, **message)
    if plan.tell is not None:
        await _tell(context, client, plan.tell, plan.tell_channel)


def button_value(action: dict[str, Any]) -> tuple[int, int] | None:
    """A button's "<request id>:<version>"."""
    request_id, _, version = str(action.get("value") or "").partition(":")
    if request_id.isdigit() and version.isdigit():
        return int(request_id), int(version)
    return None


async def clicked_request(ack: AsyncAck, body: dict[str, Any]) -> tuple[int, int] | None:
    """The request id and version the clicked button carries. A click without them (a forged
    or truncated value) has nothing to do: it is acked here, and None returned."""
    value = button_value(body["actions"][0])
    if value is None:
        await ack()
    return value


def request_gone(t: Translator) -> Plan:
    """For a request that no longer exists: only the answer that says so."""
    message = ephemeral(t.gettext("That request no longer exists."))
    return Plan(tell={**message, "replace_original": False})


async def ack_and_carry_out(
    ack: AsyncAck, context: AsyncBoltContext, client: AsyncWebClient, plan: Plan
) -> None:
    """Ack at once (the change is committed by now); then make the Slack calls it planned."""
    await ack()
    after_ack(context, carry_out(context, client, plan))


async def answer_click(
    ack: AsyncAck,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    body: dict[str, Any],
    view: dict[str, Any] | None,
    plan: Plan,
) -> None:
    """Ack at once; then open the modal the click needs, or carry out what it decided."""
    if view is None:
        await ack_and_carry_out(ack, context, client, plan)
        return
    await ack()
    after_ack(context, client.views_open(trigger_id=body["trigger_id"], view=view))


def check_before_opening(
    session: Session,
    context: AsyncBoltContext,
    request_id: int,
    clicked_version: int,
    why_not: Callable[[RequestFacts], str | None],
    refused: tuple[str, ...],
    modal: Callable[[RequestCard], dict[str, Any]],
) -> tuple[dict[str, Any] | None, Plan]:
    """A click that opens a modal (a reason, an edit) changes nothing yet: the modal, or the
    answer that stops it (the request is gone, it is not theirs to change, or too late)."""
    t = tr(context)
    request = reading.get(session=session, team_id=context.team_id, request_id=request_id)
    if request is None:
        return None, request_gone(t)
    card = card_of(session, request)
    why = why_not(reading.facts(request))
    if why in refused:
        return None, Plan(tell=build_refusal(t, why, card))
    if why is not None or request.version != clicked_version:
        return None, Plan(tell=build_late(t, card, clicked_version, team_timezone(context)))
    return modal(card), Plan()
