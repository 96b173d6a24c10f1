"""Human tasks (optional capability)."""

from __future__ import annotations

from conformance.context import Context
from conformance.registry import check

TASK = {
    "title": "Approve refund",
    "allowed_outcomes": ["approved", "rejected"],
    "required_comment": True,
    "evidence_required": True,
    "form_schema": {"type": "object", "required": ["amount"], "properties": {"amount": {"type": "number"}}},
}


@check(
    "human_tasks", ["AXP-HT-001", "AXP-HT-002", "AXP-HT-003", "AXP-HT-004", "AXP-HT-005", "AXP-HT-006"], capability="human_tasks"
)
def human_task_waits_and_validates_answers(ctx: Context) -> None:
    """A human task waits WAITING_FOR_HUMAN; bad answers are 422; a good one completes the intent."""
    intent_id = ctx.create(human_task=TASK)
    intent = ctx.intent(intent_id)
    ctx.expect(
        intent["status"] == "WAITING" and intent.get("waiting_reason") == "WAITING_FOR_HUMAN",
        f"human task intent is {intent['status']}/{intent.get('waiting_reason')}",
        "AXP-HT-001",
    )
    resume = f"/v1/intents/{intent_id}/resume"
    agent = ctx.http("agent")
    good = {"outcome": "approved", "comment": "ok", "data": {"amount": 10, "evidence": ["receipt.pdf"]}}
    cases = [
        ("AXP-HT-002", {**good, "outcome": "maybe"}),
        ("AXP-HT-003", {**good, "comment": ""}),
        ("AXP-HT-004", {**good, "data": {"amount": 10}}),
        ("AXP-HT-005", {**good, "data": {"evidence": ["x"]}}),
    ]
    for requirement, answer in cases:
        ctx.expect_error(agent.post(resume, json={"task_result": answer}), 422, "task_result_invalid", requirement)
    ok = agent.post(resume, json={"task_result": good})
    ctx.expect(ok.status_code == 200, f"a valid answer was refused ({ok.status_code})", "AXP-HT-006")
    events = ctx.events(intent_id)
    ctx.expect(events[-1]["status"] == "COMPLETED", "a valid answer must complete the intent", "AXP-HT-006")
    ctx.expect("intent.human_task_assigned" in [e["event_type"] for e in events], "no intent.human_task_assigned", "AXP-HT-001")


@check("human_tasks", ["AXP-HT-008"], capability="human_tasks")
def human_wait_ends_only_with_a_task_result(ctx: Context) -> None:
    """While a human task waits, resume without a task_result is 409 invalid_transition and changes
    nothing; a valid task_result still completes it."""
    intent_id = ctx.create(human_task={"title": "Approve the refund"})
    resume = f"/v1/intents/{intent_id}/resume"
    agent = ctx.http("agent")
    before = ctx.events(intent_id)
    for body in ({}, {"approve_current_step": True}, {"action": "start"}, {"action": "complete", "result": {"ok": True}}):
        ctx.expect_error(agent.post(resume, json=body), 409, "invalid_transition", "AXP-HT-008")
    ctx.expect(ctx.events(intent_id) == before, "a refused resume changed the human task", "AXP-HT-008")
    done = agent.post(resume, json={"task_result": {"outcome": "approved"}})
    ctx.expect(done.status_code == 200, f"the task_result answered {done.status_code}", "AXP-HT-006")
