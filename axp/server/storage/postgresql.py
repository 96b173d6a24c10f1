"""PostgreSQL storage: several ``axp serve`` instances on one database act as one platform.

Why each unit gets its own pooled connection and transaction (run in a worker thread, so the
event loop never waits on the database and the service's synchronous units stay the same code
as on SQLite): the database, not a writer thread, serializes what must be serialized, and it
does so across instances.

- ``seq`` stays gap-free: a unit reads an intent ``FOR UPDATE``; a second writer of the same
  intent, on any instance, waits for the first to commit and then reads the new ``last_seq``.
- Idempotency: ``(scope, key)`` is the primary key. Two duplicates racing on two instances both
  run; the second insert waits for the first commit and fails, and its unit runs again, now
  finding the stored record: the stored response, or 409 for a different body. Deadlocks are
  retried the same way. So a unit may run more than once; only one run ever commits.
- Delivery records: a cursor drawn by one unit may commit after a higher one drawn by another,
  and an agent stream that had read past it would skip it. So a unit takes its agent's advisory
  lock *shared* before it draws a cursor (last, just before the commit), and a read of the
  agent's records takes it *exclusively*: the read waits for writers in flight, and returns
  only records no later commit can precede. Writers never wait for each other.
- Wake-ups: after a commit, the instance sends ``NOTIFY axp`` with the keys it touched (intent
  ids, agent addresses, the earliest timer) on a connection of its own, in batches; each
  instance LISTENs on one connection and wakes its own streams. Its own commits wake its streams
  directly; a missed notification costs latency only, because streams read from their cursor,
  and a listener that reconnects wakes them all. Why not NOTIFY inside the writing transaction:
  PostgreSQL serializes the commits of all notifying transactions under one lock held through
  the commit's WAL flush, so concurrent units could no longer share an fsync (measured: 10
  connections committing one row each, 1,200 commits/s plain, 359/s with a NOTIFY in each). The
  price: an instance killed between a commit and its NOTIFY leaves the other instances' streams
  to find that commit at their next read (a later wake-up, or the end of their window), not at once.
- Round trips: a unit queues its statements and sends them, bound on the client, as one text
  whenever it needs a result (see PostgresTransaction): a create is two round trips (``BEGIN``
  with its first read; the writes with the ``COMMIT``). Stream reads run in pipeline mode (an
  agent-stream read is one round trip: lock, read and commit together). Concurrent units share
  the WAL flush of their commits (PostgreSQL's own group commit), which is what SQLite's writer
  thread buys with one transaction per batch. One transaction per unit is kept on purpose:
  batching units into one transaction with savepoints would make every unit of a batch wait for
  any row lock one of them waits for (across instances) and fail together on a deadlock, for no
  fsync saved.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import secrets
import select
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from axp.server.notify import Notifier, agent_key, intent_key
from axp.server.storage.base import (
    Delivery,
    StorageFault,
    StorageUnavailable,
    Timer,
    Touched,
    Unit,
)
from axp.server.storage.migrate import Outcome, migrate_postgresql
from axp.server.storage.sql import DELIVERIES_AFTER, POSTGRESQL, SQLReads, SQLTransaction, deliveries_of, timer_of

try:
    import psycopg
    import psycopg.sql
    import psycopg_pool
    from psycopg.types.string import TextLoader
except ImportError:  # pragma: no cover - exercised by the CLI test without the extra
    psycopg = None  # type: ignore[assignment]

T = TypeVar("T")
log = logging.getLogger("axp.server")

SCHEMES = ("postgresql://", "postgres://")
EXTRA = "postgresql"  # the pip extra that brings psycopg and psycopg_pool
CHANNEL = "axp"
MAX_IDENTIFIER_BYTES = 63  # NAMEDATALEN - 1
NOTIFY_BYTES = 7900  # a NOTIFY payload must stay under 8000 bytes
POOL_SIZE = 10
LEASE_SECONDS = 10.0
REMOTE_TIMER_GRACE = 1.0  # seconds another instance leaves the one that set a timer to fire it
ENDED_STATES = frozenset({"57P01", "57P02", "57P03"})  # the server ended the session: shutdown, crash, not yet up
RECONNECT_WAIT = 1.0  # seconds a unit waits for a connection after its own was found dead
UNIT_ATTEMPTS = 8  # runs of a unit that keeps losing races before it is a fault
RETRY_STATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock
IDEMPOTENCY_CONSTRAINT = "idempotency_pkey"
# SQLSTATE classes meaning "the database cannot do this now": connection (08), insufficient
# resources such as a full disk (53), operator intervention such as a shutdown (57), system
# errors such as I/O (58); plus lock_not_available and read_only_sql_transaction (a standby).
FAULT_CLASSES = ("08", "53", "57", "58")
FAULT_STATES = frozenset({"55P03", "25006"})
LISTEN_BACKOFF = (0.05, 2.0)
SENDER_CLOSE_SECONDS = 5.0  # at close, how long the last notifications may take to go out
AGENT_LOCK_SHARED = "SELECT pg_advisory_xact_lock_shared(hashtextextended(?, 0))"  # writers of an agent's deliveries
AGENT_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))"  # a reader of them
LISTENER_NAME = "axp-listener"  # application_name of each instance's LISTEN connection
SENDER_NAME = "axp-notifier"  # application_name of each instance's NOTIFY connection
WAKE_ALL = "*"  # a payload key: the sender may have lost notifications, every stream looks again
NOTIFY = "SELECT pg_notify(%s, payload) FROM unnest(%s::text[]) AS payload"


def is_url(db: str) -> bool:
    return db.startswith(SCHEMES)


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def require_driver(url: str) -> None:
    if psycopg is None:
        from axp.cli import install_hint

        raise StorageUnavailable(
            f"--db {redact(url)} needs psycopg and psycopg_pool, which are not installed: {install_hint(EXTRA)}"
        )


def is_fault(exc: BaseException) -> bool:
    """True for a database error a later retry may cure (decision D11); false for our bugs."""
    if psycopg is None:
        return False
    if isinstance(exc, psycopg_pool.PoolTimeout | psycopg.OperationalError | psycopg.InterfaceError):
        return True
    state = getattr(exc, "sqlstate", None) or ""
    return state.startswith(FAULT_CLASSES) or state in FAULT_STATES


def _configure(conn: Any) -> None:
    """Documents come back as text, parsed by the shared code exactly as on SQLite."""
    conn.adapters.register_loader("json", TextLoader)


def connect(url: str) -> Any:
    """One autocommit connection (migrations, tests); StorageUnavailable when it cannot be had."""
    require_driver(url)
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StorageUnavailable(f"{redact(url)}: cannot connect to PostgreSQL: {detail}") from None
    _configure(conn)
    return conn


def migrate(url: str) -> Outcome:
    """Create or upgrade the schema at ``url`` (``axp db migrate``; ``axp serve`` does it at start)."""
    return _prepare(url)[0]


def _prepare(url: str) -> tuple[Outcome, str]:
    """Migrate, and name the notification channel: ``axp``, or ``axp:<schema>`` when the URL puts
    the tables in a schema other than ``public`` (two platforms in one database stay apart)."""
    conn = connect(url)
    try:
        outcome = migrate_postgresql(conn, redact(url))
        schema = str(conn.execute("SELECT current_schema()").fetchone()[0])
    except psycopg.Error as exc:
        raise StorageUnavailable(f"{redact(url)}: cannot migrate the schema: {exc}") from None
    finally:
        conn.close()
    return outcome, channel_for(schema)


def channel_for(schema: str) -> str:
    """``axp``, or ``axp:<schema>``; a name past PostgreSQL's 63-byte identifier limit (which
    ``pg_notify`` refuses and ``LISTEN`` would truncate) becomes a digest of the schema, the
    same on every instance."""
    if schema == "public":
        return CHANNEL
    name = f"{CHANNEL}:{schema}"
    if len(name.encode()) <= MAX_IDENTIFIER_BYTES:
        return name
    return f"{CHANNEL}:{hashlib.sha256(schema.encode()).hexdigest()[:32]}"


class Pending:
    """The result of a statement queued by a unit: it is sent, with every statement queued before
    it, when someone reads it."""

    __slots__ = ("_tx", "rows", "rowcount")

    def __init__(self, tx: PostgresTransaction) -> None:
        self._tx = tx
        self.rows: list[Any] | None = None
        self.rowcount = -1

    def fetchall(self) -> list[Any]:
        if self.rows is None:
            self._tx.send()
        rows, self.rows = self.rows or [], []
        return rows

    def fetchone(self) -> Any:
        if self.rows is None:
            self._tx.send()
        return self.rows.pop(0) if self.rows else None


class PostgresTransaction(SQLTransaction):
    """One unit's transaction on its own connection. Intent reads lock the row; delivery records
    are written under their agents' advisory locks.

    Statements are queued, not run: a read sends everything queued up to it as one text (bound
    on the client, one round trip), so a create is two round trips — ``BEGIN`` with its first
    read, then its writes with the ``COMMIT`` — and one call into the driver each, which is what
    a request's CPU on the server mostly was (measured: about 400 µs against 1,000 µs per create
    for the same statements run one by one in pipeline mode)."""

    dialect = POSTGRESQL

    def __init__(self, conn: Any) -> None:
        super().__init__(conn)
        self._pg: Any = conn  # a psycopg connection (the base class knows only DB-API)
        self._queued: list[tuple[str, Sequence[Any], Pending | None]] = [("BEGIN", (), None)]
        self._begun = False  # BEGIN has gone out: a failure must roll back
        self._commit_next = False  # the next send ends with COMMIT
        self._ended = False
        self.commit_sent = False  # a COMMIT has gone out: after a failure, whether it took is unknown

    def _exec(self, sql: str, args: Sequence[Any] = ()) -> Pending:
        if self._ended:
            raise AssertionError(f"a statement after the commit: {sql}")
        result = Pending(self)
        self._queued.append((self.dialect.q(sql), args, result))
        return result

    def _exec_many(self, sql: str, rows: list[Any]) -> None:
        for row in rows:
            self._exec(sql, row)

    def send(self) -> None:
        """Send what is queued (with ``COMMIT`` at the end once the unit is finishing)."""
        if self._commit_next:
            self._queued.append(("COMMIT", (), None))
            self._ended = True
        queued, self._queued = self._queued, []
        if not queued:
            return
        self.commit_sent = self._ended
        self._begun = True
        cursor = psycopg.ClientCursor(self._pg)
        cursor.execute("; ".join(sql for sql, _, _ in queued), [arg for _, args, _ in queued for arg in args])
        for n, (_, _, result) in enumerate(queued):
            if n:
                cursor.nextset()
            if result is not None:
                result.rows = cursor.fetchall() if cursor.description else []
                result.rowcount = cursor.rowcount

    def flush(self) -> None:
        super().flush()
        self.send()

    def commit(self) -> None:
        """Flush and commit: the writes and the ``COMMIT`` go out together."""
        self._commit_next = True
        super().flush()
        if not self._ended:
            self.send()

    @property
    def connection_broken(self) -> bool:
        return bool(self._pg.broken)

    def rollback(self) -> None:
        """After a failure: end the transaction if it began (best effort: the connection may be gone)."""
        self._ended = True
        if self._begun and self._pg.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            try:
                self._pg.execute("ROLLBACK")
            except psycopg.Error:
                pass

    def lock_agents(self, agents: list[str]) -> None:
        # Shared: writers of one agent never wait for each other (their commits group in the WAL);
        # a reader's exclusive lock on the agent waits for them (see deliveries_after).
        for agent in agents:
            self._exec(AGENT_LOCK_SHARED, (agent,))

    SET_TIMER = (
        "INSERT INTO timers (intent_id, kind, due, attempt) VALUES (?,?,?,?) "
        "ON CONFLICT(intent_id, kind) DO UPDATE SET due = excluded.due, attempt = excluded.attempt, "
        "lease_owner = NULL, lease_until = NULL"
    )


def readable_now(fd: int) -> bool:
    """Is there something to read (or a hang-up) on ``fd``, without waiting? ``poll`` where there is
    one: ``select`` refuses descriptors above 1023, and a server holding a thousand SSE streams
    opens its new database connections there."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        return bool(poller.poll(0))
    readable, _, _ = select.select([fd], [], [], 0)
    return bool(readable)


def closed_while_idle(conn: Any) -> bool:
    """Has the server ended this idle connection? No round trip: a pooled connection has nothing to
    read unless the server wrote on its own, and what it writes to an idle connection it is about to
    drop (an administrator's terminate, a shutdown) arrives with the end of the stream."""
    pgconn = conn.pgconn
    try:
        for _ in range(4):  # the error message is read first, the end of the stream on the next read
            if not readable_now(pgconn.socket):
                break
            pgconn.consume_input()
        else:
            return True  # still more unasked-for input: not a connection to hand a unit
    except (OSError, ValueError, psycopg.OperationalError):
        return True
    return bool(conn.broken) or pgconn.status != psycopg.pq.ConnStatus.OK


def notify_payloads(owner: str, touched: Touched, wake_all: bool = False) -> Iterator[str]:
    """``owner`` then one key per line, in payloads under PostgreSQL's 8000-byte limit."""
    keys = [WAKE_ALL] if wake_all else []
    keys += [intent_key(i) for i in sorted(touched.intents)] + [agent_key(a) for a in sorted(touched.agents)]
    if touched.earliest_timer is not None:
        keys.append(f"timer:{touched.earliest_timer!r}")
    payload = owner
    for key in keys:
        if len(payload) + len(key.encode()) + 1 > NOTIFY_BYTES:
            yield payload
            payload = owner
        payload += "\n" + key
    if payload != owner:
        yield payload


class PostgresStorage(SQLReads):
    """The backend for ``--db postgresql://USER@HOST:PORT/DB``; creates or upgrades the schema."""

    dialect = POSTGRESQL

    def __init__(self, url: str, *, pool_size: int = POOL_SIZE, lease_seconds: float = LEASE_SECONDS) -> None:
        self.url = url
        self.where = redact(url)
        self.notifier = Notifier()
        self.timer_wakeup = None
        self.timer_recheck_seconds = lease_seconds
        self.lease_seconds = lease_seconds
        self.pool_size = pool_size
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self.reads = 0
        self.commits = 0
        self.retries = 0  # lost races run again, dead connections passed over or run again on another
        self.remote_wakeups = 0  # notifications from other instances
        self.reconnects = 0  # times the listener came back after losing its connection
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pool: Any = None
        self._threads: ThreadPoolExecutor | None = None
        self._listener: asyncio.Task[None] | None = None
        self._listening = asyncio.Event()
        self._sender: asyncio.Task[None] | None = None
        self._unsent = Touched()  # committed here, not yet announced to the other instances
        self._unsent_all = False  # announcements were lost: tell the others to look everywhere
        self._to_send = asyncio.Event()
        self._inflight: set[asyncio.Future[Any]] = set()
        self._closed = False
        self.schema, self.channel = _prepare(url)

    # ---- lifecycle ---------------------------------------------------------------------------
    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._closed = False
        self._listening = asyncio.Event()
        self._threads = ThreadPoolExecutor(max_workers=self.pool_size, thread_name_prefix="axp-pg")
        self._pool = psycopg_pool.ConnectionPool(
            self.url,
            min_size=min(2, self.pool_size),
            max_size=self.pool_size,
            kwargs={"autocommit": True},
            configure=_configure,
            open=False,
            timeout=10.0,
            name="axp",
        )
        try:
            await self._loop.run_in_executor(self._threads, lambda: self._pool.open(wait=True, timeout=10.0))
        except psycopg_pool.PoolTimeout:
            raise StorageUnavailable(f"{self.where}: cannot open connections to PostgreSQL") from None
        self._listener = asyncio.create_task(self._listen())
        self._to_send = asyncio.Event()
        self._sender = asyncio.create_task(self._send_notifications())

    async def close(self) -> None:
        self._closed = True
        if self._inflight:
            await asyncio.gather(*self._inflight, return_exceptions=True)
        if self._sender is not None:  # what was committed is announced before the connection goes
            self._to_send.set()
            try:
                await asyncio.wait_for(self._sender, SENDER_CLOSE_SECONDS)
            except (TimeoutError, asyncio.CancelledError):
                pass
            self._sender = None
        if self._listener is not None:
            self._listener.cancel()
            try:
                await self._listener
            except asyncio.CancelledError:
                pass
            self._listener = None
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await asyncio.get_running_loop().run_in_executor(self._threads, pool.close)
        if self._threads is not None:
            self._threads.shutdown(wait=True)
            self._threads = None

    async def wait_listening(self, timeout: float = 10.0) -> None:
        """Until the listener is subscribed (tests: a NOTIFY sent before that would be missed)."""
        async with asyncio.timeout(timeout):
            await self._listening.wait()

    # ---- running work in the threads ----------------------------------------------------------
    async def _in_thread(self, fn: Callable[[], T]) -> T:
        if self._closed or self._loop is None or self._threads is None:
            raise StorageFault("the server is shutting down")
        future = self._loop.run_in_executor(self._threads, fn)
        self._inflight.add(future)
        try:
            return await future
        finally:
            self._inflight.discard(future)

    @contextmanager
    def _connection(self, timeout: float | None = None) -> Iterator[Any]:
        """A pooled connection the server has not closed while it sat in the pool (after a database
        restart, or when a proxy cuts idle connections, every pooled one is such): those are closed,
        which makes the pool replace them, and the next one is taken — no request pays for them."""
        try:
            for _ in range(self.pool_size + 1):
                with self._pool.connection(timeout=timeout) as conn:
                    if closed_while_idle(conn):
                        # Its peers likely died with it (a restart): if the database is down, the
                        # request gets its 503 within a second rather than the pool's whole timeout.
                        self.retries += 1
                        timeout = RECONNECT_WAIT if timeout is None else min(timeout, RECONNECT_WAIT)
                        conn.close()
                        continue
                    yield conn
                    return
            raise StorageFault("every connection the pool gave was closed by the database")
        except psycopg_pool.PoolTimeout as exc:
            raise StorageFault(f"no database connection free: {exc}") from None

    # ---- writes ------------------------------------------------------------------------------
    async def write(self, unit: Unit[T]) -> T:
        value, touched = await self._in_thread(lambda: self._run_unit(unit))
        self.commits += 1
        if touched:
            self.notifier.publish([intent_key(i) for i in touched.intents] + [agent_key(a) for a in touched.agents])
            if touched.earliest_timer is not None and self.timer_wakeup is not None:
                self.timer_wakeup(touched.earliest_timer)
            self._unsent.merge(touched)
            self._to_send.set()
        return value

    def _run_unit(self, unit: Unit[T]) -> tuple[T, Touched]:
        """Run ``unit`` in one transaction, again while it loses races; faults become StorageFault."""
        wait = None  # for a pooled connection: the pool's timeout, or less once one was found dead
        for attempt in range(UNIT_ATTEMPTS):
            tx: PostgresTransaction | None = None
            try:
                with self._connection(wait) as conn:
                    tx = PostgresTransaction(conn)
                    try:
                        value = unit(tx)
                        tx.commit()
                    except BaseException:
                        tx.rollback()
                        raise
                return value, tx.touched
            except psycopg.Error as exc:
                if self._lost_race(exc) and attempt + 1 < UNIT_ATTEMPTS:
                    self.retries += 1
                    time.sleep(0.001 * 2**attempt)
                    continue
                if tx is not None and self._dropped_before_commit(exc, tx) and attempt + 1 < UNIT_ATTEMPTS:
                    # A database that is down answers the next attempt with no connection soon (503)
                    # instead of holding the request for the pool's whole timeout.
                    self.retries += 1
                    wait = RECONNECT_WAIT
                    continue
                if is_fault(exc) or self._lost_race(exc):
                    raise StorageFault(f"the database refused the write: {exc}") from None
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _dropped_before_commit(exc: BaseException, tx: PostgresTransaction) -> bool:
        """The unit's connection died (a database restart, an idle connection cut by the server or a
        proxy) before its COMMIT went out: nothing of it can have committed, so it runs again on
        another connection. One whose COMMIT was sent may have committed: that stays a fault (503),
        and the client's retry with its Idempotency-Key tells which. The pool's other idle
        connections likely died the same way: ``_connection`` passes over those at checkout."""
        if not isinstance(exc, psycopg.OperationalError) or tx.commit_sent:
            return False
        return tx.connection_broken or getattr(exc, "sqlstate", None) in ENDED_STATES

    @staticmethod
    def _lost_race(exc: BaseException) -> bool:
        if getattr(exc, "sqlstate", None) in RETRY_STATES:
            return True
        diag = getattr(exc, "diag", None)
        return getattr(exc, "sqlstate", None) == "23505" and getattr(diag, "constraint_name", None) == IDEMPOTENCY_CONSTRAINT

    # ---- reads -------------------------------------------------------------------------------
    async def _read(self, fn: Callable[[Any], T], *, pipeline: bool = True) -> T:
        """``pipeline``: statements go out together until a result is fetched (fewer round trips);
        a read that needs ``rowcount`` says False (it is known only once a result is fetched)."""
        self.reads += 1
        return await self._in_thread(lambda: self._run_read(fn, pipeline))

    def _run_read(self, fn: Callable[[Any], T], pipeline: bool) -> T:
        """A read; once more on a fresh connection if the first was broken (a database restart)."""
        for attempt in range(2):
            try:
                with self._connection(RECONNECT_WAIT if attempt else None) as conn:
                    if not pipeline:
                        return fn(conn)
                    with conn.pipeline():
                        return fn(conn)
            except psycopg.Error as exc:
                if isinstance(exc, psycopg.OperationalError) and attempt == 0:
                    self.retries += 1
                    continue
                if is_fault(exc):
                    raise StorageFault(f"the database refused the read: {exc}") from None
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def deliveries_after(self, agent: str, cursor: int, limit: int) -> list[Delivery]:
        """Read behind a fence: the agent's lock, taken exclusively, waits until every writer that
        drew a cursor for this agent has committed or rolled back (none can draw a new one
        meanwhile), so what the read returns is a prefix no later commit can slip into."""

        def read(conn: Any) -> list[Delivery]:
            # One round trip: the lock, the read (a statement of its own, so its snapshot is taken
            # once the lock is held) and the commit go out together.
            with conn.transaction():
                conn.execute(AGENT_LOCK, (agent,))
                rows = conn.execute(self.dialect.q(DELIVERIES_AFTER), (agent, cursor, limit))
            return deliveries_of(agent, rows.fetchall())

        return await self._read(read)

    # ---- timers ------------------------------------------------------------------------------
    async def claim_due_timers(self, now: float, limit: int) -> list[Timer]:
        """Lease up to ``limit`` due timers no live lease holds; rows another instance is claiming
        right now are skipped, not waited for."""

        def claim(conn: Any) -> list[Timer]:
            with conn.transaction():
                rows = conn.execute(
                    "WITH due AS ("
                    " SELECT intent_id, kind FROM timers"
                    " WHERE due <= %(now)s AND (lease_until IS NULL OR lease_until <= %(now)s)"
                    " ORDER BY due LIMIT %(limit)s FOR UPDATE SKIP LOCKED)"
                    " UPDATE timers t SET lease_owner = %(owner)s, lease_until = %(until)s"
                    " FROM due WHERE t.intent_id = due.intent_id AND t.kind = due.kind"
                    " RETURNING t.intent_id, t.kind, t.due, t.attempt",
                    {"now": now, "limit": limit, "owner": self.owner, "until": now + self.lease_seconds},
                ).fetchall()
            return sorted((timer_of(r) for r in rows), key=lambda t: t.due)

        return await self._read(claim)

    async def next_timer_due(self) -> float | None:
        def read(conn: Any) -> float | None:
            row = conn.execute("SELECT min(greatest(due, coalesce(lease_until, due))) FROM timers").fetchone()
            return None if row is None or row[0] is None else float(row[0])

        return await self._read(read)

    async def purge_idempotency(self, older_than: float) -> int:
        def purge(conn: Any) -> int:
            return int(conn.execute("DELETE FROM idempotency WHERE created_at < %s", (older_than,)).rowcount)

        return await self._read(purge, pipeline=False)

    # ---- notifications from other instances ---------------------------------------------------
    async def _listen(self) -> None:
        """LISTEN on one connection for as long as the storage is open, reconnecting with backoff.
        Each (re)connection wakes every stream and the scheduler: whatever was committed while
        nobody listened is found by their reads from their cursors."""
        pause, missed = LISTEN_BACKOFF[0], False
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(
                    self.url, autocommit=True, connect_timeout=10, application_name=LISTENER_NAME
                )
                async with conn:
                    await conn.execute(psycopg.sql.SQL("LISTEN {}").format(psycopg.sql.Identifier(self.channel)))
                    self._listening.set()
                    if missed:  # nothing was listening for a while: everyone looks again
                        self.reconnects += 1
                        self.notifier.wake_all()
                        if self.timer_wakeup is not None:
                            self.timer_wakeup(0.0)
                    pause, missed = LISTEN_BACKOFF[0], False
                    async for note in conn.notifies():
                        self._on_notify(note.payload)
            except asyncio.CancelledError:
                raise
            except psycopg.Error as exc:
                log.warning("PostgreSQL listener on %s: %s; reconnecting in %.2fs", self.where, exc, pause)
            missed = True
            self._listening.clear()
            await asyncio.sleep(pause)
            pause = min(pause * 2, LISTEN_BACKOFF[1])

    async def _send_notifications(self) -> None:
        """Announce this instance's commits to the others: whatever committed while the previous
        NOTIFY was on its way goes out in the next one, in one short transaction of its own
        (``synchronous_commit`` off: it writes nothing that needs to survive a crash). A failed
        send loses those keys; the next one that gets through then tells everyone to look."""
        pause, conn = LISTEN_BACKOFF[0], None
        try:
            while True:
                if not self._unsent and not self._unsent_all:
                    if self._closed:
                        return
                    self._to_send.clear()
                    await self._to_send.wait()
                    continue
                touched, wake_all = self._unsent, self._unsent_all
                self._unsent, self._unsent_all = Touched(), False
                try:
                    if conn is None or conn.closed:
                        conn = await psycopg.AsyncConnection.connect(
                            self.url, autocommit=True, connect_timeout=10, application_name=SENDER_NAME
                        )
                        await conn.execute("SET synchronous_commit = off")
                    await conn.execute(NOTIFY, (self.channel, list(notify_payloads(self.owner, touched, wake_all))))
                    pause = LISTEN_BACKOFF[0]
                except psycopg.Error as exc:
                    log.warning("PostgreSQL notifications from %s: %s; again in %.2fs", self.where, exc, pause)
                    self._unsent_all = True
                    if conn is not None:
                        await conn.close()
                        conn = None
                    if self._closed:
                        return
                    await asyncio.sleep(pause)
                    pause = min(pause * 2, LISTEN_BACKOFF[1])
        finally:
            if conn is not None:
                await conn.close()

    def _on_notify(self, payload: str) -> None:
        owner, _, rest = payload.partition("\n")
        if owner == self.owner or not rest:
            return  # our own commit woke our streams already
        self.remote_wakeups += 1
        keys = rest.split("\n")
        if WAKE_ALL in keys:
            self.notifier.wake_all()
            if self.timer_wakeup is not None:
                self.timer_wakeup(0.0)
        self.notifier.publish(k for k in keys if not k.startswith("timer:"))
        timer = next((k for k in keys if k.startswith("timer:")), None)
        if timer is not None and self.timer_wakeup is not None:
            self.timer_wakeup(float(timer.removeprefix("timer:")) + REMOTE_TIMER_GRACE)
