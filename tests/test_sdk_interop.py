"""The official `axme` SDK from PyPI works against `axp serve` unchanged (real socket)."""

from __future__ import annotations

import threading

import pytest

from tests.conftest import AGENT2_ADDR, AGENT_ADDR

axme_sdk = pytest.importorskip("axme_sdk")


def test_official_sdk_send_wait_get_events_observe_listen_resume_resolve(server: str) -> None:
    client = axme_sdk.AxmeClient(axme_sdk.AxmeClientConfig(base_url=server, api_key="axp-dev-client"))
    agent = axme_sdk.AxmeClient(axme_sdk.AxmeClientConfig(base_url=server, api_key="axp-dev-agent"))
    handled: list[str] = []

    def work() -> None:
        for delivery in agent.listen(AGENT_ADDR, wait_seconds=1, timeout_seconds=20):
            agent.resume_intent(delivery["intent_id"], {"action": "complete", "result": {"shipped": True}})
            handled.append(delivery["intent_id"])
            return

    worker = threading.Thread(target=work)
    worker.start()
    intent_id = client.send_intent({"intent_type": "order.fulfill.v1", "to_agent": AGENT_ADDR, "payload": {"order_id": "ORD-9"}})
    terminal = client.wait_for(intent_id, timeout_seconds=20, wait_seconds=1)
    worker.join(timeout=20)
    assert handled == [intent_id]
    assert terminal["event_type"] == "intent.completed" and terminal["status"] == "COMPLETED"
    assert client.get_intent(intent_id)["intent"]["result"] == {"shipped": True}
    events = client.list_intent_events(intent_id)["events"]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    observed = [e["event_type"] for e in client.observe(intent_id, timeout_seconds=10, wait_seconds=1)]
    assert observed[0] == "intent.created" and observed[-1] == "intent.completed"
    assert client.list_intent_events(intent_id, since=2)["events"][0]["seq"] == 3

    other = client.send_intent({"intent_type": "order.fulfill.v1", "to_agent": AGENT2_ADDR, "payload": {}})
    resolved = client.resolve_intent(other, {"status": "CANCELED", "reason": "customer withdrew"})
    assert resolved["event"]["event_type"] == "intent.canceled"
    with pytest.raises(axme_sdk.exceptions.AxmeHttpError) as info:
        client.resolve_intent(other, {"status": "COMPLETED", "result": {}})
    assert info.value.status_code == 409
