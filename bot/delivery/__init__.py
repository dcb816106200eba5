"""Delivering due reminders: the sweep that neither loses nor repeats a scheduled message.

Every scheduled message is a `reminders` row (storage/reminders.py). `sweep(...)` claims due
rows in batches with a lease (one transaction: storage/reminder_claims.py), renders each with
the renderer of its kind (the list in bot/wiring.py), posts them with the reminder id in
Slack's message metadata, `concurrency` channels at once (a channel's rows one at a time, in
order, at Slack's pace: bot/pacing.py), and writes the whole batch's outcomes (sent, postponed,
retried, given up, the next part of a long message, reports) in one commit. A row whose
renderer writes (an approval's expiry) goes on its own after the batch instead, in one
transaction with what its renderer wrote, committed after Slack's answer or rolled back when
the message did not go out (on SQLite that transaction holds the write lock while Slack
answers; the transactions begin and end in storage/sweep_sessions.py). A message that names the
`ts` it replaces is a `chat.update` instead (`handlers.scheduled.web_api_call`): the same
however often it is made, so it carries no metadata of ours and is simply made again after a
cut-off. The clock process runs the sweep every few seconds (bot/clock.py), the console's
`!clock` runs it in-process, tests call it with their own `now`. Several clocks share the due
rows without overlap: each claims with `FOR UPDATE SKIP LOCKED` on PostgreSQL and only expired
leases are taken over.

Guarantees and how:
- **Never twice.** A row is claimed in one transaction (`FOR UPDATE SKIP LOCKED` on
  PostgreSQL, `BEGIN IMMEDIATE` on SQLite) and every later change is a compare-and-set on
  the claim. A delivery cut off between Slack's answer and our commit (a killed clock, a
  lost connection; with a batch's one commit, any of the batch's posts) leaves the row
  claimed, with the claim's `attempt_started_at` from before its post, or marked
  `needs_check`; whoever takes it next
  looks for its id in the channel's history (`conversations.history`, or
  `conversations.replies` for a thread) since the attempt began, and marks it sent when it
  is there instead of posting again. A lease is renewed before a post whenever less than
  two HTTP timeouts of it are left, so no post of ours is in flight when it runs out.
- **Never lost.** A due row stays due until it is sent, skipped (its renderer has nothing
  to say any more), failed (reported) or uncertain (reported). One that fell due while no
  clock ran is sent by the first sweep and marked `late` (more than `LATE_GRACE` overdue).
  Where the history cannot be read (`missing_scope`, `channel_not_found`,
  `not_in_channel`...) the row becomes "uncertain" and is reported; it is never resent.
- **Slack's limits.** A channel takes three posts back to back, then about one a second;
  a lane waits for that at most one interval per batch, and hands the rest of a busy
  channel's rows back with slots a second apart, in order (taken again at their slots, by
  this sweep or the next), so other channels' deliveries never wait on it.
  A `ratelimited` answer (HTTP 429) postpones the row by `Retry-After` without counting a
  failure; nothing more of that Web API method goes to that channel until then (its other
  due rows in this sweep are postponed as well), and the channel is then paced at one a
  second. Other failures are retried after 1, 2, 4, 8 minutes; after `MAX_ATTEMPTS` (or at
  once for an error that retrying cannot fix, such as `channel_not_found`) the row is
  "failed".
- **Long messages.** A rendered message may carry `thread`: more messages, posted after it
  as replies in its thread, one at a time. Each is a reminder of its own (kind
  `thread_reply`, carrying the ones after it), scheduled in the transaction that marks the
  message before it sent (the batch's commit), so the rest of a long message is never
  lost, never repeated and always in order; a reply waits `THREAD_REPLY_INTERVAL` after
  the channel's last post.
- **Reports.** A failed or uncertain reminder schedules a `delivery_report` reminder in the
  same transaction (so the report is as durable as the reminder): a translated message in
  the reminder's channel, or in a DM to `payload["owner_id"]` (else `payload["user_id"]`)
  when the channel is the problem. A report that fails itself is logged, not reported.
  Users never see a traceback; the logs name the reminder id. Its words are the
  handlers' (handlers/delivery_report.py).

The parts, each building on the one before: `answers` (Slack's client, our metadata, what
its answers mean), `run` (one sweep's state), `reports` (the sweep's count, the delivery
report it schedules), `outcomes` (what is written about a row), `sending` (one row's post,
and recovery from the channel's history), `lanes` (channels at once, each at its pace),
`sweeping` (claims, batches, one commit each).
"""

from __future__ import annotations

from bot.delivery.answers import DEFAULT_HTTP_TIMEOUT, EVENT_TYPE, delivery_client, metadata_for
from bot.delivery.reports import SweepReport
from bot.delivery.run import (
    BACKOFF,
    DEFAULT_BATCH_SIZE,
    DEFAULT_CONCURRENCY,
    DEFAULT_LEASE_SECONDS,
    MAX_ATTEMPTS,
)
from bot.delivery.sweeping import sweep

__all__ = [
    "BACKOFF",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_CONCURRENCY",
    "DEFAULT_HTTP_TIMEOUT",
    "DEFAULT_LEASE_SECONDS",
    "EVENT_TYPE",
    "MAX_ATTEMPTS",
    "SweepReport",
    "delivery_client",
    "metadata_for",
    "sweep",
]
