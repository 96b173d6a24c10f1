"""uvicorn's HTTP protocols, answering requests they cannot parse with the spec's error model.

Why: a request line or header the HTTP parser refuses (a negative ``Content-Length``, a CR inside
a header, a URL or header block beyond the parser's limits) never reaches the app, and uvicorn
answers it with a plain-text ``400 Invalid HTTP request``. These subclasses answer the same 400
— and still close the connection, since the request cannot be framed — with the JSON error
model, so a client gets one kind of error whatever went wrong (AXP-ERR-001).
"""

from __future__ import annotations

import asyncio
import json
import secrets
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from axp import errors

MESSAGE = "the HTTP request is malformed or its head is too large (request line, headers, framing) and was not read"
MAX_HEAD_BYTES = 64 * 1024  # request line plus headers; one bound for both parsers
HEAD_BYTES = "axp.head_bytes"  # scope key: the head's size, when the protocol counted it


class HeadTooLarge(Exception):
    """Raised from a parser callback: the parser reports it as a parse error, answered with a 400."""


def error_bytes() -> tuple[bytes, list[tuple[bytes, bytes]]]:
    request_id = secrets.token_hex(8)
    body = json.dumps(errors.error_body("invalid_parameter", MESSAGE, request_id=request_id), separators=(",", ":")).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"x-request-id", request_id.encode()),
        (b"connection", b"close"),
    ]
    return body, headers


class CoalescingTransport:
    """A transport whose writes made in one turn of the event loop leave in one ``send``.

    uvicorn writes a response's head and its body separately, so every answer cost two system
    calls (on loopback, each runs the whole TCP receive path); joined, they cost one. Flushed at
    the end of the turn, so nothing waits. Everything but ``write`` and ``close`` is the
    transport's own."""

    def __init__(self, transport: Any, loop: asyncio.AbstractEventLoop) -> None:  # uvloop's are not asyncio.Transport
        self._transport = transport
        self._loop = loop
        self._chunks: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self._chunks:
            self._loop.call_soon(self._flush)
        self._chunks.append(bytes(data))

    def _flush(self) -> None:
        if self._chunks:
            data = self._chunks[0] if len(self._chunks) == 1 else b"".join(self._chunks)
            self._chunks = []
            if not self._transport.is_closing():
                self._transport.write(data)

    def close(self) -> None:
        self._flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class AxpH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(CoalescingTransport(transport, self.loop))  # type: ignore[arg-type]

    def send_400_response(self, msg: str) -> None:
        body, headers = error_bytes()
        for event in (
            h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
            h11.Data(data=body),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event) or b"")
        self.transport.close()


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # httptools is not installed: h11 only
    HttpToolsProtocol = None  # type: ignore[assignment,misc]
else:

    class AxpHttpToolsProtocol(HttpToolsProtocol):
        # httptools has no bound of its own on the head: 100,000 headers once took seconds to parse.
        _head_bytes = 0

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(CoalescingTransport(transport, self.loop))  # type: ignore[arg-type]

        def on_message_begin(self) -> None:
            self._head_bytes = 0
            super().on_message_begin()

        def on_url(self, url: bytes) -> None:
            self._count(len(url))
            super().on_url(url)

        def on_header(self, name: bytes, value: bytes) -> None:
            self._count(len(name) + len(value) + 4)
            super().on_header(name, value)

        def on_headers_complete(self) -> None:
            self.scope[HEAD_BYTES] = self._head_bytes  # type: ignore[literal-required]
            super().on_headers_complete()

        def _count(self, size: int) -> None:
            self._head_bytes += size
            if self._head_bytes > MAX_HEAD_BYTES:
                raise HeadTooLarge(f"request head over {MAX_HEAD_BYTES} bytes")

        def send_400_response(self, msg: str) -> None:
            body, headers = error_bytes()
            head = b"HTTP/1.1 400 Bad Request\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in headers) + b"\r\n"
            self.transport.write(head + body)
            self.transport.close()


def http_protocol() -> type[asyncio.Protocol]:
    """httptools (C parser) when installed, else h11; either answers parse errors with the error model."""
    return AxpH11Protocol if HttpToolsProtocol is None else AxpHttpToolsProtocol
