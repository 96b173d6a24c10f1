"""Request handling the way decisions D1, D3, D5, D6, D8 and D10 and issue 9 (items 5-8) want it,
over a real socket: order of checks, media types, parser refusals, 500s, secrets at rest; each
server test on SQLite and on PostgreSQL."""

from __future__ import annotations

import socket
import sqlite3
import unicodedata
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from axp.server.config import KeyRing, Principal, ServerConfig
from axp.server.runner import serve_in_thread
from axp.server.storage.postgresql import is_url
from axp.validate import validator_for
from tests import pgcluster
from tests.conftest import AGENT_ADDR, Api, intent_body
from tests.pgcluster import both_backends  # noqa: F401  (these server tests run on SQLite and PostgreSQL)
from tests.test_server_api import assert_error

ERROR = validator_for("error_response")


# ---- item 5: no 500 from odd digits; a 500 says Connection: close ---------------------------------


@pytest.mark.parametrize("value", ["²", "¹", "①", "١", "1²", "１"])
def test_unicode_digits_are_400_never_500(api: dict[str, Api], value: str) -> None:
    iid = api["client"].create()["intent_id"]
    http = api["client"].http
    assert_error(http.get("/v1/intents", params={"cursor": value}), 400, "invalid_parameter")
    assert_error(http.get(f"/v1/intents/{iid}/events", params={"since": value}), 400, "invalid_parameter")
    assert_error(http.get("/v1/intents", params={"limit": value}), 400, "invalid_parameter")
    assert_error(
        http.get(f"/v1/intents/{iid}/events/stream", headers={"Last-Event-ID": ("1" + value).encode()}), 400, "invalid_parameter"
    )
    assert http.get("/health").status_code == 200  # the same keep-alive connection still works


def test_a_500_is_the_error_model_and_says_connection_close(server_db: str) -> None:
    config = ServerConfig.dev(server_db, log_requests=False)

    def broken(app: Any) -> Any:
        async def explode(*args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("a bug")

        app.state.service.load = explode
        return app

    with serve_in_thread(config, wrap=broken) as base, httpx.Client(base_url=base, trust_env=False, timeout=10) as http:
        response = http.get(f"/v1/intents/{uuid.uuid4()}", headers={"x-api-key": "axp-dev-client", "X-Trace-Id": "t-1"})
        assert_error(response, 500, "internal_error")
        assert response.headers["connection"] == "close" and response.headers["x-trace-id"] == "t-1"
        assert http.get("/health").status_code == 200  # httpx opened a new connection, as told


# ---- decision D1: routing, then credentials, then input, then visibility, then state --------------


def test_routing_comes_before_credentials_and_405_lists_allow(server: str) -> None:
    with httpx.Client(base_url=server, trust_env=False) as anon:
        assert_error(anon.get("/v1/nowhere"), 404, "not_found")
        gone = anon.delete("/v1/intents")
        assert_error(gone, 405, "method_not_allowed")
        assert gone.headers["allow"] == "GET, HEAD, POST"
        put = anon.put(f"/v1/intents/{uuid.uuid4()}/events")
        assert_error(put, 405, "method_not_allowed")
        assert put.headers["allow"] == "GET, HEAD"
        assert anon.post("/v1/agents/local/dev/agent/push").headers["allow"] == "PUT"


def test_credentials_come_before_parameters_headers_and_bodies(server: str) -> None:
    with httpx.Client(base_url=server, trust_env=False) as anon:
        assert_error(anon.get("/v1/intents", params={"limit": "0"}), 401, "missing_api_key")
        assert_error(anon.get("/v1/intents", headers={"X-Trace-Id": "bad trace"}), 401, "missing_api_key")
        assert_error(anon.post("/v1/intents", content=b"{nope"), 401, "missing_api_key")
        assert_error(anon.post("/v1/intents", json={}, headers={"x-api-key": "wrong"}), 401, "auth_failed")


def test_input_comes_before_visibility_and_visibility_before_state(api: dict[str, Api]) -> None:
    unknown = uuid.uuid4()
    http = api["client"].http
    assert_error(http.post(f"/v1/intents/{unknown}/resolve", json={"status": "NOPE"}), 422, "schema_invalid")
    assert_error(
        http.post(f"/v1/intents/{unknown}/resolve", content=b"{", headers={"Content-Type": "application/json"}),
        400,
        "invalid_json",
    )
    assert_error(http.post(f"/v1/intents/{unknown}/cancel", headers={"Idempotency-Key": "a b"}), 400, "invalid_parameter")
    assert_error(http.post("/v1/intents/not-a-uuid/resolve", json={"status": "NOPE"}), 422, "schema_invalid")
    assert_error(http.post(f"/v1/intents/{unknown}/resolve", json={"status": "CANCELED", "reason": "r"}), 404, "intent_not_found")
    other = api["client"].create(to="agent://local/dev/agent-two")["intent_id"]
    done = api["client"].create()["intent_id"]
    api["client"].http.post(f"/v1/intents/{done}/cancel")
    assert_error(api["agent"].http.post(f"/v1/intents/{other}/resume", json={"action": "start"}), 404, "intent_not_found")
    assert_error(api["client"].http.post(f"/v1/intents/{other}/resume", json={"action": "start"}), 403, "policy_denied")
    assert_error(api["client"].http.post(f"/v1/intents/{done}/cancel"), 409, "intent_terminal")


# ---- decision D3: application/json, alone or with charset=utf-8 -----------------------------------


@pytest.mark.parametrize(
    ("content_type", "status"),
    [
        (None, 200),
        ("application/json", 200),
        ("Application/JSON", 200),
        ("application/json; charset=utf-8", 200),
        ('application/json;charset="UTF-8"', 200),
        ("application/json; charset=latin-1", 415),
        ("application/json; charset=utf-16", 415),
        ("application/json; version=2", 200),  # other parameters are ignored (AXP-API-011)
        ("text/plain", 415),
        ("application/jsonx", 415),
        ("application/problem+json", 415),
    ],
)
def test_content_types(api: dict[str, Api], content_type: str | None, status: int) -> None:
    import json

    headers = {"Content-Type": content_type} if content_type is not None else {}
    request = api["client"].http.build_request("POST", "/v1/intents", content=json.dumps(intent_body()).encode(), headers=headers)
    assert ("content-type" in request.headers) == (content_type is not None)
    response = api["client"].http.send(request)
    if status == 200:
        assert response.status_code == 200, response.text
    else:
        assert_error(response, 415, "unsupported_media_type")


# ---- decision D5: same body = equal as parsed JSON -----------------------------------------------


def test_idempotency_compares_numbers_by_value_and_strings_by_code_point(api: dict[str, Api]) -> None:
    http = api["client"].http
    base = intent_body()
    text = '{"intent_type":"order.fulfill.v1","correlation_id":"%s","to_agent":"%s","payload":{"n":%s,"s":"%s"}}'

    def send(number: str, string: str, key: str) -> httpx.Response:
        body = (text % (base["correlation_id"], AGENT_ADDR, number, string)).encode()
        return http.post("/v1/intents", content=body, headers={"Idempotency-Key": key, "Content-Type": "application/json"})

    first = send("1", "é", "numbers")
    assert first.status_code == 200
    for same in ("1.0", "1e0", "10e-1", "1.00000"):
        again = send(same, "é", "numbers")
        assert again.status_code == 200 and again.json() == first.json(), same
    assert_error(send("true", "é", "numbers"), 409, "idempotency_conflict")
    assert_error(send("1.5", "é", "numbers"), 409, "idempotency_conflict")
    assert_error(send("1", unicodedata.normalize("NFD", "é"), "numbers"), 409, "idempotency_conflict")
    assert send("-0", "x", "zero").json() == send("0.0", "x", "zero").json()


# ---- decision D6: X-Trace-Id ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trace", "ok"), [("t", True), ("a" * 128, True), ("!~", True), ("a" * 129, False), ("a b", False), ("", False)]
)
def test_trace_id_bounds(api: dict[str, Api], trace: str, ok: bool) -> None:
    for path in ("/health", "/v1/intents"):
        response = api["client"].http.get(path, headers={"X-Trace-Id": trace})
        if ok:
            assert response.status_code == 200 and response.headers["x-trace-id"] == trace
        else:
            assert_error(response, 400, "invalid_parameter")
            assert "x-trace-id" not in response.headers


def test_non_ascii_trace_id_is_400(server: str) -> None:
    headers = [(b"x-api-key", b"axp-dev-client"), (b"x-trace-id", "trace-é".encode())]
    response = httpx.get(f"{server}/v1/intents", headers=headers, trust_env=False)
    assert_error(response, 400, "invalid_parameter")


# ---- decision D8 / issue item 8: push registration --------------------------------------------------


def test_push_registration_is_the_agent_itself_or_an_admin(api: dict[str, Api]) -> None:
    body = {"url": "http://127.0.0.1:9/hook", "secret": "s3cr3t-0123456789abcdef"}
    own_client = api["client"].http.put("/v1/agents/local/dev/client/push", json=body)
    assert_error(own_client, 403, "policy_denied")
    assert_error(api["agent2"].http.put("/v1/agents/local/dev/agent/push", json=body), 403, "policy_denied")
    assert api["agent"].http.put("/v1/agents/local/dev/agent/push", json=body).status_code == 200
    assert api["admin"].http.put("/v1/agents/local/dev/agent-two/push", json=body).status_code == 200


# ---- decision D10 / item 7: no API key at rest; keys compared in constant time ----------------------


def stored_text(db: str) -> tuple[str, list[str]]:
    """Everything the database holds, as text, and the idempotency scopes: on SQLite its dump, on
    PostgreSQL every row of every table of the platform's schema."""
    if is_url(db):
        tables = pgcluster.sql(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
        assert {"intents", "events", "idempotency"} <= {t for (t,) in tables}, tables
        dump = "\n".join(str(row[0]) for (t,) in tables for row in pgcluster.sql(db, f'SELECT x::text FROM "{t}" x'))
        return dump, [row[0] for row in pgcluster.sql(db, "SELECT scope FROM idempotency")]
    with sqlite3.connect(db) as conn:
        return "\n".join(conn.iterdump()), [row[0] for row in conn.execute("SELECT scope FROM idempotency")]


def test_no_api_key_is_stored_in_the_database(server_db: str) -> None:
    config = ServerConfig.dev(server_db, log_requests=False)
    with serve_in_thread(config) as base, httpx.Client(base_url=base, trust_env=False) as http:
        for key in ("axp-dev-client", "axp-dev-admin"):
            response = http.post(
                "/v1/intents", json=intent_body(), headers={"x-api-key": key, "Idempotency-Key": f"create-{key[-5:]}"}
            )
            assert response.status_code == 200
            iid = response.json()["intent_id"]
            cancel = http.post(f"/v1/intents/{iid}/cancel", headers={"x-api-key": key, "Idempotency-Key": "c"})
            assert cancel.status_code == 200
    dump, scopes = stored_text(server_db)
    assert iid in dump  # the dump does hold what was written
    assert "axp-dev-" not in dump
    assert scopes and all(s.startswith(("client:agent://", "admin:agent://")) for s in scopes), scopes
    if not is_url(server_db):  # the file's raw bytes too (WAL included); PostgreSQL's files are the cluster's
        db = Path(server_db)
        raw = b"".join(p.read_bytes() for p in db.parent.iterdir() if p.name.startswith(db.name))
        assert b"axp-dev-client" not in raw and b"axp-dev-admin" not in raw


def test_key_ring_matches_whole_keys_only() -> None:
    ring = KeyRing([Principal("k-123456", "agent", "agent://a-b/c-d/e"), Principal("other", "admin", "agent://a-b/c-d/f")])
    assert ring.find("k-123456") is not None and ring.find("k-123456").role == "agent"  # type: ignore[union-attr]
    for wrong in ("k-12345", "k-1234567", "K-123456", "", "k-123456\x00"):
        assert ring.find(wrong) is None
    assert "k-123456" not in repr(ring.find("k-123456"))


# ---- item 8: requests the HTTP parser refuses get the error model ----------------------------------


@pytest.fixture(params=["httptools", "h11"])
def raw_server(request: pytest.FixtureRequest, server_db: str) -> Iterator[tuple[str, int]]:
    """The app behind each of our two HTTP protocol classes, as ``axp serve`` would run it."""
    import threading

    import uvicorn

    from axp.server.app import create_app
    from axp.server.protocol import AxpH11Protocol, http_protocol
    from axp.server.runner import free_port, uvicorn_config, wait_healthy

    protocol = http_protocol() if request.param == "httptools" else AxpH11Protocol
    if request.param == "httptools" and protocol is AxpH11Protocol:
        pytest.fail("httptools is a dependency of axp and should be installed")
    port = free_port()
    config = uvicorn_config(create_app(ServerConfig.dev(server_db, log_requests=False)), "127.0.0.1", port)
    config.http = protocol
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_healthy(f"http://127.0.0.1:{port}")
    yield "127.0.0.1", port
    server.should_exit = True
    thread.join(10)


@pytest.mark.parametrize(
    "raw",
    [
        b"POST /v1/intents HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        b"GET /v1/intents HTTP/1.1\r\nHost: x\r\nX-Bad: a\rb\r\n\r\n",
        b"GET /v1/intents HTTP/1.1\r\nHost: x\r\nBad Header Name: a\r\n\r\n",
        b"NOT-HTTP\r\n\r\n",
        b"GET /v1/intents?to_agent=" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /v1/intents HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n",
        b"GET /v1/intents HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(6000)) + b"\r\n",
    ],
    ids=[
        "negative content-length",
        "CR in a header",
        "space in a header name",
        "no request line",
        "70 KB URL",
        "70 KB header",
        "6,000 headers",
    ],
)
def test_requests_the_parser_refuses_get_the_error_model(raw_server: tuple[str, int], raw: bytes) -> None:
    import json

    with socket.create_connection(raw_server, timeout=10) as sock:
        sock.sendall(raw)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400"), answer[:200]
    assert b"content-type: application/json" in head.lower() and b"connection: close" in head.lower()
    payload = json.loads(body)
    assert ERROR.errors(payload) == [] and payload["error"]["code"] == "invalid_parameter"


def test_a_head_just_under_the_bound_is_served(server: str) -> None:
    response = httpx.get(f"{server}/v1/intents", headers={**{"x-api-key": "axp-dev-client"}, "X-Pad": "p" * 60_000})
    assert response.status_code == 200
