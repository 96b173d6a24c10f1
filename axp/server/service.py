"""Intent lifecycle logic on top of the storage interface.

Legality comes only from ``axp.lifecycle``; every status change appends its event in the same
transaction. The service knows nothing about HTTP: the app maps ``ApiError`` codes to responses.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from collections.abc import Callable
from typing import Any

import jsonschema_rs

from axp.lifecycle import LIFECYCLE
from axp.server.clock import now, now_iso, parse_iso
from axp.server.config import Principal
from axp.server.errors import ApiError
from axp.server.storage.base import Storage, StoredIntent

WAITING = LIFECYCLE.waiting_status
HUMAN = "WAITING_FOR_HUMAN"
DEFAULT_OUTCOMES = ("approved", "rejected")
DEFAULT_MAX_REMINDERS = 3
DEFAULT_MAX_DELIVERY_ATTEMPTS = 3
IDEMPOTENCY_RETENTION_SECONDS = 24 * 3600
CREATE_FIELDS = (
    "intent_type",
    "correlation_id",
    "to_agent",
    "payload",
    "reply_to",
    "deadline_at",
    "remind_after_seconds",
    "remind_interval_seconds",
    "max_reminders",
    "escalate_to",
    "max_delivery_attempts",
    "human_task",
    "metadata",
)


class Notifier:
    """Wakes every SSE window waiting for news; one shared event replaced after each write."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._event = asyncio.Event()

    def notify(self) -> None:
        if self._loop is None or self._event is None:
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self._loop:
            self._fire()
        else:
            self._loop.call_soon_threadsafe(self._fire)

    def _fire(self) -> None:
        assert self._event is not None
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> bool:
        """True if something changed before ``timeout`` seconds passed."""
        if self._event is None:
            await asyncio.sleep(timeout)
            return False
        try:
            await asyncio.wait_for(self._event.wait(), timeout)
        except TimeoutError:
            return False
        return True


def body_hash(body: Any) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


class IntentService:
    def __init__(self, storage: Storage) -> None:
        self.store = storage
        self.notifier = Notifier()

    # ---- reading ------------------------------------------------------------------------------
    def visible(self, intent: StoredIntent, who: Principal) -> bool:
        return who.is_admin or who.address in (intent.doc["from_agent"], intent.doc["to_agent"])

    def load(self, intent_id: str, who: Principal) -> StoredIntent:
        intent = self.store.get_intent(intent_id)
        if intent is None or not self.visible(intent, who):
            raise ApiError("intent_not_found", f"no intent {intent_id}")
        return intent

    # ---- the one primitive every change goes through -----------------------------------------
    def _append(
        self,
        intent: StoredIntent,
        event_type: str,
        status: str,
        actor: str,
        details: dict[str, Any] | None = None,
        waiting_reason: str | None = None,
        handler: str | None = None,
    ) -> dict[str, Any]:
        current = intent.status
        if LIFECYCLE.is_terminal(current):
            raise ApiError("intent_terminal", f"intent is {current}; terminal statuses are immutable")
        if event_type in LIFECYCLE.annotation_events:
            status, waiting_reason = current, intent.doc.get("waiting_reason")
        elif not LIFECYCLE.can_transition(current, status):
            raise ApiError("invalid_transition", f"{current} -> {status} is not a legal transition")
        seq = intent.last_seq + 1
        at = now_iso()
        event: dict[str, Any] = {
            "intent_id": intent.intent_id,
            "seq": seq,
            "event_type": event_type,
            "status": status,
            "at": at,
            "actor": actor,
        }
        if status == WAITING:
            event["waiting_reason"] = waiting_reason
        if handler is not None:
            event["handler"] = handler
        if details:
            event["details"] = details
        doc = intent.doc
        doc.update(
            status=status,
            lifecycle_status=status,
            waiting_reason=waiting_reason if status == WAITING else None,
            updated_at=at,
            last_seq=seq,
        )
        if handler is not None:
            doc["handler"] = handler
        self.store.append_event(intent.intent_id, seq, event)
        self.store.update_intent(intent)
        if LIFECYCLE.is_terminal(status):
            for kind in ("deadline", "reminder", "push"):
                self.store.clear_timer(intent.intent_id, kind)
        return event

    def _move(self, intent: StoredIntent, status: str, actor: str, **kw: Any) -> dict[str, Any]:
        return self._append(intent, LIFECYCLE.status_event[status], status, actor, **kw)

    # ---- create -------------------------------------------------------------------------------
    def create(self, who: Principal, body: dict[str, Any], idempotency_key: str | None) -> tuple[int, dict[str, Any]]:
        response = self.idempotent(
            who, "POST /v1/intents", idempotency_key, body, lambda: self._create(who, body, idempotency_key)
        )
        self.notifier.notify()
        return 200, response

    def idempotent(
        self, who: Principal, operation: str, key: str | None, body: Any, write: Callable[[], dict[str, Any]]
    ) -> dict[str, Any]:
        """Run ``write`` once per (principal, operation, key) (AXP-IDEM-001/002/005/008): a repeat with an
        equal body answers the stored response, a different body is 409. Only successes are remembered,
        and the key is stored in the write's own transaction, so a crash can never keep one without the other."""
        if key is None:
            return write()
        scope, digest = f"{who.key}|{operation}", body_hash(body)
        with self.store.transaction():
            found = self.store.idempotency_get(scope, key)
            if found is not None:
                if found[0] != digest:
                    raise ApiError("idempotency_conflict", "this Idempotency-Key was used with a different body")
                return dict(found[2])
            response = write()
            self.store.idempotency_put(scope, key, digest, 200, response, now())
        return response

    def _create(self, who: Principal, body: dict[str, Any], idempotency_key: str | None) -> dict[str, Any]:
        at = now_iso()
        intent_id = str(uuid.uuid4())
        doc: dict[str, Any] = {k: body[k] for k in CREATE_FIELDS if k in body}
        doc.update(
            intent_id=intent_id,
            from_agent=who.address,
            status="CREATED",
            lifecycle_status="CREATED",
            waiting_reason=None,
            created_at=at,
            updated_at=at,
            last_seq=0,
            remind_count=0,
            delivery_attempt=0,
            policy_generation=0,
            result=None,
            error=None,
            handler=None,
            max_delivery_attempts=body.get("max_delivery_attempts", DEFAULT_MAX_DELIVERY_ATTEMPTS),
        )
        if idempotency_key is not None:
            doc["idempotency_key"] = idempotency_key
        intent = StoredIntent(intent_id, doc)
        # seq 1: written directly, since CREATED is the initial status rather than a transition.
        created = {
            "intent_id": intent_id,
            "seq": 1,
            "event_type": LIFECYCLE.status_event["CREATED"],
            "status": "CREATED",
            "at": at,
            "actor": who.address,
        }
        doc["last_seq"] = 1
        self.store.insert_intent(intent)
        self.store.append_event(intent_id, 1, created)
        self._move(intent, "SUBMITTED", who.address)
        if body.get("human_task"):
            self._move(intent, WAITING, "platform", waiting_reason=HUMAN)
            self._append(
                intent, "intent.human_task_assigned", WAITING, "platform", details={"title": body["human_task"]["title"]}
            )
        self.store.add_delivery(doc["to_agent"], intent_id, at)
        self._schedule_timers(intent)
        if self.store.get_push(doc["to_agent"]) is not None and not body.get("human_task"):
            self.store.set_timer(intent_id, "push", now(), 0)
        return {
            "ok": True,
            "intent_id": intent_id,
            "status": intent.status,
            "created_at": at,
            "correlation_id": doc["correlation_id"],
        }

    def _schedule_timers(self, intent: StoredIntent) -> None:
        doc = intent.doc
        if doc.get("deadline_at"):
            self.store.set_timer(intent.intent_id, "deadline", parse_iso(doc["deadline_at"]))
        else:
            self.store.clear_timer(intent.intent_id, "deadline")
        if doc.get("remind_after_seconds") and doc.get("remind_count", 0) < self.max_reminders(doc):
            base = parse_iso(doc["created_at"])
            count = doc.get("remind_count", 0)
            due = base + doc["remind_after_seconds"] + count * self.remind_interval(doc)
            self.store.set_timer(intent.intent_id, "reminder", due)
        else:
            self.store.clear_timer(intent.intent_id, "reminder")

    @staticmethod
    def max_reminders(doc: dict[str, Any]) -> int:
        return int(doc.get("max_reminders") or DEFAULT_MAX_REMINDERS)

    @staticmethod
    def remind_interval(doc: dict[str, Any]) -> int:
        return int(doc.get("remind_interval_seconds") or doc.get("remind_after_seconds") or 1)

    # ---- writes on an intent ------------------------------------------------------------------
    def _write(self, intent_id: str, who: Principal, fn: Any) -> dict[str, Any]:
        with self.store.transaction():
            intent = self.load(intent_id, who)
            before = intent.last_seq
            events = fn(intent)
            applied = intent.last_seq != before or bool(events)
        self.notifier.notify()
        evs = [e for e in (events or []) if e]
        return {"ok": True, "applied": applied, "intent": intent.doc, "event": evs[-1] if evs else None, "events": evs}

    def _require_agent(self, intent: StoredIntent, who: Principal, what: str) -> None:
        if not (who.is_admin or who.address == intent.doc["to_agent"]):
            raise ApiError("policy_denied", f"only the addressed agent may {what} this intent")

    def resolve(self, intent_id: str, who: Principal, body: dict[str, Any]) -> dict[str, Any]:
        def fn(intent: StoredIntent) -> list[dict[str, Any]]:
            status = body["status"]
            details: dict[str, Any] = {}
            if status == "COMPLETED":
                intent.doc["result"] = details["result"] = body["result"]
            elif status == "FAILED":
                intent.doc["error"] = details["error"] = body["error"]
            if body.get("reason"):
                details["reason"] = body["reason"]
            return [self._move(intent, status, who.address, details=details or None)]

        return self._write(intent_id, who, fn)

    def cancel(self, intent_id: str, who: Principal, body: dict[str, Any]) -> dict[str, Any]:
        def fn(intent: StoredIntent) -> list[dict[str, Any]]:
            if not (who.is_admin or who.address == intent.doc["from_agent"]):
                raise ApiError("policy_denied", "only the sender may cancel this intent")
            details = {"reason": body["reason"]} if body.get("reason") else None
            return [self._move(intent, "CANCELED", who.address, details=details)]

        return self._write(intent_id, who, fn)

    def ack(self, intent_id: str, who: Principal, body: dict[str, Any] | None = None) -> dict[str, Any]:
        def fn(intent: StoredIntent) -> list[dict[str, Any]]:
            self._require_agent(intent, who, "acknowledge")
            if LIFECYCLE.is_terminal(intent.status):
                raise ApiError("intent_terminal", f"intent is {intent.status}")
            out = []
            if intent.status == "SUBMITTED":
                out.append(self._move(intent, "DELIVERED", who.address))
            if intent.status == "DELIVERED":
                out.append(self._move(intent, "ACKNOWLEDGED", who.address))
            return out

        return self._write(intent_id, who, fn)

    def resume(self, intent_id: str, who: Principal, body: dict[str, Any]) -> dict[str, Any]:
        def fn(intent: StoredIntent) -> list[dict[str, Any]]:
            self._require_agent(intent, who, "resume")
            if LIFECYCLE.is_terminal(intent.status):
                raise ApiError("intent_terminal", f"intent is {intent.status}")
            if "task_result" in body:
                return [self._answer_human_task(intent, who, body["task_result"])]
            action = body.get("action")
            if action == "start":
                return [self._move(intent, "IN_PROGRESS", who.address)]
            if action == "wait":
                return [self._move(intent, WAITING, who.address, waiting_reason=body["waiting_reason"])]
            if action == "complete":
                intent.doc["result"] = body["result"]
                return [self._move(intent, "COMPLETED", who.address, details={"result": body["result"]})]
            if action == "fail":
                intent.doc["error"] = body["error"]
                return [self._move(intent, "FAILED", who.address, details={"error": body["error"]})]
            if intent.status != WAITING:
                raise ApiError("invalid_transition", f"only a WAITING intent can be continued, not {intent.status}")
            return [self._move(intent, "IN_PROGRESS", who.address)]

        return self._write(intent_id, who, fn)

    def _answer_human_task(self, intent: StoredIntent, who: Principal, result: dict[str, Any]) -> dict[str, Any]:
        doc = intent.doc
        if intent.status != WAITING or doc.get("waiting_reason") != HUMAN or not doc.get("human_task"):
            raise ApiError("invalid_transition", "this intent is not waiting for a human task result")
        task = doc["human_task"]
        problems: list[dict[str, str]] = []
        outcomes = task.get("allowed_outcomes") or list(DEFAULT_OUTCOMES)
        if result["outcome"] not in outcomes:
            problems.append(
                {"pointer": "/task_result/outcome", "message": f"outcome must be one of {outcomes}", "requirement": "AXP-HT-002"}
            )
        if task.get("required_comment") and not str(result.get("comment", "")).strip():
            problems.append({"pointer": "/task_result/comment", "message": "a comment is required", "requirement": "AXP-HT-003"})
        data = result.get("data") or {}
        if task.get("evidence_required") and not data.get("evidence"):
            problems.append(
                {"pointer": "/task_result/data/evidence", "message": "evidence is required", "requirement": "AXP-HT-004"}
            )
        if task.get("form_schema"):
            try:
                form = jsonschema_rs.validator_for(task["form_schema"], validate_formats=True)
            except Exception as exc:  # noqa: BLE001 - a bad form schema is the creator's error, reported here
                problems.append(
                    {"pointer": "/task_result/data", "message": f"form_schema is unusable: {exc}", "requirement": "AXP-HT-005"}
                )
            else:
                for err in form.iter_errors(data):
                    pointer = "".join(f"/{p}" for p in err.instance_path)
                    problems.append(
                        {"pointer": f"/task_result/data{pointer}", "message": err.message, "requirement": "AXP-HT-005"}
                    )
        if problems:
            raise ApiError("task_result_invalid", "the task result breaks the human task's rules", {"errors": problems})
        doc["result"] = {"task_result": result}
        return self._move(intent, "COMPLETED", who.address, details={"result": doc["result"]})

    def controls(self, intent_id: str, who: Principal, body: dict[str, Any]) -> dict[str, Any]:
        with self.store.transaction():
            intent = self.load(intent_id, who)
            if not (who.is_admin or who.address == intent.doc["from_agent"]):
                raise ApiError("policy_denied", "only the sender may change this intent's controls")
            if LIFECYCLE.is_terminal(intent.status):
                raise ApiError("intent_terminal", f"intent is {intent.status}")
            generation = intent.doc.get("policy_generation", 0)
            expected = body.get("expected_policy_generation")
            if expected is not None and expected != generation:
                raise ApiError(
                    "stale_policy_generation",
                    f"expected_policy_generation {expected} but the intent is at {generation}",
                    {"policy_generation": generation},
                )
            intent.doc.update(body["controls_patch"])
            intent.doc["policy_generation"] = generation + 1
            intent.doc["updated_at"] = now_iso()
            self.store.update_intent(intent)
            self._schedule_timers(intent)
        self.notifier.notify()
        return {"ok": True, "applied": True, "policy_generation": intent.doc["policy_generation"], "intent": intent.doc}

    # ---- delivery -----------------------------------------------------------------------------
    def deliveries(self, agent: str, cursor: int, limit: int, statuses: frozenset[str]) -> list[dict[str, Any]]:
        """Delivery records after ``cursor``; handing over a SUBMITTED intent makes it DELIVERED."""
        out: list[dict[str, Any]] = []
        changed = False
        for position, intent_id, at in self.store.deliveries_after(agent, cursor, limit):
            with self.store.transaction():
                intent = self.store.get_intent(intent_id)
                if intent is None:
                    continue
                if intent.status == "SUBMITTED" and ("SUBMITTED" in statuses or "DELIVERED" in statuses):
                    self._move(intent, "DELIVERED", agent)
                    changed = True
            record = {
                "intent_id": intent_id,
                "seq": position,
                "delivery_seq": position,
                "event_type": "intent.delivered",
                "status": intent.status,
                "at": at,
                "intent_type": intent.doc["intent_type"],
                "payload": intent.doc["payload"],
                "intent": intent.doc,
            }
            if intent.status in statuses:
                out.append(record)
            else:
                out.append({"skip": position})
        if changed:
            self.notifier.notify()
        return out

    def register_push(self, agent: str, url: str, secret: str) -> None:
        with self.store.transaction():
            self.store.set_push(agent, url, secret)
