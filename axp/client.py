"""Python client for any AXP server: ``send_intent`` then ``wait_for``, or follow events as they happen.

Reads and idempotent writes are retried on 429/5xx and transport errors, honouring Retry-After;
``send_intent`` always sends an Idempotency-Key so its retries can never create a second intent.
``observe`` follows the SSE stream window by window, resuming from the last seq, and falls back to
polling the events list when the server has no stream.
"""

from __future__ import annotations

import email.utils
import itertools
import json
import random
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any, NoReturn

import httpx
from httpx_sse import connect_sse

from axp.lifecycle import LIFECYCLE

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class AxpError(Exception):
    """An error answer from the server, carrying the spec's error body."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        raw = body.get("error")
        error: dict[str, Any] = raw if isinstance(raw, dict) else {}
        self.status = status
        self.code = str(error.get("code", "unknown"))
        self.category = str(error.get("category", "unknown"))
        self.retryable = bool(error.get("retryable", False))
        self.body = body
        super().__init__(f"HTTP {status} {self.code}: {error.get('message', body)}")


class WaitTimeout(TimeoutError):
    """The intent did not reach a terminal status in time."""


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds, from either form (delta-seconds or HTTP-date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class Client:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = 30.0,
        max_retries: int = 3,
        backoff: float = 0.2,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"), headers={"x-api-key": api_key}, timeout=timeout, trust_env=False, transport=transport
        )
        self.max_retries = max_retries
        self.backoff = backoff

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- transport ----------------------------------------------------------------------------
    def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: dict[str, Any] | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        policy = _Retries(method, idempotency_key, self.max_retries, self.backoff)
        for attempt in itertools.count():
            try:
                response = self._http.request(method, path, json=json_body, params=params, headers=policy.headers)
            except httpx.TransportError:
                if (wait := policy.wait(attempt, None)) is None:
                    raise
                time.sleep(wait)
                continue
            if (wait := policy.wait(attempt, response)) is None:
                return _decode(response)
            time.sleep(wait)
        raise AssertionError("unreachable")

    # ---- intents ------------------------------------------------------------------------------
    def create_intent(
        self,
        intent_type: str,
        to_agent: str,
        payload: dict[str, Any],
        *,
        correlation_id: str | None = None,
        idempotency_key: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        body = _create_body(intent_type, to_agent, payload, correlation_id, extra)
        return self._request("POST", "/v1/intents", json_body=body, idempotency_key=idempotency_key or str(uuid.uuid4()))

    def send_intent(self, intent_type: str, to_agent: str, payload: dict[str, Any], **kwargs: Any) -> str:
        return str(self.create_intent(intent_type, to_agent, payload, **kwargs)["intent_id"])

    def get_intent(self, intent_id: str) -> dict[str, Any]:
        return dict(self._request("GET", f"/v1/intents/{intent_id}")["intent"])

    def list_intents(self, **filters: Any) -> dict[str, Any]:
        return self._request("GET", "/v1/intents", params={k: v for k, v in filters.items() if v is not None})

    def list_events(self, intent_id: str, since: int = 0) -> list[dict[str, Any]]:
        return list(self._request("GET", f"/v1/intents/{intent_id}/events", params={"since": since})["events"])

    def _write(self, intent_id: str, op: str, body: dict[str, Any] | None, key: str | None) -> dict[str, Any]:
        return self._request("POST", f"/v1/intents/{intent_id}/{op}", json_body=body or {}, idempotency_key=key)

    def resolve(
        self,
        intent_id: str,
        status: str,
        *,
        result: dict[str, Any] | None = None,
        error: dict[str, Any] | None = None,
        reason: str | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"status": status}
        for key, value in (("result", result), ("error", error), ("reason", reason)):
            if value is not None:
                body[key] = value
        return self._write(intent_id, "resolve", body, idempotency_key)

    def resume(self, intent_id: str, body: dict[str, Any], *, idempotency_key: str | None = None) -> dict[str, Any]:
        return self._write(intent_id, "resume", body, idempotency_key)

    def cancel(self, intent_id: str, reason: str | None = None, *, idempotency_key: str | None = None) -> dict[str, Any]:
        return self._write(intent_id, "cancel", {"reason": reason} if reason else {}, idempotency_key)

    def ack(self, intent_id: str) -> dict[str, Any]:
        return self._write(intent_id, "ack", {}, None)

    def update_controls(
        self, intent_id: str, patch: dict[str, Any], *, expected_policy_generation: int | None = None
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"controls_patch": patch}
        if expected_policy_generation is not None:
            body["expected_policy_generation"] = expected_policy_generation
        return self._write(intent_id, "controls", body, None)

    # ---- following ----------------------------------------------------------------------------
    def observe(
        self, intent_id: str, *, since: int = 0, wait_seconds: int = 15, timeout: float | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every event after ``since`` once, in order, as it happens, until a terminal event (or
        ``timeout``). Each SSE window resumes from the last seq seen; a server without the stream
        is polled instead."""
        deadline = time.monotonic() + timeout if timeout is not None else None
        cursor = since
        streaming = True
        while True:
            window = _next_window(deadline, wait_seconds, f"{intent_id} did not finish within {timeout}s")
            if streaming:
                try:
                    before = cursor
                    for event in self._stream_window(intent_id, cursor, window):
                        if event["seq"] > cursor:
                            cursor = event["seq"]
                            yield event
                            if LIFECYCLE.is_terminal(event["status"]):
                                return
                    if cursor == before and _ended(self.get_intent(intent_id), cursor):
                        return
                    continue
                except _NoStream:
                    streaming = False
                except httpx.TransportError:
                    time.sleep(min(1.0, self.backoff))
                    continue
            events = [e for e in self.list_events(intent_id, since=cursor) if e["seq"] > cursor]
            if not events:
                if _ended(self.get_intent(intent_id), cursor):
                    return
                time.sleep(min(1.0, window))
            for event in events:
                cursor = event["seq"]
                yield event
                if LIFECYCLE.is_terminal(event["status"]):
                    return

    def _stream_window(self, intent_id: str, since: int, wait_seconds: int) -> Iterator[dict[str, Any]]:
        params = {"since": since, "wait_seconds": wait_seconds}
        with connect_sse(
            self._http,
            "GET",
            f"/v1/intents/{intent_id}/events/stream",
            params=params,
            timeout=httpx.Timeout(wait_seconds + 30.0, connect=10.0),
        ) as source:
            if source.response.status_code >= 400:
                source.response.read()
                _raise_for_stream(source.response)
            for sse in source.iter_sse():
                if sse.event.startswith("intent."):
                    yield json.loads(sse.data)

    def wait_for(self, intent_id: str, timeout: float = 60.0, wait_seconds: int = 15) -> dict[str, Any]:
        """The terminal event of the intent; raises WaitTimeout after ``timeout`` seconds."""
        last: dict[str, Any] | None = None
        for event in self.observe(intent_id, wait_seconds=wait_seconds, timeout=timeout):
            last = event
        assert last is not None
        return last

    def listen(
        self, agent_address: str, *, since: int = 0, wait_seconds: int = 15, timeout: float | None = None
    ) -> Iterator[dict[str, Any]]:
        """Delivery records for an agent, window after window, resuming from the last cursor."""
        path = _agent_stream_path(agent_address)
        deadline = time.monotonic() + timeout if timeout is not None else None
        cursor = since
        while deadline is None or time.monotonic() < deadline:
            with connect_sse(
                self._http,
                "GET",
                path,
                params={"since": cursor, "wait_seconds": wait_seconds},
                timeout=httpx.Timeout(wait_seconds + 30.0, connect=10.0),
            ) as source:
                if source.response.status_code >= 400:
                    source.response.read()
                    raise AxpError(source.response.status_code, source.response.json())
                for sse in source.iter_sse():
                    if sse.event == "intent.delivered":
                        record = json.loads(sse.data)
                        cursor = max(cursor, int(record["seq"]))
                        yield record
        raise WaitTimeout(f"listening on {agent_address} timed out")


class AsyncClient:
    """The asyncio twin of :class:`Client` for the calls that wait: create, read, write, observe, wait_for."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = 30.0,
        max_retries: int = 3,
        backoff: float = 0.2,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"), headers={"x-api-key": api_key}, timeout=timeout, trust_env=False, transport=transport
        )
        self.max_retries = max_retries
        self.backoff = backoff

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: dict[str, Any] | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        import asyncio

        policy = _Retries(method, idempotency_key, self.max_retries, self.backoff)
        for attempt in itertools.count():
            try:
                response = await self._http.request(method, path, json=json_body, params=params, headers=policy.headers)
            except httpx.TransportError:
                if (wait := policy.wait(attempt, None)) is None:
                    raise
                await asyncio.sleep(wait)
                continue
            if (wait := policy.wait(attempt, response)) is None:
                return _decode(response)
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")

    async def send_intent(
        self,
        intent_type: str,
        to_agent: str,
        payload: dict[str, Any],
        *,
        correlation_id: str | None = None,
        idempotency_key: str | None = None,
        **extra: Any,
    ) -> str:
        body = _create_body(intent_type, to_agent, payload, correlation_id, extra)
        created = await self._request("POST", "/v1/intents", json_body=body, idempotency_key=idempotency_key or str(uuid.uuid4()))
        return str(created["intent_id"])

    async def get_intent(self, intent_id: str) -> dict[str, Any]:
        return dict((await self._request("GET", f"/v1/intents/{intent_id}"))["intent"])

    async def list_intents(self, **filters: Any) -> dict[str, Any]:
        return await self._request("GET", "/v1/intents", params={k: v for k, v in filters.items() if v is not None})

    async def list_events(self, intent_id: str, since: int = 0) -> list[dict[str, Any]]:
        return list((await self._request("GET", f"/v1/intents/{intent_id}/events", params={"since": since}))["events"])

    async def capabilities(self) -> dict[str, Any]:
        return await self._request("GET", "/v1/capabilities")

    async def write(
        self, intent_id: str, op: str, body: dict[str, Any] | None = None, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """resolve / resume / cancel / ack / controls with the given body."""
        return await self._request("POST", f"/v1/intents/{intent_id}/{op}", json_body=body or {}, idempotency_key=idempotency_key)

    async def observe(
        self, intent_id: str, *, since: int = 0, wait_seconds: int = 15, timeout: float | None = None
    ) -> AsyncIterator[dict[str, Any]]:
        """As :meth:`Client.observe`: events as they happen, window after window, polling without a
        stream. To stop early, iterate inside ``contextlib.aclosing(...)`` so the open stream closes
        in your task."""
        import asyncio

        deadline = time.monotonic() + timeout if timeout is not None else None
        cursor = since
        streaming = True
        while True:
            window = _next_window(deadline, wait_seconds, f"{intent_id} did not finish within {timeout}s")
            if streaming:
                try:
                    before = cursor
                    async for event in self._stream_window(intent_id, cursor, window):
                        if event["seq"] > cursor:
                            cursor = event["seq"]
                            yield event
                            if LIFECYCLE.is_terminal(event["status"]):
                                return
                    if cursor == before and _ended(await self.get_intent(intent_id), cursor):
                        return
                    continue
                except _NoStream:
                    streaming = False
                except httpx.TransportError:
                    await asyncio.sleep(min(1.0, self.backoff))
                    continue
            events = [e for e in await self.list_events(intent_id, since=cursor) if e["seq"] > cursor]
            if not events:
                if _ended(await self.get_intent(intent_id), cursor):
                    return
                await asyncio.sleep(min(1.0, window))
            for event in events:
                cursor = event["seq"]
                yield event
                if LIFECYCLE.is_terminal(event["status"]):
                    return

    async def _stream_window(self, intent_id: str, since: int, wait_seconds: int) -> AsyncIterator[dict[str, Any]]:
        from httpx_sse import aconnect_sse

        async with aconnect_sse(
            self._http,
            "GET",
            f"/v1/intents/{intent_id}/events/stream",
            params={"since": since, "wait_seconds": wait_seconds},
            timeout=httpx.Timeout(wait_seconds + 30.0, connect=10.0),
        ) as source:
            if source.response.status_code >= 400:
                await source.response.aread()
                _raise_for_stream(source.response)
            async for sse in source.aiter_sse():
                if sse.event.startswith("intent."):
                    yield json.loads(sse.data)

    async def wait_for(self, intent_id: str, timeout: float = 60.0, wait_seconds: int = 15) -> dict[str, Any]:
        last: dict[str, Any] | None = None
        async for event in self.observe(intent_id, wait_seconds=wait_seconds, timeout=timeout):
            last = event
        assert last is not None
        return last

    async def listen(
        self, agent_address: str, *, since: int = 0, wait_seconds: int = 15, timeout: float | None = None
    ) -> AsyncIterator[dict[str, Any]]:
        """Delivery records for an agent, window after window, resuming from the last cursor."""
        from httpx_sse import aconnect_sse

        path = _agent_stream_path(agent_address)
        deadline = time.monotonic() + timeout if timeout is not None else None
        cursor = since
        while deadline is None or time.monotonic() < deadline:
            async with aconnect_sse(
                self._http,
                "GET",
                path,
                params={"since": cursor, "wait_seconds": wait_seconds},
                timeout=httpx.Timeout(wait_seconds + 30.0, connect=10.0),
            ) as source:
                if source.response.status_code >= 400:
                    await source.response.aread()
                    raise AxpError(source.response.status_code, source.response.json())
                async for sse in source.aiter_sse():
                    if sse.event == "intent.delivered":
                        record = json.loads(sse.data)
                        cursor = max(cursor, int(record["seq"]))
                        yield record
        raise WaitTimeout(f"listening on {agent_address} timed out")


class _Retries:
    """When to try a request again, for both clients: reads and keyed writes only (a retried
    unkeyed write could act twice), on transport errors and 429/5xx, honouring Retry-After."""

    def __init__(self, method: str, idempotency_key: str | None, max_retries: int, backoff: float) -> None:
        self.headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        self.retryable = method == "GET" or idempotency_key is not None
        self.max_retries = max_retries
        self.backoff = backoff

    def wait(self, attempt: int, response: httpx.Response | None) -> float | None:
        """Seconds to wait before trying again, or None when this outcome stands
        (``response`` None: the attempt failed in transport)."""
        if not self.retryable or attempt >= self.max_retries:
            return None
        if response is None:
            return _delay(self.backoff, attempt, None)
        if response.status_code in RETRY_STATUSES:
            return _delay(self.backoff, attempt, retry_after_seconds(response.headers.get("retry-after")))
        return None


def _create_body(
    intent_type: str, to_agent: str, payload: dict[str, Any], correlation_id: str | None, extra: dict[str, Any]
) -> dict[str, Any]:
    return {
        "intent_type": intent_type,
        "to_agent": to_agent,
        "payload": payload,
        "correlation_id": correlation_id or str(uuid.uuid4()),
        **extra,
    }


def _agent_stream_path(agent_address: str) -> str:
    return "/v1/agents/" + agent_address.removeprefix("agent://") + "/intents/stream"


def _ended(intent: dict[str, Any], cursor: int) -> bool:
    """Nothing more can come after ``cursor``: the intent is terminal and its last event is seen. A
    window that brought nothing checks this, else observing past the end would open window after
    window forever (a stream of a finished intent closes at once)."""
    return LIFECYCLE.is_terminal(str(intent.get("status"))) and int(intent.get("last_seq", 0)) <= cursor


def _next_window(deadline: float | None, wait_seconds: int, timeout_message: str) -> int:
    """wait_seconds for the next SSE window, shortened to the time left; WaitTimeout when none is left."""
    if deadline is None:
        return wait_seconds
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise WaitTimeout(timeout_message)
    return max(1, min(wait_seconds, int(remaining)))


def _delay(backoff: float, attempt: int, retry_after: float | None) -> float:
    """Seconds before retry ``attempt``: the server's Retry-After, else exponential backoff with jitter."""
    delay = retry_after if retry_after is not None else backoff * 2**attempt * random.uniform(0.5, 1.0)
    return min(delay, 60.0)


def _raise_for_stream(response: httpx.Response) -> NoReturn:
    """An event-stream request answered with an error: _NoStream when the server simply has no
    stream there (so the caller polls instead), AxpError otherwise."""
    no_stream = response.status_code in (405, 501) or (response.status_code == 404 and "intent_not_found" not in response.text)
    if no_stream and "text/event-stream" not in response.headers.get("content-type", ""):
        raise _NoStream
    raise AxpError(response.status_code, _body(response))


def _body(response: httpx.Response) -> Any:
    """The answer's JSON, or an error body saying it was not JSON."""
    try:
        return response.json()
    except json.JSONDecodeError:
        return {"ok": False, "error": {"code": "invalid_response", "message": response.text[:200]}}


def _decode(response: httpx.Response) -> dict[str, Any]:
    """The JSON body of an answer; error answers raise AxpError with the spec's error body."""
    body = _body(response)
    if response.status_code >= 400:
        raise AxpError(response.status_code, body)
    return dict(body)


class _NoStream(Exception):
    """The server has no event stream for this intent (404/405/501 without the error model's intent code)."""
