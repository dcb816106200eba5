"""`/creator list [stage | owner @user | flagged]`: compact and paginated."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from domain import flags
from domain.people import members_named, parse_user_ref
from domain.values import Stage
from handlers.background import after_ack
from handlers.blocks import labels
from handlers.blocks.common import ephemeral, escape
from handlers.blocks.listing import PAGE_ACTION, PAGE_SIZE, build_list_page, build_owner_unknown
from handlers.commands import CommandRequest
from handlers.context import deps, today, tr
from handlers.people import workspace_members
from locales import Translator
from storage import listing
from storage.db import session_scope

FLAGGED_WORDS = ("flagged", "vlag", "vlaggen", "rodevlag")


def parse_filter(args: str) -> tuple[str, str] | None:
    """`guardrails` / `owner <@U..>` / `flagged` / nothing -> a (kind, value) token.

    `owner @sanne` (how Slack sends a picked user with should_escape false) gives
    ("owner_name", "sanne"): the name is looked up in the workspace after the ack.
    """
    words = args.split()
    if not words:
        return ("all", "")
    first = words[0].lower()
    if first in FLAGGED_WORDS and len(words) == 1:
        return ("flagged", "")
    if first in ("owner", "eigenaar"):
        ref = parse_user_ref(" ".join(words[1:]))
        if ref is None:
            return None
        return ("owner", ref.user_id) if ref.user_id else ("owner_name", ref.name or "")
    if len(words) == 1 and first in {s.value for s in Stage}:
        return ("stage", first)
    return None


def _flag_count(row: listing.ListedPartnership, on: date) -> int:
    if row.partnership_id is None:
        return 0
    facts = flags.PartnershipFacts(
        stage=row.stage,
        payment_terms_days=row.payment_terms_days,
        ip_model=row.ip_model,
        end_date=row.end_date,
        renewal_decided=row.renewal_decided,
        latest_kpi_period_end=row.latest_period_end,
        latest_kpi_feedback_shared=row.latest_feedback_shared,
    )
    return len(flags.red_flags(facts, on))


def list_page(
    t: Translator, engine: Any, team_id: str, token: tuple[str, str], page: int, on: date
) -> dict[str, Any]:
    kind, value = token
    label = None
    with session_scope(engine) as session:
        if kind == "flagged":
            # Flags are the domain's rules: every row is judged, then paged here.
            rows, _ = listing.list_partnerships(session=session, team_id=team_id)
            judged = [(row, _flag_count(row, on)) for row in rows]
            flagged = [pair for pair in judged if pair[1]]
            total = len(flagged)
            lines = flagged[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
            label = t.gettext("with red flags")
        else:
            rows, total = listing.list_partnerships(
                session=session,
                team_id=team_id,
                stage=Stage(value) if kind == "stage" else None,
                owner=value if kind == "owner" else None,
                offset=(page - 1) * PAGE_SIZE,
                limit=PAGE_SIZE,
            )
            lines = [(row, _flag_count(row, on)) for row in rows]
            if kind == "stage":
                label = escape(labels.label(t, labels.STAGE, Stage(value)))
            elif kind == "owner":
                label = t.gettext("owned by {user}").format(user=f"<@{value}>")
    return build_list_page(
        t, lines, page=page, total=total, filter_token=f"{kind}:{value}", filter_label=label
    )


async def handle_list(request: CommandRequest) -> None:
    t = tr(request.context)
    token = parse_filter(request.args)
    if token is None:
        # The stage words are what to type: command grammar, in backticks like the rest.
        stages = ", ".join(f"`{s.value}`" for s in Stage)
        await request.ack(
            ephemeral(
                escape(
                    t.gettext(
                        "Use `/creator list`, `/creator list <stage>` ({stages}), "
                        "`/creator list owner @user` or `/creator list flagged`."
                    )
                ).format(stages=stages)
            )
        )
        return
    if token[0] == "owner_name":
        await request.ack()
        after_ack(request.context, _list_for_owner_named(request, token[1]))
        return
    page = list_page(
        t, deps(request.context).engine, request.team_id, token, 1, today(request.context)
    )
    await request.ack(page)


async def _list_for_owner_named(request: CommandRequest, name: str) -> None:
    """`/creator list owner @sanne`: find who that is (users.list), then list theirs."""
    t = tr(request.context)
    found = members_named(name, await workspace_members(request.client))
    if len(found) == 1:
        token = ("owner", found[0].id)
        reply = list_page(
            t, deps(request.context).engine, request.team_id, token, 1, today(request.context)
        )
    else:
        reply = build_owner_unknown(t, name, found)
    await request.respond(**reply)


async def handle_page(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """Previous / Next: the page replaces the one the button was on."""
    await ack()
    token_text, _, page_text = body["actions"][0]["value"].rpartition("|")
    kind, _, value = token_text.partition(":")
    if kind not in ("all", "stage", "owner", "flagged") or not page_text.isdigit():
        return
    if kind == "stage" and value not in {s.value for s in Stage}:
        return
    page = list_page(
        tr(context),
        deps(context).engine,
        context.team_id,
        (kind, value),
        int(page_text),
        today(context),
    )
    await respond(**page, replace_original=True)


def register(app: AsyncApp) -> None:
    app.action(re.compile(f"^{PAGE_ACTION}_(prev|next)$"))(handle_page)
