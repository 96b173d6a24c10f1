"""The storage contract, exercised on every backend — SQLite (file and memory) and PostgreSQL (a
real throwaway cluster): every storage method, write units, rollback of one unit, faults, reads,
wake-ups, and the races several instances of one platform run into (two storage objects on one
database stand for two ``axp serve`` processes)."""

from __future__ import annotations

import asyncio
import os
import resource
import sqlite3
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from axp.server.errors import ApiError
from axp.server.notify import agent_key, intent_key
from axp.server.storage import (
    IdempotencyRecord,
    PushEndpoint,
    SQLiteStorage,
    Storage,
    StorageFault,
    StoredIntent,
    Timer,
    Transaction,
    open_storage,
)
from axp.server.storage.postgresql import (
    LISTENER_NAME,
    REMOTE_TIMER_GRACE,
    SENDER_NAME,
    PostgresStorage,
    PostgresTransaction,
    closed_while_idle,
)
from axp.server.storage.sql import SQLTransaction
from tests import pgcluster

Scenario = Callable[[Storage], Awaitable[None]]
BACKENDS = ["sqlite", "sqlite-memory", "postgresql"]


class Backend:
    """Opens storages of one backend on one database, each started on the running loop."""

    def __init__(self, name: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
        self.name = name
        self.db = {"sqlite": str(tmp_path / "s.db"), "sqlite-memory": ":memory:"}.get(name) or request.getfixturevalue("pg_url")
        self.opened: list[Storage] = []

    @property
    def shared(self) -> bool:
        """Can two storage objects share this database (two instances of one platform)?"""
        return self.name != "sqlite-memory"

    async def open(self) -> Storage:
        storage = open_storage(self.db, lease_seconds=LEASE)
        await storage.start()
        self.opened.append(storage)
        return storage

    def run(self, scenario: Callable[[Storage], Awaitable[None]]) -> None:
        async def main() -> None:
            try:
                await scenario(await self.open())
            finally:
                for storage in self.opened:
                    await storage.close()
                self.opened.clear()

        asyncio.run(main())

    __call__ = run


LEASE = 1.5  # seconds a claimed timer stays claimed on a shared backend (kept short for the test)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    """Runs a scenario against a started backend on a fresh event loop, then closes it."""
    return Backend(request.param, tmp_path, request)


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    """Backends whose database outlives a storage object (all but SQLite's :memory:)."""
    return Backend(request.param, tmp_path, request)


@pytest.fixture
def pg_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    """PostgreSQL only: what exists only where several instances share a database."""
    return Backend("postgresql", tmp_path, request)


@pytest.fixture(params=["sqlite", "sqlite-memory"])
def sqlite_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    """SQLite only: its writer thread's group commit and injected faults."""
    return Backend(request.param, tmp_path, request)


def doc(intent_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "intent_id": intent_id,
        "status": "SUBMITTED",
        "from_agent": "agent://a-1/w-1/client",
        "to_agent": "agent://a-1/w-1/agent",
        "correlation_id": f"corr-{intent_id}",
        "last_seq": 2,
        **extra,
    }


def event(intent_id: str, seq: int, status: str = "SUBMITTED") -> dict[str, Any]:
    return {"intent_id": intent_id, "seq": seq, "event_type": "intent.x", "status": status}


def create(intent_id: str, agent: str = "agent://a-1/w-1/agent") -> Callable[[Transaction], str]:
    def unit(tx: Transaction) -> str:
        tx.insert_intent(StoredIntent(intent_id, doc(intent_id, to_agent=agent)))
        tx.append_event(event(intent_id, 1, "CREATED"))
        tx.append_event(event(intent_id, 2))
        tx.add_delivery(agent, intent_id, "2026-01-01T00:00:00.000Z")
        return intent_id

    return unit


def test_a_unit_commits_whole_and_reads_see_it(backend: Backend) -> None:
    async def scenario(storage: Storage) -> None:
        assert await storage.write(create("i-1")) == "i-1"
        intent = await storage.get_intent("i-1")
        assert intent is not None and intent.status == "SUBMITTED" and intent.rowid >= 1
        page = await storage.events_page("i-1", 0, 10)
        assert page.intent is not None and [e["seq"] for e in page.events] == [1, 2]
        assert [e["seq"] for e in (await storage.events_page("i-1", 1, 10)).events] == [2]
        assert (await storage.events_page("nope", 0, 10)) == (None, [])
        deliveries = await storage.deliveries_after("agent://a-1/w-1/agent", 0, 10)
        assert [(d.intent_id, d.intent.status) for d in deliveries] == [("i-1", "SUBMITTED")] and deliveries[0].cursor >= 1
        assert await storage.deliveries_after("agent://a-1/w-1/agent", deliveries[0].cursor, 10) == []
        assert await storage.deliveries_after("agent://a-1/w-1/other", 0, 10) == []
        listed = await storage.list_intents(
            visible_to="agent://a-1/w-1/client", status=["SUBMITTED"], to_agent=None, correlation_id=None, after_rowid=0, limit=5
        )
        assert [i.intent_id for i in listed] == ["i-1"]
        hidden = await storage.list_intents(
            visible_to="agent://a-1/w-1/x", status=None, to_agent=None, correlation_id=None, after_rowid=0, limit=5
        )
        assert hidden == []

    backend(scenario)


def test_updates_inside_a_unit_are_seen_by_the_same_unit(backend: Backend) -> None:
    async def scenario(storage: Storage) -> None:
        await storage.write(create("i-1"))

        def advance(tx: Transaction) -> tuple[int, bool]:
            first = tx.get_intent_for_update("i-1")
            assert first is not None
            first.doc.update(status="DELIVERED", last_seq=3)
            tx.append_event(event("i-1", 3, "DELIVERED"))
            tx.update_intent(first)
            again = tx.get_intent_for_update("i-1")
            return again.last_seq if again else 0, again is first

        assert await storage.write(advance) == (3, True)
        intent = await storage.get_intent("i-1")
        assert intent is not None and intent.status == "DELIVERED" and intent.last_seq == 3

    backend(scenario)


def test_a_failing_unit_rolls_back_alone_inside_a_group_commit(backend: Backend) -> None:
    async def scenario(storage: Storage) -> None:
        started, gate = threading.Event(), threading.Event()

        def blocker(tx: Transaction) -> str:
            started.set()
            gate.wait(10)  # holds the writer so the next units queue up and share one commit
            return "first"

        def failing(tx: Transaction) -> None:
            create("i-bad")(tx)
            tx.set_timer(Timer("i-bad", "deadline", 1.0, 0))
            raise ApiError("invalid_transition", "no")

        first = asyncio.ensure_future(storage.write(blocker))
        assert await asyncio.to_thread(started.wait, 10)
        commits = storage.commits  # type: ignore[attr-defined]
        others = [asyncio.ensure_future(storage.write(u)) for u in (create("i-a"), failing, create("i-b"))]
        await asyncio.sleep(0)  # each task has queued its unit
        if isinstance(storage, SQLiteStorage):
            gate.set()
        else:  # a unit per connection: the others commit while the blocker still holds its own
            assert await asyncio.gather(others[0], others[2]) == ["i-a", "i-b"]
            gate.set()
        assert await first == "first"
        outcomes = await asyncio.gather(*others, return_exceptions=True)
        assert outcomes[0] == "i-a" and outcomes[2] == "i-b"
        assert isinstance(outcomes[1], ApiError) and outcomes[1].code == "invalid_transition"
        # SQLite: the blocker's commit, then one group commit for all three; PostgreSQL: one each.
        assert storage.commits - commits == (2 if isinstance(storage, SQLiteStorage) else 3)  # type: ignore[attr-defined]
        assert await storage.get_intent("i-bad") is None and (await storage.events_page("i-bad", 0, 9)).events == []
        assert sorted(d.intent_id for d in await storage.deliveries_after("agent://a-1/w-1/agent", 0, 9)) == ["i-a", "i-b"]
        assert await storage.next_timer_due() is None

    backend(scenario)


def test_a_push_endpoint_a_failed_unit_set_is_not_seen_afterwards(backend: Backend) -> None:
    """SQLite's writer remembers push endpoints (every create asks for one): what a unit that
    then failed registered, and what a faulted batch registered, must not be remembered."""

    async def scenario(storage: Storage) -> None:
        agent = "agent://a-1/w-1/agent"

        def ask(tx: Transaction) -> PushEndpoint | None:
            return tx.get_push(agent)

        def register_then_fail(tx: Transaction) -> None:
            tx.set_push(PushEndpoint(agent, "http://127.0.0.1:9/hook", "s" * 16))
            assert tx.get_push(agent) is not None  # the unit sees its own write
            raise ApiError("invalid_transition", "no")

        assert await storage.write(ask) is None  # remembered as "none"
        with pytest.raises(ApiError):
            await storage.write(register_then_fail)
        assert await storage.write(ask) is None
        await storage.write(lambda tx: tx.set_push(PushEndpoint(agent, "http://127.0.0.1:9/ok", "t" * 16)))
        found = await storage.write(ask)
        assert found is not None and found.url == "http://127.0.0.1:9/ok"

    backend(scenario)


def test_a_storage_fault_fails_the_whole_batch_and_keeps_nothing(sqlite_backend: Backend) -> None:
    async def scenario(storage: Storage) -> None:
        assert isinstance(storage, SQLiteStorage)
        for point in ("INSERT INTO deliveries", "INSERT INTO events", "INSERT INTO intents", "COMMIT"):

            def hook(sql: str, point: str = point) -> None:
                if sql.startswith(point):
                    raise sqlite3.OperationalError("database or disk is full")

            storage.fault_hook = hook
            with pytest.raises(StorageFault):
                await storage.write(create(f"torn-{point}"))
            storage.fault_hook = None
            assert await storage.get_intent(f"torn-{point}") is None
            assert (await storage.events_page(f"torn-{point}", 0, 9)).events == []
        assert await storage.deliveries_after("agent://a-1/w-1/agent", 0, 9) == []
        await storage.write(create("after"))
        assert await storage.get_intent("after") is not None

    sqlite_backend(scenario)


def test_a_really_full_database_is_a_fault_and_recovers(sqlite_backend: Backend) -> None:
    async def scenario(storage: Storage) -> None:
        assert isinstance(storage, SQLiteStorage)
        await storage.limit_pages(0)

        def big(intent_id: str) -> Callable[[Transaction], int]:
            def unit(tx: Transaction) -> int:
                tx.insert_intent(StoredIntent(intent_id, doc(intent_id, payload="x" * 20000)))
                tx.append_event(event(intent_id, 1, "CREATED"))
                return 1

            return unit

        with pytest.raises(StorageFault, match="full"):
            await storage.write(big("too-big"))
        assert await storage.get_intent("too-big") is None
        await storage.limit_pages(None)
        await storage.write(big("fits"))
        assert await storage.get_intent("fits") is not None

    sqlite_backend(scenario)


def test_idempotency_push_and_timers(backend: Backend) -> None:
    async def scenario(storage: Storage) -> None:
        woken: list[float] = []
        storage.timer_wakeup = woken.append
        record = IdempotencyRecord("client:agent://a-1/w-1/c|POST /v1/intents", "k", "h", 200, {"ok": True}, 100.0)

        def unit(tx: Transaction) -> None:
            assert tx.idempotency_get(record.scope, "k") is None
            tx.idempotency_put(record)
            assert tx.idempotency_get(record.scope, "k") == record
            tx.set_push(PushEndpoint("agent://a-1/w-1/agent", "http://x/1", "s1"))
            tx.set_push(PushEndpoint("agent://a-1/w-1/agent", "http://x/2", "s2"))
            assert tx.get_push("agent://a-1/w-1/agent") == PushEndpoint("agent://a-1/w-1/agent", "http://x/2", "s2")
            tx.set_timer(Timer("i-1", "deadline", 50.0, 0))
            tx.set_timer(Timer("i-1", "reminder", 30.0, 0))
            tx.set_timer(Timer("i-1", "reminder", 40.0, 1))
            assert tx.get_timer("i-1", "reminder") == Timer("i-1", "reminder", 40.0, 1)
            tx.set_timer(Timer("i-2", "push", 10.0, 2))
            tx.clear_timer("i-2", "push")

        await storage.write(unit)
        assert woken == [10.0]  # the earliest due time any commit set, once per commit
        assert await storage.next_timer_due() == 40.0
        assert await storage.claim_due_timers(45.0, 10) == [Timer("i-1", "reminder", 40.0, 1)]
        assert [t.kind for t in await storage.claim_due_timers(100.0, 10)] == ["reminder", "deadline"]
        assert await storage.purge_idempotency(99.0) == 0
        assert await storage.purge_idempotency(101.0) == 1
        assert await storage.write(lambda tx: tx.idempotency_get(record.scope, "k")) is None

    backend(scenario)


def test_a_commit_wakes_exactly_the_subscriptions_it_touched(backend: Backend) -> None:
    async def scenario(storage: Storage) -> None:
        await storage.write(create("i-1"))
        mine = storage.notifier.subscribe(intent_key("i-1"))
        other = storage.notifier.subscribe(intent_key("i-2"))
        agent = storage.notifier.subscribe(agent_key("agent://a-1/w-1/agent"))
        elsewhere = storage.notifier.subscribe(agent_key("agent://a-1/w-1/nobody"))

        def touch(tx: Transaction) -> None:
            intent = tx.get_intent_for_update("i-1")
            assert intent is not None
            tx.update_intent(intent)

        await storage.write(touch)
        assert await mine.wait(1) and not await other.wait(0.05) and not await agent.wait(0.05)
        await storage.write(create("i-3"))
        assert await agent.wait(1) and not await elsewhere.wait(0.05)
        for s in (mine, other, agent, elsewhere):
            s.close()
        assert storage.notifier.subscriptions == 0

    backend(scenario)


def test_concurrent_reads_each_get_their_own_answer_and_close_answers_queued_ones(backend: Backend) -> None:
    """Reads are answered in batches off the loop (SQLite: reader threads): each caller still gets
    its own row, and a read queued before ``close`` is answered, one after it refused."""

    async def scenario(storage: Storage) -> None:
        ids = await asyncio.gather(*(storage.write(create(f"i-{n}")) for n in range(30)))
        asked = [ids[n * 7 % 30] for n in range(600)]
        found = await asyncio.gather(*(storage.get_intent(i) for i in asked))
        assert [f.intent_id if f else None for f in found] == asked
        queued = [asyncio.ensure_future(storage.get_intent(i)) for i in ids]
        await asyncio.sleep(0)
        await storage.close()
        answered = [await q for q in queued]
        assert [a.intent_id if a else None for a in answered] == ids
        with pytest.raises(StorageFault):
            await storage.get_intent(ids[0])

    backend(scenario)


def test_close_finishes_queued_writes_then_refuses_new_ones(shared_backend: Backend) -> None:
    backend = shared_backend

    async def scenario(storage: Storage) -> None:
        pending = [asyncio.ensure_future(storage.write(create(f"i-{n}"))) for n in range(20)]
        await asyncio.sleep(0)
        await storage.close()
        assert all(p.result().startswith("i-") for p in pending)
        with pytest.raises(StorageFault):
            await storage.write(create("late"))
        again = await backend.open()
        kept = await again.list_intents(
            visible_to=None, status=None, to_agent=None, correlation_id=None, after_rowid=0, limit=100
        )
        assert len(kept) == 20

    backend(scenario)


def test_a_database_fault_fails_the_unit_keeps_nothing_and_the_next_write_succeeds(backend: Backend) -> None:
    """A real fault on every backend: the unit's own connection dies mid-unit (PostgreSQL: the
    server terminates it, as a restart or an operator would; SQLite: the disk fills up)."""

    async def scenario(storage: Storage) -> None:
        def doomed(tx: Transaction) -> str:
            tx.insert_intent(StoredIntent("doomed", doc("doomed", payload="x" * 20000)))
            tx.append_event(event("doomed", 1, "CREATED"))
            tx.add_delivery("agent://a-1/w-1/agent", "doomed", "2026-01-01T00:00:00.000Z")
            tx.set_timer(Timer("doomed", "deadline", 1.0, 0))
            if isinstance(storage, PostgresStorage):
                assert isinstance(tx, SQLTransaction)
                tx._exec("SELECT pg_terminate_backend(pg_backend_pid())")
            return "kept?"

        if isinstance(storage, SQLiteStorage):
            await storage.limit_pages(0)  # the file may not grow: the unit's pages do not fit
        with pytest.raises(StorageFault):
            await storage.write(doomed)
        if isinstance(storage, SQLiteStorage):
            await storage.limit_pages(None)
        assert await storage.get_intent("doomed") is None
        assert await storage.next_timer_due() is None
        assert await storage.deliveries_after("agent://a-1/w-1/agent", 0, 9) == []
        assert await storage.write(create("after")) == "after"

    backend(scenario)


def test_concurrent_duplicates_on_two_instances_have_one_winner(backend: Backend) -> None:
    """The idempotency race: 16 units with one (scope, key), half on each of two storages, all at
    once. One creates; every other one answers the winner's stored response."""

    async def scenario(first: Storage) -> None:
        second = await backend.open() if backend.shared else first
        scope, key = "client:agent://a-1/w-1/c|POST /v1/intents", "same-key"

        def attempt(n: int) -> Callable[[Transaction], dict[str, Any]]:
            def unit(tx: Transaction) -> dict[str, Any]:
                found = tx.idempotency_get(scope, key)
                if found is not None:
                    return found.response
                create(f"race-{n}")(tx)
                response = {"ok": True, "intent_id": f"race-{n}"}
                tx.idempotency_put(IdempotencyRecord(scope, key, "h", 200, response, 1.0))
                return response

            return unit

        answers = await asyncio.gather(*((first if n % 2 else second).write(attempt(n)) for n in range(16)))
        winner = answers[0]["intent_id"]
        assert all(a == {"ok": True, "intent_id": winner} for a in answers), answers
        made = await first.list_intents(visible_to=None, status=None, to_agent=None, correlation_id=None, after_rowid=0, limit=50)
        assert [i.intent_id for i in made] == [winner]

    backend(scenario)


def test_concurrent_appends_on_two_instances_keep_seq_gap_free(backend: Backend) -> None:
    async def scenario(first: Storage) -> None:
        second = await backend.open() if backend.shared else first
        await first.write(create("busy"))

        def append(tx: Transaction) -> int:
            intent = tx.get_intent_for_update("busy")
            assert intent is not None
            seq = intent.last_seq + 1
            intent.doc["last_seq"] = seq
            tx.append_event(event("busy", seq))
            tx.update_intent(intent)
            return seq

        seqs = await asyncio.gather(*((first if n % 2 else second).write(append) for n in range(40)))
        assert sorted(seqs) == list(range(3, 43))
        page = await second.events_page("busy", 0, 100)
        assert [e["seq"] for e in page.events] == list(range(1, 43)) and page.intent is not None and page.intent.last_seq == 42

    backend(scenario)


def test_intents_read_together_are_locked_together(backend: Backend) -> None:
    """``get_intents_for_update`` (an agent stream's hand-over) returns the intents that exist, the
    unit's own copies for those it already holds, and locks them all: units appending to a set of
    intents at once, and units appending to one of them, on two instances, keep every log gap-free."""

    async def scenario(first: Storage) -> None:
        second = await backend.open() if backend.shared else first
        ids = ["set-c", "set-a", "set-b"]
        for intent_id in ids:
            await first.write(create(intent_id))

        def read_together(tx: Transaction) -> tuple[list[str], bool, int]:
            held = tx.get_intent_for_update("set-b")
            assert held is not None
            held.doc["last_seq"] = 99  # not written: the set must hand back this very object
            found = tx.get_intents_for_update(["set-c", "missing", "set-a", "set-b"])
            return sorted(found), found["set-b"] is held, found["set-c"].last_seq

        assert await first.write(read_together) == (["set-a", "set-b", "set-c"], True, 2)

        def advance(intent: StoredIntent, tx: Transaction) -> None:
            seq = intent.last_seq + 1
            intent.doc["last_seq"] = seq
            tx.append_event(event(intent.intent_id, seq))
            tx.update_intent(intent)

        def append_all(tx: Transaction) -> None:
            for intent in tx.get_intents_for_update(ids).values():
                advance(intent, tx)

        def append_one(n: int) -> Callable[[Transaction], None]:
            def unit(tx: Transaction) -> None:
                intent = tx.get_intent_for_update(ids[n % 3])
                assert intent is not None
                advance(intent, tx)

            return unit

        units = [append_all if n % 2 else append_one(n) for n in range(30)]
        await asyncio.gather(*((first if n % 4 < 2 else second).write(unit) for n, unit in enumerate(units)))
        appended = 0
        for intent_id in ids:
            page = await second.events_page(intent_id, 0, 100)
            seqs = [e["seq"] for e in page.events]
            assert seqs == list(range(1, len(seqs) + 1)) and page.intent is not None and page.intent.last_seq == seqs[-1]
            appended += len(seqs) - 2
        assert appended == 15 * 3 + 15  # 15 units appended to all three, 15 to one each

    backend(scenario)


def test_a_reader_following_one_agents_deliveries_never_skips_one(backend: Backend) -> None:
    """Creates for one agent commit concurrently on two storages while a reader follows the
    agent's delivery log by cursor, as an agent stream does: it must see every record."""

    async def scenario(first: Storage) -> None:
        second = await backend.open() if backend.shared else first
        agent = "agent://a-1/w-1/busy"
        total = 60
        seen: list[str] = []

        async def follow() -> None:
            cursor = 0
            while len(seen) < total:
                rows = await first.deliveries_after(agent, cursor, 7)
                for row in rows:
                    assert row.cursor > cursor
                    cursor = row.cursor
                    seen.append(row.intent_id)
                if not rows:
                    await asyncio.sleep(0.002)

        reader = asyncio.ensure_future(follow())
        await asyncio.gather(*((first if n % 2 else second).write(create(f"d-{n}", agent)) for n in range(total)))
        await asyncio.wait_for(reader, 30)
        assert sorted(seen) == sorted(f"d-{n}" for n in range(total)), "the reader skipped a delivery record"

    backend(scenario)


def test_a_claimed_timer_is_leased_to_one_instance_until_it_fires_or_the_lease_runs_out(pg_backend: Backend) -> None:
    """(SQLite has one process: claiming a due timer is reading it, as the contract test above shows.)"""
    backend = pg_backend

    async def scenario(first: Storage) -> None:
        second = await backend.open()
        await first.write(lambda tx: [tx.set_timer(Timer(f"t-{n}", "deadline", 10.0 + n, 0)) for n in range(5)])
        now = time.time()
        assert await first.next_timer_due() == 10.0
        mine = await first.claim_due_timers(12.5, 10)
        assert [t.intent_id for t in mine] == ["t-0", "t-1", "t-2"]
        theirs = await second.claim_due_timers(13.9, 10)
        assert [t.intent_id for t in theirs] == ["t-3"], "a leased timer was claimed twice"
        assert await second.claim_due_timers(13.99, 10) == []
        assert await first.next_timer_due() == 12.5 + LEASE  # when the first lease runs out (t-4 is due then too)
        # Firing ends a lease: a unit that sets the timer again makes it claimable at its new due.
        await first.write(lambda tx: tx.set_timer(Timer("t-0", "deadline", 13.0, 0)))
        assert [t.intent_id for t in await second.claim_due_timers(13.5, 10)] == ["t-0"]
        # The holder died: once its lease has run out, another instance takes the timers over.
        taken = await second.claim_due_timers(12.5 + LEASE, 10)
        assert [t.intent_id for t in taken] == ["t-1", "t-2", "t-4"]
        rows = pgcluster.sql(backend.db, "SELECT count(*) FROM timers WHERE lease_owner = %s", second.owner)  # type: ignore[attr-defined]
        assert rows == [(5,)]
        assert time.time() - now < 60

    backend(scenario)


def test_a_commit_on_one_instance_wakes_the_streams_of_another(pg_backend: Backend) -> None:
    backend = pg_backend

    async def scenario(first: Storage) -> None:
        second = await backend.open()
        assert isinstance(second, PostgresStorage) and isinstance(first, PostgresStorage)
        await second.wait_listening()
        woken: list[float] = []
        second.timer_wakeup = woken.append
        watching = second.notifier.subscribe(intent_key("i-1"))
        agent = second.notifier.subscribe(agent_key("agent://a-1/w-1/agent"))
        other = second.notifier.subscribe(intent_key("i-2"))
        started = time.monotonic()
        await first.write(create("i-1"))
        assert await watching.wait(5) and await agent.wait(5), "no cross-instance wake-up"
        latency = time.monotonic() - started
        assert not await other.wait(0.1)
        assert latency < 5
        await first.write(lambda tx: tx.set_timer(Timer("i-1", "reminder", 1234.5, 0)))
        for _ in range(100):
            if woken:
                break
            await asyncio.sleep(0.05)
        assert woken == [1234.5 + REMOTE_TIMER_GRACE], "the other instance's scheduler was not told"

        # The listener loses its connection: whatever it missed, every stream looks again.
        watching.clear()
        pgcluster.sql(
            backend.db,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s AND datname = current_database()",
            LISTENER_NAME,
        )
        assert await watching.wait(10), "a reconnecting listener did not wake its streams"
        assert second.reconnects == 1
        for s in (watching, agent, other):
            s.close()

    backend(scenario)


def test_a_schema_name_too_long_for_a_channel_still_carries_wake_ups(pg_backend: Backend, pg_cluster: pgcluster.Cluster) -> None:
    """A 63-byte schema name is legal, ``axp:<schema>`` would not be a legal channel: instances on
    it agree on a shorter one, and a commit on one still wakes the other's stream."""
    backend = pg_backend
    backend.db = pg_cluster.create_schema("s" * 50)  # 50 + "_" + 12 hex digits = 63 bytes

    async def scenario(first: Storage) -> None:
        second = await backend.open()
        assert isinstance(second, PostgresStorage) and isinstance(first, PostgresStorage)
        assert first.channel == second.channel and len(first.channel.encode()) <= 63, first.channel
        await second.wait_listening()
        woken = second.notifier.subscribe(intent_key("long-1"))
        await first.write(create("long-1"))
        assert await woken.wait(10), "no cross-instance wake-up on a long schema name"
        woken.close()

    backend(scenario)


def test_a_unit_whose_pooled_connection_died_while_idle_runs_again_on_another(pg_backend: Backend) -> None:
    """A database restart, or a proxy cutting idle connections, leaves dead connections in the
    pool. A unit that takes one fails before its COMMIT goes out, so nothing of it committed: it
    runs again on another connection instead of failing (a 503 the client would have to retry).
    Reads do the same. Nothing else uses the pool here, so the write below is the one to meet a
    dead connection."""
    backend = pg_backend

    async def scenario(storage: Storage) -> None:
        assert isinstance(storage, PostgresStorage)
        await asyncio.gather(*(storage.write(create(f"idle-{n}")) for n in range(6)))  # several pooled connections
        for round_, operation in enumerate(("write", "read")):
            killed = pgcluster.sql(
                backend.db,
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND application_name NOT IN (%s, %s)",
                LISTENER_NAME,
                SENDER_NAME,
            )
            assert len(killed) >= 2, killed
            await asyncio.sleep(0.1)  # the backends are gone; the pool has not noticed
            before = storage.retries
            if operation == "write":
                assert await storage.write(create(f"after-{round_}")) == f"after-{round_}"
            else:
                found = await storage.get_intent("idle-0")
                assert found is not None and found.intent_id == "idle-0"
            assert storage.retries > before, f"the {operation} never met a dead connection"
        page = await storage.events_page("after-0", 0, 10)
        assert [e["seq"] for e in page.events] == [1, 2]

        # A connection that dies under a unit: before anything was sent, the unit runs again on
        # another; after its COMMIT was sent, whether it committed is unknown, so it is a fault.
        runs: list[str] = []

        def cut_then_append(cut_after_read: bool) -> Callable[[Transaction], int]:
            def unit(tx: Transaction) -> int:
                assert isinstance(tx, PostgresTransaction)
                runs.append("run")
                if len(runs) == 1 and not cut_after_read:
                    cut(tx)
                intent = tx.get_intent_for_update("idle-1")
                assert intent is not None
                if len(runs) == 1 and cut_after_read:
                    cut(tx)
                seq = intent.last_seq + 1
                intent.doc["last_seq"] = seq
                tx.append_event(event("idle-1", seq))
                tx.update_intent(intent)
                return seq

            return unit

        def cut(tx: PostgresTransaction) -> None:
            pid = tx._pg.info.backend_pid
            pgcluster.sql(backend.db, "SELECT pg_terminate_backend(%s)", pid)
            time.sleep(0.1)

        assert await storage.write(cut_then_append(cut_after_read=False)) == 3
        assert runs == ["run", "run"]
        runs.clear()
        with pytest.raises(StorageFault):
            await storage.write(cut_then_append(cut_after_read=True))
        assert runs == ["run"]
        page = await storage.events_page("idle-1", 0, 10)
        assert [e["seq"] for e in page.events] == [1, 2, 3]  # the second unit left nothing

    backend(scenario)


def test_a_connection_above_descriptor_1023_is_judged_alive_or_dead_all_the_same(pg_url: str) -> None:
    """A server holding a thousand SSE streams opens its database connections on descriptors above
    1023, where ``select`` refuses to look: the check at checkout must still tell a live connection
    (kept) from one the server closed (replaced), or every checkout would throw its connection away."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip(f"the descriptor limit ({hard}) cannot reach past 1023")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096) if hard != resource.RLIM_INFINITY else 4096), hard))
    fillers = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            assert conn.pgconn.socket > 1023, conn.pgconn.socket
            assert not closed_while_idle(conn)
            conn.execute("SELECT 1")
            assert not closed_while_idle(conn)
            pgcluster.sql(pg_url, "SELECT pg_terminate_backend(%s)", conn.info.backend_pid)
            time.sleep(0.1)
            assert closed_while_idle(conn)
    finally:
        for fd in fillers:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_notifications_lost_by_a_failed_send_make_the_other_instances_wake_every_stream(pg_backend: Backend) -> None:
    """Notifications go out after the commit on a connection of their own; when that connection
    breaks, the keys of the failed send are gone, so the next send that gets through tells the
    other instances to wake all their streams (each then reads from its cursor)."""
    backend = pg_backend

    async def scenario(first: Storage) -> None:
        second = await backend.open()
        assert isinstance(second, PostgresStorage) and isinstance(first, PostgresStorage)
        await second.wait_listening()
        touched = second.notifier.subscribe(intent_key("n-1"))
        bystander = second.notifier.subscribe(intent_key("never-written"))
        await first.write(create("n-1"))
        assert await touched.wait(10), "no cross-instance wake-up"
        assert not await bystander.wait(0.2), "a stream of another intent was woken"
        touched.clear()
        killed = pgcluster.sql(
            backend.db,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s AND datname = current_database()"
            " AND pid <> pg_backend_pid()",
            SENDER_NAME,
        )
        assert killed == [(True,)], killed  # the first instance's (the second has sent nothing: it connects on need)
        await first.write(create("n-2"))  # its send fails on the dead connection
        assert await bystander.wait(10), "after a failed send the other instance did not wake every stream"
        for s in (touched, bystander):
            s.close()

    backend(scenario)


def test_a_read_of_an_agents_deliveries_waits_for_a_writer_that_drew_a_lower_cursor(pg_backend: Backend) -> None:
    """The fence, deterministically: a unit has drawn a cursor for the agent and not committed;
    a later unit commits a higher cursor. A read must not return the higher one alone (the
    reader would move past the lower one and never see it): it waits, then returns both."""
    import psycopg

    async def scenario(storage: Storage) -> None:
        assert isinstance(storage, PostgresStorage)
        agent, drawn, gate = "agent://a-1/w-1/fenced", threading.Event(), threading.Event()

        def slow_writer() -> None:
            with psycopg.connect(backend.db, autocommit=True) as conn:
                tx = PostgresTransaction(conn)
                create("slow", agent)(tx)
                tx.flush()  # the cursor is drawn; the commit waits for the gate
                drawn.set()
                gate.wait(30)
                tx.commit()

        writer = threading.Thread(target=slow_writer)
        writer.start()
        try:
            assert await asyncio.to_thread(drawn.wait, 30)
            await storage.write(create("fast", agent))
            read = asyncio.ensure_future(storage.deliveries_after(agent, 0, 10))
            await asyncio.sleep(0.5)
            assert not read.done(), f"the read did not wait for the writer in flight: {read.result()}"
        finally:
            gate.set()
            await asyncio.to_thread(writer.join, 30)
        assert [d.intent_id for d in await read] == ["slow", "fast"]

    backend = pg_backend
    backend(scenario)
