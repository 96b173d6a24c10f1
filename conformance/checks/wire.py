"""Identifiers, timestamps, visibility, listing and idempotency scope as seen on the wire."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

from conformance.context import Context
from conformance.registry import NotApplicable, check

UTC_Z = re.compile(r"Z$")


@check("identifiers", ["AXP-ID-001", "AXP-ID-002", "AXP-ID-003", "AXP-ID-004", "AXP-GEN-001"])
def identifier_grammar_is_enforced(ctx: Context) -> None:
    """Two-segment addresses, unversioned intent types, hyphenless UUIDs, client intent_ids and non-UTF-8 are refused."""
    http = ctx.http()
    cases = [
        ("AXP-ID-001", {"to_agent": "agent://conformance/receiver/extra/segment"}),
        ("AXP-ID-002", {"intent_type": "order.fulfill"}),
        ("AXP-ID-003", {"correlation_id": uuid.uuid4().hex}),
        ("AXP-ID-004", {"intent_id": str(uuid.uuid4())}),
    ]
    if "compat.axme" not in ctx.target.capabilities:  # the axme profile reads two segments (AXP-CMP-004)
        cases.append(("AXP-ID-001", {"to_agent": "agent://conformance/receiver"}))
    for requirement, change in cases:
        response = http.post("/v1/intents", json=ctx.create_body(**change))
        ctx.expect(response.status_code in (400, 422), f"{change} was accepted ({response.status_code})", requirement)
        ctx.expect_error(response, response.status_code, None, requirement)
    raw = b'{"intent_type": "order.fulfill.v1", "payload": {"note": "caf\xe9"}}'
    ctx.expect_error(
        http.post("/v1/intents", content=raw, headers={"Content-Type": "application/json"}), 400, "invalid_json", "AXP-GEN-001"
    )


@check("lifecycle", ["AXP-LC-011", "AXP-EV-010"], tags=["serial"])
def resolve_straight_from_submitted(ctx: Context) -> None:
    """The owner may complete a SUBMITTED intent directly; the terminal event carries the result.

    Serial, so that no reader of the shared agent hands the intent over first: the resolve would
    then be tried from DELIVERED, and a server refusing it from SUBMITTED would pass."""
    intent_id = ctx.create()
    response = ctx.http().post(f"/v1/intents/{intent_id}/resolve", json={"status": "COMPLETED", "result": {"n": 7}})
    ctx.expect(response.status_code == 200, f"resolve from SUBMITTED answered {response.status_code}", "AXP-LC-011")
    last = ctx.events(intent_id)[-1]
    ctx.expect(last["status"] == "COMPLETED", "no COMPLETED event", "AXP-LC-011")
    ctx.expect((last.get("details") or {}).get("result") == {"n": 7}, "the terminal event lacks details.result", "AXP-EV-010")


@check("events", ["AXP-LC-001", "AXP-GEN-002", "AXP-GEN-003", "AXP-EV-009"], capability="intents.resume")
def statuses_timestamps_and_actors(ctx: Context) -> None:
    """Every event uses a lifecycle status, a UTC RFC 3339 timestamp, and names its actor."""
    intent_id = ctx.create()
    ctx.http("agent").post(f"/v1/intents/{intent_id}/resume", json={"action": "start"})
    events = ctx.events(intent_id)  # schema-checked: statuses (AXP-LC-001) and date-time format (AXP-GEN-002)
    for event in events:
        ctx.expect(bool(UTC_Z.search(event["at"])), f"timestamp {event['at']} is not UTC with Z", "AXP-GEN-003")
    ctx.expect(events[-1].get("actor") == ctx.target.agent_address, "the agent's event does not name it as actor", "AXP-EV-009")
    ctx.expect(bool(UTC_Z.search(ctx.intent(intent_id)["created_at"])), "created_at is not UTC with Z", "AXP-GEN-003")


@check("auth", ["AXP-AUTH-007"])
def strangers_cannot_see_or_resolve_intents(ctx: Context) -> None:
    """An unrelated principal gets 404 for another pair's intent: reading, its events and resolve."""
    intent_id = ctx.create()
    stranger = ctx.http("agent2")
    ctx.expect_error(stranger.get(f"/v1/intents/{intent_id}"), 404, "intent_not_found", "AXP-AUTH-007")
    ctx.expect_error(stranger.get(f"/v1/intents/{intent_id}/events"), 404, "intent_not_found", "AXP-AUTH-007")
    ctx.expect_error(
        stranger.post(f"/v1/intents/{intent_id}/resolve", json={"status": "CANCELED", "reason": "x"}),
        404,
        "intent_not_found",
        "AXP-AUTH-007",
    )


@check("idempotency", ["AXP-IDEM-005", "AXP-IDEM-007"])
def idempotency_key_scope_and_format(ctx: Context) -> None:
    """One key used by two principals makes two intents; a malformed key is 400 invalid_parameter."""
    key = f"conf-scope-{uuid.uuid4()}"
    body = ctx.create_body()
    mine = ctx.json_of(ctx.http("client").post("/v1/intents", json=body, headers={"Idempotency-Key": key}))
    theirs = ctx.json_of(ctx.http("agent").post("/v1/intents", json=body, headers={"Idempotency-Key": key}))
    ctx.expect(mine.get("intent_id") != theirs.get("intent_id"), "keys leaked across principals", "AXP-IDEM-005")
    bad = ctx.http().post("/v1/intents", json=ctx.create_body(), headers={"Idempotency-Key": "has space"})
    ctx.expect_error(bad, 400, "invalid_parameter", "AXP-IDEM-007")


@check("core", ["AXP-API-008", "AXP-COR-003"], capability="intents.list")
def list_filters_and_cursor_pages(ctx: Context) -> None:
    """Listing by correlation_id pages through every intent of a workflow exactly once."""
    correlation = str(uuid.uuid4())
    created = {ctx.create(correlation_id=correlation) for _ in range(5)}
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(10):
        params: dict[str, str | int] = {"correlation_id": correlation, "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = ctx.json_of(ctx.http().get("/v1/intents", params=params))
        ctx.schema("list_intents_response", page, "AXP-API-008")
        ctx.expect(len(page["intents"]) <= 2, f"limit 2 answered {len(page['intents'])} intents", "AXP-API-008")
        seen += [i["intent_id"] for i in page["intents"]]
        if not page["has_more"]:
            break
        cursor = page["next_cursor"]
    ctx.expect(sorted(seen) == sorted(created), f"pages returned {len(seen)} of 5 intents", "AXP-COR-003")


@check("human_tasks", ["AXP-HT-007"], capability="human_tasks")
def task_result_needs_a_waiting_human_task(ctx: Context) -> None:
    """A task_result for an intent that is not WAITING_FOR_HUMAN is 409 invalid_transition."""
    intent_id = ctx.create()
    response = ctx.http("agent").post(f"/v1/intents/{intent_id}/resume", json={"task_result": {"outcome": "approved"}})
    ctx.expect_error(response, 409, "invalid_transition", "AXP-HT-007")


@check("events", ["AXP-EV-011", "AXP-EV-009"])
def platform_events_name_the_platform(ctx: Context) -> None:
    """The WAITING of a human task, its intent.human_task_assigned and a deadline's intent.timed_out carry
    actor "platform" (each when its capability is claimed)."""
    claimed = set(ctx.target.capabilities)
    if not claimed & {"human_tasks", "deadlines"}:
        raise NotApplicable("needs human_tasks or deadlines")
    own: list[dict[str, object]] = []
    if "human_tasks" in claimed:
        events = ctx.events(ctx.create(human_task={"title": "Approve the order"}))
        own += [e for e in events if e["event_type"] in ("intent.waiting", "intent.human_task_assigned")]
    if "deadlines" in claimed:
        deadline = (datetime.now(UTC) + timedelta(seconds=1)).isoformat().replace("+00:00", "Z")
        events = ctx.wait_status(ctx.create(deadline_at=deadline), "TIMED_OUT", 10, "AXP-LC-006")
        own += [e for e in events if e["event_type"] == "intent.timed_out"]
    ctx.expect(bool(own), "no event the platform causes on its own was found", "AXP-EV-011")
    wrong = [(e["event_type"], e.get("actor")) for e in own if e.get("actor") != "platform"]
    ctx.expect(not wrong, f'platform events must carry actor "platform": {wrong}', "AXP-EV-011")
