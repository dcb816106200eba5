"""`/creator brand add` and `/creator brand edit <name>`: a modal per brand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from domain.drafts import FieldError, validate_brand
from handlers.background import after_ack
from handlers.blocks.common import ephemeral, escape
from handlers.blocks.forms import BRAND_CALLBACK, build_brand_modal, error_messages, submitted
from handlers.commands import CommandRequest
from handlers.context import deps, now, tr
from handlers.private import confirm_form_saved
from storage import creators
from storage.db import session_scope
from storage.models import Brand, BrandCreate, BrandPublic


async def handle_brand(request: CommandRequest) -> None:
    """`/creator brand add` or `/creator brand edit <name>`."""
    t = tr(request.context)
    action, _, name = request.args.partition(" ")
    action = action.lower()
    metadata: dict[str, Any] = {"channel_id": request.channel_id}
    if action in ("add", "nieuw", "toevoegen"):
        view = build_brand_modal(t, None, metadata)
    elif action in ("edit", "bewerk", "wijzig") and name.strip():
        with session_scope(deps(request.context).engine) as session:
            found = creators.find_brand(session=session, team_id=request.team_id, name=name)
            brand = None if found is None else BrandPublic.model_validate(found)
        if brand is None:
            await request.ack(
                ephemeral(
                    t.gettext(
                        "No brand called “{brand}”. Add it with `/creator brand add`."
                    ).format(brand=escape(name[:80]))
                )
            )
            return
        metadata["brand_id"] = brand.id
        view = build_brand_modal(t, _brand_fields(brand), metadata)
    else:
        await request.ack(
            ephemeral(
                escape(t.gettext("Use `/creator brand add` or `/creator brand edit <name>`."))
            )
        )
        return
    await request.ack()
    after_ack(
        request.context,
        request.client.views_open(trigger_id=request.body["trigger_id"], view=view),
    )


def _brand_fields(brand: BrandPublic) -> dict[str, Any]:
    return {
        "name": brand.name,
        "category": brand.category,
        "difficulty": brand.difficulty.value,
        "competitors": brand.competitors,
        "exclusivity_needs_approval": brand.exclusivity_needs_approval,
        "minimum_fee": brand.pricing_overrides.get("minimum_fee"),
    }


async def handle_brand_submission(
    ack: AsyncAck,
    body: dict[str, Any],
    view: dict[str, Any],
    context: AsyncBoltContext,
    client: AsyncWebClient,
) -> None:
    """Save the brand when every field is valid; otherwise show the errors by the fields."""
    t = tr(context)
    metadata, values = submitted(view)
    draft, errors = validate_brand(values)
    team_id = context.team_id
    with session_scope(deps(context).engine) as session:
        if draft is not None:
            existing = creators.find_brand(session=session, team_id=team_id, name=draft.name)
            if existing is not None and existing.id != metadata.get("brand_id"):
                errors = {"name": FieldError("name_taken")}
        if errors:
            await ack(response_action="errors", errors=error_messages(t, errors))
            return
        brand = session.get(Brand, metadata["brand_id"]) if metadata.get("brand_id") else None
        if brand is not None and brand.team_id != team_id:
            raise PermissionError("brand of another team")
        overrides = dict(brand.pricing_overrides if brand else {})
        if draft.minimum_fee is None:
            overrides.pop("minimum_fee", None)
        else:
            overrides["minimum_fee"] = str(draft.minimum_fee)
        values = BrandCreate.model_validate(draft, from_attributes=True)
        if brand is None:
            brand = creators.create_brand(
                session=session,
                team_id=team_id,
                values=values,
                now=now(context),
                pricing_overrides=overrides,
            )
        else:
            creators.update_brand(
                session=session,
                brand=brand,
                values=values,
                now=now(context),
                pricing_overrides=overrides,
            )
        summary = _summary(t, brand.name, draft.category, draft.minimum_fee)
    await confirm_form_saved(ack, context, client, metadata.get("channel_id"), summary)


def _summary(t: Any, name: str, category: str, minimum_fee: Decimal | None) -> str:
    text = t.gettext("Saved brand *{brand}*").format(brand=escape(name))
    if category:
        text += " · " + escape(category)
    if minimum_fee is not None:
        text += " · " + t.gettext("minimum exclusivity fee {amount}").format(
            amount=t.number(minimum_fee)
        )
    return text


def register(app: AsyncApp) -> None:
    app.view(BRAND_CALLBACK)(handle_brand_submission)
