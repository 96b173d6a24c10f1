"""Deliberately broken reference servers, one requirement broken each, to prove the suite catches them.

Each mutant is applied with pytest's monkeypatch (server modules only; the suite's own validator
keeps the real lifecycle) and/or an ASGI wrapper around the real app. Nothing here ships.
"""

from __future__ import annotations

import dataclasses
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from axp.lifecycle import LIFECYCLE
from axp.server import scheduler as scheduler_module
from axp.server import service as service_module
from axp.server.storage.sqlite import SQLiteTransaction

ASGI = Any
Apply = Callable[[ASGI, pytest.MonkeyPatch], ASGI]


@dataclass(frozen=True)
class Mutant:
    name: str
    # What the mutant breaks: the suite must flag at least one of these (failed, or warning for a
    # SHOULD/MAY), and every failure it reports directly must name one of these — no unrelated ID.
    breaks: tuple[str, ...]
    only: tuple[str, ...]  # the checks/areas to run (keeps each mutant fast)
    apply: Apply
    restart: bool = False  # the server is restarted between the halves of the restart checks
    config: dict[str, Any] = dataclasses.field(default_factory=dict)  # ServerConfig fields of the run


MUTANTS: dict[str, Mutant] = {}


def mutant(
    breaks: list[str], only: list[str], config: dict[str, Any] | None = None, *, restart: bool = False
) -> Callable[[Apply], Apply]:
    def register(fn: Apply) -> Apply:
        MUTANTS[fn.__name__] = Mutant(fn.__name__, tuple(breaks), tuple(only), fn, restart, dict(config or {}))
        return fn

    return register


def service(app: ASGI) -> Any:
    return app.state.service


# ---- ASGI helpers ------------------------------------------------------------------------------


def rewrite(
    app: ASGI,
    *,
    request: Callable[[dict[str, Any]], None] | None = None,
    start: Callable[[dict[str, Any], dict[str, Any]], None] | None = None,
    body: Callable[[dict[str, Any], bytes], bytes] | None = None,
    buffer: bool = False,
) -> ASGI:
    """Wrap an ASGI app: edit the request scope, the response start message, and/or the body."""

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        scope = dict(scope)
        if request:
            request(scope)
        held: list[dict[str, Any]] = []
        chunks: list[bytes] = []

        async def edited(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                if start:
                    start(scope, message)
                if buffer:
                    held.append(message)
                    return
            elif message["type"] == "http.response.body" and body:
                if buffer:
                    chunks.append(message.get("body", b""))
                    if message.get("more_body"):
                        return
                    new = body(scope, b"".join(chunks))
                    headers = [(k, v) for k, v in held[0]["headers"] if k.lower() != b"content-length"]
                    headers.append((b"content-length", str(len(new)).encode()))
                    await send({**held[0], "headers": headers})
                    message = {"type": "http.response.body", "body": new}
                else:
                    message = {**message, "body": body(scope, message.get("body", b""))}
            await send(message)

        await app(scope, receive, edited)

    wrapped.state = app.state  # type: ignore[attr-defined]
    return wrapped


def rewrite_json_body(app: ASGI, method: str, path_suffix: str, edit: Callable[[dict[str, Any]], None]) -> ASGI:
    """Wrap an ASGI app: edit the parsed JSON body of matching requests before the app reads it."""

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != method or not scope["path"].endswith(path_suffix):
            await app(scope, receive, send)
            return
        raw = b""
        while True:
            message = await receive()
            raw += message.get("body", b"")
            if not message.get("more_body"):
                break
        try:
            body = json.loads(raw)
            if isinstance(body, dict):
                edit(body)
            raw = json.dumps(body).encode()
        except (ValueError, RecursionError):
            pass
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-length"]
        scope = {**scope, "headers": [*headers, (b"content-length", str(len(raw)).encode())]}
        await app(scope, replaying(raw, receive), send)

    wrapped.state = app.state  # type: ignore[attr-defined]
    return wrapped


def replaying(raw: bytes, receive: Any) -> Callable[[], Any]:
    """An ASGI receive that hands the app ``raw`` as the whole request body (read once already)."""
    delivered = False

    async def replay() -> dict[str, Any]:
        nonlocal delivered
        if delivered:
            return await receive()
        delivered = True
        return {"type": "http.request", "body": raw, "more_body": False}

    return replay


def header_drop(scope: dict[str, Any], name: bytes) -> None:
    scope["headers"] = [(k, v) for k, v in scope["headers"] if k.lower() != name]


def lifecycle_with(**changes: Any) -> Any:
    return dataclasses.replace(LIFECYCLE, **changes)


# ---- the mutants -------------------------------------------------------------------------------


@mutant(["AXP-EV-002"], ["AXP-EV-002", "AXP-LC-002"])
def skips_a_seq_number(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    svc = service(app)
    original = svc._append

    def append(tx: Any, intent: Any, event_type: str, *args: Any, **kw: Any) -> Any:
        if intent.last_seq == 2:
            intent.doc["last_seq"] = 3  # the next event gets seq 4
        return original(tx, intent, event_type, *args, **kw)

    mp.setattr(svc, "_append", append)
    return app


@mutant(["AXP-LC-002"], ["illegal_transition_is_refused"])
def accepts_illegal_transitions(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    everything = frozenset(LIFECYCLE.statuses)
    mp.setattr(
        service_module,
        "LIFECYCLE",
        lifecycle_with(
            transitions={s: (everything if not LIFECYCLE.is_terminal(s) else frozenset()) for s in LIFECYCLE.statuses}
        ),
    )
    return app


@mutant(["AXP-API-006", "AXP-LC-003"], ["second_terminal_resolve_is_409"])
def allows_second_terminal_resolve(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    terminal = LIFECYCLE.terminal
    mp.setattr(
        service_module,
        "LIFECYCLE",
        lifecycle_with(terminal=frozenset(), transitions={s: (LIFECYCLE.transitions[s] | terminal) for s in LIFECYCLE.statuses}),
    )
    return app


@mutant(["AXP-IDEM-001", "AXP-IDEM-002", "AXP-IDEM-003", "AXP-IDEM-008"], ["idempotency"])
def ignores_idempotency_key(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    svc = service(app)
    original = svc.idempotent
    mp.setattr(svc, "idempotent", lambda tx, who, operation, key, body, write: original(tx, who, operation, None, body, write))
    return app


@mutant(["AXP-API-005"], ["bad_bodies_get_4xx_error_model"])
def answers_500_on_bad_body(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    def start(scope: dict[str, Any], message: dict[str, Any]) -> None:
        if scope["method"] == "POST" and message["status"] in (400, 422):
            message["status"] = 500

    def body(scope: dict[str, Any], raw: bytes) -> bytes:
        if scope["method"] == "POST" and b'"category":"validation"' in raw:
            return raw.replace(b'"category":"validation"', b'"category":"internal"')
        return raw

    return rewrite(app, start=start, body=body, buffer=True)


@mutant(["AXP-AUTH-005"], ["agent_deliveries_are_private"])
def leaks_other_agents_intents(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    store = service(app).storage
    original = store.deliveries_after

    async def everyone(agent: str, cursor: int, limit: int) -> Any:
        rows = await original(agent, cursor, limit)
        for other in ("agent://local/dev/agent-two", "agent://local/dev/agent"):
            if other != agent:
                rows += await original(other, cursor, limit)
        return sorted(rows, key=lambda row: row.cursor)[:limit]

    mp.setattr(store, "deliveries_after", everyone)
    return app


@mutant(["AXP-LC-004", "AXP-API-002"], ["waiting_carries_its_reason", "human_task_waits_and_validates_answers"])
def drops_waiting_reason(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    svc = service(app)
    original = svc._append

    def append(tx: Any, intent: Any, event_type: str, status: str, actor: str, **kw: Any) -> Any:
        kw.pop("waiting_reason", None)
        return original(tx, intent, event_type, status, actor, **kw)

    mp.setattr(svc, "_append", append)
    return app


@mutant(["AXP-SSE-001"], ["stream_frames_and_window_end"])
def wrong_sse_content_type(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    def start(scope: dict[str, Any], message: dict[str, Any]) -> None:
        message["headers"] = [
            (k, b"application/json" if k.lower() == b"content-type" and v.startswith(b"text/event") else v)
            for k, v in message["headers"]
        ]

    return rewrite(app, start=start)


@mutant(["AXP-SSE-004"], ["stream_frames_and_window_end"])
def no_stream_timeout(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    def body(scope: dict[str, Any], raw: bytes) -> bytes:
        return b"" if raw.startswith(b"event: stream.timeout") else raw

    return rewrite(app, body=body)


@mutant(["AXP-SSE-003"], ["stream_resume_has_no_gap_or_duplicate"])
def resumes_with_a_duplicate(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    def request(scope: dict[str, Any]) -> None:
        if scope["path"].endswith("/events/stream"):
            header_drop(scope, b"last-event-id")
            query = scope["query_string"].decode()
            parts = [p if not p.startswith("since=") else f"since={max(0, int(p[6:]) - 1)}" for p in query.split("&")]
            scope["query_string"] = "&".join(parts).encode()

    return rewrite(app, request=request)


@mutant(["AXP-SSE-003"], ["stream_resume_has_no_gap_or_duplicate"])
def ignores_last_event_id(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    return rewrite(app, request=lambda scope: header_drop(scope, b"last-event-id"))


@mutant(["AXP-LC-006"], ["deadline_times_out"])
def ignores_deadlines(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    original = SQLiteTransaction.set_timer
    mp.setattr(SQLiteTransaction, "set_timer", lambda tx, timer: None if timer.kind == "deadline" else original(tx, timer))
    return app


@mutant(["AXP-HT-002"], ["human_task_waits_and_validates_answers"])
def accepts_any_task_outcome(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    svc = service(app)
    original = svc._answer_human_task

    def answer(tx: Any, intent: Any, who: Any, result: dict[str, Any]) -> Any:
        intent.doc["human_task"] = {**intent.doc["human_task"], "allowed_outcomes": [result["outcome"]]}
        return original(tx, intent, who, result)

    mp.setattr(svc, "_answer_human_task", answer)
    return app


@mutant(["AXP-AUTH-001"], ["every_operation_needs_a_credential"])
def no_401_without_key(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    def request(scope: dict[str, Any]) -> None:
        if not any(k == b"x-api-key" or k == b"authorization" for k, _ in scope["headers"]):
            scope["headers"] = [*scope["headers"], (b"x-api-key", b"axp-dev-client")]

    return rewrite(app, request=request)


@mutant(["AXP-ERR-001"], ["unknown_intent_is_404"])
def error_body_off_schema(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    def body(scope: dict[str, Any], raw: bytes) -> bytes:
        if raw.startswith(b'{"ok":false'):
            return json.dumps({"detail": json.loads(raw)["error"]["message"]}).encode()
        return raw

    return rewrite(app, body=body, buffer=True)


@mutant(["AXP-API-002"], ["unknown_intent_is_404"])
def unknown_intent_is_400(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Answers an intent id it cannot find 400 invalid_parameter (a consistent error, wrong rule)."""

    def start(scope: dict[str, Any], message: dict[str, Any]) -> None:
        if message["status"] == 404:
            message["status"] = 400

    def body(scope: dict[str, Any], raw: bytes) -> bytes:
        return raw.replace(b'"code":"intent_not_found"', b'"code":"invalid_parameter"').replace(
            b'"category":"not_found"', b'"category":"validation"'
        )

    return rewrite(app, start=start, body=body, buffer=True)


@mutant(["AXP-EV-002", "AXP-API-004", "AXP-EV-008", "AXP-EV-001"], ["events_since_is_exclusive", "get_intent_matches_last_event"])
def events_out_of_order(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    store = service(app).storage
    original = store.events_page

    async def reversed_page(intent_id: str, since: int, limit: int) -> Any:
        page = await original(intent_id, since, limit)
        return page._replace(events=list(reversed(page.events)))

    mp.setattr(store, "events_page", reversed_page)
    return app


@mutant(["AXP-SSE-006"], ["stream_closes_after_terminal_event"])
def keeps_stream_open_after_terminal(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    from axp.server import app as app_module

    mp.setattr(app_module, "LIFECYCLE", lifecycle_with(terminal=frozenset()))
    return app


@mutant(["AXP-AUTH-003"], ["only_addressed_agent_may_resume"])
def anyone_may_resume(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    svc = service(app)
    mp.setattr(svc, "_require_agent", lambda intent, who, what: None)
    return app


@mutant(["AXP-AUTH-004"], ["only_sender_may_cancel"])
def anyone_may_cancel(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    from axp.server.config import Principal

    svc = service(app)
    original = svc.cancel
    mp.setattr(
        svc,
        "cancel",
        lambda intent_id, who, body, key=None: original(intent_id, Principal(who.key, "admin", who.address), body, key),
    )
    return app


@mutant(["AXP-API-010"], ["request_id_and_trace_echo"])
def drops_trace_id(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    def start(scope: dict[str, Any], message: dict[str, Any]) -> None:
        message["headers"] = [(k, v) for k, v in message["headers"] if k.lower() != b"x-trace-id"]

    return rewrite(app, start=start)


@mutant(["AXP-DLV-002"], ["push_is_signed_and_retried"])
def signs_pushes_wrongly(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    mp.setattr(scheduler_module, "sign", lambda secret, body: "sha256=" + "0" * 64)
    return app


@mutant(["AXP-API-017"], ["controls_compare_and_set"])
def controls_without_compare_and_set(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    svc = service(app)
    original = svc.controls
    mp.setattr(
        svc,
        "controls",
        lambda intent_id, who, body, key=None: original(
            intent_id, who, {k: v for k, v in body.items() if k != "expected_policy_generation"}, key
        ),
    )
    return app


@mutant(["AXP-DLV-006"], ["agent_flow_ack_start_complete"])
def ack_does_nothing(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    svc = service(app)

    async def ack(intent_id: str, who: Any, body: Any = None, key: Any = None) -> dict[str, Any]:
        return {"ok": True, "applied": False, "intent": (await svc.load(intent_id, who)).doc, "event": None}

    mp.setattr(svc, "ack", ack)
    return app


@mutant(["AXP-SSE-005"], ["stream_sends_keepalives"])
def never_sends_keepalives(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    def body(scope: dict[str, Any], raw: bytes) -> bytes:
        return b"" if raw.startswith(b":") else raw

    return rewrite(app, body=body)


@mutant(["AXP-DLV-004"], ["push_gives_up_after_max_attempts"])
def retries_pushes_forever(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    original = service_module.IntentService._create

    def create(self: Any, tx: Any, who: Any, body: dict[str, Any], key: Any) -> Any:
        response = original(self, tx, who, body, key)
        intent = tx.get_intent_for_update(response["intent_id"])
        intent.doc["max_delivery_attempts"] = 100
        tx.update_intent(intent)
        return response

    mp.setattr(service_module.IntentService, "_create", create)
    return app


@mutant(["AXP-ID-001", "AXP-ID-002", "AXP-ID-003", "AXP-ID-004"], ["identifier_grammar_is_enforced"])
def accepts_malformed_identifiers(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    from axp.server import app as app_module
    from axp.validate import validator_for

    class Lenient:
        def __init__(self, name: str) -> None:
            self.inner = validator_for(name)

        def errors(self, value: Any) -> list[Any]:
            return [e for e in self.inner.errors(value) if e.rule not in ("pattern", "format", "additionalProperties")]

        def is_valid(self, value: Any) -> bool:
            return not self.errors(value)

    mp.setattr(app_module, "validator_for", Lenient)
    return app


@mutant(["AXP-LC-011"], ["resolve_straight_from_submitted"])
def completes_only_from_in_progress(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    mp.setattr(
        service_module,
        "LIFECYCLE",
        lifecycle_with(
            transitions={s: (t - {"COMPLETED"} if s != "IN_PROGRESS" else t) for s, t in LIFECYCLE.transitions.items()}
        ),
    )
    return app


@mutant(["AXP-GEN-003"], ["statuses_timestamps_and_actors"])
def timestamps_with_offsets(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    from datetime import datetime, timedelta, timezone

    mp.setattr(service_module, "now_iso", lambda: datetime.now(timezone(timedelta(hours=2))).isoformat())
    return app


@mutant(["AXP-AUTH-007"], ["strangers_cannot_see_or_resolve_intents"])
def everyone_sees_everything(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    mp.setattr(service(app), "visible", lambda intent, who: True)
    return app


@mutant(["AXP-IDEM-005"], ["idempotency_key_scope_and_format"])
def idempotency_keys_shared_across_principals(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    get, put = SQLiteTransaction.idempotency_get, SQLiteTransaction.idempotency_put
    mp.setattr(SQLiteTransaction, "idempotency_get", lambda tx, scope, key: get(tx, "shared", key))
    mp.setattr(SQLiteTransaction, "idempotency_put", lambda tx, record: put(tx, record._replace(scope="shared")))
    return app


@mutant(["AXP-API-008", "AXP-COR-003"], ["list_filters_and_cursor_pages"])
def list_ignores_the_cursor(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    store = service(app).storage
    original = store.list_intents

    async def from_the_start(**kw: Any) -> Any:
        return await original(**{**kw, "after_rowid": 0})

    mp.setattr(store, "list_intents", from_the_start)
    return app


@mutant(["AXP-HT-007"], ["task_result_needs_a_waiting_human_task"])
def task_result_completes_anything(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    svc = service(app)
    mp.setattr(
        svc,
        "_answer_human_task",
        lambda tx, intent, who, result: svc._move(
            tx, intent, "COMPLETED", who.address, details={"result": {"task_result": result}}
        ),
    )
    return app


@mutant(["AXP-API-005"], ["schema_fuzzing"])
def cuts_the_connection_on_bad_input(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Starts a 4xx answer to a GET, then dies before the body: the client sees a dropped
    connection, which schemathesis files under errors rather than failures."""

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        async def crash_after_start(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and scope.get("method") == "GET" and 400 <= message["status"] < 500:
                headers = [(k, v) for k, v in message["headers"] if k.lower() != b"content-length"]
                await send({**message, "headers": [*headers, (b"content-length", b"4096")]})
                raise RuntimeError("mutant: died mid-answer")
            await send(message)

        await app(scope, receive, crash_after_start if scope["type"] == "http" else send)

    wrapped.state = app.state  # type: ignore[attr-defined]
    return wrapped


@mutant(["AXP-API-019", "AXP-API-022"], ["only_interoperable_json_is_accepted"])
def parses_bodies_with_plain_json_loads(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Python's lenient parser: NaN and 1e400 are stored, deep nesting is a 500, the last of two equal names wins."""
    from axp.server import app as app_module

    mp.setattr(app_module.jsontext, "loads", lambda text, max_depth=None: json.loads(text))
    return app


@mutant(["AXP-API-022"], ["only_interoperable_json_is_accepted"])
def keeps_the_last_of_duplicate_names(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """A lenient front end re-serialises every create body it can parse, so of two equal member names
    the last silently wins; everything else the server judges as before."""
    return rewrite_json_body(app, "POST", "/v1/intents", lambda body: None)


@mutant(["AXP-AUTH-008"], ["push_registration_is_owner_only"])
def registers_anyones_push(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Whoever calls PUT .../push registers it, as if they were the agent in the path."""
    from axp.server.config import DEV_PRINCIPALS

    owner_key = {p.address.removeprefix("agent://"): p.key.encode() for p in DEV_PRINCIPALS}

    def as_owner(scope: dict[str, Any]) -> None:
        if scope["method"] == "PUT" and scope["path"].endswith("/push"):
            address = scope["path"].removeprefix("/v1/agents/").removesuffix("/push")
            header_drop(scope, b"x-api-key")
            scope["headers"].append((b"x-api-key", owner_key[address]))

    return rewrite(app, request=as_owner)


@mutant(["AXP-ENV-003"], ["request_bodies_are_closed_and_typed"])
def wraps_non_object_payloads(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Accepts any payload, wrapping a non-object one as {"value": ...}."""

    def wrap(body: dict[str, Any]) -> None:
        if "payload" in body and not isinstance(body["payload"], dict):
            body["payload"] = {"value": body["payload"]}

    return rewrite_json_body(app, "POST", "/v1/intents", wrap)


@mutant(["AXP-ENV-004"], ["request_bodies_are_closed_and_typed"])
def stringifies_metadata(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Coerces metadata into shape (values to strings, extra entries dropped) instead of refusing it."""

    def coerce(body: dict[str, Any]) -> None:
        if isinstance(body.get("payload"), dict) and isinstance(body.get("metadata"), dict):
            items = list(body["metadata"].items())[:64]
            body["metadata"] = {k: (v if isinstance(v, str) else json.dumps(v))[:2048] for k, v in items}

    return rewrite_json_body(app, "POST", "/v1/intents", coerce)


@mutant(["AXP-VER-001"], ["request_bodies_are_closed_and_typed"])
def ignores_unknown_request_fields(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Silently drops request fields it does not know instead of refusing them."""
    from axp import schemas

    known = {
        "/v1/intents": set(schemas.get("create_intent_request")["properties"]),
        "/resolve": set(schemas.get("resolve_request")["properties"]),
    }

    def drop_unknown(suffix: str) -> Callable[[dict[str, Any]], None]:
        def edit(body: dict[str, Any]) -> None:
            for key in set(body) - known[suffix]:
                del body[key]

        return edit

    return rewrite_json_body(
        rewrite_json_body(app, "POST", "/resolve", drop_unknown("/resolve")), "POST", "/v1/intents", drop_unknown("/v1/intents")
    )


@mutant(["AXP-SSE-009"], ["stream_and_events_list_agree"])
def stream_omits_actors(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """The SSE view drops each event's actor, so it no longer matches the list view."""

    def body(scope: dict[str, Any], raw: bytes) -> bytes:
        if scope["path"].endswith("/events/stream"):
            return re.sub(rb',"actor":"[^"]*"', b"", raw)
        return raw

    return rewrite(app, body=body)


@mutant(["AXP-TMR-005", "AXP-LC-003"], ["timers_stop_at_terminal"])
def timers_outlive_terminal(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """A scheduler that writes reminder events straight to storage, never asking whether the intent ended."""
    from axp.server.storage import Timer

    svc = service(app)

    def remind(tx: Any, intent_id: str) -> None:
        intent = tx.get_intent_for_update(intent_id)
        if intent is None:
            return
        seq = intent.last_seq + 1
        tx.append_event(
            {
                "intent_id": intent_id,
                "seq": seq,
                "event_type": "intent.reminder",
                "status": intent.status,
                "at": "2026-01-01T00:00:00Z",
                "actor": "platform",
            }
        )
        intent.doc["last_seq"] = seq
        tx.update_intent(intent)
        tx.set_timer(Timer(intent_id, "reminder", time.time() + 0.5, 0))

    async def fire_reminder(intent_id: str) -> None:
        await svc.storage.write(lambda tx: remind(tx, intent_id))

    mp.setattr(svc, "fire_reminder", fire_reminder)
    mp.setattr(SQLiteTransaction, "clear_timer", lambda tx, intent_id, kind: None)  # nor does a terminal status clear them
    return app


@mutant(["AXP-ENV-002"], ["push_is_signed_and_retried"])
def push_envelope_has_extra_fields(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    original = scheduler_module.envelope_of
    mp.setattr(scheduler_module, "envelope_of", lambda doc: {**original(doc), "priority": "high"})
    return app


@mutant(["AXP-ENV-001"], ["push_is_signed_and_retried"])
def push_envelope_without_version(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    original = scheduler_module.envelope_of
    mp.setattr(scheduler_module, "envelope_of", lambda doc: {k: v for k, v in original(doc).items() if k != "version"})
    return app


@mutant(["AXP-IDEM-008"], ["writes_honour_idempotency_keys"])
def idempotency_only_on_create(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Honours Idempotency-Key on create only: a retried resolve runs again (409 intent_terminal)."""
    svc = service(app)
    original = svc.idempotent

    def create_only(tx: Any, who: Any, operation: str, key: str | None, body: Any, write: Callable[[], Any]) -> Any:
        return original(tx, who, operation, key if operation == "POST /v1/intents" else None, body, write)

    mp.setattr(svc, "idempotent", create_only)
    return app


# ---- mutants for the decisions of issue 13 (ASGI-level where the behaviour is visible on the wire) ----


def _json_body_rewrite(app: ASGI, method: str, path: Callable[[str], bool], edit: Callable[[dict[str, Any], Any], Any]) -> ASGI:
    """Rewrite the JSON answer of matching requests: ``edit(scope, body)`` returns the new body."""

    def body(scope: dict[str, Any], raw: bytes) -> bytes:
        if scope["method"] != method or not path(scope["path"]) or not raw.startswith(b"{"):
            return raw
        return json.dumps(edit(scope, json.loads(raw))).encode()

    return rewrite(app, body=body, buffer=True)


@mutant(["AXP-LC-014"], ["repeating_the_current_status_is_refused_except_ack"])
def repeats_are_silent_no_ops(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Treats a resume into the current status as an ack-like repeat: 200 applied false instead of 409."""

    def start(scope: dict[str, Any], message: dict[str, Any]) -> None:
        if scope["path"].endswith("/resume") and message["status"] == 409:
            message["status"] = 200

    def body(scope: dict[str, Any], raw: bytes) -> bytes:
        if scope["path"].endswith("/resume") and b'"invalid_transition"' in raw:
            return b'{"ok":true,"applied":false,"intent":null,"event":null}'
        return raw

    return rewrite(app, start=start, body=body, buffer=True)


@mutant(["AXP-API-024"], ["resume_cancel_and_ack_need_no_body"])
def requires_a_body_everywhere(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Answers 422 schema_invalid to a resume, cancel or ack that has no body."""
    from starlette.responses import JSONResponse

    from axp import errors

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].endswith(("/resume", "/cancel", "/ack")):
            await app(scope, receive, send)
            return
        raw, more = b"", True
        while more:
            message = await receive()
            raw += message.get("body", b"")
            more = message.get("more_body", False)
        if not raw.strip():
            body = errors.error_body("schema_invalid", "a JSON body is required")
            await JSONResponse(body, status_code=422, headers={"x-request-id": "mutant"})(scope, receive, send)
            return

        async def replay() -> dict[str, Any]:
            return {"type": "http.request", "body": raw, "more_body": False}

        await app(scope, replay, send)

    wrapped.state = app.state  # type: ignore[attr-defined]
    return wrapped


@mutant(["AXP-API-021"], ["a_human_task_create_answers_waiting"])
def create_always_answers_submitted(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    def submitted(scope: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        return {**body, "status": "SUBMITTED"}

    return _json_body_rewrite(app, "POST", lambda path: path == "/v1/intents", submitted)


@mutant(["AXP-CAP-005"], ["unclaimed_capabilities_answer_like_unknown_routes"])
def serves_what_it_does_not_claim(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Lists neither intents.list nor agents.poll, but keeps serving both."""

    def drop(scope: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        return {**body, "capabilities": [c for c in body["capabilities"] if c not in ("intents.list", "agents.poll")]}

    return _json_body_rewrite(app, "GET", lambda path: path == "/v1/capabilities", drop)


@mutant(["AXP-EV-011"], ["platform_events_name_the_platform"])
def platform_signs_as_system(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    def body(scope: dict[str, Any], raw: bytes) -> bytes:
        return raw.replace(b'"actor":"platform"', b'"actor":"system"')

    return rewrite(app, body=body, buffer=True)


@mutant(["AXP-AUTH-010"], ["only_sender_may_change_controls"])
def anyone_may_change_controls(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Runs every controls patch as if the sender had sent it."""

    def as_sender(scope: dict[str, Any]) -> None:
        if scope["path"].endswith("/controls"):
            header_drop(scope, b"x-api-key")
            scope["headers"].append((b"x-api-key", b"axp-dev-client"))

    return rewrite(app, request=as_sender)


@mutant(["AXP-SSE-010"], ["stream_closes_after_terminal_event"])
def times_out_after_the_terminal_event(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    terminal = tuple(f"event: {LIFECYCLE.status_event[s]}\n".encode() for s in LIFECYCLE.terminal)

    def body(scope: dict[str, Any], raw: bytes) -> bytes:
        if scope["path"].endswith("/events/stream") and any(t in raw for t in terminal):
            return raw + b'event: stream.timeout\ndata: {"ok":true,"next_seq":1,"last_seq":0}\n\n'
        return raw

    return rewrite(app, body=body)


@mutant(["AXP-DLV-014"], ["one_record_per_intent_filtered_when_read"])
def poll_cursor_stalls_on_filtered_records(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """next_cursor only moves past records the page shows, so a page of filtered records never advances."""

    def stall(scope: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        query = dict(p.split("=", 1) for p in scope["query_string"].decode().split("&") if "=" in p)
        shown = [d["seq"] for d in body.get("deliveries", [])]
        return {**body, "next_cursor": max([int(query.get("since", 0)), *shown])}

    return _json_body_rewrite(app, "GET", lambda path: path.endswith("/intents") and path.startswith("/v1/agents/"), stall)


@mutant(["AXP-DLV-013"], ["handing_over_a_human_task_changes_nothing"])
def fails_waiting_intents_on_poll(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """A poll that hands over a WAITING intent fails it ("the agent cannot take a waiting task"),
    through the platform's own resolve, after answering the page."""
    import httpx

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not (path.startswith("/v1/agents/") and path.endswith("/intents")):
            await app(scope, receive, send)
            return
        chunks: list[bytes] = []

        async def keep(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await app(scope, receive, keep)
        key = dict(scope["headers"]).get(b"x-api-key", b"").decode()
        waiting = [d["intent_id"] for d in json.loads(b"".join(chunks)).get("deliveries", []) if d["status"] == "WAITING"]
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mutant") as inner:
            for intent_id in waiting:
                error = {"code": "agent_busy", "message": "cannot take a waiting task"}
                await inner.post(
                    f"/v1/intents/{intent_id}/resolve", json={"status": "FAILED", "error": error}, headers={"x-api-key": key}
                )

    wrapped.state = app.state  # type: ignore[attr-defined]
    return wrapped


@mutant(["AXP-DLV-015"], ["late_push_answers_change_nothing"])
def judges_push_answers_by_a_stale_status(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """The scheduler reads a pushed intent as still SUBMITTED when the answer comes back, so an agent
    that acknowledged meanwhile gets a second intent.delivered, or intent.delivery_failed and FAILED."""
    import sys

    real = SQLiteTransaction.get_intent_for_update

    def as_pushed(tx: Any, intent_id: str) -> Any:
        intent = real(tx, intent_id)
        from_push_answer = sys._getframe(1).f_code.co_qualname.startswith("IntentService.record_push_attempt")
        if intent is not None and from_push_answer and intent.status == "ACKNOWLEDGED":
            intent.doc["status"] = "SUBMITTED"
        return intent

    mp.setattr(SQLiteTransaction, "get_intent_for_update", as_pushed)
    return app


@mutant(["AXP-API-020"], ["requests_are_judged_in_order"])
def validates_before_authenticating(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Parses the body before looking at the credential: a caller without a key learns its body is bad."""
    from tests.mutants.broadened import error, intercept

    async def handler(scope: dict[str, Any], raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        names = {k.lower() for k, _ in scope["headers"]}
        if scope["method"] != "POST" or names & {b"x-api-key", b"authorization"}:
            return None
        try:
            json.loads(raw)
        except ValueError:
            return error("invalid_json", "the body is not JSON")
        return None

    return intercept(app, handler)


@mutant(["AXP-API-012"], ["unknown_routes_and_methods"])
def no_allow_on_405(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    def start(scope: dict[str, Any], message: dict[str, Any]) -> None:
        message["headers"] = [(k, v) for k, v in message["headers"] if k.lower() != b"allow"]

    return rewrite(app, start=start)


@mutant(["AXP-API-010"], ["request_id_and_trace_echo"])
def drops_bad_trace_ids(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Silently ignores an X-Trace-Id it cannot use instead of refusing it."""

    def drop(scope: dict[str, Any]) -> None:
        trace = dict(scope["headers"]).get(b"x-trace-id")
        if trace is not None and (len(trace) > 128 or re.search(rb"[^\x21-\x7e]", trace)):
            header_drop(scope, b"x-trace-id")

    return rewrite(app, request=drop)


@mutant(["AXP-AUTH-008"], ["push_registration_is_owner_only"])
def clients_register_their_own_push(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Lets any principal register the endpoint of its own address, whatever its role."""

    def as_admin(scope: dict[str, Any]) -> None:
        if scope["method"] == "PUT" and scope["path"] == "/v1/agents/local/dev/client/push":
            header_drop(scope, b"x-api-key")
            scope["headers"].append((b"x-api-key", b"axp-dev-admin"))

    return rewrite(app, request=as_admin)


@mutant(["AXP-IDEM-006"], ["numbers_compare_by_value"])
def compares_raw_bodies(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Treats two bodies as the same only when their bytes are: the key is scoped by a hash of the raw body."""
    import hashlib

    from tests.mutants.broadened import edit_requests, is_create

    def scoped(scope: dict[str, Any], raw: bytes) -> tuple[dict[str, Any], bytes]:
        tag = b"-" + hashlib.sha256(raw).hexdigest()[:8].encode()
        scope["headers"] = [(k, v + tag if k.lower() == b"idempotency-key" else v) for k, v in scope["headers"]]
        return scope, raw

    return edit_requests(app, is_create, scoped)


@mutant(["AXP-API-004"], ["events_since_is_exclusive"])
def has_more_is_always_false(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    def never(scope: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        return {**body, "has_more": False} if "next_seq" in body else body

    return _json_body_rewrite(app, "GET", lambda path: path.endswith("/events"), never)


@mutant(["AXP-HT-008"], ["human_wait_ends_only_with_a_task_result"])
def agent_skips_the_person(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Lets the agent's own resume end a human task's wait (continue, start, complete)."""
    mp.setattr(service_module.IntentService, "_human_gate", staticmethod(lambda intent: None))
    return app


@mutant(["AXP-TMR-007"], ["controls_rebase_reminders"])
def reminders_counted_from_creation(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Re-arms a patched reminder schedule from the intent's creation, so overdue reminders fire at once."""
    from axp.server.clock import parse_iso

    original = service_module.IntentService._schedule_timers

    def from_creation(self: Any, tx: Any, intent: Any, *, fresh: bool = False, reminder_from: float | None = None) -> None:
        start = None if reminder_from is None else parse_iso(intent.doc["created_at"])
        original(self, tx, intent, fresh=fresh, reminder_from=start)

    mp.setattr(service_module.IntentService, "_schedule_timers", from_creation)
    return app


from tests.mutants import broadened  # noqa: E402,F401 - registers the mutants of what the checks quantify over
from tests.mutants import compat as _compat  # noqa: E402, F401 - registers the axme profile's mutants
