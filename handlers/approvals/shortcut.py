"""The "Request approval" message shortcut: a modal prefilled with the message, then the
request."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from domain.approvals import MAX_DETAILS, clean_subject, validate_request
from domain.values import ApprovalKind
from handlers.approval_requests import CannotAsk, ask_for, post_request
from handlers.background import after_ack
from handlers.blocks.approvals.modals import MAX_CREATOR_OPTIONS, build_request_modal, field_errors
from handlers.blocks.common import ephemeral
from handlers.blocks.forms import submitted
from handlers.commands import plain_text_of_message
from handlers.context import deps, tr
from handlers.private import tell_privately as _tell
from storage import creators
from storage.approvals import listing
from storage.db import session_scope
from storage.models import ApprovalRequest


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
        choices = listing.creator_choices(
            session=session, team_id=context.team_id, limit=MAX_CREATOR_OPTIONS + 1
        )
    if not choices:
        reply = ephemeral(t.gettext("Add a creator first with `/creator add`."))
        after_ack(context, _tell(context, client, reply, (shortcut.get("channel") or {}).get("id")))
        return
    metadata = {
        "channel_id": (shortcut.get("channel") or {}).get("id"),
        "message_ts": message.get("ts") or shortcut.get("message_ts"),
    }
    view = build_request_modal(t, choices, clean_subject(first_line), text[:MAX_DETAILS], metadata)
    after_ack(context, client.views_open(trigger_id=shortcut["trigger_id"], view=view))


async def handle_request_submission(
    ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    t = tr(context)
    metadata, values = submitted(view)
    subject, details = values.get("subject") or "", values.get("details") or ""
    errors: dict[str, str] = field_errors(t, validate_request(subject, details))
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
            result = ask_for(
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
