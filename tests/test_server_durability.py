"""Durability with a real process and kill -9: nothing acknowledged is lost; timers fire after restart."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from axp.server.runner import ServerProcess
from axp.validate import check_stream

HEADERS = {"x-api-key": "axp-dev-client"}


def body(**extra: object) -> dict[str, object]:
    return {
        "intent_type": "order.fulfill.v1",
        "correlation_id": str(uuid.uuid4()),
        "to_agent": "agent://local/dev/agent",
        "payload": {},
        **extra,
    }


def test_kill_9_under_load_loses_nothing_acknowledged(tmp_path: Path) -> None:
    server = ServerProcess(tmp_path / "crash.db").start()
    acknowledged: list[str] = []
    stop = threading.Event()

    def load() -> None:
        with httpx.Client(base_url=server.base_url, headers=HEADERS, timeout=5, trust_env=False) as c:
            while not stop.is_set():
                try:
                    response = c.post("/v1/intents", json=body())
                except httpx.HTTPError:
                    return
                if response.status_code == 200:
                    acknowledged.append(response.json()["intent_id"])

    workers = [threading.Thread(target=load) for _ in range(4)]
    for w in workers:
        w.start()
    time.sleep(1.5)
    server.kill9()
    stop.set()
    for w in workers:
        w.join(timeout=10)
    assert len(acknowledged) > 10
    server.start()
    try:
        with httpx.Client(base_url=server.base_url, headers=HEADERS, timeout=10, trust_env=False) as c:
            for intent_id in acknowledged:
                events = c.get(f"/v1/intents/{intent_id}/events").json()["events"]
                assert [e["seq"] for e in events] == [1, 2], intent_id
                assert check_stream(events) == []
    finally:
        server.stop()


def test_deadline_that_passes_while_down_fires_after_restart(tmp_path: Path) -> None:
    server = ServerProcess(tmp_path / "deadline.db").start()
    deadline = (datetime.now(UTC) + timedelta(seconds=1)).isoformat().replace("+00:00", "Z")
    with httpx.Client(base_url=server.base_url, headers=HEADERS, trust_env=False) as c:
        intent_id = c.post("/v1/intents", json=body(deadline_at=deadline)).json()["intent_id"]
    server.kill9()
    time.sleep(1.5)
    server.start()
    try:
        with httpx.Client(base_url=server.base_url, headers=HEADERS, trust_env=False) as c:
            status = ""
            for _ in range(50):
                status = c.get(f"/v1/intents/{intent_id}").json()["intent"]["status"]
                if status == "TIMED_OUT":
                    break
                time.sleep(0.1)
            assert status == "TIMED_OUT"
            events = c.get(f"/v1/intents/{intent_id}/events").json()["events"]
            assert events[-1]["event_type"] == "intent.timed_out" and check_stream(events) == []
    finally:
        server.stop()
