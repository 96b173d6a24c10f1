"""Storage backends behind one contract (``Storage`` + ``Transaction``): SQLite is the embedded
default; ``postgresql://…`` selects the PostgreSQL backend that several instances can share."""

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
    Transaction,
)
from axp.server.storage.sqlite import SQLiteStorage


def is_postgresql(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def open_storage(db: str, *, pool_size: int = 10, lease_seconds: float = 10.0) -> Storage:
    """The backend for ``--db``: a ``postgresql://`` URL, else a SQLite file path (or ``:memory:``).
    Either creates or upgrades its schema; StorageUnavailable says in one line why it cannot."""
    if is_postgresql(db):
        from axp.server.storage.postgresql import PostgresStorage, require_driver

        require_driver(db)
        return PostgresStorage(db, pool_size=pool_size, lease_seconds=lease_seconds)
    return SQLiteStorage(db)


__all__ = [
    "Delivery",
    "EventsPage",
    "IdempotencyRecord",
    "PushEndpoint",
    "SQLiteStorage",
    "Storage",
    "StorageFault",
    "StorageUnavailable",
    "StoredIntent",
    "Timer",
    "Transaction",
    "is_postgresql",
    "open_storage",
]
