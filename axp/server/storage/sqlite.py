"""SQLite storage: WAL, ``synchronous=FULL``, one writer thread with group commit, reads in threads.

Why a writer thread: SQLite allows one writer at a time, and with ``synchronous=FULL`` every
commit waits for an fsync. Committing each request on its own caps throughput at the disk's
fsync rate, and doing it on the event loop stalls every stream for the whole fsync. So write
units queue to one thread, which takes everything queued, runs the units in one transaction
(an ``ApiError`` undoes that unit alone: see ``_commit``), commits once — one fsync for the
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
import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from axp.server.notify import Notifier, agent_key, intent_key
from axp.server.storage.base import (
    PushEndpoint,
    StorageFault,
    StorageUnavailable,
    Timer,
    Touched,
    Transaction,
    Unit,
)
from axp.server.storage.migrate import migrate_sqlite
from axp.server.storage.sql import SQLITE, Cursor, SQLReads, SQLTransaction, timer_of

T = TypeVar("T")
log = logging.getLogger("axp.server")

MAX_BATCH = 256  # units per group commit
READ_THREADS = 2
MAX_READ_BATCH = 32  # reads one reader thread answers with one wake-up of the event loop
CHECKPOINT_PAUSE = 0.2  # seconds between background checkpoints while commits keep coming
WAL_RESTART_FRAMES = 4000  # ~16 MB: beyond it the writer makes the WAL start over (see _checkpoint_loop)
WAL_SIZE_LIMIT = 64 * 1024 * 1024  # bytes a WAL file keeps once it starts over
BUSY_TIMEOUT_MS = 5000
MAX_CACHED_PUSHES = 10_000  # agents whose push endpoint (or its absence) the writer remembers
# Primary result codes that mean "the database cannot do this now", not "the request is wrong":
# BUSY, LOCKED, NOMEM, READONLY, IOERR, FULL, CANTOPEN, PROTOCOL.
FAULT_CODES = frozenset({5, 6, 7, 8, 10, 13, 14, 15})
FAULT_TEXTS = ("database or disk is full", "disk i/o error", "database is locked", "unable to open database")


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


class SQLiteTransaction(SQLTransaction):
    """One unit's view of the writer's open transaction. The writer holds the database lock for
    the whole batch, so reading an intent is locking it: ``get_intent_for_update`` is a plain read.

    ``wrote`` says whether the unit has sent a statement that changes something (its buffered
    rows go at ``flush``): a unit that fails before that leaves nothing to undo. ``pushes`` is the
    writer's cache of push endpoints (agent → endpoint or None): every create asks whether its
    agent has one, and endpoints are rarely registered, so the answer rarely needs a query."""

    dialect = SQLITE

    def __init__(
        self, conn: sqlite3.Connection, hook: Callable[[str], None] | None, pushes: dict[str, PushEndpoint | None]
    ) -> None:
        super().__init__(conn, hook)
        self.wrote = False
        self._pushes = pushes

    def _exec(self, sql: str, args: Sequence[Any] = ()) -> Cursor:
        if not sql.startswith("SELECT"):
            self.wrote = True
        return super()._exec(sql, args)

    def _exec_many(self, sql: str, rows: list[Any]) -> None:
        self.wrote = True
        super()._exec_many(sql, rows)

    def get_push(self, agent: str) -> PushEndpoint | None:
        if agent in self._pushes:
            return self._pushes[agent]
        found = super().get_push(agent)
        if len(self._pushes) >= MAX_CACHED_PUSHES:
            self._pushes.clear()
        self._pushes[agent] = found
        return found

    def set_push(self, endpoint: PushEndpoint) -> None:
        self._pushes.clear()  # read again from the database, which this transaction has changed
        super().set_push(endpoint)


class _Replay(Exception):
    """A unit failed after writing, in a batch run without savepoints: run the batch again with them."""


class _Job:
    __slots__ = ("unit", "future", "read")

    def __init__(self, unit: Callable[[Any], Any], future: asyncio.Future[Any], read: bool) -> None:
        self.unit = unit
        self.future = future
        self.read = read


_STOP = object()


def _take(jobs: queue.SimpleQueue[Any], limit: int) -> tuple[list[_Job], bool]:
    """Up to ``limit`` queued jobs (waiting for the first one), and whether the thread taking them
    is to stop after them. ``close`` queues one stop per thread, and each thread takes exactly one."""
    first = jobs.get()
    if first is _STOP:
        return [], True
    batch = [first]
    while len(batch) < limit:
        try:
            job = jobs.get_nowait()
        except queue.Empty:
            break
        if job is _STOP:
            return batch, True
        batch.append(job)
    return batch, False


class SQLiteStorage(SQLReads):
    """``path`` is a file (or ``:memory:``, where reads go through the writer thread too)."""

    dialect = SQLITE

    def __init__(self, path: str) -> None:
        self.path = path
        self.notifier = Notifier()
        self.timer_wakeup = None
        self.reads = 0  # read round trips so far (the wake-up tests count them)
        self.commits = 0  # group commits (one fsync each) ...
        self.writes = 0  # ... and the write units they carried: writes / commits is the mean batch
        self.fault_hook: Callable[[str], None] | None = None  # tests: called with each SQL text on the writer
        self._memory = path == ":memory:"
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._writer: threading.Thread | None = None
        self._checkpointer: threading.Thread | None = None
        self._committed = threading.Event()  # set after each commit: the checkpointer has work
        self._restart_wal = False  # set by the checkpointer: the WAL is long and nearly all copied
        self._reads: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._pushes: dict[str, PushEndpoint | None] = {}  # the writer's (see SQLiteTransaction)
        self._readers: list[threading.Thread] = []
        self._closed = False
        try:
            self._conn = _connect(path)
            self._open()
        except StorageUnavailable:
            self._conn.close()
            raise
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
        self.schema = migrate_sqlite(conn, self.path)

    # ---- lifecycle ---------------------------------------------------------------------------
    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._closed = False
        self._writer = threading.Thread(target=self._write_loop, name="axp-sqlite-writer", daemon=True)
        self._writer.start()
        if not self._memory:
            self._readers = [
                threading.Thread(target=self._read_loop, name=f"axp-sqlite-reader-{n}", daemon=True) for n in range(READ_THREADS)
            ]
            for reader in self._readers:
                reader.start()
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
        for _ in self._readers:
            self._reads.put(_STOP)
        for reader in self._readers:
            await asyncio.get_running_loop().run_in_executor(None, reader.join)
        self._readers = []
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
            batch, stop = _take(self._queue, MAX_BATCH)
            if batch:
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
        """Run the batch in one transaction and commit it (one fsync). Units run without savepoints:
        nearly every unit that fails (an ``ApiError``) does so before writing anything, and two
        statements per unit were a third of the writer's statements — each of which gives up the
        GIL and waits to get it back from the busy event loop. A unit that fails after writing
        rolls the batch back, and the batch runs again with a savepoint around each unit (units
        are functions of what they read; PostgreSQL runs them again after a lost race too)."""
        conn = self._conn
        try:
            try:
                outcomes, touched = self._run(jobs, careful=False)
            except _Replay:
                self._rollback()
                outcomes, touched = self._run(jobs, careful=True)
            if self.fault_hook is not None:
                self.fault_hook("COMMIT")
            conn.execute("COMMIT")
            self.commits += 1
            self.writes += len(jobs)
            self._committed.set()
        except sqlite3.Error as exc:
            self._rollback()
            fault = StorageFault(f"the database refused the write: {exc}")
            return [(job.future, False, fault) for job in jobs], Touched()
        if self._restart_wal:  # after the commit, outside it: its failure costs nothing committed
            self._restart_wal = False
            try:
                conn.execute("PRAGMA wal_checkpoint(RESTART)")
            except sqlite3.Error as exc:
                log.warning("checkpoint failed: %s", exc)
        return outcomes, touched

    def _run(self, jobs: list[_Job], *, careful: bool) -> tuple[list[tuple[asyncio.Future[Any], bool, Any]], Touched]:
        """Each unit of the batch inside one open transaction; ``careful`` puts each in a savepoint."""
        conn, hook = self._conn, self.fault_hook
        outcomes: list[tuple[asyncio.Future[Any], bool, Any]] = []
        touched = Touched()
        conn.execute("BEGIN IMMEDIATE")
        for job in jobs:
            tx = SQLiteTransaction(conn, hook, self._pushes)
            if careful:
                conn.execute("SAVEPOINT unit")
            try:
                value = job.unit(tx)
                tx.flush()
            except Exception as exc:  # noqa: BLE001 - the unit's own failure goes back to its caller
                if is_fault(exc):
                    raise
                if careful:
                    conn.execute("ROLLBACK TO unit")
                    conn.execute("RELEASE unit")
                    self._pushes.clear()
                elif tx.wrote:
                    raise _Replay from exc
                outcomes.append((job.future, False, exc))
            else:
                if careful:
                    conn.execute("RELEASE unit")
                touched.merge(tx.touched)
                outcomes.append((job.future, True, value))
        return outcomes, touched

    def _rollback(self) -> None:
        self._pushes.clear()  # it may hold what the rolled-back transaction wrote
        if self._conn.in_transaction:
            try:
                self._conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass

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
    def _read_loop(self) -> None:
        """One reader thread with a connection of its own. It answers what is queued in batches, with
        one wake-up of the event loop per batch: a thread-pool future per read cost more than most
        reads. A connection that fails is answered as a fault and opened afresh for the next read."""
        conn: sqlite3.Connection | None = None
        try:
            while True:
                batch, stop = _take(self._reads, MAX_READ_BATCH)
                outcomes: list[tuple[asyncio.Future[Any], bool, Any]] = []
                for job in batch:
                    try:
                        if conn is None:
                            conn = _connect(self.path)
                            conn.execute("PRAGMA query_only=1")
                        outcomes.append((job.future, *self._run_read(job.unit, conn)))
                    except sqlite3.Error as exc:  # opening failed, or a rollback after a failed read
                        outcomes.append((job.future, False, StorageFault(f"the database refused the read: {exc}")))
                        if conn is not None:
                            conn.close()
                            conn = None
                if outcomes:
                    self._settle(outcomes, Touched())
                if stop:
                    return
        finally:
            if conn is not None:
                conn.close()

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
        if self._memory:
            return await self._submit(fn, read=True)
        if self._closed or self._loop is None or not self._readers:
            raise StorageFault("the server is shutting down")
        future = self._loop.create_future()
        self._reads.put(_Job(fn, future, True))
        return await future

    async def claim_due_timers(self, now: float, limit: int) -> list[Timer]:
        """One process: claiming due timers is reading them."""

        def read(conn: sqlite3.Connection) -> list[Timer]:
            rows = conn.execute(
                "SELECT intent_id, kind, due, attempt FROM timers WHERE due <= ? ORDER BY due LIMIT ?", (now, limit)
            ).fetchall()
            return [timer_of(r) for r in rows]

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
