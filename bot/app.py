"""The app factory: builds the Bolt AsyncApp from settings and registers every surface.

`register_surfaces` is the one place where surfaces meet: a surface imports no other, and
what one runs of another's (a subcommand, the negotiation's move, the roadmap card) is
handed to it here, in a list a reader can see at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Engine

from bot import wallclock
from bot.config import Settings
from handlers import (
    approval_settings,
    approvals,
    brands,
    conversation,
    creator,
    creator_forms,
    digest,
    errors,
    exclusivity,
    home,
    inbound,
    installs,
    kpis,
    listing,
    messages,
    roadmap,
    status,
)
from handlers.card_cache import CardCache
from handlers.charts import surface as chart_surface
from handlers.commands import Subcommand
from handlers.context import Deps, RequestContext
from handlers.roadmap import view as roadmap_view

# `/creator <word>`: which surface answers which word.
CREATOR_SUBCOMMANDS: dict[str, Subcommand] = {
    "help": creator.handle_help,
    "language": creator.handle_language,
    "taal": creator.handle_language,
    "status": status.handle_status,
    "add": creator_forms.handle_add,
    "edit": creator_forms.handle_edit,
    "archive": creator_forms.handle_archive,
    "brand": brands.handle_brand,
    "list": listing.handle_list,
    "kpi": kpis.handle_kpi,
    "nps": kpis.handle_nps,
    "roadmap": roadmap.handle_roadmap,
    "approve": approvals.handle_approve,
    "approvals": approvals.handle_approvals,
    "settings": approval_settings.handle_settings,
    "digest": digest.handle_digest,
    "overzicht": digest.handle_digest,
}

# What a candidate button re-runs for the creator picked (see handlers.lookup).
FOR_PICKED_CREATOR: dict[str, creator.PickedRunner] = {
    "status": status.show_status_for,
    "edit": creator_forms.edit_picked,
    "kpi": kpis.kpi_picked,
    "roadmap": roadmap.roadmap_picked,
}


def create_app(
    settings: Settings,
    engine: Engine,
    *,
    client: AsyncWebClient | None = None,
    signing_secret: str | None = None,
    now: Callable[[], datetime] | None = None,
    signatures_checked_upstream: bool = False,
    oauth_settings: AsyncOAuthSettings | None = None,
) -> AsyncApp:
    """An AsyncApp that replies in its ack (no 10 ms ack polling) and runs slow work lazily.

    In the multi-workspace mode (settings.multi_workspace) Bolt's OAuth flow installs the app
    and its installation store gives each request its workspace's own token.
    """
    if settings.multi_workspace and oauth_settings is None:
        from bot.oauth import oauth_settings as default_oauth_settings

        oauth_settings = default_oauth_settings(settings, engine)
    if client is None:
        token = None if oauth_settings else settings.slack_bot_token
        client = AsyncWebClient(token=token, base_url=settings.slack_api_url)
    if oauth_settings is not None:
        # Bolt gives its token rotator a default client (slack.com); refresh where the app's
        # client talks (SLACK_API_URL, the stand-in in tests) like every other call.
        oauth_settings.authorize.token_rotator = AsyncTokenRotator(
            client_id=oauth_settings.client_id,
            client_secret=oauth_settings.client_secret,
            client=client,
        )
    app = AsyncApp(
        client=client,
        oauth_settings=oauth_settings,
        signing_secret=signing_secret or settings.slack_signing_secret or "",
        # Socket Mode has no signatures to check; over HTTP bot.server checks them before
        # Bolt sees the request (checking twice costs every ack a second HMAC).
        request_verification_enabled=bool(signing_secret or settings.slack_signing_secret)
        and not signatures_checked_upstream,
        process_before_response=True,
        raise_error_for_unhandled_request=False,
    )
    app.use(
        RequestContext(
            Deps(
                engine=engine,
                default_locale=settings.default_locale,
                timezone=settings.timezone,
                now=now or wallclock.utcnow,
                cards=CardCache(engine=engine),
            )
        )
    )
    # After the context (it answers in the user's language), before any listener.
    app.use(inbound.InputGuard())
    errors.register(app)
    register_surfaces(app)
    if oauth_settings is not None:
        installs.register(app)
    return app


def register_surfaces(app: AsyncApp) -> None:
    """Every Slack surface's listeners, in order, each handed what it runs of the others."""
    messages.register(app)
    creator.register(app, subcommands=CREATOR_SUBCOMMANDS, for_picked=FOR_PICKED_CREATOR)
    status.register(app)
    creator_forms.register(app)
    brands.register(app)
    kpis.register(app)
    listing.register(app)
    exclusivity.register(app)
    roadmap.register(app)
    approvals.register(app)
    approval_settings.register(app)
    digest.register(app)
    home.register(app, roadmap_card=roadmap_view.show_for)
    chart_surface.register(app)
    # Last: its DM and mention listeners are never tried before a slash command's (the ack
    # path stays as short as before; bench/ack.py).
    conversation.register(
        app,
        door=conversation.FrontDoor(
            commands={"creator": CREATOR_SUBCOMMANDS, "exclusivity": exclusivity.SUBCOMMANDS},
            run_move=exclusivity.run_move,
        ),
    )
    messages.register_fallbacks(app)
