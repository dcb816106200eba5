"""What the app and the clock are built from, in one visible list: the renderer of every
kind of scheduled message, and what follows a kind's message once it is sent.

Nothing registers itself by being imported: a new kind of reminder is added here, and the
clock (bot/clock.py), the console's in-process clock and the app's other sweeps use this
list (`bot.delivery.sweep` takes it by default). tests/bot/test_wiring.py checks in a
fresh process that every kind the product schedules has its renderer here.
"""

from __future__ import annotations

from handlers import delivery_report, digest
from handlers.approvals import reminders as approval_reminders
from handlers.charts import surface as charts
from handlers.roadmap import reminders as roadmap_reminders
from handlers.scheduled import ScheduledKinds, render_thread_reply
from storage import digests, reminders
from storage import roadmap_reminders as roadmap_kinds
from storage.approvals import schedule as approval_rows

SCHEDULED_KINDS = ScheduledKinds(
    renderers={
        approval_rows.REMINDER_KIND: approval_reminders.render_reminder,
        approval_rows.ESCALATION_KIND: approval_reminders.render_escalation,
        approval_rows.EXPIRY_KIND: approval_reminders.render_expiry,
        roadmap_kinds.WEEK_KIND: roadmap_reminders.render_week,
        roadmap_kinds.OVERDUE_KIND: roadmap_reminders.render_overdue,
        digests.KIND: digest.render_digest,
        reminders.THREAD_KIND: render_thread_reply,
        reminders.REPORT_KIND: delivery_report.render_delivery_report,
    },
    follow_ups={digests.KIND: charts.send_digest_chart},
)
