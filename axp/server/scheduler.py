"""Timers as rows: deadlines, reminders and push attempts fire from the database, so they survive restarts.

Why it sleeps instead of polling: the scheduler reads the next due time and sleeps until then;
a commit that sets an earlier timer wakes it (``Storage.timer_wakeup``). With nothing due it
costs nothing, and a timer found due after a restart fires at once (AXP-TMR-003).

It never touches storage rows itself: it asks the storage which timers are due
(``claim_due_timers``, a lease on a shared database) and calls the service's public API —
``fire_deadline``, ``fire_reminder``, ``begin_push``, ``record_push_attempt`` — whose units
re-check the timer under the intent's lock, so firing one twice is harmless. With several
instances on one database, each sleeps at most ``storage.timer_recheck_seconds``, so a timer set
by an instance that died before firing it is still found.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import math
import random
import uuid
from typing import Any

import httpx

from axp.server.clock import now, now_iso
from axp.server.config import ServerConfig
from axp.server.service import IntentService, PushJob
from axp.server.storage.base import Storage, StorageFault

log = logging.getLogger("axp.server")
BATCH = 100
PURGE_EVERY = 3600.0  # seconds between idempotency purges
FAULT_PAUSE = 1.0  # seconds to wait after the database refused a timer's write
CONTENDED_PAUSE = 0.05  # seconds to wait when a due timer is held by another instance's claim


def sign(secret: str, body: bytes) -> str:
    """The X-Axme-Signature value: HMAC-SHA256 of the raw body under the shared secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def envelope_of(doc: dict[str, Any]) -> dict[str, Any]:
    env = {"version": "v1"}
    for key in (
        "intent_type",
        "intent_id",
        "correlation_id",
        "idempotency_key",
        "created_at",
        "from_agent",
        "to_agent",
        "reply_to",
        "deadline_at",
        "payload",
        "metadata",
        "human_task",
    ):
        if doc.get(key) is not None:
            env[key] = doc[key]
    return env


class Scheduler:
    def __init__(self, service: IntentService, storage: Storage, config: ServerConfig) -> None:
        self.service = service
        self.storage = storage
        self.config = config
        self._task: asyncio.Task[None] | None = None
        self._http: httpx.AsyncClient | None = None
        self._wake = asyncio.Event()
        self._planned = math.inf  # when the loop means to wake; a commit with an earlier timer wakes it
        self._pushes: set[asyncio.Task[None]] = set()
        self._next_purge = 0.0

    def timer_set(self, due: float) -> None:
        """Called on the loop after a commit that set a timer due at ``due``."""
        if due < self._planned:
            self._wake.set()

    async def start(self) -> None:
        self._http = httpx.AsyncClient(timeout=self.config.push_timeout, trust_env=False)
        self._wake = asyncio.Event()
        self.storage.timer_wakeup = self.timer_set
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        self.storage.timer_wakeup = None
        for task in [self._task, *self._pushes]:
            if task is not None:
                task.cancel()
                try:
                    await task
                except (asyncio.CancelledError, Exception):  # noqa: BLE001 - shutting down
                    pass
        if self._http is not None:
            await self._http.aclose()

    async def _run(self) -> None:
        while True:
            try:
                await self._cycle()
            except StorageFault as exc:
                log.warning("scheduler: %s", exc)
                await asyncio.sleep(FAULT_PAUSE)
            except Exception:  # noqa: BLE001 - one bad timer must not stop all timers
                log.exception("scheduler cycle failed")
                await asyncio.sleep(FAULT_PAUSE)

    async def _cycle(self) -> None:
        self._wake.clear()
        self._planned = math.inf  # until we know the next due time, any new timer wakes us
        if now() >= self._next_purge:
            self._next_purge = now() + PURGE_EVERY
            await self.service.purge_idempotency()
        timers = await self.storage.claim_due_timers(now(), BATCH)
        units = []
        for timer in timers:
            if timer.kind == "push":
                units.append(self.service.begin_push(timer.intent_id, self.lease()))
            elif timer.kind == "deadline":
                units.append(self.service.fire_deadline(timer.intent_id))
            elif timer.kind == "reminder":
                units.append(self.service.fire_reminder(timer.intent_id))
        # Awaited together, their units share one commit; a push's timer is leased before we look
        # for the next due time, and its HTTP attempt runs on its own.
        for outcome in await asyncio.gather(*units, return_exceptions=True):
            if isinstance(outcome, PushJob):
                task = asyncio.create_task(self._push(outcome))
                self._pushes.add(task)
                task.add_done_callback(self._pushes.discard)
            elif isinstance(outcome, BaseException):
                raise outcome
        if len(timers) == BATCH:
            return
        due = await self.storage.next_timer_due()
        wake_at = min(self._next_purge, due if due is not None else math.inf, now() + self.storage.timer_recheck_seconds)
        self._planned = wake_at
        delay = wake_at - now()
        if delay <= 0:
            if timers:
                await asyncio.sleep(0)  # due already (a push lease in flight expires): go round once more
                return
            # Due but not ours to claim yet: another instance's claim is committing. Look again soon.
            delay = CONTENDED_PAUSE
        try:
            async with asyncio.timeout(delay):
                await self._wake.wait()
        except TimeoutError:
            pass

    # ---- push -----------------------------------------------------------------------------------
    def lease(self) -> float:
        """How long an attempt in flight keeps its timer: the request timeout plus a margin."""
        return self.config.push_timeout + 5.0

    async def _push(self, job: PushJob) -> None:
        try:
            failure = await self._deliver(job)
            await self.service.record_push_attempt(job, failure, self.backoff(job.attempt))
        except StorageFault as exc:  # the lease runs out and the attempt is made again
            log.warning("push of %s: %s", job.intent_id, exc)
        except Exception:  # noqa: BLE001
            log.exception("push of %s failed unexpectedly", job.intent_id)

    async def _deliver(self, job: PushJob) -> str | None:
        """POST the signed envelope; the failure reason, or None when the receiver took it."""
        delivery_id = str(uuid.uuid4())
        body = json.dumps(
            {
                "delivery_id": delivery_id,
                "attempt": job.attempt,
                "sent_at": now_iso(),
                "intent_id": job.intent_id,
                "envelope": envelope_of(job.intent),
            }
        ).encode()
        headers = {
            "Content-Type": "application/json",
            "X-Axme-Signature": sign(job.secret, body),
            "X-Axme-Timestamp": str(int(now())),
            "X-Axme-Delivery-Id": delivery_id,
        }
        assert self._http is not None
        try:
            response = await self._http.post(job.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}"
        if not 200 <= response.status_code < 300:
            return f"receiver answered {response.status_code}"
        return None

    def backoff(self, failures: int) -> float:
        """Exponential backoff with full jitter between half and the whole step (AXP-DLV-005)."""
        step = min(self.config.push_backoff_cap, self.config.push_backoff_base * 2 ** (failures - 1))
        return step * random.uniform(0.5, 1.0)
