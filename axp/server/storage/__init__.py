"""Storage backends behind one small interface (``Storage``); SQLite is the default."""

from axp.server.storage.base import Storage, StorageUnavailable, StoredIntent
from axp.server.storage.sqlite import SQLiteStorage

__all__ = ["SQLiteStorage", "Storage", "StorageUnavailable", "StoredIntent"]
