"""One SSE window, shared by the intent event stream and the agent delivery stream.

A window replays what the client has not seen, waits for news with keepalive comments, and ends
with ``stream.timeout`` after ``wait`` idle seconds (AXP-SSE-004, AXP-SSE-005) — or right after
a terminal event (AXP-SSE-006), or, given a ``quiet`` period, that long after its last frame
(AXP-DLV-016: the agent stream, so that a client that reads a whole window before handing its
records over, as the TypeScript SDK does, gets each one at once instead of ``wait`` seconds
late). What counts as news is the caller's ``poll``.

Why a subscription: the window sleeps until a commit touching its intent or agent wakes it (or
a keepalive is due), so an idle window does no reads at all. It clears its subscription before
each read, so a commit that lands during the read wakes it again rather than being missed.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
from contextlib import aclosing
from dataclasses import dataclass, field
from typing import Any

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from axp.server.encoding import json_bytes
from axp.server.notify import Subscription
from axp.server.storage.base import StorageFault


def sse_frame(event: str, data: dict[str, Any], event_id: int | None = None) -> bytes:
    head = b"id: %d\n" % event_id if event_id is not None else b""
    return b"%sevent: %s\ndata: %s\n\n" % (head, event.encode(), json_bytes(data))


@dataclass
class Poll:
    """What one look at the source found after the cursor."""

    frames: list[tuple[str, dict[str, Any], int]] = field(default_factory=list)  # (event, data, id)
    position: int = 0  # the cursor after these frames (may move past skipped records)
    last_seq: int = 0  # what stream.timeout reports as last_seq
    close_after: bool = False  # the frames end the story (a terminal event)
    nothing_more: bool = False  # the source can never produce more: end the window now
    more: bool = False  # the look stopped at its page size: look again at once, there may be more


async def opening(poll: Callable[[int], Awaitable[Poll]], cursor: int, subscription: Subscription) -> Poll:
    """The window's first look, taken before the answer starts so that its errors (404, 503) are
    still answers of their own. The subscription is already open, so nothing committed after
    this look is missed."""
    subscription.clear()
    try:
        return await poll(cursor)
    except BaseException:
        subscription.close()
        raise


async def window(
    poll: Callable[[int], Awaitable[Poll]],
    first: Poll,
    cursor: int,
    wait: float,
    keepalive: float,
    subscription: Subscription,
    quiet: float | None = None,
) -> AsyncGenerator[bytes, None]:
    with subscription:
        position = cursor
        idle_until = time.monotonic() + wait
        last_beat = time.monotonic()
        found: Poll | None = first
        quieting = False  # has this window sent a frame with a quiet period? (then quiet, not wait, bounds it)
        while True:
            if found is None:
                if subscription.gone:
                    return
                subscription.clear()
                try:
                    found = await poll(position)
                except StorageFault:  # the answer has started: end the window; the client resumes by cursor
                    return
            for event, data, event_id in found.frames:
                last_beat = time.monotonic()
                yield sse_frame(event, data, event_id)
            moved = found.position != position
            position = found.position
            if found.close_after:
                return
            if quiet is not None and found.frames:
                idle_until = time.monotonic() + quiet
                quieting = True
            elif moved and not quieting:
                idle_until = time.monotonic() + wait
            if moved and found.more:
                found = None
                continue
            # A look that was not cut short saw everything committed before it. What commits after
            # it wakes the subscription (cleared before the look), so the wait below returns at once
            # then; looking again now would only read nothing (a read per frame, in profiles).
            while True:
                if subscription.gone:  # nobody reads any more (EventStream heard the client leave)
                    return
                remaining = idle_until - time.monotonic()
                if found.nothing_more or remaining <= 0:
                    while not found.nothing_more:
                        # Last looks until the log stands still: a missed wake-up then costs
                        # latency, never a stale next_seq.
                        subscription.clear()
                        try:
                            found = await poll(position)
                        except StorageFault:
                            return
                        for event, data, event_id in found.frames:
                            yield sse_frame(event, data, event_id)
                        if found.close_after:
                            return
                        if found.position == position:
                            break
                        position = found.position
                    yield sse_frame("stream.timeout", {"ok": True, "next_seq": found.last_seq + 1, "last_seq": found.last_seq})
                    return
                until_beat = last_beat + keepalive - time.monotonic()
                if until_beat <= 0:
                    last_beat = time.monotonic()
                    yield b": keepalive\n\n"
                    continue
                if await subscription.wait(min(remaining, until_beat)):
                    break
            found = None


class EventStream(Response):
    """The answer of an SSE window: its frames as a chunked ``text/event-stream``.

    Why not Starlette's ``StreamingResponse``: under ASGI 2.3 (what uvicorn speaks) it runs every
    stream in an anyio task group that listens for the client leaving and cancels the stream
    through a cancel scope, which formats the task's repr on every cancel; in profiles of the end
    to end benchmark that was ~8% of the server's CPU. Here a plain task listens, and a client that
    leaves ends its window through the subscription (``client_left``): the window returns at its
    next turn instead of waiting out ``wait_seconds`` with nobody reading.
    """

    media_type = "text/event-stream"

    def __init__(self, frames: AsyncGenerator[bytes, None], subscription: Subscription, headers: Mapping[str, str]) -> None:
        self.frames = frames
        self.subscription = subscription
        self.status_code = 200
        self.background = None
        self.init_headers(headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def listen() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            self.subscription.client_left()

        listener = asyncio.create_task(listen())
        try:
            await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
            async with aclosing(self.frames) as frames:
                async for chunk in frames:
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            listener.cancel()
