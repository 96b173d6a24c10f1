"""What the SQLite and PostgreSQL backends share: the statements behind the contract.

Why one module: the two backends differ in how a unit runs (one writer thread with group commit,
or a pooled connection per unit with row locks), not in what a unit writes. So the statements
exist once, written with ``?`` placeholders; a backend's :class:`Dialect` turns them into its
own (``%s`` for psycopg) and adds what only it needs (``FOR UPDATE``, a snapshot for a read of
two tables). Both drivers follow DB-API: ``execute`` returns a cursor with ``fetchone``,
``fetchall`` and ``rowcount``.

A unit's intent rows, events and delivery records are buffered and written at ``flush``, in
that order: a create appends up to four events but writes its row once, and the delivery
records come last because a shared backend takes a per-agent lock for them that readers of the
agent's records wait for — the later it is taken, the shorter they wait.
"""

from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from axp.server.encoding import json_bytes
from axp.server.storage.base import (
    Delivery,
    EventsPage,
    IdempotencyRecord,
    PushEndpoint,
    Storage,
    StoredIntent,
    Timer,
    Transaction,
)


class Cursor(Protocol):
    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    def execute(self, sql: Any, args: Any = ...) -> Any: ...


def dumps(value: Any) -> str:
    """Compact JSON text of a stored document."""
    return json_bytes(value).decode()


@lru_cache(maxsize=256)
def percent_placeholders(sql: str) -> str:
    """``?`` → ``%s`` (psycopg); our statements hold no ``?`` or ``%`` in literals."""
    return sql.replace("?", "%s")


class Dialect:
    """How one backend spells the shared statements."""

    def __init__(
        self,
        name: str,
        placeholders: Callable[[str], str],
        for_update: str,
        snapshot: str,
        one_of: str,
        list_arg: Callable[[list[str]], Any],
    ) -> None:
        self.name = name
        self.q = placeholders
        self.for_update = for_update  # appended to the intent read of get_intent_for_update
        self.snapshot = snapshot  # BEGIN statement of a read that must see two tables at one instant
        # "column is one of the values of one list parameter", and how to pass the list: one statement
        # text whatever the list's length.
        self.one_of = one_of
        self.list_arg = list_arg


SQLITE = Dialect("sqlite", lambda sql: sql, "", "BEGIN", "IN (SELECT value FROM json_each(?))", json.dumps)
POSTGRESQL = Dialect(
    "postgresql",
    percent_placeholders,
    " FOR UPDATE",
    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    "= ANY(?)",
    list,
)

T = TypeVar("T")
INTENT_BY_ID = "SELECT rowid, doc FROM intents WHERE intent_id = ?"


def intent_of(intent_id: str, row: Sequence[Any] | None) -> StoredIntent | None:
    return StoredIntent(intent_id, json.loads(row[1]), int(row[0])) if row else None


def intents_of(rows: list[Any]) -> list[StoredIntent]:
    """Rows of ``rowid, intent_id, doc``."""
    return [StoredIntent(r[1], json.loads(r[2]), int(r[0])) for r in rows]


class SQLTransaction(Transaction):
    """One unit's transaction on a DB-API connection. ``hook`` (tests) sees each statement first."""

    dialect: Dialect = SQLITE

    def __init__(self, conn: Connection, hook: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self._conn = conn
        self._hook = hook
        self._intents: dict[str, StoredIntent] = {}
        self._new: set[str] = set()
        self._dirty: set[str] = set()
        self._events: list[tuple[str, int, str]] = []
        self._deliveries: list[tuple[str, str, str]] = []

    def _exec(self, sql: str, args: Sequence[Any] = ()) -> Cursor:
        if self._hook is not None:
            self._hook(sql)
        return self._conn.execute(self.dialect.q(sql), args)  # type: ignore[no-any-return,unused-ignore]

    def _exec_many(self, sql: str, rows: list[Any]) -> None:
        if self._hook is not None:
            self._hook(sql)
        self._conn.cursor().executemany(self.dialect.q(sql), rows)  # type: ignore[attr-defined]

    # intents and events
    def get_intent_for_update(self, intent_id: str) -> StoredIntent | None:
        found = self._intents.get(intent_id)
        if found is not None:
            return found
        intent = intent_of(intent_id, self._exec(INTENT_BY_ID + self.dialect.for_update, (intent_id,)).fetchone())
        if intent is not None:
            self._intents[intent_id] = intent
        return intent

    def get_intents_for_update(self, intent_ids: list[str]) -> dict[str, StoredIntent]:
        wanted = sorted({i for i in intent_ids if i not in self._intents})
        if len(wanted) > 1:
            # In id order: two units locking overlapping sets lock them in the same order.
            sql = f"SELECT rowid, intent_id, doc FROM intents WHERE intent_id {self.dialect.one_of} ORDER BY intent_id"
            for intent in intents_of(self._exec(sql + self.dialect.for_update, (self.dialect.list_arg(wanted),)).fetchall()):
                self._intents[intent.intent_id] = intent
        elif wanted:
            self.get_intent_for_update(wanted[0])
        return {i: self._intents[i] for i in intent_ids if i in self._intents}

    def insert_intent(self, intent: StoredIntent) -> None:
        self._intents[intent.intent_id] = intent
        self._new.add(intent.intent_id)
        self.touched.intents.add(intent.intent_id)

    def update_intent(self, intent: StoredIntent) -> None:
        self._intents[intent.intent_id] = intent
        self._dirty.add(intent.intent_id)
        self.touched.intents.add(intent.intent_id)

    def append_event(self, event: dict[str, Any]) -> None:
        self._events.append((event["intent_id"], int(event["seq"]), dumps(event)))
        self.touched.intents.add(event["intent_id"])

    def flush(self) -> None:
        """Write what the unit buffered; the backend commits afterwards."""
        # The new rows' rowids are fetched last: a backend that queues statements (PostgreSQL) sends the
        # whole flush, and the commit after it, in one round trip.
        inserted = []
        for intent_id in self._new:
            intent = self._intents[intent_id]
            d = intent.doc
            cursor = self._exec(
                "INSERT INTO intents (intent_id, status, from_agent, to_agent, correlation_id, doc) "
                "VALUES (?,?,?,?,?,?) RETURNING rowid",
                (intent_id, d["status"], d["from_agent"], d["to_agent"], d["correlation_id"], dumps(d)),
            )
            inserted.append((intent, cursor))
        for intent_id in self._dirty - self._new:
            intent = self._intents[intent_id]
            args = (intent.status, dumps(intent.doc), intent_id)
            self._exec("UPDATE intents SET status = ?, doc = ? WHERE intent_id = ?", args)
        if self._events:
            self._exec_many("INSERT INTO events (intent_id, seq, doc) VALUES (?,?,?)", self._events)
        if self._deliveries:
            self.lock_agents(sorted({agent for agent, _, _ in self._deliveries}))
            self._exec_many("INSERT INTO deliveries (agent, intent_id, at) VALUES (?,?,?)", self._deliveries)
        for intent, cursor in inserted:
            intent.rowid = int(cursor.fetchone()[0])
        self._new.clear()
        self._dirty.clear()
        self._events.clear()
        self._deliveries.clear()

    def lock_agents(self, agents: list[str]) -> None:
        """Hold, to the commit, what readers of these agents' records wait for (one writer: nothing)."""

    # idempotency
    def idempotency_get(self, scope: str, key: str) -> IdempotencyRecord | None:
        row = self._exec(
            "SELECT body_hash, status, response, created_at FROM idempotency WHERE scope = ? AND key = ?", (scope, key)
        ).fetchone()
        if row is None:
            return None
        return IdempotencyRecord(scope, key, str(row[0]), int(row[1]), json.loads(row[2]), float(row[3]))

    def idempotency_put(self, record: IdempotencyRecord) -> None:
        self._exec(
            "INSERT INTO idempotency (scope, key, body_hash, status, response, created_at) VALUES (?,?,?,?,?,?)",
            (record.scope, record.key, record.body_hash, record.status, dumps(record.response), record.created_at),
        )

    # delivery
    def add_delivery(self, agent: str, intent_id: str, at: str) -> None:
        self._deliveries.append((agent, intent_id, at))
        self.touched.agents.add(agent)

    def get_push(self, agent: str) -> PushEndpoint | None:
        row = self._exec("SELECT url, secret FROM push_endpoints WHERE agent = ?", (agent,)).fetchone()
        return PushEndpoint(agent, str(row[0]), str(row[1])) if row else None

    def set_push(self, endpoint: PushEndpoint) -> None:
        self._exec(
            "INSERT INTO push_endpoints (agent, url, secret) VALUES (?,?,?) "
            "ON CONFLICT(agent) DO UPDATE SET url = excluded.url, secret = excluded.secret",
            (endpoint.agent, endpoint.url, endpoint.secret),
        )

    # timers
    def get_timer(self, intent_id: str, kind: str) -> Timer | None:
        row = self._exec("SELECT due, attempt FROM timers WHERE intent_id = ? AND kind = ?", (intent_id, kind)).fetchone()
        return Timer(intent_id, kind, float(row[0]), int(row[1])) if row else None

    SET_TIMER = (
        "INSERT INTO timers (intent_id, kind, due, attempt) VALUES (?,?,?,?) "
        "ON CONFLICT(intent_id, kind) DO UPDATE SET due = excluded.due, attempt = excluded.attempt"
    )

    def set_timer(self, timer: Timer) -> None:
        self._exec(self.SET_TIMER, (timer.intent_id, timer.kind, timer.due, timer.attempt))
        self.touched.timer(timer.due)

    def clear_timer(self, intent_id: str, kind: str) -> None:
        self._exec("DELETE FROM timers WHERE intent_id = ? AND kind = ?", (intent_id, kind))


# ---- reads ----------------------------------------------------------------------------------------


class SQLReads(Storage):
    """The reads of the contract, the same statements on both backends; a backend provides
    ``_read`` (run a function of a connection wherever it runs reads) and its ``dialect``."""

    dialect: Dialect

    @abstractmethod
    async def _read(self, fn: Callable[[Any], T]) -> T: ...

    async def get_intent(self, intent_id: str) -> StoredIntent | None:
        q = self.dialect.q
        return await self._read(lambda conn: intent_of(intent_id, conn.execute(q(INTENT_BY_ID), (intent_id,)).fetchone()))

    async def events_page(self, intent_id: str, since: int, limit: int) -> EventsPage:
        """The intent and its events after ``since`` in one snapshot, so the status and the events agree."""
        dialect = self.dialect

        def read(conn: Any) -> EventsPage:
            conn.execute(dialect.snapshot)
            try:  # both statements sent before either is fetched: one round trip when pipelined
                intent = conn.execute(dialect.q(INTENT_BY_ID), (intent_id,))
                events = conn.execute(
                    dialect.q("SELECT doc FROM events WHERE intent_id = ? AND seq > ? ORDER BY seq LIMIT ?"),
                    (intent_id, since, limit),
                )
                row, rows = intent.fetchone(), events.fetchall()
            finally:
                conn.execute("COMMIT")
            return EventsPage(intent_of(intent_id, row), [json.loads(r[0]) for r in rows])

        return await self._read(read)

    async def list_intents(
        self,
        *,
        visible_to: str | None,
        status: list[str] | None,
        to_agent: str | None,
        correlation_id: str | None,
        after_rowid: int,
        limit: int,
    ) -> list[StoredIntent]:
        sql = "SELECT rowid, intent_id, doc FROM intents WHERE rowid > ?"
        args: list[Any] = [after_rowid]
        if visible_to is not None:
            sql += " AND (from_agent = ? OR to_agent = ?)"
            args += [visible_to, visible_to]
        if status:
            sql += f" AND status IN ({','.join('?' * len(status))})"
            args += status
        if to_agent:
            sql += " AND to_agent = ?"
            args.append(to_agent)
        if correlation_id:
            sql += " AND correlation_id = ?"
            args.append(correlation_id)
        sql = self.dialect.q(sql + " ORDER BY rowid LIMIT ?")
        args.append(limit)
        return await self._read(lambda conn: intents_of(conn.execute(sql, args).fetchall()))

    async def deliveries_after(self, agent: str, cursor: int, limit: int) -> list[Delivery]:
        sql = self.dialect.q(DELIVERIES_AFTER)
        return await self._read(lambda conn: deliveries_of(agent, conn.execute(sql, (agent, cursor, limit)).fetchall()))


DELIVERIES_AFTER = (
    "SELECT d.cursor, d.intent_id, d.at, i.rowid, i.doc FROM deliveries d JOIN intents i USING (intent_id) "
    "WHERE d.agent = ? AND d.cursor > ? ORDER BY d.cursor LIMIT ?"
)


def deliveries_of(agent: str, rows: list[Any]) -> list[Delivery]:
    return [Delivery(int(r[0]), agent, str(r[1]), str(r[2]), StoredIntent(str(r[1]), json.loads(r[4]), int(r[3]))) for r in rows]


def timer_of(row: Sequence[Any]) -> Timer:
    return Timer(str(row[0]), str(row[1]), float(row[2]), int(row[3]))
