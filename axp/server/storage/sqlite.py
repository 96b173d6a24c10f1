"""SQLite storage: WAL, ``synchronous=FULL``, one writer thread with group commit, reads in threads.

Why a writer thread: SQLite allows one writer at a time, and with ``synchronous=FULL`` every
commit waits for an fsync. Committing each request on its own caps throughput at the disk's
fsync rate, and doing it on the event loop stalls every stream for the whole fsync. So write
units queue to one thread, which takes everything queued, runs each unit inside a SAVEPOINT of
one transaction (an ``ApiError`` rolls back that unit alone), commits once — one fsync for the
whole batch — and only then resolves each caller's future. A 2xx still means durable; under load
dozens of requests share an fsync. Readers use their own connections in a small thread pool: in
WAL mode they see the last commit and never wait for the writer. Checkpoints (copying the WAL
back into the database, with its own fsync) run on a third thread, not inside a commit: with
SQLite's automatic checkpoint every thousandth commit stalled the queue behind it.

A storage error inside a batch (disk full, I/O error, busy beyond the timeout) rolls the whole
transaction back and fails every unit in it with :class:`StorageFault`; none was acknowledged,
so none is lost, and the next batch starts clean.
"""

from __future__ import annotations

import asyncio
import json
import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from axp.server.notify import Notifier, agent_key, intent_key
from axp.server.storage.base import (
    Delivery,
    EventsPage,
    IdempotencyRecord,
    PushEndpoint,
    Storage,
    StorageFault,
    StorageUnavailable,
    StoredIntent,
    Timer,
    Touched,
    Transaction,
    Unit,
)

T = TypeVar("T")
log = logging.getLogger("axp.server")

SCHEMA = """
CREATE TABLE IF NOT EXISTS intents (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    intent_id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    from_agent TEXT NOT NULL,
    to_agent TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS intents_to ON intents(to_agent);
CREATE INDEX IF NOT EXISTS intents_corr ON intents(correlation_id);
CREATE TABLE IF NOT EXISTS events (
    intent_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (intent_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS idempotency (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    response TEXT NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE TABLE IF NOT EXISTS deliveries (
    cursor INTEGER PRIMARY KEY AUTOINCREMENT,
    agent TEXT NOT NULL,
    intent_id TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS deliveries_agent ON deliveries(agent, cursor);
CREATE TABLE IF NOT EXISTS push_endpoints (
    agent TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    secret TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS timers (
    intent_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    due REAL NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (intent_id, kind)
);
CREATE INDEX IF NOT EXISTS timers_due ON timers(due);
"""

SCHEMA_VERSION = 1  # PRAGMA user_version of a database this module created
MAX_BATCH = 256  # units per group commit
READ_THREADS = 4
CHECKPOINT_PAUSE = 0.2  # seconds between background checkpoints while commits keep coming
WAL_RESTART_FRAMES = 4000  # ~16 MB: beyond it the writer makes the WAL start over (see _checkpoint_loop)
WAL_SIZE_LIMIT = 64 * 1024 * 1024  # bytes a WAL file keeps once it starts over
BUSY_TIMEOUT_MS = 5000
# Primary result codes that mean "the database cannot do this now", not "the request is wrong":
# BUSY, LOCKED, NOMEM, READONLY, IOERR, FULL, CANTOPEN, PROTOCOL.
FAULT_CODES = frozenset({5, 6, 7, 8, 10, 13, 14, 15})
FAULT_TEXTS = ("database or disk is full", "disk i/o error", "database is locked", "unable to open database")


_dumps = json.JSONEncoder(separators=(",", ":")).encode  # json.dumps builds an encoder per call


def is_fault(exc: BaseException) -> bool:
    """True for a storage error a retry may cure (D11), false for a bug such as a broken constraint."""
    if not isinstance(exc, sqlite3.Error):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return (code & 0xFF) in FAULT_CODES
    return any(text in str(exc).lower() for text in FAULT_TEXTS)


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


class SQLiteTransaction(Transaction):
    """One unit's view of the writer's open transaction. Intent rows and events are buffered
    and written once at ``flush`` (a create appends up to four events but writes its row once)."""

    def __init__(self, conn: sqlite3.Connection, hook: Callable[[str], None] | None) -> None:
        super().__init__()
        self._conn = conn
        self._hook = hook
        self._intents: dict[str, StoredIntent] = {}
        self._new: set[str] = set()
        self._dirty: set[str] = set()
        self._events: list[tuple[str, int, str]] = []

    def _exec(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        if self._hook is not None:
            self._hook(sql)
        return self._conn.execute(sql, args)

    # intents and events
    def get_intent_for_update(self, intent_id: str) -> StoredIntent | None:
        # One writer holds the database lock for the whole batch: reading is locking here.
        found = self._intents.get(intent_id)
        if found is not None:
            return found
        row = self._exec("SELECT rowid, doc FROM intents WHERE intent_id = ?", (intent_id,)).fetchone()
        if row is None:
            return None
        intent = StoredIntent(intent_id, json.loads(row[1]), int(row[0]))
        self._intents[intent_id] = intent
        return intent

    def insert_intent(self, intent: StoredIntent) -> None:
        self._intents[intent.intent_id] = intent
        self._new.add(intent.intent_id)
        self.touched.intents.add(intent.intent_id)

    def update_intent(self, intent: StoredIntent) -> None:
        self._intents[intent.intent_id] = intent
        self._dirty.add(intent.intent_id)
        self.touched.intents.add(intent.intent_id)

    def append_event(self, event: dict[str, Any]) -> None:
        self._events.append((event["intent_id"], int(event["seq"]), _dumps(event)))
        self.touched.intents.add(event["intent_id"])

    def flush(self) -> None:
        for intent_id in self._new:
            intent = self._intents[intent_id]
            d = intent.doc
            cur = self._exec(
                "INSERT INTO intents (intent_id, status, from_agent, to_agent, correlation_id, doc) VALUES (?,?,?,?,?,?)",
                (intent_id, d["status"], d["from_agent"], d["to_agent"], d["correlation_id"], _dumps(d)),
            )
            intent.rowid = int(cur.lastrowid or 0)
        for intent_id in self._dirty - self._new:
            intent = self._intents[intent_id]
            self._exec(
                "UPDATE intents SET status = ?, doc = ? WHERE intent_id = ?",
                (intent.doc["status"], _dumps(intent.doc), intent_id),
            )
        if self._events:
            if self._hook is not None:
                self._hook("INSERT INTO events")
            self._conn.executemany("INSERT INTO events (intent_id, seq, doc) VALUES (?,?,?)", self._events)
        self._new.clear()
        self._dirty.clear()
        self._events.clear()

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
            (record.scope, record.key, record.body_hash, record.status, _dumps(record.response), record.created_at),
        )

    # delivery
    def add_delivery(self, agent: str, intent_id: str, at: str) -> int:
        cur = self._exec("INSERT INTO deliveries (agent, intent_id, at) VALUES (?,?,?)", (agent, intent_id, at))
        self.touched.agents.add(agent)
        return int(cur.lastrowid or 0)

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

    def set_timer(self, timer: Timer) -> None:
        self._exec(
            "INSERT INTO timers (intent_id, kind, due, attempt) VALUES (?,?,?,?) "
            "ON CONFLICT(intent_id, kind) DO UPDATE SET due = excluded.due, attempt = excluded.attempt",
            (timer.intent_id, timer.kind, timer.due, timer.attempt),
        )
        self.touched.timer(timer.due)

    def clear_timer(self, intent_id: str, kind: str) -> None:
        self._exec("DELETE FROM timers WHERE intent_id = ? AND kind = ?", (intent_id, kind))


class _Job:
    __slots__ = ("unit", "future", "read")

    def __init__(self, unit: Callable[[Any], Any], future: asyncio.Future[Any], read: bool) -> None:
        self.unit = unit
        self.future = future
        self.read = read


_STOP = object()


class SQLiteStorage(Storage):
    """``path`` is a file (or ``:memory:``, where reads go through the writer thread too)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.notifier = Notifier()
        self.timer_wakeup = None
        self.reads = 0  # read round trips so far (the wake-up tests count them)
        self.commits = 0
        self.fault_hook: Callable[[str], None] | None = None  # tests: called with each SQL text on the writer
        self._memory = path == ":memory:"
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._writer: threading.Thread | None = None
        self._checkpointer: threading.Thread | None = None
        self._committed = threading.Event()  # set after each commit: the checkpointer has work
        self._restart_wal = False  # set by the checkpointer: the WAL is long and nearly all copied
        self._pool: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._closed = False
        try:
            self._conn = _connect(path)
            self._open()
        except sqlite3.Error as exc:
            raise StorageUnavailable(f"{path}: cannot use it as the server's SQLite database: {exc}") from None

    def _open(self) -> None:
        conn = self._conn
        if not self._memory:
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        # The writer never checkpoints: copying the WAL back into the database (and its fsync)
        # would stall every commit queued behind it. A checkpointer thread does it instead.
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        if version != SCHEMA_VERSION and (version or tables):
            conn.close()
            raise StorageUnavailable(
                f"{self.path}: not an axp server database (user_version {version}, "
                f"{tables} tables); point --db at a new file or an axp database"
            )
        conn.executescript(SCHEMA)
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    # ---- lifecycle ---------------------------------------------------------------------------
    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._closed = False
        self._writer = threading.Thread(target=self._write_loop, name="axp-sqlite-writer", daemon=True)
        self._writer.start()
        if not self._memory:
            self._pool = ThreadPoolExecutor(max_workers=READ_THREADS, thread_name_prefix="axp-sqlite-reader")
            self._checkpointer = threading.Thread(target=self._checkpoint_loop, name="axp-sqlite-checkpointer", daemon=True)
            self._checkpointer.start()

    async def close(self) -> None:
        self._closed = True
        if self._writer is not None:
            self._queue.put(_STOP)
            await asyncio.get_running_loop().run_in_executor(None, self._writer.join)
            self._writer = None
        if self._checkpointer is not None:
            self._committed.set()
            await asyncio.get_running_loop().run_in_executor(None, self._checkpointer.join)
            self._checkpointer = None
            try:  # nothing runs any more: fold the WAL back and leave it empty
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                pass
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        with self._readers_lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
        self._conn.close()

    # ---- writes ------------------------------------------------------------------------------
    async def write(self, unit: Unit[T]) -> T:
        return await self._submit(unit, read=False)

    def _submit(self, unit: Callable[[Any], Any], *, read: bool) -> asyncio.Future[Any]:
        if self._closed or self._loop is None:
            raise StorageFault("the server is shutting down")
        future = self._loop.create_future()
        self._queue.put(_Job(unit, future, read))
        return future

    def _write_loop(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch: list[_Job] = [first]
            stop = False
            while len(batch) < MAX_BATCH:
                try:
                    job = self._queue.get_nowait()
                except queue.Empty:
                    break
                if job is _STOP:
                    stop = True
                    break
                batch.append(job)
            writes = [j for j in batch if not j.read]
            outcomes: list[tuple[asyncio.Future[Any], bool, Any]] = []
            touched = Touched()
            if writes:
                outcomes, touched = self._commit(writes)
            for job in batch:
                if job.read:
                    outcomes.append((job.future, *self._run_read(job.unit, self._conn)))
            self._settle(outcomes, touched)
            if stop:
                return

    def _commit(self, jobs: list[_Job]) -> tuple[list[tuple[asyncio.Future[Any], bool, Any]], Touched]:
        conn, hook = self._conn, self.fault_hook
        outcomes: list[tuple[asyncio.Future[Any], bool, Any]] = []
        touched = Touched()
        try:
            conn.execute("BEGIN IMMEDIATE")
            for job in jobs:
                tx = SQLiteTransaction(conn, hook)
                conn.execute("SAVEPOINT unit")
                try:
                    value = job.unit(tx)
                    tx.flush()
                except Exception as exc:  # noqa: BLE001 - the unit's own failure goes back to its caller
                    if is_fault(exc):
                        raise
                    conn.execute("ROLLBACK TO unit")
                    conn.execute("RELEASE unit")
                    outcomes.append((job.future, False, exc))
                else:
                    conn.execute("RELEASE unit")
                    touched.merge(tx.touched)
                    outcomes.append((job.future, True, value))
            if hook is not None:
                hook("COMMIT")
            conn.execute("COMMIT")
            self.commits += 1
            self._committed.set()
        except sqlite3.Error as exc:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            fault = StorageFault(f"the database refused the write: {exc}")
            return [(job.future, False, fault) for job in jobs], Touched()
        if self._restart_wal:  # after the commit, outside it: its failure costs nothing committed
            self._restart_wal = False
            try:
                conn.execute("PRAGMA wal_checkpoint(RESTART)")
            except sqlite3.Error as exc:
                log.warning("checkpoint failed: %s", exc)
        return outcomes, touched

    def _checkpoint_loop(self) -> None:
        """Copy committed WAL frames into the database off the writer's path (PASSIVE: it never
        blocks the writer or a reader). Under steady load the copy never quite catches up, so the
        WAL would never start over; once it is long, the writer — the only one who knows no commit
        is in flight — finishes the last few frames itself with a RESTART checkpoint."""
        conn = _connect(self.path)
        try:
            while True:
                self._committed.wait()
                if self._closed:
                    return
                self._committed.clear()
                try:
                    _, frames, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                except sqlite3.Error as exc:  # a full disk: the WAL keeps the data, try again later
                    log.warning("checkpoint failed: %s", exc)
                else:
                    self._restart_wal = frames > WAL_RESTART_FRAMES and frames - copied < WAL_RESTART_FRAMES // 4
                time.sleep(CHECKPOINT_PAUSE)
        finally:
            conn.close()

    def _settle(self, outcomes: list[tuple[asyncio.Future[Any], bool, Any]], touched: Touched) -> None:
        loop = self._loop
        if loop is None:
            return
        try:
            loop.call_soon_threadsafe(self._resolve, outcomes, touched)
        except RuntimeError:  # the loop is gone: nobody is waiting any more
            pass

    def _resolve(self, outcomes: list[tuple[asyncio.Future[Any], bool, Any]], touched: Touched) -> None:
        if touched:
            keys = [intent_key(i) for i in touched.intents] + [agent_key(a) for a in touched.agents]
            self.notifier.publish(keys)
            if touched.earliest_timer is not None and self.timer_wakeup is not None:
                self.timer_wakeup(touched.earliest_timer)
        for future, ok, value in outcomes:
            if future.done():
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

    # ---- reads -------------------------------------------------------------------------------
    def _reader(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self.path)
            conn.execute("PRAGMA query_only=1")
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    @staticmethod
    def _run_read(fn: Callable[[sqlite3.Connection], Any], conn: sqlite3.Connection) -> tuple[bool, Any]:
        """(True, result) or (False, the exception to raise in the caller)."""
        try:
            return True, fn(conn)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if is_fault(exc):
                return False, StorageFault(f"the database refused the read: {exc}")
            return False, exc
        except Exception as exc:  # noqa: BLE001 - handed to the caller
            return False, exc

    async def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        self.reads += 1
        if self._pool is None:
            if self._memory:
                return await self._submit(fn, read=True)
            raise StorageFault("the server is shutting down")
        ok, value = await asyncio.get_running_loop().run_in_executor(self._pool, self._read_in_thread, fn)
        if not ok:
            raise value
        return value

    def _read_in_thread(self, fn: Callable[[sqlite3.Connection], Any]) -> tuple[bool, Any]:
        return self._run_read(fn, self._reader())

    async def get_intent(self, intent_id: str) -> StoredIntent | None:
        def read(conn: sqlite3.Connection) -> StoredIntent | None:
            row = conn.execute("SELECT rowid, doc FROM intents WHERE intent_id = ?", (intent_id,)).fetchone()
            return StoredIntent(intent_id, json.loads(row[1]), int(row[0])) if row else None

        return await self._read(read)

    async def events_page(self, intent_id: str, since: int, limit: int) -> EventsPage:
        def read(conn: sqlite3.Connection) -> EventsPage:
            conn.execute("BEGIN")
            try:
                row = conn.execute("SELECT rowid, doc FROM intents WHERE intent_id = ?", (intent_id,)).fetchone()
                rows = conn.execute(
                    "SELECT doc FROM events WHERE intent_id = ? AND seq > ? ORDER BY seq LIMIT ?", (intent_id, since, limit)
                ).fetchall()
            finally:
                conn.execute("COMMIT")
            intent = StoredIntent(intent_id, json.loads(row[1]), int(row[0])) if row else None
            return EventsPage(intent, [json.loads(r[0]) for r in rows])

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
        sql += " ORDER BY rowid LIMIT ?"
        args.append(limit)

        def read(conn: sqlite3.Connection) -> list[StoredIntent]:
            return [StoredIntent(r[1], json.loads(r[2]), int(r[0])) for r in conn.execute(sql, args).fetchall()]

        return await self._read(read)

    async def deliveries_after(self, agent: str, cursor: int, limit: int) -> list[Delivery]:
        def read(conn: sqlite3.Connection) -> list[Delivery]:
            rows = conn.execute(
                "SELECT d.cursor, d.intent_id, d.at, i.rowid, i.doc FROM deliveries d JOIN intents i USING (intent_id) "
                "WHERE d.agent = ? AND d.cursor > ? ORDER BY d.cursor LIMIT ?",
                (agent, cursor, limit),
            ).fetchall()
            return [
                Delivery(int(r[0]), agent, str(r[1]), str(r[2]), StoredIntent(str(r[1]), json.loads(r[4]), int(r[3])))
                for r in rows
            ]

        return await self._read(read)

    async def claim_due_timers(self, now: float, limit: int) -> list[Timer]:
        def read(conn: sqlite3.Connection) -> list[Timer]:
            rows = conn.execute(
                "SELECT intent_id, kind, due, attempt FROM timers WHERE due <= ? ORDER BY due LIMIT ?", (now, limit)
            ).fetchall()
            return [Timer(str(r[0]), str(r[1]), float(r[2]), int(r[3])) for r in rows]

        return await self._read(read)

    async def next_timer_due(self) -> float | None:
        def read(conn: sqlite3.Connection) -> float | None:
            row = conn.execute("SELECT min(due) FROM timers").fetchone()
            return None if row is None or row[0] is None else float(row[0])

        return await self._read(read)

    async def limit_pages(self, extra: int | None) -> None:
        """Let the database grow by at most ``extra`` pages (None: no limit) — a real ``database or
        disk is full`` for fault tests, without a small filesystem."""

        def unit(tx: Transaction) -> None:
            assert isinstance(tx, SQLiteTransaction)
            pages = int(tx._exec("PRAGMA page_count").fetchone()[0])
            tx._exec(f"PRAGMA max_page_count = {pages + extra if extra is not None else 4294967294}")

        await self.write(unit)

    async def purge_idempotency(self, older_than: float) -> int:
        def unit(tx: Transaction) -> int:
            assert isinstance(tx, SQLiteTransaction)
            return int(tx._exec("DELETE FROM idempotency WHERE created_at < ?", (older_than,)).rowcount)

        return await self.write(unit)
