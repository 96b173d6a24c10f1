"""Load for bench/server.py, run as separate client processes: a lean HTTP/1.1 client over asyncio.

Why not httpx: on a 2-core machine the load generator competes with the server for CPU, and a
full-featured client costs several times more per request than the server does. This client
speaks just what the benchmark needs (keep-alive requests with Content-Length bodies, chunked SSE
responses) and prints one JSON line of results.

    python bench/loadgen.py e2e URL --concurrency 32 --seconds 5
    python bench/loadgen.py observers URL --count 1000          # holds idle SSE streams until killed
    python bench/loadgen.py latency URL --rate 1000 --seconds 5  # open-loop creates, observed on the agent stream
    python bench/loadgen.py latency URL --watch URL2 ...          # ... the stream on another instance
    python bench/loadgen.py creates URL --connections 64 --seconds 5 [--keyed]   # when wrk is missing
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import sys
import time
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

CLIENT_KEY, ADMIN_KEY = "axp-dev-client", "axp-dev-admin"
# Each load has an agent of its own, so none inherits another's backlog of deliveries: wrk's
# creates go to agent://local/dev/agent, the end-to-end run to agent-two (its own key), and the
# latency probe to an address only an admin reads.
E2E_AGENT, E2E_KEY = "agent://local/dev/agent-two", "axp-dev-agent2"


def create_body(agent: str) -> bytes:
    return json.dumps(
        {"intent_type": "bench.run.v1", "correlation_id": str(uuid.uuid4()), "to_agent": agent, "payload": {"n": 1}}
    ).encode()


def stream_path(agent: str) -> str:
    return f"/v1/agents/{agent.removeprefix('agent://')}/intents/stream"


class Conn:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, host: str, port: int, key: str) -> None:
        self.host, self.port, self.key = host, port, key
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _ensure(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self.reader is None or self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port, limit=2**20)
        return self.reader, self.writer

    def _send(self, writer: asyncio.StreamWriter, method: str, path: str, body: bytes | None, extra: str) -> None:
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\nx-api-key: {self.key}\r\n{extra}"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        writer.write(head.encode() + b"\r\n" + (body or b""))

    @staticmethod
    async def _head(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
        raw = await reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        return status, headers

    async def request(self, method: str, path: str, body: bytes | None = None, extra: str = "") -> tuple[int, bytes]:
        reader, writer = await self._ensure()
        self._send(writer, method, path, body, extra)
        status, headers = await self._head(reader)
        data = await reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection") == "close":
            self.close()
        return status, data

    async def stream(self, path: str) -> AsyncIterator[tuple[str, str]]:
        """(event, data) of an SSE window; read it to the end to use the connection again."""
        reader, writer = await self._ensure()
        self._send(writer, "GET", path, None, "")
        status, headers = await self._head(reader)
        if status != 200:
            await reader.readexactly(int(headers.get("content-length", "0")))
            raise RuntimeError(f"stream {path} answered {status}")
        buffer = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                return
            buffer += chunk[:-2]
            while b"\n\n" in buffer:
                block, buffer = buffer.split(b"\n\n", 1)
                event = data = ""
                for line in block.decode().split("\n"):
                    if line.startswith("event: "):
                        event = line[7:]
                    elif line.startswith("data: "):
                        data = line[6:]
                if event:
                    yield event, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def split(url: str) -> tuple[str, int]:
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    return host, int(port)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else float("nan")


# ---- end to end: send -> agent stream -> resume complete -> wait_for ---------------------------------


async def agent(host: str, port: int, stop: float, workers: int) -> None:
    """The agent: one delivery stream, resumes issued concurrently as deliveries arrive."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    done = b'{"action":"complete","result":{"ok":true}}'

    async def resumer() -> None:
        conn = Conn(host, port, E2E_KEY)
        while True:
            intent_id = await queue.get()
            status, body = await conn.request("POST", f"/v1/intents/{intent_id}/resume", done)
            if status != 200:
                print(f"resume of {intent_id} answered {status}: {body[:300]!r}", file=sys.stderr, flush=True)
                os._exit(1)

    tasks = [asyncio.create_task(resumer()) for _ in range(workers)]
    conn = Conn(host, port, E2E_KEY)
    cursor = 0
    while time.monotonic() < stop:
        async for event, data in conn.stream(f"{stream_path(E2E_AGENT)}?since={cursor}&wait_seconds=5"):
            if event == "intent.delivered":
                record = json.loads(data)
                cursor = max(cursor, record["seq"])
                queue.put_nowait(record["intent_id"])
    for task in tasks:
        task.cancel()


async def e2e(url: str, concurrency: int, seconds: float) -> dict[str, Any]:
    host, port = split(url)
    warm = 1.0
    stop = time.monotonic() + warm + seconds
    agent_task = asyncio.create_task(agent(host, port, stop + 2, concurrency))
    latencies: list[float] = []
    finished = total = 0

    async def client() -> None:
        nonlocal finished, total
        conn, watch = Conn(host, port, CLIENT_KEY), Conn(host, port, CLIENT_KEY)
        while time.monotonic() < stop:
            began = time.perf_counter()
            status, body = await conn.request("POST", "/v1/intents", create_body(E2E_AGENT))
            if status != 200:
                raise RuntimeError(f"create answered {status}: {body[:200]!r}")
            intent_id = json.loads(body)["intent_id"]
            completed = False
            async for event, _ in watch.stream(f"/v1/intents/{intent_id}/events/stream?since=0&wait_seconds=30"):
                completed = completed or event == "intent.completed"  # the window closes right after it
            if not completed:
                raise RuntimeError(f"{intent_id} did not complete")
            total += 1
            if time.monotonic() > stop - seconds:
                finished += 1
                latencies.append((time.perf_counter() - began) * 1000)

    await asyncio.gather(*(client() for _ in range(concurrency)))
    agent_task.cancel()
    return {
        "intents_per_s": finished / seconds,
        "intents": total,
        "p50_ms": percentile(latencies, 0.5),
        "p99_ms": percentile(latencies, 0.99),
    }


# ---- idle observers -------------------------------------------------------------------------------


async def observers(url: str, count: int, intent_id: str) -> None:
    host, port = split(url)
    opened = 0

    async def connect() -> None:
        nonlocal opened
        conn = Conn(host, port, CLIENT_KEY)
        reader, writer = await conn._ensure()
        conn._send(writer, "GET", f"/v1/intents/{intent_id}/events/stream?since=2&wait_seconds=60", None, "")
        status, _ = await conn._head(reader)
        if status != 200:
            raise RuntimeError(f"observer answered {status}")
        opened += 1
        while await reader.read(65536):  # keepalives, then the window's end: reopen
            pass
        conn.close()
        await connect()

    tasks = [asyncio.create_task(connect()) for _ in range(count)]
    while opened < count:
        await asyncio.sleep(0.05)
    print(json.dumps({"observers": opened}), flush=True)
    await asyncio.gather(*tasks)


# ---- create-to-observed latency at a fixed rate ---------------------------------------------------------


async def latency(url: str, rate: float, seconds: float, watch_url: str | None = None) -> dict[str, Any]:
    host, port = split(url)
    watch_host, watch_port = split(watch_url or url)
    # An agent of this run's own: a stream that began with an earlier run's records to catch up
    # on would count that catching up as latency.
    probe = f"agent://local/dev/latency-probe-{uuid.uuid4().hex[:8]}"
    # Both sides by intent id, matched at the end: a delivery can be seen on the stream before the
    # create's own response has been read, and must still count.
    sent: dict[str, float] = {}
    acked: dict[str, float] = {}  # when the create's 2xx came back: the commit is durable by then
    seen_at: dict[str, float] = {}
    # The delivery record's own timestamp is taken inside the writing unit, before its commit:
    # wall clock at sight minus it bounds commit -> seen from above (same machine, same clock).
    since_written: dict[str, float] = {}
    stop = time.monotonic() + seconds
    pending: asyncio.Queue[Conn] = asyncio.Queue()
    for _ in range(64):
        pending.put_nowait(Conn(host, port, CLIENT_KEY))
    ready = asyncio.Event()

    async def watch() -> None:
        conn = Conn(watch_host, watch_port, ADMIN_KEY)
        cursor = 0
        while time.monotonic() < stop + 2:
            ready.set()
            async for event, data in conn.stream(f"{stream_path(probe)}?since={cursor}&wait_seconds=2"):
                if event == "intent.delivered":
                    now, wall = time.perf_counter(), time.time()
                    record = json.loads(data)
                    cursor = max(cursor, record["seq"])
                    if record["intent_id"] not in seen_at:
                        seen_at[record["intent_id"]] = now
                        written = datetime.fromisoformat(record["at"].replace("Z", "+00:00")).timestamp()
                        since_written[record["intent_id"]] = (wall - written) * 1000

    async def one() -> None:
        conn = await pending.get()
        began = time.perf_counter()
        status, body = await conn.request("POST", "/v1/intents", create_body(probe))
        pending.put_nowait(conn)
        if status == 200:
            intent_id = json.loads(body)["intent_id"]
            sent[intent_id], acked[intent_id] = began, time.perf_counter()

    watcher = asyncio.create_task(watch())
    await ready.wait()
    await asyncio.sleep(0.2)
    tasks = []
    start = time.monotonic()
    for n in itertools.count():
        due = start + n / rate
        if due >= stop:
            break
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one()))
    await asyncio.gather(*tasks)
    await asyncio.sleep(1.0)
    watcher.cancel()
    seen = [(seen_at[intent_id] - began) * 1000 for intent_id, began in sent.items() if intent_id in seen_at]
    # The two parts of each latency: the create itself (sent -> 2xx), and what the stream took
    # beyond the 2xx (0 when the stream saw the record first).
    create_ms = [(acked[i] - began) * 1000 for i, began in sent.items()]
    after_ms = [max(0.0, seen_at[i] - acked[i]) * 1000 for i in sent if i in seen_at]
    written_ms = [since_written[i] for i in sent if i in since_written]  # not records of earlier runs
    return {
        "rate": rate,
        "observed": len(seen),
        "sent": len(tasks),
        "created": len(sent),
        "unseen": sorted(intent_id for intent_id in sent if intent_id not in seen_at),
        "p50_ms": percentile(seen, 0.5),
        "p99_ms": percentile(seen, 0.99),
        "create_p50_ms": percentile(create_ms, 0.5),
        "create_p99_ms": percentile(create_ms, 0.99),
        "after_ack_p50_ms": percentile(after_ms, 0.5),
        "after_ack_p99_ms": percentile(after_ms, 0.99),
        "written_p50_ms": percentile(written_ms, 0.5),
        "written_p99_ms": percentile(written_ms, 0.99),
    }


# ---- creates without wrk ----------------------------------------------------------------------------------


async def creates(url: str, connections: int, seconds: float, keyed: bool) -> dict[str, Any]:
    host, port = split(url)
    done = errors = 0
    stop = time.monotonic() + seconds
    serial = itertools.count()

    async def worker() -> None:
        nonlocal done, errors
        conn = Conn(host, port, CLIENT_KEY)
        while time.monotonic() < stop:
            extra = f"Idempotency-Key: k-{os.getpid()}-{next(serial)}\r\n" if keyed else ""
            status, _ = await conn.request("POST", "/v1/intents", create_body("agent://local/dev/agent"), extra)
            done += status == 200
            errors += status != 200

    began = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(connections)))
    return {"creates_per_s": done / (time.monotonic() - began), "creates": done, "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["e2e", "observers", "latency", "creates"])
    parser.add_argument("url")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--intent", default="")
    parser.add_argument("--rate", type=float, default=500.0)
    parser.add_argument("--keyed", action="store_true")
    parser.add_argument("--watch", help="latency: the instance whose agent stream observes (default: URL)")
    args = parser.parse_args()
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    if args.mode == "e2e":
        result = asyncio.run(e2e(args.url, args.concurrency, args.seconds))
    elif args.mode == "observers":
        asyncio.run(observers(args.url, args.count, args.intent))
        return
    elif args.mode == "latency":
        result = asyncio.run(latency(args.url, args.rate, args.seconds, args.watch))
    else:
        result = asyncio.run(creates(args.url, args.connections, args.seconds, args.keyed))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
