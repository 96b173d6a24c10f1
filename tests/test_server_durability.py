"""Timers survive kill -9: a deadline that passes while the server is down fires after the restart,
on SQLite and on PostgreSQL.

kill -9 under write load is tests/test_server_crash.py."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx

from axp.server.runner import ServerProcess
from axp.validate import check_stream
from tests.pgcluster import both_backends  # noqa: F401  (these server tests run on SQLite and PostgreSQL)

HEADERS = {"x-api-key": "axp-dev-client"}


def body(**extra: object) -> dict[str, object]:
    return {
        "intent_type": "order.fulfill.v1",
        "correlation_id": str(uuid.uuid4()),
        "to_agent": "agent://local/dev/agent",
        "payload": {},
        **extra,
    }


def test_deadline_that_passes_while_down_fires_after_restart(server_db: str) -> None:
    server = ServerProcess(server_db).start()
    deadline = (datetime.now(UTC) + timedelta(seconds=1)).isoformat().replace("+00:00", "Z")
    with httpx.Client(base_url=server.base_url, headers=HEADERS, trust_env=False) as c:
        intent_id = c.post("/v1/intents", json=body(deadline_at=deadline)).json()["intent_id"]
    server.kill9()
    time.sleep(1.5)
    server.start()
    try:
        with httpx.Client(base_url=server.base_url, headers=HEADERS, trust_env=False) as c:
            status = ""
            for _ in range(300):  # up to 30 s on a loaded machine; normally well under 1 s
                status = c.get(f"/v1/intents/{intent_id}").json()["intent"]["status"]
                if status == "TIMED_OUT":
                    break
                time.sleep(0.1)
            assert status == "TIMED_OUT"
            events = c.get(f"/v1/intents/{intent_id}/events").json()["events"]
            assert events[-1]["event_type"] == "intent.timed_out" and check_stream(events) == []
    finally:
        server.stop()
