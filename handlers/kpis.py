"""`/creator kpi <name>` (a modal to log a period's KPIs) and `/creator nps <name> <0-10>`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from domain.drafts import FieldError, parse_decimal
from domain.kpis import nps_class
from domain.text import ascii_int
from domain.values import KPIKind
from handlers.background import after_ack
from handlers.blocks import labels
from handlers.blocks.common import ephemeral, escape
from handlers.blocks.forms import KPI_CALLBACK, build_kpi_modal, error_messages, submitted
from handlers.commands import CommandRequest
from handlers.context import deps, now, today, tr
from handlers.lookup import named_creator, open_for_picked
from handlers.private import confirm_form_saved
from storage import creators, kpis
from storage.db import session_scope
from storage.models import Creator

MAX_KPI_VALUE = Decimal("1000000000000")
# KPIs on a 0-100 scale (scores and percentages): a value above 100 is a typo.
BOUNDED_KPIS = frozenset(
    {
        KPIKind.AUDIENCE_OVERLAP,
        KPIKind.RETENTION,
        KPIKind.SHARE_OF_VOICE,
        KPIKind.MUTUAL_VALUE,
        KPIKind.ENGAGEMENT_RATE,
    }
)


async def handle_kpi(request: CommandRequest) -> None:
    """`/creator kpi <name>`: open the modal for the creator's current partnership."""
    t = tr(request.context)
    with session_scope(deps(request.context).engine) as session:
        creator = await named_creator(request, session, t, subcommand="kpi")
        if creator is None:
            return
        view = _kpi_view(session, t, creator, request.channel_id, today(request.context))
    if isinstance(view, str):
        await request.ack(ephemeral(view))
        return
    await request.ack()
    after_ack(
        request.context,
        request.client.views_open(trigger_id=request.body["trigger_id"], view=view),
    )


def _kpi_view(session: Any, t: Any, creator: Creator, channel_id: str, on: date) -> dict | str:
    partnership = creators.current_partnership(
        session=session, team_id=creator.team_id, creator_id=creator.id
    )
    if partnership is None:
        return t.gettext(
            "{name} has no partnership yet. Add one with `/creator edit {handle}`."
        ).format(name=escape(creator.display_name), handle=creator.handle)
    metadata = {"partnership_id": partnership.id, "channel_id": channel_id}
    return build_kpi_modal(t, creator.display_name, on, metadata)


async def kpi_picked(
    creator_id: int, context: AsyncBoltContext, respond: AsyncRespond, body: dict[str, Any]
) -> None:
    """The KPI modal for a creator picked from a list of candidates."""
    channel_id, on = context.channel_id or "", today(context)
    await open_for_picked(
        creator_id,
        context,
        respond,
        body,
        lambda session, t, creator: _kpi_view(session, t, creator, channel_id, on),
    )


def parse_kpi_form(values: dict[str, str | None]) -> tuple[dict[KPIKind, Decimal], dict]:
    """The KPI values typed, and an error per bad field (at least one value is required)."""
    found: dict[KPIKind, Decimal] = {}
    errors: dict[str, FieldError] = {}
    for kind in KPIKind:
        field = f"kpi_{kind.value}"
        text = (values.get(field) or "").strip()
        if not text:
            continue
        number = parse_decimal(text.rstrip("%"))
        if number is None:
            errors[field] = FieldError("not_a_number")
        elif number < 0:
            errors[field] = FieldError("negative")
        elif number > (Decimal(100) if kind in BOUNDED_KPIS else MAX_KPI_VALUE):
            limit = Decimal(100) if kind in BOUNDED_KPIS else MAX_KPI_VALUE
            errors[field] = FieldError("too_large", {"limit": limit})
        else:
            found[kind] = number
    start, end = values.get("period_start"), values.get("period_end")
    if not start:
        errors["period_start"] = FieldError("required")
    if not end:
        errors["period_end"] = FieldError("required")
    if start and end and end < start:
        errors["period_end"] = FieldError("end_before_start")
    if not found and not errors:
        errors[f"kpi_{KPIKind.BRAND_FIT.value}"] = FieldError("required")
    return found, errors


async def handle_kpi_submission(
    ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    t = tr(context)
    metadata, values = submitted(view)
    found, errors = parse_kpi_form(values)
    if errors:
        await ack(response_action="errors", errors=error_messages(t, errors))
        return
    with session_scope(deps(context).engine) as session:
        partnership = creators.get_partnership(
            session=session, team_id=context.team_id, partnership_id=metadata["partnership_id"]
        )
        if partnership is None:
            raise LookupError("the partnership was removed while the modal was open")
        kpis.log_kpis(
            session=session,
            partnership=partnership,
            period_start=date.fromisoformat(values["period_start"]),
            period_end=date.fromisoformat(values["period_end"]),
            values=found,
            currency=partnership.currency,
            feedback_shared=values.get("feedback_shared") == "yes",
            recorded_by=context.user_id,
            now=now(context),
        )
    names = ", ".join(labels.label(t, labels.KPI, kind) for kind in found)
    text = t.gettext("Logged KPIs for {start} – {end}: {names}.").format(
        start=t.date(date.fromisoformat(values["period_start"])),
        end=t.date(date.fromisoformat(values["period_end"])),
        names=names,
    )
    await confirm_form_saved(ack, context, client, metadata.get("channel_id"), text)


async def handle_nps(request: CommandRequest) -> None:
    """`/creator nps <name> <0-10>`: record a Creator NPS answer."""
    t = tr(request.context)
    name, _, score_text = request.args.rpartition(" ")
    score = ascii_int(score_text)
    if score is None or not 0 <= score <= 10 or not name.strip():
        await request.ack(
            ephemeral(
                escape(t.gettext("Use `/creator nps <name> <score>` with a score from 0 to 10."))
            )
        )
        return
    with session_scope(deps(request.context).engine) as session:
        found = await named_creator(request, session, t, query=name, subcommand="status")
        if found is None:
            return
        partnership = creators.current_partnership(
            session=session, team_id=request.team_id, creator_id=found.id
        )
        kpis.record_nps(
            session=session,
            team_id=request.team_id,
            creator_id=found.id,
            brand_id=partnership.brand_id if partnership else None,
            score=score,
            answered_on=today(request.context),
            recorded_by=request.user_id,
        )
        creator_name = found.display_name
    await request.ack(
        ephemeral(
            t.gettext("Recorded NPS {score} for {name}: a {nps_class}.").format(
                score=score,
                name=escape(creator_name),
                nps_class=labels.label(t, labels.NPS_CLASS, nps_class(score)),
            )
        )
    )


def register(app: AsyncApp) -> None:
    app.view(KPI_CALLBACK)(handle_kpi_submission)
