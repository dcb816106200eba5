"""Charts sent to Slack: the status card's "KPI chart" (the creator's KPI trend, by DM to
whoever asked) and the weekly digest's chart (in the digest's thread, once it is sent).

Both upload with slack_sdk's `files_upload_v2` (files.getUploadURLExternal, the upload,
files.completeUploadExternal). Rendering never delays an ack: the button acks first and
renders in a thread after it; the digest's chart is drawn by the clock.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from domain.charts import Chart, digest_chart, kpi_trend_chart
from handlers.background import after_ack
from handlers.blocks.common import escape, fill
from handlers.blocks.status import KPI_CHART_ACTION
from handlers.charts import render, thin_note, title
from handlers.context import deps, tr
from handlers.voice import SEED_DEFAULTS, team_voice
from locales import LANGUAGES, Translator, translator
from storage import creators, digest_facts, digests, kpis
from storage.db import session_scope
from storage.models import Brand
from storage.reminder_claims import ClaimedReminder


def _alt_text(t: Translator, chart: Chart, subject: str) -> str:
    """What a screen reader says for the image: the subject and the panels drawn."""
    panels = ", ".join(title(t, panel) for panel in chart.drawn)
    return f"{subject}: {panels}"[:1000]


# -- the status card's KPI chart ---------------------------------------------------------------
async def handle_kpi_chart(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    value = str(body["actions"][0].get("value") or "")
    if value.isdigit():
        after_ack(context, send_kpi_chart(context, client, int(value), body["user"]["id"]))


async def send_kpi_chart(
    context: AsyncBoltContext, client: AsyncWebClient, partnership_id: int, user_id: str
) -> None:
    """The partnership's KPI trend to the asker's DM with the bot (or why there is none)."""
    t = tr(context)
    with session_scope(deps(context).engine) as session:
        partnership = creators.get_partnership(
            session=session, team_id=context.team_id, partnership_id=partnership_id
        )
        creator = (
            creators.get_creator(
                session=session, team_id=context.team_id, creator_id=partnership.creator_id
            )
            if partnership is not None
            else None
        )
        if partnership is None or creator is None:
            subject, chart = None, None
        else:
            brand = session.get(Brand, partnership.brand_id)
            subject = f"{creator.display_name} · {brand.name if brand else '?'}"
            history = kpis.kpi_histories(
                session=session, team_id=context.team_id, partnership_ids=[partnership_id]
            )[partnership_id]
            chart = kpi_trend_chart(history.records)
    dm = (await client.conversations_open(users=user_id))["channel"]["id"]
    if chart is None or subject is None:
        await client.chat_postMessage(
            channel=dm, text=t.gettext("That partnership no longer exists.")
        )
        return
    # matplotlib holds the event loop for tens of milliseconds: draw in a worker thread.
    png = await asyncio.to_thread(render, t, chart)
    # The file's title is plain text; the message and the comment are mrkdwn (escaped once).
    title_text = t.gettext("KPI trend of {subject}").format(subject=subject)
    heading = fill(t.gettext("KPI trend of {subject}"), subject=subject)
    note = escape(thin_note(t, chart) or "")
    if png is None:
        await client.chat_postMessage(channel=dm, text=f"{heading}\n{note}")
        return
    await client.files_upload_v2(
        channel=dm,
        file=png,
        filename=f"kpi-{creator.handle}.png",
        title=title_text,
        alt_txt=_alt_text(t, chart, subject),
        initial_comment=heading + (f"\n{note}" if note else ""),
    )


# -- the weekly digest's chart -----------------------------------------------------------------
def digest_chart_for(
    session: Session, reminder: ClaimedReminder
) -> tuple[Translator, Chart, date] | None:
    """The chart of the digest a reminder sent: in the digest's language, for its day."""
    subscription = digests.subscription_of(session=session, reminder=reminder)
    if subscription is None:
        return None
    timezone = team_voice(session, reminder.team_id, SEED_DEFAULTS).timezone
    local_day = reminder.due_at.astimezone(ZoneInfo(timezone)).date()
    facts = digest_facts.load_facts(
        session=session,
        team_id=reminder.team_id,
        now=reminder.due_at,
        today=local_day,
        timezone=timezone,
    )
    locale = subscription.locale if subscription.locale in LANGUAGES else LANGUAGES[0]
    return translator(locale), digest_chart(facts, local_day), local_day


def send_digest_chart(session: Session, reminder: ClaimedReminder, ts: str, client: Any) -> None:
    """The digest's chart as a reply in its thread; the comment names any panel too thin
    to draw."""
    found = digest_chart_for(session, reminder)
    if found is None or not reminder.channel_id:
        return
    t, chart, day = found
    heading = t.gettext("Weekly digest chart · {date}").format(date=t.date(day))
    png = render(t, chart, weekly=True)
    note = thin_note(t, chart, weekly=True)
    if png is None:
        return  # nothing at all to draw (no partnerships): the digest says so in one line
    client.files_upload_v2(
        channel=reminder.channel_id,
        thread_ts=ts,
        file=png,
        filename=f"digest-{day.isoformat()}.png",
        title=heading,
        alt_txt=_alt_text(t, chart, heading),
        initial_comment=escape(heading + (f"\n{note}" if note else "")),
    )


def register(app: AsyncApp) -> None:
    app.action(KPI_CHART_ACTION)(handle_kpi_chart)
