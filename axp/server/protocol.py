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

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from axp import errors

MESSAGE = "the HTTP request is malformed or its head is too large (request line, headers, framing) and was not read"
MAX_HEAD_BYTES = 64 * 1024  # request line plus headers; one bound for both parsers


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


class AxpH11Protocol(H11Protocol):
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

        def on_message_begin(self) -> None:
            self._head_bytes = 0
            super().on_message_begin()

        def on_url(self, url: bytes) -> None:
            self._count(len(url))
            super().on_url(url)

        def on_header(self, name: bytes, value: bytes) -> None:
            self._count(len(name) + len(value) + 4)
            super().on_header(name, value)

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
