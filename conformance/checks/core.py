"""Core HTTP behaviour every server must have."""

from __future__ import annotations

import uuid

from axp.capabilities import core_names, unclaimed_operations, vocabulary
from axp.vectors import iter_json_text_vectors
from conformance import surface
from conformance.context import Context
from conformance.registry import NotApplicable, check


@check("core", ["AXP-API-009"])
def health_answers_ok(ctx: Context) -> None:
    """GET /health answers 200 {ok: true}."""
    response = ctx.http("anon").get("/health")
    body = ctx.json_of(response)
    ctx.expect(response.status_code == 200 and body.get("ok") is True, "health must answer 200 {ok: true}")
    ctx.schema("health_response", body)


@check("core", ["AXP-CAP-001", "AXP-CAP-003", "AXP-CAP-004"])
def capabilities_document(ctx: Context) -> None:
    """GET /v1/capabilities needs no key, matches its schema and lists every core capability."""
    response = ctx.http("anon").get("/v1/capabilities")
    body = ctx.json_of(response)
    ctx.expect(response.status_code == 200, f"capabilities answered {response.status_code}")
    ctx.schema("capabilities_response", body)
    vocab = vocabulary()
    core = set(core_names())
    missing = core - set(body["capabilities"])
    ctx.expect(not missing, f"core capabilities missing: {sorted(missing)}")
    unknown = {c for c in body["capabilities"] if not c.startswith("x-")} - {c.name for c in vocab}
    ctx.expect(not unknown, f"capabilities not in the vocabulary: {sorted(unknown)}", "AXP-CAP-003")
    limits = body.get("limits") or {}
    ctx.expect(
        {"max_body_bytes", "max_wait_seconds"} <= set(limits),
        "limits should state max_body_bytes and max_wait_seconds",
        "AXP-CAP-004",
    )


@check(
    "core", ["AXP-API-001", "AXP-API-003", "AXP-EV-001", "AXP-EV-004", "AXP-EV-005", "AXP-COR-001", "AXP-ENV-005", "AXP-LC-009"]
)
def create_records_created_and_submitted(ctx: Context) -> None:
    """Create answers ids and has stored intent.created (1) and intent.submitted (2) before answering."""
    body = ctx.create_body(from_agent="agent://someone/else/entirely")
    response = ctx.http().post("/v1/intents", json=body)
    created = ctx.json_of(response)
    ctx.expect(response.status_code == 200, f"create answered {response.status_code}", "AXP-API-001")
    ctx.schema("create_intent_response", created, "AXP-API-001")
    ctx.expect(
        created.get("correlation_id", body["correlation_id"]) == body["correlation_id"], "correlation_id changed", "AXP-COR-001"
    )
    events = ctx.events(created["intent_id"])
    ctx.expect(len(events) >= 2, "create must store two events before answering", "AXP-API-003")
    ctx.expect(
        [e["event_type"] for e in events[:2]] == ["intent.created", "intent.submitted"],
        f"first events are {[e['event_type'] for e in events[:2]]}",
        "AXP-API-003",
    )
    intent = ctx.intent(created["intent_id"])
    ctx.expect(intent["correlation_id"] == body["correlation_id"], "correlation_id not kept", "AXP-COR-001")
    ctx.expect(intent["from_agent"] != body["from_agent"], "from_agent must come from the credential", "AXP-ENV-005")


@check("core", ["AXP-API-002", "AXP-LC-008"])
def get_intent_matches_last_event(ctx: Context) -> None:
    """GET intent reports status = lifecycle_status = the last event's status."""
    intent_id = ctx.create()
    intent = ctx.intent(intent_id)
    # Events may be appended after the read (a poll delivers it): compare with the event at its last_seq.
    last = next((e for e in ctx.events(intent_id) if e["seq"] == intent["last_seq"]), None)
    ctx.expect(last is not None, f"no event with the intent's last_seq {intent['last_seq']}", "AXP-LC-008")
    assert last is not None
    ctx.expect(intent["status"] == last["status"], f"status {intent['status']} but last event {last['status']}", "AXP-LC-008")
    ctx.expect(intent.get("lifecycle_status") == intent["status"], "lifecycle_status must equal status", "AXP-API-002")


@check("core", ["AXP-API-002", "AXP-ERR-001", "AXP-ERR-002"])
def unknown_intent_is_404(ctx: Context) -> None:
    """An unknown or malformed intent id answers 404 intent_not_found with the error model."""
    ctx.expect_error(ctx.http().get(f"/v1/intents/{uuid.uuid4()}"), 404, "intent_not_found", "AXP-API-002")
    ctx.expect_error(ctx.http().get("/v1/intents/not-a-uuid"), 404, "intent_not_found", "AXP-API-002")


@check("core", ["AXP-API-004", "AXP-EV-008", "AXP-EV-002"])
def events_since_is_exclusive(ctx: Context) -> None:
    """?since=N returns exactly the events after N, in seq order."""
    intent_id = ctx.create()
    after = [e["seq"] for e in ctx.events(intent_id, since=1)]
    # Read the whole log afterwards: others may append meanwhile, and the log only grows.
    log = [e["seq"] for e in ctx.events(intent_id) if 1 < e["seq"] <= (after[-1] if after else 1)]
    ctx.expect(bool(after) and after == log, f"since=1 returned seqs {after}, the log has {log}", "AXP-API-004")
    page = ctx.json_of(ctx.http().get(f"/v1/intents/{intent_id}/events", params={"since": 0, "limit": 1}))
    ctx.schema("list_events_response", page, "AXP-API-004")
    ctx.expect(
        [e["seq"] for e in page["events"]] == [1] and page["has_more"] is True and page["next_seq"] > 2,
        f"limit=1 answered seqs {[e['seq'] for e in page['events']]}, has_more {page['has_more']}, next_seq {page['next_seq']}",
        "AXP-API-004",
    )
    rest = ctx.json_of(ctx.http().get(f"/v1/intents/{intent_id}/events", params={"since": 1, "limit": 1000}))
    ctx.expect(rest["has_more"] is False, "the page that reaches the end must say has_more false", "AXP-API-004")
    ctx.expect_error(
        ctx.http().get(f"/v1/intents/{intent_id}/events", params={"since": -1}), 400, "invalid_parameter", "AXP-API-004"
    )


@check("core", ["AXP-API-006", "AXP-API-007", "AXP-LC-003"])
def second_terminal_resolve_is_409(ctx: Context) -> None:
    """A resolve after a terminal status answers 409 intent_terminal and appends nothing."""
    intent_id = ctx.create()
    first = ctx.http().post(f"/v1/intents/{intent_id}/resolve", json={"status": "COMPLETED", "result": {"n": 1}})
    body = ctx.json_of(first)
    ctx.expect(first.status_code == 200, f"resolve answered {first.status_code}", "AXP-API-007")
    ctx.schema("intent_update_response", body, "AXP-API-007")
    ctx.expect(body["event"]["event_type"] == "intent.completed", "resolve must append intent.completed", "AXP-API-007")
    before = len(ctx.events(intent_id))
    second = ctx.http().post(f"/v1/intents/{intent_id}/resolve", json={"status": "CANCELED", "reason": "again"})
    ctx.expect_error(second, 409, "intent_terminal", "AXP-API-006")
    ctx.expect(len(ctx.events(intent_id)) == before, "a refused write appended an event", "AXP-LC-003")


@check("core", ["AXP-API-007"])
def resolve_requires_outcome_fields(ctx: Context) -> None:
    """resolve COMPLETED without result (and TIMED_OUT at all) is refused with 422."""
    intent_id = ctx.create()
    ctx.expect_error(
        ctx.http().post(f"/v1/intents/{intent_id}/resolve", json={"status": "COMPLETED"}), 422, "schema_invalid", "AXP-API-007"
    )
    ctx.expect_error(
        ctx.http().post(f"/v1/intents/{intent_id}/resolve", json={"status": "TIMED_OUT", "reason": "x"}),
        422,
        "schema_invalid",
        "AXP-API-007",
    )


@check("core", ["AXP-API-005", "AXP-API-011", "AXP-ERR-001", "AXP-ERR-002", "AXP-ERR-005"])
def bad_bodies_get_4xx_error_model(ctx: Context) -> None:
    """Malformed JSON, schema-invalid bodies and wrong content types get 4xx with the error model."""
    http = ctx.http()
    ctx.expect_error(
        http.post("/v1/intents", content=b"{not json", headers={"Content-Type": "application/json"}),
        400,
        "invalid_json",
        "AXP-API-005",
    )
    invalid = ctx.expect_error(http.post("/v1/intents", json={"intent_type": "x"}), 422, "schema_invalid", "AXP-API-005")
    listed = (invalid["error"].get("details") or {}).get("errors") or []
    ctx.expect(
        any(isinstance(e, dict) and "pointer" in e for e in listed),
        "schema_invalid should list the failing pointers in details.errors",
        "AXP-ERR-005",
    )
    ctx.expect_error(http.post("/v1/intents", json=ctx.create_body(to_agent="agent://a/b/c/d")), 422, None, "AXP-API-005")
    ctx.expect_error(
        http.post("/v1/intents", content=b"x=1", headers={"Content-Type": "text/plain"}),
        415,
        "unsupported_media_type",
        "AXP-API-011",
    )


@check("core", ["AXP-API-019", "AXP-API-022"])
def only_interoperable_json_is_accepted(ctx: Context) -> None:
    """Every payload of vectors/json_text.json behaves as stated: NaN, Infinity, out-of-range numbers,
    lone surrogates, runaway nesting and duplicate member names get 400 invalid_json; the valid ones
    (32 levels deep, names repeated across sibling objects) are accepted."""
    http, headers = ctx.http(), {"Content-Type": "application/json"}
    for vector in iter_json_text_vectors():
        response = http.post("/v1/intents", content=vector.body(ctx.create_body()), headers=headers)
        requirement = vector.requirement or "AXP-API-019"
        if vector.valid:
            ctx.expect(
                response.status_code == 200, f"payload {vector.name} answered {response.status_code}, not 200", requirement
            )
        else:
            ctx.expect(
                response.status_code == 400,
                f"payload {vector.name} ({vector.description}) answered {response.status_code}, not 400",
                requirement,
            )
            ctx.expect_error(response, 400, "invalid_json", requirement)


@check("core", ["AXP-API-012"])
def unknown_routes_and_methods(ctx: Context) -> None:
    """Unknown paths answer 404 not_found, unsupported methods 405 with Allow, both with the error model."""
    ctx.expect_error(ctx.http().get("/v1/no-such-thing"), 404, "not_found", "AXP-API-012")
    response = ctx.http().delete("/v1/intents")
    ctx.expect_error(response, 405, "method_not_allowed", "AXP-API-012")
    allow = {m.strip().upper() for m in response.headers.get("allow", "").split(",") if m.strip()}
    listed = f"405 must carry Allow listing POST, got {sorted(allow)}"
    ctx.expect("POST" in allow and "DELETE" not in allow, listed, "AXP-API-012")


@check("core", ["AXP-API-020"])
def requests_are_judged_in_order(ctx: Context) -> None:
    """Routing before credentials, credentials before the request itself, the request before
    visibility and permission, permission before state."""
    anon, body, json_type = ctx.http("anon"), b"{not json", {"Content-Type": "application/json"}
    ctx.expect_error(anon.get("/v1/no-such-thing"), 404, "not_found", "AXP-API-020")
    ctx.expect_error(anon.delete("/v1/intents"), 405, "method_not_allowed", "AXP-API-020")
    ctx.expect_error(anon.post("/v1/intents", content=body, headers=json_type), 401, "missing_api_key", "AXP-API-020")
    plain = {"Content-Type": "text/plain"}
    ctx.expect_error(anon.post("/v1/intents", content=b"{}", headers=plain), 401, "missing_api_key", "AXP-API-020")
    intent_id = ctx.create()
    ctx.expect_error(anon.get(f"/v1/intents/{intent_id}/events", params={"since": -1}), 401, "missing_api_key", "AXP-API-020")
    stranger = ctx.http("agent2")
    ctx.expect_error(
        stranger.post(f"/v1/intents/{intent_id}/resolve", content=body, headers=json_type),
        400,
        "invalid_json",
        "AXP-API-020",
    )
    if "intents.cancel" not in ctx.target.capabilities:
        return  # permission before state needs an operation that only some principals may call
    ctx.http().post(f"/v1/intents/{intent_id}/cancel", json={"reason": "ended"})
    refused = ctx.http("agent").post(f"/v1/intents/{intent_id}/cancel", json={"reason": "not mine"})
    ctx.expect_error(refused, 403, "policy_denied", "AXP-API-020")


VISIBLE_ASCII = "".join(chr(c) for c in range(0x21, 0x7F))


@check("core", ["AXP-API-010"])
def request_id_and_trace_echo(ctx: Context) -> None:
    """Every answer (a success, an error, a refused credential, an unknown route, a stream) carries
    x-request-id and echoes X-Trace-Id unchanged, up to 128 visible ASCII characters; any other value is
    400 invalid_parameter (D6)."""
    intent_id = ctx.create()
    asks = (
        ("client", "GET", f"/v1/intents/{intent_id}", None),
        ("client", "GET", f"/v1/intents/{uuid.uuid4()}", None),
        ("client", "POST", "/v1/intents", {"intent_type": "x"}),
        ("anon", "GET", f"/v1/intents/{intent_id}/events", None),
        ("client", "GET", "/v1/no-such-thing", None),
        ("anon", "GET", "/health", None),
    )
    for trace in ("conformance-trace-1", (VISIBLE_ASCII * 2)[:128]):
        for who, method, path, body in asks:
            response = ctx.http(who).request(method, path, json=body, headers={"X-Trace-Id": trace})
            echoed = response.headers.get("x-trace-id")
            ctx.expect(
                echoed == trace, f"{method} {path} (HTTP {response.status_code}) echoed X-Trace-Id {echoed!r}", "AXP-API-010"
            )
        stream, _, _ = ctx.sse(
            f"/v1/intents/{intent_id}/events/stream", params={"wait_seconds": 1}, headers={"X-Trace-Id": trace}, limit=10
        )
        echoed = stream.headers.get("x-trace-id")
        ctx.expect(echoed == trace, f"the event stream echoed X-Trace-Id {echoed!r}", "AXP-API-010")
    for bad in ("t" * 129, "has space", "tab\there"):
        ctx.expect_error(ctx.http().get("/health", headers={"X-Trace-Id": bad}), 400, "invalid_parameter", "AXP-API-010")


@check("core", ["AXP-ENV-003", "AXP-ENV-004", "AXP-VER-001", "AXP-API-001"])
def request_bodies_are_closed_and_typed(ctx: Context) -> None:
    """payload must be an object, metadata a bounded string map, and unknown request fields are refused
    (422), while metadata at its limits (64 entries of 2048 characters) is accepted."""
    http = ctx.http()
    for payload in ([1, 2], "ORD-123", None):
        ctx.expect_error(http.post("/v1/intents", json=ctx.create_body(payload=payload)), 422, "schema_invalid", "AXP-ENV-003")
    too_many = {f"k{i}": "v" for i in range(65)}
    for metadata in ({"attempt": 1}, {"tags": ["a"]}, too_many, {"note": "x" * 2049}):
        ctx.expect_error(http.post("/v1/intents", json=ctx.create_body(metadata=metadata)), 422, "schema_invalid", "AXP-ENV-004")
    at_limits = {f"k{i:02}": "x" * 2048 for i in range(64)}
    response = http.post("/v1/intents", json=ctx.create_body(metadata=at_limits))
    ctx.expect(response.status_code == 200, f"metadata at its limits answered {response.status_code}", "AXP-API-001")
    ctx.expect_error(http.post("/v1/intents", json=ctx.create_body(colour="red")), 422, "schema_invalid", "AXP-VER-001")
    intent_id = ctx.json_of(response)["intent_id"]
    ctx.expect_error(
        http.post(f"/v1/intents/{intent_id}/resolve", json={"status": "CANCELED", "reason": "x", "colour": "red"}),
        422,
        "schema_invalid",
        "AXP-VER-001",
    )


@check("core", ["AXP-API-021"])
def create_answer_reports_the_status_after_its_own_events(ctx: Context) -> None:
    """The create answer's status is SUBMITTED (the status after the create's own events)."""
    answer = ctx.json_of(ctx.http().post("/v1/intents", json=ctx.create_body()), "AXP-API-001")
    ctx.expect(answer.get("status") == "SUBMITTED", f"a create answered status {answer.get('status')}", "AXP-API-021")


@check("human_tasks", ["AXP-API-021", "AXP-HT-001"], capability="human_tasks")
def a_human_task_create_answers_waiting(ctx: Context) -> None:
    """A create with a human_task answers status WAITING: the task parks the intent at once."""
    body = ctx.create_body(human_task={"title": "Approve the order"})
    answer = ctx.json_of(ctx.http().post("/v1/intents", json=body), "AXP-API-001")
    ctx.expect(
        answer.get("status") == "WAITING",
        f"a create with a human_task answered status {answer.get('status')}, not WAITING",
        "AXP-API-021",
    )


@check("core", ["AXP-CAP-005"])
def unclaimed_capabilities_answer_like_unknown_routes(ctx: Context) -> None:
    """Every operation of an optional capability the server does not list answers 404 not_found, or 405
    method_not_allowed with Allow naming the methods its path does serve, with or without a
    credential (routing comes before authentication), even for a real intent."""
    unclaimed = unclaimed_operations(ctx.target.capabilities)
    if not unclaimed:
        raise NotApplicable("the server claims every optional capability that has operations")
    intent_id = ctx.create()
    for op in unclaimed:
        path = surface.fill(op.path, intent_id, ctx.target.agent_address)
        served = surface.served_methods(op.path, ctx.target.capabilities)
        for who in ("client", "anon"):
            response = ctx.http(who).request(op.method, path, json=surface.example_body(op.operation_id))
            if not served:
                ctx.expect_error(response, 404, "not_found", "AXP-CAP-005")
                continue
            ctx.expect_error(response, 405, "method_not_allowed", "AXP-CAP-005")
            allow = {m.strip().upper() for m in response.headers.get("allow", "").split(",") if m.strip()}
            ctx.expect(
                served <= allow and op.method not in allow,
                f"{op.operation_id} is not claimed: 405 (as {who}) must carry Allow listing {sorted(served)}, got "
                f"{response.headers.get('allow')!r}",
                "AXP-CAP-005",
            )
