"""Streams are woken by commits, not by polling (issue 9): idle observers cost no storage reads,
however many there are, and a commit wakes only the streams of what it touched."""

from __future__ import annotations

import socket
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from axp.server.config import ServerConfig
from axp.server.runner import serve_in_thread
from axp.server.storage import SQLiteStorage

CLIENT = {"x-api-key": "axp-dev-client"}


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[str, SQLiteStorage]]:
    storage = SQLiteStorage(str(tmp_path / "wake.db"))
    config = ServerConfig.dev(storage.path, log_requests=False, keepalive_seconds=0.5)
    with serve_in_thread(config, storage=storage) as base:
        yield base, storage


def create(http: httpx.Client) -> str:
    body = {"intent_type": "a.b.v1", "correlation_id": str(uuid.uuid4()), "to_agent": "agent://local/dev/agent", "payload": {}}
    return str(http.post("/v1/intents", json=body, headers=CLIENT).json()["intent_id"])


def observe(base: str, intent_id: str) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=30)
    path = f"/v1/intents/{intent_id}/events/stream?since=2&wait_seconds=60"
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nx-api-key: axp-dev-client\r\n\r\n".encode())
    return sock


def settle(storage: SQLiteStorage, subscriptions: int) -> None:
    deadline = time.monotonic() + 60
    while storage.notifier.subscriptions < subscriptions:
        assert time.monotonic() < deadline, f"only {storage.notifier.subscriptions} of {subscriptions} streams opened"
        time.sleep(0.05)
    time.sleep(0.3)  # the windows' first reads are done


def reads_while_idle(storage: SQLiteStorage, seconds: float = 2.0) -> int:
    before = storage.reads
    time.sleep(seconds)
    return storage.reads - before


def test_idle_observers_cost_no_reads_and_a_commit_wakes_only_its_streams(watched: tuple[str, SQLiteStorage]) -> None:
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
