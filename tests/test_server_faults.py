"""Storage faults over HTTP (decision D11, issue 9 item 6): 503 ``unavailable`` with Retry-After,
nothing torn, and the next write succeeds once the database takes writes again — no restart."""

from __future__ import annotations

import resource
import signal
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from axp.server.config import ServerConfig
from axp.server.runner import ServerProcess, serve_in_thread
from axp.server.storage import SQLiteStorage
from axp.validate import check_stream
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
