"""What the stand-in was asked and answered: every call recorded in order, waited for by
tests and the console, checked by an optional validator (Slack's spec in the tests), and
Slack's errors, rate limits and outages injected on demand."""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.standin.wire import Json, Outcome

log = logging.getLogger(__name__)


@dataclass
class Call:
    """One request the stand-in answered.

    `method` is the Web API method, or "respond" for a POST to a `/hooks/<key>` response_url.
    """

    seq: int
    method: str
    args: Json
    response: Json
    hook: str | None = None
    status: int = 200  # the HTTP status answered: 200 unless an injected 429 or 5xx
    token: str | None = None  # the token the call came with (whose workspace is speaking)
    team_id: str | None = None  # the workspace that served it (None: no workspace did)


@dataclass
class _Injected:
    """An error queued by `inject_error` for the next `remaining` calls of a method."""

    error: str
    status: int
    retry_after: int | None
    remaining: int


class CallRecorder:
    """The call log, the injected errors and the validator; thread-safe.

    One re-entrant lock (`self.lock`) guards the stand-in's state, its calls and the queued
    errors, so that a call's effect and its record happen together and `seq` order is the
    order effects were applied.
    """

    def __init__(
        self, *, validator: Callable[[str, Json], None] | None, channel_rate: int | None
    ) -> None:
        self.validator = validator
        self.violations: list[str] = []
        self.channel_rate = channel_rate
        self.lock = threading.Condition(threading.RLock())
        self._calls: list[Call] = []
        self._listeners: list[Callable[[Call], None]] = []
        self._injected: dict[str, list[_Injected]] = {}
        self._channel_posts: dict[str, list[float]] = {}  # channel -> recent monotonic times

    # -- errors ------------------------------------------------------------------------------
    def inject_error(
        self,
        method: str,
        error: str = "channel_not_found",
        *,
        times: int = 1,
        status: int = 200,
        retry_after: int | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` with Slack's error instead.

        status 429 answers error "ratelimited" with a Retry-After header (default 1 s);
        status >= 500 answers a plain-text body, as Slack's edge does in an outage.
        `method` may be "respond" for the response_url hooks.
        """
        if times < 1:
            raise ValueError("times must be at least 1")
        with self.lock:
            self._injected.setdefault(method, []).append(
                _Injected(error, status, retry_after, times)
            )

    def take_injected(self, method: str) -> Outcome | None:
        """The next injected error for `method`, if any (under the lock)."""
        queue = self._injected.get(method)
        if not queue:
            return None
        injected = queue[0]
        injected.remaining -= 1
        if injected.remaining == 0:
            queue.pop(0)
        headers = {}
        if injected.status == 429 or injected.retry_after is not None:
            headers["Retry-After"] = str(injected.retry_after or 1)
        error = "ratelimited" if injected.status == 429 else injected.error
        outcome = Outcome({"ok": False, "error": error}, injected.status, headers)
        if injected.status >= 500 or method == "respond":
            outcome.plain_body = error
        return outcome

    def over_channel_rate(self, method: str, args: Json) -> Outcome | None:
        """A 429 when the channel had `channel_rate` posts in the last second (under the lock)."""
        if self.channel_rate is None or method != "chat.postMessage":
            return None
        now = time.monotonic()
        recent = self._channel_posts.setdefault(str(args.get("channel")), [])
        recent[:] = [t for t in recent if now - t < 1.0]
        if len(recent) >= self.channel_rate:
            return Outcome({"ok": False, "error": "ratelimited"}, 429, {"Retry-After": "1"})
        recent.append(now)
        return None

    # -- what was called -----------------------------------------------------------------------
    @property
    def calls(self) -> list[Call]:
        """A snapshot of every call so far, in arrival order."""
        with self.lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        """The calls of one method ("respond" for response_url posts), in order."""
        return [call for call in self.calls if call.method == method]

    def subscribe(self, listener: Callable[[Call], None]) -> None:
        """Call `listener(call)` in the server thread after each call is recorded."""
        with self.lock:
            self._listeners.append(listener)

    def wait_for(
        self,
        predicate: Callable[[list[Call]], bool],
        timeout: float = 5.0,
        *,
        description: str | None = None,
    ) -> list[Call]:
        """Wait until `predicate(calls)` holds; the calls then. TimeoutError after `timeout` s."""
        with self.lock:
            if self.lock.wait_for(lambda: predicate(list(self._calls)), timeout=timeout):
                return list(self._calls)
            seen = self._describe_calls()
        what = description or getattr(predicate, "__name__", "the predicate")
        raise TimeoutError(f"Slack stand-in: waited {timeout:g}s for {what}; {seen}")

    def wait_for_call(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until `method` was called at least `count` times; those calls."""
        self.wait_for(
            lambda calls: sum(call.method == method for call in calls) >= count,
            timeout,
            description=f"{count} call(s) to {method}",
        )
        return self.calls_to(method)

    def _describe_calls(self) -> str:
        if not self._calls:
            return "no calls seen"
        lines = [describe_call(call) for call in self._calls[-20:]]
        skipped = len(self._calls) - len(lines)
        head = f"{len(self._calls)} calls seen" + (f" (last {len(lines)})" if skipped else "")
        return head + ":\n  " + "\n  ".join(lines)

    # -- recording -------------------------------------------------------------------------
    def validate(self, method: str, args: Json) -> str | None:
        """Run the validator; its complaint (recorded in `violations`), or None."""
        if self.validator is None:
            return None
        try:
            self.validator(method, copy.deepcopy(args))
        except Exception as exc:  # any failure of the validator is a finding about this call
            problem = str(exc) or type(exc).__name__
            with self.lock:
                self.violations.append(problem)
            return problem
        return None

    def finish(
        self,
        method: str,
        args: Json,
        outcome: Callable[[], tuple[Outcome, str | None]],
        *,
        hook: str | None = None,
        token: str | None = None,
    ) -> Outcome:
        """Apply the call (`outcome()`: the answer and the team that served it) and record it
        atomically, then tell the listeners."""
        with self.lock:
            result, team_id = outcome()
            call = Call(
                seq=len(self._calls) + 1,
                method=method,
                args=args,
                response=result.answer,
                hook=hook,
                status=result.status,
                token=token,
                team_id=team_id,
            )
            self._calls.append(call)
            self.lock.notify_all()
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(call)
            except Exception:  # a broken listener must not break the app's Slack calls
                log.exception("Slack stand-in listener failed on call #%s", call.seq)
        return result


def describe_call(call: Call) -> str:
    """One line for a call in a timeout message: seq, method, key arguments, result."""
    result = "ok" if call.response.get("ok") else f"error {call.response.get('error')!r}"
    shown = []
    for name in ("channel", "user", "users", "ts", "text"):
        if name in call.args:
            value = str(call.args[name])
            value = value if len(value) <= 40 else value[:40] + "…"
            shown.append(f"{name}={value!r}")
    where = f" hook={call.hook}" if call.hook else ""
    return f"#{call.seq} {call.method}({', '.join(shown)}){where} -> {result}"
