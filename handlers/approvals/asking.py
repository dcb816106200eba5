"""`/creator approve <name> <kind> <subject>`, and the pick of a creator when the name
is ambiguous."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from domain.approvals import KIND_WORDS, clean_subject, parse_approve_args
from domain.values import ApprovalKind
from handlers.approval_requests import CannotAsk, ask_for, post_request
from handlers.background import after_ack
from handlers.blocks.approvals.card import quoted
from handlers.blocks.approvals.ids import PICK_ACTION
from handlers.blocks.common import ephemeral, fill
from handlers.commands import CommandRequest
from handlers.context import deps, now, tr
from handlers.lookup import resolve_creator
from locales import N_, Translator
from storage import creators, memos
from storage.db import session_scope
from storage.models import ApprovalRequest

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
            created = ask_for(
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
            element["action_id"] = f"{PICK_ACTION}_{n}"
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
            created = ask_for(
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
                t.gettext("Asking for approval of {subject}.").format(subject=quoted(subject))
            ),
            replace_original=True,
        ),
    )
    after_ack(context, post_request(context, client, created.id))
