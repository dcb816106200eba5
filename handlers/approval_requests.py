"""Asking for approval, shared by every surface that asks (`/creator approve`, its pick,
the message shortcut, an agreed exclusivity window): the request card as it reads from
storage, why a request can't be asked, and `post_request`, which posts a created request in
its channel after the ack. Creating it is `storage.approvals.asking.ask`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from domain.approvals import Decision, Rule, Status
from domain.values import ApprovalKind
from handlers.blocks.approvals.card import RequestCard, kind_word
from handlers.blocks.approvals.message import build_request_message
from handlers.blocks.common import ephemeral, fill
from handlers.context import deps, now, team_timezone, team_tr, tr
from handlers.private import tell_privately as _tell
from locales import LANGUAGES, N_, Translator, language_for, translator
from storage import creators, teams
from storage.approvals import asking, reading
from storage.db import session_scope
from storage.models import ApprovalRequest, Creator

logger = logging.getLogger(__name__)


# Why a request can't be asked: no partnership, or a code of `domain.approvals.ask_refusal`.
CANNOT_ASK = {
    "no_partnership": N_("{name} has no partnership yet. Add one with `/creator edit {handle}`."),
    "no_approvers": N_(
        "Nobody approves {kind} requests yet: set approvers with `/creator settings`."
    ),
    "only_you": N_(
        "You are the only approver of {kind} requests, and nobody decides on their own "
        "request. Add another approver with `/creator settings`."
    ),
    "no_channel": N_(
        "This partnership has no channel: ask in the channel where its approvers are, or set "
        "its channel with `/creator edit {handle}`."
    ),
}


def user_tr(session: Session, team_id: str, user_id: str, team_language: str) -> Translator:
    """A DM's language: the user's choice, else Slack's locale for them, else the team's."""
    preference = teams.get_user_preference(session=session, team_id=team_id, user_id=user_id)
    if preference is not None and preference.locale in LANGUAGES:
        return translator(preference.locale)
    slack_locale = preference.slack_locale if preference is not None else None
    return translator(language_for(slack_locale, team_language))


def card_of(session: Session, request: ApprovalRequest) -> RequestCard:
    """What the request message shows, read from the request and its decisions."""
    creator_name, brand_name = reading.names_of(session=session, request=request)
    status = Status(request.status)
    approved_by: tuple[str, ...] = ()
    if status is Status.PENDING and request.rule == Rule.ALL.value:
        decisions = reading.decisions_of(session=session, request=request)
        approved_by = tuple(a for a, d in decisions.items() if d is Decision.APPROVE)
    changed: tuple[str, ...] = ()
    if request.version > 1:
        edits = [
            e
            for e in reading.events_of(session=session, request_id=request.id)
            if e.event == "edited"
        ]
        if edits:
            changed = tuple(edits[-1].details.get("changed") or ())
    return RequestCard(
        id=request.id,
        version=request.version,
        kind=ApprovalKind(request.kind),
        subject=request.subject,
        details=request.details,
        requester=request.requester_id,
        approvers=tuple(request.approvers or ()),
        group=request.approver_group,
        rule=Rule(request.rule),
        status=status,
        due_at=request.due_at,
        expires_at=request.expires_at,
        creator_name=creator_name,
        brand_name=brand_name,
        decided_by=request.decided_by,
        decided_at=request.decided_at,
        reason=request.decision_reason,
        approved_by=approved_by,
        changed=changed,
        fallback=request.fallback_approver,
    )


@dataclass(frozen=True)
class CannotAsk:
    code: str
    figures: dict[str, Any]

    def text(self, t: Translator, *, mrkdwn: bool = True) -> str:
        """The answer for a message (escaped for mrkdwn), or for a modal's field error
        (plain text, which Slack shows as is)."""
        template = t.gettext(CANNOT_ASK[self.code])
        return fill(template, **self.figures) if mrkdwn else template.format(**self.figures)


def ask_for(
    session: Session,
    context: AsyncBoltContext,
    *,
    creator: Creator,
    kind: ApprovalKind,
    subject: str,
    details: str,
    requester: str,
    channel_id: str | None,
    source: dict[str, Any] | None = None,
) -> ApprovalRequest | CannotAsk:
    """Ask for approval on the creator's partnership, in its channel, else in `channel_id`:
    the request (not yet posted: `post_request` does that after the ack), or why it can't be
    asked."""
    partnership = creators.current_partnership(
        session=session, team_id=context.team_id, creator_id=creator.id
    )
    if partnership is None:
        return CannotAsk("no_partnership", {"name": creator.display_name, "handle": creator.handle})
    asked = asking.ask(
        session=session,
        team_id=context.team_id,
        partnership=partnership,
        kind=kind,
        subject=subject,
        details=details,
        requester_id=requester,
        asked_in=channel_id,
        now=now(context),
        source=source,
    )
    if isinstance(asked, str):
        return CannotAsk(asked, {"kind": kind_word(tr(context), kind), "handle": creator.handle})
    return asked


async def post_request(context: AsyncBoltContext, client: AsyncWebClient, request_id: int) -> None:
    """Post a created request in its channel (after the ack): the group's members join the
    approvers first; the message's place is saved and its reminders scheduled.

    A request that can't be posted is removed again, and the user is told why.
    """
    engine = deps(context).engine
    team_id = context.team_id
    t = tr(context)
    with session_scope(engine) as session:
        request = reading.get(session=session, team_id=team_id, request_id=request_id)
        if request is None or request.message_ts:
            return
        group, kind = request.approver_group, ApprovalKind(request.kind)
    if group:
        try:
            answer = await client.usergroups_users_list(usergroup=group)
        except SlackApiError as error:
            logger.info("usergroups.users.list %s: %s", group, error.response.get("error"))
            with session_scope(engine) as session:
                asking.discard(
                    session=session, team_id=team_id, request_id=request_id, now=now(context)
                )
            text = t.gettext(
                "I can't read the user group {group}: check it with `/creator settings`."
            ).format(group=group)
            await _tell(context, client, ephemeral(text), context.channel_id)
            return
        with session_scope(engine) as session:
            asking.add_group_members(
                session=session,
                team_id=team_id,
                request_id=request_id,
                members=answer.get("users") or [],
            )
    with session_scope(engine) as session:
        request = reading.get(session=session, team_id=team_id, request_id=request_id)
        if request is None:
            return
        nobody = not request.approvers
        if nobody:
            asking.discard(
                session=session, team_id=team_id, request_id=request_id, now=now(context)
            )
        else:
            message = build_request_message(
                team_tr(context), card_of(session, request), team_timezone(context)
            )
            channel = request.channel_id
    if nobody:
        text = CannotAsk("only_you", {"kind": kind_word(t, kind)}).text(t)
        await _tell(context, client, ephemeral(text), context.channel_id)
        return
    try:
        answer = await client.chat_postMessage(channel=channel, **message)
    except SlackApiError:
        with session_scope(engine) as session:
            asking.discard(
                session=session, team_id=team_id, request_id=request_id, now=now(context)
            )
        raise
    with session_scope(engine) as session:
        asking.mark_posted(
            session=session,
            team_id=team_id,
            request_id=request_id,
            channel_id=answer["channel"],
            message_ts=answer["ts"],
            now=now(context),
        )
    if context.channel_id and answer["channel"] != context.channel_id:
        text = t.gettext("Your request is posted in {channel}.").format(
            channel=f"<#{answer['channel']}>"
        )
        await _tell(context, client, ephemeral(text), context.channel_id)
