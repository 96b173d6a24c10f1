"""axp.client against real servers on loopback: flows, SSE windows, polling fallback, retries, timeouts."""

from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from axp.client import AxpError, Client, WaitTimeout, retry_after_seconds
from axp.server.config import ServerConfig
from axp.server.runner import serve_in_thread
from tests.conftest import AGENT_ADDR


def test_send_listen_resume_wait_for(server: str) -> None:
    client, agent = Client(server, "axp-dev-client"), Client(server, "axp-dev-agent")

    def work() -> None:
        for record in agent.listen(AGENT_ADDR, wait_seconds=1, timeout=20):
            agent.ack(record["intent_id"])
            agent.resume(record["intent_id"], {"action": "start"})
            agent.resume(record["intent_id"], {"action": "complete", "result": {"shipped": True}})
            return

    worker = threading.Thread(target=work)
    worker.start()
    intent_id = client.send_intent("order.fulfill.v1", AGENT_ADDR, {"order_id": "ORD-7"})
    terminal = client.wait_for(intent_id, timeout=20, wait_seconds=1)
    worker.join(timeout=20)
    assert terminal["event_type"] == "intent.completed"
    assert client.get_intent(intent_id)["result"] == {"shipped": True}
    assert [e["seq"] for e in client.list_events(intent_id)] == [1, 2, 3, 4, 5, 6]


def test_observe_resumes_across_windows_without_gap_or_duplicate(server: str) -> None:
    client, agent = Client(server, "axp-dev-client"), Client(server, "axp-dev-agent")
    intent_id = client.send_intent("order.fulfill.v1", AGENT_ADDR, {})

    def slow_agent() -> None:
        time.sleep(1.5)  # longer than one 1-second window
        agent.resume(intent_id, {"action": "start"})
        time.sleep(1.2)
        agent.resume(intent_id, {"action": "complete", "result": {}})

    threading.Thread(target=slow_agent).start()
    seqs = [e["seq"] for e in client.observe(intent_id, wait_seconds=1, timeout=20)]
    assert seqs == [1, 2, 3, 4]


def test_observe_yields_each_event_as_it_happens_not_when_the_window_ends(server: str) -> None:
    client, agent = Client(server, "axp-dev-client"), Client(server, "axp-dev-agent")
    intent_id = client.send_intent("order.fulfill.v1", AGENT_ADDR, {})
    threading.Timer(0.5, lambda: agent.resume(intent_id, {"action": "start"})).start()
    started = time.monotonic()
    for event in client.observe(intent_id, wait_seconds=10, timeout=20):
        if event["status"] == "IN_PROGRESS":
            assert time.monotonic() - started < 5, "the event waited for its 10-second window to end"
            break
    else:
        pytest.fail("IN_PROGRESS never observed")
    client.cancel(intent_id, "done")


def test_async_observe_is_live_and_falls_back_to_polling(server: str, tmp_path: Path) -> None:
    import asyncio

    from axp.client import AsyncClient

    async def first_live_event(base: str) -> tuple[dict[str, Any], float]:
        async with AsyncClient(base, "axp-dev-client") as client, AsyncClient(base, "axp-dev-agent") as agent:
            intent_id = await client.send_intent("order.fulfill.v1", AGENT_ADDR, {})
            asyncio.get_running_loop().call_later(
                0.5, lambda: asyncio.ensure_future(agent.resume(intent_id, {"action": "start"}))
            )
            started = time.monotonic()
            # aclosing: leaving an async generator early must close its stream in this task
            async with contextlib.aclosing(client.observe(intent_id, wait_seconds=10, timeout=20)) as events:
                async for event in events:
                    if event["status"] == "IN_PROGRESS":
                        return event, time.monotonic() - started
            raise AssertionError("IN_PROGRESS never observed")

    event, took = asyncio.run(first_live_event(server))
    assert event["seq"] == 3 and took < 5
    with serve_in_thread(ServerConfig.dev(str(tmp_path / "n.db"), log_requests=False), wrap=_without_streams) as base:
        event, _ = asyncio.run(first_live_event(base))
        assert event["seq"] == 3


def _without_streams(app: Any) -> Any:
    """The reference server minus its event stream (404 without the intent code): clients must poll."""

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].endswith("/events/stream"):
            await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": b'{"ok":false,"error":{"code":"not_found"}}'})
            return
        await app(scope, receive, send)

    wrapped.state = app.state  # type: ignore[attr-defined]
    return wrapped


def test_observe_falls_back_to_polling_without_a_stream(tmp_path: Path) -> None:
    with serve_in_thread(ServerConfig.dev(str(tmp_path / "p.db"), log_requests=False), wrap=_without_streams) as base:
        client = Client(base, "axp-dev-client")
        intent_id = client.send_intent("order.fulfill.v1", AGENT_ADDR, {})
        threading.Timer(0.5, lambda: client.resolve(intent_id, "COMPLETED", result={})).start()
        events = list(client.observe(intent_id, wait_seconds=1, timeout=15))
        assert events[-1]["event_type"] == "intent.completed" and [e["seq"] for e in events] == [1, 2, 3]


def test_observe_past_the_terminal_event_ends_at_once(server: str, tmp_path: Path) -> None:
    """A stream of a finished intent closes at once: observing from its last seq must end, not reopen forever."""
    client = Client(server, "axp-dev-client")
    intent_id = client.send_intent("order.fulfill.v1", AGENT_ADDR, {})
    client.cancel(intent_id)
    last = client.get_intent(intent_id)["last_seq"]
    assert list(client.observe(intent_id, since=last, wait_seconds=5, timeout=20)) == []

    import asyncio

    from axp.client import AsyncClient

    async def follow(base: str) -> list[dict[str, Any]]:
        async with AsyncClient(base, "axp-dev-client") as a:
            return [e async for e in a.observe(intent_id, since=last, wait_seconds=5, timeout=20)]

    assert asyncio.run(follow(server)) == []
    with serve_in_thread(ServerConfig.dev(str(tmp_path / "p.db"), log_requests=False), wrap=_without_streams) as base:
        polled = Client(base, "axp-dev-client")
        ended = polled.send_intent("order.fulfill.v1", AGENT_ADDR, {})
        polled.cancel(ended)
        assert list(polled.observe(ended, since=polled.get_intent(ended)["last_seq"], wait_seconds=5, timeout=20)) == []


class FlakyServer:
    """Answers 503 with Retry-After once, then 200: proves the client waits and retries."""

    def __init__(self, retry_after: str) -> None:
        self.calls: list[float] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                outer.calls.append(time.monotonic())
                first = len(outer.calls) == 1
                body = (
                    b'{"ok":false,"error":{"code":"unavailable","message":"busy","category":"transport","retryable":true}}'
                    if first
                    else b'{"ok":true,"intent":{"intent_id":"x"}}'
                )
                self.send_response(503 if first else 200)
                if first:
                    self.send_header("Retry-After", retry_after)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:  # noqa: N802 - same script: a keyed write may be retried, an unkeyed one not
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                self.do_GET()

            def log_message(self, *args: object) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


def test_retries_honour_retry_after() -> None:
    flaky = FlakyServer("1")
    try:
        assert Client(flaky.url, "k").get_intent("x") == {"intent_id": "x"}
        assert len(flaky.calls) == 2 and flaky.calls[1] - flaky.calls[0] >= 0.9
    finally:
        flaky.httpd.shutdown()


def test_async_client_retries_reads_and_keyed_writes_but_never_unkeyed_writes() -> None:
    import asyncio

    from axp.client import AsyncClient

    async def scenario() -> None:
        flaky = FlakyServer("0")
        try:
            async with AsyncClient(flaky.url, "k") as client:
                assert await client.get_intent("x") == {"intent_id": "x"} and len(flaky.calls) == 2
        finally:
            flaky.httpd.shutdown()
        flaky = FlakyServer("0")
        try:
            async with AsyncClient(flaky.url, "k") as client:
                with pytest.raises(AxpError) as raised:
                    await client.cancel("x")  # no key: acting twice could cancel twice
                assert raised.value.status == 503 and len(flaky.calls) == 1
        finally:
            flaky.httpd.shutdown()
        flaky = FlakyServer("0")
        try:
            async with AsyncClient(flaky.url, "k") as client:
                answer = await client.cancel("x", idempotency_key="once")  # keyed: a retry is safe
                assert answer == {"ok": True, "intent": {"intent_id": "x"}} and len(flaky.calls) == 2
        finally:
            flaky.httpd.shutdown()

    asyncio.run(scenario())


def test_sync_client_never_retries_an_unkeyed_write() -> None:
    flaky = FlakyServer("0")
    try:
        with pytest.raises(AxpError) as raised:
            Client(flaky.url, "k").cancel("x")
        assert raised.value.status == 503 and len(flaky.calls) == 1
    finally:
        flaky.httpd.shutdown()


def test_retry_after_accepts_http_dates() -> None:
    from email.utils import formatdate

    assert retry_after_seconds("3") == 3.0
    assert 0.0 <= (retry_after_seconds(formatdate(time.time() + 2, usegmt=True)) or 0) <= 2.5
    assert retry_after_seconds("soon") is None


def test_errors_carry_the_error_model_and_wait_for_times_out(server: str) -> None:
    client = Client(server, "axp-dev-client")
    with pytest.raises(AxpError) as info:
        client.get_intent("00000000-0000-4000-8000-000000000000")
    assert info.value.status == 404 and info.value.code == "intent_not_found" and info.value.category == "not_found"
    intent_id = client.send_intent("order.fulfill.v1", AGENT_ADDR, {})
    with pytest.raises(WaitTimeout):
        client.wait_for(intent_id, timeout=1.5, wait_seconds=1)
    client.cancel(intent_id, "done testing")
    assert client.wait_for(intent_id, timeout=5)["event_type"] == "intent.canceled"


def test_async_client_send_observe_wait_for(server: str) -> None:
    import asyncio

    from axp.client import AsyncClient

    async def scenario() -> tuple[list[int], dict[str, Any]]:
        async with AsyncClient(server, "axp-dev-client") as client, AsyncClient(server, "axp-dev-agent") as agent:
            intent_id = await client.send_intent("order.fulfill.v1", AGENT_ADDR, {"order_id": "ORD-A"})

            async def finish() -> None:
                async for record in agent.listen(AGENT_ADDR, wait_seconds=1, timeout=10):
                    if record["intent_id"] == intent_id:
                        await agent.resume(intent_id, {"action": "complete", "result": {"async": True}})
                        return

            task = asyncio.create_task(finish())
            seqs = [e["seq"] async for e in client.observe(intent_id, wait_seconds=1, timeout=15)]
            await task
            final = await client.wait_for(intent_id, timeout=5)
            assert (await client.get_intent(intent_id))["result"] == {"async": True}
            assert [e["seq"] for e in await client.list_events(intent_id)] == seqs
            return seqs, final

    seqs, final = asyncio.run(scenario())
    assert seqs[-1] == len(seqs) and seqs == list(range(1, len(seqs) + 1))
    assert final["event_type"] == "intent.completed"
