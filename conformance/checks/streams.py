"""SSE windows: frames, resume, window end, close after terminal, keepalive."""

from __future__ import annotations

import json
import threading
import time
import uuid

from conformance.context import Context
from conformance.registry import check


def _events(frames: list[dict[str, str]]) -> list[dict[str, object]]:
    return [json.loads(f["data"]) for f in frames if f.get("event", "").startswith("intent.")]


@check("streams", ["AXP-SSE-001", "AXP-SSE-002", "AXP-SSE-004"])
def stream_frames_and_window_end(ctx: Context) -> None:
    """text/event-stream; id/event/data frames matching event.json; stream.timeout {ok, next_seq} at the end."""
    intent_id = ctx.create()
    response, frames, _ = ctx.sse(f"/v1/intents/{intent_id}/events/stream", params={"wait_seconds": 1})
    ctx.expect(response.status_code == 200, f"stream answered {response.status_code}", "AXP-SSE-001")
    ctx.expect(
        response.headers.get("content-type", "").startswith("text/event-stream"),
        f"content type {response.headers.get('content-type')}",
        "AXP-SSE-001",
    )
    ctx.expect(bool(frames) and frames[-1].get("event") == "stream.timeout", "window must end with stream.timeout", "AXP-SSE-004")
    for frame in frames[:-1]:
        ctx.expect({"id", "event", "data"} <= set(frame), f"frame lacks id/event/data: {frame}", "AXP-SSE-002")
        event = json.loads(frame["data"])
        ctx.schema("event", event, "AXP-SSE-002")
        ctx.expect(
            frame["event"] == event["event_type"] and frame["id"] == str(event["seq"]),
            "event:/id: lines must match the event",
            "AXP-SSE-002",
        )
    timeout = json.loads(frames[-1]["data"])
    ctx.schema("stream_timeout", timeout, "AXP-SSE-004")
    ctx.check_stream(ctx.stream_events(frames, intent_id))


@check("streams", ["AXP-SSE-003"], capability="intents.resume")
def stream_resume_has_no_gap_or_duplicate(ctx: Context) -> None:
    """Resuming with since and with Last-Event-ID replays each later event exactly once."""
    intent_id = ctx.create()
    agent = ctx.http("agent")
    path = f"/v1/intents/{intent_id}/events/stream"
    _, first, _ = ctx.sse(path, params={"since": 0, "wait_seconds": 1})
    seen = [int(f["id"]) for f in first if "id" in f and f.get("event", "").startswith("intent.")]
    started = agent.post(f"/v1/intents/{intent_id}/resume", json={"action": "start"})
    ctx.expect(started.status_code == 200, f"resume start answered {started.status_code}", "AXP-API-015")
    _, second, _ = ctx.sse(path, params={"wait_seconds": 1}, headers={"Last-Event-ID": str(seen[-1])})
    seen += [int(f["id"]) for f in second if f.get("event", "").startswith("intent.")]
    ctx.expect(seen == list(range(1, len(seen) + 1)), f"seqs across a Last-Event-ID resume: {seen}", "AXP-SSE-003")
    waiting = agent.post(f"/v1/intents/{intent_id}/resume", json={"action": "wait", "waiting_reason": "WAITING_FOR_TOOL"})
    ctx.expect(waiting.status_code == 200, f"resume wait answered {waiting.status_code}", "AXP-API-015")
    _, third, _ = ctx.sse(path, params={"since": seen[-1], "wait_seconds": 1}, headers={"Last-Event-ID": "1"})
    more = [int(f["id"]) for f in third if f.get("event", "").startswith("intent.")]
    # Other principals may add events meanwhile (a poll delivers the intent), so compare with the log itself.
    expected = [e["seq"] for e in ctx.events(intent_id) if e["seq"] > seen[-1]][: len(more) or 1]
    log = [(e["seq"], e["event_type"], e.get("actor")) for e in ctx.events(intent_id)]
    ctx.expect(
        bool(more) and more == expected,
        f"since={seen[-1]} with Last-Event-ID 1 replayed {more}, the log after it has {expected}; whole log {log}",
        "AXP-SSE-003",
    )


@check("streams", ["AXP-SSE-006", "AXP-SSE-008", "AXP-SSE-010"])
def stream_closes_after_terminal_event(ctx: Context) -> None:
    """A live window ends right after the terminal event, which is its last frame (also when replayed);
    a window on a finished intent whose cursor is past its end ends at once with stream.timeout."""
    intent_id = ctx.create()
    answers: list[int] = []

    def finish() -> None:
        time.sleep(0.5)
        try:
            answers.append(
                ctx.http().post(f"/v1/intents/{intent_id}/resolve", json={"status": "COMPLETED", "result": {}}).status_code
            )
        except Exception:  # noqa: BLE001 - judged in the check's own thread below
            answers.append(0)

    finisher = threading.Thread(target=finish, daemon=True)
    finisher.start()
    started = time.monotonic()
    _, frames, _ = ctx.sse(f"/v1/intents/{intent_id}/events/stream", params={"wait_seconds": 20}, limit=25)
    took = time.monotonic() - started
    finisher.join(timeout=30)
    ctx.expect(answers == [200], f"the resolve that ends the intent answered {answers or 'nothing'}", "AXP-API-007")
    events = [f for f in frames if f.get("event", "").startswith("intent.")]
    ctx.expect(bool(events) and events[-1]["event"] == "intent.completed", "the terminal event was not streamed", "AXP-SSE-006")
    ctx.expect(took < 10, f"the stream stayed open {took:.1f}s after the terminal event", "AXP-SSE-006")
    ctx.expect(frames[-1].get("event") == "intent.completed", f"frames after the terminal event: {frames[-1]}", "AXP-SSE-010")
    _, replayed, _ = ctx.sse(f"/v1/intents/{intent_id}/events/stream", params={"since": 0, "wait_seconds": 20}, limit=25)
    ctx.expect(
        bool(replayed) and replayed[-1].get("event") == "intent.completed",
        f"a replay must end with the terminal event, not {replayed[-1] if replayed else 'nothing'}",
        "AXP-SSE-010",
    )
    last_seq = ctx.events(intent_id)[-1]["seq"]
    started = time.monotonic()
    _, after, _ = ctx.sse(f"/v1/intents/{intent_id}/events/stream", params={"since": last_seq, "wait_seconds": 20}, limit=25)
    took = time.monotonic() - started
    # "At once" on a busy machine: well under the 20 s the window would otherwise wait.
    ctx.expect(
        took < 10 and bool(after) and after[-1].get("event") == "stream.timeout",
        f"a window on a finished intent must end at once with stream.timeout (it took {took:.1f}s)",
        "AXP-SSE-008",
    )


@check("streams", ["AXP-SSE-007"])
def stream_of_unknown_intent_is_404(ctx: Context) -> None:
    """The stream of an unknown intent is a JSON 404, not a stream."""
    response, _, _ = ctx.sse(f"/v1/intents/{uuid.uuid4()}/events/stream", params={"wait_seconds": 1})
    ctx.expect_error(response, 404, "intent_not_found", "AXP-SSE-007")


@check("streams", ["AXP-SSE-005"], tags=["slow"])
def stream_sends_keepalives(ctx: Context) -> None:
    """An idle window carries a comment line within 15 seconds."""
    intent_id = ctx.create()
    started = time.monotonic()
    _, _, raw = ctx.sse(
        f"/v1/intents/{intent_id}/events/stream",
        params={"since": 2, "wait_seconds": 16},
        limit=20,
        until=lambda text: "\n:" in "\n" + text,
    )
    log = [(e["seq"], e["event_type"], e.get("actor")) for e in ctx.events(intent_id)]
    ctx.expect(
        "\n:" in "\n" + raw,
        f"no keepalive comment in {time.monotonic() - started:.0f}s of idle stream; stream {raw[-300:]!r}; log {log}",
        "AXP-SSE-005",
    )


@check("streams", ["AXP-SSE-009"])
def stream_and_events_list_agree(ctx: Context) -> None:
    """The SSE stream and GET .../events return the same events for the same intent."""
    intent_id = ctx.create()
    ctx.http().post(f"/v1/intents/{intent_id}/resolve", json={"status": "CANCELED", "reason": "compare views"})
    listed = ctx.events(intent_id)
    _, frames, _ = ctx.sse(f"/v1/intents/{intent_id}/events/stream", params={"since": 0, "wait_seconds": 2})
    streamed = [json.loads(f["data"]) for f in frames if f.get("event", "").startswith("intent.")]
    ctx.expect(streamed == listed, f"stream gave {streamed}, the list gave {listed}", "AXP-SSE-009")
