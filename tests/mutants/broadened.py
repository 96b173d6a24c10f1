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


def canonical(raw: bytes) -> str:
    return hashlib.sha256(json.dumps(json.loads(raw), sort_keys=True).encode()).hexdigest()


def memory_idempotency(
    app: ASGI, digest: Callable[[bytes], str] = canonical, applies: Callable[[dict[str, Any]], bool] | None = None
) -> ASGI:
    """Idempotency done in front of the app, in a dict of the process: ``digest`` decides what "the
    same body" is, ``applies`` which requests it covers (creates by default), and the scope is
    (key, Idempotency-Key) only."""
    memo: dict[tuple[str | None, str], tuple[str, int, bytes]] = {}
    covered = applies or is_create

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        key = header(scope, b"idempotency-key")
        if not covered(scope) or key is None:
            return None
        try:
            found = digest(raw)
        except ValueError:
            return None
        scope_key = (header(scope, b"x-api-key"), key)
        if scope_key in memo:
            if memo[scope_key][0] != found:
                return error("idempotency_conflict", "this Idempotency-Key was used with a different body")
            return memo[scope_key][1], {"x-request-id": "mutant"}, memo[scope_key][2]
        inner = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() != b"idempotency-key"]}
        status, headers, body = await call(app, inner, raw)
        if status == 200:
            memo[scope_key] = (found, status, body)
        return status, {k.decode(): v.decode() for k, v in headers if k.lower() != b"content-length"}, body

    return intercept(app, handler)


@mutant(["AXP-IDEM-001"], ["idempotency_records_survive_a_restart"], restart=True)
def idempotency_kept_in_memory(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Idempotency records in a dict of the process: correct until the process dies."""
    return memory_idempotency(app)


@mutant(["AXP-IDEM-006"], ["same_body_means_equal_as_parsed_json"])
def idempotency_compares_raw_bytes(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """ "The same body" is the same bytes: a client that re-serialises its retry gets 409."""
    return memory_idempotency(app, lambda raw: hashlib.sha256(raw).hexdigest())


@mutant(["AXP-IDEM-006"], ["same_body_means_equal_as_parsed_json"])
def idempotency_normalises_unicode(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Bodies are compared after NFC normalisation, so two different strings count as one."""
    import unicodedata

    def nfc(value: Any) -> Any:
        if isinstance(value, str):
            return unicodedata.normalize("NFC", value)
        if isinstance(value, dict):
            return {nfc(k): nfc(v) for k, v in value.items()}
        return [nfc(v) for v in value] if isinstance(value, list) else value

    return memory_idempotency(
        app, lambda raw: hashlib.sha256(json.dumps(nfc(json.loads(raw)), sort_keys=True).encode()).hexdigest()
    )


@mutant(["AXP-IDEM-005"], ["a_key_belongs_to_one_operation"])
def idempotency_scope_ignores_the_operation(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Keys are scoped by principal only: a resolve that reuses a create's key replays the create."""
    return memory_idempotency(app, lambda raw: "any", applies=lambda scope: scope["method"] == "POST")


@mutant(["AXP-IDEM-007"], ["every_legal_key_is_taken_and_no_other"])
def idempotency_keys_limited_to_64(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Keys longer than 64 characters are refused (a column sized for UUIDs)."""

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        key = header(scope, b"idempotency-key")
        return error("invalid_parameter", "Idempotency-Key is too long") if key is not None and len(key) > 64 else None

    return intercept(app, handler)


@mutant(["AXP-IDEM-001"], ["a_replay_answers_the_original_even_after_changes"])
def replays_answer_the_intent_as_it_is_now(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """A replay looks the intent up and answers its current status instead of the stored answer."""

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        if not is_create(scope) or header(scope, b"idempotency-key") is None:
            return None
        status, headers, body = await call(app, scope, raw)
        if status == 200:
            answer = json.loads(body)
            path = f"/v1/intents/{answer['intent_id']}"
            read = {**scope, "method": "GET", "path": path, "raw_path": path.encode(), "query_string": b""}
            _, _, now = await call(app, read, b"")
            answer["status"] = json.loads(now)["intent"]["status"]
            body = json.dumps(answer).encode()
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


def refuse(
    app: ASGI, applies: Callable[[dict[str, Any]], bool], wrong: Callable[[dict[str, Any]], bool], code: str, message: str
) -> ASGI:
    """Wrap an ASGI app: answer matching requests whose JSON body ``wrong`` judges with the error ``code``
    (a rule the mutant applies where the spec does not)."""

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        if not applies(scope):
            return None
        try:
            body = json.loads(raw)
        except ValueError:
            return None
        return error(code, message) if isinstance(body, dict) and wrong(body) else None

    return intercept(app, handler)


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
    value = lambda body: str(body.get("correlation_id", ""))  # noqa: E731
    return refuse(
        app, is_create, lambda body: value(body) != value(body).lower(), "schema_invalid", "correlation_id is upper case"
    )


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

    def lower(body: dict[str, Any]) -> bool:
        value = str(body.get("deadline_at") or "")
        return "t" in value or "z" in value

    return refuse(app, is_create, lower, "schema_invalid", "deadline_at is not a date-time")


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

    def too_long(body: dict[str, Any]) -> bool:
        return any(len(str(v).encode()) > 2048 for v in (body.get("metadata") or {}).values())

    return refuse(app, is_create, too_long, "schema_invalid", "a metadata value is longer than 2048")


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


# ---- every stream, every cursor form ------------------------------------------------------------------


def _query(scope: dict[str, Any]) -> dict[str, str]:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(scope["query_string"].decode(), keep_blank_values=True))


def _set_query(scope: dict[str, Any], values: dict[str, str]) -> None:
    from urllib.parse import urlencode

    scope["query_string"] = urlencode(values).encode()


@mutant(["AXP-SSE-003"], ["agent_stream_cursor_is_the_larger_of_since_and_last_event_id"])
def agent_stream_ignores_last_event_id(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """The intent stream reads Last-Event-ID; the agent stream only since."""
    from tests.mutants import header_drop

    def request(scope: dict[str, Any]) -> None:
        if scope["path"].startswith("/v1/agents/") and scope["path"].endswith("/intents/stream"):
            header_drop(scope, b"last-event-id")

    return rewrite(app, request=request)


@mutant(["AXP-SSE-003"], ["intent_stream_cursor_is_the_larger_of_since_and_last_event_id"])
def since_wins_over_last_event_id(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """When both are sent, the since parameter wins, even when Last-Event-ID is further along."""
    from tests.mutants import header_drop

    def request(scope: dict[str, Any]) -> None:
        if scope["path"].endswith("/events/stream") and "since" in _query(scope):
            header_drop(scope, b"last-event-id")

    return rewrite(app, request=request)


@mutant(["AXP-SSE-004"], ["wait_seconds_outside_1_to_60_is_refused_on_every_stream"])
def agent_stream_clamps_wait_seconds(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """The agent stream clamps wait_seconds into 1..60 (and reads nonsense as the default) instead of refusing it."""

    def request(scope: dict[str, Any]) -> None:
        if scope["path"].startswith("/v1/agents/") and scope["path"].endswith("/intents/stream"):
            query = _query(scope)
            if "wait_seconds" in query:
                try:
                    value = min(60, max(1, int(float(query["wait_seconds"]))))
                except ValueError:
                    value = 15
                query["wait_seconds"] = str(value)
                _set_query(scope, query)

    return rewrite(app, request=request)


@mutant(["AXP-SSE-004"], ["stream_timeout_says_where_to_resume"])
def stream_timeout_counts_from_the_cursor(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """stream.timeout reports the window's starting cursor, not where the log ends."""

    def body(scope: dict[str, Any], raw: bytes) -> bytes:
        if not scope["path"].endswith("/events/stream") or not raw.startswith(b"event: stream.timeout"):
            return raw
        since = int(_query(scope).get("since", "0") or 0)
        data = {"ok": True, "next_seq": since + 1, "last_seq": since}
        return b"event: stream.timeout\ndata: " + json.dumps(data).encode() + b"\n\n"

    return rewrite(app, body=body)


@mutant(["AXP-SSE-002"], ["every_frame_has_one_data_line"])
def pretty_prints_event_data(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Writes each event's JSON indented, one data: line per line (valid SSE, but not one data line)."""

    def body(scope: dict[str, Any], raw: bytes) -> bytes:
        if not scope["path"].endswith("/events/stream"):
            return raw
        out = []
        for line in raw.decode().split("\n"):
            if line.startswith("data: {") and '"seq"' in line:
                out += ["data: " + part for part in json.dumps(json.loads(line[6:]), indent=1).split("\n")]
            else:
                out.append(line)
        return "\n".join(out).encode()

    return rewrite(app, body=body)


@mutant(["AXP-SSE-006"], ["streams_end_after_every_kind_of_terminal_event"])
def streams_outlive_timeouts(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """The stream closes after the terminal events requests cause, but stays open after intent.timed_out
    (the platform's own terminal event) until the window idles out."""
    import asyncio

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].endswith("/events/stream"):
            await app(scope, receive, send)
            return
        timed_out = False

        async def late(message: dict[str, Any]) -> None:
            nonlocal timed_out
            if message["type"] == "http.response.body":
                timed_out = timed_out or b"event: intent.timed_out" in message.get("body", b"")
                if timed_out and not message.get("more_body"):
                    await asyncio.sleep(15)
            await send(message)

        await app(scope, receive, late)

    wrapped.state = app.state  # type: ignore[attr-defined]
    return wrapped


# ---- human tasks, both sides of each rule -----------------------------------------------------------


def _edit_task_result(fn: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def edit(body: dict[str, Any]) -> None:
        if isinstance(body.get("task_result"), dict):
            fn(body["task_result"])

    return edit


def is_resume(scope: dict[str, Any]) -> bool:
    return scope["method"] == "POST" and scope["path"].endswith("/resume")


@mutant(["AXP-HT-002"], ["human_task_rules_hold_both_ways"])
def default_outcomes_are_only_approved(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """A human task without allowed_outcomes accepts only "approved"."""

    def narrow(body: dict[str, Any]) -> None:
        task = body.get("human_task")
        if isinstance(task, dict) and "allowed_outcomes" not in task:
            task["allowed_outcomes"] = ["approved"]

    return edit_requests(app, is_create, edit_json(narrow))


@mutant(["AXP-HT-003"], ["human_task_rules_hold_both_ways"])
def comments_always_required(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Every task result needs a comment, required_comment or not."""

    def no_comment(body: dict[str, Any]) -> bool:
        result = body.get("task_result")
        return isinstance(result, dict) and not str(result.get("comment", "")).strip()

    return refuse(app, is_resume, no_comment, "task_result_invalid", "a comment is required")


@mutant(["AXP-HT-004"], ["human_task_rules_hold_both_ways"])
def empty_evidence_counts_as_evidence(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Checks that data.evidence is present, not that it holds anything."""

    def fill(result: dict[str, Any]) -> None:
        data = result.get("data")
        if isinstance(data, dict) and data.get("evidence") == []:
            data["evidence"] = ["(present)"]

    return edit_requests(app, is_resume, edit_json(_edit_task_result(fill)))


@mutant(["AXP-HT-005"], ["human_task_rules_hold_both_ways"])
def form_failures_name_no_pointer(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """A form_schema failure is reported without saying which field failed."""

    def body(scope: dict[str, Any], raw: bytes) -> bytes:
        if not is_resume(scope) or b'"task_result_invalid"' not in raw:
            return raw
        answer = json.loads(raw)
        for item in (answer["error"].get("details") or {}).get("errors", []):
            item["pointer"] = "/task_result/data"
        return json.dumps(answer).encode()

    return rewrite(app, body=body, buffer=True)


@mutant(["AXP-HT-006"], ["human_task_rules_hold_both_ways"])
def task_results_kept_without_their_data(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Stores the outcome and comment of a task result but drops its data."""

    def drop(result: dict[str, Any]) -> None:
        result.pop("data", None)

    return edit_requests(app, is_resume, edit_json(_edit_task_result(drop)))


@mutant(["AXP-HT-007"], ["human_task_rules_hold_both_ways"])
def task_results_end_any_wait(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """A task result ends any WAITING intent, whatever it waits for."""

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        if not is_resume(scope):
            return None
        try:
            result = json.loads(raw).get("task_result")
        except (ValueError, AttributeError):
            return None
        if not isinstance(result, dict):
            return None
        path = scope["path"].removesuffix("/resume")
        _, _, now = await call(app, {**scope, "method": "GET", "path": path, "raw_path": path.encode(), "query_string": b""}, b"")
        intent = json.loads(now).get("intent") or {}
        if intent.get("status") != "WAITING" or intent.get("waiting_reason") == "WAITING_FOR_HUMAN":
            return None
        complete = json.dumps({"action": "complete", "result": {"task_result": result}}).encode()
        status, headers, body = await call(app, scope, complete)
        return status, {k.decode(): v.decode() for k, v in headers if k.lower() != b"content-length"}, body

    return intercept(app, handler)


# ---- timer defaults and controls ------------------------------------------------------------------


def _default(field: str, value: Any, when: str | None = None) -> Callable[[dict[str, Any]], None]:
    def fill(body: dict[str, Any]) -> None:
        if field not in body and (when is None or when in body):
            body[field] = value

    return fill


@mutant(["AXP-TMR-001"], ["reminder_defaults_are_the_spec_s"])
def reminder_interval_defaults_to_five_seconds(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    return edit_requests(app, is_create, edit_json(_default("remind_interval_seconds", 5, when="remind_after_seconds")))


@mutant(["AXP-TMR-001"], ["reminder_defaults_are_the_spec_s"])
def max_reminders_defaults_to_five(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    return edit_requests(app, is_create, edit_json(_default("max_reminders", 5, when="remind_after_seconds")))


@mutant(["AXP-DLV-004"], ["three_push_attempts_by_default"])
def five_push_attempts_by_default(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    return edit_requests(app, is_create, edit_json(_default("max_delivery_attempts", 5)))


def is_controls(scope: dict[str, Any]) -> bool:
    return scope["method"] == "POST" and scope["path"].endswith("/controls")


@mutant(["AXP-API-017"], ["controls_patches_change_the_schedule_and_stale_ones_nothing"])
def controls_apply_before_comparing_generations(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Applies the patch, then notices the stale expected_policy_generation and answers 409."""

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        if not is_controls(scope):
            return None
        try:
            body = json.loads(raw)
        except ValueError:
            return None
        expected = body.pop("expected_policy_generation", None)
        status, headers, answer = await call(app, scope, json.dumps(body).encode())
        if status == 200 and expected is not None and json.loads(answer)["policy_generation"] != expected + 1:
            return error("stale_policy_generation", "expected_policy_generation is stale")
        return status, {k.decode(): v.decode() for k, v in headers if k.lower() != b"content-length"}, answer

    return intercept(app, handler)


@mutant(["AXP-API-017"], ["controls_patches_change_the_schedule_and_stale_ones_nothing"])
def controls_store_deadlines_without_rescheduling(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """A controls patch of deadline_at is stored on the intent, but the timer keeps the old due time."""
    svc = app.state.service
    mp.setattr(svc, "_schedule_timers", lambda *args, **kwargs: None)
    return app


# ---- delivery --------------------------------------------------------------------------------------


@mutant(["AXP-DLV-008"], ["poll_pages_hand_over_every_record_once"])
def poll_since_is_inclusive(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """The poll reads since as "from this cursor on", so each page repeats the last record of the one before."""

    def request(scope: dict[str, Any]) -> None:
        if scope["method"] == "GET" and scope["path"].startswith("/v1/agents/") and scope["path"].endswith("/intents"):
            query = _query(scope)
            if query.get("since", "0").isdigit() and int(query["since"]) > 0:
                query["since"] = str(int(query["since"]) - 1)
                _set_query(scope, query)

    return rewrite(app, request=request)


@mutant(["AXP-DLV-012"], ["every_2xx_answer_delivers_a_push"])
def only_200_delivers_a_push(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """The push client counts only 200 as delivered; 202 and 204 are failed attempts."""
    import httpx

    from axp.server import scheduler as scheduler_module

    class Strict(httpx.AsyncClient):
        async def post(self, *args: Any, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
            response = await super().post(*args, **kwargs)
            return httpx.Response(500, request=response.request) if response.status_code != 200 else response

    mp.setattr(scheduler_module.httpx, "AsyncClient", Strict)
    return app


@mutant(["AXP-GEN-001"], ["json_content_types_are_read_alike"])
def charset_parameter_ignored(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Looks at the media type only: application/json; charset=latin-1 is read as if it were UTF-8."""

    def media_only(scope: dict[str, Any], raw: bytes) -> tuple[dict[str, Any], bytes]:
        ctype = header(scope, b"content-type") or ""
        if ctype.split(";")[0].strip().lower() == "application/json":
            kept = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-type"]
            scope["headers"] = [*kept, (b"content-type", b"application/json")]
        return scope, raw

    return edit_requests(app, is_create, media_only)


@mutant(["AXP-API-011"], ["json_content_types_are_read_alike"])
def json_parameters_refused(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Refuses application/json with any parameter but charset (the spec says they are ignored)."""

    def extra(scope: dict[str, Any]) -> bool:
        params = [p.split("=")[0].strip().lower() for p in (header(scope, b"content-type") or "").split(";")[1:] if p.strip()]
        return is_create(scope) and any(p != "charset" for p in params)

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        return error("unsupported_media_type", "unexpected media type parameter") if extra(scope) else None

    return intercept(app, handler)
