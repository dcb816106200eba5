"""The Home tab: published when the user opens it, and by the clock when what it shows
changed (handlers/home/view.py); its filter, language and pager buttons; the status card
and the roadmap opened as modals. Its Approve / Request changes / Reject buttons are the
request message's own, decided by handlers.approvals with the same rules. The roadmap card
is the roadmap surface's, handed in by the wiring (bot/app.py)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from domain.home import Scope
from domain.status import assemble_card
from handlers.background import after_ack
from handlers.blocks.home import (
    LANGUAGE_ACTION,
    PAGE_ACTION,
    ROADMAP_ACTION,
    SCOPE_ACTION,
    STATUS_ACTION,
    build_card_modal,
)
from handlers.blocks.status import build_status_card
from handlers.context import deps, forget_language, now, team_timezone, tr
from handlers.home.view import home_view, publish_due
from locales import LANGUAGES, Translator, translator
from storage import creators, home, teams
from storage import status as status_storage
from storage.db import session_scope

__all__ = ["RoadmapCard", "publish_due", "register"]

# (session, translator, context, creator) -> the roadmap card message of the creator's
# current partnership, as `/creator roadmap` shows it.
RoadmapCard = Callable[..., dict[str, Any]]


async def publish(
    context: AsyncBoltContext,
    client: AsyncWebClient,
    user_id: str,
    *,
    t: Translator | None = None,
    scope: Scope | None = None,
    page: int | None = None,
) -> None:
    """Build the user's tab (with the filter or page changed, if given) and publish it."""
    engine = deps(context).engine
    moment = now(context)
    with session_scope(engine) as session:
        tab = home.show(
            session=session, team_id=context.team_id, user_id=user_id, scope=scope, page=page
        )
        view = home_view(
            session, t or tr(context), tab, now=moment, timezone=team_timezone(context)
        )
    await client.views_publish(user_id=user_id, view=view)
    with session_scope(engine) as session:
        home.published(session=session, tab=tab, now=moment)


async def handle_opened(
    ack: AsyncAck, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    if event.get("tab") != "home":
        return  # the Messages tab
    after_ack(context, publish(context, client, event["user"]))


async def handle_scope(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    value = body["actions"][0].get("value")
    scope = Scope(value) if value in Scope._value2member_map_ else Scope.MINE
    after_ack(context, publish(context, client, body["user"]["id"], scope=scope, page=0))


async def handle_page(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    value = str(body["actions"][0].get("value") or "0")
    page = int(value) if value.isdigit() else 0
    after_ack(context, publish(context, client, body["user"]["id"], page=page))


async def handle_language(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The language switch: the same as `/creator language`, then the tab in that language."""
    await ack()
    language = body["actions"][0].get("value")
    if language not in LANGUAGES:
        return
    user_id = body["user"]["id"]
    with session_scope(deps(context).engine) as session:
        teams.set_user_locale(
            session=session,
            team_id=context.team_id,
            user_id=user_id,
            locale=language,
            now=now(context),
        )
    forget_language(context, context.team_id, user_id)
    after_ack(context, publish(context, client, user_id, t=translator(language)))


async def handle_card(
    ack: AsyncAck,
    body: dict[str, Any],
    context: AsyncBoltContext,
    client: AsyncWebClient,
    roadmap_card: RoadmapCard,
) -> None:
    """A partnership's status card or roadmap, opened as a modal over the Home tab."""
    await ack()
    action = body["actions"][0]
    value = str(action.get("value") or "")
    t = tr(context)
    roadmap = action["action_id"].startswith(ROADMAP_ACTION)
    title = t.gettext("Roadmap") if roadmap else t.gettext("Status card")
    with session_scope(deps(context).engine) as session:
        partnership = (
            creators.get_partnership(
                session=session, team_id=context.team_id, partnership_id=int(value)
            )
            if value.isdigit()
            else None
        )
        creator = (
            creators.get_creator(
                session=session, team_id=context.team_id, creator_id=partnership.creator_id
            )
            if partnership is not None
            else None
        )
        card: dict[str, Any] = {"text": t.gettext("That partnership no longer exists.")}
        if creator is None or partnership is None:
            pass
        elif roadmap:
            card = roadmap_card(session, t, context, creator)
        else:
            facts = status_storage.status_facts(
                session=session, team_id=context.team_id, partnership_id=partnership.id
            )
            if facts is not None:
                status = assemble_card(facts, now(context), team_timezone(context))
                card = build_status_card(t, status, shareable=False)
    chart_of = partnership.id if partnership is not None and not roadmap else None
    view = build_card_modal(t, title, card, kpi_chart_of=chart_of)
    after_ack(context, client.views_open(trigger_id=body["trigger_id"], view=view))


class RepublishAfterApproving(AsyncMiddleware):
    """Approve pressed in a Home tab: once handlers.approvals has decided (in the ack), the
    clicker's tab is published again at once, so the request leaves it under their finger.
    Everyone else's tab follows with the clock's debounced pass.

    A class rather than a function middleware: Bolt builds no keyword arguments for it, which
    every request would pay for (bench/README.md)."""

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],  # noqa: A002 - Bolt's name for it
    ) -> BoltResponse:
        response = await next()
        body, context = req.body, req.context
        view = body.get("view") or {}
        if body.get("type") != "block_actions" or view.get("type") != "home":
            return response
        action = str(((body.get("actions") or [{}])[0]).get("action_id") or "")
        if action.startswith("approval_approve") and context.client is not None:
            after_ack(context, publish(context, context.client, body["user"]["id"]))
        return response


def register(app: AsyncApp, *, roadmap_card: RoadmapCard) -> None:
    """The Home tab's event and buttons; its roadmap modal shows `roadmap_card`."""

    async def on_card(
        ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        await handle_card(ack, body, context, client, roadmap_card)

    app.use(RepublishAfterApproving())
    app.event("app_home_opened")(handle_opened)
    app.action(re.compile(rf"^{SCOPE_ACTION}_(mine|team)$"))(handle_scope)
    app.action(re.compile(rf"^{PAGE_ACTION}_(next|first)$"))(handle_page)
    app.action(re.compile(rf"^{LANGUAGE_ACTION}_[a-z]+$"))(handle_language)
    app.action(re.compile(rf"^(?:{STATUS_ACTION}|{ROADMAP_ACTION})_\d+$"))(on_card)
