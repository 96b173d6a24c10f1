"""Intent lifecycle logic on top of the storage contract.

Every logical write — a create with its events, delivery record, timers and idempotency record;
an append with its intent update and timer changes — is one unit: a plain synchronous function
of a :class:`~axp.server.storage.base.Transaction`, handed to ``storage.write``. The unit either
commits whole or leaves nothing, with or without an ``Idempotency-Key``, and the caller hears
back only after the commit. Legality comes only from ``axp.lifecycle``.

The service knows nothing about HTTP (the app maps ``ApiError`` codes to responses) and nothing
about threads or connections (the backend decides how units run). The scheduler uses the public
``fire_deadline``/``fire_reminder``/``begin_push``/``record_push_attempt`` methods.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import time
from collections.abc import Callable
from typing import Any, NamedTuple

import jsonschema_rs

from axp.lifecycle import LIFECYCLE
from axp.server.clock import now, now_iso, parse_iso
from axp.server.config import Principal
from axp.server.errors import ApiError
from axp.server.notify import Subscription, agent_key, intent_key
from axp.server.storage.base import (
    TIMER_KINDS,
    EventsPage,
    IdempotencyRecord,
    PushEndpoint,
    Storage,
    StoredIntent,
    Timer,
    Transaction,
)

log = logging.getLogger("axp.server")
WAITING = LIFECYCLE.waiting_status
HUMAN = "WAITING_FOR_HUMAN"
DEFAULT_OUTCOMES = ("approved", "rejected")
REMINDER_CONTROLS = frozenset({"remind_after_seconds", "remind_interval_seconds", "max_reminders"})
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


_random = random.Random()  # seeded from os.urandom once; ids are unique, not secret


def new_intent_id() -> str:
    """A UUIDv7 (RFC 9562, AXP-ID-003): time-ordered, so a new intent's row, index entries and
    events land at the end of their B-trees and a group commit writes few pages. Not a secret:
    who may see an intent is checked per principal, never by knowing its id."""
    ms = time.time_ns() // 1_000_000 & (1 << 48) - 1
    rand = _random.getrandbits(74)
    h = f"{ms << 80 | 0x7 << 76 | (rand >> 62) << 64 | 0b10 << 62 | rand & (1 << 62) - 1:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def canonical(value: Any) -> Any:
    """The value with every integral number as an int, so ``1``, ``1.0`` and ``1e0`` hash alike
    (decision D5: bodies are the same when equal as parsed JSON, numbers by mathematical value)."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical(v) for v in value]
    return value


def body_hash(body: Any) -> str:
    text = json.dumps(canonical(body), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


# What a write on an existing intent does once the intent is loaded and visible: its events.
Change = Callable[[Transaction, StoredIntent], list[dict[str, Any]]]


class PushJob(NamedTuple):
    """One push attempt the scheduler makes; the timer is leased until it reports back."""

    intent_id: str
    url: str
    secret: str
    attempt: int  # 1-based number of this attempt
    intent: dict[str, Any]


class IntentService:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    # ---- reading ------------------------------------------------------------------------------
    def visible(self, intent: StoredIntent, who: Principal) -> bool:
        return who.is_admin or who.address in (intent.doc["from_agent"], intent.doc["to_agent"])

    def _visible_or_404(self, intent: StoredIntent | None, intent_id: str, who: Principal) -> StoredIntent:
        if intent is None or not self.visible(intent, who):
            raise ApiError("intent_not_found", f"no intent {intent_id}")
        return intent

    async def load(self, intent_id: str, who: Principal) -> StoredIntent:
        return self._visible_or_404(await self.storage.get_intent(intent_id), intent_id, who)

    async def events(self, intent_id: str, who: Principal, since: int, limit: int) -> EventsPage:
        """The intent and its events after ``since``, read in one snapshot."""
        page = await self.storage.events_page(intent_id, since, limit)
        self._visible_or_404(page.intent, intent_id, who)
        return page

    async def list_intents(
        self,
        who: Principal,
        *,
        status: list[str] | None,
        to_agent: str | None,
        correlation_id: str | None,
        after: int,
        limit: int,
    ) -> list[StoredIntent]:
        return await self.storage.list_intents(
            visible_to=None if who.is_admin else who.address,
            status=status,
            to_agent=to_agent,
            correlation_id=correlation_id,
            after_rowid=after,
            limit=limit,
        )

    def watch_intent(self, intent_id: str) -> Subscription:
        return self.storage.notifier.subscribe(intent_key(intent_id))

    def watch_agent(self, agent: str) -> Subscription:
        return self.storage.notifier.subscribe(agent_key(agent))

    # ---- the one primitive every change goes through -----------------------------------------
    def _append(
        self,
        tx: Transaction,
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
        tx.append_event(event)
        tx.update_intent(intent)
        if LIFECYCLE.is_terminal(status):
            for kind in TIMER_KINDS:
                tx.clear_timer(intent.intent_id, kind)
        return event

    def _move(self, tx: Transaction, intent: StoredIntent, status: str, actor: str, **kw: Any) -> dict[str, Any]:
        return self._append(tx, intent, LIFECYCLE.status_event[status], status, actor, **kw)

    def idempotent(
        self,
        tx: Transaction,
        who: Principal,
        operation: str,
        key: str | None,
        body: Any,
        write: Callable[[], dict[str, Any]],
    ) -> dict[str, Any]:
        """Run ``write`` once per (principal, operation, key) (AXP-IDEM-001/002/005/008): a repeat with an
        equal body answers the stored response, a different body is 409. Only successes are remembered;
        the record is written in the write's own transaction, so a crash never keeps one without the other.
        The scope names the principal (role and address), never its API key (decision D10)."""
        if key is None:
            return write()
        scope, digest = f"{who.id}|{operation}", body_hash(body)
        found = tx.idempotency_get(scope, key)
        if found is not None:
            if found.body_hash != digest:
                raise ApiError("idempotency_conflict", "this Idempotency-Key was used with a different body")
            return dict(found.response)
        response = write()
        tx.idempotency_put(IdempotencyRecord(scope, key, digest, 200, response, now()))
        return response

    # ---- create -------------------------------------------------------------------------------
    async def create(self, who: Principal, body: dict[str, Any], idempotency_key: str | None) -> dict[str, Any]:
        return await self.storage.write(
            lambda tx: self.idempotent(
                tx, who, "POST /v1/intents", idempotency_key, body, lambda: self._create(tx, who, body, idempotency_key)
            )
        )

    def _create(self, tx: Transaction, who: Principal, body: dict[str, Any], idempotency_key: str | None) -> dict[str, Any]:
        at = now_iso()
        intent_id = new_intent_id()
        doc: dict[str, Any] = {k: body[k] for k in CREATE_FIELDS if k in body}
        doc.update(
            intent_id=intent_id,
            from_agent=who.address,
            status="CREATED",
            lifecycle_status="CREATED",
            waiting_reason=None,
            created_at=at,
            updated_at=at,
            last_seq=1,
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
        tx.insert_intent(intent)
        # seq 1 is written directly: CREATED is the initial status, not a transition.
        tx.append_event(
            {
                "intent_id": intent_id,
                "seq": 1,
                "event_type": LIFECYCLE.status_event["CREATED"],
                "status": "CREATED",
                "at": at,
                "actor": who.address,
            }
        )
        self._move(tx, intent, "SUBMITTED", who.address)
        if body.get("human_task"):
            self._move(tx, intent, WAITING, "platform", waiting_reason=HUMAN)
            self._append(
                tx, intent, "intent.human_task_assigned", WAITING, "platform", details={"title": body["human_task"]["title"]}
            )
        tx.add_delivery(doc["to_agent"], intent_id, at)
        self._schedule_timers(tx, intent, fresh=True, reminder_from=parse_iso(doc["created_at"]))
        if not body.get("human_task") and tx.get_push(doc["to_agent"]) is not None:
            tx.set_timer(Timer(intent_id, "push", now(), 0))
        return {
            "ok": True,
            "intent_id": intent_id,
            "status": intent.status,
            "created_at": at,
            "correlation_id": doc["correlation_id"],
        }

    def _schedule_timers(
        self, tx: Transaction, intent: StoredIntent, *, fresh: bool = False, reminder_from: float | None = None
    ) -> None:
        """Arm the deadline, and the next reminder counted from ``reminder_from``: creation, the reminder
        that just fired, or a controls patch that touched the reminders (AXP-TMR-007: re-based from the
        patch, so overdue reminders never fire in a burst). ``None`` leaves the reminder timer as it is;
        ``fresh`` is a new intent, which has no timers to clear."""
        doc = intent.doc
        if doc.get("deadline_at"):
            tx.set_timer(Timer(intent.intent_id, "deadline", parse_iso(doc["deadline_at"]), 0))
        elif not fresh:
            tx.clear_timer(intent.intent_id, "deadline")
        if reminder_from is None:
            return
        count = doc.get("remind_count", 0)
        if doc.get("remind_after_seconds") and count < self.max_reminders(doc):
            gap = doc["remind_after_seconds"] if count == 0 else self.remind_interval(doc)
            tx.set_timer(Timer(intent.intent_id, "reminder", reminder_from + gap, 0))
        elif not fresh:
            tx.clear_timer(intent.intent_id, "reminder")

    @staticmethod
    def max_reminders(doc: dict[str, Any]) -> int:
        return int(doc.get("max_reminders") or DEFAULT_MAX_REMINDERS)

    @staticmethod
    def remind_interval(doc: dict[str, Any]) -> int:
        return int(doc.get("remind_interval_seconds") or doc.get("remind_after_seconds") or 1)

    # ---- writes on an intent ------------------------------------------------------------------
    async def _write(
        self,
        operation: str,
        intent_id: str,
        who: Principal,
        body: dict[str, Any],
        key: str | None,
        change: Change,
        expected_policy_generation: int | None = None,
    ) -> dict[str, Any]:
        def unit(tx: Transaction) -> dict[str, Any]:
            def write() -> dict[str, Any]:
                intent = self._visible_or_404(tx.get_intent_for_update(intent_id), intent_id, who)
                self._check_generation(intent, expected_policy_generation)
                before = intent.last_seq
                events = [e for e in change(tx, intent) if e]
                applied = intent.last_seq != before or bool(events)
                return {
                    "ok": True,
                    "applied": applied,
                    "intent": intent.doc,
                    "event": events[-1] if events else None,
                    "events": events,
                }

            return self.idempotent(tx, who, f"POST /v1/intents/{intent_id}/{operation}", key, body, write)

        return await self.storage.write(unit)

    @staticmethod
    def _check_generation(intent: StoredIntent, expected: int | None) -> None:
        """A write made on the condition that the intent's policy_generation is still ``expected``
        (AXP-API-017), checked in the write's own transaction."""
        generation = intent.doc.get("policy_generation", 0)
        if expected is not None and expected != generation:
            raise ApiError(
                "stale_policy_generation",
                f"expected_policy_generation {expected} but the intent is at {generation}",
                {"policy_generation": generation},
            )

    def _require_agent(self, intent: StoredIntent, who: Principal, what: str) -> None:
        if not (who.is_admin or who.address == intent.doc["to_agent"]):
            raise ApiError("policy_denied", f"only the addressed agent may {what} this intent")

    def _require_sender(self, intent: StoredIntent, who: Principal, what: str) -> None:
        if not (who.is_admin or who.address == intent.doc["from_agent"]):
            raise ApiError("policy_denied", f"only the sender may {what} this intent")

    async def resolve(
        self,
        intent_id: str,
        who: Principal,
        body: dict[str, Any],
        key: str | None = None,
        expected_policy_generation: int | None = None,
    ) -> dict[str, Any]:
        def change(tx: Transaction, intent: StoredIntent) -> list[dict[str, Any]]:
            status = body["status"]
            details: dict[str, Any] = {}
            if status == "COMPLETED":
                intent.doc["result"] = details["result"] = body["result"]
            elif status == "FAILED":
                intent.doc["error"] = details["error"] = body["error"]
            if body.get("reason"):
                details["reason"] = body["reason"]
            return [self._move(tx, intent, status, who.address, details=details or None)]

        return await self._write("resolve", intent_id, who, body, key, change, expected_policy_generation)

    async def cancel(self, intent_id: str, who: Principal, body: dict[str, Any], key: str | None = None) -> dict[str, Any]:
        def change(tx: Transaction, intent: StoredIntent) -> list[dict[str, Any]]:
            self._require_sender(intent, who, "cancel")
            details = {"reason": body["reason"]} if body.get("reason") else None
            return [self._move(tx, intent, "CANCELED", who.address, details=details)]

        return await self._write("cancel", intent_id, who, body, key, change)

    async def ack(self, intent_id: str, who: Principal, body: dict[str, Any], key: str | None = None) -> dict[str, Any]:
        def change(tx: Transaction, intent: StoredIntent) -> list[dict[str, Any]]:
            self._require_agent(intent, who, "acknowledge")
            if LIFECYCLE.is_terminal(intent.status):
                raise ApiError("intent_terminal", f"intent is {intent.status}")
            out = []
            if intent.status == "SUBMITTED":
                out.append(self._move(tx, intent, "DELIVERED", who.address))
            if intent.status == "DELIVERED":
                out.append(self._move(tx, intent, "ACKNOWLEDGED", who.address))
            return out

        return await self._write("ack", intent_id, who, body, key, change)

    async def resume(self, intent_id: str, who: Principal, body: dict[str, Any], key: str | None = None) -> dict[str, Any]:
        def change(tx: Transaction, intent: StoredIntent) -> list[dict[str, Any]]:
            self._require_agent(intent, who, "resume")
            if LIFECYCLE.is_terminal(intent.status):
                raise ApiError("intent_terminal", f"intent is {intent.status}")
            if "task_result" in body:
                return [self._answer_human_task(tx, intent, who, body["task_result"])]
            self._human_gate(intent)
            action = body.get("action")
            if action == "start":
                return [self._move(tx, intent, "IN_PROGRESS", who.address)]
            if action == "wait":
                return [self._move(tx, intent, WAITING, who.address, waiting_reason=body["waiting_reason"])]
            if action == "complete":
                intent.doc["result"] = body["result"]
                return [self._move(tx, intent, "COMPLETED", who.address, details={"result": body["result"]})]
            if action == "fail":
                intent.doc["error"] = body["error"]
                return [self._move(tx, intent, "FAILED", who.address, details={"error": body["error"]})]
            if intent.status != WAITING:
                raise ApiError("invalid_transition", f"only a WAITING intent can be continued, not {intent.status}")
            return [self._move(tx, intent, "IN_PROGRESS", who.address)]

        return await self._write("resume", intent_id, who, body, key, change)

    @staticmethod
    def _human_gate(intent: StoredIntent) -> None:
        """A human task's wait ends with an accepted task_result only (AXP-HT-008): the agent's own
        progress calls (continue, start, wait, complete, fail) cannot skip the person."""
        doc = intent.doc
        if intent.status == WAITING and doc.get("waiting_reason") == HUMAN and doc.get("human_task"):
            raise ApiError("invalid_transition", "this intent waits for a person: only a task_result ends the wait")

    def _answer_human_task(self, tx: Transaction, intent: StoredIntent, who: Principal, result: dict[str, Any]) -> dict[str, Any]:
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
        return self._move(tx, intent, "COMPLETED", who.address, details={"result": doc["result"]})

    async def controls(self, intent_id: str, who: Principal, body: dict[str, Any], key: str | None = None) -> dict[str, Any]:
        def unit(tx: Transaction) -> dict[str, Any]:
            def write() -> dict[str, Any]:
                intent = self._visible_or_404(tx.get_intent_for_update(intent_id), intent_id, who)
                self._require_sender(intent, who, "change the controls of")
                if LIFECYCLE.is_terminal(intent.status):
                    raise ApiError("intent_terminal", f"intent is {intent.status}")
                self._check_generation(intent, body.get("expected_policy_generation"))
                generation = intent.doc.get("policy_generation", 0)
                patch = body["controls_patch"]
                if not patch:  # a patch that changes nothing (the axme profile's notes)
                    return {"ok": True, "applied": False, "policy_generation": generation, "intent": intent.doc}
                intent.doc.update(patch)
                intent.doc["policy_generation"] = generation + 1
                intent.doc["updated_at"] = now_iso()
                tx.update_intent(intent)
                rebase = now() if set(patch) & REMINDER_CONTROLS else None
                self._schedule_timers(tx, intent, reminder_from=rebase)
                return {"ok": True, "applied": True, "policy_generation": intent.doc["policy_generation"], "intent": intent.doc}

            return self.idempotent(tx, who, f"POST /v1/intents/{intent_id}/controls", key, body, write)

        return await self.storage.write(unit)

    # ---- delivery -----------------------------------------------------------------------------
    async def deliveries(self, agent: str, cursor: int, limit: int, statuses: frozenset[str]) -> list[dict[str, Any]]:
        """Delivery records after ``cursor`` (``{"skip": cursor}`` for one whose status is filtered
        out); handing over a SUBMITTED intent makes it DELIVERED, all of them in one unit."""
        rows = await self.storage.deliveries_after(agent, cursor, limit)
        handing = [d.intent_id for d in rows if d.intent.status == "SUBMITTED"]
        current = {d.intent_id: d.intent for d in rows}
        if handing and ("SUBMITTED" in statuses or "DELIVERED" in statuses):
            current.update(await self.storage.write(lambda tx: self._hand_over(tx, agent, handing)))
        out: list[dict[str, Any]] = []
        for d in rows:
            intent = current[d.intent_id]
            if intent.status not in statuses:
                out.append({"skip": d.cursor})
                continue
            out.append(
                {
                    "intent_id": d.intent_id,
                    "seq": d.cursor,
                    "delivery_seq": d.cursor,
                    "event_type": "intent.delivered",
                    "status": intent.status,
                    "at": d.at,
                    "intent_type": intent.doc["intent_type"],
                    "payload": intent.doc["payload"],
                    "intent": intent.doc,
                }
            )
        return out

    def _hand_over(self, tx: Transaction, agent: str, intent_ids: list[str]) -> dict[str, StoredIntent]:
        out = {}
        found = tx.get_intents_for_update(intent_ids)
        for intent_id in intent_ids:
            intent = found.get(intent_id)
            if intent is None:
                continue
            if intent.status == "SUBMITTED":
                self._move(tx, intent, "DELIVERED", agent)
            out[intent_id] = intent
        return out

    async def register_push(self, agent: str, url: str, secret: str) -> None:
        def unit(tx: Transaction) -> None:
            tx.set_push(PushEndpoint(agent, url, secret))

        await self.storage.write(unit)

    # ---- timers (the scheduler's API) ---------------------------------------------------------
    def _due_timer(self, tx: Transaction, intent_id: str, kind: str) -> StoredIntent | None:
        """The live intent whose ``kind`` timer is due now, or None (the timer is cleared if the
        intent ended). Re-checking inside the unit, under the intent's lock, makes a timer that
        two instances fire at once fire once: the second sees what the first wrote."""
        intent = tx.get_intent_for_update(intent_id)  # first: every unit locks the intent before its timers
        timer = tx.get_timer(intent_id, kind)
        if timer is None or timer.due > now():
            return None
        if intent is None or LIFECYCLE.is_terminal(intent.status):
            tx.clear_timer(intent_id, kind)
            return None
        return intent

    async def fire_deadline(self, intent_id: str) -> None:
        def unit(tx: Transaction) -> None:
            intent = self._due_timer(tx, intent_id, "deadline")
            if intent is None:
                return
            tx.clear_timer(intent_id, "deadline")
            error = {"code": "intent_timeout", "message": f"deadline_at {intent.doc['deadline_at']} passed"}
            intent.doc["error"] = error
            self._move(tx, intent, "TIMED_OUT", "platform", details={"error": error})

        await self._fire(unit, intent_id, "deadline")

    async def fire_reminder(self, intent_id: str) -> None:
        def unit(tx: Transaction) -> None:
            intent = self._due_timer(tx, intent_id, "reminder")
            if intent is None:
                return
            doc = intent.doc
            doc["remind_count"] = doc.get("remind_count", 0) + 1
            self._append(tx, intent, "intent.reminder", intent.status, "platform", details={"remind_count": doc["remind_count"]})
            if doc["remind_count"] >= self.max_reminders(doc) and doc.get("escalate_to"):
                self._append(
                    tx, intent, "intent.escalated", intent.status, "platform", details={"escalate_to": doc["escalate_to"]}
                )
            self._schedule_timers(tx, intent, reminder_from=now())

        await self._fire(unit, intent_id, "reminder")

    async def _fire(self, unit: Callable[[Transaction], None], intent_id: str, kind: str) -> None:
        try:
            await self.storage.write(unit)
        except ApiError as exc:  # the lifecycle refuses it: drop the timer rather than retry forever
            log.warning("%s timer of %s dropped: %s", kind, intent_id, exc.message)
            await self.storage.write(lambda tx: tx.clear_timer(intent_id, kind))

    async def begin_push(self, intent_id: str, lease_seconds: float) -> PushJob | None:
        """The next push attempt of a SUBMITTED intent, its timer leased for ``lease_seconds`` (a
        crash mid-attempt retries after the lease); None when there is nothing to push."""

        def unit(tx: Transaction) -> PushJob | None:
            intent = tx.get_intent_for_update(intent_id)
            timer = tx.get_timer(intent_id, "push")
            if timer is None or timer.due > now():  # gone, or another instance's attempt holds it
                return None
            endpoint = tx.get_push(intent.doc["to_agent"]) if intent is not None else None
            if intent is None or intent.status != "SUBMITTED" or endpoint is None:
                tx.clear_timer(intent_id, "push")
                return None
            tx.set_timer(Timer(intent_id, "push", now() + lease_seconds, timer.attempt))
            return PushJob(intent_id, endpoint.url, endpoint.secret, timer.attempt + 1, dict(intent.doc))

        return await self.storage.write(unit)

    async def record_push_attempt(self, job: PushJob, failure: str | None, retry_in: float) -> None:
        """Record one attempt: DELIVERED on success; else ``intent.delivery_failed`` and a retry in
        ``retry_in`` seconds, or FAILED once ``max_delivery_attempts`` are spent (AXP-DLV-004)."""

        def unit(tx: Transaction) -> None:
            intent = tx.get_intent_for_update(job.intent_id)
            if intent is None or intent.status != "SUBMITTED":
                tx.clear_timer(job.intent_id, "push")
                return
            number = job.attempt
            intent.doc["delivery_attempt"] = number
            if failure is None:
                tx.clear_timer(job.intent_id, "push")
                self._move(tx, intent, "DELIVERED", "platform", details={"attempt": number, "binding": "http"})
                return
            self._append(
                tx, intent, "intent.delivery_failed", intent.status, "platform", details={"attempt": number, "reason": failure}
            )
            if number >= int(intent.doc.get("max_delivery_attempts") or DEFAULT_MAX_DELIVERY_ATTEMPTS):
                tx.clear_timer(job.intent_id, "push")
                error = {"code": "delivery_failed", "message": f"{number} push attempt(s) failed; last: {failure}"}
                intent.doc["error"] = error
                self._move(tx, intent, "FAILED", "platform", details={"error": error})
                return
            tx.set_timer(Timer(job.intent_id, "push", now() + retry_in, number))

        await self.storage.write(unit)

    async def purge_idempotency(self) -> int:
        return await self.storage.purge_idempotency(now() - IDEMPOTENCY_RETENTION_SECONDS)
