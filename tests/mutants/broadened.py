"""Mutants for what requirements quantify over: the second path of a rule, the rule's other half,
every status, every principal, every value form, and what survives a restart.

Each breaks one requirement the way real implementations do. Most are ASGI wrappers around the
real app, so they do not depend on the reference server's internals.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from axp import errors
from axp.capabilities import core_names, unclaimed_operations
from tests.mutants import ASGI, mutant, replaying, rewrite

Handler = Callable[[dict[str, Any], bytes], Awaitable[tuple[int, dict[str, str], bytes] | None]]


async def _read(receive: Any) -> bytes:
    raw = b""
    while True:
        message = await receive()
        raw += message.get("body", b"")
        if not message.get("more_body"):
            return raw


async def _send(send: Any, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
    pairs = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    pairs += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": pairs})
    await send({"type": "http.response.body", "body": body})


def error(code: str, message: str) -> tuple[int, dict[str, str], bytes]:
    return errors.lookup(code).http_status, {"x-request-id": "mutant"}, json.dumps(errors.error_body(code, message)).encode()


def intercept(app: ASGI, handler: Handler) -> ASGI:
    """Wrap an ASGI app: ``handler(scope, body)`` answers a request itself, or None to pass it on
    (the body replayed unchanged)."""

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        raw = await _read(receive)
        answer = await handler(scope, raw)
        if answer is not None:
            trace = header(scope, b"x-trace-id")
            await _send(send, answer[0], answer[2], {**answer[1], **({"x-trace-id": trace} if trace else {})})
            return
        await app(scope, replaying(raw, receive), send)

    wrapped.state = app.state  # type: ignore[attr-defined]
    return wrapped


def header(scope: dict[str, Any], name: bytes) -> str | None:
    return next((v.decode("latin-1") for k, v in scope["headers"] if k.lower() == name), None)


async def call(app: ASGI, scope: dict[str, Any], body: bytes) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """Run the real app on a request and collect its whole answer."""
    sent: list[dict[str, Any]] = []
    delivered = False

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if delivered:
            return {"type": "http.disconnect"}
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    return (
        start["status"],
        list(start["headers"]),
        b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body"),
    )


# ---- durability -----------------------------------------------------------------------------------


@mutant(["AXP-IDEM-001"], ["idempotency_records_survive_a_restart"], restart=True)
def idempotency_kept_in_memory(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Idempotency records in a dict of the process: correct until the process dies."""
    memo: dict[tuple[str | None, str], tuple[str, int, bytes]] = {}

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        key = header(scope, b"idempotency-key")
        if scope["method"] != "POST" or scope["path"] != "/v1/intents" or key is None:
            return None
        try:
            digest = hashlib.sha256(json.dumps(json.loads(raw), sort_keys=True).encode()).hexdigest()
        except ValueError:
            return None
        scope_key = (header(scope, b"x-api-key"), key)
        if scope_key in memo:
            if memo[scope_key][0] != digest:
                return error("idempotency_conflict", "this Idempotency-Key was used with a different body")
            return memo[scope_key][1], {"x-request-id": "mutant"}, memo[scope_key][2]
        inner = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() != b"idempotency-key"]}
        status, headers, body = await call(app, inner, raw)
        if status == 200:
            memo[scope_key] = (digest, status, body)
        return status, {k.decode(): v.decode() for k, v in headers if k.lower() != b"content-length"}, body

    return intercept(app, handler)


# ---- credentials ----------------------------------------------------------------------------------


@mutant(["AXP-AUTH-009"], ["credentials_are_never_echoed"])
def echoes_unknown_keys(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """A helpful 401: "unknown API key 'abc...'" quotes the credential it refused."""

    def body(scope: dict[str, Any], raw: bytes) -> bytes:
        if b'"code":"auth_failed"' not in raw:
            return raw
        presented = header(scope, b"x-api-key") or (header(scope, b"authorization") or "").split(" ")[-1]
        return raw.replace(b'"message":"', f'"message":"unknown API key {presented!r}: '.encode(), 1)

    return rewrite(app, body=body, buffer=True)


# ---- fair gating ------------------------------------------------------------------------------------


def claims_only_core(app: ASGI) -> ASGI:
    """GET /v1/capabilities lists the core capabilities only."""

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        if scope["path"] != "/v1/capabilities":
            return None
        status, headers, body = await call(app, scope, raw)
        if status != 200:
            return status, {k.decode(): v.decode() for k, v in headers if k.lower() != b"content-length"}, body
        document = json.loads(body)
        document["capabilities"] = core_names()
        kept = {k.decode(): v.decode() for k, v in headers if k.lower() not in (b"content-length", b"content-type")}
        return status, kept, json.dumps(document).encode()

    return intercept(app, handler)


def core_only(app: ASGI) -> ASGI:
    """Not a mutant: a correct core-only platform made from the reference server. It lists the core
    capabilities only and answers every optional operation like a route it does not serve (404
    not_found, or 405 with Allow when the path serves other methods)."""
    unclaimed = unclaimed_operations(core_names())
    served: dict[str, set[str]] = {}
    from axp.capabilities import operations

    for op in operations():
        if op not in unclaimed:
            served.setdefault(op.path, set()).add(op.method)

    def route(path: str) -> str | None:
        parts = path.strip("/").split("/")
        for template in {op.path for op in operations()}:
            pattern = template.strip("/").split("/")
            if len(pattern) == len(parts) and all(p.startswith("{") or p == q for p, q in zip(pattern, parts, strict=True)):
                return template
        return None

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        template = route(scope["path"])
        if template is None or not any(op.path == template and op.method == scope["method"] for op in unclaimed):
            return None
        if template in served:
            status, headers, body = error("method_not_allowed", f"{scope['method']} is not served on {scope['path']}")
            return status, {**headers, "allow": ", ".join(sorted(served[template]))}, body
        return error("not_found", f"no route {scope['path']}")

    return claims_only_core(intercept(app, handler))


# ---- request-level helpers ------------------------------------------------------------------------


def edit_requests(
    app: ASGI, applies: Callable[[dict[str, Any]], bool], edit: Callable[[dict[str, Any], bytes], tuple[dict[str, Any], bytes]]
) -> ASGI:
    """Wrap an ASGI app: ``edit(scope, raw body)`` may change the scope (headers) and body of matching requests."""

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        if not applies(scope):
            return None
        scope, raw = edit(dict(scope), raw)
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-length"]
        scope["headers"] = [*headers, (b"content-length", str(len(raw)).encode())]
        status, answer_headers, body = await call(app, scope, raw)
        kept = {k.decode(): v.decode() for k, v in answer_headers if k.lower() not in (b"content-length",)}
        return status, kept, body

    return intercept(app, handler)


def edit_json(fn: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any], bytes], tuple[dict[str, Any], bytes]]:
    """Edit the parsed body; a body the strict parser refuses goes on unchanged (so the mutant changes
    only what it says it changes)."""
    from axp import jsontext

    def edit(scope: dict[str, Any], raw: bytes) -> tuple[dict[str, Any], bytes]:
        try:
            body = jsontext.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, jsontext.JSONTextError):
            return scope, raw
        if isinstance(body, dict):
            fn(body)
        return scope, json.dumps(body).encode()

    return edit


def is_create(scope: dict[str, Any]) -> bool:
    return scope["method"] == "POST" and scope["path"] == "/v1/intents"


def is_write(scope: dict[str, Any]) -> bool:
    return scope["method"] in ("POST", "PUT") and not is_create(scope)


def as_key(key: bytes, when: Callable[[dict[str, Any]], bool]) -> ASGI:
    """Run matching requests under another principal's key (an authorization check that is missing)."""

    def wrap(app: ASGI) -> ASGI:
        def swap(scope: dict[str, Any], raw: bytes) -> tuple[dict[str, Any], bytes]:
            scope["headers"] = [(k, v) for k, v in scope["headers"] if k.lower() != b"x-api-key"] + [(b"x-api-key", key)]
            return scope, raw

        return edit_requests(app, when, swap)

    return wrap


def key_of(scope: dict[str, Any]) -> str | None:
    return header(scope, b"x-api-key")


# ---- every principal --------------------------------------------------------------------------------


@mutant(["AXP-AUTH-003"], ["every_write_checks_who_sends_it"])
def anyone_may_ack(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """ack checks that the caller can see the intent, not that it is the addressed agent."""
    return as_key(b"axp-dev-agent", lambda s: s["path"].endswith("/ack") and key_of(s) == "axp-dev-client")(app)


@mutant(["AXP-AUTH-004"], ["every_write_checks_who_sends_it"])
def admins_may_not_cancel(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """cancel compares the caller with the sender and forgets that admins may too."""

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        if scope["path"].endswith("/cancel") and key_of(scope) == "axp-dev-admin":
            return error("policy_denied", "only the sender may cancel this intent")
        return None

    return intercept(app, handler)


@mutant(["AXP-AUTH-005"], ["agent_deliveries_are_private_on_every_path"])
def agent_stream_open_to_anyone(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """The poll checks who asks; the stream of the same deliveries does not."""
    when = lambda s: s["path"].endswith("/intents/stream") and s["path"].startswith("/v1/agents/local/dev/agent/")  # noqa: E731
    return as_key(b"axp-dev-agent", when)(app)


@mutant(["AXP-AUTH-007"], ["strangers_find_nothing_on_any_read_path"])
def event_stream_shows_strangers_everything(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """GET and the event list hide other pairs' intents; the event stream forgot to."""
    return as_key(b"axp-dev-admin", lambda s: s["path"].endswith("/events/stream") and key_of(s) == "axp-dev-agent2")(app)


# ---- every value form -------------------------------------------------------------------------------


@mutant(["AXP-API-001"], ["legal_values_of_every_form_are_accepted"])
def refuses_upper_case_uuids(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Validates correlation_id with a lower-case-only pattern."""

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        if is_create(scope):
            try:
                value = str(json.loads(raw).get("correlation_id", ""))
            except (ValueError, AttributeError):
                return None
            if value != value.lower():
                return error("schema_invalid", "correlation_id must be a lower-case UUID")
        return None

    return intercept(app, handler)


@mutant(["AXP-COR-001"], ["legal_values_of_every_form_are_accepted"])
def lowercases_correlation_ids(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Stores correlation_id in canonical (lower-case) form."""

    def lower(body: dict[str, Any]) -> None:
        if isinstance(body.get("correlation_id"), str):
            body["correlation_id"] = body["correlation_id"].lower()

    return edit_requests(app, is_create, edit_json(lower))


@mutant(["AXP-GEN-002"], ["legal_values_of_every_form_are_accepted"])
def timestamps_need_upper_case_t_and_z(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """A date-time parser that knows only 'T' and 'Z'."""

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        if is_create(scope):
            try:
                value = str(json.loads(raw).get("deadline_at") or "")
            except (ValueError, AttributeError):
                return None
            if "t" in value or "z" in value:
                return error("schema_invalid", f"deadline_at {value} is not a date-time")
        return None

    return intercept(app, handler)


def _lenient_timestamp(value: str) -> str:
    value = value.replace(" ", "T")
    if "T" not in value:
        value += "T00:00:00"
    if not value.endswith("Z") and "+" not in value[10:] and "-" not in value[10:]:
        value += "Z"
    if len(value) >= 5 and value[-5] in "+-" and value[-3] != ":":
        value = value[:-2] + ":" + value[-2:]
    return value


@mutant(["AXP-GEN-002"], ["illegal_values_are_refused_wherever_they_appear"])
def timestamps_read_leniently(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Reads whatever date-time shape it can (a space for T, no offset as UTC, a bare date)."""

    def lenient(body: dict[str, Any]) -> None:
        if isinstance(body.get("deadline_at"), str):
            body["deadline_at"] = _lenient_timestamp(body["deadline_at"])
        patch = body.get("controls_patch")
        if isinstance(patch, dict) and isinstance(patch.get("deadline_at"), str):
            patch["deadline_at"] = _lenient_timestamp(patch["deadline_at"])

    return edit_requests(app, lambda s: s["method"] == "POST", edit_json(lenient))


@mutant(["AXP-TMR-004"], ["deadlines_in_any_offset_mean_the_same_instant"])
def deadline_offsets_ignored(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Reads the wall-clock part of deadline_at as UTC and drops the offset."""

    def drop_offset(body: dict[str, Any]) -> None:
        value = body.get("deadline_at")
        if isinstance(value, str) and len(value) > 19 and value[-6] in "+-":
            body["deadline_at"] = value[:-6] + "Z"

    return edit_requests(app, is_create, edit_json(drop_offset))


@mutant(["AXP-ENV-004"], ["legal_values_of_every_form_are_accepted"])
def metadata_limit_counts_bytes(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Bounds metadata values at 2048 bytes of UTF-8 instead of 2048 characters."""

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        if is_create(scope):
            try:
                metadata = json.loads(raw).get("metadata") or {}
            except (ValueError, AttributeError):
                return None
            if any(len(str(v).encode()) > 2048 for v in metadata.values()):
                return error("schema_invalid", "a metadata value is longer than 2048")
        return None

    return intercept(app, handler)


@mutant(["AXP-ID-001"], ["illegal_values_are_refused_wherever_they_appear"])
def reply_to_not_validated(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Validates to_agent but takes any reply_to (and drops what it cannot use)."""
    from axp.server.config import is_agent_address

    def drop(body: dict[str, Any]) -> None:
        if isinstance(body.get("reply_to"), str) and not is_agent_address(body["reply_to"]):
            del body["reply_to"]

    return edit_requests(app, is_create, edit_json(drop))


# ---- every body operation ------------------------------------------------------------------------


@mutant(["AXP-API-019", "AXP-API-022"], ["every_operation_reads_its_body_alike"])
def writes_parse_json_leniently(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Create uses the strict parser; the other writes use Python's json.loads (NaN, 1e400 and
    repeated names accepted)."""

    def lenient(scope: dict[str, Any], raw: bytes) -> tuple[dict[str, Any], bytes]:
        try:
            value = json.loads(raw)
        except ValueError:
            return scope, raw
        text = json.dumps(value, allow_nan=True).replace("NaN", "null").replace("-Infinity", "null").replace("Infinity", "null")
        return scope, text.encode()

    return edit_requests(app, is_write, lenient)


@mutant(["AXP-API-011"], ["every_operation_reads_its_body_alike"])
def writes_accept_any_media_type(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Only create looks at Content-Type."""

    def as_json(scope: dict[str, Any], raw: bytes) -> tuple[dict[str, Any], bytes]:
        scope["headers"] = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-type"] + [
            (b"content-type", b"application/json")
        ]
        return scope, raw

    return edit_requests(app, is_write, as_json)


@mutant(["AXP-VER-001"], ["every_operation_reads_its_body_alike"])
def writes_ignore_unknown_fields(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """resume, cancel, ack and controls drop fields they do not know instead of refusing them."""
    from axp import schemas

    known = {
        "/resume": set(schemas.get("resume_request")["properties"]),
        "/cancel": set(schemas.get("cancel_request")["properties"]),
        "/ack": set(schemas.get("ack_request")["properties"]),
        "/controls": set(schemas.get("controls_request")["properties"]),
    }

    def drop(scope: dict[str, Any], raw: bytes) -> tuple[dict[str, Any], bytes]:
        suffix = "/" + scope["path"].rsplit("/", 1)[-1]
        return edit_json(lambda body: [body.pop(k) for k in set(body) - known[suffix]])(scope, raw)

    return edit_requests(app, lambda s: s["method"] == "POST" and s["path"].endswith(tuple(known)), drop)


# ---- every status ------------------------------------------------------------------------------------


def _lifecycle(mp: pytest.MonkeyPatch, transitions: dict[str, frozenset[str]], terminal: frozenset[str] | None = None) -> None:
    from axp.lifecycle import LIFECYCLE
    from axp.server import service as service_module
    from tests.mutants import lifecycle_with

    changes: dict[str, Any] = {"transitions": {**LIFECYCLE.transitions, **transitions}}
    if terminal is not None:
        changes["terminal"] = terminal
    mp.setattr(service_module, "LIFECYCLE", lifecycle_with(**changes))


@mutant(["AXP-LC-014", "AXP-LC-010"], ["every_request_from_every_live_status"])
def start_restarts_work_in_progress(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """resume start on an IN_PROGRESS intent appends another intent.in_progress."""
    from axp.lifecycle import LIFECYCLE

    _lifecycle(mp, {"IN_PROGRESS": LIFECYCLE.transitions["IN_PROGRESS"] | {"IN_PROGRESS"}})
    return app


@mutant(["AXP-API-016"], ["every_request_from_every_live_status"])
def cancel_refused_once_work_started(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """An intent being worked on (IN_PROGRESS or WAITING) can no longer be canceled."""
    from axp.lifecycle import LIFECYCLE

    _lifecycle(mp, {s: LIFECYCLE.transitions[s] - {"CANCELED"} for s in ("IN_PROGRESS", "WAITING")})
    return app


@mutant(["AXP-LC-006"], ["deadline_applies_from_every_live_status"])
def deadlines_skip_waiting_intents(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """A WAITING intent cannot time out: the deadline fires but changes nothing."""
    from axp.lifecycle import LIFECYCLE

    _lifecycle(mp, {"WAITING": LIFECYCLE.transitions["WAITING"] - {"TIMED_OUT"}})
    return app


@mutant(["AXP-API-006"], ["every_write_on_every_terminal_status_is_refused"])
def timed_out_intents_can_still_be_resolved(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """TIMED_OUT treated as a soft end: the sender may still resolve the intent afterwards."""
    from axp.lifecycle import LIFECYCLE

    _lifecycle(mp, {"TIMED_OUT": frozenset({"COMPLETED", "FAILED", "CANCELED"})}, LIFECYCLE.terminal - {"TIMED_OUT"})
    return app


@mutant(["AXP-API-018"], ["every_request_from_every_live_status"])
def writes_answer_the_intent_as_it_was(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Writes answer the intent document loaded before the change."""

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        if scope["method"] != "POST" or not scope["path"].endswith(("/resume", "/cancel", "/ack", "/resolve")):
            return None
        intent_path = scope["path"].rsplit("/", 1)[0]
        read = {**scope, "method": "GET", "path": intent_path, "raw_path": intent_path.encode(), "query_string": b""}
        _, _, before = await call(app, read, b"")
        status, headers, body = await call(app, scope, raw)
        if status == 200:
            answer = json.loads(body)
            answer["intent"] = json.loads(before)["intent"]
            body = json.dumps(answer).encode()
        return status, {k.decode(): v.decode() for k, v in headers if k.lower() != b"content-length"}, body

    return intercept(app, handler)
