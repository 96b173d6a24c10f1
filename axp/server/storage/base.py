"""The storage interface the service layer needs; a PostgreSQL backend implements the same methods.

Every mutating call happens inside ``transaction()``: the service appends an event and changes
the intent's status in one transaction, which is what keeps ``seq`` gap-free (AXP-EV-007).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol


class StorageUnavailable(Exception):
    """The database cannot be opened or belongs to something else: a startup error the CLI
    reports in one line, never a traceback."""


@dataclass
class StoredIntent:
    """An intent row: the resource document plus the fields the service keys on."""

    intent_id: str
    doc: dict[str, Any]
    rowid: int = 0

    @property
    def status(self) -> str:
        return str(self.doc["status"])

    @property
    def last_seq(self) -> int:
        return int(self.doc["last_seq"])


class Storage(Protocol):
    def transaction(self) -> AbstractContextManager[None]: ...
    def close(self) -> None: ...

    # intents and events
    def insert_intent(self, intent: StoredIntent) -> None: ...
    def get_intent(self, intent_id: str) -> StoredIntent | None: ...
    def update_intent(self, intent: StoredIntent) -> None: ...
    def append_event(self, intent_id: str, seq: int, event: dict[str, Any]) -> None: ...
    def events_after(self, intent_id: str, since: int, limit: int) -> list[dict[str, Any]]: ...
    def list_intents(
        self,
        *,
        visible_to: str | None,
        status: list[str] | None,
        to_agent: str | None,
        correlation_id: str | None,
        after_rowid: int,
        limit: int,
    ) -> list[StoredIntent]: ...

    # idempotency
    def idempotency_get(self, scope: str, key: str) -> tuple[str, int, dict[str, Any]] | None: ...
    def idempotency_put(
        self, scope: str, key: str, body_hash: str, status: int, response: dict[str, Any], created_at: float
    ) -> None: ...
    def idempotency_purge(self, older_than: float) -> int: ...

    # delivery
    def add_delivery(self, agent: str, intent_id: str, at: str) -> int: ...
    def deliveries_after(self, agent: str, cursor: int, limit: int) -> list[tuple[int, str, str]]: ...
    def set_push(self, agent: str, url: str, secret: str) -> None: ...
    def get_push(self, agent: str) -> tuple[str, str] | None: ...

    # timers (deadline, reminder, push)
    def set_timer(self, intent_id: str, kind: str, due: float, attempt: int = 0) -> None: ...
    def clear_timer(self, intent_id: str, kind: str) -> None: ...
    def due_timers(self, now: float, limit: int) -> list[tuple[str, str, float, int]]: ...
    def iter_all_timers(self) -> Iterator[tuple[str, str, float, int]]: ...
