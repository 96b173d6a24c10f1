"""SSE windows over a real socket: frames, resume without gap or duplicate, keepalive, timeout, close."""

from __future__ import annotations

import json
import time

import httpx

from axp.validate import check_stream, validator_for
from tests.conftest import Api
from tests.pgcluster import both_backends  # noqa: F401  (these server tests run on SQLite and PostgreSQL)


def read_frames(http: httpx.Client, path: str, **kwargs: object) -> tuple[httpx.Response, list[dict[str, str]], str]:
    with http.stream("GET", path, **kwargs) as response:  # type: ignore[arg-type]
        raw = response.read().decode()
    frames = []
    for block in raw.split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.splitlines():
            if line.startswith(":"):
                fields.setdefault("comment", line)
                continue
            name, _, value = line.partition(": ")
            fields[name] = value
        if "event" in fields:
            frames.append(fields)
    return response, frames, raw


def test_frames_content_type_and_window_end(api: dict[str, Api]) -> None:
    iid = api["client"].create()["intent_id"]
    response, frames, raw = read_frames(api["client"].http, f"/v1/intents/{iid}/events/stream", params={"wait_seconds": 1})
    assert response.headers["content-type"].startswith("text/event-stream")
    assert [f["event"] for f in frames] == ["intent.created", "intent.submitted", "stream.timeout"]
    for frame in frames[:-1]:
        event = json.loads(frame["data"])
        assert frame["id"] == str(event["seq"]) and validator_for("event").errors(event) == []
    timeout = json.loads(frames[-1]["data"])
    assert validator_for("stream_timeout").errors(timeout) == [] and timeout == {"ok": True, "next_seq": 3, "last_seq": 2}
    assert ": keepalive" in raw


def test_resume_with_since_and_last_event_id_has_no_gap_or_duplicate(api: dict[str, Api]) -> None:
    iid = api["client"].create()["intent_id"]
    api["agent"].http.post(f"/v1/intents/{iid}/ack")
    http = api["client"].http
    _, first, _ = read_frames(http, f"/v1/intents/{iid}/events/stream", params={"since": 0, "wait_seconds": 1})
    seen = [int(f["id"]) for f in first if "id" in f]
    api["agent"].http.post(f"/v1/intents/{iid}/resume", json={"action": "start"})
    _, second, _ = read_frames(
        http, f"/v1/intents/{iid}/events/stream", params={"wait_seconds": 1}, headers={"Last-Event-ID": str(seen[-1])}
    )
    seen += [int(f["id"]) for f in second if "id" in f]
    _, third, _ = read_frames(
        http, f"/v1/intents/{iid}/events/stream", params={"since": 2, "wait_seconds": 1}, headers={"Last-Event-ID": "1"}
    )
    assert seen == [1, 2, 3, 4, 5]
    assert [int(f["id"]) for f in third if "id" in f] == [3, 4, 5]


def test_stream_delivers_live_events_and_closes_after_terminal(api: dict[str, Api], server: str) -> None:
    iid = api["client"].create()["intent_id"]
    import threading

    def finish() -> None:
        time.sleep(0.5)
        api["agent"].http.post(f"/v1/intents/{iid}/resume", json={"action": "complete", "result": {}})

    threading.Thread(target=finish).start()
    started = time.monotonic()
    _, frames, _ = read_frames(api["client"].http, f"/v1/intents/{iid}/events/stream", params={"wait_seconds": 30})
    assert time.monotonic() - started < 10
    assert frames[-1]["event"] == "intent.completed"
    assert check_stream([json.loads(f["data"]) for f in frames]) == []


def test_agent_stream_delivers_and_marks_delivered(api: dict[str, Api]) -> None:
    iid = api["client"].create()["intent_id"]
    _, frames, _ = read_frames(api["agent"].http, "/v1/agents/local/dev/agent/intents/stream", params={"wait_seconds": 1})
    deliveries = [json.loads(f["data"]) for f in frames if f["event"] == "intent.delivered"]
    assert [d["intent_id"] for d in deliveries] == [iid]
    assert validator_for("agent_delivery").errors(deliveries[0]) == []
    assert frames[-1]["event"] == "stream.timeout"
    assert api["client"].events(iid)[-1]["event_type"] == "intent.delivered"
    cursor = deliveries[0]["seq"]
    _, again, _ = read_frames(
        api["agent"].http, "/v1/agents/local/dev/agent/intents/stream", params={"wait_seconds": 1, "since": cursor}
    )
    assert [f["event"] for f in again] == ["stream.timeout"]


def test_agent_window_ends_soon_after_a_delivery_intent_window_does_not(api: dict[str, Api]) -> None:
    """AXP-DLV-016: read whole, as the TypeScript SDK reads it, an agent window with wait_seconds 15
    answers soon after the delivery it carries; an intent stream keeps waiting out its wait_seconds."""
    import threading

    agent, client = api["agent"].http, api["client"]
    later = threading.Timer(0.3, lambda: created.append(client.create()["intent_id"]))
    created: list[str] = []
    later.start()
    started = time.monotonic()
    window = agent.get("/v1/agents/local/dev/agent/intents/stream", params={"wait_seconds": 15})
    took = time.monotonic() - started
    later.join()
    assert created and created[0] in window.text and window.text.rstrip().splitlines()[-2] == "event: stream.timeout"
    assert took < 10, f"the window took {took:.1f}s"  # 15 s without the quiet period; usually about 0.4 s

    iid = created[0]
    ack = threading.Timer(0.3, lambda: agent.post(f"/v1/intents/{iid}/ack"))
    ack.start()
    started = time.monotonic()
    _, frames, _ = read_frames(client.http, f"/v1/intents/{iid}/events/stream", params={"since": 3, "wait_seconds": 2})
    ack.join()
    assert [f["event"] for f in frames] == ["intent.acknowledged", "stream.timeout"]
    assert time.monotonic() - started >= 2.0  # idle for wait_seconds after its last event
