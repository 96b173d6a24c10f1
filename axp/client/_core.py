"""What the AXP client does, written once and free of I/O.

Every operation is a *flow*: a generator that yields actions (send a request, open an event stream,
read its next event, sleep, hand a value to the caller) and receives their outcomes. A driver
performs the actions: :mod:`axp.client._drivers` has a blocking one over ``httpx.Client`` and an
asyncio one over ``httpx.AsyncClient``, the way httpx drives ``Auth.auth_flow`` with
``sync_auth_flow`` and ``async_auth_flow``. So retries, Retry-After, SSE windows that resume from
the last seq, the polling fallback and deadlines exist once, and both clients behave alike.
"""

from __future__ import annotations

import email.utils
import itertools
import json
import random
import time
import uuid
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn, TypeVar

import httpx

from axp.lifecycle import LIFECYCLE

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
T = TypeVar("T")


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
    """The intent did not reach a terminal status in time (or a listen window budget ran out)."""


# ---- actions a flow yields, and what the driver sends back -------------------------------------


@dataclass(frozen=True)
class Send:
    """Send one request; the outcome is the ``httpx.Response`` (body read) or the transport error."""

    method: str
    path: str
    json: Any = None
    params: Mapping[str, Any] | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Open:
    """Open an event stream; the outcome is the response (its body read when it is an error) or
    the transport error. The stream stays open until the flow yields anything but :class:`Read` or
    :class:`Emit`."""

    path: str
    params: Mapping[str, Any]
    timeout: httpx.Timeout


@dataclass(frozen=True)
class Read:
    """The next event of the open stream: an ``httpx_sse.ServerSentEvent``, None when the window
    ended, or the transport error that cut it."""


@dataclass(frozen=True)
class Sleep:
    seconds: float


@dataclass(frozen=True)
class Emit:
    """Hand one value to whoever iterates the operation (observe, listen)."""

    value: Any


Action = Send | Open | Read | Sleep | Emit
Flow = Generator[Action, Any, T]


# ---- pure helpers -------------------------------------------------------------------------------


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


def _body(response: httpx.Response) -> Any:
    """The answer's JSON, or an error body saying it was not JSON."""
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return {"ok": False, "error": {"code": "invalid_response", "message": response.text[:200]}}


def decode(response: httpx.Response) -> dict[str, Any]:
    """The JSON body of an answer; error answers raise AxpError with the spec's error body."""
    body = _body(response)
    if response.status_code >= 400:
        raise AxpError(response.status_code, body if isinstance(body, dict) else {"error": {}})
    return dict(body)


class _NoStream(Exception):
    """The server has no event stream there (404/405/501 without the error model's intent code)."""


def is_event_stream(response: httpx.Response) -> bool:
    return response.status_code < 400 and "text/event-stream" in response.headers.get("content-type", "")


def _raise_for_stream(response: httpx.Response, *, may_lack_stream: bool) -> NoReturn:
    """An event-stream request answered with something else: _NoStream when the server simply has
    no stream there (so the caller polls instead), AxpError otherwise."""
    if response.status_code < 400:
        kind = response.headers.get("content-type", "no content type")
        raise AxpError(
            response.status_code,
            {"ok": False, "error": {"code": "invalid_response", "message": f"an event stream answered {kind}"}},
        )
    no_stream = response.status_code in (405, 501) or (response.status_code == 404 and "intent_not_found" not in response.text)
    if may_lack_stream and no_stream and "text/event-stream" not in response.headers.get("content-type", ""):
        raise _NoStream
    body = _body(response)
    raise AxpError(response.status_code, body if isinstance(body, dict) else {"error": {}})


class _Retries:
    """When to try a request again: reads and keyed writes only (a retried unkeyed write could act
    twice), on transport errors and 429/5xx, honouring Retry-After."""

    def __init__(self, method: str, idempotency_key: str | None, max_retries: int, backoff: float) -> None:
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


def _delay(backoff: float, attempt: int, retry_after: float | None) -> float:
    """Seconds before retry ``attempt``: the server's Retry-After, else exponential backoff with jitter."""
    delay = retry_after if retry_after is not None else backoff * 2**attempt * random.uniform(0.5, 1.0)
    return min(delay, 60.0)


def _agent_path(agent_address: str) -> str:
    return "/v1/agents/" + agent_address.removeprefix("agent://") + "/intents/stream"


def _window_timeout(wait_seconds: int) -> httpx.Timeout:
    return httpx.Timeout(wait_seconds + 30.0, connect=10.0)


def _without_none(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def collect(flow: Flow[Any]) -> Flow[Any]:
    """A flow that runs ``flow`` and returns the last value it emitted instead of emitting them."""
    last: Any = None
    reply: Any = None
    while True:
        try:
            action = flow.send(reply)
        except StopIteration:
            return last
        if isinstance(action, Emit):
            last, reply = action.value, None
        else:
            reply = yield action


# ---- the operations -----------------------------------------------------------------------------


class Operations:
    """Every client operation as a flow, with the settings both clients share."""

    def __init__(self, *, max_retries: int, backoff: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_retries = max_retries
        self.backoff = backoff
        self.clock = clock

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
    ) -> Flow[dict[str, Any]]:
        policy = _Retries(method, idempotency_key, self.max_retries, self.backoff)
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        for attempt in itertools.count():
            outcome = yield Send(method, path, json_body, params, headers)
            if isinstance(outcome, httpx.TransportError):
                if (wait := policy.wait(attempt, None)) is None:
                    raise outcome
            elif (wait := policy.wait(attempt, outcome)) is None:
                return decode(outcome)
            yield Sleep(wait)
        raise AssertionError("unreachable")

    # -- intents ---------------------------------------------------------------------------------
    def create_intent(
        self,
        intent_type: str,
        to_agent: str,
        payload: dict[str, Any],
        correlation_id: str | None,
        idempotency_key: str | None,
        extra: dict[str, Any],
    ) -> Flow[dict[str, Any]]:
        body = {
            "intent_type": intent_type,
            "to_agent": to_agent,
            "payload": payload,
            "correlation_id": correlation_id or str(uuid.uuid4()),
            **extra,
        }
        # always keyed: a retry after a lost answer must not create a second intent
        return (
            yield from self.request("POST", "/v1/intents", json_body=body, idempotency_key=idempotency_key or str(uuid.uuid4()))
        )

    def get_intent(self, intent_id: str) -> Flow[dict[str, Any]]:
        return dict((yield from self.request("GET", f"/v1/intents/{intent_id}"))["intent"])

    def list_intents(self, filters: Mapping[str, Any]) -> Flow[dict[str, Any]]:
        return (yield from self.request("GET", "/v1/intents", params=_without_none(filters)))

    def list_events(self, intent_id: str, since: int, limit: int | None) -> Flow[list[dict[str, Any]]]:
        params = _without_none({"since": since, "limit": limit})
        return list((yield from self.request("GET", f"/v1/intents/{intent_id}/events", params=params))["events"])

    def capabilities(self) -> Flow[dict[str, Any]]:
        return (yield from self.request("GET", "/v1/capabilities"))

    def write(self, intent_id: str, op: str, body: Mapping[str, Any], idempotency_key: str | None) -> Flow[dict[str, Any]]:
        """resolve / resume / cancel / ack / controls: the request body without the fields left out."""
        path = f"/v1/intents/{intent_id}/{op}"
        return (yield from self.request("POST", path, json_body=_without_none(body), idempotency_key=idempotency_key))

    def resolve(self, intent_id: str, status: str, fields: Mapping[str, Any], key: str | None) -> Flow[dict[str, Any]]:
        return (yield from self.write(intent_id, "resolve", {"status": status, **fields}, key))

    def resume(
        self, intent_id: str, body: Mapping[str, Any] | None, fields: Mapping[str, Any], key: str | None
    ) -> Flow[dict[str, Any]]:
        return (yield from self.write(intent_id, "resume", {**(body or {}), **fields}, key))

    def update_controls(
        self, intent_id: str, patch: dict[str, Any], fields: Mapping[str, Any], key: str | None
    ) -> Flow[dict[str, Any]]:
        return (yield from self.write(intent_id, "controls", {"controls_patch": patch, **fields}, key))

    # -- following -------------------------------------------------------------------------------
    def _window(self, deadline: float | None, wait_seconds: int, timeout_message: str) -> int:
        """wait_seconds for the next SSE window, shortened to the time left; WaitTimeout when none is left."""
        if deadline is None:
            return wait_seconds
        remaining = deadline - self.clock()
        if remaining <= 0:
            raise WaitTimeout(timeout_message)
        return max(1, min(wait_seconds, int(remaining)))

    def _after_failure(self, error: httpx.TransportError, failures: int) -> float:
        """Seconds to wait before reopening a stream after ``failures`` transport errors in a row;
        past ``max_retries`` the error is the caller's (a server that is gone does not keep a
        follower waiting forever)."""
        if failures > self.max_retries:
            raise error
        return _delay(self.backoff, failures - 1, None)

    def _ended(self, intent_id: str, cursor: int) -> Flow[bool]:
        """Nothing more can come after ``cursor``: the intent is terminal and its last event is
        seen. A window or poll that brought nothing asks, else observing from past the end would
        open window after window forever (a finished intent's stream closes at once)."""
        intent = yield from self.get_intent(intent_id)
        return LIFECYCLE.is_terminal(str(intent.get("status"))) and int(intent.get("last_seq", 0)) <= cursor

    def observe(self, intent_id: str, since: int, wait_seconds: int, timeout: float | None) -> Flow[None]:
        """Every event after ``since`` once, in order, as it happens, until a terminal event (or
        ``timeout``). Each SSE window resumes from the last seq seen; a server without the stream
        is polled instead."""
        deadline = self.clock() + timeout if timeout is not None else None
        cursor = since
        streaming = True
        failures = 0
        while True:
            window = self._window(deadline, wait_seconds, f"{intent_id} did not finish within {timeout}s")
            if streaming:
                params = {"since": cursor, "wait_seconds": window}
                response = yield Open(f"/v1/intents/{intent_id}/events/stream", params, _window_timeout(window))
                if isinstance(response, httpx.TransportError):
                    yield Sleep(self._after_failure(response, failures := failures + 1))
                    continue
                failures = 0
                if not is_event_stream(response):
                    try:
                        _raise_for_stream(response, may_lack_stream=True)
                    except _NoStream:
                        streaming = False
                        continue
                before = cursor
                while (sse := (yield Read())) is not None:
                    if isinstance(sse, httpx.TransportError):  # cut mid-window: resume from the cursor
                        yield Sleep(self._after_failure(sse, failures := failures + 1))
                        break
                    if not sse.event.startswith("intent."):
                        continue
                    event = json.loads(sse.data)
                    if event["seq"] > cursor:
                        cursor = event["seq"]
                        yield Emit(event)
                        if LIFECYCLE.is_terminal(event["status"]):
                            return
                else:  # the window ended as windows do
                    if cursor == before and (yield from self._ended(intent_id, cursor)):
                        return
                continue
            events = [e for e in (yield from self.list_events(intent_id, cursor, None)) if e["seq"] > cursor]
            if not events:
                if (yield from self._ended(intent_id, cursor)):
                    return
                yield Sleep(min(1.0, window))
            for event in events:
                cursor = event["seq"]
                yield Emit(event)
                if LIFECYCLE.is_terminal(event["status"]):
                    return

    def wait_for(self, intent_id: str, timeout: float, wait_seconds: int) -> Flow[dict[str, Any]]:
        """The terminal event of the intent; raises WaitTimeout after ``timeout`` seconds."""
        last = yield from collect(self.observe(intent_id, 0, wait_seconds, timeout))
        if last is None:  # observe returns only after a terminal event or raises WaitTimeout
            raise WaitTimeout(f"{intent_id} produced no event within {timeout}s")
        return dict(last)

    def listen(self, agent_address: str, since: int, wait_seconds: int, timeout: float | None) -> Flow[None]:
        """Delivery records for an agent, window after window, resuming from the last cursor; raises
        WaitTimeout when ``timeout`` runs out (never, without one)."""
        deadline = self.clock() + timeout if timeout is not None else None
        cursor = since
        failures = 0
        while deadline is None or self.clock() < deadline:
            params = {"since": cursor, "wait_seconds": wait_seconds}
            response = yield Open(_agent_path(agent_address), params, _window_timeout(wait_seconds))
            if isinstance(response, httpx.TransportError):
                yield Sleep(self._after_failure(response, failures := failures + 1))
                continue
            failures = 0
            if not is_event_stream(response):
                _raise_for_stream(response, may_lack_stream=False)
            while (sse := (yield Read())) is not None:
                if isinstance(sse, httpx.TransportError):
                    yield Sleep(self._after_failure(sse, failures := failures + 1))
                    break
                if sse.event == "intent.delivered":
                    record = json.loads(sse.data)
                    cursor = max(cursor, int(record["seq"]))
                    yield Emit(record)
        raise WaitTimeout(f"listening on {agent_address} timed out")
