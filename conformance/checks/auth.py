"""Authentication and authorization."""

from __future__ import annotations

import uuid

import httpx

from conformance import surface
from conformance.context import Context
from conformance.registry import check


@check("auth", ["AXP-AUTH-001"])
def every_operation_needs_a_credential(ctx: Context) -> None:
    """Every claimed operation but /health and /v1/capabilities answers 401 missing_api_key without a
    credential and 401 auth_failed with an unknown one (x-api-key or Bearer), before it reads the
    body (a broken body must not turn the 401 into a 400)."""
    intent_id = ctx.create()
    callers = (
        ("missing_api_key", ctx.http("anon")),
        ("auth_failed", ctx.client({"x-api-key": "conformance-unknown-key"})),
        ("auth_failed", ctx.client({"Authorization": "Bearer conformance-unknown-key"})),
    )
    for op in surface.claimed(ctx.target.capabilities):
        if op.capability is None:
            continue
        path = surface.fill(op.path, intent_id, ctx.target.agent_address)
        has_body = op.method in ("POST", "PUT")
        for code, caller in callers:
            response = caller.request(
                op.method,
                path,
                content=b"{not json" if has_body else None,
                headers={"Content-Type": "application/json"} if has_body else None,
                params={"wait_seconds": 1} if op.operation_id in surface.STREAMS else None,
            )
            ctx.expect_error(response, 401, code, "AXP-AUTH-001")


@check("auth", ["AXP-AUTH-009"])
def credentials_are_never_echoed(ctx: Context) -> None:
    """A refused credential does not come back in the answer (message, details or headers), whichever
    way it was sent; every other answer of the run is checked for the run's own keys."""
    secret = f"conformance-credential-{uuid.uuid4().hex}"
    attempts = (
        {"x-api-key": secret},
        {"Authorization": f"Bearer {secret}"},
        {"Authorization": f"Basic {secret}"},
        {"Authorization": secret},
    )
    for headers in attempts:
        for method, path in (("GET", f"/v1/intents/{uuid.uuid4()}"), ("POST", "/v1/intents")):
            response = ctx.client(headers).request(method, path, json=ctx.create_body() if method == "POST" else None)
            ctx.expect(response.status_code == 401, f"{headers} answered HTTP {response.status_code}, not 401", "AXP-AUTH-001")
            echoed = secret in response.text or any(secret in v for v in response.headers.values())
            ctx.expect(not echoed, f"the answer to a refused credential ({next(iter(headers))}) echoes it", "AXP-AUTH-009")


@check("auth", ["AXP-AUTH-002"])
def bearer_credential_is_accepted(ctx: Context) -> None:
    """The API key works as Authorization: Bearer too."""
    with httpx.Client(base_url=ctx.target.base_url, trust_env=False, timeout=ctx.target.timeout) as c:
        response = c.post("/v1/intents", json=ctx.create_body(), headers={"Authorization": f"Bearer {ctx.target.client_key}"})
    ctx.expect(response.status_code == 200, f"Bearer create answered {response.status_code}", "AXP-AUTH-002")


@check("auth", ["AXP-AUTH-003"], capability="intents.resume")
def only_addressed_agent_may_resume(ctx: Context) -> None:
    """Another agent (or the sender) resuming or acking an intent gets 403 or 404, never success."""
    intent_id = ctx.create(to_agent=ctx.target.agent2_address)
    response = ctx.http("client").post(f"/v1/intents/{intent_id}/resume", json={"action": "start"})
    ctx.expect_error(response, 403, "policy_denied", "AXP-AUTH-003")
    other = ctx.create()
    stranger = ctx.http("agent2").post(f"/v1/intents/{other}/resume", json={"action": "start"})
    ctx.expect(stranger.status_code in (403, 404), f"another agent's resume answered {stranger.status_code}", "AXP-AUTH-003")
    ctx.expect(
        "IN_PROGRESS" not in [e["status"] for e in ctx.events(other)], "a refused resume changed the intent", "AXP-AUTH-003"
    )


@check("auth", ["AXP-AUTH-004"], capability="intents.cancel")
def only_sender_may_cancel(ctx: Context) -> None:
    """The addressed agent cannot cancel; the sender can."""
    intent_id = ctx.create()
    ctx.expect_error(
        ctx.http("agent").post(f"/v1/intents/{intent_id}/cancel", json={"reason": "not mine"}),
        403,
        "policy_denied",
        "AXP-AUTH-004",
    )
    ok = ctx.http("client").post(f"/v1/intents/{intent_id}/cancel", json={"reason": "changed my mind"})
    ctx.expect(ok.status_code == 200, f"sender cancel answered {ok.status_code}", "AXP-API-016")
    ctx.expect(ctx.events(intent_id)[-1]["status"] == "CANCELED", "cancel did not cancel", "AXP-API-016")


@check("auth", ["AXP-AUTH-005", "AXP-DLV-001"], capability="agents.poll", tags=["serial"])
def agent_deliveries_are_private(ctx: Context) -> None:
    """An agent's deliveries contain only its intents, and another agent cannot read them."""
    mine = ctx.create()
    theirs = ctx.create(to_agent=ctx.target.agent2_address)
    path = "/v1/agents/" + ctx.target.agent_address.removeprefix("agent://") + "/intents"
    ctx.expect_error(ctx.http("agent2").get(path), 403, "policy_denied", "AXP-AUTH-005")
    seen: set[str] = set()
    cursor = 0
    for _ in range(100):
        page = ctx.json_of(ctx.http("agent").get(path, params={"since": cursor, "limit": 200}))
        ctx.schema("agent_poll_response", page, "AXP-DLV-008")
        seen |= {d["intent_id"] for d in page["deliveries"]}
        for d in page["deliveries"]:
            ctx.expect(d["intent"]["to_agent"] == ctx.target.agent_address, "delivered another agent's intent", "AXP-AUTH-005")
        if not page["deliveries"] or page["next_cursor"] == cursor:
            break
        cursor = page["next_cursor"]
    ctx.expect(mine in seen, "the agent's own intent was not delivered", "AXP-DLV-001")
    ctx.expect(theirs not in seen, "another agent's intent leaked", "AXP-AUTH-005")


@check("auth", ["AXP-AUTH-008"], capability="delivery.push")
def push_registration_is_owner_only(ctx: Context) -> None:
    """Neither a client nor another agent may register the agent's push endpoint, nor a client one
    for its own address (403, nothing stored)."""
    path = "/v1/agents/" + ctx.target.agent_address.removeprefix("agent://") + "/push"
    # A URL nobody listens on: if a broken server stores it, pushes fail rather than reach anyone.
    body = {"url": "http://127.0.0.1:9/not-the-agent", "secret": "conformance-not-the-owner-0001"}
    for who in ("client", "agent2"):
        ctx.expect_error(ctx.http(who).put(path, json=body), 403, None, "AXP-AUTH-008")
    client_address = ctx.intent(ctx.create())["from_agent"]
    own = "/v1/agents/" + client_address.removeprefix("agent://") + "/push"
    ctx.expect_error(ctx.http("client").put(own, json=body), 403, "policy_denied", "AXP-AUTH-008")


@check("auth", ["AXP-AUTH-010"], capability="intents.controls")
def only_sender_may_change_controls(ctx: Context) -> None:
    """The addressed agent changing an intent's controls gets 403 policy_denied, and nothing changes."""
    intent_id = ctx.create()
    path = f"/v1/intents/{intent_id}/controls"
    refused = ctx.http("agent").post(path, json={"controls_patch": {"max_reminders": 2}})
    ctx.expect_error(refused, 403, "policy_denied", "AXP-AUTH-010")
    ctx.expect(
        ctx.intent(intent_id).get("policy_generation", 0) == 0, "a refused controls patch changed the intent", "AXP-AUTH-010"
    )
    ok = ctx.http("client").post(path, json={"controls_patch": {"max_reminders": 2}})
    ctx.expect(ok.status_code == 200, f"the sender's controls patch answered {ok.status_code}", "AXP-API-017")
