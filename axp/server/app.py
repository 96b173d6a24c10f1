"""The ASGI application: routes, authentication, request validation, error model, SSE windows.

Everything a client can get wrong is answered with the spec's error model; only a server bug
reaches the 500 handler, which still answers the error model.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import axp
from axp import errors, jsontext
from axp.capabilities import core_names
from axp.console import console_routes
from axp.lifecycle import LIFECYCLE
from axp.server import params
from axp.server.config import Principal, ServerConfig
from axp.server.errors import ApiError
from axp.server.scheduler import Scheduler
from axp.server.service import IntentService
from axp.server.sse import Poll, window
from axp.server.storage.sqlite import SQLiteStorage
from axp.validate import validator_for

log = logging.getLogger("axp.server")
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
IDEMPOTENCY_RE = re.compile(r"^[\x21-\x7e]{1,255}$")
OPTIONAL_CAPABILITIES = (
    "intents.list",
    "intents.cancel",
    "intents.resume",
    "intents.ack",
    "intents.controls",
    "agents.stream",
    "agents.poll",
    "delivery.push",
    "deadlines",
    "reminders",
    "escalation",
    "human_tasks",
)
MAX_WAIT = 60
MAX_TRACE_ID = 128
MAX_INTEGER = 2**63 - 1  # SQLite's integer range: larger cursors cannot exist


def error_response(
    code: str, message: str, details: dict[str, Any] | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    status = errors.lookup(code).http_status
    if status in (429, 503) and "Retry-After" not in (headers or {}):
        headers = {**(headers or {}), "Retry-After": "1"}
    return JSONResponse(errors.error_body(code, message, details=details), status_code=status, headers=headers)


class RequestContext:
    """Per-request helpers: the authenticated principal, parsed parameters and the JSON body."""

    def __init__(self, request: Request, principals: dict[str, Principal], max_body: int, max_depth: int) -> None:
        self.request = request
        self._principals = principals
        self._max_body = max_body
        self._max_depth = max_depth

    def principal(self) -> Principal:
        headers = self.request.headers
        key = headers.get("x-api-key")
        if not key:
            auth = headers.get("authorization", "")
            scheme, _, token = auth.partition(" ")
            key = token.strip() if scheme.lower() == "bearer" else ""
        if not key:
            raise ApiError("missing_api_key", "send an API key in x-api-key or Authorization: Bearer")
        found = self._principals.get(key)
        if found is None:
            raise ApiError("auth_failed", "the API key is not known to this server")
        return found

    def int_param(self, name: str, default: int, low: int, high: int | None = None) -> int:
        raw = self.request.query_params.get(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ApiError("invalid_parameter", f"{name} must be an integer, not {raw!r}") from None
        top = MAX_INTEGER if high is None else high
        if value < low or value > top:
            raise ApiError("invalid_parameter", f"{name} must be between {low} and {top}, not {value}")
        return value

    def statuses(self, default: frozenset[str]) -> frozenset[str]:
        raw = self.request.query_params.get("status")
        if raw is None:
            return default
        values = frozenset(s.strip() for s in raw.split(","))
        unknown = values - set(LIFECYCLE.statuses)
        if unknown:
            raise ApiError("invalid_parameter", f"unknown status {', '.join(sorted(unknown))}")
        return values

    def idempotency_key(self) -> str | None:
        key = self.request.headers.get("idempotency-key")
        if key is None:
            return None
        if not IDEMPOTENCY_RE.match(key):
            raise ApiError("invalid_parameter", "Idempotency-Key must be 1 to 255 visible ASCII characters")
        return key

    async def body(self, schema: str, *, optional: bool = False) -> dict[str, Any]:
        length = self.request.headers.get("content-length")
        if length and length.isdigit() and int(length) > self._max_body:
            raise ApiError("payload_too_large", f"bodies are limited to {self._max_body} bytes")
        raw = b""
        async for chunk in self.request.stream():
            raw += chunk
            if len(raw) > self._max_body:
                raise ApiError("payload_too_large", f"bodies are limited to {self._max_body} bytes")
        if not raw.strip():
            if optional:
                return {}
            raise ApiError("schema_invalid", "a JSON body is required", {"errors": [{"pointer": "", "message": "missing body"}]})
        ctype = self.request.headers.get("content-type", "")
        if ctype.split(";")[0].strip().lower() not in ("application/json", ""):
            raise ApiError("unsupported_media_type", f"send application/json, not {ctype}")
        try:
            value = jsontext.loads(raw.decode("utf-8"), max_depth=self._max_depth)
        except UnicodeDecodeError as exc:
            raise ApiError("invalid_json", f"the body is not UTF-8 (byte {exc.start})") from None
        except jsontext.JSONTextError as exc:
            raise ApiError("invalid_json", f"the body is not valid JSON: {exc.located()}") from None
        problems = validator_for(schema).errors(value)
        if problems:
            raise ApiError(
                "schema_invalid", f"the body does not match {schema}.json", {"errors": [p.to_dict() for p in problems[:50]]}
            )
        return dict(value)


def intent_id_param(request: Request) -> str:
    value = str(request.path_params["intent_id"])
    if not UUID_RE.match(value):
        raise ApiError("intent_not_found", f"no intent {value[:64]}")
    return value.lower()


def agent_param(request: Request) -> str:
    p = request.path_params
    address = f"agent://{p['org']}/{p['workspace']}/{p['name']}"
    from axp.server.config import is_agent_address

    if not is_agent_address(address):
        raise ApiError("invalid_agent_address", f"{address} is not an agent address")
    return address


def create_app(config: ServerConfig) -> Starlette:
    storage = SQLiteStorage(config.db_path)
    service = IntentService(storage)
    scheduler = Scheduler(service, config)
    principals = {p.key: p for p in config.principals}

    def ctx(request: Request) -> RequestContext:
        return RequestContext(request, principals, config.max_body_bytes, config.max_json_depth)

    Handler = Callable[[Request], Awaitable[Response]]

    def endpoint(fn: Handler) -> Handler:
        async def wrapped(request: Request) -> Response:
            try:
                route = request.scope.get("route")
                if route is not None:
                    params.check(request.method, route.path, request.query_params, request.headers)
                return await fn(request)
            except ApiError as exc:
                return error_response(exc.code, exc.message, exc.details, exc.headers)

        return wrapped

    async def health(request: Request) -> Response:
        return JSONResponse({"ok": True, "version": axp.__version__})

    async def capabilities(request: Request) -> Response:
        return JSONResponse(
            {
                "ok": True,
                "protocol_version": "v1",
                "capabilities": core_names() + list(OPTIONAL_CAPABILITIES),
                "supported_intent_types": ["*"],
                "limits": {"max_body_bytes": config.max_body_bytes, "max_wait_seconds": MAX_WAIT},
            }
        )

    async def create_intent(request: Request) -> Response:
        c = ctx(request)
        who = c.principal()
        key = c.idempotency_key()
        body = await c.body("create_intent_request")
        status, payload = service.create(who, body, key)
        return JSONResponse(payload, status_code=status)

    async def list_intents(request: Request) -> Response:
        c = ctx(request)
        who = c.principal()
        limit = c.int_param("limit", 50, 1, 200)
        cursor = request.query_params.get("cursor")
        after = 0
        if cursor is not None:
            if not cursor.isdigit() or len(cursor) > 18:
                raise ApiError("invalid_parameter", "cursor is not one this server issued")
            after = int(cursor)
        statuses = c.statuses(frozenset())
        to_agent = request.query_params.get("to_agent")
        correlation_id = request.query_params.get("correlation_id")
        if to_agent is not None and len(to_agent) > 383:
            raise ApiError("invalid_parameter", "to_agent is at most 383 characters")
        if correlation_id is not None and not UUID_RE.match(correlation_id):
            raise ApiError("invalid_parameter", "correlation_id must be a UUID")
        rows = storage.list_intents(
            visible_to=None if who.is_admin else who.address,
            status=sorted(statuses) or None,
            to_agent=to_agent,
            correlation_id=correlation_id,
            after_rowid=after,
            limit=limit + 1,
        )
        more = len(rows) > limit
        rows = rows[:limit]
        return JSONResponse(
            {"ok": True, "intents": [r.doc for r in rows], "next_cursor": str(rows[-1].rowid) if more else None, "has_more": more}
        )

    async def get_intent(request: Request) -> Response:
        who = ctx(request).principal()
        return JSONResponse({"ok": True, "intent": service.load(intent_id_param(request), who).doc})

    async def list_events(request: Request) -> Response:
        c = ctx(request)
        who = c.principal()
        intent = service.load(intent_id_param(request), who)
        since = c.int_param("since", 0, 0)
        limit = c.int_param("limit", 1000, 1, 1000)
        events = storage.events_after(intent.intent_id, since, limit)
        return JSONResponse({"ok": True, "events": events, "next_seq": intent.last_seq + 1})

    def cursor_of(c: RequestContext) -> int:
        since = c.int_param("since", 0, 0)
        last = c.request.headers.get("last-event-id")
        if last is not None and last.strip():
            if not last.strip().isdigit() or int(last.strip()) > MAX_INTEGER:
                raise ApiError("invalid_parameter", "Last-Event-ID must be a non-negative integer")
            since = max(since, int(last.strip()))
        return since

    async def stream_events(request: Request) -> Response:
        c = ctx(request)
        who = c.principal()
        intent_id = intent_id_param(request)
        service.load(intent_id, who)
        cursor = cursor_of(c)
        wait = c.int_param("wait_seconds", 15, 1, MAX_WAIT)

        def poll(position: int) -> Poll:
            events = storage.events_after(intent_id, position, 500)
            found = Poll(position=position)
            for event in events:
                found.frames.append((event["event_type"], event, event["seq"]))
                found.position = event["seq"]
                if LIFECYCLE.is_terminal(event["status"]):
                    found.close_after = True
                    return found
            if not events:
                current = storage.get_intent(intent_id)
                found.last_seq = current.last_seq if current else position
                found.nothing_more = (
                    current is not None and LIFECYCLE.is_terminal(current.status) and position >= current.last_seq
                )
            return found

        frames = window(poll, cursor, wait, config.keepalive_seconds, service.notifier)
        return StreamingResponse(
            frames, media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
        )

    def intent_write(schema: str, operation: str, *, optional: bool = False) -> Handler:
        """A POST /v1/intents/{intent_id}/<op> handler: auth, id, key format, body schema, then the service."""

        async def handler(request: Request) -> Response:
            c = ctx(request)
            who = c.principal()
            intent_id = intent_id_param(request)
            key = c.idempotency_key()
            body = await c.body(schema, optional=optional)
            write = getattr(service, operation)
            scope = f"POST /v1/intents/{intent_id}/{operation}"
            return JSONResponse(service.idempotent(who, scope, key, body, lambda: write(intent_id, who, body)))

        return handler

    resolve = intent_write("resolve_request", "resolve")
    resume = intent_write("resume_request", "resume", optional=True)
    cancel = intent_write("cancel_request", "cancel", optional=True)
    ack = intent_write("ack_request", "ack", optional=True)
    controls = intent_write("controls_request", "controls")

    def agent_access(c: RequestContext) -> tuple[Principal, str]:
        who = c.principal()
        agent = agent_param(c.request)
        if not (who.is_admin or who.address == agent):
            raise ApiError("policy_denied", f"only {agent} may read its deliveries")
        return who, agent

    live = frozenset(s for s in LIFECYCLE.statuses if not LIFECYCLE.is_terminal(s))

    async def poll_agent(request: Request) -> Response:
        c = ctx(request)
        _, agent = agent_access(c)
        since = c.int_param("since", 0, 0)
        limit = c.int_param("limit", 50, 1, 200)
        records = service.deliveries(agent, since, limit, live)
        cursor = max([since] + [r.get("seq", r.get("skip", 0)) for r in records])
        return JSONResponse({"ok": True, "deliveries": [r for r in records if "skip" not in r], "next_cursor": cursor})

    async def stream_agent(request: Request) -> Response:
        c = ctx(request)
        _, agent = agent_access(c)
        cursor = cursor_of(c)
        wait = c.int_param("wait_seconds", 15, 1, MAX_WAIT)
        statuses = c.statuses(live)

        def poll(position: int) -> Poll:
            found = Poll(position=position, last_seq=position)
            for record in service.deliveries(agent, position, 200, statuses):
                if "skip" in record:
                    found.position = record["skip"]
                    continue
                found.position = record["seq"]
                found.frames.append(("intent.delivered", record, record["seq"]))
            return found

        frames = window(poll, cursor, wait, config.keepalive_seconds, service.notifier)
        return StreamingResponse(
            frames, media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
        )

    async def register_push(request: Request) -> Response:
        c = ctx(request)
        who, agent = agent_access(c)
        if who.address != agent:
            raise ApiError("policy_denied", "only the agent itself may register its push endpoint")
        body = await c.body("push_registration_request")
        service.register_push(agent, body["url"], body["secret"])
        return JSONResponse({"ok": True, "agent": agent, "url": body["url"], "secret_hint": body["secret"][-4:]})

    routes = [
        Route("/health", endpoint(health), methods=["GET"]),
        Route("/v1/capabilities", endpoint(capabilities), methods=["GET"]),
        Route("/v1/intents", endpoint(create_intent), methods=["POST"]),
        Route("/v1/intents", endpoint(list_intents), methods=["GET"]),
        Route("/v1/intents/{intent_id}", endpoint(get_intent), methods=["GET"]),
        Route("/v1/intents/{intent_id}/events", endpoint(list_events), methods=["GET"]),
        Route("/v1/intents/{intent_id}/events/stream", endpoint(stream_events), methods=["GET"]),
        Route("/v1/intents/{intent_id}/resolve", endpoint(resolve), methods=["POST"]),
        Route("/v1/intents/{intent_id}/resume", endpoint(resume), methods=["POST"]),
        Route("/v1/intents/{intent_id}/cancel", endpoint(cancel), methods=["POST"]),
        Route("/v1/intents/{intent_id}/ack", endpoint(ack), methods=["POST"]),
        Route("/v1/intents/{intent_id}/controls", endpoint(controls), methods=["POST"]),
        Route("/v1/agents/{org}/{workspace}/{name}/intents/stream", endpoint(stream_agent), methods=["GET"]),
        Route("/v1/agents/{org}/{workspace}/{name}/intents", endpoint(poll_agent), methods=["GET"]),
        Route("/v1/agents/{org}/{workspace}/{name}/push", endpoint(register_push), methods=["PUT"]),
        *console_routes(config),  # the web console at /ui/, a client of the routes above
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 405:
            return error_response("method_not_allowed", f"{request.method} is not allowed on {request.url.path}")
        return error_response("not_found", f"no route {request.url.path}")

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return error_response("internal_error", "the server hit an unexpected error")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        service.notifier.bind(asyncio.get_running_loop())
        await scheduler.start()
        try:
            yield
        finally:
            await scheduler.stop()
            storage.close()

    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={HTTPException: http_error, Exception: server_error})
    app.state.service = service
    app.state.config = config
    return RequestIdMiddleware(app, log_requests=config.log_requests)  # type: ignore[return-value]


class RequestIdMiddleware:
    """Adds x-request-id (and echoes X-Trace-Id) on every answer, streams included; logs one line per request."""

    def __init__(self, app: ASGIApp, *, log_requests: bool) -> None:
        self.app = app
        self.log_requests = log_requests
        self.state = getattr(app, "state", None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex[:16]
        trace = next((v for k, v in scope.get("headers", []) if k == b"x-trace-id"), None)
        if trace is not None and len(trace) > MAX_TRACE_ID:
            response = error_response("invalid_parameter", f"X-Trace-Id is limited to {MAX_TRACE_ID} characters")
            response.headers["x-request-id"] = request_id
            await response(scope, receive, send)
            return
        started = time.monotonic()
        status_holder = {"status": 0}

        async def send_with_ids(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                if trace is not None:
                    headers.append((b"x-trace-id", trace))
                message["headers"] = headers
                status_holder["status"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_ids)
        finally:
            if self.log_requests:
                log.info(
                    "%s %s %s %.1fms id=%s",
                    scope.get("method"),
                    scope.get("path"),
                    status_holder["status"],
                    (time.monotonic() - started) * 1000,
                    request_id,
                )
