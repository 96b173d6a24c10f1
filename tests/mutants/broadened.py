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
from tests.mutants import ASGI, mutant, rewrite

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
        delivered = False

        async def replay() -> dict[str, Any]:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": raw, "more_body": False}

        await app(scope, replay, send)

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
