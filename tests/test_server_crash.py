"""kill -9 under a keyless and keyed load of creates, resolves and resumes, round after round on one
database (issue 9), on SQLite and on PostgreSQL (issue 10): after each crash every intent is
whole and every acknowledged write is there.

The invariants are read from the database itself once the server is dead (the SQLite file, or
the PostgreSQL tables), so they hold for what is stored, not for what a restarted server
chooses to show:
- every intent has exactly the events 1..last_seq, and its status is its last event's status;
- every SUBMITTED intent has a delivery record;
- every acknowledged create, resolve and resume is present (its event, with its seq);
- every acknowledged keyed write has its idempotency record, and replaying it after the crash
  answers the same response.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from axp.server.runner import ServerProcess
from axp.server.storage.postgresql import is_url
from axp.validate import check_stream
from tests import pgcluster
from tests.pgcluster import both_backends  # noqa: F401  (the crash rounds run on SQLite and PostgreSQL)

# Fewer rounds on PostgreSQL: its durability is the database's, and each round costs a restart.
ROUNDS = {
    "sqlite": int(os.environ.get("AXP_CRASH_ROUNDS", "5")),
    "postgresql": int(os.environ.get("AXP_CRASH_ROUNDS_PG", "3")),
}
CLIENT = {"x-api-key": "axp-dev-client"}
AGENT = {"x-api-key": "axp-dev-agent"}


@dataclass
class Acked:
    """What the server acknowledged (2xx) before it died."""

    creates: dict[str, str | None] = field(default_factory=dict)  # intent_id -> idempotency key
    writes: list[tuple[str, int, str]] = field(default_factory=list)  # (intent_id, seq, event_type)
    keyed: list[tuple[dict[str, str], str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)  # answers other than 2xx or a lost race (409)
    lock: threading.Lock = field(default_factory=threading.Lock)


def body() -> dict[str, Any]:
    return {
        "intent_type": "order.fulfill.v1",
        "correlation_id": str(uuid.uuid4()),
        "to_agent": "agent://local/dev/agent",
        "payload": {"n": random.randint(1, 9)},
    }


def creator(base: str, acked: Acked, stop: threading.Event, keyed: bool) -> None:
    with httpx.Client(base_url=base, timeout=10, trust_env=False) as http:
        while not stop.is_set():
            key = f"create-{uuid.uuid4()}" if keyed else None
            sent = body()
            headers = {**CLIENT, **({"Idempotency-Key": key} if key else {})}
            try:
                response = http.post("/v1/intents", json=sent, headers=headers)
            except httpx.HTTPError:
                return
            with acked.lock:
                if response.status_code != 200:
                    acked.unexpected.append(f"create: {response.status_code} {response.text[:200]}")
                    continue
                acked.creates[response.json()["intent_id"]] = key
                if key:
                    acked.keyed.append((headers, "/v1/intents", sent, response.json()))


def writer(base: str, acked: Acked, stop: threading.Event) -> None:
    """The agent resumes (start, complete) and the client resolves or cancels, half of them keyed."""
    with httpx.Client(base_url=base, timeout=10, trust_env=False) as http:
        while not stop.is_set():
            with acked.lock:
                candidates = list(acked.creates)
            if not candidates:
                time.sleep(0.01)
                continue
            intent_id = random.choice(candidates)
            who, op, sent = random.choice(
                [
                    (AGENT, "resume", {"action": "start"}),
                    (AGENT, "resume", {"action": "complete", "result": {"done": True}}),
                    (CLIENT, "resolve", {"status": "COMPLETED", "result": {}}),
                    (CLIENT, "cancel", {"reason": "crash test"}),
                ]
            )
            headers = {**who, **({"Idempotency-Key": f"{op}-{uuid.uuid4()}"} if random.random() < 0.5 else {})}
            try:
                response = http.post(f"/v1/intents/{intent_id}/{op}", json=sent, headers=headers)
            except httpx.HTTPError:
                return
            if response.status_code == 200:
                answer = response.json()
                with acked.lock:
                    for event in answer["events"]:
                        acked.writes.append((intent_id, event["seq"], event["event_type"]))
                    if "Idempotency-Key" in headers:
                        acked.keyed.append((headers, f"/v1/intents/{intent_id}/{op}", sent, answer))
            elif response.status_code != 409:  # 409: the intent had moved on (finished, or already started)
                with acked.lock:
                    acked.unexpected.append(f"{op}: {response.status_code} {response.text[:200]}")


QUERIES = (
    "SELECT intent_id, status, doc FROM intents",
    "SELECT intent_id, seq, doc FROM events ORDER BY intent_id, seq",
    "SELECT intent_id FROM deliveries",
    "SELECT scope, key FROM idempotency",
)


def check_database(db: str | Path, acked: Acked) -> int:
    """The invariants, read from the SQLite file or the PostgreSQL schema ``db`` names; returns
    how many intents it holds."""
    if is_url(str(db)):  # documents are json there: read them as the text that was stored
        rows = [pgcluster.sql(str(db), query.replace("doc FROM", "doc::text FROM")) for query in QUERIES]
    else:
        with sqlite3.connect(db) as conn:
            rows = [conn.execute(query).fetchall() for query in QUERIES]
    return check_rows(rows, acked)


def check_rows(rows: list[list[Any]], acked: Acked) -> int:
    """The invariants over the rows of ``QUERIES`` (any backend); returns how many intents there are."""
    intents = {row[0]: (row[1], json.loads(row[2])) for row in rows[0]}
    events: dict[str, list[dict[str, Any]]] = {}
    for intent_id, seq, doc in rows[1]:
        events.setdefault(intent_id, []).append(json.loads(doc) | {"_seq": seq})
    delivered = {row[0] for row in rows[2]}
    scopes = {(row[0], row[1]) for row in rows[3]}
    assert set(events) <= set(intents), "events of an intent that does not exist"
    for intent_id, (status, doc) in intents.items():
        log = events.get(intent_id, [])
        assert [e["_seq"] for e in log] == list(range(1, doc["last_seq"] + 1)), (intent_id, doc["last_seq"], len(log))
        assert [e["seq"] for e in log] == [e["_seq"] for e in log]
        assert status == doc["status"] == log[-1]["status"], (intent_id, status, log[-1])
        if status == "SUBMITTED":
            assert intent_id in delivered, f"{intent_id} is SUBMITTED without a delivery record"
        assert check_stream([{k: v for k, v in e.items() if k != "_seq"} for e in log]) == [], intent_id
    for intent_id in acked.creates:
        assert intent_id in intents, f"acknowledged create {intent_id} is lost"
    for intent_id, seq, event_type in acked.writes:
        found = [e for e in events[intent_id] if e["seq"] == seq]
        assert found and found[0]["event_type"] == event_type, f"acknowledged {event_type} #{seq} of {intent_id} is lost"
    for headers, _, _, _ in acked.keyed:
        assert any(key == headers["Idempotency-Key"] for _, key in scopes), headers["Idempotency-Key"]
    return len(intents)


def test_kill_9_under_load_keeps_every_intent_whole_and_every_acknowledged_write(backend_name: str, server_db: str) -> None:
    db, rounds = server_db, ROUNDS[backend_name]
    server = ServerProcess(db, ["--log-level", "warning"])
    acked = Acked()
    total = 0
    for round_no in range(rounds):
        server.start()
        stop = threading.Event()
        load = [threading.Thread(target=creator, args=(server.base_url, acked, stop, keyed)) for keyed in (False, False, True)]
        load += [threading.Thread(target=writer, args=(server.base_url, acked, stop)) for _ in range(2)]
        before = (len(acked.creates), len(acked.writes))
        for thread in load:
            thread.start()
        deadline = time.monotonic() + 30
        while (len(acked.creates) - before[0] < 20 or len(acked.writes) - before[1] < 5) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(random.uniform(0.0, 0.3))
        server.kill9()
        stop.set()
        for thread in load:
            thread.join(timeout=20)
        assert len(acked.creates) - before[0] >= 20 and len(acked.writes) - before[1] >= 5, f"round {round_no}: too little load"
        assert acked.unexpected == []
        total = check_database(db, acked)
    assert total >= 20 * rounds
    server.start()
    try:
        with httpx.Client(base_url=server.base_url, timeout=10, trust_env=False) as http:
            for headers, path, sent, answer in random.sample(acked.keyed, min(20, len(acked.keyed))):
                replay = http.post(path, json=sent, headers=headers)
                assert replay.status_code == 200 and replay.json() == answer, path
    finally:
        server.stop()
