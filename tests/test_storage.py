"""The storage contract, exercised on every backend (SQLite today; a PostgreSQL parameter joins
it later): write units, rollback of one unit inside a group commit, faults, reads, wake-ups."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

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
)

Scenario = Callable[[Storage], Awaitable[None]]


@pytest.fixture(params=["sqlite", "sqlite-memory"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[Scenario], None]]:
    """Runs a scenario against a started backend on a fresh event loop, then closes it."""

    def run(scenario: Scenario) -> None:
        async def main() -> None:
            storage = SQLiteStorage(":memory:" if request.param == "sqlite-memory" else str(tmp_path / "s.db"))
            await storage.start()
            try:
                await scenario(storage)
            finally:
                await storage.close()

        asyncio.run(main())

    yield run


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


def create(intent_id: str, agent: str = "agent://a-1/w-1/agent") -> Callable[[Transaction], int]:
    def unit(tx: Transaction) -> int:
        tx.insert_intent(StoredIntent(intent_id, doc(intent_id, to_agent=agent)))
        tx.append_event(event(intent_id, 1, "CREATED"))
        tx.append_event(event(intent_id, 2))
        return tx.add_delivery(agent, intent_id, "2026-01-01T00:00:00.000Z")

    return unit


def test_a_unit_commits_whole_and_reads_see_it(backend: Callable[[Scenario], None]) -> None:
    async def scenario(storage: Storage) -> None:
        cursor = await storage.write(create("i-1"))
        assert cursor >= 1
        intent = await storage.get_intent("i-1")
        assert intent is not None and intent.status == "SUBMITTED" and intent.rowid >= 1
        page = await storage.events_page("i-1", 0, 10)
        assert page.intent is not None and [e["seq"] for e in page.events] == [1, 2]
        assert [e["seq"] for e in (await storage.events_page("i-1", 1, 10)).events] == [2]
        assert (await storage.events_page("nope", 0, 10)) == (None, [])
        deliveries = await storage.deliveries_after("agent://a-1/w-1/agent", 0, 10)
        assert [(d.cursor, d.intent_id, d.intent.status) for d in deliveries] == [(cursor, "i-1", "SUBMITTED")]
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


def test_updates_inside_a_unit_are_seen_by_the_same_unit(backend: Callable[[Scenario], None]) -> None:
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


def test_a_failing_unit_rolls_back_alone_inside_a_group_commit(backend: Callable[[Scenario], None]) -> None:
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
        gate.set()
        assert await first == "first"
        outcomes = await asyncio.gather(*others, return_exceptions=True)
        assert isinstance(outcomes[0], int) and isinstance(outcomes[2], int)
        assert isinstance(outcomes[1], ApiError) and outcomes[1].code == "invalid_transition"
        assert storage.commits - commits == 2  # type: ignore[attr-defined]  # the blocker's, then one for all three
        assert await storage.get_intent("i-bad") is None and (await storage.events_page("i-bad", 0, 9)).events == []
        assert [d.intent_id for d in await storage.deliveries_after("agent://a-1/w-1/agent", 0, 9)] == ["i-a", "i-b"]
        assert await storage.next_timer_due() is None

    backend(scenario)


def test_a_storage_fault_fails_the_whole_batch_and_keeps_nothing(backend: Callable[[Scenario], None]) -> None:
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

    backend(scenario)


def test_a_really_full_database_is_a_fault_and_recovers(backend: Callable[[Scenario], None]) -> None:
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

    backend(scenario)


def test_idempotency_push_and_timers(backend: Callable[[Scenario], None]) -> None:
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


def test_a_commit_wakes_exactly_the_subscriptions_it_touched(backend: Callable[[Scenario], None]) -> None:
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


def test_close_finishes_queued_writes_then_refuses_new_ones(tmp_path: Path) -> None:
    async def main() -> None:
        storage = SQLiteStorage(str(tmp_path / "c.db"))
        await storage.start()
        pending = [asyncio.ensure_future(storage.write(create(f"i-{n}"))) for n in range(20)]
        await asyncio.sleep(0)
        await storage.close()
        assert all(isinstance(p.result(), int) for p in pending)
        with pytest.raises(StorageFault):
            await storage.write(create("late"))

    asyncio.run(main())
    with sqlite3.connect(tmp_path / "c.db") as conn:
        assert conn.execute("SELECT count(*) FROM intents").fetchone()[0] == 20
