"""SQLite storage in WAL mode with ``synchronous=FULL``: an answered write survives ``kill -9``.

One connection serves every thread behind a re-entrant lock. A reference server values
obvious correctness over parallel writes, and SQLite allows one writer at a time anyway.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from axp.server.storage.base import StorageUnavailable, StoredIntent

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


class SQLiteStorage:
    def __init__(self, path: str) -> None:
        self._lock = threading.RLock()
        self._depth = 0
        try:
            self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._open(path)
        except sqlite3.Error as exc:
            raise StorageUnavailable(f"{path}: cannot use it as the server's SQLite database: {exc}") from None

    def _open(self, path: str) -> None:
        with self._lock:
            if path != ":memory:":
                self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute("PRAGMA busy_timeout=5000")
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            tables = self._conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
            if version != SCHEMA_VERSION and (version or tables):
                self._conn.close()
                raise StorageUnavailable(
                    f"{path}: not an axp server database (user_version {version}, "
                    f"{tables} tables); point --db at a new file or an axp database"
                )
            self._conn.executescript(SCHEMA)
            self._conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if outer:
                    self._conn.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                self._conn.execute("COMMIT")

    def _q(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    # intents and events
    def insert_intent(self, intent: StoredIntent) -> None:
        d = intent.doc
        with self._lock:
            cur = self._conn.execute(
                "INSERT INTO intents (intent_id, status, from_agent, to_agent, correlation_id, doc) VALUES (?,?,?,?,?,?)",
                (intent.intent_id, d["status"], d["from_agent"], d["to_agent"], d["correlation_id"], json.dumps(d)),
            )
            intent.rowid = int(cur.lastrowid or 0)

    def get_intent(self, intent_id: str) -> StoredIntent | None:
        rows = self._q("SELECT rowid, doc FROM intents WHERE intent_id = ?", (intent_id,))
        return StoredIntent(intent_id, json.loads(rows[0][1]), rows[0][0]) if rows else None

    def update_intent(self, intent: StoredIntent) -> None:
        self._q(
            "UPDATE intents SET status = ?, doc = ? WHERE intent_id = ?",
            (intent.doc["status"], json.dumps(intent.doc), intent.intent_id),
        )

    def append_event(self, intent_id: str, seq: int, event: dict[str, Any]) -> None:
        self._q("INSERT INTO events (intent_id, seq, doc) VALUES (?,?,?)", (intent_id, seq, json.dumps(event)))

    def events_after(self, intent_id: str, since: int, limit: int) -> list[dict[str, Any]]:
        rows = self._q("SELECT doc FROM events WHERE intent_id = ? AND seq > ? ORDER BY seq LIMIT ?", (intent_id, since, limit))
        return [json.loads(r[0]) for r in rows]

    def list_intents(
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
        return [StoredIntent(r[1], json.loads(r[2]), r[0]) for r in self._q(sql, tuple(args))]

    # idempotency
    def idempotency_get(self, scope: str, key: str) -> tuple[str, int, dict[str, Any]] | None:
        rows = self._q("SELECT body_hash, status, response FROM idempotency WHERE scope = ? AND key = ?", (scope, key))
        return (rows[0][0], rows[0][1], json.loads(rows[0][2])) if rows else None

    def idempotency_put(
        self, scope: str, key: str, body_hash: str, status: int, response: dict[str, Any], created_at: float
    ) -> None:
        self._q(
            "INSERT INTO idempotency (scope, key, body_hash, status, response, created_at) VALUES (?,?,?,?,?,?)",
            (scope, key, body_hash, status, json.dumps(response), created_at),
        )

    def idempotency_purge(self, older_than: float) -> int:
        with self._lock:
            return self._conn.execute("DELETE FROM idempotency WHERE created_at < ?", (older_than,)).rowcount

    # delivery
    def add_delivery(self, agent: str, intent_id: str, at: str) -> int:
        with self._lock:
            cur = self._conn.execute("INSERT INTO deliveries (agent, intent_id, at) VALUES (?,?,?)", (agent, intent_id, at))
            return int(cur.lastrowid or 0)

    def deliveries_after(self, agent: str, cursor: int, limit: int) -> list[tuple[int, str, str]]:
        rows = self._q(
            "SELECT cursor, intent_id, at FROM deliveries WHERE agent = ? AND cursor > ? ORDER BY cursor LIMIT ?",
            (agent, cursor, limit),
        )
        return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]

    def set_push(self, agent: str, url: str, secret: str) -> None:
        self._q(
            "INSERT INTO push_endpoints (agent, url, secret) VALUES (?,?,?) "
            "ON CONFLICT(agent) DO UPDATE SET url = excluded.url, secret = excluded.secret",
            (agent, url, secret),
        )

    def get_push(self, agent: str) -> tuple[str, str] | None:
        rows = self._q("SELECT url, secret FROM push_endpoints WHERE agent = ?", (agent,))
        return (rows[0][0], rows[0][1]) if rows else None

    # timers
    def set_timer(self, intent_id: str, kind: str, due: float, attempt: int = 0) -> None:
        self._q(
            "INSERT INTO timers (intent_id, kind, due, attempt) VALUES (?,?,?,?) "
            "ON CONFLICT(intent_id, kind) DO UPDATE SET due = excluded.due, attempt = excluded.attempt",
            (intent_id, kind, due, attempt),
        )

    def clear_timer(self, intent_id: str, kind: str) -> None:
        self._q("DELETE FROM timers WHERE intent_id = ? AND kind = ?", (intent_id, kind))

    def due_timers(self, now: float, limit: int) -> list[tuple[str, str, float, int]]:
        return [
            (str(r[0]), str(r[1]), float(r[2]), int(r[3]))
            for r in self._q("SELECT intent_id, kind, due, attempt FROM timers WHERE due <= ? ORDER BY due LIMIT ?", (now, limit))
        ]

    def iter_all_timers(self) -> Iterator[tuple[str, str, float, int]]:
        for r in self._q("SELECT intent_id, kind, due, attempt FROM timers ORDER BY due"):
            yield (str(r[0]), str(r[1]), float(r[2]), int(r[3]))
