"""An httpx transport that calls an ASGI app in the same process and streams its answer.

httpx's own ``ASGITransport`` collects the whole body before returning, which turns an SSE window
into a 15-second wait; the console relays the API's streams event by event, so it needs the body
as it is produced. The request still goes through the whole app (routing, authentication,
validation, error model) exactly as a request from the network would: only the socket is missing.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
from starlette.types import ASGIApp, Message

_DONE = object()


class _Body(httpx.AsyncByteStream):
    """The answer's body chunks as the app sends them; closing it tells the app the client left."""

    def __init__(self, queue: asyncio.Queue[Any], task: asyncio.Task[None], gone: asyncio.Event) -> None:
        self._queue = queue
        self._task = task
        self._gone = gone

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while True:
            item = await self._queue.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise httpx.ReadError(f"the in-process app failed while answering: {item}") from item
            yield item

    async def aclose(self) -> None:
        # No await here: this runs while a cancelled relay unwinds, and under anyio's level-triggered
        # cancellation any await would be cancelled again. Signalling is enough; the app's task ends
        # on the disconnect (or is cancelled) by itself.
        self._gone.set()
        if not self._task.done():
            self._task.cancel()


class InProcessTransport(httpx.AsyncBaseTransport):
    """Send each request to ``app`` as an ASGI call on the running event loop, streaming the answer."""

    def __init__(self, app: ASGIApp, client: tuple[str, int] = ("127.0.0.1", 0)) -> None:
        self.app = app
        self.client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = b"".join([chunk async for chunk in request.stream])  # type: ignore[union-attr]
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": request.method,
            "headers": [(k.lower(), v) for k, v in request.headers.raw],
            "scheme": request.url.scheme,
            "path": request.url.path,
            "raw_path": request.url.raw_path.split(b"?")[0],
            "query_string": request.url.query,
            "server": (request.url.host, request.url.port or 80),
            "client": self.client,
            "root_path": "",
        }
        queue: asyncio.Queue[Any] = asyncio.Queue()  # API windows are finite; nothing to bound
        started: asyncio.Future[Message] = asyncio.get_running_loop().create_future()
        gone = asyncio.Event()
        sent_body = False

        async def receive() -> Message:
            nonlocal sent_body
            if not sent_body:
                sent_body = True
                return {"type": "http.request", "body": body, "more_body": False}
            await gone.wait()
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            if message["type"] == "http.response.start":
                if not started.done():
                    started.set_result(message)
            elif message["type"] == "http.response.body":
                if gone.is_set():
                    raise OSError("the in-process client closed the answer")
                chunk = message.get("body", b"")
                if chunk and request.method != "HEAD":
                    await queue.put(bytes(chunk))
                if not message.get("more_body", False):
                    await queue.put(_DONE)

        async def run() -> None:
            try:
                await self.app(scope, receive, send)
            except Exception as exc:  # noqa: BLE001 - handed to whoever reads the answer
                if not started.done():
                    started.set_exception(exc)
                else:
                    queue.put_nowait(exc)
                return
            if not started.done():
                started.set_exception(RuntimeError("the in-process app ended without answering"))

        task = asyncio.get_running_loop().create_task(run())
        try:
            start = await asyncio.shield(started)
        except BaseException:
            gone.set()
            task.cancel()
            raise
        headers = [(bytes(k), bytes(v)) for k, v in start.get("headers", [])]
        return httpx.Response(start["status"], headers=headers, stream=_Body(queue, task, gone), request=request)
