"""`/creator settings`: who approves what, the fallback, the due time and expiry.

Only workspace admins and owners, and the current approvers of a kind, change them
(domain.permissions); the check runs when the modal opens and again, in the saving
transaction, when it is submitted (the opener may have lost the right, or the submission be
forged). A change is announced in the channel it was made in: who changed what.
"""

from __future__ import annotations

import json
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from domain.approvals import ApprovalSettings, validate_settings
from domain.permissions import may_open_settings
from domain.values import ApprovalKind
from handlers.background import after_ack
from handlers.blocks import permissions as permission_blocks
from handlers.blocks.approvals.ids import SETTINGS_CALLBACK
from handlers.blocks.approvals.modals import field_errors
from handlers.blocks.approvals.settings import build_settings_modal, build_settings_saved
from handlers.blocks.common import ephemeral
from handlers.commands import CommandRequest
from handlers.context import deps, team_tr, tr
from handlers.private import tell_privately as _tell
from handlers.roles import group_members, is_workspace_admin
from storage import approval_settings
from storage.approvals.settings import get_settings
from storage.db import session_scope


async def _facts(
    context: AsyncBoltContext, client: AsyncWebClient, user_id: str, settings: ApprovalSettings
) -> tuple[bool, dict[str, tuple[str, ...]]]:
    """Whether the user is a workspace admin or owner, else the approver groups' members."""
    if await is_workspace_admin(context, client, user_id):
        return True, {}
    groups = (settings.for_kind(kind).group for kind in ApprovalKind)
    return False, await group_members(context, client, groups)


async def handle_settings(request: CommandRequest) -> None:
    """`/creator settings`: the modal, for those who may change the settings."""
    await request.ack()
    after_ack(
        request.context,
        _open(
            request.context,
            request.client,
            request.user_id,
            request.channel_id,
            request.body["trigger_id"],
        ),
    )


async def _open(
    context: AsyncBoltContext,
    client: AsyncWebClient,
    user_id: str,
    channel_id: str,
    trigger_id: str,
) -> None:
    t = tr(context)
    with session_scope(deps(context).engine) as session:
        settings = get_settings(session=session, team_id=context.team_id)
    is_admin, groups = await _facts(context, client, user_id, settings)
    if may_open_settings(user_id, settings, is_admin=is_admin, groups=groups) is not None:
        await _tell(context, client, permission_blocks.build_settings_closed(t), channel_id)
        return
    view = build_settings_modal(t, settings)
    view["private_metadata"] = json.dumps({"channel_id": channel_id})
    await client.views_open(trigger_id=trigger_id, view=view)


def _settings_values(view: dict[str, Any]) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        state = next(iter(actions.values()), {})
        if "selected_users" in state:
            raw[block_id] = list(state.get("selected_users") or [])
        elif "selected_user" in state:
            raw[block_id] = state.get("selected_user")
        elif "selected_option" in state:
            raw[block_id] = (state.get("selected_option") or {}).get("value")
        else:
            raw[block_id] = state.get("value")
    return raw


async def handle_settings_submission(
    ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    t = tr(context)
    metadata = json.loads(view.get("private_metadata") or "{}")
    settings, errors = validate_settings(_settings_values(view))
    if errors or settings is None:
        await ack(response_action="errors", errors=field_errors(t, errors))
        return
    await ack()
    after_ack(context, _save(context, client, settings, metadata.get("channel_id")))


async def _save(
    context: AsyncBoltContext,
    client: AsyncWebClient,
    settings: ApprovalSettings,
    channel_id: str | None,
) -> None:
    t = tr(context)
    actor = context.user_id or ""
    engine = deps(context).engine
    with session_scope(engine) as session:
        stored = get_settings(session=session, team_id=context.team_id)
    is_admin, groups = await _facts(context, client, actor, stored)
    with session_scope(engine) as session:
        outcome = approval_settings.change_settings(
            session=session,
            team_id=context.team_id,
            actor=actor,
            settings=settings,
            is_admin=is_admin,
            groups=groups,
        )
    if outcome.refusal is not None:
        refused = permission_blocks.build_settings_refusal(t, outcome.refusal)
        await _tell(context, client, refused, channel_id)
        return
    saved = ephemeral(build_settings_saved(t, settings))
    await _tell(context, client, saved, channel_id)
    if outcome.changes and channel_id:
        announcement = permission_blocks.build_settings_announcement(
            team_tr(context), actor, outcome.changes
        )
        await client.chat_postMessage(channel=channel_id, **announcement)


def register(app: AsyncApp) -> None:
    app.view(SETTINGS_CALLBACK)(handle_settings_submission)
