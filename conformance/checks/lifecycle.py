"""Lifecycle scenarios driven by the addressed agent, judged by the stream checker."""

from __future__ import annotations

from typing import Any

from conformance.context import Context
from conformance.registry import check


@check(
    "lifecycle",
    ["AXP-DLV-006", "AXP-API-015", "AXP-API-018", "AXP-LC-002", "AXP-EV-002", "AXP-EV-003"],
    capability="intents.ack",
    tags=["serial"],
)
def agent_flow_ack_start_complete(ctx: Context) -> None:
    """create -> ack -> start -> complete gives a legal, gap-free stream ending COMPLETED.

    Serial, so that the ack finds the intent SUBMITTED and must walk it through DELIVERED itself
    (AXP-DLV-006), rather than finding it handed over already by a reader of the shared agent."""
    intent_id = ctx.create()
    agent = ctx.http("agent")
    ack = agent.post(f"/v1/intents/{intent_id}/ack")
    body = ctx.json_of(ack)
    ctx.expect(ack.status_code == 200 and body.get("applied") is True, f"ack answered {ack.status_code}", "AXP-DLV-006")
    ctx.schema("intent_update_response", body, "AXP-API-018")
    ctx.expect(body["intent"]["status"] == "ACKNOWLEDGED", f"ack left status {body['intent']['status']}", "AXP-DLV-006")
    again = ctx.json_of(agent.post(f"/v1/intents/{intent_id}/ack"))
    ctx.expect(again.get("applied") is False and again.get("event") is None, "a repeated ack must change nothing", "AXP-DLV-006")
    ctx.expect(
        agent.post(f"/v1/intents/{intent_id}/resume", json={"action": "start"}).status_code == 200,
        "resume start failed",
        "AXP-API-015",
    )
    done = agent.post(f"/v1/intents/{intent_id}/resume", json={"action": "complete", "result": {"ok": True}})
    ctx.expect(done.status_code == 200, f"resume complete answered {done.status_code}", "AXP-API-015")
    events = ctx.events(intent_id)
    statuses = [e["status"] for e in events]
    ctx.expect(
        statuses == ["CREATED", "SUBMITTED", "DELIVERED", "ACKNOWLEDGED", "IN_PROGRESS", "COMPLETED"],
        f"unexpected statuses {statuses}",
        "AXP-LC-002",
    )


@check("lifecycle", ["AXP-LC-002", "AXP-LC-010"], capability="intents.resume")
def illegal_transition_is_refused(ctx: Context) -> None:
    """Starting twice (IN_PROGRESS -> IN_PROGRESS) or continuing a non-waiting intent is 409 invalid_transition."""
    intent_id = ctx.create()
    agent = ctx.http("agent")
    agent.post(f"/v1/intents/{intent_id}/resume", json={"action": "start"})
    before = len(ctx.events(intent_id))
    ctx.expect_error(
        agent.post(f"/v1/intents/{intent_id}/resume", json={"action": "start"}), 409, "invalid_transition", "AXP-LC-002"
    )
    continues: list[dict[str, Any]] = [{}]
    if "compat.axme" not in ctx.target.capabilities:  # the axme profile answers this one 200 (AXP-CMP-012)
        continues.append({"approve_current_step": True})
    for body in continues:
        ctx.expect_error(agent.post(f"/v1/intents/{intent_id}/resume", json=body), 409, "invalid_transition", "AXP-LC-002")
    ctx.expect(len(ctx.events(intent_id)) == before, "a refused transition appended an event", "AXP-LC-002")


@check("lifecycle", ["AXP-LC-004", "AXP-LC-005"], capability="intents.resume")
def waiting_carries_its_reason(ctx: Context) -> None:
    """A WAITING intent and event carry waiting_reason; leaving WAITING clears it."""
    intent_id = ctx.create()
    agent = ctx.http("agent")
    agent.post(f"/v1/intents/{intent_id}/resume", json={"action": "start"})
    agent.post(f"/v1/intents/{intent_id}/resume", json={"action": "wait", "waiting_reason": "WAITING_FOR_TOOL"})
    intent = ctx.intent(intent_id)
    ctx.expect(
        intent["status"] == "WAITING" and intent.get("waiting_reason") == "WAITING_FOR_TOOL",
        f"intent is {intent['status']} / {intent.get('waiting_reason')}",
        "AXP-LC-004",
    )
    agent.post(f"/v1/intents/{intent_id}/resume", json={})
    intent = ctx.intent(intent_id)
    ctx.expect(
        intent["status"] == "IN_PROGRESS" and intent.get("waiting_reason") is None,
        "leaving WAITING must clear waiting_reason",
        "AXP-LC-005",
    )
    ctx.events(intent_id)


@check("lifecycle", ["AXP-API-016"], capability="intents.cancel", tags=["serial"])
def cancel_from_submitted(ctx: Context) -> None:
    """The sender cancels a live intent; a second cancel is 409. Serial, so that the intent is still
    SUBMITTED when canceled (no reader of the shared agent hands it over first)."""
    intent_id = ctx.create()
    ok = ctx.http().post(f"/v1/intents/{intent_id}/cancel", json={"reason": "duplicate order"})
    ctx.expect(ok.status_code == 200, f"cancel answered {ok.status_code}", "AXP-API-016")
    ctx.expect(ctx.events(intent_id)[-1]["event_type"] == "intent.canceled", "no intent.canceled", "AXP-API-016")
    ctx.expect_error(ctx.http().post(f"/v1/intents/{intent_id}/cancel", json={}), 409, "intent_terminal", "AXP-API-006")


@check("lifecycle", ["AXP-API-017"], capability="intents.controls")
def controls_compare_and_set(ctx: Context) -> None:
    """Applied patches bump policy_generation; a stale expected generation is 409."""
    intent_id = ctx.create()
    path = f"/v1/intents/{intent_id}/controls"
    ok = ctx.http().post(path, json={"controls_patch": {"max_reminders": 2}, "expected_policy_generation": 0})
    body = ctx.json_of(ok)
    ctx.expect(ok.status_code == 200 and body.get("policy_generation") == 1, "first patch must give generation 1", "AXP-API-017")
    ctx.expect_error(
        ctx.http().post(path, json={"controls_patch": {"max_reminders": 3}, "expected_policy_generation": 0}),
        409,
        "stale_policy_generation",
        "AXP-API-017",
    )


@check("lifecycle", ["AXP-LC-014", "AXP-LC-010"], capability="intents.resume")
def repeating_the_current_status_is_refused_except_ack(ctx: Context) -> None:
    """start on IN_PROGRESS and wait on WAITING are 409 invalid_transition and append nothing; a repeated
    ack answers 200 applied false with no event (when ack is claimed)."""
    intent_id = ctx.create()
    agent = ctx.http("agent")
    resume = f"/v1/intents/{intent_id}/resume"
    ctx.expect(agent.post(resume, json={"action": "start"}).status_code == 200, "resume start failed", "AXP-API-015")
    before = ctx.events(intent_id)
    ctx.expect_error(agent.post(resume, json={"action": "start"}), 409, "invalid_transition", "AXP-LC-014")
    waiting = agent.post(resume, json={"action": "wait", "waiting_reason": "WAITING_FOR_TOOL"})
    ctx.expect(waiting.status_code == 200, f"resume wait answered {waiting.status_code}", "AXP-API-015")
    again = agent.post(resume, json={"action": "wait", "waiting_reason": "WAITING_FOR_AGENT"})
    ctx.expect_error(again, 409, "invalid_transition", "AXP-LC-014")
    after = ctx.events(intent_id)
    ctx.expect(
        [e["event_type"] for e in after[len(before) :]] == ["intent.waiting"],
        f"refused repeats appended events: {[e['event_type'] for e in after[len(before) :]]}",
        "AXP-LC-014",
    )
    if "intents.ack" not in ctx.target.capabilities:
        return
    acked = ctx.create()
    first = agent.post(f"/v1/intents/{acked}/ack")
    ctx.expect(first.status_code == 200, f"ack answered {first.status_code}", "AXP-DLV-006")
    logged = len(ctx.events(acked))
    repeat = agent.post(f"/v1/intents/{acked}/ack")
    body = ctx.json_of(repeat, "AXP-LC-014")
    ctx.expect(
        repeat.status_code == 200 and body.get("applied") is False and body.get("event") is None,
        f"a repeated ack answered {repeat.status_code} applied={body.get('applied')}: it must be 200, applied false, no event",
        "AXP-LC-014",
    )
    ctx.expect(len(ctx.events(acked)) == logged, "a repeated ack appended an event", "AXP-LC-014")


@check("lifecycle", ["AXP-API-024"], capability="intents.resume")
def resume_cancel_and_ack_need_no_body(ctx: Context) -> None:
    """resume, cancel and ack without a body (or with an empty one) are read as {}."""
    agent = ctx.http("agent")
    intent_id = ctx.create()
    resume = f"/v1/intents/{intent_id}/resume"
    agent.post(resume, json={"action": "wait", "waiting_reason": "WAITING_FOR_TOOL"})
    response = agent.post(resume)
    ctx.expect(response.status_code == 200, f"resume without a body answered {response.status_code}", "AXP-API-024")
    ctx.expect(ctx.intent(intent_id)["status"] == "IN_PROGRESS", "resume without a body must continue a WAIT", "AXP-API-024")
    if "intents.ack" in ctx.target.capabilities:
        acked = ctx.create()
        response = agent.post(f"/v1/intents/{acked}/ack", content=b"", headers={"Content-Type": "application/json"})
        ctx.expect(response.status_code == 200, f"ack with an empty body answered {response.status_code}", "AXP-API-024")
    if "intents.cancel" in ctx.target.capabilities:
        canceled = ctx.create()
        response = ctx.http().post(f"/v1/intents/{canceled}/cancel")
        ctx.expect(response.status_code == 200, f"cancel without a body answered {response.status_code}", "AXP-API-024")
        ctx.expect(ctx.intent(canceled)["status"] == "CANCELED", "cancel without a body did not cancel", "AXP-API-024")
