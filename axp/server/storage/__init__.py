"""Storage backends behind one contract (``Storage`` + ``Transaction``); SQLite is the default."""

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


def open_storage(db: str) -> Storage:
    """The backend for ``--db``: a SQLite file path (or ``:memory:``)."""
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
    "open_storage",
]
