"""Timers as rows: deadlines, reminders and push attempts fire from the database, so they survive restarts.

One asyncio task polls for due rows every ``scheduler_interval`` seconds; a due row found after a
restart fires at once (AXP-TMR-003).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import random
import uuid
from typing import Any

import httpx

from axp.lifecycle import LIFECYCLE
from axp.server.clock import now, now_iso
from axp.server.config import ServerConfig
from axp.server.errors import ApiError
from axp.server.service import IntentService

log = logging.getLogger("axp.server")


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
    def __init__(self, service: IntentService, config: ServerConfig) -> None:
        self.service = service
        self.config = config
        self._task: asyncio.Task[None] | None = None
        self._http: httpx.AsyncClient | None = None
        self._inflight: set[str] = set()

    async def start(self) -> None:
        self._http = httpx.AsyncClient(timeout=self.config.push_timeout, trust_env=False)
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        if self._http is not None:
            await self._http.aclose()

    async def _run(self) -> None:
        while True:
            try:
                await self.tick()
            except Exception:  # noqa: BLE001 - one bad timer must not stop all timers
                log.exception("scheduler tick failed")
            await asyncio.sleep(self.config.scheduler_interval)

    async def tick(self) -> None:
        for intent_id, kind, _due, attempt in self.service.store.due_timers(now(), 100):
            if kind == "push":
                if intent_id not in self._inflight:
                    self._inflight.add(intent_id)
                    asyncio.create_task(self._push(intent_id, attempt))
                continue
            try:
                self._fire(intent_id, kind)
            except ApiError:
                self.service.store.clear_timer(intent_id, kind)
        self.service.notifier.notify()

    def _fire(self, intent_id: str, kind: str) -> None:
        store = self.service.store
        with store.transaction():
            intent = store.get_intent(intent_id)
            if intent is None or LIFECYCLE.is_terminal(intent.status):
                store.clear_timer(intent_id, kind)
                return
            if kind == "deadline":
                store.clear_timer(intent_id, kind)
                error = {"code": "intent_timeout", "message": f"deadline_at {intent.doc['deadline_at']} passed"}
                intent.doc["error"] = error
                self.service._move(intent, "TIMED_OUT", "platform", details={"error": error})
            elif kind == "reminder":
                doc = intent.doc
                doc["remind_count"] = doc.get("remind_count", 0) + 1
                self.service._append(
                    intent, "intent.reminder", intent.status, "platform", details={"remind_count": doc["remind_count"]}
                )
                if doc["remind_count"] >= self.service.max_reminders(doc) and doc.get("escalate_to"):
                    self.service._append(
                        intent, "intent.escalated", intent.status, "platform", details={"escalate_to": doc["escalate_to"]}
                    )
                self.service._schedule_timers(intent)

    async def _push(self, intent_id: str, attempt: int) -> None:
        try:
            await self._push_once(intent_id, attempt)
        except Exception:  # noqa: BLE001
            log.exception("push of %s failed unexpectedly", intent_id)
        finally:
            self._inflight.discard(intent_id)
            self.service.notifier.notify()

    async def _push_once(self, intent_id: str, attempt: int) -> None:
        store = self.service.store
        intent = store.get_intent(intent_id)
        if intent is None or LIFECYCLE.is_terminal(intent.status) or intent.status != "SUBMITTED":
            with store.transaction():
                store.clear_timer(intent_id, "push")
            return
        endpoint = store.get_push(intent.doc["to_agent"])
        if endpoint is None:
            with store.transaction():
                store.clear_timer(intent_id, "push")
            return
        url, secret = endpoint
        number = attempt + 1
        sent_at = now_iso()
        delivery_id = str(uuid.uuid4())
        body = json.dumps(
            {
                "delivery_id": delivery_id,
                "attempt": number,
                "sent_at": sent_at,
                "intent_id": intent_id,
                "envelope": envelope_of(intent.doc),
            }
        ).encode()
        headers = {
            "Content-Type": "application/json",
            "X-Axme-Signature": sign(secret, body),
            "X-Axme-Timestamp": str(int(now())),
            "X-Axme-Delivery-Id": delivery_id,
        }
        failure: str | None = None
        assert self._http is not None
        try:
            response = await self._http.post(url, content=body, headers=headers)
            if not 200 <= response.status_code < 300:
                failure = f"receiver answered {response.status_code}"
        except httpx.HTTPError as exc:
            failure = f"{type(exc).__name__}: {exc}"
        with store.transaction():
            intent = store.get_intent(intent_id)
            if intent is None or intent.status != "SUBMITTED":
                store.clear_timer(intent_id, "push")
                return
            intent.doc["delivery_attempt"] = number
            if failure is None:
                store.clear_timer(intent_id, "push")
                self.service._move(intent, "DELIVERED", "platform", details={"attempt": number, "binding": "http"})
                return
            self.service._append(
                intent, "intent.delivery_failed", intent.status, "platform", details={"attempt": number, "reason": failure}
            )
            if number >= int(intent.doc.get("max_delivery_attempts") or 3):
                store.clear_timer(intent_id, "push")
                error = {"code": "delivery_failed", "message": f"{number} push attempt(s) failed; last: {failure}"}
                intent.doc["error"] = error
                self.service._move(intent, "FAILED", "platform", details={"error": error})
                return
            store.set_timer(intent_id, "push", now() + self.backoff(number), number)

    def backoff(self, failures: int) -> float:
        """Exponential backoff with full jitter between half and the whole step (AXP-DLV-005)."""
        step = min(self.config.push_backoff_cap, self.config.push_backoff_base * 2 ** (failures - 1))
        return step * random.uniform(0.5, 1.0)
