"""Streams are woken by commits, not by polling (issue 9): idle observers cost no storage reads,
however many there are, and a commit wakes only the streams of what it touched; on SQLite and on
PostgreSQL."""

from __future__ import annotations

import json
import socket
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from axp.server.config import ServerConfig
from axp.server.runner import serve_in_thread
from axp.server.storage import SQLiteStorage
from axp.server.storage.postgresql import PostgresStorage, is_url
from tests.pgcluster import both_backends  # noqa: F401  (these server tests run on SQLite and PostgreSQL)

CLIENT = {"x-api-key": "axp-dev-client"}
AGENT = {"x-api-key": "axp-dev-agent"}


Backend = SQLiteStorage | PostgresStorage  # both count their reads


@pytest.fixture
def watched(server_db: str) -> Iterator[tuple[str, Backend]]:
    storage: Backend = PostgresStorage(server_db) if is_url(server_db) else SQLiteStorage(server_db)
    config = ServerConfig.dev(server_db, log_requests=False, keepalive_seconds=0.5)
    with serve_in_thread(config, storage=storage) as base:
        yield base, storage


def create(http: httpx.Client) -> str:
    body = {"intent_type": "a.b.v1", "correlation_id": str(uuid.uuid4()), "to_agent": "agent://local/dev/agent", "payload": {}}
    return str(http.post("/v1/intents", json=body, headers=CLIENT).json()["intent_id"])


def observe(base: str, intent_id: str, since: int = 2, wait_seconds: int = 60) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=30)
    path = f"/v1/intents/{intent_id}/events/stream?since={since}&wait_seconds={wait_seconds}"
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nx-api-key: axp-dev-client\r\n\r\n".encode())
    return sock


def settle(storage: Backend, subscriptions: int) -> None:
    deadline = time.monotonic() + 60
    while storage.notifier.subscriptions < subscriptions:
        assert time.monotonic() < deadline, f"only {storage.notifier.subscriptions} of {subscriptions} streams opened"
        time.sleep(0.05)
    time.sleep(0.3)  # the windows' first reads are done


def reads_while_idle(storage: Backend, seconds: float = 2.0) -> int:
    before = storage.reads
    time.sleep(seconds)
    return storage.reads - before


def test_idle_observers_cost_no_reads_and_a_commit_wakes_only_its_streams(watched: tuple[str, Backend]) -> None:
    base, storage = watched
    sockets: list[socket.socket] = []
    try:
        with httpx.Client(base_url=base, trust_env=False, timeout=30) as http:
            target, unrelated = create(http), create(http)
            sockets += [observe(base, target) for _ in range(10)]
            settle(storage, 10)
            few = reads_while_idle(storage)
            sockets += [observe(base, target) for _ in range(190)]
            settle(storage, 200)
            many = reads_while_idle(storage)  # keepalives flow every 0.5 s meanwhile
            assert many <= few + 2 and many <= 3, f"idle reads grew with observers: {few} with 10, {many} with 200"

            before = storage.reads
            assert http.post(f"/v1/intents/{unrelated}/cancel", headers=CLIENT).status_code == 200
            time.sleep(0.5)
            assert storage.reads - before <= 5, "a commit on another intent woke the observers"

            before = storage.reads
            assert http.post(f"/v1/intents/{target}/cancel", headers=CLIENT).status_code == 200
            for sock in sockets:
                seen = b""
                while b"event: intent.canceled" not in seen:
                    chunk = sock.recv(65536)
                    assert chunk, "the stream ended without the terminal event"
                    seen += chunk
            woken = storage.reads - before
            assert 200 <= woken <= 2 * 200 + 5, woken  # each observer read its news once (twice at most)
    finally:
        for sock in sockets:
            sock.close()


def test_a_missed_wake_up_costs_latency_never_a_stale_timeout(
    watched: tuple[str, Backend], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared backend can lose a notification; the window's last look before stream.timeout
    still sends what was committed meanwhile and reports where the log really ends."""
    base, storage = watched
    with httpx.Client(base_url=base, trust_env=False, timeout=30) as http:
        intent_id = create(http)
        assert http.post(f"/v1/intents/{intent_id}/ack", headers=AGENT).status_code == 200
        before = http.get(f"/v1/intents/{intent_id}/events", headers=CLIENT).json()["events"][-1]["seq"]
        monkeypatch.setattr(storage.notifier, "publish", lambda keys: None)  # every wake-up is lost
        sock = observe(base, intent_id, since=before, wait_seconds=2)
        try:
            settle(storage, 1)
            started = http.post(f"/v1/intents/{intent_id}/resume", json={"action": "start"}, headers=AGENT)
            assert started.status_code == 200, started.text
            seen = b""
            while b"event: stream.timeout" not in seen:
                chunk = sock.recv(65536)
                assert chunk, "the stream ended without stream.timeout"
                seen += chunk
        finally:
            sock.close()
        last = http.get(f"/v1/intents/{intent_id}/events", headers=CLIENT).json()["events"][-1]
    assert last["seq"] == before + 1 and last["event_type"] == "intent.in_progress"
    assert f"id: {last['seq']}\n".encode() in seen, "the committed event was never sent"
    timeout = seen.split(b"event: stream.timeout\ndata: ", 1)[1].split(b"\n", 1)[0]
    assert json.loads(timeout) == {"ok": True, "next_seq": last["seq"] + 1, "last_seq": last["seq"]}


def test_a_client_that_leaves_ends_its_window_at_once(watched: tuple[str, SQLiteStorage]) -> None:
    """The stream notices the closed socket and drops its subscription long before its 60 s wait
    (or a keepalive write) would end it: nothing lingers for a client that is gone."""
    base, storage = watched
    with httpx.Client(base_url=base, trust_env=False, timeout=30) as http:
        intent_id = create(http)
    sockets = [observe(base, intent_id) for _ in range(5)]
    try:
        settle(storage, 5)
    finally:
        for sock in sockets:
            sock.close()
    deadline = time.monotonic() + 30
    while storage.notifier.subscriptions:
        assert time.monotonic() < deadline, f"{storage.notifier.subscriptions} windows outlived their clients"
        time.sleep(0.05)
    assert reads_while_idle(storage, 1.0) == 0
