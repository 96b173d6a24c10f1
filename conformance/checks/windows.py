"""SSE windows over everything they range over: both streams (an intent's and an agent's), every
way of giving a cursor, every out-of-range wait_seconds, every kind of terminal event, event data
that a careless encoder would split over several lines."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from conformance.context import Context
from conformance.registry import HarnessError, NotApplicable, check


def _ids(frames: list[dict[str, str]], prefix: str = "intent.") -> list[int]:
    return [int(f["id"]) for f in frames if f.get("event", "").startswith(prefix) and "id" in f]


@check("streams", ["AXP-SSE-003"])
def intent_stream_cursor_is_the_larger_of_since_and_last_event_id(ctx: Context) -> None:
    """On an intent's stream the cursor is the larger of since and Last-Event-ID, whichever carries it,
    and the window replays exactly the events after it."""
    intent_id = ctx.create()
    done = ctx.http().post(f"/v1/intents/{intent_id}/resolve", json={"status": "COMPLETED", "result": {}})
    ctx.expect(done.status_code == 200, f"resolve answered {done.status_code}", "AXP-API-007")
    log = [e["seq"] for e in ctx.events(intent_id)]
    path = f"/v1/intents/{intent_id}/events/stream"
    for since, last_event_id in ((1, None), (None, "1"), (1, "2"), (2, "1"), (0, "2")):
        params: dict[str, Any] = {"wait_seconds": 1}
        if since is not None:
            params["since"] = since
        headers = {"Last-Event-ID": last_event_id} if last_event_id else None
        _, frames, _ = ctx.sse(path, params=params, headers=headers, limit=10)
        cursor = max(since or 0, int(last_event_id or 0))
        got = _ids(frames)
        want = [seq for seq in log if seq > cursor]
        ctx.expect(got == want, f"since={since}, Last-Event-ID={last_event_id} replayed {got}, not {want}", "AXP-SSE-003")


@check("streams", ["AXP-SSE-003", "AXP-DLV-007"], capability="agents.stream", tags=["serial"])
def agent_stream_cursor_is_the_larger_of_since_and_last_event_id(ctx: Context) -> None:
    """On the agent's stream too, the cursor is the larger of since and Last-Event-ID: a reconnect
    with either replays the records after it, none before."""
    ids = [ctx.create() for _ in range(3)]
    path = ctx.agent_path("/intents/stream")
    with ctx.target.state.lock:
        start = ctx.target.state.agent_cursors.get(ctx.target.agent_address, 0)
    _, frames, _ = ctx.sse(
        path, who="agent", params={"since": start, "wait_seconds": 1}, limit=20, until=lambda raw: ids[-1] in raw
    )
    records = [json.loads(f["data"]) for f in frames if f.get("event") == "intent.delivered"]
    cursor = {r["intent_id"]: int(r["seq"]) for r in records if r["intent_id"] in ids}
    ctx.expect(len(cursor) == 3, f"the agent stream delivered {len(cursor)} of 3 new intents", "AXP-DLV-001")
    c1, c2, c3 = (cursor[i] for i in ids)
    for since, last_event_id in ((c1, None), (None, str(c1)), (c1, str(c2)), (c2, str(c1))):
        params: dict[str, Any] = {"wait_seconds": 1}
        if since is not None:
            params["since"] = since
        headers = {"Last-Event-ID": last_event_id} if last_event_id else None
        _, frames, _ = ctx.sse(path, who="agent", params=params, headers=headers, limit=20, until=lambda raw: ids[-1] in raw)
        got = [json.loads(f["data"])["intent_id"] for f in frames if f.get("event") == "intent.delivered"]
        floor = max(since or 0, int(last_event_id or 0))
        want = [i for i in ids if cursor[i] > floor]
        seen = [i for i in got if i in ids]
        ctx.expect(
            seen == want, f"since={since}, Last-Event-ID={last_event_id}: the window carried {seen}, not {want}", "AXP-SSE-003"
        )
    del c3


def _stream_paths(ctx: Context, intent_id: str) -> list[tuple[str, str]]:
    paths = [("client", f"/v1/intents/{intent_id}/events/stream")]
    if ctx.target.claims("agents.stream"):
        paths.append(("agent", ctx.agent_path("/intents/stream")))
    return paths


@check("streams", ["AXP-SSE-004"])
def wait_seconds_outside_1_to_60_is_refused_on_every_stream(ctx: Context) -> None:
    """wait_seconds 0, 61, -1, 1.5, an empty or a non-number value is 400 invalid_parameter (the JSON error
    model, not a stream) on both streams; 1 and 60 open a window."""
    intent_id = ctx.create()
    for who, path in _stream_paths(ctx, intent_id):
        for bad in ("0", "61", "-1", "1.5", "", "ten", "1e1"):
            response, _, _ = ctx.sse(path, who=who, params={"wait_seconds": bad, "since": 10**9}, limit=10)
            ctx.expect_error(response, 400, "invalid_parameter", "AXP-SSE-004")
        for good in ("1", "60"):
            with ctx.http(who).stream("GET", path, params={"wait_seconds": good, "since": 10**9}) as opened:
                status = opened.status_code  # the window is closed at once: only its answer matters here
            ctx.expect(status == 200, f"wait_seconds={good} on {path} answered {status}", "AXP-SSE-004")


@check("streams", ["AXP-SSE-004"])
def stream_timeout_says_where_to_resume(ctx: Context) -> None:
    """An idle window's stream.timeout carries next_seq = the seq the next event will get and last_seq =
    next_seq - 1, whether the window replayed events or started past them.

    The intent is addressed to the shared agent, whose readers (other checks running meanwhile) may
    hand it over just after the window closed; a log that grew after the window is measured again,
    and only a timeout that disagrees with a log that stayed still is a failure."""
    intent_id = ctx.create()
    last = ctx.events(intent_id)[-1]["seq"]
    path = f"/v1/intents/{intent_id}/events/stream"
    for since in (0, last):

        def window(since: int = since) -> tuple[bool, str]:
            _, frames, _ = ctx.sse(path, params={"since": since, "wait_seconds": 1}, limit=10)
            ctx.expect(
                bool(frames) and frames[-1].get("event") == "stream.timeout",
                "the idle window did not end with stream.timeout",
                "AXP-SSE-004",
            )
            data = json.loads(frames[-1].get("data", "{}"))
            now = ctx.events(intent_id)[-1]["seq"]
            right = data.get("ok") is True and data.get("next_seq") == now + 1 and data.get("last_seq") == now
            return right, f"since={since}: stream.timeout said {data}; the log ends at seq {now}"

        right, said = ctx.unless_log_moved(intent_id, window)
        ctx.expect(right, said, "AXP-SSE-004")


@check("streams", ["AXP-SSE-002"])
def every_frame_has_one_data_line(ctx: Context) -> None:
    """An event whose payload holds line breaks, carriage returns and Unicode line separators still
    travels as one data: line per frame, and reads back equal to the listed event."""
    text = "line one\nline two\r\nthree\u2028four\u2029five"
    intent_id = ctx.create(payload={"text": text})
    done = ctx.http().post(f"/v1/intents/{intent_id}/resolve", json={"status": "COMPLETED", "result": {"echo": text}})
    ctx.expect(done.status_code == 200, f"resolve answered {done.status_code}", "AXP-API-007")
    _, frames, raw = ctx.sse(f"/v1/intents/{intent_id}/events/stream", params={"since": 0, "wait_seconds": 1}, limit=10)
    for frame in frames:
        lines = int(frame.get(":data_lines", "0"))
        ctx.expect(lines == 1, f"frame {frame.get('event')} (id {frame.get('id')}) has {lines} data lines", "AXP-SSE-002")
    ctx.expect(
        ctx.stream_events(frames, intent_id) == ctx.events(intent_id), "streamed events differ from listed ones", "AXP-SSE-009"
    )
    del raw


def _terminal_ways(ctx: Context) -> list[tuple[str, Callable[[str], object], dict[str, Any]]]:
    """(name, how to end the intent, create fields) for each way an intent can end that is claimed."""
    client, agent = ctx.http(), ctx.http("agent")
    failed = {"status": "FAILED", "error": {"code": "conformance_end", "message": "ended on purpose"}}
    ways: list[tuple[str, Callable[[str], object], dict[str, Any]]] = [
        ("resolve FAILED", lambda i: client.post(f"/v1/intents/{i}/resolve", json=failed), {}),
    ]
    if ctx.target.claims("intents.cancel"):
        ways.append(("cancel", lambda i: client.post(f"/v1/intents/{i}/cancel", json={"reason": "stop"}), {}))
    if ctx.target.claims("intents.resume"):
        ways.append(
            ("resume complete", lambda i: agent.post(f"/v1/intents/{i}/resume", json={"action": "complete", "result": {}}), {})
        )
    if ctx.target.claims("deadlines"):
        deadline = (datetime.now(UTC) + timedelta(seconds=1.5)).isoformat().replace("+00:00", "Z")
        ways.append(("its deadline", lambda i: None, {"deadline_at": deadline}))
    return ways


@check("streams", ["AXP-SSE-006", "AXP-SSE-010"], tags=["slow"])
def streams_end_after_every_kind_of_terminal_event(ctx: Context) -> None:
    """A live window ends right after the terminal event whichever way the intent ends — resolve, cancel,
    the agent's resume, or the platform's own deadline — with that event as its last frame."""
    ways = _terminal_ways(ctx)
    if not ways:
        raise NotApplicable("no way to end an intent")
    results: dict[str, tuple[float, list[dict[str, str]]]] = {}
    raised: dict[str, BaseException] = {}

    def watch(name: str, intent_id: str) -> None:
        started = time.monotonic()
        try:
            _, frames, _ = ctx.sse(f"/v1/intents/{intent_id}/events/stream", params={"wait_seconds": 20}, limit=25)
        except BaseException as exc:  # noqa: BLE001 - judged in the check's own thread below
            raised[name] = exc
            return
        results[name] = (time.monotonic() - started, frames)

    watchers = []
    for name, end, fields in ways:
        intent_id = ctx.create(**fields)
        watcher = threading.Thread(target=watch, args=(name, intent_id), daemon=True)
        watcher.start()
        watchers.append((name, intent_id, end, watcher))
    time.sleep(0.5)
    for _, intent_id, end, _ in watchers:
        end(intent_id)
    for name, intent_id, _, watcher in watchers:
        watcher.join(timeout=60)  # the window is bounded (limit 25 s): a live thread here is our bug
        if watcher.is_alive():
            raise HarnessError(f"the watcher of the intent ended by {name} was still reading after 60 s")
        if name in raised:
            raise raised[name]  # the window's own failure (or a timeout), as if read in this thread
        took, frames = results[name]
        last = ctx.events(intent_id)[-1]
        ctx.expect(
            bool(frames) and frames[-1].get("event") == last["event_type"] and took < 12,
            f"ended by {name}: the window lasted {took:.1f}s and ended with {frames[-1].get('event') if frames else 'nothing'}, "
            f"not right after {last['event_type']}",
            "AXP-SSE-006",
        )
