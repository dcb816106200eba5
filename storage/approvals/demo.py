"""The demo data's pending approval."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlmodel import Session

from domain.approvals import KindSettings, request_channel
from domain.values import ApprovalKind
from storage.approvals.asking import create
from storage.approvals.schedule import schedule_reminders
from storage.approvals.settings import get_settings, save_settings
from storage.models import ApprovalRequest, Partnership

DEMO_SUBJECT = "First TikTok draft for the autumn launch"
DEMO_DETAILS = "60-second video, shot by the creator; brand mention in the first 5 seconds."


def demo_pending_approval(
    session: Session,
    team_id: str,
    partnership_id: int,
    requester: str,
    approver: str,
    *,
    now: datetime,
) -> ApprovalRequest:
    """The demo data's pending content approval (not posted: the demo has no Slack yet, so
    it may sit in no channel, which `storage.approvals.asking.ask` would refuse).

    When the team has no approvers at all, `approver` becomes the approver of every kind, so
    that `/creator approve` works in the demo too.
    """
    settings = get_settings(session=session, team_id=team_id)
    if not any(settings.for_kind(kind).configured for kind in ApprovalKind):
        settings = replace(
            settings, kinds={kind: KindSettings(users=(approver,)) for kind in ApprovalKind}
        )
        save_settings(session=session, team_id=team_id, settings=settings)
    content = settings.for_kind(ApprovalKind.CONTENT)
    if approver not in content.users:
        settings = replace(
            settings,
            kinds={
                **settings.kinds,
                ApprovalKind.CONTENT: KindSettings((*content.users, approver), content.group),
            },
        )
    partnership = session.get(Partnership, partnership_id)
    request = create(
        session=session,
        team_id=team_id,
        partnership_id=partnership_id,
        kind=ApprovalKind.CONTENT,
        subject=DEMO_SUBJECT,
        details=DEMO_DETAILS,
        requester_id=requester,
        settings=settings,
        channel_id=request_channel(partnership.channel_id if partnership else None, None),
        now=now,
    )
    schedule_reminders(session=session, request=request, now=now)
    return request
