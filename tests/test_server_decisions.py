"""Decisions D2, D7, D8, D9 and D11 wired into the reference server, over a real socket, on a real
SQLite file and on PostgreSQL (D1, D3, D5, D6 and D10 are tests/test_server_wiring.py)."""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from axp.capabilities import core_names
from axp.server.config import ServerConfig
from axp.server.runner import serve_in_thread
from axp.server.storage import sqlite as sqlite_storage
from tests.conftest import ADMIN, AGENT, CLIENT, Api, intent_body
from tests.pgcluster import both_backends  # noqa: F401  (these server tests run on SQLite and PostgreSQL)
from tests.test_server_api import assert_error

# ---- D2: an unclaimed optional capability answers like a route the server does not serve ----------


@pytest.fixture
def core_only(server_db: str) -> Iterator[str]:
    config = ServerConfig.dev(server_db, capabilities=[], log_requests=False)
    with serve_in_thread(config) as base_url:
        yield base_url


def test_unclaimed_capabilities_answer_404_or_405_with_allow_never_501(core_only: str) -> None:
    unknown = uuid.uuid4()
    with httpx.Client(base_url=core_only, headers={"x-api-key": CLIENT}, trust_env=False, timeout=30) as http:
        claimed = {c["name"] if isinstance(c, dict) else c for c in http.get("/v1/capabilities").json()["capabilities"]}
        assert claimed == set(core_names())
        intent_id = http.post("/v1/intents", json=intent_body()).json()["intent_id"]  # core still works
        listing = http.get("/v1/intents")  # intents.list is optional; the path serves create (core)
        assert_error(listing, 405, "method_not_allowed")
        assert listing.headers["allow"] == "POST"
        for method, path in [
            ("POST", f"/v1/intents/{intent_id}/cancel"),
            ("POST", f"/v1/intents/{intent_id}/resume"),
            ("POST", f"/v1/intents/{intent_id}/ack"),
            ("POST", f"/v1/intents/{intent_id}/controls"),
            ("GET", "/v1/agents/local/dev/agent/intents/stream"),
            ("GET", "/v1/agents/local/dev/agent/intents"),
            ("PUT", "/v1/agents/local/dev/agent/push"),
        ]:
            for headers in ({}, {"x-api-key": ""}):  # the same with and without a credential (D1)
                assert_error(http.request(method, path, json={}, headers=headers), 404, "not_found")
        assert http.get(f"/v1/intents/{unknown}").status_code == 404  # a core route: intent_not_found
        assert http.get(f"/v1/intents/{intent_id}").status_code == 200


# ---- D7: resume, cancel and ack bodies are optional ------------------------------------------------


def test_resume_cancel_and_ack_take_no_body(api: dict[str, Api]) -> None:
    agent, client = api["agent"].http, api["client"].http
    acked = api["client"].create()["intent_id"]
    answer = agent.post(f"/v1/intents/{acked}/ack")
    assert answer.status_code == 200, answer.text
    assert [e["event_type"] for e in answer.json()["events"]][-1] == "intent.acknowledged"
    waiting = api["client"].create()["intent_id"]
    assert agent.post(f"/v1/intents/{waiting}/resume", json={"action": "start"}).status_code == 200
    assert agent.post(f"/v1/intents/{waiting}/resume", json={"action": "wait", "waiting_reason": "WAITING_FOR_TOOL"}).is_success
    resumed = agent.post(f"/v1/intents/{waiting}/resume")  # no body: continue the WAITING intent
    assert resumed.status_code == 200, resumed.text
    assert resumed.json()["intent"]["status"] == "IN_PROGRESS"
    canceled = client.post(f"/v1/intents/{waiting}/cancel")
    assert canceled.status_code == 200, canceled.text
    assert canceled.json()["intent"]["status"] == "CANCELED"
    empty = agent.post(f"/v1/intents/{acked}/resume", content=b"", headers={"Content-Type": "application/json"})
    assert_error(empty, 409, "invalid_transition")  # read as no body: only a WAITING intent continues


# ---- D8: cancel and controls belong to the sender or an admin --------------------------------------


def test_cancel_and_controls_are_the_sender_or_an_admin(api: dict[str, Api]) -> None:
    patch = {"controls_patch": {"max_reminders": 2}}
    intent_id = api["client"].create()["intent_id"]
    assert_error(api["agent"].http.post(f"/v1/intents/{intent_id}/cancel"), 403, "policy_denied")  # addressed, not sender
    assert_error(api["agent"].http.post(f"/v1/intents/{intent_id}/controls", json=patch), 403, "policy_denied")
    assert_error(api["agent2"].http.post(f"/v1/intents/{intent_id}/cancel"), 404, "intent_not_found")  # not a party
    changed = api["admin"].http.post(f"/v1/intents/{intent_id}/controls", json=patch)
    assert changed.status_code == 200, changed.text
    assert api["client"].http.post(f"/v1/intents/{intent_id}/controls", json=patch).status_code == 200
    assert api["client"].http.post(f"/v1/intents/{intent_id}/cancel").status_code == 200
    other = api["client"].create()["intent_id"]
    assert api["admin"].http.post(f"/v1/intents/{other}/cancel").status_code == 200


# ---- D9: the platform's own events say actor "platform" --------------------------------------------


def test_a_deadline_fired_by_the_platform_has_actor_platform(api: dict[str, Api]) -> None:
    deadline = (datetime.now(UTC) + timedelta(seconds=1)).isoformat().replace("+00:00", "Z")
    intent_id = api["client"].create(deadline_at=deadline)["intent_id"]
    events: list[dict[str, object]] = []
    for _ in range(300):  # up to 30 s on a loaded machine; normally about 1 s
        events = api["client"].events(intent_id)
        if events[-1]["event_type"] == "intent.timed_out":
            break
        time.sleep(0.1)
    assert events[-1]["event_type"] == "intent.timed_out"
    assert events[-1]["actor"] == "platform"
    assert all(e["actor"] != "platform" for e in events[:-1])  # the client's own events are its


# ---- D11: a database locked beyond the busy timeout is 503 with Retry-After, and nothing torn ------
# SQLite only: PostgreSQL has no busy timeout (a writer waits on row locks); its storage faults
# are tests/test_server_faults.py's connections terminated and refused.


def test_a_database_locked_beyond_the_busy_timeout_is_503_then_writes_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_storage, "BUSY_TIMEOUT_MS", 300)  # not 5 s of waiting in a test
    db = tmp_path / "locked.db"
    config = ServerConfig.dev(str(db), log_requests=False)
    with serve_in_thread(config) as base, httpx.Client(base_url=base, headers={"x-api-key": CLIENT}, trust_env=False) as http:
        first = http.post("/v1/intents", json=intent_body())
        assert first.status_code == 200
        holder = sqlite3.connect(db, isolation_level=None, timeout=10)
        try:
            holder.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
            for path, body in [("/v1/intents", intent_body()), (f"/v1/intents/{first.json()['intent_id']}/cancel", {})]:
                refused = http.post(path, json=body, timeout=30)
                assert_error(refused, 503, "unavailable")
                assert int(refused.headers["retry-after"]) >= 0 and refused.json()["error"]["retryable"] is True
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        listed = http.get("/v1/intents", headers={"x-api-key": ADMIN}).json()["intents"]
        assert [i["intent_id"] for i in listed] == [first.json()["intent_id"]]  # the refused create left nothing
        assert [e["seq"] for e in Api(base, AGENT).events(first.json()["intent_id"])] == [1, 2]  # nor the cancel
        assert http.post("/v1/intents", json=intent_body()).status_code == 200  # no restart needed
