"""Slack's side of a delivery: the client the sweep posts with, the metadata that marks a
message as a reminder's, and what Slack's answers (and silences) mean for the retry policy."""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from typing import Any
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

EVENT_TYPE = "partnerdesk_reminder"  # Slack message metadata: {"reminder_id": <id>}
DEFAULT_HTTP_TIMEOUT = 10.0
DEFAULT_RETRY_AFTER_SECONDS = 30  # a 429 without a (readable) Retry-After header

# Errors that another attempt cannot fix: the reminder fails at once and is reported.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "is_archived",
        "msg_too_long",
        "no_text",
        "invalid_blocks",
        "invalid_blocks_format",
        "invalid_arguments",
        "too_many_attachments",
        "invalid_metadata_format",
        "invalid_metadata_schema",
        "no_channel",
        "message_not_found",
        "cant_update_message",
        "edit_window_closed",
    }
)
# Errors that say the channel is the problem: the report goes to the owner instead.
CHANNEL_ERRORS = frozenset(
    {
        "channel_not_found",
        "is_archived",
        "not_in_channel",
        "restricted_action",
        "restricted_action_read_only_channel",
        "restricted_action_thread_only_channel",
        "restricted_action_non_threadable_channel",
        "team_access_not_granted",
        "cannot_reply_to_message",
        "no_channel",
    }
)
NETWORK_ERRORS = (URLError, OSError, http.client.HTTPException)


class HistoryUnavailable(Exception):
    """The channel's history cannot tell whether a message is there."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class RateLimited(Exception):
    def __init__(self, retry_after: float) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass
class Outcome:
    """How a failed Slack call ended, as the retry policy needs it."""

    error: str  # for the row's last_error and the logs
    code: str | None = None  # Slack's error code, shown in reports
    delivered_unknown: bool = False  # no answer: the post may have gone through
    permanent: bool = False
    retry_after: float | None = None  # rate limited


def delivery_client(
    token: str | None, base_url: str, *, timeout: float = DEFAULT_HTTP_TIMEOUT
) -> WebClient:
    """The WebClient the sweep posts with: no automatic retries (a retried post after a
    lost connection could repeat a message; the sweep settles those itself), and a bounded
    timeout, which the lease is renewed against."""
    return WebClient(token=token, base_url=base_url, timeout=timeout, retry_handlers=[])


def metadata_for(reminder_id: int) -> dict[str, Any]:
    """The Slack message metadata that marks a message as the delivery of a reminder."""
    return {"event_type": EVENT_TYPE, "event_payload": {"reminder_id": reminder_id}}


def classify(error: Exception) -> Outcome:
    if isinstance(error, SlackApiError):
        response = error.response
        status = getattr(response, "status_code", 200)
        code = str(response.get("error") or "unknown_error") if response is not None else ""
        if status == 429 or code == "ratelimited":
            return Outcome(error="ratelimited", code=code, retry_after=retry_after_of(response))
        if status >= 500:
            # Slack's edge failed: the message may or may not have been posted.
            return Outcome(error=f"http_{status}", delivered_unknown=True)
        return Outcome(error=code, code=code, permanent=code in PERMANENT_ERRORS)
    if isinstance(error, URLError) and isinstance(error.reason, ConnectionRefusedError):
        return Outcome(error="connection_refused")  # nothing reached Slack
    if isinstance(error, ConnectionRefusedError):
        return Outcome(error="connection_refused")
    if isinstance(error, NETWORK_ERRORS):
        # Sent, but no answer came: the post may have gone through.
        return Outcome(error=f"network: {type(error).__name__}", delivered_unknown=True)
    return Outcome(error=f"internal: {type(error).__name__}")


def retry_after_of(response: Any) -> float:
    headers = getattr(response, "headers", None) or {}
    for name, value in headers.items():
        if name.lower() == "retry-after":
            try:
                return max(1.0, float(value))
            except (TypeError, ValueError):
                break
    return float(DEFAULT_RETRY_AFTER_SECONDS)


def raise_for_history(error: SlackApiError) -> None:
    """Turn a history call's error into rate limited / unavailable; transient ones pass."""
    outcome = classify(error)
    if outcome.retry_after is not None:
        raise RateLimited(outcome.retry_after) from error
    if outcome.code:
        raise HistoryUnavailable(outcome.code) from error


def reminder_id_in(message: dict[str, Any]) -> int | None:
    metadata = message.get("metadata") or {}
    if metadata.get("event_type") != EVENT_TYPE:
        return None
    try:
        return int((metadata.get("event_payload") or {}).get("reminder_id"))
    except (TypeError, ValueError):
        return None


def is_slack_code(error: str) -> bool:
    return bool(error) and error.replace("_", "").isalnum() and error.islower()
