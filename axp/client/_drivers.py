"""The two drivers of the client's flows (:mod:`axp.client._core`): they perform each action a flow
yields, with ``httpx.Client`` and ``time.sleep`` or with ``httpx.AsyncClient`` and ``asyncio.sleep``,
and send the outcome back. They decide nothing: every rule lives in the flows."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Generator, Iterator
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import Any, TypeVar

import httpx
from httpx_sse import EventSource, SSEError, aconnect_sse, connect_sse

from axp.client._core import Emit, Flow, Open, Read, Send, Sleep, is_event_stream

T = TypeVar("T")


class SyncDriver:
    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def call(self, flow: Flow[T]) -> T:
        """Run a flow that emits nothing; its result."""
        steps = self.iterate(flow)
        while True:
            try:
                next(steps)
            except StopIteration as stop:
                return stop.value

    def iterate(self, flow: Flow[T]) -> Generator[Any, None, T]:
        """Run a flow, yielding what it emits; closing this generator closes the flow and its stream."""
        stream: AbstractContextManager[EventSource] | None = None
        events: Iterator[Any] | None = None
        reply: Any = None
        try:
            while True:
                try:
                    action = flow.send(reply)
                except StopIteration as stop:
                    return stop.value
                if stream is not None and not isinstance(action, Read | Emit):
                    stream.__exit__(None, None, None)
                    stream = events = None
                reply = None
                if isinstance(action, Send):
                    try:
                        reply = self.http.request(
                            action.method, action.path, json=action.json, params=action.params, headers=action.headers
                        )
                    except httpx.TransportError as exc:
                        reply = exc
                elif isinstance(action, Open):
                    stream = connect_sse(self.http, "GET", action.path, params=action.params, timeout=action.timeout)
                    try:
                        source = stream.__enter__()
                        reply = source.response
                        if is_event_stream(reply):
                            events = source.iter_sse()
                        else:
                            reply.read()
                            stream.__exit__(None, None, None)
                            stream = None
                    except httpx.TransportError as exc:
                        stream, reply = None, exc
                elif isinstance(action, Read):
                    try:
                        reply = next(events, None) if events is not None else None
                    except (httpx.TransportError, SSEError) as exc:
                        reply = exc if isinstance(exc, httpx.TransportError) else httpx.RemoteProtocolError(str(exc))
                elif isinstance(action, Sleep):
                    time.sleep(action.seconds)
                elif isinstance(action, Emit):
                    yield action.value
        finally:
            if stream is not None:
                stream.__exit__(None, None, None)
            flow.close()


class AsyncDriver:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def call(self, flow: Flow[T]) -> T:
        """Run a flow that emits nothing; its result."""
        result: list[T] = []
        async for _ in self.iterate(flow, result):
            pass
        return result[0]

    async def iterate(self, flow: Flow[T], result: list[T] | None = None) -> AsyncIterator[Any]:
        """Run a flow, yielding what it emits (its result goes to ``result``). To stop early, iterate
        inside ``contextlib.aclosing(...)`` so the open stream closes in your task."""
        stream: AbstractAsyncContextManager[EventSource] | None = None
        events: AsyncIterator[Any] | None = None
        reply: Any = None
        try:
            while True:
                try:
                    action = flow.send(reply)
                except StopIteration as stop:
                    if result is not None:
                        result.append(stop.value)
                    return
                if stream is not None and not isinstance(action, Read | Emit):
                    await stream.__aexit__(None, None, None)
                    stream = events = None
                reply = None
                if isinstance(action, Send):
                    try:
                        reply = await self.http.request(
                            action.method, action.path, json=action.json, params=action.params, headers=action.headers
                        )
                    except httpx.TransportError as exc:
                        reply = exc
                elif isinstance(action, Open):
                    stream = aconnect_sse(self.http, "GET", action.path, params=action.params, timeout=action.timeout)
                    try:
                        source = await stream.__aenter__()
                        reply = source.response
                        if is_event_stream(reply):
                            events = source.aiter_sse()
                        else:
                            await reply.aread()
                            await stream.__aexit__(None, None, None)
                            stream = None
                    except httpx.TransportError as exc:
                        stream, reply = None, exc
                elif isinstance(action, Read):
                    try:
                        reply = await anext(events, None) if events is not None else None
                    except (httpx.TransportError, SSEError) as exc:
                        reply = exc if isinstance(exc, httpx.TransportError) else httpx.RemoteProtocolError(str(exc))
                elif isinstance(action, Sleep):
                    await asyncio.sleep(action.seconds)
                elif isinstance(action, Emit):
                    yield action.value
        finally:
            if stream is not None:
                await stream.__aexit__(None, None, None)
            flow.close()
