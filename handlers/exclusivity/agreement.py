"""An accepted quote becomes an agreement: its window recorded (awaiting approval when the
brand asks for one), the clause in both languages; and withdrawing that window later."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from domain import agreement as agreement_rules
from domain import negotiation
from domain.agreement import WindowStatus
from domain.negotiation import Terms
from handlers.background import after_ack
from handlers.blocks import permissions as permission_blocks
from handlers.blocks.common import shorten
from handlers.blocks.exclusivity.actions import QuoteSubject
from handlers.blocks.exclusivity.agreement import ClauseFacts, build_agreement, clause_text
from handlers.blocks.exclusivity.quote import build_quote_message
from handlers.blocks.exclusivity.terms import terms_text
from handlers.context import deps, now, team_timezone, team_tr, today, tr
from handlers.exclusivity.deal import Negotiable
from handlers.exclusivity.permissions import close_refusal, exclusivity_group_members
from handlers.exclusivity.results import MoveResult
from handlers.private import tell_privately
from locales import translator
from storage import approvals as approval_store
from storage import exclusivity
from storage.db import session_scope
from storage.models import ExclusivityQuote, ExclusivityWindow


def agree(
    session: Session,
    context: AsyncBoltContext,
    quote: ExclusivityQuote,
    deal: Negotiable,
    terms: Terms,
    user_id: str,
    subject: QuoteSubject,
    base: MoveResult,
) -> MoveResult:
    """Record the agreed window (and its approval request), close the quote, show the clause."""
    t = translator(quote.locale)
    current = negotiation.price(terms, deal.pricing)
    agreed = agreement_rules.agree(
        terms,
        ask=quote.creator_ask,
        typical=current.typical,
        needs_approval=bool(deal.brand.exclusivity_needs_approval),
        today=today(context),
        timezone=team_timezone(context),
    )
    awaiting = agreed.status is WindowStatus.AWAITING_APPROVAL
    window = exclusivity.record_window(
        session=session,
        window=ExclusivityWindow(
            team_id=quote.team_id,
            creator_id=deal.creator.id,
            partnership_id=deal.partnership.id,
            quote_id=quote.id,
            scope=terms.scope.value,
            competitors=list(terms.competitors),
            platforms=sorted(p.value for p in terms.platforms or ()),
            content_types=sorted(c.value for c in terms.content_types or ()),
            golive_at=agreed.golive_at,
            before_hours=terms.before_hours,
            after_hours=terms.after_hours,
            starts_at=agreed.starts_at,
            ends_at=agreed.ends_at,
            price=agreed.price,
            currency=quote.currency,
            status=agreed.status.value,
            created_by=user_id,
        ),
        now=now(context),
    )
    quote.status = "agreed"
    exclusivity.record_round(
        session=session,
        quote=quote,
        user_id=user_id,
        change={"code": "accept", "price": str(agreed.price), "window_id": window.id},
        now=now(context),
    )
    request = None
    if awaiting:
        request = approval_store.create_for_exclusivity(
            session,
            team_id=quote.team_id,
            partnership_id=deal.partnership.id,
            window_id=window.id,
            requester_id=user_id,
            subject=shorten(terms_text(t, terms), 150),
            details=t.gettext("Exclusivity for {creator} · {brand} at {price}").format(
                creator=deal.creator.display_name,
                brand=deal.brand.name,
                price=t.money(agreed.price, quote.currency),
            ),
            now=now(context),
            channel_id=quote.channel_id,
        )
        if request is not None:
            window.approval_id = request.id
    zone = ZoneInfo(team_timezone(context))
    facts = ClauseFacts(
        creator=deal.creator.display_name,
        brand=deal.brand.name,
        terms=terms,
        starts_at=window.starts_at.astimezone(zone),
        ends_at=window.ends_at.astimezone(zone),
        covers_other_accounts=window.covers_other_accounts,
        covers_pr_packages=window.covers_pr_packages,
        price=agreed.price,
        currency=quote.currency,
    )
    reply = build_agreement(
        t,
        clause_text(translator("en"), facts),
        clause_text(translator("nl"), facts),
        window_id=window.id,
        awaiting_approval=awaiting,
        price=t.money(agreed.price, quote.currency),
        no_approvers=request is None,
    )
    return replace(
        base,
        reply=reply,
        parent=build_quote_message(
            t, subject, terms, current, ask=quote.creator_ask, status="agreed"
        ),
        approval_request_id=request.id if request is not None else None,
    )


async def handle_window_withdraw(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Withdraw an agreed window (the agreement message keeps its clause, marked withdrawn).

    For those who may close its quote (`close_refusal`); a repeat or a late click changes
    nothing and is answered to the clicker only."""
    await ack()
    value = str(body["actions"][0].get("value") or "")
    if not value.isdigit():
        return
    message = body.get("message") or {}
    thread_ts = message.get("thread_ts") or message.get("ts")
    after_ack(context, _withdraw_window(context, client, int(value), thread_ts))


async def _withdraw_window(
    context: AsyncBoltContext, client: AsyncWebClient, window_id: int, thread_ts: str | None
) -> None:
    user_id = context.user_id or ""
    members = await exclusivity_group_members(context, client)
    tell = None
    with session_scope(deps(context).engine, immediate=True) as session:
        window = exclusivity.get_window(
            session=session, team_id=context.team_id, window_id=window_id
        )
        quote = (
            exclusivity.get_quote(
                session=session, team_id=context.team_id, quote_id=window.quote_id
            )
            if window is not None and window.quote_id is not None
            else None
        )
        if window is None or window.status == WindowStatus.WITHDRAWN:
            tell = permission_blocks.build_stale_click(tr(context), "window_withdrawn")
        elif close_refusal(
            session,
            team_id=context.team_id,
            partnership_id=window.partnership_id,
            requested_by=quote.created_by if quote is not None else window.created_by,
            user_id=user_id,
            group_members=members,
        ):
            tell = permission_blocks.build_close_refusal(tr(context), window=True)
        elif not exclusivity.withdraw_window(
            session=session, team_id=context.team_id, window_id=window_id, at=now(context)
        ):
            tell = permission_blocks.build_stale_click(tr(context), "window_withdrawn")
    if tell is not None:
        await tell_privately(
            context, client, tell, context.channel_id, user_id=user_id, thread_ts=thread_ts
        )
        return
    text = (
        team_tr(context).gettext("<@{user}> withdrew the exclusivity window.").format(user=user_id)
    )
    await client.chat_postMessage(channel=context.channel_id, thread_ts=thread_ts, text=text)
