"""A small load generator: keep-alive HTTP/1.1 connections on loopback, one request at a time each.

`concurrency` connections each send pre-built request bytes back to back (the next request
leaves as soon as the previous response is complete) until `total` requests have been answered.
Every response's status line and Content-Length are parsed, its body handed to a caller's
check, and its latency recorded with `time.perf_counter_ns`.

It uses `asyncio.open_connection` on uvloop (what uvicorn runs on) and parses no more than a
status line and one header, so it spends a few tens of microseconds of CPU per request:
`python bench/loadgen.py` measures that ceiling against a canned-response server, and
`bench/ack.py` reports the generator's CPU per request for every run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import cast

HEADER_END = b"\r\n\r\n"
CONTENT_LENGTH = b"\r\ncontent-length:"
MAX_ERROR_SAMPLES = 3
CONNECT_ATTEMPTS = 20  # see run_load's accept_connections
CONNECT_PAUSE_S = 0.005  # between two new connections

# (status, body) -> whether the response is the one expected.
Check = Callable[[int, bytes], bool]


@dataclass
class LoadResult:
    """What one load run measured."""

    latencies_ns: list[int] = field(default_factory=list)
    elapsed_ns: int = 0
    cpu_ns: int = 0  # this process's CPU time (user + system) over the run
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    @property
    def completed(self) -> int:
        """Requests answered, accepted or not."""
        return len(self.latencies_ns)

    def record_error(self, description: str) -> None:
        """Count an error; keep the first few descriptions for the report."""
        self.errors += 1
        if len(self.error_samples) < MAX_ERROR_SAMPLES:
            self.error_samples.append(description)


def build_post(host: str, port: int, path: str, body: bytes, headers: dict[str, str]) -> bytes:
    """The bytes of one keep-alive HTTP/1.1 POST."""
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: {host}:{port}",
        f"Content-Length: {len(body)}",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class _Plan:
    """The shared work list of one run: which request to send next, and what came back."""

    def __init__(self, requests: Sequence[bytes], total: int, check: Check) -> None:
        self.requests = requests
        self.total = total
        self.check = check
        self.issued = 0
        self.result = LoadResult()

    def next_request(self) -> bytes | None:
        """The next request to send, cycling through `requests`; None once all are issued."""
        if self.issued >= self.total:
            return None
        request = self.requests[self.issued % len(self.requests)]
        self.issued += 1
        return request


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """One response: its status and body (Content-Length framing only)."""
    head = (await reader.readuntil(HEADER_END)).lower()
    status = int(head[9:12])
    at = head.find(CONTENT_LENGTH)
    if at < 0:
        raise ValueError(f"HTTP {status} without Content-Length")
    line_end = head.find(b"\r\n", at + 2)
    length = int(head[at + len(CONTENT_LENGTH) : line_end])
    return status, await reader.readexactly(length)


async def _drive(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, plan: _Plan) -> None:
    """Send the plan's requests on one connection, one after another, until none are left."""
    result, clock = plan.result, time.perf_counter_ns
    try:
        while (request := plan.next_request()) is not None:
            sent_at = clock()
            writer.write(request)
            status, body = await _read_response(reader)
            result.latencies_ns.append(clock() - sent_at)
            if not plan.check(status, body):
                result.record_error(f"HTTP {status}: {body[:200]!r}")
    except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
        result.record_error(f"connection failed: {exc!r}")


async def _close_all(streams: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]]) -> None:
    """Close the connections (bounded wait) and empty the list."""
    for _, writer in streams:
        writer.close()
    for _, writer in streams:
        with contextlib.suppress(OSError, asyncio.TimeoutError):
            await asyncio.wait_for(writer.wait_closed(), 1.0)
    streams.clear()


def _cpu_ns() -> int:
    times = os.times()
    return int((times.user + times.system) * 1e9)


async def run_load(
    host: str,
    port: int,
    requests: Sequence[bytes],
    *,
    total: int,
    concurrency: int,
    check: Check,
    timeout: float = 60.0,
    accept_connections: Callable[[], bool] | None = None,
) -> LoadResult:
    """Send `total` requests over `concurrency` keep-alive connections; bounded by `timeout`.

    `accept_connections` runs once every connection is open, before the clock starts; while it
    answers False (at most CONNECT_ATTEMPTS times) the connections are closed and opened again.
    """
    plan = _Plan(requests, total, check)
    streams: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    try:
        for attempt in range(1, CONNECT_ATTEMPTS + 1):
            await _close_all(streams)
            for _ in range(concurrency):
                connecting = asyncio.open_connection(host, port)
                streams.append(await asyncio.wait_for(connecting, timeout))
                await asyncio.sleep(CONNECT_PAUSE_S)  # a burst tends to land on one worker
            if accept_connections is None or accept_connections() or attempt == CONNECT_ATTEMPTS:
                break
        cpu_before, started = _cpu_ns(), time.perf_counter_ns()
        drivers = [asyncio.create_task(_drive(r, w, plan)) for r, w in streams]
        _, pending = await asyncio.wait(drivers, timeout=timeout)
        plan.result.elapsed_ns = time.perf_counter_ns() - started
        plan.result.cpu_ns = _cpu_ns() - cpu_before
        for driver in pending:
            driver.cancel()
        if pending:
            plan.result.record_error(f"{len(pending)} connection(s) still busy after {timeout} s")
    finally:
        await _close_all(streams)
    missing = total - plan.result.completed
    if missing > 0 and not plan.result.errors:
        plan.result.record_error(f"{missing} request(s) never answered")
    return plan.result


# -- measuring the generator's own ceiling ------------------------------------------------------

CANNED_RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"


class _CannedServer(asyncio.Protocol):
    """Answers every complete request head with a fixed 200 (bodies assumed to be in one read)."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's are not subclasses

    def data_received(self, data: bytes) -> None:
        self.transport.write(CANNED_RESPONSE * data.count(b"HTTP/1.1\r\n"))


async def measure_ceiling(requests: int, concurrency: int, body_size: int) -> LoadResult:
    """Load a canned-response server in this same process: the generator's CPU per request."""
    loop = asyncio.get_running_loop()
    server = await loop.create_server(_CannedServer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    request = build_post("127.0.0.1", port, "/", b"x" * body_size, {"X-Bench": "1"})
    try:
        return await run_load(
            "127.0.0.1",
            port,
            [request],
            total=requests,
            concurrency=concurrency,
            check=lambda status, body: status == 200 and body == b"ok",
        )
    finally:
        server.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(server.wait_closed(), 5)


def install_uvloop() -> str:
    """Use uvloop (what uvicorn runs on) when it is installed; the loop's name."""
    try:
        import uvloop
    except ImportError:
        return "asyncio"
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    return "uvloop"


def main(argv: Sequence[str] | None = None) -> int:
    """Report the generator's ceiling against an in-process canned-response server."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--body-size", type=int, default=700, help="request body bytes")
    args = parser.parse_args(argv)
    loop_name = install_uvloop()
    result = asyncio.run(measure_ceiling(args.requests, args.concurrency, args.body_size))
    both = result.cpu_ns / max(result.completed, 1) / 1000
    rate = result.completed / (result.elapsed_ns / 1e9)
    print(f"loop: {loop_name}; {result.completed} requests, errors {result.errors}")
    print(f"generator + canned server in one process: {rate:,.0f} req/s on one core")
    print(f"CPU per request for both sides together: {both:.1f} us")
    print(f"so the generator alone needs less than {both:.1f} us per request of one core")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
