"""Storage faults over HTTP (decision D11, issue 9 item 6): 503 ``unavailable`` with Retry-After,
nothing torn, and the next write succeeds once the database takes writes again — no restart.

On SQLite the disk fills (an injected "database or disk is full" at chosen statements, then a real
file size limit); on PostgreSQL the database drops the server's connections under load and then
refuses new ones (issue 10)."""

from __future__ import annotations

import random
import resource
import signal
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from axp.server.config import ServerConfig
from axp.server.runner import ServerProcess, serve_in_thread
from axp.server.storage import SQLiteStorage
from axp.validate import check_stream
from tests import pgcluster
from tests.conftest import intent_body as body
from tests.test_server_api import assert_error
from tests.test_server_crash import Acked, check_database

CLIENT = {"x-api-key": "axp-dev-client"}
AGENT = {"x-api-key": "axp-dev-agent"}


class Disk:
    """Makes chosen statements of the writer fail as a full disk would, until ``heal()``."""

    def __init__(self, storage: SQLiteStorage) -> None:
        self.storage = storage
        self.points: tuple[str, ...] = ()
        self.hits = 0
        self._lock = threading.Lock()
        storage.fault_hook = self._hook

    def _hook(self, sql: str) -> None:
        with self._lock:
            if any(sql.startswith(p) for p in self.points):
                self.hits += 1
                raise sqlite3.OperationalError("database or disk is full")

    def fill(self, *points: str) -> None:
        self.points = points

    def heal(self) -> None:
        self.points = ()


# SQLite only: the fault is SQLite's own "database or disk is full", raised at chosen statements.
@pytest.fixture
def faulty(tmp_path: Path) -> Iterator[tuple[httpx.Client, Disk]]:
    storage = SQLiteStorage(str(tmp_path / "faulty.db"))
    disk = Disk(storage)
    config = ServerConfig.dev(storage.path, log_requests=False)
    with serve_in_thread(config, storage=storage) as base, httpx.Client(base_url=base, trust_env=False, timeout=10) as http:
        yield http, disk


def assert_unavailable(response: httpx.Response) -> None:
    assert_error(response, 503, "unavailable")
    assert int(response.headers["retry-after"]) >= 0 and response.json()["error"]["retryable"] is True


@pytest.mark.parametrize("point", ["INSERT INTO deliveries", "INSERT INTO events", "INSERT INTO intents", "COMMIT"])
@pytest.mark.parametrize("keyed", [False, True], ids=["keyless", "keyed"])
def test_a_full_disk_during_create_is_503_and_leaves_nothing(faulty: tuple[httpx.Client, Disk], point: str, keyed: bool) -> None:
    http, disk = faulty
    sent = body()
    headers = {**CLIENT, **({"Idempotency-Key": "create-1"} if keyed else {})}
    disk.fill(point)
    assert_unavailable(http.post("/v1/intents", json=sent, headers=headers))
    assert disk.hits >= 1
    assert http.get("/v1/intents", params={"correlation_id": sent["correlation_id"]}, headers=CLIENT).json()["intents"] == []
    assert http.get("/v1/agents/local/dev/agent/intents", headers=AGENT).json()["deliveries"] == []
    disk.heal()
    again = http.post("/v1/intents", json=sent, headers=headers)
    assert again.status_code == 200, again.text
    listed = http.get("/v1/intents", params={"correlation_id": sent["correlation_id"]}, headers=CLIENT).json()["intents"]
    assert [i["intent_id"] for i in listed] == [again.json()["intent_id"]]
    events = http.get(f"/v1/intents/{listed[0]['intent_id']}/events", headers=CLIENT).json()["events"]
    assert [e["seq"] for e in events] == [1, 2] and check_stream(events) == []


@pytest.mark.parametrize("point", ["UPDATE intents", "INSERT INTO events", "INSERT INTO idempotency", "COMMIT"])
def test_a_full_disk_during_an_intent_write_is_503_and_the_intent_is_untouched(
    faulty: tuple[httpx.Client, Disk], point: str
) -> None:
    http, disk = faulty
    intent_id = http.post("/v1/intents", json=body(), headers=CLIENT).json()["intent_id"]
    before = http.get(f"/v1/intents/{intent_id}", headers=CLIENT).json()["intent"]
    disk.fill(point)
    done = {"action": "complete", "result": {"ok": True}}
    assert_unavailable(http.post(f"/v1/intents/{intent_id}/resume", json=done, headers={**AGENT, "Idempotency-Key": "r"}))
    assert http.get(f"/v1/intents/{intent_id}", headers=CLIENT).json()["intent"] == before
    assert len(http.get(f"/v1/intents/{intent_id}/events", headers=CLIENT).json()["events"]) == 2
    disk.heal()
    finished = http.post(f"/v1/intents/{intent_id}/resume", json=done, headers={**AGENT, "Idempotency-Key": "r"})
    assert finished.status_code == 200 and finished.json()["intent"]["status"] == "COMPLETED"
    events = http.get(f"/v1/intents/{intent_id}/events", headers=CLIENT).json()["events"]
    assert [e["seq"] for e in events] == [1, 2, 3] and check_stream(events) == []


def ignore_file_size_signal() -> None:
    """In the server's child process: a write past RLIMIT_FSIZE fails with EFBIG instead of killing it."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


# SQLite only: the limit bites the server process's own file writes; PostgreSQL's files are the
# cluster's (its faults are the next test's).
@pytest.mark.skipif(not hasattr(resource, "prlimit"), reason="needs Linux prlimit")
def test_a_real_file_size_limit_is_503_then_writes_resume_without_a_restart(tmp_path: Path) -> None:
    """The disk really refuses: the server process's RLIMIT_FSIZE is lowered to just above its files'
    sizes (no root or loop device needed), so SQLite's own writes fail. Then the limit is lifted."""
    db = tmp_path / "small.db"
    server = ServerProcess(db, ["--log-level", "error"], preexec=ignore_file_size_signal).start()
    assert server.proc is not None
    try:
        with httpx.Client(base_url=server.base_url, timeout=10, trust_env=False) as http:
            created = [http.post("/v1/intents", json=body(), headers=CLIENT).json()["intent_id"] for _ in range(3)]
            sizes = [p.stat().st_size for p in tmp_path.iterdir() if p.name.startswith("small.db")]
            _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
            resource.prlimit(server.proc.pid, resource.RLIMIT_FSIZE, (max(sizes) + 32 * 1024, hard))
            refused = None
            for _ in range(2000):
                response = http.post("/v1/intents", json=body(payload={"pad": "x" * 2000}), headers=CLIENT)
                if response.status_code != 200:
                    refused = response
                    break
                created.append(response.json()["intent_id"])
            assert refused is not None, "the file size limit never bit"
            assert_unavailable(refused)
            assert http.get("/health").status_code == 200  # reads go on
            resource.prlimit(server.proc.pid, resource.RLIMIT_FSIZE, (hard, hard))
            after = http.post("/v1/intents", json=body(), headers=CLIENT)
            assert after.status_code == 200, after.text
            created.append(after.json()["intent_id"])
    finally:
        server.stop()
    acked = Acked()
    acked.creates = dict.fromkeys(created)
    assert check_database(db, acked) == len(created)


# ---- PostgreSQL: connections dropped under load, then refused, then back -------------------------


def terminate(admin: str, database: str) -> int:
    """Drop every connection to ``database`` (the server's pool and its listener); how many."""
    return len(
        pgcluster.sql(
            admin,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            database,
        )
    )


def faulted_load(base: str, acked: Acked, others: list[httpx.Response], stop: threading.Event) -> None:
    """Creates (half keyed), each then started and completed by the agent; an intent whose write
    answered 503 is left where it is (that write may or may not have committed)."""
    with httpx.Client(base_url=base, timeout=30, trust_env=False) as http:
        while not stop.is_set():
            key = f"create-{uuid.uuid4()}" if random.random() < 0.5 else None
            sent, headers = body(), {**CLIENT, **({"Idempotency-Key": key} if key else {})}
            created = http.post("/v1/intents", json=sent, headers=headers)
            if created.status_code != 200:
                others.append(created)
                continue
            intent_id = created.json()["intent_id"]
            with acked.lock:
                acked.creates[intent_id] = key
                if key:
                    acked.keyed.append((headers, "/v1/intents", sent, created.json()))
            for step in ({"action": "start"}, {"action": "complete", "result": {"ok": True}}):
                answer = http.post(f"/v1/intents/{intent_id}/resume", json=step, headers=AGENT)
                if answer.status_code != 200:
                    others.append(answer)
                    break
                with acked.lock:
                    acked.writes += [(intent_id, e["seq"], e["event_type"]) for e in answer.json()["events"]]


def written(http: httpx.Client, path: str, sent: dict[str, object], headers: dict[str, str]) -> httpx.Response:
    """POST until it is a 200, as a client told Retry-After would; every other answer must be a 503."""
    deadline = time.monotonic() + 120
    while True:
        answer = http.post(path, json=sent, headers=headers)
        if answer.status_code == 200 or time.monotonic() > deadline:
            assert answer.status_code == 200, answer.text
            return answer
        assert_unavailable(answer)
        time.sleep(0.5)


def test_postgresql_connections_cut_while_idle_cost_no_write(pg_cluster: pgcluster.Cluster) -> None:
    """A database restart, or a proxy that cuts idle connections, leaves the pool holding dead
    connections. A write that takes one fails before its COMMIT goes out, so it runs again on
    another connection: the client sees a 200, not a 503 it would have to retry."""
    url = pg_cluster.create_database("idlecut")
    database, admin = url.rsplit("/", 1)[1], pg_cluster.url()
    config = ServerConfig.dev(url, log_requests=False)
    with serve_in_thread(config) as base, httpx.Client(base_url=base, trust_env=False, timeout=30) as http:
        for round_ in range(3):
            # Afterwards the pool holds these writes' connections, idle.
            created = [http.post("/v1/intents", json=body(), headers=CLIENT) for _ in range(12)]
            assert all(c.status_code == 200 for c in created), [c.text for c in created if c.status_code != 200]
            before = http.get("/health").json()["storage"]["retries"]
            assert terminate(admin, database) >= 2
            time.sleep(0.2)  # the server side is gone; the pool does not know yet
            intent_id = created[0].json()["intent_id"]
            # First a resume (a write unit first thing), then a create (which reads first).
            started = http.post(f"/v1/intents/{intent_id}/resume", json={"action": "start"}, headers=AGENT)
            assert started.status_code == 200, started.text
            assert http.get("/health").json()["storage"]["retries"] > before  # it did meet a dead connection
            keyed = http.post("/v1/intents", json=body(), headers={**CLIENT, "Idempotency-Key": f"cut-{round_}"})
            assert keyed.status_code == 200, keyed.text
            got = http.get(f"/v1/intents/{intent_id}", headers=CLIENT)
            assert got.status_code == 200 and got.json()["intent"]["status"] == "IN_PROGRESS", got.text
            http.post(f"/v1/intents/{intent_id}/resume", json={"action": "complete", "result": {}}, headers=AGENT)


def test_postgresql_dropping_and_refusing_connections_is_503_then_writes_resume_without_a_restart(
    pg_cluster: pgcluster.Cluster,
) -> None:
    url = pg_cluster.create_database("faults")  # a database of its own: only its connections are refused
    database, admin = url.rsplit("/", 1)[1], pg_cluster.url()
    acked, stop = Acked(), threading.Event()
    others: list[httpx.Response] = []  # every answer of the load that was not a 200
    config = ServerConfig.dev(url, log_requests=False)
    with serve_in_thread(config) as base, httpx.Client(base_url=base, trust_env=False, timeout=30) as http:
        # 1. Under load, every connection of the server is terminated, again and again.
        load = [threading.Thread(target=faulted_load, args=(base, acked, others, stop)) for _ in range(3)]
        for thread in load:
            thread.start()
        try:
            dropped = 0
            for _ in range(6):
                time.sleep(0.4)
                dropped += terminate(admin, database)
        finally:
            stop.set()
            for thread in load:
                thread.join(timeout=60)
        assert dropped >= 3 and len(acked.creates) >= 5, (dropped, len(acked.creates))
        # A write that met a dropped connection ran again on another (its COMMIT had not gone out)
        # or answered 503 (it had: whether it took is unknown); never a 500.
        retried = http.get("/health").json()["storage"]["retries"]
        assert others or retried, "no write ever met a dropped connection"
        for answer in others:
            assert_unavailable(answer)
        # 2. The database refuses new connections: writes are 503 within about a second (a write
        # that finds its pooled connection dead waits that long for another), /health still answers.
        waiting = written(http, "/v1/intents", body(), {**CLIENT, "Idempotency-Key": "before"}).json()["intent_id"]
        pgcluster.sql(admin, f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        try:
            terminate(admin, database)
            began = time.monotonic()
            assert_unavailable(http.post("/v1/intents", json=body(), headers={**CLIENT, "Idempotency-Key": "down"}))
            assert time.monotonic() - began < 5, "a write held for the pool's whole timeout before its 503"
            assert_unavailable(http.post(f"/v1/intents/{waiting}/resume", json={"action": "start"}, headers=AGENT))
            assert http.get("/health").status_code == 200
        finally:
            pgcluster.sql(admin, f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
        # 3. It takes connections again: the same server writes again, the refused writes left nothing.
        after = written(http, "/v1/intents", body(), {**CLIENT, "Idempotency-Key": "down"})
        started = http.post(f"/v1/intents/{waiting}/resume", json={"action": "start"}, headers=AGENT)
        assert started.status_code == 200, started.text
        assert [e["seq"] for e in started.json()["events"]] == [3]  # the refused start left no event
        acked.creates |= {waiting: "before", after.json()["intent_id"]: "down"}
        acked.writes.append((waiting, 3, "intent.in_progress"))
    assert check_database(url, acked) >= len(acked.creates)
