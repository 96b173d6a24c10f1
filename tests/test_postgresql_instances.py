"""Several ``axp serve`` processes on one PostgreSQL database act as one platform (issue 10).

- A stream on one instance is woken by a commit on another (LISTEN/NOTIFY), not by polling.
- Failover: 3 instances, a load of keyed creates, 50 SSE observers and one agent spread over
  them; one instance is killed with SIGKILL mid-load, at a moment it holds leases on due timers
  (the other two are paused with SIGSTOP while the timers fall due, so that it alone claims
  them). Then: no acknowledged write is lost and every intent is whole (read from the database); every
  observer of the dead instance reconnects to a live one with ``Last-Event-ID`` and sees a
  gap-free sequence up to the terminal event; the dead instance's due timers fire on the others
  within lease expiry + 1 s, each exactly once.
"""

from __future__ import annotations

import asyncio
import json
import random
import signal
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import psycopg

from axp.lifecycle import LIFECYCLE
from axp.server.runner import ServerProcess
from tests import pgcluster
from tests.test_server_crash import QUERIES, Acked, check_rows

CLIENT = {"x-api-key": "axp-dev-client"}
AGENT = {"x-api-key": "axp-dev-agent"}
AGENT_ADDR, IDLE_ADDR = "agent://local/dev/agent", "agent://local/dev/agent-two"
LEASE = 2.0  # --timer-lease of the instances, seconds
OBSERVERS = 50
TIMERS = 60  # deadlines, all due at one instant


def body(to: str = AGENT_ADDR, **extra: Any) -> dict[str, Any]:
    return {"intent_type": "order.fulfill.v1", "correlation_id": str(uuid.uuid4()), "to_agent": to, "payload": {}, **extra}


def start_instances(url: str, tmp_path: Path, stack: ExitStack, count: int) -> list[ServerProcess]:
    servers = []
    for n in range(count):
        server = ServerProcess(url, ["--timer-lease", str(LEASE), "--log-level", "warning"], log_path=tmp_path / f"i{n}.log")
        stack.callback(server.stop)
        servers.append(server.start())
    return servers


def test_a_commit_on_one_instance_reaches_a_stream_on_another(pg_url: str, tmp_path: Path) -> None:
    with ExitStack() as stack:
        a, b = start_instances(pg_url, tmp_path, stack, 2)
        with httpx.Client(trust_env=False, timeout=30) as http:
            intent_id = http.post(f"{a.base_url}/v1/intents", json=body(), headers=CLIENT).json()["intent_id"]
            path = f"{b.base_url}/v1/intents/{intent_id}/events/stream?since=2&wait_seconds=60"
            with http.stream("GET", path, headers=CLIENT) as stream:  # the answer has started: B is subscribed
                started = time.monotonic()
                assert http.post(f"{a.base_url}/v1/intents/{intent_id}/cancel", headers=CLIENT).status_code == 200
                for line in stream.iter_lines():
                    if line == "event: intent.canceled":
                        break
                latency = time.monotonic() - started
        # Woken by the NOTIFY, not by a poll: the window would otherwise sit idle for 60 s.
        assert latency < 10, f"the stream on B saw A's commit only after {latency:.2f}s"


# ---- failover ------------------------------------------------------------------------------------


@dataclass
class Platform:
    servers: list[ServerProcess]
    victim: ServerProcess
    killed: asyncio.Event = field(default_factory=asyncio.Event)
    acked: Acked = field(default_factory=Acked)
    errors: list[str] = field(default_factory=list)

    def live(self) -> list[ServerProcess]:
        return [s for s in self.servers if not (self.killed.is_set() and s is self.victim)]

    async def post(self, http: httpx.AsyncClient, path: str, payload: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
        """POST with an Idempotency-Key, on another live instance whenever one does not answer."""
        for attempt in range(20):
            server = random.choice(self.live())
            try:
                response = await http.post(f"{server.base_url}{path}", json=payload, headers=headers)
            except httpx.TransportError:
                await asyncio.sleep(0.05 * attempt)
                continue
            if response.status_code != 503:
                return response
            await asyncio.sleep(0.05 * attempt)
        raise AssertionError(f"no live instance answered POST {path}")


def frames(lines: list[str]) -> dict[str, Any]:
    frame: dict[str, Any] = {}
    for line in lines:
        name, _, value = line.partition(": ")
        frame[name] = value
    return frame


async def follow(
    http: httpx.AsyncClient, platform: Platform, start: ServerProcess, path: str, headers: dict[str, str], on_frame: Any
) -> tuple[int, bool]:
    """Follow an SSE resource across windows and instances, resuming with ``Last-Event-ID``;
    ``on_frame`` returns True when the story is over. Returns (reconnects after a failure, done)."""
    server, last, reconnects = start, 0, 0
    while True:
        sent = {**headers, **({"Last-Event-ID": str(last)} if last else {})}
        try:
            async with http.stream("GET", f"{server.base_url}{path}", headers=sent) as response:
                assert response.status_code == 200, await response.aread()
                pending: list[str] = []
                async for line in response.aiter_lines():
                    if line:
                        pending.append(line)
                        continue
                    frame, pending = frames(pending), []
                    if "event" not in frame or frame["event"] == "stream.timeout":
                        continue
                    last = int(frame["id"])
                    if on_frame(frame["event"], json.loads(frame["data"])):
                        return reconnects, True
        except httpx.TransportError:
            reconnects += 1
            await asyncio.sleep(0.05)
            server = random.choice([s for s in platform.live() if s is not server] or platform.live())


async def observe(http: httpx.AsyncClient, platform: Platform, server: ServerProcess, intent_id: str) -> dict[str, Any]:
    seqs: list[int] = []

    def on_event(event_type: str, event: dict[str, Any]) -> bool:
        seqs.append(event["seq"])
        return LIFECYCLE.is_terminal(event["status"])

    reconnects, _ = await follow(
        http, platform, server, f"/v1/intents/{intent_id}/events/stream?wait_seconds=20", CLIENT, on_event
    )
    return {"intent_id": intent_id, "first": server, "seqs": seqs, "reconnects": reconnects}


async def agent(http: httpx.AsyncClient, platform: Platform, observed: set[str], finish_observed: asyncio.Event) -> int:
    """One agent, on the agent stream: starts every intent handed to it and completes it at once,
    except the observed ones, which it completes only after the kill (so their observers live
    through it). Every write is keyed, so a retry on another instance is safe."""
    held: list[str] = []
    handled = 0

    async def write(intent_id: str, action: str) -> None:
        sent = {"action": action, **({"result": {"ok": True}} if action == "complete" else {})}
        headers = {**AGENT, "Idempotency-Key": f"{action}-{intent_id}"}
        response = await platform.post(http, f"/v1/intents/{intent_id}/resume", sent, headers)
        if response.status_code != 200:
            platform.errors.append(f"resume {action}: {response.status_code} {response.text[:200]}")
            return
        answer = response.json()
        with platform.acked.lock:
            platform.acked.writes.extend((intent_id, e["seq"], e["event_type"]) for e in answer["events"])

    async def handle(intent_id: str) -> None:
        await write(intent_id, "start")
        if intent_id in observed:
            held.append(intent_id)
        else:
            await write(intent_id, "complete")

    tasks: set[asyncio.Task[None]] = set()

    def on_delivery(event_type: str, record: dict[str, Any]) -> bool:
        nonlocal handled
        handled += 1
        task = asyncio.ensure_future(handle(record["intent_id"]))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        return False  # the agent works until it is stopped

    path = "/v1/agents/local/dev/agent/intents/stream?wait_seconds=5"
    stream = asyncio.ensure_future(follow(http, platform, platform.victim, path, AGENT, on_delivery))
    await finish_observed.wait()
    while len(held) < len(observed):
        await asyncio.sleep(0.05)
    await asyncio.gather(*(write(i, "complete") for i in list(held)))
    stream.cancel()
    await asyncio.gather(stream, *tasks, return_exceptions=True)
    return handled


async def create(http: httpx.AsyncClient, platform: Platform, payload: dict[str, Any]) -> str:
    key = f"create-{uuid.uuid4()}"
    response = await platform.post(http, "/v1/intents", payload, {**CLIENT, "Idempotency-Key": key})
    assert response.status_code == 200, response.text
    intent_id = str(response.json()["intent_id"])
    with platform.acked.lock:
        platform.acked.creates[intent_id] = key
    return intent_id


async def creator(http: httpx.AsyncClient, platform: Platform, stop: asyncio.Event) -> None:
    while not stop.is_set():
        await create(http, platform, body())
        await asyncio.sleep(0.01)


def leases_of(conn: Any, server: ServerProcess) -> list[tuple[str, float]]:
    """The deadline timers ``server`` holds a live lease on (claimed, not fired yet)."""
    assert server.proc is not None
    rows = conn.execute(
        "SELECT intent_id, lease_until FROM timers WHERE kind = 'deadline' AND lease_owner LIKE %s AND lease_until > %s",
        (f"%:{server.proc.pid}:%", time.time()),
    ).fetchall()
    return [(str(r[0]), float(r[1])) for r in rows]


def epoch(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(UTC).timestamp()


async def run_failover(url: str, servers: list[ServerProcess]) -> dict[str, Any]:
    platform = Platform(servers, servers[0])
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=100)
    async with httpx.AsyncClient(trust_env=False, timeout=30, limits=limits) as http:
        # Deadlines that all fall due at one instant, on intents nobody works on (far enough
        # ahead for a slow machine to create them all; the load runs meanwhile).
        due_at = time.time() + 20
        deadline = datetime.fromtimestamp(due_at, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        sem = asyncio.Semaphore(30)

        async def timed(n: int) -> str:
            async with sem:
                return await create(http, platform, body(IDLE_ADDR, deadline_at=deadline))

        observed_ids = await asyncio.gather(*(create(http, platform, body()) for _ in range(OBSERVERS)))
        finish = asyncio.Event()
        stop = asyncio.Event()
        observers = [asyncio.ensure_future(observe(http, platform, servers[n % 3], i)) for n, i in enumerate(observed_ids)]
        the_agent = asyncio.ensure_future(agent(http, platform, set(observed_ids), finish))
        creators = [asyncio.ensure_future(creator(http, platform, stop)) for _ in range(2)]
        timed_ids = await asyncio.gather(*(timed(n) for n in range(TIMERS)))
        assert time.time() < due_at - 1, "setting up took too long for the planned deadline"

        # The others pause (SIGSTOP) while the deadlines fall due, so the victim alone claims
        # them; it is killed the moment it holds leases on timers it has not fired yet.
        while time.time() < due_at - 0.5:
            await asyncio.sleep(0.05)
        others = [s for s in servers if s is not platform.victim]
        with psycopg.connect(url, autocommit=True) as conn:
            for server in others:
                server.signal(signal.SIGSTOP)
            try:
                orphans: list[tuple[str, float]] = []
                give_up = time.time() + 15
                while not orphans and time.time() < give_up:
                    orphans = await asyncio.to_thread(leases_of, conn, platform.victim)
                platform.victim.kill9()
                platform.killed.set()
                killed_at = time.time()
                orphans = await asyncio.to_thread(leases_of, conn, platform.victim)  # what it could not fire
            finally:
                for server in others:
                    server.signal(signal.SIGCONT)

        await asyncio.sleep(0.5)  # the load goes on against the survivors
        finish.set()
        handled = await asyncio.wait_for(the_agent, 120)
        results = await asyncio.wait_for(asyncio.gather(*observers), 120)
        stop.set()
        await asyncio.gather(*creators)
        # Every deadline has fired by now, or will within the lease.
        await asyncio.sleep(max(0.0, max((until for _, until in orphans), default=0) + 1.5 - time.time()))
    return {
        "platform": platform,
        "timed": timed_ids,
        "observed": observed_ids,
        "orphans": orphans,
        "killed_at": killed_at,
        "observers": results,
        "handled": handled,
    }


def test_failover_kill_9_one_of_three_instances_mid_load(pg_url: str, tmp_path: Path) -> None:
    with ExitStack() as stack:
        servers = start_instances(pg_url, tmp_path, stack, 3)
        started = time.monotonic()
        outcome = asyncio.run(run_failover(pg_url, servers))
        elapsed = time.monotonic() - started
    platform: Platform = outcome["platform"]
    assert platform.errors == [], platform.errors[:5]

    # 1. Nothing acknowledged is lost; every intent is whole (events 1..last_seq, status agrees).
    rows = [pgcluster.sql(pg_url, q.replace("doc FROM", "doc::text FROM")) for q in QUERIES]
    total = check_rows(rows, platform.acked)
    assert total >= TIMERS + OBSERVERS

    # 2. Observers: gap-free to the terminal event; those of the dead instance moved to a live one.
    victims = [o for o in outcome["observers"] if o["first"] is platform.victim]
    assert len(victims) >= OBSERVERS // 3
    for seen in outcome["observers"]:
        assert seen["seqs"] == list(range(1, len(seen["seqs"]) + 1)), seen
        assert len(seen["seqs"]) >= 5  # CREATED, SUBMITTED, DELIVERED, IN_PROGRESS, COMPLETED
    assert all(o["reconnects"] >= 1 for o in victims), "an observer of the dead instance never reconnected"

    # 3. Timers: the dead instance's leased deadlines fired within lease expiry + 1 s; every
    #    deadline fired exactly once.
    assert outcome["orphans"], "the victim held no unfired lease when it was killed"
    fired: dict[str, list[float]] = {}
    for intent_id, doc in pgcluster.sql(
        pg_url, "SELECT intent_id, doc::text FROM events WHERE doc->>'event_type' = 'intent.timed_out'"
    ):
        fired.setdefault(intent_id, []).append(epoch(json.loads(doc)["at"]))
    assert sorted(fired) == sorted(outcome["timed"]) and all(len(v) == 1 for v in fired.values())
    late = [(i, fired[i][0] - until) for i, until in outcome["orphans"] if fired[i][0] > until + 1.0]
    assert late == [], f"taken over later than lease expiry + 1 s: {late[:5]}"
    print(
        f"\nfailover: {total} intents, {len(platform.acked.creates)} acked creates, {len(platform.acked.writes)} acked events, "
        f"{len(victims)} observers moved, {len(outcome['orphans'])} orphaned timers taken over "
        f"(latest {max(fired[i][0] - u for i, u in outcome['orphans']):+.2f}s after lease expiry), {elapsed:.1f}s"
    )
