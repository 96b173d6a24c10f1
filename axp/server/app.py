"""The ASGI application: a route table of module-level endpoints, the error model, SSE windows.

Why it is wired this way: endpoints are plain functions that read ``request.app.state``, errors
travel as exceptions to Starlette's ``exception_handlers``, and the routes come from one table
(:data:`OPERATIONS`) tagged with the capability each belongs to, so a server that does not claim
a capability simply has no route for it. Every endpoint checks in the order of decision D1:
routing (Starlette: 404/405 with ``Allow``), then the credential (401), then parameters, headers
and body (400/413/415/422 — parameter rules come from spec/openapi.yaml via ``params.check``),
then visibility and authorization (404/403, in the service), then state (409).

Everything a client can get wrong is answered with the spec's error model; a storage fault is
503 with ``Retry-After`` (D11); only a server bug reaches the 500 handler, which still answers
the error model and says ``Connection: close`` because the server drops that connection.
"""

from __future__ import annotations

import itertools
import logging
import re
import secrets
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Collection
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse as StarletteJSONResponse
from starlette.responses import Response
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import axp
from axp import errors, jsontext, schemas
from axp.capabilities import core_names, vocabulary
from axp.console import console_routes
from axp.lifecycle import LIFECYCLE
from axp.server import compat, params
from axp.server.config import KeyRing, Principal, ServerConfig, is_agent_address
from axp.server.encoding import json_bytes
from axp.server.errors import ApiError
from axp.server.notify import Subscription
from axp.server.protocol import HEAD_BYTES, MAX_HEAD_BYTES
from axp.server.scheduler import Scheduler
from axp.server.service import IntentService
from axp.server.sse import EventStream, Poll, opening, window
from axp.server.storage import Storage, StorageFault, open_storage
from axp.validate import validator_for

log = logging.getLogger("axp.server")
UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
DIGITS = re.compile(r"[0-9]{1,18}")  # ASCII only: int() would also take "²" or "١" (issue 9, item 5)
TRACE_ID = re.compile(rb"[\x21-\x7e]{1,128}")  # decision D6
MAX_WAIT = 60
MAX_INTEGER = 2**63 - 1  # SQLite's and PostgreSQL's bigint range: larger cursors cannot exist
LIVE = frozenset(s for s in LIFECYCLE.statuses if not LIFECYCLE.is_terminal(s))
STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
RETRY_AFTER_SECONDS = "1"
EVENTS_PAGE = 500  # events one look of an intent stream reads
DELIVERIES_PAGE = 200  # delivery records one look of an agent stream reads


class JSONResponse(StarletteJSONResponse):
    """Starlette's JSON answer, encoded by msgspec (see ``encoding.json_bytes``)."""

    def render(self, content: Any) -> bytes:
        return json_bytes(content)


def error_response(
    code: str, message: str, details: dict[str, Any] | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    status = errors.lookup(code).http_status
    if status in (429, 503) and "Retry-After" not in (headers or {}):
        headers = {**(headers or {}), "Retry-After": RETRY_AFTER_SECONDS}
    return JSONResponse(errors.error_body(code, message, details=details), status_code=status, headers=headers)


# ---- what every endpoint does first (decision D1) ------------------------------------------------


def service(request: Request) -> IntentService:
    return request.app.state.service


def config(request: Request) -> ServerConfig:
    return request.app.state.config


def headers_of(request: Request) -> dict[str, str]:
    """The request's headers as a plain dict (lower-case names, the first of repeated ones, as
    Starlette's ``Headers.get``). Starlette finds a missing header by raising and catching
    KeyError; with three or four absent optional headers per request that showed in profiles."""
    found: dict[str, str] | None = request.scope.get("axp.headers")
    if found is None:
        found = {k.decode("latin-1"): v.decode("latin-1") for k, v in reversed(request.scope["headers"])}
        request.scope["axp.headers"] = found
    return found


def query_of(request: Request) -> dict[str, str]:
    """The query parameters as a plain dict (the last of repeated ones, as Starlette's ``get``)."""
    found: dict[str, str] | None = request.scope.get("axp.query")
    if found is None:  # most requests have no query: no QueryParams to build then
        found = request.scope["axp.query"] = dict(request.query_params) if request.scope["query_string"] else {}
    return found


def principal(request: Request) -> Principal:
    """The caller, from ``x-api-key`` or ``Authorization: Bearer`` (401 otherwise)."""
    headers = headers_of(request)
    key = headers.get("x-api-key")
    if not key:
        scheme, _, token = headers.get("authorization", "").partition(" ")
        key = token.strip() if scheme.lower() == "bearer" else ""
    if not key:
        raise ApiError("missing_api_key", "send an API key in x-api-key or Authorization: Bearer")
    keys: KeyRing = request.app.state.keys
    found = keys.find(key)
    if found is None:
        raise ApiError("auth_failed", "the API key is not known to this server")
    return found


def check_parameters(request: Request) -> None:
    """Query and header parameters against their schemas in spec/openapi.yaml."""
    route = request.scope.get("route")
    if route is not None:
        template = compat.AGENT_STREAM if route.path == compat.SHORT_AGENT_STREAM else route.path
        params.check(request.method, template, query_of(request), headers_of(request))


def admit(request: Request) -> Principal:
    """Credential first, then the declared parameters."""
    who = principal(request)
    check_parameters(request)
    return who


def query_int(request: Request, name: str, default: int) -> int:
    """An integer parameter ``params.check`` already vetted against its declared bounds."""
    raw = query_of(request).get(name)
    if raw is None:
        return default
    value = int(raw)
    if value > MAX_INTEGER:
        raise ApiError("invalid_parameter", f"{name} must be at most {MAX_INTEGER}, not {raw[:40]}")
    return value


def stream_cursor(request: Request) -> int:
    """The larger of ``since`` and ``Last-Event-ID`` (AXP-SSE-003); both vetted by ``params.check``."""
    since = query_int(request, "since", 0)
    last = headers_of(request).get("last-event-id")
    return max(since, int(last)) if last else since


def status_filter(request: Request, default: frozenset[str]) -> frozenset[str]:
    raw = query_of(request).get("status")
    if raw is None:
        return default
    values = frozenset(raw.split(","))
    unknown = values - set(LIFECYCLE.statuses)
    if unknown:
        raise ApiError("invalid_parameter", f"unknown status {', '.join(sorted(unknown))}")
    return values


def is_json_media_type(value: str) -> bool:
    """``application/json``, alone or with ``charset=utf-8`` (any case, quotes allowed): decision D3.
    Parameters other than charset are ignored (AXP-API-011)."""
    media, _, rest = value.partition(";")
    if media.strip().lower() != "application/json":
        return False
    for parameter in rest.split(";"):
        name, _, val = parameter.partition("=")
        if name.strip().lower() == "charset" and val.strip().strip('"').lower() != "utf-8":
            return False
    return True


async def whole_body(request: Request) -> bytes:
    """The body of a request with a Content-Length, read once. Like ``request.body()`` without the
    async generator and ``aclosing`` it runs for every request (they showed in profiles); nothing
    reads the body twice."""
    chunks: list[bytes] = []
    while True:
        message = await request.receive()
        if message["type"] != "http.request":
            raise ClientDisconnect()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


async def read_json(request: Request, schema: str, *, optional: bool = False) -> dict[str, Any]:
    """The request body, parsed strictly and checked against ``schemas/v1/<schema>.json``."""
    limit = config(request).max_body_bytes
    length = headers_of(request).get("content-length")
    if length and length.isdigit():
        if int(length) > limit:
            raise ApiError("payload_too_large", f"bodies are limited to {limit} bytes")
        raw = await whole_body(request)  # the server reads no more than Content-Length
    else:  # chunked: count as it comes
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ApiError("payload_too_large", f"bodies are limited to {limit} bytes")
            chunks.append(chunk)
        raw = b"".join(chunks)
    if not raw.strip():
        if optional:
            return {}
        raise ApiError("schema_invalid", "a JSON body is required", {"errors": [{"pointer": "", "message": "missing body"}]})
    ctype = headers_of(request).get("content-type", "")
    if ctype and not is_json_media_type(ctype):
        raise ApiError("unsupported_media_type", f"send application/json (charset utf-8 if any), not {ctype[:100]}")
    try:
        value = jsontext.loads(raw.decode("utf-8"), max_depth=config(request).max_json_depth)
    except UnicodeDecodeError as exc:
        raise ApiError("invalid_json", f"the body is not UTF-8 (byte {exc.start})") from None
    except jsontext.JSONTextError as exc:
        raise ApiError("invalid_json", f"the body is not valid JSON: {exc.located()}") from None
    validator = validator_for(schema)
    if validator.is_valid(value):
        return dict(value)
    problems = validator.errors(value)
    if problems:
        mapped = compat_mapping(request, schema, value)
        if mapped is None:
            raise ApiError(
                "schema_invalid", f"the body does not match {schema}.json", {"errors": [p.to_dict() for p in problems[:50]]}
            )
        request.state.compat = mapped
        return mapped.body
    return dict(value)


def compat_mapping(request: Request, schema: str, value: Any) -> compat.Mapped | None:
    """The canonical request a body the schema refused stands for under the server's compatibility
    profile (spec/16-compat-axme.md), or None: no profile, or no rule of it applies."""
    if config(request).compat != compat.PROFILE:
        return None
    try:
        mapped = compat.translate(schema, value)
    except compat.Refused as exc:
        raise ApiError(
            "schema_invalid", f"the axme profile does not read this body: {exc.message}", {"errors": [exc.problem()]}
        ) from None
    if mapped is None:
        return None
    problems = compat.problems(schema, mapped)
    if problems:
        raise ApiError(
            "schema_invalid",
            f"the body does not match {schema}.json, even as the axme profile reads it ({', '.join(mapped.rules)})",
            {"errors": [p.to_dict() for p in problems[:50]]},
        )
    return mapped


def intent_id_param(request: Request) -> str:
    value = str(request.path_params["intent_id"])
    if not UUID_RE.fullmatch(value):
        raise ApiError("intent_not_found", f"no intent {value[:64]}")
    return value.lower()


def agent_param(request: Request) -> str:
    p = request.path_params
    if "workspace" in p:
        address = f"agent://{p['org']}/{p['workspace']}/{p['name']}"
    else:  # the two-segment path of the axme profile (AXP-CMP-005)
        address = compat.long_address(p["org"], p["name"])
    if not is_agent_address(address):
        raise ApiError("invalid_agent_address", f"{address[:400]} is not an agent address")
    return address


def agent_access(request: Request) -> tuple[Principal, str]:
    """The caller and the agent in the path, once the caller may read that agent's deliveries."""
    who = admit(request)
    agent = agent_param(request)
    if not (who.is_admin or who.address == agent):
        raise ApiError("policy_denied", f"only {agent} may read its deliveries")
    return who, agent


def idempotency_key(request: Request) -> str | None:
    return headers_of(request).get("idempotency-key")  # its format is declared in openapi.yaml


# ---- endpoints -----------------------------------------------------------------------------------


async def health(request: Request) -> Response:
    check_parameters(request)
    store = request.app.state.storage
    # Commits and the writes they carried (group commit: several writes share one commit and its
    # fsync); bench/server.py prints writes per commit from these. Retries (PostgreSQL): units run
    # again after a lost race, units and reads run again on a connection found dead (before COMMIT).
    # Counts only, nothing private.
    commits = int(getattr(store, "commits", 0))
    stats = {"commits": commits, "writes": int(getattr(store, "writes", commits)), "retries": int(getattr(store, "retries", 0))}
    return JSONResponse({"ok": True, "version": axp.__version__, "storage": stats})


async def capabilities(request: Request) -> Response:
    check_parameters(request)
    cfg = config(request)
    return JSONResponse(
        {
            "ok": True,
            "protocol_version": "v1",
            "capabilities": list(request.app.state.capabilities),
            "supported_intent_types": list(compat.SUPPORTED_INTENT_TYPES) if cfg.compat == compat.PROFILE else ["*"],
            "limits": {"max_body_bytes": cfg.max_body_bytes, "max_wait_seconds": MAX_WAIT},
        }
    )


async def create_intent(request: Request) -> Response:
    who = admit(request)
    body = await read_json(request, "create_intent_request")
    return JSONResponse(await service(request).create(who, body, idempotency_key(request)))


async def list_intents(request: Request) -> Response:
    who = admit(request)
    limit = query_int(request, "limit", 50)
    query = query_of(request)
    cursor = query.get("cursor")
    if cursor is not None and not DIGITS.fullmatch(cursor):
        raise ApiError("invalid_parameter", "cursor is not one this server issued")
    statuses = status_filter(request, frozenset())
    rows = await service(request).list_intents(
        who,
        status=sorted(statuses) or None,
        to_agent=query.get("to_agent"),
        correlation_id=query.get("correlation_id"),
        after=int(cursor) if cursor else 0,
        limit=limit + 1,
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return JSONResponse(
        {"ok": True, "intents": [r.doc for r in rows], "next_cursor": str(rows[-1].rowid) if more else None, "has_more": more}
    )


async def get_intent(request: Request) -> Response:
    who = admit(request)
    intent = await service(request).load(intent_id_param(request), who)
    return JSONResponse({"ok": True, "intent": intent.doc})


async def list_events(request: Request) -> Response:
    who = admit(request)
    since = query_int(request, "since", 0)
    limit = query_int(request, "limit", 1000)
    page = await service(request).events(intent_id_param(request), who, since, limit)
    assert page.intent is not None
    # One snapshot holds both, so has_more is exact: events after the last one returned exist (AXP-API-004).
    last = page.events[-1]["seq"] if page.events else since
    body = {"ok": True, "events": page.events, "next_seq": page.intent.last_seq + 1, "has_more": last < page.intent.last_seq}
    return JSONResponse(body)


def event_stream(frames: AsyncGenerator[bytes, None], subscription: Subscription) -> EventStream:
    return EventStream(frames, subscription, STREAM_HEADERS)


async def stream_events(request: Request) -> Response:
    who = admit(request)
    cursor = stream_cursor(request)
    wait = query_int(request, "wait_seconds", 15)
    svc = service(request)
    intent_id = intent_id_param(request)

    async def poll(position: int) -> Poll:
        page = await svc.events(intent_id, who, position, EVENTS_PAGE)
        found = Poll(position=position, more=len(page.events) == EVENTS_PAGE)
        for event in page.events:
            found.frames.append((event["event_type"], event, event["seq"]))
            found.position = event["seq"]
            if LIFECYCLE.is_terminal(event["status"]):
                found.close_after = True
                return found
        if not page.events:
            current = page.intent
            found.last_seq = current.last_seq if current else position
            found.nothing_more = current is not None and LIFECYCLE.is_terminal(current.status) and position >= current.last_seq
        return found

    watching = svc.watch_intent(intent_id)
    first = await opening(poll, cursor, watching)  # 404 for an intent the caller cannot see
    return event_stream(window(poll, first, cursor, wait, config(request).keepalive_seconds, watching), watching)


async def _write(request: Request, operation: str, schema: str, *, optional: bool = False) -> Response:
    """A POST /v1/intents/{intent_id}/<operation>: credential, parameters, body, then the service."""
    who = admit(request)
    body = await read_json(request, schema, optional=optional)
    intent_id = intent_id_param(request)
    svc = service(request)
    if operation == "resume" and config(request).compat == compat.PROFILE and compat.is_step_approval(body):
        noop = compat.approval_answer((await svc.load(intent_id, who)).doc)  # AXP-CMP-012
        if noop is not None:
            return JSONResponse(noop)
    mapped: compat.Mapped | None = getattr(request.state, "compat", None)
    write: Callable[..., Awaitable[dict[str, Any]]] = getattr(svc, operation)
    return JSONResponse(await write(intent_id, who, body, idempotency_key(request), **(mapped.options if mapped else {})))


async def resolve_intent(request: Request) -> Response:
    return await _write(request, "resolve", "resolve_request")


async def resume_intent(request: Request) -> Response:
    return await _write(request, "resume", "resume_request", optional=True)


async def cancel_intent(request: Request) -> Response:
    return await _write(request, "cancel", "cancel_request", optional=True)


async def ack_intent(request: Request) -> Response:
    return await _write(request, "ack", "ack_request", optional=True)


async def update_controls(request: Request) -> Response:
    return await _write(request, "controls", "controls_request")


async def poll_agent(request: Request) -> Response:
    _, agent = agent_access(request)
    since = query_int(request, "since", 0)
    limit = query_int(request, "limit", 50)
    records = await service(request).deliveries(agent, since, limit, LIVE)
    cursor = max([since] + [r.get("seq", r.get("skip", 0)) for r in records])
    return JSONResponse({"ok": True, "deliveries": [r for r in records if "skip" not in r], "next_cursor": cursor})


async def stream_agent(request: Request) -> Response:
    _, agent = agent_access(request)
    cursor = stream_cursor(request)
    wait = query_int(request, "wait_seconds", 15)
    statuses = status_filter(request, LIVE)
    svc = service(request)

    async def poll(position: int) -> Poll:
        records = await svc.deliveries(agent, position, DELIVERIES_PAGE, statuses)
        found = Poll(position=position, last_seq=position, more=len(records) == DELIVERIES_PAGE)
        for record in records:
            if "skip" in record:
                found.position = record["skip"]
                continue
            found.position = record["seq"]
            found.frames.append(("intent.delivered", record, record["seq"]))
        return found

    watching = svc.watch_agent(agent)
    first = await opening(poll, cursor, watching)
    cfg = config(request)
    # A window that has handed records over ends after a short quiet period (AXP-DLV-016).
    frames = window(poll, first, cursor, wait, cfg.keepalive_seconds, watching, quiet=cfg.agent_quiet_seconds)
    return event_stream(frames, watching)


async def register_push(request: Request) -> Response:
    who = admit(request)
    agent = agent_param(request)
    body = await read_json(request, "push_registration_request")
    # Decision D8: the agent itself (an agent-role principal at that address) or an admin.
    if not (who.is_admin or (who.role == "agent" and who.address == agent)):
        raise ApiError("policy_denied", "only the agent itself or an admin may register its push endpoint")
    await service(request).register_push(agent, body["url"], body["secret"])
    return JSONResponse({"ok": True, "agent": agent, "url": body["url"], "secret_hint": body["secret"][-4:]})


# ---- the route table -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    endpoint: Callable[[Request], Awaitable[Response]]
    capability: str | None  # the capability that brings this route; None: always served
    profile: str | None = None  # served only under this compatibility profile


AGENT = "/v1/agents/{org}/{workspace}/{name}"
OPERATIONS: tuple[Operation, ...] = (
    Operation("GET", "/health", health, None),
    Operation("GET", "/v1/capabilities", capabilities, None),
    Operation("POST", "/v1/intents", create_intent, "intents.create"),
    Operation("GET", "/v1/intents", list_intents, "intents.list"),
    Operation("GET", "/v1/intents/{intent_id}", get_intent, "intents.get"),
    Operation("GET", "/v1/intents/{intent_id}/events", list_events, "intents.events"),
    Operation("GET", "/v1/intents/{intent_id}/events/stream", stream_events, "intents.events.stream"),
    Operation("POST", "/v1/intents/{intent_id}/resolve", resolve_intent, "intents.resolve"),
    Operation("POST", "/v1/intents/{intent_id}/resume", resume_intent, "intents.resume"),
    Operation("POST", "/v1/intents/{intent_id}/cancel", cancel_intent, "intents.cancel"),
    Operation("POST", "/v1/intents/{intent_id}/ack", ack_intent, "intents.ack"),
    Operation("POST", "/v1/intents/{intent_id}/controls", update_controls, "intents.controls"),
    Operation("GET", AGENT + "/intents/stream", stream_agent, "agents.stream"),
    Operation("GET", compat.SHORT_AGENT_STREAM, stream_agent, "agents.stream", compat.PROFILE),
    Operation("GET", AGENT + "/intents", poll_agent, "agents.poll"),
    Operation("PUT", AGENT + "/push", register_push, "delivery.push"),
)


def claimed_capabilities(cfg: ServerConfig) -> tuple[str, ...]:
    """Core capabilities plus the optional ones the config claims (all of them by default), and the
    compatibility profile's capability only when the profile is on (strict by default)."""
    optional = [c.name for c in vocabulary() if not c.core and c.name != compat.CAPABILITY]
    chosen = optional if cfg.capabilities is None else [c for c in optional if c in cfg.capabilities]
    profile = [compat.CAPABILITY] if cfg.compat == compat.PROFILE else []
    return tuple(core_names() + chosen + profile)


def routes(claimed: Collection[str], profile: str | None = None) -> list[Route]:
    return [
        Route(op.path, op.endpoint, methods=[op.method])
        for op in OPERATIONS
        if (op.capability is None or op.capability in claimed) and op.profile in (None, profile)
    ]


# ---- exception handlers --------------------------------------------------------------------------


async def on_api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc.code, exc.message, exc.details, exc.headers)


async def on_storage_fault(request: Request, exc: Exception) -> Response:
    log.warning("storage fault on %s %s: %s", request.method, request.url.path, exc)
    return error_response(
        "unavailable", "the server cannot store this now; retry later", headers={"Retry-After": RETRY_AFTER_SECONDS}
    )


def allowed_methods(request: Request) -> list[str]:
    """Every method the route table serves at this path (the 405 ``Allow`` header, D1)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        if isinstance(route, Route) and route.matches(request.scope)[0] != Match.NONE:
            methods |= route.methods or set()
    return sorted(methods)


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        response = error_response("method_not_allowed", f"{request.method} is not allowed on {request.url.path[:200]}")
        response.headers["Allow"] = ", ".join(allowed_methods(request))
        return response
    return error_response("not_found", f"no route {request.url.path[:200]}")


async def on_server_error(request: Request, exc: Exception) -> Response:
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    response = error_response("internal_error", "the server hit an unexpected error")
    # Starlette re-raises after this answer and the server then drops the connection: say so.
    response.headers["Connection"] = "close"
    for name, value in request.scope.get("axp.echo", ()):
        response.headers[name.decode()] = value.decode()
    return response


# ---- the app -------------------------------------------------------------------------------------


def create_app(cfg: ServerConfig, storage: Storage | None = None) -> Starlette:
    """The reference server on ``storage`` (by default the database ``cfg.db_path`` names)."""
    store = (
        storage
        if storage is not None
        else open_storage(cfg.db_path, pool_size=cfg.db_pool_size, lease_seconds=cfg.timer_lease_seconds)
    )
    params.warm()  # the first request must not pay for reading the spec
    for name in schemas.names():
        if name.endswith("_request"):
            validator_for(name)
    svc = IntentService(store)
    scheduler = Scheduler(svc, store, cfg)
    claimed = claimed_capabilities(cfg)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await store.start()
        await scheduler.start()
        try:
            yield
        finally:
            await scheduler.stop()
            await store.close()

    app = Starlette(
        routes=[*routes(claimed, cfg.compat), *console_routes(cfg)],  # the web console at /ui/ is a client of the API
        middleware=[Middleware(RequestIdMiddleware, log_requests=cfg.log_requests)],
        exception_handlers={
            ApiError: on_api_error,
            StorageFault: on_storage_fault,
            HTTPException: on_http_error,
            Exception: on_server_error,
        },
        lifespan=lifespan,
    )
    app.state.config = cfg
    app.state.service = svc
    app.state.storage = store
    app.state.keys = KeyRing(cfg.principals)
    app.state.capabilities = claimed
    return app


class RequestIdMiddleware:
    """Adds x-request-id (and echoes a well-formed X-Trace-Id, D6) on every answer, streams included;
    logs one line per request. A malformed X-Trace-Id is refused by ``params.check`` after the
    credential, as D1 orders it; it is just not echoed."""

    def __init__(self, app: ASGIApp, *, log_requests: bool) -> None:
        self.app = app
        self.log_requests = log_requests
        # Unique per request and per process, without a random-number syscall per request.
        self.prefix = secrets.token_hex(4)
        self.serial = itertools.count()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = f"{self.prefix}{next(self.serial):08x}"
        echo = [(b"x-request-id", request_id.encode())]
        head = scope.get(HEAD_BYTES)  # counted by our httptools protocol while parsing
        if head is None:
            head = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
            head += sum(len(k) + len(v) + 4 for k, v in scope["headers"])
        if head > MAX_HEAD_BYTES:  # httptools stops before this; h11 is bounded here the same way
            response = error_response("invalid_parameter", f"the request line and headers exceed {MAX_HEAD_BYTES} bytes")
            response.headers.update({k.decode(): v.decode() for k, v in echo} | {"Connection": "close"})
            await response(scope, receive, send)
            return
        trace = next((v for k, v in scope["headers"] if k == b"x-trace-id"), None)
        if trace is not None and TRACE_ID.fullmatch(trace):
            echo.append((b"x-trace-id", trace))
        scope["axp.echo"] = echo
        started = time.monotonic()
        status = 0

        async def send_with_ids(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *echo]
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_ids)
        finally:
            if self.log_requests and log.isEnabledFor(logging.INFO):
                log.info(
                    "%s %s %s %.1fms id=%s",
                    scope.get("method"),
                    scope.get("path"),
                    status,
                    (time.monotonic() - started) * 1000,
                    request_id,
                )
