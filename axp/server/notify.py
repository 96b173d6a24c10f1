"""Wake-ups for SSE windows: a commit wakes exactly the streams of what it touched.

Why: a stream that polls costs a database read per stream per tick even when nothing happens
(1,000 idle observers once made ~9,400 reads/s). Here a stream subscribes to keys — one intent,
or one agent's delivery log — and sleeps until a commit publishes one of its keys, so an idle
stream costs a parked coroutine and nothing else.

The notifier is in-process and lives on the event loop; the storage backend feeds it after each
commit. A backend shared by several processes also feeds it from the database (PostgreSQL
LISTEN/NOTIFY, sent right after each commit: see ``storage/postgresql.py`` for why not inside
it), and a missed notification costs only latency: every window reads until its log stands still
before it times out, and a listener that reconnects wakes every stream, so nothing is ever lost.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Iterable


def intent_key(intent_id: str) -> str:
    return f"intent:{intent_id}"


def agent_key(agent: str) -> str:
    return f"agent:{agent}"


class Subscription:
    """One stream's interest in some keys. ``clear()`` before each read, then ``wait()``: a
    publish that lands between the two is never missed."""

    def __init__(self, notifier: Notifier, keys: tuple[str, ...]) -> None:
        self._notifier = notifier
        self.keys = keys
        self._event = asyncio.Event()
        self.gone = False  # the client left: the stream ends at its next turn

    def clear(self) -> None:
        self._event.clear()

    def wake(self) -> None:
        self._event.set()

    def client_left(self) -> None:
        self.gone = True
        self._event.set()

    async def wait(self, timeout: float) -> bool:
        """True if a publish arrived (or the client left) before ``timeout`` seconds passed."""
        if self._event.is_set() or self.gone:
            return True
        try:
            async with asyncio.timeout(timeout):
                await self._event.wait()
        except TimeoutError:
            return False
        return True

    def close(self) -> None:
        self._notifier._unsubscribe(self)

    def __enter__(self) -> Subscription:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Notifier:
    """Key → subscriptions. Every method runs on the event loop thread."""

    def __init__(self) -> None:
        # Weak, so a stream whose answer never started (the client left first) leaves nothing behind.
        self._subscribers: dict[str, weakref.WeakSet[Subscription]] = {}
        self.published = 0  # keys published so far (tests and benchmarks read it)

    def subscribe(self, *keys: str) -> Subscription:
        subscription = Subscription(self, keys)
        for key in keys:
            self._subscribers.setdefault(key, weakref.WeakSet()).add(subscription)
        return subscription

    def _unsubscribe(self, subscription: Subscription) -> None:
        for key in subscription.keys:
            found = self._subscribers.get(key)
            if found is not None:
                found.discard(subscription)
                if not found:
                    del self._subscribers[key]

    def publish(self, keys: Iterable[str]) -> None:
        for key in keys:
            self.published += 1
            for subscription in self._subscribers.get(key, ()):
                subscription.wake()

    def wake_all(self) -> None:
        """Wake every stream: news may have been missed (a shared backend's listener reconnected),
        and each stream's next read from its cursor catches up on whatever it was."""
        for subscriptions in list(self._subscribers.values()):
            for subscription in subscriptions:
                subscription.wake()

    @property
    def subscriptions(self) -> int:
        return len({s for subs in self._subscribers.values() for s in subs})
