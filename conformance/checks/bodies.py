"""Request bodies on every operation that takes one: a rule stated for "a request body" holds on
create, resolve, resume, cancel, ack, controls and push registration alike, not on create alone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from conformance import surface
from conformance.context import Context
from conformance.registry import check

BODY_OPERATIONS = (
    "createIntent",
    "resolveIntent",
    "resumeIntent",
    "cancelIntent",
    "ackIntent",
    "updateIntentControls",
    "registerAgentPush",
)
JSON = {"Content-Type": "application/json"}


def bad_bodies(valid: dict[str, Any]) -> Iterator[tuple[str, str, bytes, dict[str, str], int, str]]:
    """(requirement, what, raw body, headers, status, code) for bodies every operation must refuse."""
    text = json.dumps(valid)
    inner = text[1:-1]
    yield "AXP-API-005", "malformed JSON", b"{not json", JSON, 400, "invalid_json"
    yield "AXP-GEN-001", "Latin-1 bytes", ('{"note": "caf\u00e9", ' + inner + "}").encode("latin-1"), JSON, 400, "invalid_json"
    yield "AXP-API-019", "a NaN", ('{"nan_value": NaN, ' + inner + "}").encode(), JSON, 400, "invalid_json"
    yield "AXP-API-019", "a number beyond a double", ('{"huge": 1e400, ' + inner + "}").encode(), JSON, 400, "invalid_json"
    first = next(iter(valid), None)
    if first is not None:
        twice = '{"' + first + '": ' + json.dumps(valid[first]) + ", " + inner + "}"
        yield "AXP-API-022", "a duplicate member name", twice.encode(), JSON, 400, "invalid_json"
    yield "AXP-VER-001", "an unknown field", json.dumps({**valid, "colour": "red"}).encode(), JSON, 422, "schema_invalid"
    yield "AXP-API-005", "an array", b"[]", JSON, 422, "schema_invalid"
    yield "AXP-API-011", "text/plain", text.encode(), {"Content-Type": "text/plain"}, 415, "unsupported_media_type"
    yield "AXP-API-011", "a form", b"a=1", {"Content-Type": "application/x-www-form-urlencoded"}, 415, "unsupported_media_type"


def targets(ctx: Context) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(operation, principal, path, a valid body) for every claimed operation with a body."""
    claimed = {op.operation_id: op for op in surface.claimed(ctx.target.capabilities)}
    for operation_id in BODY_OPERATIONS:
        op = claimed.get(operation_id)
        if op is None:
            continue
        who = {"resumeIntent": "agent", "ackIntent": "agent", "registerAgentPush": "agent2"}.get(operation_id, "client")
        address = ctx.target.agent2_address if operation_id == "registerAgentPush" else ctx.target.agent_address
        intent_id = ctx.create() if "{intent_id}" in op.path else "-"
        valid = ctx.create_body() if operation_id == "createIntent" else dict(surface.example_body(operation_id) or {})
        yield op.method + " " + op.path, who, surface.fill(op.path, intent_id, address), valid


@check("core", ["AXP-API-005", "AXP-API-011", "AXP-API-019", "AXP-API-022", "AXP-GEN-001", "AXP-VER-001", "AXP-ERR-005"])
def every_operation_reads_its_body_alike(ctx: Context) -> None:
    """Every operation that takes a body refuses malformed JSON, non-UTF-8 bytes, NaN and overlong
    numbers, duplicate member names (400 invalid_json), unknown fields and wrong shapes (422
    schema_invalid, naming the pointers) and other media types (415), and changes nothing."""
    for operation, who, path, valid in targets(ctx):
        method = operation.split()[0]
        for requirement, what, raw, headers, status, code in bad_bodies(valid):
            response = ctx.http(who).request(method, path, content=raw, headers=headers)
            ctx.expect(
                response.status_code == status,
                f"{operation} with {what} answered {response.status_code}, not {status} {code}: {response.text[:200]}",
                requirement,
            )
            body = ctx.expect_error(response, status, code, requirement)
            if code == "schema_invalid":
                listed = (body["error"].get("details") or {}).get("errors") or []
                ctx.expect(
                    any(isinstance(e, dict) and "pointer" in e for e in listed),
                    f"{operation}: schema_invalid should list the failing pointers in details.errors",
                    "AXP-ERR-005",
                )


@check("core", ["AXP-API-011", "AXP-GEN-001"])
def json_content_types_are_read_alike(ctx: Context) -> None:
    """application/json is accepted alone, with charset=utf-8 in any case or quoted, with other
    parameters, and a body without Content-Type is read as JSON; another charset is 415."""
    accepted = (
        "application/json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON; CHARSET=UTF-8",
        'application/json;charset="utf-8"',
        "application/json; foo=bar",
    )
    http = ctx.http()
    for ctype in accepted:
        response = http.post("/v1/intents", content=json.dumps(ctx.create_body()).encode(), headers={"Content-Type": ctype})
        ctx.expect(response.status_code == 200, f"a create sent as {ctype!r} answered {response.status_code}", "AXP-API-011")
    bare = http.build_request("POST", "/v1/intents", content=json.dumps(ctx.create_body()).encode())
    bare.headers.pop("content-type", None)
    response = http.send(bare)
    ctx.expect(response.status_code == 200, f"a create without Content-Type answered {response.status_code}", "AXP-API-011")
    for ctype in ("application/json; charset=latin-1", "application/json; charset=utf-16", "application/json;charset=ascii"):
        response = http.post("/v1/intents", content=json.dumps(ctx.create_body()).encode(), headers={"Content-Type": ctype})
        ctx.expect_error(response, 415, "unsupported_media_type", "AXP-GEN-001")


@check("core", ["AXP-API-011"])
def every_operation_limits_its_body(ctx: Context) -> None:
    """A body one byte over the limit the server states (limits.max_body_bytes) is refused with 413
    payload_too_large on every operation that takes a body."""
    limit = ctx.target.limits.get("max_body_bytes")
    if not isinstance(limit, int) or limit > 4 * 1024 * 1024:
        from conformance.registry import NotCovered

        raise NotCovered("the server states no max_body_bytes of at most 4 MiB in GET /v1/capabilities")
    for operation, who, path, valid in targets(ctx):
        padding = "x" * max(0, limit - len(json.dumps({**valid, "pad": ""})) + 1)
        raw = json.dumps({**valid, "pad": padding}).encode()
        response = ctx.http(who).request(operation.split()[0], path, content=raw, headers=JSON)
        ctx.expect_error(response, 413, "payload_too_large", "AXP-API-011")
