"""What survives a crash: each check prepares state, the server is restarted the hard way
(``--restart-cmd``; kill -9 for the embedded server), and the second half looks at it again.

Without a restart these checks do not run and their requirements are "not covered — needs
--restart-cmd": a server that forgets everything on restart must never look conformant.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from conformance.checks.delivery import SECRET, PushReceiver
from conformance.checks.timers import parse_time
from conformance.context import Context
from conformance.registry import CheckFn, NotCovered, restart_check

TIMER_DELAY = 4.0  # seconds from the first half to a timer's due time: past the restart, usually


def _due_in(seconds: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z")


def _present(ctx: Context, intent_id: str) -> None:
    """An intent acknowledged before the restart still exists after it (AXP-API-014)."""
    response = ctx.http().get(f"/v1/intents/{intent_id}")
    ctx.expect(
        response.status_code == 200,
        f"intent {intent_id}, acknowledged before the restart, answers HTTP {response.status_code} after it",
        "AXP-API-014",
    )


def _survivors(ctx: Context, intent_id: str) -> list[dict[str, Any]]:
    """The intent's events after the restart (every event read before is compared with what is read
    now: AXP-EV-006)."""
    _present(ctx, intent_id)
    return ctx.events(intent_id)


@restart_check("durability", ["AXP-API-014", "AXP-EV-006", "AXP-ID-005"])
def acknowledged_writes_survive_a_restart(ctx: Context) -> CheckFn:
    """Intents whose create and writes were answered before the restart are all there after it, with
    every event unchanged; creates after the restart never reuse an earlier intent_id."""
    made: list[str] = [ctx.create() for _ in range(3)]
    done = ctx.create()
    answer = ctx.http().post(f"/v1/intents/{done}/resolve", json={"status": "COMPLETED", "result": {"kept": "ünïcødé ✓"}})
    ctx.expect(answer.status_code == 200, f"resolve answered {answer.status_code}", "AXP-API-007")
    made.append(done)
    before = {intent_id: ctx.events(intent_id) for intent_id in made}

    def after(ctx: Context) -> None:
        for intent_id, events in before.items():
            now = _survivors(ctx, intent_id)
            ctx.expect(
                len(now) >= len(events),
                f"intent {intent_id} had {len(events)} events before the restart and has {len(now)} after it",
                "AXP-EV-006",
            )
        final = ctx.intent(done)
        ctx.expect(
            final["status"] == "COMPLETED", f"a resolve answered before the restart is lost ({final['status']})", "AXP-API-014"
        )
        for _ in range(3):
            ctx.create()  # a reused intent_id breaks AXP-ID-005 (judged on every create answer)

    return after


@restart_check("durability", ["AXP-EV-002"])
def seq_continues_after_a_restart(ctx: Context) -> CheckFn:
    """An event appended after the restart takes the next seq: no gap, no repeat."""
    intent_id = ctx.create()
    last = ctx.events(intent_id)[-1]["seq"]

    def after(ctx: Context) -> None:
        _present(ctx, intent_id)
        answer = ctx.http().post(f"/v1/intents/{intent_id}/resolve", json={"status": "CANCELED", "reason": "after a restart"})
        ctx.expect(answer.status_code == 200, f"resolve after the restart answered {answer.status_code}", "AXP-API-007")
        events = _survivors(ctx, intent_id)  # the stream checker judges the whole log: gaps, repeats (AXP-EV-002)
        later = [e["seq"] for e in events if e["seq"] > last]
        ctx.expect(
            bool(later) and later[0] == last + 1, f"the first seq after the restart is {later[:1]}, not {last + 1}", "AXP-EV-002"
        )

    return after


@restart_check("durability", ["AXP-TMR-003"], capability="deadlines")
def timers_fire_after_a_restart(ctx: Context) -> CheckFn:
    """A deadline (and a reminder, when claimed) due after the restart fires once the server is back."""
    deadline_id = ctx.create(deadline_at=_due_in(TIMER_DELAY))
    reminder_id = None
    if ctx.target.claims("reminders"):
        reminder_id = ctx.create(remind_after_seconds=int(TIMER_DELAY), max_reminders=1)

    def after(ctx: Context) -> None:
        for intent_id in (deadline_id, reminder_id):
            if intent_id is not None:
                _present(ctx, intent_id)
        events = ctx.wait_events(deadline_id, lambda evs: evs[-1]["status"] == "TIMED_OUT", TIMER_DELAY + 15)
        ctx.expect(
            events[-1]["status"] == "TIMED_OUT",
            f"a deadline due {TIMER_DELAY:g}s after creation did not fire after the restart (last status {events[-1]['status']})",
            "AXP-TMR-003",
        )
        fired = [parse_time(str(e["at"])) for e in events if e["event_type"] == "intent.timed_out"]
        _fired_after_restart(ctx, fired)
        if reminder_id is not None:
            reminded = ctx.wait_events(reminder_id, lambda evs: any(e["event_type"] == "intent.reminder" for e in evs), 10)
            times = [parse_time(str(e["at"])) for e in reminded if e["event_type"] == "intent.reminder"]
            ctx.expect(bool(times), "a reminder due after the restart never fired", "AXP-TMR-003")
            _fired_after_restart(ctx, times)

    return after


def _fired_after_restart(ctx: Context, times: list[float]) -> None:
    restarted = ctx.target.state.restarted_at
    if restarted is not None and times and max(times) < restarted - 1.0:
        raise NotCovered("the timer fired before the restart began, so the run cannot show it survives one")


@restart_check("durability", ["AXP-DLV-004"], capability="delivery.push", tags=["push"])
def push_retries_continue_after_a_restart(ctx: Context) -> CheckFn:
    """Push attempts that keep failing go on after the restart until max_delivery_attempts, then FAILED."""
    receiver = PushReceiver(failures=10_000)
    try:
        path = ctx.agent_path("/push", ctx.target.agent2_address)
        registered = ctx.http("agent2").put(path, json={"url": receiver.url, "secret": SECRET})
        ctx.expect(registered.status_code == 200, f"push registration answered {registered.status_code}", "AXP-DLV-010")
        intent_id = ctx.create(to_agent=ctx.target.agent2_address, max_delivery_attempts=6)
        ctx.wait_events(intent_id, lambda evs: any(e["event_type"] == "intent.delivery_failed" for e in evs), 15)
    except BaseException:
        receiver.close()
        raise

    def after(ctx: Context) -> None:
        try:
            _present(ctx, intent_id)
            events = ctx.wait_events(intent_id, lambda evs: evs[-1]["status"] == "FAILED", 60)
        finally:
            receiver.close()
        failed = [e for e in events if e["event_type"] == "intent.delivery_failed"]
        ctx.expect(
            events[-1]["status"] == "FAILED",
            f"after the restart the intent stayed {events[-1]['status']} with {len(failed)} of 6 attempts failed",
            "AXP-DLV-004",
        )
        _fired_after_restart(ctx, [parse_time(str(e["at"])) for e in failed])

    return after


@restart_check("durability", ["AXP-SSE-003"])
def stream_resumes_across_a_restart(ctx: Context) -> CheckFn:
    """A client that saw events before the restart resumes with Last-Event-ID after it and gets every
    later event exactly once."""
    intent_id = ctx.create()
    path = f"/v1/intents/{intent_id}/events/stream"
    _, frames, _ = ctx.sse(path, params={"since": 0, "wait_seconds": 1}, limit=10)
    seen = [int(f["id"]) for f in frames if f.get("event", "").startswith("intent.") and "id" in f]
    ctx.expect(bool(seen), "the stream before the restart delivered no event", "AXP-SSE-003")

    def after(ctx: Context) -> None:
        _present(ctx, intent_id)
        answer = ctx.http().post(f"/v1/intents/{intent_id}/resolve", json={"status": "COMPLETED", "result": {}})
        ctx.expect(answer.status_code == 200, f"resolve after the restart answered {answer.status_code}", "AXP-API-007")
        _, frames, _ = ctx.sse(path, params={"wait_seconds": 1}, headers={"Last-Event-ID": str(seen[-1])}, limit=10)
        resumed = [int(f["id"]) for f in frames if f.get("event", "").startswith("intent.") and "id" in f]
        log = [e["seq"] for e in ctx.events(intent_id) if e["seq"] > seen[-1]]
        ctx.expect(
            resumed == log and bool(log),
            f"Last-Event-ID {seen[-1]} after the restart replayed {resumed}; the log after it is {log}",
            "AXP-SSE-003",
        )

    return after


@restart_check("durability", ["AXP-IDEM-001", "AXP-IDEM-002"])
def idempotency_records_survive_a_restart(ctx: Context) -> CheckFn:
    """A create repeated after the restart with its Idempotency-Key answers the original; another body
    under the same key is still a conflict."""
    key = {"Idempotency-Key": f"conf-restart-{uuid.uuid4()}"}
    body = ctx.create_body(payload={"order": "ORD-1", "note": "naïve café"})
    first = ctx.http().post("/v1/intents", json=body, headers=key)
    ctx.expect(first.status_code == 200, f"create answered {first.status_code}", "AXP-API-001")
    original = first.json()

    def after(ctx: Context) -> None:
        again = ctx.http().post(
            "/v1/intents", content=json.dumps(body, indent=1), headers={**key, "Content-Type": "application/json"}
        )
        ctx.expect(
            again.status_code == 200 and again.json() == original,
            f"the key's replay after the restart answered HTTP {again.status_code} {again.text[:200]!r}, not the original "
            f"{json.dumps(original)}",
            "AXP-IDEM-001",
        )
        other = ctx.http().post("/v1/intents", json={**body, "payload": {"order": "ORD-2"}}, headers=key)
        ctx.expect_error(other, 409, "idempotency_conflict", "AXP-IDEM-002")

    return after
