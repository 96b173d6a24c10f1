"""Schema migrations: numbered SQL files shipped in the package, applied in order, each once.

Why files and a version: a server upgraded in place must bring an older database forward
without a person running SQL by hand, and must refuse what it cannot understand — a database
that belongs to another application, or one a newer axp already moved past — in one clear
line, before it touches anything.

SQLite records the version in ``PRAGMA user_version``; PostgreSQL in the table
``axp_schema_version``, one row per applied file. On PostgreSQL, instances that start together
serialize on an advisory lock, so exactly one of them applies each file (DDL is transactional
there: a file and its version row commit together or not at all).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from typing import Any

from axp.server.storage.base import StorageUnavailable

FILE_NAME = re.compile(r"(\d{4})_([a-z0-9_]+)\.sql")
VERSION_TABLE = "axp_schema_version"
MIGRATION_LOCK = 0x61787001  # pg_advisory_xact_lock key: "axp" + 1


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations(backend: str) -> list[Migration]:
    """The shipped migrations of ``backend`` ("sqlite" or "postgresql"), in order; numbers are 1..n."""
    folder = resources.files("axp.server.storage").joinpath("migrations", backend)
    found = []
    for entry in folder.iterdir():
        match = FILE_NAME.fullmatch(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations of {backend} are not numbered 1..n: {[m.version for m in found]}")
    return found


@dataclass(frozen=True)
class Outcome:
    before: int  # the schema version found (0: an empty database)
    after: int
    applied: tuple[str, ...]  # "0002_name" of each file applied now

    def describe(self) -> str:
        if not self.applied:
            return f"schema at version {self.after}, nothing to apply"
        return f"schema {self.before} -> {self.after}: applied {', '.join(self.applied)}"


def _too_new(where: str, found: int, known: int) -> StorageUnavailable:
    return StorageUnavailable(
        f"{where}: its axp schema is version {found}, newer than this axp knows ({known}); upgrade axp to serve it"
    )


def migrate_sqlite(conn: sqlite3.Connection, where: str) -> Outcome:
    """Bring the SQLite database on ``conn`` (autocommit mode) to the newest shipped version."""
    steps = migrations("sqlite")
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    tables = int(conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0])
    if version == 0 and tables:
        raise StorageUnavailable(
            f"{where}: not an axp server database (no axp schema version, {tables} tables of something else); "
            "point --db at a new file or an axp database"
        )
    if version > len(steps):
        raise _too_new(where, version, len(steps))
    applied = []
    for step in steps[version:]:
        conn.executescript(f"BEGIN IMMEDIATE;\n{step.sql}\n;PRAGMA user_version={step.version};\nCOMMIT;")
        applied.append(f"{step.version:04d}_{step.name}")
    return Outcome(version, len(steps), tuple(applied))


def migrate_postgresql(conn: Any, where: str) -> Outcome:
    """Bring the PostgreSQL database on ``conn`` (a psycopg connection in autocommit mode) to the
    newest shipped version, all files in one transaction under the migration lock."""
    steps = migrations("postgresql")
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        if conn.execute("SELECT to_regclass(%s)", (VERSION_TABLE,)).fetchone()[0] is None:
            others = conn.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
            ).fetchone()[0]
            if others:
                raise StorageUnavailable(
                    f"{where}: holds {others} table(s) of another application and no {VERSION_TABLE} table; "
                    "point --db at an empty database or an axp one"
                )
            conn.execute(
                f"CREATE TABLE {VERSION_TABLE} (version integer PRIMARY KEY, name text NOT NULL, "
                "applied_at timestamptz NOT NULL DEFAULT now())"
            )
        version = int(conn.execute(f"SELECT coalesce(max(version), 0) FROM {VERSION_TABLE}").fetchone()[0])
        if version > len(steps):
            raise _too_new(where, version, len(steps))
        applied = []
        for step in steps[version:]:
            conn.execute(step.sql)
            conn.execute(f"INSERT INTO {VERSION_TABLE} (version, name) VALUES (%s, %s)", (step.version, step.name))
            applied.append(f"{step.version:04d}_{step.name}")
    return Outcome(version, len(steps), tuple(applied))
