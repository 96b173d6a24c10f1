"""Timers and controls over what they range over: the defaults a rule states (interval, count), a
controls patch that actually changes the schedule, and a stale patch that changes nothing."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from conformance.checks.timers import parse_time
from conformance.context import Context
from conformance.registry import check


@check("timers", ["AXP-TMR-001"], capability="reminders", tags=["slow"])
def reminder_defaults_are_the_spec_s(ctx: Context) -> None:
    """remind_after_seconds alone means an interval of remind_after_seconds and at most 3 reminders:
    three intent.reminder events about a second apart, then no more.

    The interval is judged on the server's own clock (the events' timestamps), so a suite that reads
    slowly on a busy machine neither hides a wrong interval nor blames a right one."""
    intent_id = ctx.create(remind_after_seconds=1)
    events = ctx.wait_events(intent_id, lambda evs: sum(e["event_type"] == "intent.reminder" for e in evs) >= 3, 20)
    reminders = [e for e in events if e["event_type"] == "intent.reminder"]
    ctx.expect(
        len(reminders) >= 3, f"{len(reminders)} reminders in 20 s with remind_after_seconds 1 and no interval", "AXP-TMR-001"
    )
    took = parse_time(str(reminders[2]["at"])) - parse_time(str(events[0]["at"]))
    ctx.expect(
        took < 8,
        f"the third reminder came {took:.1f}s after the create: with remind_after_seconds 1 and no interval, "
        "reminders come about a second apart",
        "AXP-TMR-001",
    )
    time.sleep(2.5)
    reminders = [e for e in ctx.events(intent_id) if e["event_type"] == "intent.reminder"]
    ctx.expect(len(reminders) == 3, f"{len(reminders)} reminders without max_reminders (the default is 3)", "AXP-TMR-001")


def _due(seconds: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z")


@check("timers", ["AXP-API-017"], capability="intents.controls", needs=["deadlines"], tags=["slow"])
def controls_patches_change_the_schedule_and_stale_ones_nothing(ctx: Context) -> None:
    """A controls patch of deadline_at takes effect (the intent times out at the new deadline); a patch
    whose expected_policy_generation is stale is refused and changes nothing — neither the document
    nor the schedule.

    The intents are addressed to the shared agent, whose readers (other checks) may hand one over
    between the two reads around the stale patch; the comparison is then taken again (a hand-over
    happens once), and only a document that changed while its log stood still is a failure."""
    moved = ctx.create(deadline_at=_due(3600))
    path = f"/v1/intents/{moved}/controls"
    ok = ctx.http().post(path, json={"controls_patch": {"deadline_at": _due(1.5)}, "expected_policy_generation": 0})
    ctx.expect(ok.status_code == 200, f"a controls patch answered {ok.status_code}", "AXP-API-017")
    kept = ctx.create(deadline_at=_due(3600))
    stale_path = f"/v1/intents/{kept}/controls"
    first = ctx.http().post(stale_path, json={"controls_patch": {"max_reminders": 2}, "expected_policy_generation": 0})
    ctx.expect(first.status_code == 200, f"a controls patch answered {first.status_code}", "AXP-API-017")

    def stale_patch() -> tuple[bool, list[str]]:
        before = ctx.intent(kept)
        stale_body = {"controls_patch": {"deadline_at": _due(1.5)}, "expected_policy_generation": 0}
        stale = ctx.http().post(stale_path, json=stale_body)
        ctx.expect_error(stale, 409, "stale_policy_generation", "AXP-API-017")
        after = ctx.intent(kept)
        changed = sorted(k for k in set(before) | set(after) if k != "updated_at" and before.get(k) != after.get(k))
        return not changed, changed

    unchanged, changed = ctx.unless_log_moved(kept, stale_patch, tries=3)
    ctx.expect(unchanged, f"a refused (stale) controls patch changed {changed}", "AXP-API-017")
    events = ctx.wait_events(moved, lambda evs: evs[-1]["status"] == "TIMED_OUT", 12)
    ctx.expect(events[-1]["status"] == "TIMED_OUT", "a deadline moved by controls did not fire at its new time", "AXP-API-017")
    time.sleep(0.5)
    ctx.expect(ctx.intent(kept)["status"] != "TIMED_OUT", "a stale controls patch moved the deadline all the same", "AXP-API-017")
