"""Agent delivery: stream, poll, HTTP push with signatures and retries (optional capabilities)."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from axp.validate import validator_for
from conformance.context import Context
from conformance.registry import check

SECRET = "conformance-secret-0123456789"


def _agent_path(ctx: Context, suffix: str, address: str | None = None) -> str:
    return "/v1/agents/" + (address or ctx.target.agent_address).removeprefix("agent://") + suffix


@check("delivery", ["AXP-DLV-008", "AXP-DLV-009", "AXP-DLV-007", "AXP-ID-007"], capability="agents.poll")
def poll_delivers_and_marks_delivered(ctx: Context) -> None:
    """Polling hands a SUBMITTED intent over, moving it to DELIVERED, with a per-agent cursor."""
    intent_id = ctx.create()
    cursor = 0
    found: dict[str, Any] | None = None
    for _ in range(200):
        page = ctx.json_of(ctx.http("agent").get(_agent_path(ctx, "/intents"), params={"since": cursor, "limit": 200}))
        ctx.schema("agent_poll_response", page, "AXP-DLV-008")
        found = next((d for d in page["deliveries"] if d["intent_id"] == intent_id), None)
        if found or page["next_cursor"] == cursor:
            break
        cursor = page["next_cursor"]
    ctx.expect(found is not None, "the intent was never delivered by poll", "AXP-DLV-008")
    ctx.expect(ctx.events(intent_id)[-1]["status"] == "DELIVERED", "delivery must move the intent to DELIVERED", "AXP-DLV-009")


@check("delivery", ["AXP-DLV-001", "AXP-DLV-007"], capability="agents.stream")
def agent_stream_delivers_live_intents(ctx: Context) -> None:
    """The agent's SSE stream delivers its new intent and ends its window with stream.timeout."""
    path = _agent_path(ctx, "/intents/stream")
    _, frames, _ = ctx.sse(path, who="agent", params={"wait_seconds": 1})
    cursor = max([int(f["id"]) for f in frames if "id" in f and f.get("event") == "intent.delivered"] or [0])
    intent_id = ctx.create()
    _, frames, _ = ctx.sse(path, who="agent", params={"since": cursor, "wait_seconds": 1})
    records = [json.loads(f["data"]) for f in frames if f.get("event") == "intent.delivered"]
    for record in records:
        ctx.schema("agent_delivery", record, "AXP-DLV-007")
    ctx.expect(intent_id in [r["intent_id"] for r in records], "the new intent was not on the agent stream", "AXP-DLV-001")
    ctx.expect(frames[-1].get("event") == "stream.timeout", "the agent window must end with stream.timeout", "AXP-DLV-001")


class PushReceiver:
    """A real HTTP server on 127.0.0.1 that records pushes and answers 503 to the first ``failures``."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.pushes: list[tuple[dict[str, str], bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                outer.pushes.append(({k.lower(): v for k, v in self.headers.items()}, raw))
                self.send_response(503 if len(outer.pushes) <= outer.failures else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/axp-push"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _with_receiver(
    ctx: Context, failures: int, max_attempts: int, wanted: str, requirement: str
) -> tuple[list[tuple[dict[str, str], bytes]], list[dict[str, Any]]]:
    """Push to the second agent (whose deliveries no other check polls), counting only our intent's pushes."""
    receiver = PushReceiver(failures)
    path = _agent_path(ctx, "/push", ctx.target.agent2_address)
    try:
        reg = ctx.http("agent2").put(path, json={"url": receiver.url, "secret": SECRET})
        ctx.expect(reg.status_code == 200, f"push registration answered {reg.status_code}", "AXP-DLV-010")
        ctx.expect(SECRET not in reg.text, "the push secret was echoed", "AXP-DLV-010")
        intent_id = ctx.create(to_agent=ctx.target.agent2_address, max_delivery_attempts=max_attempts)
        events = ctx.wait_status(intent_id, wanted, 20, requirement)
        time.sleep(0.2)
        mine = [(h, raw) for h, raw in receiver.pushes if json.loads(raw).get("intent_id") == intent_id]
        return mine, events
    finally:
        receiver.close()


def envelope_rules(ctx: Context, envelope: Any) -> None:
    """The pushed envelope matches envelope.json (AXP-ENV-001) and adds no field of its own (AXP-ENV-002)."""
    problems = validator_for("envelope").errors(envelope)
    extra = [p.message for p in problems if p.rule in ("additionalProperties", "unevaluatedProperties")]
    ctx.expect(not extra, f"the envelope carries undefined fields: {extra[:1]}", "AXP-ENV-002")
    first = f"{problems[0].pointer or '/'}: {problems[0].message}" if problems else ""
    ctx.expect(not problems, f"the envelope breaks envelope.json: {first}", "AXP-ENV-001")


@check(
    "delivery",
    ["AXP-DLV-002", "AXP-DLV-003", "AXP-DLV-012", "AXP-DLV-010", "AXP-DLV-005", "AXP-ENV-001", "AXP-ENV-002"],
    capability="delivery.push",
    tags=["push", "serial"],
)
def push_is_signed_and_retried(ctx: Context) -> None:
    """Pushes carry a valid HMAC over the raw body, fresh delivery_id/sent_at, and are retried after failures."""
    pushes, events = _with_receiver(ctx, failures=1, max_attempts=3, wanted="DELIVERED", requirement="AXP-DLV-012")
    ctx.expect(len(pushes) >= 2, f"expected a retry after a 503, saw {len(pushes)} push(es)", "AXP-DLV-005")
    ids = set()
    for headers, raw in pushes:
        expected = "sha256=" + hmac.new(SECRET.encode(), raw, hashlib.sha256).hexdigest()
        ctx.expect(hmac.compare_digest(headers.get("x-axme-signature", ""), expected), "bad X-Axme-Signature", "AXP-DLV-002")
        body = json.loads(raw)
        envelope_rules(ctx, body.get("envelope"))
        ctx.schema("delivery", body, "AXP-DLV-003")
        ids.add(body["delivery_id"])
    ctx.expect(len(ids) == len(pushes), "delivery_id must be fresh per attempt", "AXP-DLV-003")
    ctx.expect("intent.delivery_failed" in [e["event_type"] for e in events], "no intent.delivery_failed event", "AXP-DLV-012")


@check("delivery", ["AXP-DLV-004"], capability="delivery.push", tags=["push", "serial"])
def push_gives_up_after_max_attempts(ctx: Context) -> None:
    """After max_delivery_attempts failed pushes the intent is FAILED with delivery_failed."""
    pushes, events = _with_receiver(ctx, failures=100, max_attempts=2, wanted="FAILED", requirement="AXP-DLV-004")
    ctx.expect(len(pushes) == 2, f"expected exactly 2 attempts, saw {len(pushes)}", "AXP-DLV-004")
    error = (events[-1].get("details") or {}).get("error") or {}
    ctx.expect(error.get("code") == "delivery_failed", f"FAILED must carry delivery_failed, got {error}", "AXP-DLV-004")
