"""The official `axme` SDK (PyPI) against `axp serve --compat axme`: the agent loop of the SDK's
README and the patterns of upstream's stream agents and cloud examples (approval, external
callback, retry with controls, multi-service), each to its terminal status.

Our own code, written from the shapes those sources send (spec/16-compat-axme.md says how each is
read); one real `axp serve --compat axme` process with a keys file serves the whole module.
"""

from __future__ import annotations

import json
import queue
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from axp.server.runner import ServerProcess

axme_sdk = pytest.importorskip("axme_sdk")

SENDER = "agent://examples/default/requester"
WORKER = "agent://myorg/production/my-agent"  # the README's three-segment address
CHECKER = "agent://examples/compliance-checker"  # upstream's two-segment form
APPROVER = "agent://myorg/prod/agent_core"
KEYS = [
    {"key": "sdk-sender", "role": "client", "address": SENDER},
    {"key": "sdk-worker", "role": "agent", "address": WORKER},
    {"key": "sdk-checker", "role": "agent", "address": "agent://examples/default/compliance-checker"},
    {"key": "sdk-approver", "role": "agent", "address": APPROVER},
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("sdk-compat")
    keys = home / "keys.yaml"
    keys.write_text(yaml.safe_dump(KEYS))
    server = ServerProcess(home / "axp.db", ["--compat", "axme", "--keys-file", str(keys), "--no-ui"], dev_keys=False)
    server.start()
    try:
        yield server.base_url
    finally:
        server.stop()


def sdk(base_url: str, key: str) -> Any:
    return axme_sdk.AxmeClient(axme_sdk.AxmeClientConfig(base_url=base_url, api_key=key))


def upstream_create(client: Any, to_agent: str, intent_type: str, payload: dict[str, Any], **extra: Any) -> str:
    """create_intent as upstream's examples call it: their own correlation id, idempotency key and from_agent."""
    correlation_id = str(uuid.uuid4())
    body = {"intent_type": intent_type, "correlation_id": correlation_id, "from_agent": "agent://examples/requester"}
    body.update(to_agent=to_agent, payload=payload, **extra)
    created = client.create_intent(body, correlation_id=correlation_id, idempotency_key=f"ex-{correlation_id}")
    return str(created["intent_id"])


def agent_loop(agent: Any, address: str, handle: Any, count: int) -> threading.Thread:
    """listen() with the SDK's default 15 s windows, handing each delivery to ``handle`` until ``count``."""
    seen: set[str] = set()

    def run() -> None:
        for delivery in agent.listen(address, timeout_seconds=60):
            if delivery["intent_id"] in seen:
                continue
            seen.add(delivery["intent_id"])
            handle(delivery)
            if len(seen) == count:
                return

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_readme_agent_loop_resumes_with_the_bare_result(base_url: str) -> None:
    client, agent = sdk(base_url, "sdk-sender"), sdk(base_url, "sdk-worker")

    def handle(delivery: dict[str, Any]) -> None:
        intent = agent.get_intent(delivery["intent_id"])["intent"]
        result = {"shipment_id": f"shp_{intent['payload']['order_id']}", "carrier": "UPS"}
        agent.resume_intent(delivery["intent_id"], result)  # the README's resume_intent(id, result)

    worker = agent_loop(agent, WORKER, handle, count=1)
    intent_id = client.send_intent({"intent_type": "order.fulfillment.v1", "to_agent": WORKER, "payload": {"order_id": "123"}})
    terminal = client.wait_for(intent_id, timeout_seconds=60)
    worker.join(timeout=30)
    assert terminal["status"] == "COMPLETED" and terminal["event_type"] == "intent.completed"
    assert client.get_intent(intent_id)["intent"]["result"] == {"shipment_id": "shp_123", "carrier": "UPS"}


def test_stream_agent_on_a_two_segment_address_passes_and_fails(base_url: str) -> None:
    """Upstream's compliance checker: listen on agent://org/name, resume with passed/reason beside action."""
    client, agent = sdk(base_url, "sdk-sender"), sdk(base_url, "sdk-checker")

    def handle(delivery: dict[str, Any]) -> None:
        payload = agent.get_intent(delivery["intent_id"])["intent"]["payload"]
        if payload["environment"] == "production":
            body = {"action": "fail", "passed": False, "reason": f"{payload['change_id']}: needs a person"}
        else:
            body = {"action": "complete", "passed": True, "reason": "checks passed", "checked_fields": ["environment"]}
        agent.resume_intent(delivery["intent_id"], body, owner_agent=CHECKER)

    worker = agent_loop(agent, CHECKER, handle, count=2)
    staging = upstream_create(client, CHECKER, "intent.compliance.check.v1", {"change_id": "CHG-1", "environment": "staging"})
    production = upstream_create(
        client, CHECKER, "intent.compliance.check.v1", {"change_id": "CHG-2", "environment": "production"}
    )
    assert client.wait_for(staging, timeout_seconds=60)["status"] == "COMPLETED"
    assert client.wait_for(production, timeout_seconds=60)["status"] == "FAILED"
    worker.join(timeout=30)
    passed = client.get_intent(staging)["intent"]
    assert passed["to_agent"] == "agent://examples/default/compliance-checker"
    assert passed["result"] == {"passed": True, "reason": "checks passed", "checked_fields": ["environment"]}
    error = client.get_intent(production)["intent"]["error"]
    assert error == {
        "code": "unspecified",
        "message": "CHG-2: needs a person",
        "passed": False,
        "reason": "CHG-2: needs a person",
    }


def test_typescript_example_agent_shapes(base_url: str) -> None:
    """The bodies the TypeScript examples and SDK docs send: members beside action, code/message beside
    fail, and outcome success with result."""
    client, agent = sdk(base_url, "sdk-sender"), sdk(base_url, "sdk-worker")
    shapes = [
        (
            {"action": "complete", "shipment_id": "shp_1", "carrier": "DHL"},
            "COMPLETED",
            {"shipment_id": "shp_1", "carrier": "DHL"},
        ),
        ({"action": "fail", "code": "out_of_stock", "message": "SKU A1 is gone"}, "FAILED", None),
        ({"outcome": "success", "result": {"validated": True}}, "COMPLETED", {"validated": True}),
    ]
    for body, status, result in shapes:
        intent_id = client.send_intent({"intent_type": "order.fulfillment.v1", "to_agent": WORKER, "payload": {}})
        agent.resume_intent(intent_id, body, owner_agent=WORKER)
        assert client.wait_for(intent_id, timeout_seconds=30)["status"] == status
        stored = client.get_intent(intent_id)["intent"]
        if result is not None:
            assert stored["result"] == result
        else:
            assert stored["error"] == {"code": "out_of_stock", "message": "SKU A1 is gone"}


def test_approval_workflow_pattern(base_url: str) -> None:
    client = sdk(base_url, "sdk-sender")
    intent_id = upstream_create(client, "agent://examples/approver", "intent.approval.demo.v1", {"request_id": "req-1"})
    resumed = client.resume_intent(
        intent_id, {"approve_current_step": True, "reason": "auto-approved by policy"}, owner_agent="agent://examples/requester"
    )
    assert resumed["applied"] is False and resumed["event"] is None
    resolved = client.resolve_intent(intent_id, {"status": "COMPLETED", "result": {"approval_result": "auto-approved"}})
    assert resolved["event"]["event_type"] == "intent.completed" and resolved["event"]["status"] == "COMPLETED"
    events = client.list_intent_events(intent_id)["events"]
    assert [e["event_type"] for e in events] == ["intent.created", "intent.submitted", "intent.completed"]
    final = client.get_intent(intent_id)["intent"]
    assert final["status"] == final["lifecycle_status"] == "COMPLETED"
    assert final["to_agent"] == "agent://examples/default/approver"


def test_external_callback_pattern(base_url: str) -> None:
    client = sdk(base_url, "sdk-sender")
    received: queue.Queue[dict[str, Any]] = queue.Queue(maxsize=1)

    class Callback(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            received.put(json.loads(self.rfile.read(int(self.headers["content-length"]))))
            self.send_response(200)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Callback)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    callback_url = f"http://127.0.0.1:{server.server_address[1]}/external/callback"
    try:
        intent_id = upstream_create(
            client, "agent://examples/external-worker", "intent.external_callback.demo.v1", {"callback_url": callback_url}
        )

        def provider() -> None:  # the external system answers a little later, over real HTTP
            time.sleep(0.2)
            body = json.dumps({"provider": "billing-gateway", "callback_status": "approved"}).encode()
            request = urllib.request.Request(callback_url, data=body, headers={"content-type": "application/json"})
            urllib.request.urlopen(request, timeout=10).close()

        threading.Thread(target=provider, daemon=True).start()
        payload = received.get(timeout=30)
        resumed = client.resume_intent(intent_id, {"approve_current_step": True, "reason": "external callback received"})
        assert resumed["applied"] is False
        client.resolve_intent(
            intent_id, {"status": "COMPLETED", "result": {"source": "external_callback", "callback_payload": payload}}
        )
    finally:
        server.shutdown()
        server.server_close()
    terminal = client.wait_for(intent_id, timeout_seconds=30)
    assert terminal["status"] == "COMPLETED"
    assert client.get_intent(intent_id)["intent"]["result"]["callback_payload"]["callback_status"] == "approved"


@pytest.mark.parametrize("failures", [2, 5], ids=["recovers", "gives-up"])
def test_retry_with_controls_pattern(base_url: str, failures: int) -> None:
    client = sdk(base_url, "sdk-sender")
    correlation_id = str(uuid.uuid4())
    body = {
        "intent_type": "intent.retry.demo.v1",
        "correlation_id": correlation_id,
        "from_agent": "agent://examples/retry-orchestrator",
        "to_agent": "agent://examples/retry-worker",
        "payload": {"task": "sync_remote_inventory"},
    }
    first = client.create_intent(body, correlation_id=correlation_id, idempotency_key=f"retry-{correlation_id}")
    again = client.create_intent(body, correlation_id=correlation_id, idempotency_key=f"retry-{correlation_id}")
    intent_id = first["intent_id"]
    assert again["intent_id"] == intent_id
    timed = client.update_intent_controls(intent_id, {"controls_patch": {"timeout_seconds": 600}}, owner_agent=SENDER)
    assert timed["applied"] is True and timed["intent"]["deadline_at"]
    attempts, delays = 0, []
    while attempts < 5:
        attempts += 1
        if attempts > failures:
            break
        delays.append(2 ** (attempts - 1))
        notes = {"controls_patch": {"last_retry_attempt": attempts, "next_retry_delay_seconds": delays[-1]}, "reason": "failed"}
        answer = client.update_intent_controls(intent_id, notes, owner_agent=SENDER)
        assert answer["applied"] is False and answer["policy_generation"] == timed["policy_generation"]
    if attempts <= failures:
        error = {"code": "max_attempts_exceeded", "attempts": attempts, "retry_backoff_seconds": delays}
        client.resolve_intent(intent_id, {"status": "FAILED", "error": error})
        assert client.wait_for(intent_id, timeout_seconds=30)["status"] == "FAILED"
        assert client.get_intent(intent_id)["intent"]["error"] == {**error, "message": "max_attempts_exceeded"}
    else:
        client.resolve_intent(
            intent_id, {"status": "COMPLETED", "result": {"attempts": attempts, "retry_backoff_seconds": delays}}
        )
        assert client.wait_for(intent_id, timeout_seconds=30)["status"] == "COMPLETED"


def test_multi_service_pattern(base_url: str) -> None:
    client = sdk(base_url, "sdk-sender")
    parent = upstream_create(
        client, "agent://examples/orchestrator-runtime", "intent.multi_service.demo.v1", {"steps": ["b", "c"]}
    )
    assert client.resume_intent(parent, {"approve_current_step": True, "reason": "start orchestration"})["applied"] is False
    children = {}
    for service in ("service-b", "service-c"):
        child = upstream_create(
            client, f"agent://examples/{service}", "intent.service_step.demo.v1", {"service": service, "parent_intent_id": parent}
        )
        children[child] = {"service": service, "status": "done"}
        client.resolve_intent(child, {"status": "COMPLETED", "result": children[child]})
    result = {"children": [{"intent_id": k, "result": v} for k, v in children.items()]}
    resolved = client.resolve_intent(parent, {"status": "COMPLETED", "result": result})
    assert resolved["event"]["status"] == "COMPLETED"
    for intent_id in [parent, *children]:
        assert client.wait_for(intent_id, timeout_seconds=30)["status"] == "COMPLETED"


def test_readme_human_approval_with_notify_email(base_url: str) -> None:
    client, approver = sdk(base_url, "sdk-sender"), sdk(base_url, "sdk-approver")
    created = client.create_intent(
        {
            "intent_type": "intent.budget.approval.v1",
            "to_agent": APPROVER,
            "payload": {"amount": 32000},
            "human_task": {
                "task_type": "approval",
                "notify_email": "approver@example.com",
                "allowed_outcomes": ["approved", "rejected"],
            },
        },
        correlation_id=str(uuid.uuid4()),
    )
    assert created["status"] == "WAITING"
    task = client.get_intent(created["intent_id"])["intent"]["human_task"]
    assert task["title"] == "intent.budget.approval.v1" and task["assignees"] == ["approver@example.com"]
    approver.resume_intent(created["intent_id"], {"task_result": {"outcome": "approved", "comment": "within budget"}})
    terminal = client.wait_for(created["intent_id"], timeout_seconds=30)
    assert terminal["status"] == "COMPLETED"


def test_the_same_idioms_are_refused_without_the_profile(tmp_path: Path) -> None:
    """Strict by default: `axp serve` without --compat answers the upstream shapes as the canonical spec does."""
    keys = tmp_path / "keys.yaml"
    keys.write_text(yaml.safe_dump(KEYS))
    server = ServerProcess(tmp_path / "axp.db", ["--keys-file", str(keys), "--no-ui"], dev_keys=False).start()
    try:
        client, agent = sdk(server.base_url, "sdk-sender"), sdk(server.base_url, "sdk-worker")
        with pytest.raises(axme_sdk.exceptions.AxmeValidationError):
            upstream_create(client, CHECKER, "intent.compliance.check.v1", {})
        intent_id = client.send_intent({"intent_type": "order.fulfillment.v1", "to_agent": WORKER, "payload": {}})
        with pytest.raises(axme_sdk.exceptions.AxmeValidationError):
            agent.resume_intent(intent_id, {"shipment_id": "shp_1"})
        with pytest.raises(axme_sdk.exceptions.AxmeValidationError):
            agent.resume_intent(intent_id, {"approve_current_step": True})  # 409: only a WAITING intent continues
        assert "compat.axme" not in client.get_capabilities()["capabilities"]
    finally:
        server.stop()
