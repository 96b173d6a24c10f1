"""What upstream's conformance suite (AxmeAI/axme-conformance) verifies of the intent API, written as
our own tests against `axp serve --compat axme`: its health, trace, create, idempotency, get, events,
stream-resume, resolve and capabilities checks, sent the way it sends them (`Authorization: Bearer`,
`notify.message.v1`, two-segment addresses, whole-body stream reads). CI cannot fetch that suite;
these tests hold the server to what it asks. Its other checks need endpoints outside the v1 core
(inbox, approvals, invites, media, schemas, users, webhooks, MCP): spec/16-compat-axme.md.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from axp.server.runner import ServerProcess


def upstream_server(tmp_path: Path, *args: str) -> Iterator[httpx.Client]:
    server = ServerProcess(tmp_path / "axp.db", [*args, "--no-ui"]).start()
    headers = {"Authorization": "Bearer axp-dev-client", "Content-Type": "application/json"}
    try:
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=15.0, trust_env=False) as http:
            yield http
    finally:
        server.stop()


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    yield from upstream_server(tmp_path_factory.mktemp("upstream"), "--compat", "axme")


def create_body(reply_to: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "intent_type": "notify.message.v1",
        "correlation_id": str(uuid.uuid4()),
        "from_agent": "agent://conformance/sender",
        "to_agent": "agent://conformance/receiver",
        "payload": {"text": "hello from conformance"},
    }
    if reply_to:
        body["reply_to"] = reply_to
    return body


def created(http: httpx.Client, **headers: str) -> str:
    response = http.post("/v1/intents", json=create_body(), headers=headers)
    assert response.status_code == 200, response.text
    return str(uuid.UUID(response.json()["intent_id"]))


def test_health_and_trace_header(http: httpx.Client) -> None:
    assert "ok" in http.get("/health").json()
    traced = http.get("/health", headers={"X-Trace-Id": str(uuid.uuid4())})
    assert traced.status_code == 200 and traced.json()["ok"] is True


def test_create_answers_a_uuid(http: httpx.Client) -> None:
    created(http)


def test_create_idempotency(http: httpx.Client) -> None:
    body, key = create_body(), {"Idempotency-Key": f"idem-{uuid.uuid4()}"}
    first, second = (http.post("/v1/intents", json=body, headers=key) for _ in range(2))
    assert first.status_code == second.status_code == 200
    assert first.json()["intent_id"] == second.json()["intent_id"]
    changed = {**body, "payload": {"text": "something else"}}
    assert http.post("/v1/intents", json=changed, headers=key).status_code == 409


def test_get_intent(http: httpx.Client) -> None:
    intent_id = created(http)
    body = http.get(f"/v1/intents/{intent_id}").json()
    assert body["ok"] is True and body["intent"]["intent_id"] == intent_id
    assert isinstance(body["intent"]["intent_type"], str) and isinstance(body["intent"]["payload"], dict)


def test_events_and_since(http: httpx.Client) -> None:
    intent_id = created(http)
    events = http.get(f"/v1/intents/{intent_id}/events").json()["events"]
    assert len(events) >= 2
    seqs = [e["seq"] for e in events]
    assert all(isinstance(s, int) and s >= 1 for s in seqs) and seqs == sorted(seqs)
    assert all(e["event_type"].startswith("intent.") for e in events)
    later = http.get(f"/v1/intents/{intent_id}/events", params={"since": seqs[0]}).json()["events"]
    assert later and all(e["seq"] > seqs[0] for e in later)


def test_stream_resume_read_as_one_body(http: httpx.Client) -> None:
    intent_id = created(http)
    response = http.get(f"/v1/intents/{intent_id}/events/stream", params={"since": 1, "wait_seconds": 2})
    assert response.status_code == 200
    found = []
    for block in response.text.split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":"))
        if lines.get("event", "").startswith("intent."):
            found.append(json.loads(lines["data"]))
    assert found and all(e["seq"] > 1 for e in found)


def test_resolve_then_a_second_terminal_write_is_409(http: httpx.Client) -> None:
    intent_id = created(http)
    resolved = http.post(f"/v1/intents/{intent_id}/resolve", json={"status": "COMPLETED", "result": {"delivered": True}})
    body = resolved.json()
    assert resolved.status_code == 200 and body["ok"] is True
    assert body["event"]["event_type"] == "intent.completed" and body["event"]["status"] == "COMPLETED"
    again = http.post(f"/v1/intents/{intent_id}/resolve", json={"status": "CANCELED", "reason": "again"})
    assert again.status_code == 409


def test_capabilities(http: httpx.Client) -> None:
    body = http.get("/v1/capabilities").json()
    assert body["ok"] is True and body["capabilities"] and all(len(c) >= 3 for c in body["capabilities"])
    types = body["supported_intent_types"]
    assert types and all(t.startswith("intent.") and t.endswith(".v1") for t in types)


def test_completion_delivery_is_outside_the_core(http: httpx.Client) -> None:
    """Upstream's completion-delivery check needs the inbox: the resolve answer is the canonical one."""
    response = http.post("/v1/intents", json=create_body(reply_to="agent://conformance/owner"))
    intent_id = response.json()["intent_id"]
    assert http.get(f"/v1/intents/{intent_id}").json()["intent"]["reply_to"] == "agent://conformance/default/owner"
    resolved = http.post(f"/v1/intents/{intent_id}/resolve", json={"status": "COMPLETED", "result": {}}).json()
    assert "completion_delivery" not in resolved
    assert http.get("/v1/inbox", params={"owner_agent": "agent://conformance/default/owner"}).status_code == 404


def test_a_strict_server_refuses_the_two_segment_address(tmp_path: Path) -> None:
    for strict in upstream_server(tmp_path):
        refused = strict.post("/v1/intents", json=create_body())
        assert refused.status_code == 422 and refused.json()["error"]["code"] == "schema_invalid"
        assert strict.get("/v1/capabilities").json()["supported_intent_types"] == ["*"]
