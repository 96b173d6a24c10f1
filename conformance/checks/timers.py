"""Deadlines and reminders (optional capabilities)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from conformance.context import Context
from conformance.registry import NotApplicable, check


def parse_time(value: str) -> float:
    return datetime.fromisoformat(value.replace("z", "Z").replace("t", "T")).timestamp()


@check("timers", ["AXP-LC-006", "AXP-TMR-004", "AXP-LC-012", "AXP-TMR-006"], capability="deadlines")
def deadline_times_out(ctx: Context) -> None:
    """An intent whose deadline_at passes becomes TIMED_OUT with intent.timed_out, not before the
    deadline and (a SHOULD) within a second of it, measured on the server's own clock."""
    asked = time.time()
    deadline = datetime.fromtimestamp(asked + 1.5, UTC)
    intent_id = ctx.create(deadline_at=deadline.isoformat().replace("+00:00", "Z"))
    answered = time.time()
    created = parse_time(ctx.intent(intent_id)["created_at"])
    events = ctx.wait_status(intent_id, "TIMED_OUT", 12, "AXP-LC-006")
    ctx.expect(events[-1]["event_type"] == "intent.timed_out", "TIMED_OUT needs intent.timed_out", "AXP-LC-006")
    # The server's clock may differ from ours: created_at was stamped between asked and answered,
    # which bounds the offset; judge "early" and "late" only beyond that uncertainty.
    fired = parse_time(events[-1]["at"])
    latest = fired - (created - answered) - deadline.timestamp()
    earliest = fired - (created - asked) - deadline.timestamp()
    ctx.expect(latest > -0.25, f"the deadline fired {-latest:.2f}s before deadline_at", "AXP-TMR-004")
    ctx.expect(earliest <= 1.0, f"the deadline fired {earliest:.2f}s after deadline_at (the target is 1 s)", "AXP-TMR-006")


@check("timers", ["AXP-TMR-001", "AXP-TMR-002", "AXP-LC-007"], capability="reminders")
def reminders_then_escalation(ctx: Context) -> None:
    """remind_after/interval/max produce reminders, then one intent.escalated; status unchanged."""
    intent_id = ctx.create(
        remind_after_seconds=1, remind_interval_seconds=1, max_reminders=2, escalate_to=ctx.target.agent2_address
    )
    deadline = time.monotonic() + 10
    types: list[str] = []
    while time.monotonic() < deadline:
        types = [e["event_type"] for e in ctx.events(intent_id)]
        if "intent.escalated" in types:
            break
        time.sleep(0.2)
    ctx.expect(types.count("intent.reminder") == 2, f"expected 2 reminders, saw {types}", "AXP-TMR-001")
    ctx.expect("intent.escalated" in types, f"no escalation after the last reminder: {types}", "AXP-TMR-002")


@check("timers", ["AXP-TMR-005"], capability="reminders")
def timers_stop_at_terminal(ctx: Context) -> None:
    """Reminders (and a deadline, when claimed) due after an intent ends add nothing to its log.

    The deadline is far enough away that a slow create and resolve on a busy machine still end the
    intent before it (a deadline that passed first would make the resolve a 409); the check then
    waits until it is well past."""
    extra: dict[str, Any] = {"remind_after_seconds": 1, "remind_interval_seconds": 1, "max_reminders": 3}
    deadline_passed = 0.0
    if "deadlines" in ctx.target.capabilities:
        extra["deadline_at"] = (datetime.now(UTC) + timedelta(seconds=5)).isoformat().replace("+00:00", "Z")
        deadline_passed = time.monotonic() + 6.5
    intent_id = ctx.create(**extra)
    done = ctx.http().post(f"/v1/intents/{intent_id}/resolve", json={"status": "CANCELED", "reason": "timers must stop"})
    ctx.expect(done.status_code == 200, f"resolve answered {done.status_code}", "AXP-API-007")
    time.sleep(max(3.5, deadline_passed - time.monotonic()))  # past every reminder (1, 2, 3 s) and the deadline
    events = ctx.events(intent_id)
    after = [e["event_type"] for e in events[[e["event_type"] for e in events].index("intent.canceled") + 1 :]]
    ctx.expect(after == [], f"events after the terminal intent.canceled: {after}", "AXP-TMR-005")


@check("timers", ["AXP-TMR-007"], capability="reminders")
def controls_rebase_reminders(ctx: Context) -> None:
    """A controls patch counts the next reminder from the patch, not from creation: an intent created
    long enough ago gets no burst of overdue reminders."""
    if "intents.controls" not in ctx.target.capabilities:
        raise NotApplicable("needs intents.controls")
    intent_id = ctx.create(remind_after_seconds=3600, max_reminders=3)
    time.sleep(4.5)  # the patched schedule, counted from creation, would be overdue by now
    patch = {"controls_patch": {"remind_after_seconds": 4, "remind_interval_seconds": 4}}
    answer = ctx.json_of(ctx.http().post(f"/v1/intents/{intent_id}/controls", json=patch))
    patched_at = datetime.fromisoformat(answer["intent"]["updated_at"].replace("Z", "+00:00"))
    deadline = time.monotonic() + 20
    reminders: list[dict[str, object]] = []
    while time.monotonic() < deadline and not reminders:
        reminders = [e for e in ctx.events(intent_id) if e["event_type"] == "intent.reminder"]
        time.sleep(0.2)
    ctx.expect(bool(reminders), "no reminder within 20 s of a patch asking for one after 4 s", "AXP-TMR-007")
    first = datetime.fromisoformat(str(reminders[0]["at"]).replace("Z", "+00:00"))
    ctx.expect(
        (first - patched_at).total_seconds() >= 3.9,
        f"the first reminder came {(first - patched_at).total_seconds():.2f}s after the patch, not 4 s: counted from creation",
        "AXP-TMR-007",
    )
