"""The axme compatibility profile (capability compat.axme, spec/16-compat-axme.md).

Each check sends the upstream shape a rule reads and judges the canonical outcome: what the
intent stores and its event log show, and the answer. Refusals are judged as errors of the spec's
model that name the rule that refused them (AXP-CMP-003).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from axp.server.compat import CAPABILITY, SUPPORTED_INTENT_TYPES, UNSPECIFIED, WORKSPACE
from conformance.context import Context
from conformance.registry import NotApplicable, check


def _needs(ctx: Context, *capabilities: str) -> None:
    missing = [c for c in capabilities if c not in ctx.target.capabilities]
    if missing:
        raise NotApplicable(f"the server does not claim {', '.join(missing)}")


def _short(address: str) -> tuple[str, str, str]:
    """The two-segment form of a canonical address, and its org and name."""
    org, _, name = address.removeprefix("agent://").split("/")
    return f"agent://{org}/{name}", org, name


def _create(ctx: Context, requirement: str, **extra: Any) -> str:
    """Create an intent from an upstream-shaped body (which ``ctx.create`` would call our own bug)."""
    response = ctx.http().post("/v1/intents", json=ctx.create_body(**extra))
    body = ctx.json_of(response)
    ctx.expect(response.status_code == 200, f"create answered {response.status_code}: {response.text[:200]}", requirement)
    return str(body["intent_id"])


def _resume(ctx: Context, intent_id: str, body: dict[str, Any], who: str = "agent") -> Any:
    return ctx.http(who).post(f"/v1/intents/{intent_id}/resume", json=body)


def _refused(ctx: Context, response: Any, rule: str) -> None:
    """A 422 schema_invalid whose details name the refusing rule and a pointer (AXP-CMP-003)."""
    body = ctx.expect_error(response, 422, "schema_invalid", rule)
    found = (body["error"].get("details") or {}).get("errors") or [{}]
    ctx.expect(
        any(p.get("requirement") == rule and "pointer" in p for p in found),
        f"the refusal should name {rule} and the offending pointer, got {found}",
        "AXP-CMP-003",
    )


def _ended(ctx: Context, intent_id: str, status: str, requirement: str) -> dict[str, Any]:
    """The intent after a mapped write: its last event and status are ``status``, its log legal."""
    events = ctx.events(intent_id)
    ctx.expect(events[-1]["status"] == status, f"the intent ended {events[-1]['status']}, not {status}", requirement)
    intent = ctx.intent(intent_id)
    ctx.expect(intent["status"] == status, f"the intent is {intent['status']}, not {status}", requirement)
    return intent


@check("compat", ["AXP-CMP-001"])
def compat_profile_is_claimed_exactly_when_applied(ctx: Context) -> None:
    """Upstream shapes are read only by a platform that lists compat.axme; others refuse them."""
    two_segment, _, _ = _short(ctx.target.agent_address)
    response = ctx.http().post("/v1/intents", json=ctx.create_body(to_agent=two_segment))
    if CAPABILITY in ctx.target.capabilities:
        ctx.expect(response.status_code == 200, f"a two-segment to_agent answered {response.status_code}", "AXP-CMP-001")
        return
    ctx.expect_error(response, 422, "schema_invalid", "AXP-CMP-001")
    if "intents.resume" in ctx.target.capabilities:
        intent_id = ctx.create()
        ctx.expect_error(_resume(ctx, intent_id, {"action": "complete", "shipped": True}), 422, "schema_invalid", "AXP-CMP-001")
        ctx.expect(ctx.events(intent_id)[-1]["status"] != "COMPLETED", "an unclaimed profile completed an intent", "AXP-CMP-001")


@check("compat", ["AXP-CMP-004", "AXP-CMP-005", "AXP-ID-001"], capability=CAPABILITY, tags=["serial"])
def compat_two_segment_addresses(ctx: Context) -> None:
    """agent://org/name is agent://org/default/name, in bodies and on the SDK's agent stream path.

    Serial: when the agent lives in the default workspace it reads the agent's own stream, which
    hands over every pending intent of that agent, other checks' too."""
    two_segment, org, name = _short(ctx.target.agent_address)
    canonical = f"agent://{org}/{WORKSPACE}/{name}"
    intent_id = _create(ctx, "AXP-CMP-004", to_agent=two_segment)
    stored = ctx.intent(intent_id)
    ctx.expect(stored["to_agent"] == canonical, f"{two_segment} was stored as {stored['to_agent']}", "AXP-CMP-004")
    for bad in (f"agent://qa/{name}", f"agent://{org}/{name}/x/y", "agent://conformance"):
        response = ctx.http().post("/v1/intents", json=ctx.create_body(to_agent=bad))
        ctx.expect_error(response, 422, None, "AXP-CMP-004")
    path = f"/v1/agents/{org}/{name}/intents/stream"
    if "agents.stream" not in ctx.target.capabilities:
        ctx.expect_error(ctx.http("agent").get(path), 404, "not_found", "AXP-CMP-005")
        return
    if canonical == ctx.target.agent_address:  # the agent's own stream, under its two-segment name
        _, frames, _ = ctx.sse(path, who="agent", params={"wait_seconds": 2})
        ids = [f.get("data", "") for f in frames if f.get("event") == "intent.delivered"]
        ctx.expect(any(intent_id in d for d in ids), "the intent was not on the two-segment agent stream", "AXP-CMP-005")
        return
    # Another agent's stream: served, and refused as the canonical stream refuses a stranger.
    ctx.expect_error(ctx.http("agent").get(path, params={"wait_seconds": 1}), 403, "policy_denied", "AXP-CMP-005")


@check("compat", ["AXP-CMP-006", "AXP-CMP-004"], capability=CAPABILITY)
def compat_reply_to(ctx: Context) -> None:
    """An initiator:// reply_to is dropped; a two-segment one is mapped; other schemes are refused."""
    dropped = ctx.intent(_create(ctx, "AXP-CMP-006", reply_to="initiator://fire-and-forget"))
    ctx.expect(dropped.get("reply_to") is None, f"initiator:// reply_to was stored as {dropped.get('reply_to')}", "AXP-CMP-006")
    two_segment, org, name = _short(ctx.target.agent2_address)
    mapped = ctx.intent(_create(ctx, "AXP-CMP-004", reply_to=two_segment))
    wanted = f"agent://{org}/{WORKSPACE}/{name}"
    ctx.expect(mapped.get("reply_to") == wanted, f"{two_segment} was stored as {mapped.get('reply_to')}", "AXP-CMP-004")
    response = ctx.http().post("/v1/intents", json=ctx.create_body(reply_to="mailto:ops@example.com"))
    ctx.expect_error(response, 422, None, "AXP-CMP-006")


@check("compat", ["AXP-CMP-007", "AXP-CMP-002", "AXP-CMP-003"], capability=CAPABILITY)
def compat_flattened_complete(ctx: Context) -> None:
    """action complete with the result's members beside it completes with exactly those members."""
    _needs(ctx, "intents.resume")
    intent_id = ctx.create()
    body = {"action": "complete", "passed": True, "reason": "checks passed", "checked_fields": ["risk"]}
    response = _resume(ctx, intent_id, body)
    answer = ctx.json_of(response)
    ctx.expect(response.status_code == 200, f"resume answered {response.status_code}", "AXP-CMP-007")
    ctx.schema("intent_update_response", answer, "AXP-CMP-002")
    result = {"passed": True, "reason": "checks passed", "checked_fields": ["risk"]}
    intent = _ended(ctx, intent_id, "COMPLETED", "AXP-CMP-007")
    ctx.expect(intent.get("result") == result, f"result stored as {intent.get('result')}", "AXP-CMP-007")
    ctx.expect(answer["event"]["details"].get("result") == result, "the completed event must carry the result", "AXP-CMP-002")
    # A canonical body keeps its meaning: the note stays a note, outside the result.
    canonical = ctx.create()
    _resume(ctx, canonical, {"action": "complete", "result": {"n": 1}, "reason": "a note"})
    kept = _ended(ctx, canonical, "COMPLETED", "AXP-CMP-002")
    ctx.expect(kept.get("result") == {"n": 1}, f"a canonical result became {kept.get('result')}", "AXP-CMP-002")
    ambiguous = ctx.create()
    _refused(ctx, _resume(ctx, ambiguous, {"action": "complete", "result": {}, "shipment_id": "shp_1"}), "AXP-CMP-007")
    _refused(ctx, _resume(ctx, ambiguous, {"action": "complete", "error": {"code": "x_y"}}), "AXP-CMP-007")
    ctx.expect(ctx.events(ambiguous)[-1]["status"] != "COMPLETED", "a refused body completed the intent", "AXP-CMP-003")


@check("compat", ["AXP-CMP-008", "AXP-CMP-009"], capability=CAPABILITY)
def compat_flattened_fail(ctx: Context) -> None:
    """action fail with the error's members beside it fails with them; code and message get defaults."""
    _needs(ctx, "intents.resume")
    coded = ctx.create()
    _resume(ctx, coded, {"action": "fail", "code": "out_of_stock", "message": "none left", "sku": "A1"})
    intent = _ended(ctx, coded, "FAILED", "AXP-CMP-008")
    wanted: dict[str, Any] = {"code": "out_of_stock", "message": "none left", "sku": "A1"}
    ctx.expect(intent.get("error") == wanted, f"error stored as {intent.get('error')}", "AXP-CMP-008")
    bare = ctx.create()
    reason = "production changes need a person"
    _resume(ctx, bare, {"action": "fail", "passed": False, "reason": reason})
    intent = _ended(ctx, bare, "FAILED", "AXP-CMP-008")
    wanted = {"code": UNSPECIFIED, "message": reason, "passed": False, "reason": reason}
    ctx.expect(intent.get("error") == wanted, f"error stored as {intent.get('error')}", "AXP-CMP-009")
    nested = ctx.create()
    _resume(ctx, nested, {"action": "fail", "error": {"code": "carrier_down"}})
    intent = _ended(ctx, nested, "FAILED", "AXP-CMP-009")
    ctx.expect(
        intent.get("error") == {"code": "carrier_down", "message": "carrier_down"},
        f"error stored as {intent.get('error')}",
        "AXP-CMP-009",
    )


@check("compat", ["AXP-CMP-010", "AXP-CMP-003"], capability=CAPABILITY)
def compat_bare_result(ctx: Context) -> None:
    """A resume body of result members alone completes with it; mixed with canonical members it is refused."""
    _needs(ctx, "intents.resume")
    intent_id = ctx.create()
    response = _resume(ctx, intent_id, {"shipment_id": "shp_1", "carrier": "UPS"})
    ctx.expect(response.status_code == 200, f"a bare result answered {response.status_code}", "AXP-CMP-010")
    intent = _ended(ctx, intent_id, "COMPLETED", "AXP-CMP-010")
    ctx.expect(
        intent.get("result") == {"shipment_id": "shp_1", "carrier": "UPS"}, f"result {intent.get('result')}", "AXP-CMP-010"
    )
    mixed = ctx.create()
    _refused(ctx, _resume(ctx, mixed, {"reason": "done", "carrier": "UPS"}), "AXP-CMP-010")
    ctx.expect(ctx.events(mixed)[-1]["status"] != "COMPLETED", "an ambiguous body completed the intent", "AXP-CMP-010")


@check("compat", ["AXP-CMP-011", "AXP-CMP-003"], capability=CAPABILITY)
def compat_outcome_success(ctx: Context) -> None:
    """{outcome: success, result} completes with result; any other top-level outcome is refused."""
    _needs(ctx, "intents.resume")
    intent_id = ctx.create()
    _resume(ctx, intent_id, {"outcome": "success", "result": {"valid": True}})
    intent = _ended(ctx, intent_id, "COMPLETED", "AXP-CMP-011")
    ctx.expect(intent.get("result") == {"valid": True}, f"result stored as {intent.get('result')}", "AXP-CMP-011")
    other = ctx.create()
    _refused(ctx, _resume(ctx, other, {"outcome": "failure", "result": {}}), "AXP-CMP-011")
    _refused(ctx, _resume(ctx, other, {"outcome": "approved"}), "AXP-CMP-011")


@check("compat", ["AXP-CMP-012"], capability=CAPABILITY, tags=["serial"])
def compat_step_approval(ctx: Context) -> None:
    """approve_current_step with nothing waiting changes nothing (200, applied false); on a WAITING or
    terminal intent it is the canonical resume (the agent only; 409 once terminal).

    Serial: "changes nothing" compares the log of a SUBMITTED intent of the shared agent, which a
    reader of that agent would otherwise hand over meanwhile."""
    _needs(ctx, "intents.resume")
    intent_id = ctx.create()
    before = ctx.events(intent_id)
    for who in ("client", "agent"):
        response = _resume(ctx, intent_id, {"approve_current_step": True, "reason": "auto-approved"}, who)
        body = ctx.json_of(response)
        ctx.expect(response.status_code == 200, f"approval by the {who} answered {response.status_code}", "AXP-CMP-012")
        ctx.schema("intent_update_response", body, "AXP-CMP-012")
        ctx.expect(
            body["applied"] is False and body["event"] is None,
            "an approval with nothing waiting changed something",
            "AXP-CMP-012",
        )
    ctx.expect(ctx.events(intent_id) == before, "an approval with nothing waiting appended events", "AXP-CMP-012")
    _resume(ctx, intent_id, {"action": "wait", "waiting_reason": "WAITING_FOR_AGENT"})
    ctx.expect_error(_resume(ctx, intent_id, {"approve_current_step": True}, "client"), 403, "policy_denied", "AXP-CMP-012")
    continued = ctx.json_of(_resume(ctx, intent_id, {"approve_current_step": True}))
    ctx.expect(
        continued.get("applied") is True and continued["intent"]["status"] == "IN_PROGRESS",
        f"the agent's approval of a WAITING intent left it {continued.get('intent', {}).get('status')}",
        "AXP-CMP-012",
    )
    ctx.http().post(f"/v1/intents/{intent_id}/resolve", json={"status": "CANCELED", "reason": "done"})
    ctx.expect_error(_resume(ctx, intent_id, {"approve_current_step": True}), 409, "intent_terminal", "AXP-CMP-012")
    ctx.expect_error(_resume(ctx, intent_id, {"approve_current_step": True}, "client"), 403, "policy_denied", "AXP-CMP-012")


@check("compat", ["AXP-CMP-009", "AXP-CMP-002"], capability=CAPABILITY)
def compat_resolve_free_form_error(ctx: Context) -> None:
    """Resolve FAILED with an error that has no message stores the code as its message and keeps the rest;
    the Idempotency-Key compares it with its canonical twin."""
    intent_id = ctx.create()
    key = f"compat-{intent_id}"
    error = {"code": "max_attempts_exceeded", "attempts": 5}
    first = ctx.http().post(
        f"/v1/intents/{intent_id}/resolve", json={"status": "FAILED", "error": error}, headers={"Idempotency-Key": key}
    )
    ctx.expect(first.status_code == 200, f"resolve answered {first.status_code}", "AXP-CMP-009")
    intent = _ended(ctx, intent_id, "FAILED", "AXP-CMP-009")
    wanted = {**error, "message": "max_attempts_exceeded"}
    ctx.expect(intent.get("error") == wanted, f"error stored as {intent.get('error')}", "AXP-CMP-009")
    twin = ctx.http().post(
        f"/v1/intents/{intent_id}/resolve", json={"status": "FAILED", "error": wanted}, headers={"Idempotency-Key": key}
    )
    ctx.expect(twin.status_code == 200, f"the canonical twin under the same key answered {twin.status_code}", "AXP-CMP-002")
    ctx.expect(ctx.json_of(twin) == ctx.json_of(first), "the canonical twin must replay the first answer", "AXP-CMP-002")


@check("compat", ["AXP-CMP-013"], capability=CAPABILITY)
def compat_resolve_expected_policy_generation(ctx: Context) -> None:
    """Resolve with a stale expected_policy_generation is 409 and changes nothing; with the current one it applies."""
    intent_id = ctx.create()
    generation = int(ctx.intent(intent_id).get("policy_generation", 0))
    stale = {"status": "COMPLETED", "result": {"n": 1}, "expected_policy_generation": generation + 1}
    ctx.expect_error(
        ctx.http().post(f"/v1/intents/{intent_id}/resolve", json=stale), 409, "stale_policy_generation", "AXP-CMP-013"
    )
    ctx.expect(ctx.events(intent_id)[-1]["status"] != "COMPLETED", "a stale resolve completed the intent", "AXP-CMP-013")
    current = {**stale, "expected_policy_generation": generation}
    response = ctx.http().post(f"/v1/intents/{intent_id}/resolve", json=current)
    ctx.expect(response.status_code == 200, f"resolve at the current generation answered {response.status_code}", "AXP-CMP-013")
    _ended(ctx, intent_id, "COMPLETED", "AXP-CMP-013")


@check("compat", ["AXP-CMP-014"], capability=CAPABILITY)
def compat_controls_timeout_seconds(ctx: Context) -> None:
    """controls_patch timeout_seconds N sets deadline_at N seconds after the patch; with deadline_at it is refused."""
    _needs(ctx, "intents.controls")
    intent_id = ctx.create()
    sent = time.time()
    response = ctx.http().post(f"/v1/intents/{intent_id}/controls", json={"controls_patch": {"timeout_seconds": 3600}})
    body = ctx.json_of(response)
    ctx.expect(
        response.status_code == 200 and body.get("applied") is True, f"controls answered {response.status_code}", "AXP-CMP-014"
    )
    deadline = body["intent"].get("deadline_at")
    ctx.expect(isinstance(deadline, str), "timeout_seconds set no deadline_at", "AXP-CMP-014")
    at = datetime.fromisoformat(str(deadline).replace("Z", "+00:00")).astimezone(UTC).timestamp()
    ctx.expect(abs(at - (sent + 3600)) < 120, f"deadline_at {deadline} is not 3600 s after the patch", "AXP-CMP-014")
    both = {"controls_patch": {"timeout_seconds": 60, "deadline_at": "2099-01-01T00:00:00Z"}}
    _refused(ctx, ctx.http().post(f"/v1/intents/{intent_id}/controls", json=both), "AXP-CMP-014")


@check("compat", ["AXP-CMP-015"], capability=CAPABILITY)
def compat_controls_client_notes(ctx: Context) -> None:
    """A patch of retry notes alone changes nothing (200, applied false); the canonical checks still apply."""
    _needs(ctx, "intents.controls")
    intent_id = ctx.create()
    notes = {"controls_patch": {"last_retry_attempt": 1, "next_retry_delay_seconds": 2}, "reason": "attempt 1 failed"}
    before = ctx.intent(intent_id)
    response = ctx.http().post(f"/v1/intents/{intent_id}/controls", json=notes)
    body = ctx.json_of(response)
    ctx.expect(response.status_code == 200, f"a notes-only patch answered {response.status_code}", "AXP-CMP-015")
    ctx.schema("controls_response", body, "AXP-CMP-015")
    ctx.expect(
        body["applied"] is False and body["policy_generation"] == before.get("policy_generation", 0),
        "a notes-only patch must change nothing",
        "AXP-CMP-015",
    )
    stale = {**notes, "expected_policy_generation": int(before.get("policy_generation", 0)) + 1}
    ctx.expect_error(
        ctx.http().post(f"/v1/intents/{intent_id}/controls", json=stale), 409, "stale_policy_generation", "AXP-CMP-015"
    )
    ctx.expect_error(ctx.http("agent").post(f"/v1/intents/{intent_id}/controls", json=notes), 403, "policy_denied", "AXP-CMP-015")
    mixed = {"controls_patch": {"max_reminders": 5, "last_retry_attempt": 2}}
    changed = ctx.json_of(ctx.http().post(f"/v1/intents/{intent_id}/controls", json=mixed))
    ctx.expect(changed.get("applied") is True, "a patch with a real control beside notes must apply", "AXP-CMP-015")
    ctx.expect("last_retry_attempt" not in changed.get("intent", {}), "a client note was stored", "AXP-CMP-015")


@check("compat", ["AXP-CMP-016"], capability=CAPABILITY)
def compat_supported_intent_types(ctx: Context) -> None:
    """Under the profile supported_intent_types is the upstream-shaped pattern list."""
    body = ctx.json_of(ctx.http("anon").get("/v1/capabilities"))
    got = body.get("supported_intent_types")
    ctx.expect(got == list(SUPPORTED_INTENT_TYPES), f"supported_intent_types is {got}", "AXP-CMP-016")


@check("compat", ["AXP-CMP-017"], capability=CAPABILITY)
def compat_human_task_notify_email(ctx: Context) -> None:
    """A human_task with notify_email and no title waits for a person, who is listed in assignees."""
    _needs(ctx, "human_tasks")
    task = {"task_type": "approval", "notify_email": "approver@example.com", "allowed_outcomes": ["approved", "rejected"]}
    body = ctx.create_body(human_task=task)
    response = ctx.http().post("/v1/intents", json=body)
    created = ctx.json_of(response)
    ctx.expect(response.status_code == 200, f"create answered {response.status_code}", "AXP-CMP-017")
    ctx.expect(created.get("status") == "WAITING", f"a human task was created {created.get('status')}", "AXP-CMP-017")
    stored = ctx.intent(created["intent_id"]).get("human_task") or {}
    ctx.expect(stored.get("title") == body["intent_type"], f"title is {stored.get('title')}", "AXP-CMP-017")
    ctx.expect(stored.get("assignees") == ["approver@example.com"], f"assignees are {stored.get('assignees')}", "AXP-CMP-017")
    ctx.expect("notify_email" not in stored, "notify_email was stored", "AXP-CMP-017")
