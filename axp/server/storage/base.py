"""The storage contract: named rows, a transaction object for write units, async reads.

Why this shape (after DBOS): the service's write logic is plain synchronous code that runs
against a :class:`Transaction` with typed methods, and it is the backend that decides how a unit
runs. SQLite queues units to one writer thread and commits many of them with one fsync, and an
``ApiError`` in one unit undoes only that unit; a PostgreSQL backend
runs each unit on a pooled connection with row locks (``get_intent_for_update`` is
``SELECT … FOR UPDATE`` there) and runs a unit again when the database chose it as the loser of
a race (a deadlock, or a concurrent duplicate Idempotency-Key), so a unit must be a function of
what it reads — and units lock an intent before they read its timers, one order for all. Either
way a unit is all-or-nothing and its caller hears back only after the commit, so a 2xx always
means durable and nothing is ever half-written (AXP-EV-007).

Reads never touch the writer: they run on their own connections off the event loop, so SSE and
GETs never wait for an fsync. A commit reports which intents and agents it touched
(:class:`Touched`); the backend hands that to the :class:`~axp.server.notify.Notifier`, which
wakes exactly the streams concerned, and tells the scheduler when a timer became due earlier.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

from axp.server.notify import Notifier

T = TypeVar("T")
TIMER_KINDS = ("deadline", "reminder", "push")


class StorageUnavailable(Exception):
    """The database cannot be opened or belongs to something else: a startup error the CLI
    reports in one line, never a traceback."""


class StorageFault(Exception):
    """The database refused a write or read it should normally accept: disk full, I/O error,
    locked beyond the busy timeout. Nothing of the unit was kept; the app answers 503
    ``unavailable`` with ``Retry-After`` (decision D11) and the next write may succeed."""


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


class IdempotencyRecord(NamedTuple):
    scope: str
    key: str
    body_hash: str
    status: int
    response: dict[str, Any]
    created_at: float


class Delivery(NamedTuple):
    """A row of an agent's delivery log, with the intent it hands over (joined in the same read)."""

    cursor: int
    agent: str
    intent_id: str
    at: str
    intent: StoredIntent


class PushEndpoint(NamedTuple):
    agent: str
    url: str
    secret: str


class Timer(NamedTuple):
    intent_id: str
    kind: str  # one of TIMER_KINDS
    due: float  # epoch seconds
    attempt: int


class EventsPage(NamedTuple):
    """An intent and the events after a cursor, read in one snapshot."""

    intent: StoredIntent | None
    events: list[dict[str, Any]]


@dataclass
class Touched:
    """What a committed unit changed that someone may be waiting for."""

    intents: set[str] = field(default_factory=set)
    agents: set[str] = field(default_factory=set)
    earliest_timer: float | None = None

    def timer(self, due: float) -> None:
        if self.earliest_timer is None or due < self.earliest_timer:
            self.earliest_timer = due

    def merge(self, other: Touched) -> None:
        self.intents |= other.intents
        self.agents |= other.agents
        if other.earliest_timer is not None:
            self.timer(other.earliest_timer)

    def __bool__(self) -> bool:
        return bool(self.intents or self.agents or self.earliest_timer is not None)


class Transaction(ABC):
    """What a write unit sees: every change it makes commits together or not at all.

    Changes made through one transaction are visible to later calls on the same transaction.
    ``touched`` records what the unit changed, for wake-ups after the commit.
    """

    def __init__(self) -> None:
        self.touched = Touched()

    # intents and events
    @abstractmethod
    def get_intent_for_update(self, intent_id: str) -> StoredIntent | None:
        """The intent, locked against concurrent writers until the commit."""

    def get_intents_for_update(self, intent_ids: list[str]) -> dict[str, StoredIntent]:
        """Several intents, locked as ``get_intent_for_update`` locks one; the ones that exist, by id.
        A backend whose reads are round trips reads them at once: an agent stream hands over every
        record of a look in one unit, and one round trip per record made that unit the slowest part
        of a busy stream."""
        found = {}
        for intent_id in intent_ids:
            intent = self.get_intent_for_update(intent_id)
            if intent is not None:
                found[intent_id] = intent
        return found

    @abstractmethod
    def insert_intent(self, intent: StoredIntent) -> None: ...

    @abstractmethod
    def update_intent(self, intent: StoredIntent) -> None: ...

    @abstractmethod
    def append_event(self, event: dict[str, Any]) -> None:
        """Insert the event ``(intent_id, seq)``; a duplicate seq is a bug and fails the unit."""

    # idempotency
    @abstractmethod
    def idempotency_get(self, scope: str, key: str) -> IdempotencyRecord | None: ...

    @abstractmethod
    def idempotency_put(self, record: IdempotencyRecord) -> None: ...

    # delivery
    @abstractmethod
    def add_delivery(self, agent: str, intent_id: str, at: str) -> None:
        """Append to the agent's delivery log (its cursor is known to readers once committed).

        A reader past cursor N must never miss a record N-1 that commits later: a backend with
        concurrent writers fences its reads of an agent's records against writers in flight."""

    @abstractmethod
    def get_push(self, agent: str) -> PushEndpoint | None: ...

    @abstractmethod
    def set_push(self, endpoint: PushEndpoint) -> None: ...

    # timers
    @abstractmethod
    def get_timer(self, intent_id: str, kind: str) -> Timer | None: ...

    @abstractmethod
    def set_timer(self, timer: Timer) -> None: ...

    @abstractmethod
    def clear_timer(self, intent_id: str, kind: str) -> None: ...


Unit = Callable[[Transaction], T]


class Storage(ABC):
    """One backend: write units, reads, and the notifier that commits feed.

    ``timer_wakeup`` is set by the scheduler: the backend calls it on the event loop with the
    earliest due time a commit set, so the scheduler can sleep until the next due timer instead
    of polling. A shared backend also calls it for timers other instances set (a little later
    than due: the instance that set a timer fires it, the others stand by).
    """

    notifier: Notifier
    timer_wakeup: Callable[[float], None] | None = None
    # A backend several instances share: another instance may set a timer this one is not told
    # about at once, so the scheduler looks again at least this often (seconds).
    timer_recheck_seconds: float = math.inf

    @abstractmethod
    async def start(self) -> None:
        """Start background work (threads, listeners) on the running event loop."""

    @abstractmethod
    async def close(self) -> None:
        """Finish queued writes and release every connection."""

    @abstractmethod
    async def write(self, unit: Unit[T]) -> T:
        """Run ``unit`` in a transaction; return its result once committed and durable.

        An exception raised by the unit (an ``ApiError``) rolls back that unit only and is
        raised here. A storage failure raises :class:`StorageFault` and keeps nothing."""

    # reads (each a consistent snapshot, never blocked by a commit in progress)
    @abstractmethod
    async def get_intent(self, intent_id: str) -> StoredIntent | None: ...

    @abstractmethod
    async def events_page(self, intent_id: str, since: int, limit: int) -> EventsPage: ...

    @abstractmethod
    async def list_intents(
        self,
        *,
        visible_to: str | None,
        status: list[str] | None,
        to_agent: str | None,
        correlation_id: str | None,
        after_rowid: int,
        limit: int,
    ) -> list[StoredIntent]: ...

    @abstractmethod
    async def deliveries_after(self, agent: str, cursor: int, limit: int) -> list[Delivery]: ...

    # timers: SQLite has one process, so claiming due timers is reading them. A backend shared by
    # several instances leases what it returns (owner + expiry, SKIP LOCKED) so each fires once;
    # a unit that sets or clears a timer ends its lease.
    @abstractmethod
    async def claim_due_timers(self, now: float, limit: int) -> list[Timer]: ...

    @abstractmethod
    async def next_timer_due(self) -> float | None:
        """When the next timer can be claimed: its due time, or the end of its lease."""

    # housekeeping
    @abstractmethod
    async def purge_idempotency(self, older_than: float) -> int: ...
