"""The clock at speed: many channels at once, one commit per batch, and still each reminder
delivered exactly once, at Slack's pace per channel, with Retry-After honoured.

Deliveries are counted where a user would see them: at the Slack stand-in, by the reminder
id in each successful chat.postMessage's metadata.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot import delivery
from bot.delivery import EVENT_TYPE, SweepReport, delivery_client
from bot.pacing import ChannelPacer
from handlers.scheduled import Renderer
from storage import reminders
from storage.db import create_db_engine, session_scope
from storage.models import Reminder
from tests.bot.kinds import kinds_with
from tests.harness import TEAM_ID, TOKEN

LEASE = 60
KILL_RUNS = 10
RENDERERS: dict[str, Renderer] = {}  # this module's own kinds, next to the product's
KINDS = kinds_with(RENDERERS)


def sweep(*args: Any, **options: Any) -> SweepReport:
    return delivery.sweep(*args, kinds=KINDS, **options)


def render_ping(_session: Any, reminder: Reminder) -> dict[str, Any]:
    return {"text": f"ping {reminder.id}"}


@pytest.fixture(autouse=True)
def ping_kind() -> Iterator[None]:
    RENDERERS["speed_ping"] = render_ping
    yield
    del RENDERERS["speed_ping"]


def channel(n: int) -> str:
    return f"C3{n:09d}"


def add_due(
    engine: Engine, count: int, channels: int, *, tag: str = "", first_channel: int = 0
) -> list[int]:
    """`count` reminders due a second ago, round-robin over `channels` channels from
    `first_channel` on; their ids."""
    due = datetime.now(UTC) - timedelta(seconds=1)
    with session_scope(engine) as session:
        rows = [
            reminders.schedule(
                session=session,
                team_id=TEAM_ID,
                kind="speed_ping",
                dedupe_key=f"speed:{tag}:{i}",
                due_at=due,
                channel_id=channel(first_channel + i % channels),
                now=due,
            )
            for i in range(count)
        ]
        session.flush()
        return [row.id for row in rows]


def delivered(calls: list) -> Counter:  # noqa: ANN001
    """Reminder id → successful posts carrying it."""
    counted: Counter = Counter()
    for call in calls:
        metadata = call.args.get("metadata") or {}
        if (
            call.method == "chat.postMessage"
            and call.response.get("ok")
            and metadata.get("event_type") == EVENT_TYPE
        ):
            counted[metadata["event_payload"]["reminder_id"]] += 1
    return counted


def post_times(standin) -> dict[str, list[tuple[float, int]]]:  # noqa: ANN001
    """Channel → (when, reminder id) of each successful post from now on, as they arrive."""
    times: dict[str, list[tuple[float, int]]] = defaultdict(list)

    def record(call) -> None:  # noqa: ANN001
        if call.method == "chat.postMessage" and call.response.get("ok"):
            reminder_id = call.args["metadata"]["event_payload"]["reminder_id"]
            times[call.args["channel"]].append((time.monotonic(), reminder_id))

    standin.subscribe(record)
    return times


def states(engine: Engine) -> dict[str, int]:
    with session_scope(engine) as session:
        return reminders.count_by_state(session)


def _sweep_in_child(database_url: str, api_url: str) -> None:
    """A clock's sweep in a forked process (killed by the test; never returns normally)."""
    engine = create_db_engine(database_url)
    client = delivery_client(TOKEN, api_url, timeout=5)
    try:
        sweep(
            engine,
            client,
            now=datetime.now(UTC),
            worker_id=f"doomed:{os.getpid()}",
            batch_size=15,
            lease_seconds=LEASE,
            concurrency=8,
        )
    finally:
        os._exit(0)


def test_a_clock_killed_at_random_points_of_a_concurrent_sweep_delivers_each_exactly_once(
    engine: Engine, standin
) -> None:  # noqa: ANN001
    """Ten times: a sweep (8 channels at once, one commit per batch of 15) in a process of
    its own is SIGKILLed at a random moment after a random post (in the answer, in the
    batch's commit, in the next claim...); the next clock, once the dead one's lease has
    run out, settles its claimed rows from the history and sends the rest. Every reminder
    arrives exactly once, and every row ends sent."""
    rng = random.Random(15)  # the same random points on every run of the suite
    url = engine.url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("fork")  # no re-import: a run costs milliseconds
    recovered = 0
    target: dict[str, Any] = {}  # this run's clock and when to kill it

    def kill_at_random(call) -> None:  # noqa: ANN001 - in the stand-in's thread, before the answer leaves
        if call.method != "chat.postMessage" or not target:
            return
        target["posts"] += 1
        if target["posts"] == target["kill_after"]:
            threading.Timer(target["delay"], os.kill, (target["pid"], signal.SIGKILL)).start()

    standin.subscribe(kill_at_random)
    for run in range(KILL_RUNS):
        # Channels of its own: the history shows only this run's messages.
        ids = add_due(engine, 45, 15, tag=str(run), first_channel=100 * run)
        seen = len(standin.calls)
        child = context.Process(target=_sweep_in_child, args=(url, standin.base_url))
        child.start()
        target.update(
            pid=child.pid,
            posts=0,
            kill_after=rng.randint(1, 40),
            delay=rng.choice([0.0, 0.0, 0.002, 0.01, 0.03]),
        )
        child.join(timeout=30)
        target.clear()
        assert child.exitcode == -signal.SIGKILL, f"run {run}: the clock was not killed"
        after_lease = datetime.now(UTC) + timedelta(seconds=LEASE + 1)
        client = delivery_client(TOKEN, standin.base_url, timeout=5)
        for _ in range(3):  # the next clock's sweeps
            report = sweep(engine, client, now=after_lease, worker_id="next", lease_seconds=LEASE)
            recovered += report.recovered
            if set(states(engine)) == {"sent"}:
                break
        counts = delivered(standin.calls[seen:])
        assert sorted(counts) == sorted(ids), f"run {run}: lost {set(ids) - set(counts)}"
        twice = [i for i, c in counts.items() if c > 1]
        assert not twice, f"run {run}: delivered more than once: {twice}"
        assert states(engine) == {"sent": len(ids) * (run + 1)}, f"run {run}"
    assert recovered > 0  # some kills did land between Slack's answer and the batch's commit
    # A kill while a request was being written leaves half a request, which Slack never acts
    # on: no call without its arguments reached the stand-in.
    assert not [c for c in standin.calls if c.method == "chat.postMessage" and not c.args]


def test_posts_to_one_channel_keep_slacks_pace_while_other_channels_go_at_once(
    engine: Engine, standin
) -> None:  # noqa: ANN001
    """Seven messages due in one channel and one in each of six others: the others go at
    once; the busy channel gets three back to back, then one per interval, in order."""
    interval = 0.1
    busy = add_due(engine, 7, 1, tag="busy")
    others = [add_due(engine, 1, 1, tag=f"other{n}")[0] for n in range(6)]
    with session_scope(engine) as session:  # the six others in channels of their own
        for n, reminder_id in enumerate(others, start=1):
            session.get(Reminder, reminder_id).channel_id = channel(n)
    times = post_times(standin)
    pacer = ChannelPacer(timer=time.monotonic, sleep=time.sleep, interval=interval)
    client = delivery_client(TOKEN, standin.base_url, timeout=5)
    started = time.monotonic()
    report = sweep(
        engine,
        client,
        now=datetime.now(UTC),
        worker_id="w1",
        lease_seconds=LEASE,
        concurrency=4,
        pacer=pacer,
    )
    assert report.sent == 13
    posted = [t for t, _ in times[channel(0)]]
    assert [i for _, i in times[channel(0)]] == busy  # in the order they fell due
    for n in range(pacer.burst, len(posted)):  # never more than `burst` in `burst` intervals
        assert posted[n] - posted[n - pacer.burst] >= pacer.burst * interval * 0.95
    for n in range(1, 7):  # the other channels did not wait for the busy one
        assert times[channel(n)][0][0] - started < posted[-1] - started - interval


def test_a_busy_channel_hands_back_what_must_wait_so_other_channels_are_not_held_up(
    engine: Engine, standin
) -> None:  # noqa: ANN001
    """Twenty messages due in one channel fill the first two batches; thirty others, one per
    channel, come after them. The others go out at once instead of waiting for the busy
    channel's pace; the busy channel still gets all of its messages once, in order, at its
    pace (its rows wait, handed back with slots of their own, within the same sweep)."""
    interval = 0.2
    busy = add_due(engine, 20, 1, tag="busy")
    others = add_due(engine, 30, 30, tag="others", first_channel=1)
    times = post_times(standin)
    pacer = ChannelPacer(timer=time.monotonic, sleep=time.sleep, interval=interval)
    client = delivery_client(TOKEN, standin.base_url, timeout=5)
    started = time.monotonic()
    report = sweep(
        engine,
        client,
        now=datetime.now(UTC),
        worker_id="w1",
        batch_size=10,
        lease_seconds=LEASE,
        concurrency=4,
        pacer=pacer,
    )
    assert report.sent == 50 and report.paced == 17 and report.failed == 0
    assert states(engine) == {"sent": 50}
    assert delivered(standin.calls) == dict.fromkeys([*busy, *others], 1)
    posted = [t - started for t, _ in times[channel(0)]]
    assert [i for _, i in times[channel(0)]] == busy  # in the order they fell due
    for n in range(pacer.burst, len(posted)):  # never more than `burst` in `burst` intervals
        assert posted[n] - posted[n - pacer.burst] >= pacer.burst * interval * 0.95
    assert posted[-1] >= (len(busy) - pacer.burst) * interval * 0.95  # about one an interval
    # Held up by the busy channel, the first of the others would have waited for its two
    # batches: fourteen intervals at least. They all went before its fifth message.
    last_other = max(t - started for n in range(1, 31) for t, _ in times[channel(n)])
    assert last_other < posted[4]


class SlowInOneChannel(WebClient):
    """Slack answering one channel's post only once posts to `waits_for` have arrived (or
    after 10 s): a channel whose answer is slow."""

    def __init__(self, *args: Any, slow: str, waits_for: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slow, self.waits_for = slow, waits_for
        self.posted: set[str] = set()
        self.arrived = threading.Event()
        self.waited: bool | None = None  # whether the slow post saw the others arrive

    def chat_postMessage(self, **kwargs: Any) -> Any:  # noqa: N802, ANN401 - slack_sdk's name
        if kwargs["channel"] == self.slow:
            self.waited = self.arrived.wait(10)
        response = super().chat_postMessage(**kwargs)
        self.posted.add(kwargs["channel"])
        if self.waits_for <= self.posted:
            self.arrived.set()
        return response


def test_a_slow_answer_in_one_channel_does_not_hold_up_the_next_batch(
    engine: Engine, standin
) -> None:  # noqa: ANN001
    """Two batches of four, each message in a channel of its own; Slack is slow to answer
    the first batch's first channel. The second batch's channels get their messages
    meanwhile, instead of waiting for the whole first batch to end."""
    first = add_due(engine, 4, 4, tag="first")
    second = add_due(engine, 4, 4, tag="second", first_channel=4)
    later_channels = {channel(n) for n in range(4, 8)}
    client = SlowInOneChannel(
        token=TOKEN,
        base_url=standin.base_url,
        timeout=5,
        retry_handlers=[],
        slow=channel(0),
        waits_for=later_channels,
    )
    report = sweep(
        engine,
        client,
        now=datetime.now(UTC),
        worker_id="w1",
        batch_size=4,
        lease_seconds=LEASE,
        concurrency=4,
    )
    assert client.waited is True  # the second batch went out while the slow post waited
    assert report.sent == 8 and states(engine) == {"sent": 8}
    assert delivered(standin.calls) == dict.fromkeys([*first, *second], 1)


def test_a_429_in_a_channel_postpones_its_rows_by_retry_after_then_paces_it(
    engine: Engine, standin
) -> None:  # noqa: ANN001
    """The stand-in allows one post a second per channel and answers 429 (Retry-After 1 s)
    beyond that. The channel's rows are postponed, not failed; the clock then posts there
    one a second, so only the first burst meets a 429; every reminder arrives once."""
    standin.channel_rate = 1
    ids = add_due(engine, 4, 1, tag="limited")
    elsewhere = add_due(engine, 1, 1, tag="elsewhere")
    with session_scope(engine) as session:
        session.get(Reminder, elsewhere[0]).channel_id = channel(1)
    client = delivery_client(TOKEN, standin.base_url, timeout=5)
    # The clock keeps one pacer; a little over a second apart, as network delays vary.
    pacer = ChannelPacer(timer=time.monotonic, sleep=time.sleep, interval=1.1)
    first = sweep(
        engine, client, now=datetime.now(UTC), worker_id="w1", lease_seconds=LEASE, pacer=pacer
    )
    # One post in each channel; the second in the busy one met the 429, and it and the
    # two after it wait for Retry-After.
    assert first.sent == 2 and first.rate_limited == 3 and first.failed == 0
    limited = [c for c in standin.calls_to("chat.postMessage") if c.status == 429]
    assert [c.args["channel"] for c in limited] == [channel(0)]
    with session_scope(engine) as session:
        waiting = [session.get(Reminder, i) for i in ids[1:]]
        assert {(r.state, r.attempts) for r in waiting} == {("pending", 0)}
        assert all(r.next_attempt_at is not None for r in waiting)
    deadline = time.monotonic() + 10
    while set(states(engine)) != {"sent"} and time.monotonic() < deadline:
        time.sleep(0.2)  # as the clock's next sweeps do
        sweep(
            engine, client, now=datetime.now(UTC), worker_id="w1", lease_seconds=LEASE, pacer=pacer
        )
    assert states(engine) == {"sent": 5}
    assert delivered(standin.calls) == dict.fromkeys([*ids, *elsewhere], 1)
    assert sum(c.status == 429 for c in standin.calls) == 1  # paced after the first
    in_order = [
        c.args["text"]
        for c in standin.calls_to("chat.postMessage")
        if c.status == 200 and c.args["channel"] == channel(0)
    ]
    assert in_order == [f"ping {i}" for i in ids]


def test_retry_after_holds_for_its_method_and_channel_only(engine: Engine, standin) -> None:  # noqa: ANN001
    """A 429 on conversations.history (looking for a cut-off attempt) in one channel holds
    back further history reads there, not posts in that channel or elsewhere."""
    ids = add_due(engine, 2, 1, tag="check")
    fresh = add_due(engine, 1, 1, tag="fresh")
    with session_scope(engine) as session:
        row = session.get(Reminder, ids[0])
        row.needs_check, row.attempt_started_at = True, datetime.now(UTC)
        row = session.get(Reminder, ids[1])
        row.needs_check, row.attempt_started_at = True, datetime.now(UTC)
    standin.inject_error("conversations.history", status=429, retry_after=30)
    client = delivery_client(TOKEN, standin.base_url, timeout=5)
    report = sweep(engine, client, now=datetime.now(UTC), worker_id="w1", lease_seconds=LEASE)
    assert report.rate_limited == 2 and report.sent == 1
    assert len(standin.calls_to("conversations.history")) == 1  # the second waited, unasked
    assert delivered(standin.calls) == {fresh[0]: 1}  # posting in the same channel went on


def render_long(_session: Any, reminder: Reminder) -> dict[str, Any]:
    return {
        "text": f"digest {reminder.id}, part 1",
        "thread": [{"text": f"digest {reminder.id}, part {n}"} for n in range(2, 6)],
    }


def test_long_messages_in_many_channels_at_once_each_continue_in_order_in_their_thread(
    engine: Engine, standin
) -> None:  # noqa: ANN001
    """Six five-part messages in six channels: the channels go at once, and in each the
    four replies follow in their own thread, in order, each at least an interval after
    the one before."""
    RENDERERS["speed_long"] = render_long
    try:
        ids = add_due(engine, 6, 6, tag="long")
        with session_scope(engine) as session:
            for reminder_id in ids:
                session.get(Reminder, reminder_id).kind = "speed_long"
        interval = 0.05
        pacer = ChannelPacer(timer=time.monotonic, sleep=time.sleep, interval=interval)
        client = delivery_client(TOKEN, standin.base_url, timeout=5)
        report = None
        for _ in range(10):  # each reply is due once the one before it is marked sent
            report = sweep(
                engine,
                client,
                now=datetime.now(UTC),
                worker_id="w1",
                lease_seconds=LEASE,
                concurrency=6,
                pacer=pacer,
            )
            if set(states(engine)) == {"sent"}:
                break
        assert states(engine) == {"sent": 6 * 5}, report
    finally:
        del RENDERERS["speed_long"]
    posts = [c for c in standin.calls_to("chat.postMessage") if c.response.get("ok")]
    for n, reminder_id in enumerate(ids):
        in_channel = [c for c in posts if c.args["channel"] == channel(n)]
        texts = [c.args["text"] for c in in_channel]
        assert texts == [f"digest {reminder_id}, part {p}" for p in range(1, 6)]
        parent_ts = in_channel[0].response["ts"]
        assert [c.args.get("thread_ts") for c in in_channel[1:]] == [parent_ts] * 4
