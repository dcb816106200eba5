"""`/creator add`, `/creator edit <name>` and `/creator archive <name>`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from domain import fields
from domain.drafts import (
    CreatorDraft,
    FieldError,
    PartnershipDraft,
    validate_creator,
    validate_partnership,
)
from handlers.background import after_ack
from handlers.blocks.common import ephemeral, escape
from handlers.blocks.forms import (
    CREATOR_CALLBACK,
    build_creator_modal,
    error_messages,
    submitted,
)
from handlers.commands import CommandRequest
from handlers.context import deps, now, tr
from handlers.lookup import named_creator, open_for_picked
from handlers.private import confirm_form_saved
from locales import N_, Translator
from storage import creators
from storage.db import session_scope
from storage.models import (
    Brand,
    Creator,
    CreatorCreate,
    CreatorPublic,
    Partnership,
    PartnershipCreate,
    PartnershipPublic,
)

# Field names as the user saw them in the modal, for "what was saved".
FIELD_LABELS = {
    "handle": N_("Handle"),
    "display_name": N_("Display name"),
    "platforms": N_("Platforms and audience"),
    "niche": N_("Niche"),
    "country": N_("Country (2 letters)"),
    "language": N_("Preferred language"),
    "base_rate": N_("Base rate per deliverable"),
    "currency": N_("Currency"),
    "contact": N_("Contact"),
    "brand": N_("Brand"),
    "stage": N_("Stage"),
    "start_date": N_("Start date"),
    "end_date": N_("End date"),
    "quarterly_fee": N_("Fee per quarter"),
    "premium_pct": N_("Premium over a one-off deal (%)"),
    "payment_terms_days": N_("Payment terms (days)"),
    "ip_model": N_("IP model"),
    "performance_incentive": N_("Performance incentive"),
    "exit_scenario_agreed": N_("Exit scenario agreed"),
    "renewal_decision": N_("Renewal decision"),
    "owner": N_("Owner"),
    "channel": N_("Channel"),
}


def _platforms_text(platforms: Mapping[str, int]) -> str:
    return "|".join(f"{name}:{audience}" for name, audience in platforms.items())


def creator_fields(creator: CreatorPublic) -> dict[str, Any]:
    """A creator's values as the modal shows them (text for text inputs)."""
    values = {name: getattr(creator, name) for name in fields.CREATOR_FIELDS}
    return values | {
        "platforms": _platforms_text(creator.platforms),
        "base_rate": str(creator.base_rate),
    }


def partnership_fields(partnership: PartnershipPublic, brand: Brand | None) -> dict[str, Any]:
    """A partnership's values as the modal shows them, with its brand's name."""

    def text(value: Any) -> str | None:
        return None if value is None else str(value)

    return {
        "brand": brand.name if brand else None,
        "stage": partnership.stage.value,
        "start_date": partnership.start_date,
        "end_date": partnership.end_date,
        "quarterly_fee": text(partnership.quarterly_fee),
        "premium_pct": text(partnership.premium_pct),
        "payment_terms_days": text(partnership.payment_terms_days),
        "ip_model": partnership.ip_model.value,
        "performance_incentive": partnership.performance_incentive,
        "exit_scenario_agreed": partnership.exit_scenario_agreed,
        "renewal_decision": partnership.renewal_decision,
        "owner": partnership.owner_user_id,
        "channel": partnership.channel_id,
    }


async def handle_add(request: CommandRequest) -> None:
    """`/creator add`: the empty modal."""
    t = tr(request.context)
    with session_scope(deps(request.context).engine) as session:
        brands = [b.name for b in creators.list_brands(session=session, team_id=request.team_id)]
    metadata = {"channel_id": request.channel_id}
    defaults = {"channel": request.channel_id, "owner": request.user_id}
    view = build_creator_modal(t, None, defaults, brands, metadata)
    await request.ack()
    after_ack(
        request.context,
        request.client.views_open(trigger_id=request.body["trigger_id"], view=view),
    )


async def handle_edit(request: CommandRequest) -> None:
    """`/creator edit <name>`: the modal filled in with what we hold."""
    t = tr(request.context)
    with session_scope(deps(request.context).engine) as session:
        creator = await named_creator(request, session, t, subcommand="edit")
        if creator is None:
            return
        view = _edit_view(session, t, creator, request.channel_id)
    await request.ack()
    after_ack(
        request.context,
        request.client.views_open(trigger_id=request.body["trigger_id"], view=view),
    )


def _edit_view(session: Session, t: Translator, creator: Creator, channel_id: str) -> dict:
    partnership = creators.current_partnership(
        session=session, team_id=creator.team_id, creator_id=creator.id
    )
    brand = session.get(Brand, partnership.brand_id) if partnership else None
    brands = [b.name for b in creators.list_brands(session=session, team_id=creator.team_id)]
    metadata = {
        "channel_id": channel_id,
        "creator_id": creator.id,
        "partnership_id": partnership.id if partnership else None,
    }
    return build_creator_modal(
        t,
        _shown_creator(creator),
        _shown_partnership(partnership, brand) if partnership else None,
        brands,
        metadata,
    )


def _shown_creator(creator: Creator) -> dict[str, Any]:
    return creator_fields(CreatorPublic.model_validate(creator))


def _shown_partnership(partnership: Partnership, brand: Brand | None) -> dict[str, Any]:
    return partnership_fields(PartnershipPublic.model_validate(partnership), brand)


async def edit_picked(
    creator_id: int, context: AsyncBoltContext, respond: AsyncRespond, body: dict[str, Any]
) -> None:
    """The edit modal for a creator picked from a list of candidates."""
    channel_id = context.channel_id or ""
    await open_for_picked(
        creator_id,
        context,
        respond,
        body,
        lambda session, t, creator: _edit_view(session, t, creator, channel_id),
    )


async def handle_archive(request: CommandRequest) -> None:
    """`/creator archive <name>`: hidden from lists and digests; its history stays."""
    t = tr(request.context)
    with session_scope(deps(request.context).engine) as session:
        creator = await named_creator(request, session, t, subcommand="archive")
        if creator is None:
            return
        creator.archived = True
        creators.save_creator(session=session, creator=creator, now=now(request.context))
        name = creator.display_name
    await request.ack(
        ephemeral(
            t.gettext(
                "Archived {name}: hidden from lists and digests. Their history is kept."
            ).format(name=escape(name))
        )
    )


async def handle_creator_submission(
    ack: AsyncAck,
    view: dict[str, Any],
    context: AsyncBoltContext,
    client: AsyncWebClient,
) -> None:
    """Save creator and partnership together when every field is valid; else show errors."""
    t = tr(context)
    metadata, raw = submitted(view)
    creator_draft, errors = validate_creator(raw)
    partnership_draft, partnership_errors = validate_partnership(raw)
    errors.update(partnership_errors)
    team_id = context.team_id
    with session_scope(deps(context).engine) as session:
        brand = None
        if creator_draft is not None:
            existing = creators.get_creator_by_handle(
                session=session, team_id=team_id, handle=creator_draft.handle
            )
            if existing is not None and existing.id != metadata.get("creator_id"):
                errors["handle"] = FieldError("handle_taken")
        if partnership_draft is not None and partnership_draft.brand_name:
            brand = creators.find_brand(
                session=session, team_id=team_id, name=partnership_draft.brand_name
            )
            if brand is None:
                errors["brand"] = FieldError(
                    "unknown_brand", {"brand": escape(partnership_draft.brand_name)}
                )
        if errors:
            await ack(response_action="errors", errors=error_messages(t, errors))
            return
        changed = _save(
            session,
            team_id,
            metadata,
            creator_draft,
            partnership_draft,
            brand,
            context.user_id,
            now(context),
        )
        summary = _summary(
            t,
            creator_draft.display_name,
            creator_draft.handle,
            changed,
            created=metadata.get("creator_id") is None,
        )
    await confirm_form_saved(ack, context, client, metadata.get("channel_id"), summary)


def _save(
    session: Session,
    team_id: str,
    metadata: dict[str, Any],
    creator_draft: CreatorDraft,
    partnership_draft: PartnershipDraft | None,
    brand: Brand | None,
    user_id: str | None,
    at: datetime,
) -> list[str]:
    """Write the drafts, stamped `at` (the app's clock: the digest's "moves this week" reads
    the stage change); returns the names of the fields whose value changed."""
    creator = (
        creators.get_creator(session=session, team_id=team_id, creator_id=metadata["creator_id"])
        if metadata.get("creator_id")
        else None
    )
    if metadata.get("creator_id") and creator is None:
        raise LookupError("the creator being edited was removed")
    # The one place the form's drafts become what storage writes (which validates them again).
    creator_values = CreatorCreate.model_validate(creator_draft, from_attributes=True)
    if creator is None:
        before: dict[str, Any] = {}
        creator = creators.create_creator(
            session=session, team_id=team_id, values=creator_values, now=at
        )
    else:
        before = _shown_creator(creator)
        creators.update_creator(session=session, creator=creator, values=creator_values, now=at)
    changed = _changed(before, _shown_creator(creator))
    if brand is None or partnership_draft is None:
        return changed
    partnership_values = PartnershipCreate.model_validate(partnership_draft, from_attributes=True)
    partnership = None
    if metadata.get("partnership_id"):
        partnership = creators.get_partnership(
            session=session, team_id=team_id, partnership_id=metadata["partnership_id"]
        )
    if partnership is None or partnership.brand_id != brand.id:
        partnership = creators.create_partnership(
            session=session,
            creator=creator,
            brand=brand,
            values=partnership_values,
            now=at,
            changed_by=user_id,
        )
        return changed + _changed({}, _shown_partnership(partnership, brand))
    before = _shown_partnership(partnership, session.get(Brand, partnership.brand_id))
    creators.update_partnership(
        session=session,
        partnership=partnership,
        creator=creator,
        values=partnership_values,
        now=at,
        changed_by=user_id,
    )
    return changed + _changed(before, _shown_partnership(partnership, brand))


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The fields whose shown value differs (a new record: those given a value)."""
    return [
        name
        for name, value in after.items()
        if before.get(name) != value and (value or name in before)
    ]


def _summary(t: Translator, name: str, handle: str, changed: list[str], *, created: bool) -> str:
    head = (
        t.gettext("Added *{name}* (@{handle}).")
        if created
        else t.gettext("Saved *{name}* (@{handle}).")
    ).format(name=escape(name), handle=handle)
    if not changed:
        return head + " " + t.gettext("Nothing changed.")
    fields = ", ".join(t.gettext(FIELD_LABELS[name]) for name in changed if name in FIELD_LABELS)
    return head + " " + t.gettext("Saved: {fields}.").format(fields=fields)


def register(app: AsyncApp) -> None:
    app.view(CREATOR_CALLBACK)(handle_creator_submission)
