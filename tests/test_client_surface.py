"""Client and AsyncClient are one surface: the same methods, and the same behaviour for every one of
them, checked with httpx.MockTransport (tests/test_client.py runs both against real servers)."""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import aclosing
from typing import Any

import httpx
import pytest

from axp.client import AsyncClient, AxpError, Client, WaitTimeout

INTENT = "3f1c2b9e-8d4a-4c71-9e0b-5a6d7c8e9f10"
AGENT = "agent://acme/prod/fulfiller"
ITERATORS = ("observe", "listen")


def public(cls: type) -> dict[str, inspect.Signature]:
    return {n: inspect.signature(m) for n, m in vars(cls).items() if callable(m) and not n.startswith("_")}


def test_both_clients_have_the_same_public_methods_and_arguments() -> None:
    sync, async_ = public(Client), public(AsyncClient)
    assert set(sync) - {"close"} == set(async_) - {"aclose"}
    expected = {
        "send_intent", "create_intent", "get_intent", "list_intents", "list_events", "capabilities", "resolve",
        "resume", "cancel", "ack", "update_controls", "observe", "wait_for", "listen",
    }  # fmt: skip
    assert expected <= set(sync)
    for name in expected:
        assert list(sync[name].parameters.values()) == list(async_[name].parameters.values()), name
    assert "transport" in inspect.signature(Client).parameters and "transport" in inspect.signature(AsyncClient).parameters


class Server:
    """A scripted server: ``routes`` maps "METHOD /path" to a function of the request giving a
    response, or a list of them (one per call, the last repeating)."""

    def __init__(self, routes: dict[str, Any]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []
        self.calls: dict[str, int] = {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        key = f"{request.method} {request.url.path}"
        answer = self.routes.get(key)
        if answer is None:
            return httpx.Response(404, json={"ok": False, "error": {"code": "not_found", "message": key}})
        if isinstance(answer, list):
            count = self.calls.get(key, 0)
            self.calls[key] = count + 1
            answer = answer[min(count, len(answer) - 1)]
        result = answer(request) if callable(answer) else answer
        if isinstance(result, Exception):
            raise result
        return result  # type: ignore[no-any-return]

    def bodies(self, method: str, path: str) -> list[Any]:
        return [json.loads(r.content or b"null") for r in self.requests if r.method == method and r.url.path == path]


def ok(body: dict[str, Any], status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


def error(status: int, code: str, **headers: str) -> httpx.Response:
    return httpx.Response(status, json={"ok": False, "error": {"code": code, "message": code}}, headers=headers)


def sse(*frames: tuple[str, dict[str, Any]], cut: bool = False) -> httpx.Response:
    """An event-stream answer with these frames; ``cut`` drops the connection after them."""
    text = "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in frames).encode()

    class Body(httpx.SyncByteStream, httpx.AsyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            yield text
            if cut:
                raise httpx.ReadError("connection reset")

        async def __aiter__(self) -> AsyncIterator[bytes]:
            yield text
            if cut:
                raise httpx.ReadError("connection reset")

    return httpx.Response(200, headers={"content-type": "text/event-stream"}, stream=Body())


def event(seq: int, status: str, event_type: str) -> dict[str, Any]:
    return {"intent_id": INTENT, "seq": seq, "event_type": event_type, "status": status, "at": "2026-11-24T10:00:00Z"}


EVENTS = [
    event(1, "CREATED", "intent.created"),
    event(2, "SUBMITTED", "intent.submitted"),
    event(3, "DELIVERED", "intent.delivered"),
    event(4, "COMPLETED", "intent.completed"),
]


class Surface:
    """One client of either kind, called the same way from a synchronous test."""

    def __init__(self, kind: str, server: Server, **options: Any) -> None:
        self.kind = kind
        options = {"max_retries": 2, "backoff": 0.001, **options}
        transport = httpx.MockTransport(server)
        if kind == "sync":
            self.client: Any = Client("http://axp.test", "key", transport=transport, **options)
        else:
            self.client = AsyncClient("http://axp.test", "key", transport=transport, **options)

    def __call__(self, name: str, *args: Any, **kwargs: Any) -> Any:
        method: Callable[..., Any] = getattr(self.client, name)
        if self.kind == "sync":
            result = method(*args, **kwargs)
            return list(result) if name in ITERATORS else result

        async def run() -> Any:
            result = method(*args, **kwargs)
            if name in ITERATORS:
                return [item async for item in result]
            return await result

        return asyncio.run(run())

    def take(self, count: int, name: str, *args: Any, **kwargs: Any) -> list[Any]:
        """The first ``count`` items of an iterating call, then stop it (closing its stream)."""
        if self.kind == "sync":
            items = getattr(self.client, name)(*args, **kwargs)
            taken = [item for _, item in zip(range(count), items, strict=False)]
            items.close()
            return taken

        async def run() -> list[Any]:
            taken: list[Any] = []
            async with aclosing(getattr(self.client, name)(*args, **kwargs)) as items:
                async for item in items:
                    taken.append(item)
                    if len(taken) == count:
                        break
            return taken

        return asyncio.run(run())


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_create_sends_a_key_and_a_correlation_id_and_send_returns_the_id(kind: str) -> None:
    server = Server({"POST /v1/intents": lambda r: ok({"ok": True, "intent_id": INTENT, "status": "SUBMITTED"})})
    client = Surface(kind, server)
    assert client("send_intent", "order.fulfill.v1", AGENT, {"order_id": "ORD-1"}, deadline_at="2030-01-01T00:00:00Z") == INTENT
    created = client("create_intent", "order.fulfill.v1", AGENT, {}, correlation_id="c-1", idempotency_key="k-1")
    assert created["intent_id"] == INTENT
    first, second = server.bodies("POST", "/v1/intents")
    assert first["deadline_at"] == "2030-01-01T00:00:00Z" and first["payload"] == {"order_id": "ORD-1"}
    assert len(first["correlation_id"]) == 36 and second["correlation_id"] == "c-1"
    keys = [r.headers.get("idempotency-key") for r in server.requests]
    assert keys[0] and len(keys[0]) == 36 and keys[1] == "k-1"
    assert all(r.headers["x-api-key"] == "key" for r in server.requests)


def test_reads_return_what_the_server_says(kind: str) -> None:
    server = Server(
        {
            f"GET /v1/intents/{INTENT}": ok({"ok": True, "intent": {"intent_id": INTENT, "status": "SUBMITTED"}}),
            "GET /v1/intents": ok({"ok": True, "intents": [], "has_more": False}),
            f"GET /v1/intents/{INTENT}/events": lambda r: ok({"ok": True, "events": EVENTS[int(r.url.params["since"]) :]}),
            "GET /v1/capabilities": ok({"ok": True, "capabilities": ["core"]}),
        }
    )
    client = Surface(kind, server)
    assert client("get_intent", INTENT)["status"] == "SUBMITTED"
    assert client("list_intents", status="SUBMITTED", to_agent=None)["intents"] == []
    assert server.requests[-1].url.params == httpx.QueryParams({"status": "SUBMITTED"})  # None filters are left out
    assert [e["seq"] for e in client("list_events", INTENT, since=2)] == [3, 4]
    assert client("capabilities")["capabilities"] == ["core"]


def test_writes_send_their_fields_and_only_those(kind: str) -> None:
    done = ok({"ok": True, "applied": True, "intent": {}, "event": None})
    server = Server({f"POST /v1/intents/{INTENT}/{op}": done for op in ("resolve", "resume", "cancel", "ack", "controls")})
    client = Surface(kind, server)
    client("resolve", INTENT, "COMPLETED", result={"shipped": True}, idempotency_key="r-1")
    client("resume", INTENT, {"action": "start"})
    client("resume", INTENT, action="complete", result={"n": 1})
    client("cancel", INTENT, "customer withdrew")
    client("cancel", INTENT)
    client("ack", INTENT)
    client("update_controls", INTENT, {"deadline_at": "2030-01-01T00:00:00Z"}, expected_policy_generation=2, reason="later")
    assert server.bodies("POST", f"/v1/intents/{INTENT}/resolve") == [{"status": "COMPLETED", "result": {"shipped": True}}]
    assert server.bodies("POST", f"/v1/intents/{INTENT}/resume") == [
        {"action": "start"},
        {"action": "complete", "result": {"n": 1}},
    ]
    assert server.bodies("POST", f"/v1/intents/{INTENT}/cancel") == [{"reason": "customer withdrew"}, {}]
    assert server.bodies("POST", f"/v1/intents/{INTENT}/ack") == [{}]
    assert server.bodies("POST", f"/v1/intents/{INTENT}/controls") == [
        {"controls_patch": {"deadline_at": "2030-01-01T00:00:00Z"}, "expected_policy_generation": 2, "reason": "later"}
    ]
    assert server.requests[0].headers["idempotency-key"] == "r-1" and "idempotency-key" not in server.requests[1].headers


def test_reads_and_keyed_writes_are_retried_unkeyed_writes_never(kind: str) -> None:
    busy = error(503, "unavailable", **{"retry-after": "0"})
    server = Server(
        {
            f"GET /v1/intents/{INTENT}": [busy, ok({"ok": True, "intent": {"intent_id": INTENT}})],
            f"POST /v1/intents/{INTENT}/cancel": [busy, busy, ok({"ok": True, "applied": True})],
        }
    )
    client = Surface(kind, server)
    assert client("get_intent", INTENT) == {"intent_id": INTENT} and len(server.requests) == 2
    with pytest.raises(AxpError) as raised:
        client("cancel", INTENT)  # no key: a second attempt could act twice
    assert raised.value.status == 503 and raised.value.code == "unavailable" and len(server.requests) == 3
    assert client("cancel", INTENT, idempotency_key="once")["applied"] is True  # keyed: safe to retry
    assert len(server.requests) == 5


def test_transport_errors_are_retried_then_raised(kind: str) -> None:
    down = httpx.ConnectError("refused")
    server = Server(
        {f"GET /v1/intents/{INTENT}": [down, ok({"ok": True, "intent": {"intent_id": INTENT}})], "GET /v1/capabilities": down}
    )
    client = Surface(kind, server, max_retries=2)
    assert client("get_intent", INTENT) == {"intent_id": INTENT}
    with pytest.raises(httpx.ConnectError):
        client("capabilities")
    assert sum(r.url.path == "/v1/capabilities" for r in server.requests) == 3  # the first try and two retries


def test_error_answers_carry_the_error_model_even_when_not_json(kind: str) -> None:
    server = Server(
        {
            f"GET /v1/intents/{INTENT}": error(404, "intent_not_found"),
            "GET /v1/capabilities": httpx.Response(502, text="<html>bad gateway</html>"),
        }
    )
    client = Surface(kind, server, max_retries=0)
    with pytest.raises(AxpError) as missing:
        client("get_intent", INTENT)
    assert missing.value.status == 404 and missing.value.code == "intent_not_found"
    with pytest.raises(AxpError) as garbled:
        client("capabilities")
    assert garbled.value.status == 502 and garbled.value.code == "invalid_response" and "bad gateway" in str(garbled.value)


def test_observe_resumes_each_window_from_the_last_seq(kind: str) -> None:
    def stream(request: httpx.Request) -> httpx.Response:
        since = int(request.url.params["since"])
        assert request.headers["accept"] == "text/event-stream"
        window = [("intent." + e["event_type"].split(".")[1], e) for e in EVENTS if since < e["seq"] <= since + 2]
        return sse(*window, ("stream.timeout", {"next_seq": since + 3}))

    server = Server({f"GET /v1/intents/{INTENT}/events/stream": stream})
    client = Surface(kind, server)
    assert [e["seq"] for e in client("observe", INTENT, wait_seconds=5)] == [1, 2, 3, 4]
    assert [r.url.params["since"] for r in server.requests] == ["0", "2"]
    assert server.requests[0].url.params["wait_seconds"] == "5"
    assert client("wait_for", INTENT, timeout=30)["status"] == "COMPLETED"


def test_observe_survives_a_cut_stream_without_gap_or_duplicate(kind: str) -> None:
    def stream(request: httpx.Request) -> httpx.Response:
        since = int(request.url.params["since"])
        # every window repeats an event already seen and is cut after the next one
        return sse(*[(e["event_type"], e) for e in EVENTS if max(0, since - 1) < e["seq"] <= since + 1], cut=True)

    server = Server({f"GET /v1/intents/{INTENT}/events/stream": stream})
    assert [e["seq"] for e in Surface(kind, server, max_retries=1)("observe", INTENT)] == [1, 2, 3, 4]


def OPEN_INTENT(request: httpx.Request) -> httpx.Response:  # noqa: N802 - a route, named like the constants beside it
    return ok({"ok": True, "intent": {"intent_id": INTENT, "status": "SUBMITTED", "last_seq": 2}})


def DONE_INTENT(request: httpx.Request) -> httpx.Response:  # noqa: N802
    return ok({"ok": True, "intent": {"intent_id": INTENT, "status": "COMPLETED", "last_seq": 4}})


def test_observe_polls_when_the_server_has_no_stream(kind: str) -> None:
    listed = iter([[], EVENTS[:2], EVENTS[2:]])
    server = Server(
        {
            f"GET /v1/intents/{INTENT}/events": lambda r: ok({"ok": True, "events": next(listed)}),
            f"GET /v1/intents/{INTENT}": OPEN_INTENT,
            # no stream route: 404 not_found, which is not the error model's intent_not_found
        }
    )
    assert [e["seq"] for e in Surface(kind, server)("observe", INTENT, wait_seconds=1)] == [1, 2, 3, 4]
    assert sum(r.url.path.endswith("/stream") for r in server.requests) == 1  # asked once, then polled


def test_observe_reports_an_unknown_intent_and_a_stream_that_is_not_one(kind: str) -> None:
    server = Server(
        {
            f"GET /v1/intents/{INTENT}/events/stream": error(404, "intent_not_found"),
            "GET /v1/intents/other/events/stream": ok({"ok": True}),
        }
    )
    client = Surface(kind, server)
    with pytest.raises(AxpError) as unknown:
        client("observe", INTENT)
    assert unknown.value.code == "intent_not_found"
    with pytest.raises(AxpError) as plain:
        client("observe", "other")
    assert plain.value.code == "invalid_response" and "application/json" in str(plain.value)


def test_a_follower_gives_up_on_a_server_that_is_gone(kind: str) -> None:
    server = Server({f"GET /v1/intents/{INTENT}/events/stream": httpx.ConnectError("refused")})
    with pytest.raises(httpx.ConnectError):
        Surface(kind, server, max_retries=2)("observe", INTENT)
    assert len(server.requests) == 3


def test_wait_for_times_out(kind: str) -> None:
    server = Server(
        {
            f"GET /v1/intents/{INTENT}/events/stream": lambda r: sse(("stream.timeout", {"next_seq": 1})),
            f"GET /v1/intents/{INTENT}": OPEN_INTENT,
        }
    )
    client = Surface(kind, server)
    client.client._ops.clock = iter(range(0, 1000, 1)).__next__  # each look at the clock: one more second
    with pytest.raises(WaitTimeout):
        client("wait_for", INTENT, timeout=5, wait_seconds=1)
    assert 1 <= sum(r.url.path.endswith("/stream") for r in server.requests) <= 5


@pytest.mark.parametrize("streams", [True, False])
def test_observing_past_the_end_of_a_finished_intent_ends(kind: str, streams: bool) -> None:
    routes: dict[str, Any] = {
        f"GET /v1/intents/{INTENT}/events": lambda r: ok({"ok": True, "events": []}),
        f"GET /v1/intents/{INTENT}": DONE_INTENT,
    }
    if streams:  # a finished intent's stream closes at once, empty
        routes[f"GET /v1/intents/{INTENT}/events/stream"] = lambda r: sse()
    server = Server(routes)
    assert Surface(kind, server)("observe", INTENT, since=4) == []
    assert len(server.requests) <= 3


def test_listen_follows_the_agent_cursor_and_stops_when_asked(kind: str) -> None:
    path = "GET /v1/agents/acme/prod/fulfiller/intents/stream"

    def stream(request: httpx.Request) -> httpx.Response:
        since = int(request.url.params["since"])
        records = [("intent.delivered", {"seq": n, "intent_id": INTENT, "intent": {}}) for n in (since + 1, since + 2)]
        return sse(*records, ("stream.timeout", {}))

    server = Server({path: stream})
    client = Surface(kind, server)
    assert [r["seq"] for r in client.take(5, "listen", AGENT, since=10, wait_seconds=3)] == [11, 12, 13, 14, 15]
    assert [r.url.params["since"] for r in server.requests] == ["10", "12", "14"]
    refused = Server({path: error(403, "policy_denied")})
    with pytest.raises(AxpError) as raised:
        Surface(kind, refused)("listen", AGENT, timeout=5)
    assert raised.value.status == 403 and raised.value.code == "policy_denied"
