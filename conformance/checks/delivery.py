"""Agent delivery: stream, poll, HTTP push with signatures and retries (optional capabilities)."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from axp.lifecycle import LIFECYCLE
from axp.validate import validator_for
from conformance.context import Context
from conformance.registry import HarnessError, NotApplicable, check

SECRET = "conformance-secret-0123456789"
LIVE = [s for s in LIFECYCLE.statuses if not LIFECYCLE.is_terminal(s)]


def _agent_path(ctx: Context, suffix: str, address: str | None = None) -> str:
    return "/v1/agents/" + (address or ctx.target.agent_address).removeprefix("agent://") + suffix


@check("delivery", ["AXP-DLV-008", "AXP-DLV-009", "AXP-DLV-007", "AXP-ID-007"], capability="agents.poll", tags=["serial"])
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


@check("delivery", ["AXP-DLV-001", "AXP-DLV-007"], capability="agents.stream", tags=["serial"])
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


@check("delivery", ["AXP-DLV-016", "AXP-DLV-001"], capability="agents.stream", tags=["serial"])
def agent_window_ends_soon_after_deliveries(ctx: Context) -> None:
    """Read whole, as the TypeScript SDK reads them, agent windows with wait_seconds 30 end soon
    after the records they carry, so a new intent reaches such a client at once.

    The intent is created 0.3 s into a window. Its id is known only once the create answers, which
    on a busy machine can come after the window carrying it has ended: every window's records are
    remembered with the time it ended, and the create is waited for before they are searched. The
    time is counted from the create's answer, so how long the server took to answer the create is
    not blamed on the window."""
    path = _agent_path(ctx, "/intents/stream")
    _, frames, _ = ctx.sse(path, who="agent", params={"wait_seconds": 1})
    cursor = max([int(f["id"]) for f in frames if "id" in f and f.get("event") == "intent.delivered"] or [0])
    created: list[tuple[str, float]] = []
    raised: list[BaseException] = []

    def send() -> None:
        try:
            intent_id = ctx.create()
        except BaseException as exc:  # noqa: BLE001 - judged in the check's own thread
            raised.append(exc)
            return
        created.append((intent_id, time.monotonic()))

    later = threading.Timer(0.3, send)
    later.start()
    ended: dict[str, float] = {}  # intent id -> when the window that carried it ended
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            _, frames, _ = ctx.sse(path, who="agent", params={"since": cursor, "wait_seconds": 30}, limit=10)
            now = time.monotonic()
            closed = bool(frames) and frames[-1].get("event") == "stream.timeout"
            ctx.expect(closed, "an agent window with wait_seconds 30 was still open after 10 s", "AXP-DLV-016")
            records = [json.loads(f["data"]) for f in frames if f.get("event") == "intent.delivered"]
            cursor = max([cursor] + [int(r["seq"]) for r in records])
            for record in records:
                ended.setdefault(str(record["intent_id"]), now)
            later.join()  # the create has answered (or failed): its id is known
            if raised:
                raise raised[0]
            intent_id, answered = created[0]
            if intent_id in ended:
                took = ended[intent_id] - answered
                # The spec allows a quiet period of up to 1 s; 5 s leaves room for a busy machine
                # and still fails a window that waits out its 30 s.
                ctx.expect(took < 5, f"the window carrying the new intent ended {took:.1f}s after its create", "AXP-DLV-016")
                return
        ctx.fail("the new intent never came on the agent stream", "AXP-DLV-001")
    finally:
        later.join()


class PushReceiver:
    """A real HTTP server on 127.0.0.1 that records pushes and answers 503 to the first ``failures``
    pushes of each intent (``success``, 200 by default, to the others); ``before_answer`` runs on
    each push body before the answer goes back (as a slow receiver would).

    Failures are counted per intent because the second agent's endpoint is shared: another check's
    intent for it (or a retry of one pushed while an earlier receiver was registered) may arrive
    first, and must not take the 503 meant for the check's own intent."""

    def __init__(self, failures: int, before_answer: Callable[[dict[str, Any]], None] | None = None, success: int = 200) -> None:
        self.failures = failures
        self.lock = threading.Lock()
        self.pushes: list[tuple[dict[str, str], bytes]] = []
        self.errors: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with outer.lock:
                    outer.pushes.append(({k.lower(): v for k, v in self.headers.items()}, raw))
                    attempt = len(pushes_of(outer, intent_of(raw)))
                if before_answer is not None:
                    try:
                        before_answer(json.loads(raw))
                    except Exception as exc:  # noqa: BLE001 - a receiver thread must answer whatever happens
                        outer.errors.append(f"{type(exc).__name__}: {exc}")
                self.send_response(503 if attempt <= outer.failures else success)
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
        mine = [(h, raw) for h, raw in list(receiver.pushes) if intent_of(raw) == intent_id]
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


def intent_of(raw: bytes) -> object:
    """The intent_id a push body names (None when it is not a JSON object naming one)."""
    try:
        body = json.loads(raw)
    except ValueError:
        return None
    return body.get("intent_id") if isinstance(body, dict) else None


def pushes_of(receiver: PushReceiver, intent_id: object) -> list[bytes]:
    return [raw for _, raw in list(receiver.pushes) if intent_of(raw) == intent_id]


def _records(ctx: Context, since: int, statuses: str) -> list[dict[str, Any]]:
    """The agent stream's records after ``since`` with a status filter (one short window)."""
    path = _agent_path(ctx, "/intents/stream")
    _, frames, _ = ctx.sse(path, who="agent", params={"since": since, "status": statuses, "wait_seconds": 1})
    return [json.loads(f["data"]) for f in frames if f.get("event") == "intent.delivered"]


@check("delivery", ["AXP-DLV-014", "AXP-DLV-008", "AXP-DLV-001"], capability="agents.poll", tags=["serial"])
def one_record_per_intent_filtered_when_read(ctx: Context) -> None:
    """Each intent has one record whose cursor never changes; the status filter applies at read time; a
    poll page whose only record is filtered out still moves next_cursor past it."""
    if "agents.stream" not in ctx.target.capabilities:
        raise NotApplicable("needs agents.stream as well")
    live, ended = ctx.create(), ctx.create()
    ctx.http().post(f"/v1/intents/{ended}/resolve", json={"status": "CANCELED", "reason": "filtered out"})
    canceled = [r for r in _records(ctx, 0, "CANCELED") if r["intent_id"] in (live, ended)]
    ctx.expect(
        [r["intent_id"] for r in canceled] == [ended],
        f"status=CANCELED must show the canceled intent once and the live one never: {[r['intent_id'] for r in canceled]}",
        "AXP-DLV-014",
    )
    cursor = int(canceled[0]["seq"])
    found = [r for r in _records(ctx, 0, ",".join(LIVE)) if r["intent_id"] == live]
    ctx.expect(len(found) == 1, f"the live intent has {len(found)} records on a live filter", "AXP-DLV-014")
    ctx.expect(int(found[0]["seq"]) < cursor, "a later intent's record must have a larger cursor", "AXP-DLV-014")
    page = ctx.json_of(ctx.http("agent").get(_agent_path(ctx, "/intents"), params={"since": cursor - 1, "limit": 1}))
    ctx.schema("agent_poll_response", page, "AXP-DLV-008")
    ctx.expect(ended not in [d["intent_id"] for d in page["deliveries"]], "poll handed over a canceled intent", "AXP-DLV-001")
    ctx.expect(
        page["next_cursor"] >= cursor,
        f"next_cursor {page['next_cursor']} did not move past the filtered record at {cursor}: a client would stall",
        "AXP-DLV-014",
    )
    ctx.http().post(f"/v1/intents/{live}/resolve", json={"status": "COMPLETED", "result": {}})
    done = [r for r in _records(ctx, 0, "COMPLETED") if r["intent_id"] == live]
    ctx.expect(
        [int(r["seq"]) for r in done] == [int(found[0]["seq"])],
        f"after completing, the intent's records are {[r['seq'] for r in done]}, not its one record {found[0]['seq']}",
        "AXP-DLV-014",
    )


@check("delivery", ["AXP-DLV-013"], capability="human_tasks", tags=["serial"])
def handing_over_a_human_task_changes_nothing(ctx: Context) -> None:
    """A WAITING human task reaches its agent by stream and poll, and neither changes its status or log."""
    if not {"agents.poll", "agents.stream"} <= set(ctx.target.capabilities):
        raise NotApplicable("needs agents.poll and agents.stream")
    intent_id = ctx.create(human_task={"title": "Approve the refund"})
    before = ctx.events(intent_id)
    streamed = [r for r in _records(ctx, 0, "WAITING") if r["intent_id"] == intent_id]
    ctx.expect(len(streamed) == 1, f"the human task was streamed {len(streamed)} times", "AXP-DLV-013")
    ctx.schema("agent_delivery", streamed[0], "AXP-DLV-007")
    cursor = int(streamed[0]["seq"])
    page = ctx.json_of(ctx.http("agent").get(_agent_path(ctx, "/intents"), params={"since": cursor - 1, "limit": 1}))
    ctx.expect(
        intent_id in [d["intent_id"] for d in page.get("deliveries", [])], "poll did not hand the human task over", "AXP-DLV-013"
    )
    time.sleep(1.0)  # room for a wrong platform to act on the hand-over after it answered the poll
    after = ctx.events(intent_id)
    ctx.expect(
        after == before,
        f"handing over a WAITING intent changed its log: {[e['event_type'] for e in after[len(before) :]]}",
        "AXP-DLV-013",
    )


@check("delivery", ["AXP-DLV-015"], capability="delivery.push", tags=["push", "serial"])
def late_push_answers_change_nothing(ctx: Context) -> None:
    """The agent acknowledges while the push is in flight: a 503 that arrives afterwards records no
    failure (even with max_delivery_attempts 1), a 200 no second delivery, and no attempt follows."""
    if "intents.ack" not in ctx.target.capabilities:
        raise NotApplicable("needs intents.ack to move the intent on during the push")
    agent2 = ctx.http("agent2")
    path = _agent_path(ctx, "/push", ctx.target.agent2_address)
    for answer in (503, 200):
        created = threading.Event()
        mine: dict[str, str] = {}

        def ack_first(body: dict[str, Any], created: threading.Event = created, mine: dict[str, str] = mine) -> None:
            # Other checks' intents for the same agent may be pushed here too: only ours is acknowledged.
            if created.wait(10) and body.get("intent_id") == mine.get("id"):
                agent2.post(f"/v1/intents/{body['intent_id']}/ack")

        receiver = PushReceiver(failures=1 if answer == 503 else 0, before_answer=ack_first)
        try:
            reg = agent2.put(path, json={"url": receiver.url, "secret": SECRET})
            ctx.expect(reg.status_code == 200, f"push registration answered {reg.status_code}", "AXP-DLV-010")
            mine["id"] = ctx.create(to_agent=ctx.target.agent2_address, max_delivery_attempts=1)
            created.set()
            intent_id = mine["id"]
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and not pushes_of(receiver, intent_id):
                time.sleep(0.1)
            time.sleep(1.5)  # room for a wrong platform to record the late answer, or to push again
            pushes = pushes_of(receiver, intent_id)
        finally:
            receiver.close()
        if receiver.errors:
            raise HarnessError(f"the push receiver could not acknowledge: {receiver.errors[0]}")
        ctx.expect(bool(pushes), "the intent was never pushed", "AXP-DLV-015")
        events = ctx.events(intent_id, since=0)
        types = [e["event_type"] for e in events]
        ctx.expect(len(pushes) == 1, f"{len(pushes)} pushes after the intent left SUBMITTED", "AXP-DLV-015")
        unchanged = events[-1]["status"] == "ACKNOWLEDGED" and types.count("intent.delivered") == 1
        ctx.expect(
            unchanged and "intent.delivery_failed" not in types,
            f"a late {answer} changed an acknowledged intent: {types}",
            "AXP-DLV-015",
        )
