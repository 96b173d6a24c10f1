"""Human tasks, each rule from both sides: the default outcomes, a comment that is not required,
evidence present but empty, the failing pointers named, the answer kept exactly, and a task result
sent to an intent that waits for something else."""

from __future__ import annotations

from typing import Any

from conformance.context import Context
from conformance.registry import check


def _task(ctx: Context, **task: Any) -> str:
    intent_id = ctx.create(human_task={"title": "Decide", **task})
    ctx.wait_events(intent_id, lambda evs: evs[-1]["status"] == "WAITING", 5)
    return intent_id


def _answer(ctx: Context, intent_id: str, result: dict[str, Any]) -> Any:
    return ctx.http("agent").post(f"/v1/intents/{intent_id}/resume", json={"task_result": result})


@check(
    "human_tasks",
    ["AXP-HT-002", "AXP-HT-003", "AXP-HT-004", "AXP-HT-005", "AXP-HT-006", "AXP-HT-007"],
    capability="human_tasks",
    needs=["intents.resume"],
)
def human_task_rules_hold_both_ways(ctx: Context) -> None:
    """Without allowed_outcomes, approved and rejected are taken and others refused; a comment that is
    not required may be empty; required evidence must not be an empty list; a form failure names its
    pointer; the accepted answer is kept exactly; a task result to an intent WAITING_FOR_TOOL is 409."""
    for outcome in ("approved", "rejected"):
        intent_id = _task(ctx)
        ok = _answer(ctx, intent_id, {"outcome": outcome, "comment": "checked"})
        ctx.expect(ok.status_code == 200, f"the default outcome {outcome!r} was refused ({ok.status_code})", "AXP-HT-002")
    intent_id = _task(ctx)
    ctx.expect_error(
        _answer(ctx, intent_id, {"outcome": "escalate", "comment": "checked"}), 422, "task_result_invalid", "AXP-HT-002"
    )
    answer = {"outcome": "approved", "comment": "", "data": {"note": "naïve ✓", "n": 1.5}}
    intent_id = _task(ctx, required_comment=False)
    ok = _answer(ctx, intent_id, answer)
    ctx.expect(ok.status_code == 200, f"an empty comment that is not required was refused ({ok.status_code})", "AXP-HT-003")
    events = ctx.events(intent_id)
    kept = ((events[-1].get("details") or {}).get("result") or {}).get("task_result")
    ctx.expect(
        events[-1]["status"] == "COMPLETED" and kept == answer, f"the COMPLETED event keeps {kept}, not {answer}", "AXP-HT-006"
    )
    stored = (ctx.intent(intent_id).get("result") or {}).get("task_result")
    ctx.expect(stored == answer, f"the intent's result.task_result is {stored}, not {answer}", "AXP-HT-006")
    intent_id = _task(ctx, evidence_required=True)
    refused = _answer(ctx, intent_id, {"outcome": "approved", "comment": "checked", "data": {"evidence": []}})
    ctx.expect_error(refused, 422, "task_result_invalid", "AXP-HT-004")
    form = {"type": "object", "required": ["amount"], "properties": {"amount": {"type": "number", "minimum": 0}}}
    intent_id = _task(ctx, form_schema=form)
    refused = _answer(ctx, intent_id, {"outcome": "approved", "comment": "checked", "data": {"amount": -5}})
    body = ctx.expect_error(refused, 422, "task_result_invalid", "AXP-HT-005")
    pointers = [str(e.get("pointer", "")) for e in (body["error"].get("details") or {}).get("errors", []) if isinstance(e, dict)]
    ctx.expect(any(p.endswith("/amount") for p in pointers), f"the form failure names {pointers}, not /amount", "AXP-HT-005")
    tool = ctx.create()
    agent = ctx.http("agent")
    agent.post(f"/v1/intents/{tool}/resume", json={"action": "start"})
    waiting = agent.post(f"/v1/intents/{tool}/resume", json={"action": "wait", "waiting_reason": "WAITING_FOR_TOOL"})
    ctx.expect(waiting.status_code == 200, f"resume wait answered {waiting.status_code}", "AXP-API-015")
    before = ctx.events(tool)
    ctx.expect_error(_answer(ctx, tool, {"outcome": "approved", "comment": "checked"}), 409, "invalid_transition", "AXP-HT-007")
    ctx.expect(ctx.events(tool) == before, "a refused task result changed the intent", "AXP-HT-007")
