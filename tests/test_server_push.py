"""HTTP push to a real local receiver: signatures, retries with backoff, max attempts; reminders and escalation."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from axp.validate import check_stream, validator_for
from conformance.checks.delivery import PushReceiver
from tests.conftest import Api
from tests.pgcluster import both_backends  # noqa: F401  (these server tests run on SQLite and PostgreSQL)

SECRET = "s3cr3t-0123456789abcdef"


class Receiver(PushReceiver):
    """The suite's push receiver, plus the signature check a real receiver does with its secret."""

    def __init__(self, failures: int, secret: str = SECRET) -> None:
        super().__init__(failures)
        self.secret = secret

    @property
    def received(self) -> list[dict[str, Any]]:
        return [json.loads(raw) for _, raw in self.pushes]

    @property
    def signature_ok(self) -> list[bool]:
        return [
            hmac.compare_digest(
                "sha256=" + hmac.new(self.secret.encode(), raw, hashlib.sha256).hexdigest(), headers.get("x-axme-signature", "")
            )
            for headers, raw in self.pushes
        ]


@pytest.fixture
def receiver_factory() -> Iterator[Any]:
    made: list[Receiver] = []

    def make(failures: int, secret: str = SECRET) -> Receiver:
        made.append(Receiver(failures, secret))
        return made[-1]

    yield make
    for r in made:
        r.close()


def wait_status(api: Api, intent_id: str, wanted: str, timeout: float = 15) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        events = api.events(intent_id)
        if events[-1]["status"] == wanted:
            return events
        time.sleep(0.05)
    raise AssertionError(f"{intent_id} never reached {wanted}: {[e['event_type'] for e in api.events(intent_id)]}")


def register(api: dict[str, Api], url: str) -> None:
    response = api["agent"].http.put("/v1/agents/local/dev/agent/push", json={"url": url, "secret": SECRET})
    assert response.status_code == 200 and "secret" not in response.json()


def test_push_that_fails_twice_then_succeeds(api: dict[str, Api], receiver_factory: Any) -> None:
    receiver = receiver_factory(failures=2)
    register(api, receiver.url)
    iid = api["client"].create()["intent_id"]
    events = wait_status(api["client"], iid, "DELIVERED")
    assert [e["event_type"] for e in events[2:]] == ["intent.delivery_failed", "intent.delivery_failed", "intent.delivered"]
    assert check_stream(events) == []
    assert all(receiver.signature_ok) and len(receiver.received) == 3
    for push in receiver.received:
        assert validator_for("delivery").errors(push) == []
    assert len({p["delivery_id"] for p in receiver.received}) == 3
    assert [p["attempt"] for p in receiver.received] == [1, 2, 3]


def test_receiver_with_the_wrong_secret_detects_the_bad_signature(api: dict[str, Api], receiver_factory: Any) -> None:
    receiver = receiver_factory(failures=0, secret="another-secret-value-123")
    register(api, receiver.url)
    iid = api["client"].create()["intent_id"]
    wait_status(api["client"], iid, "DELIVERED")
    assert receiver.signature_ok == [False]


def test_max_delivery_attempts_then_failed(api: dict[str, Api], receiver_factory: Any) -> None:
    receiver = receiver_factory(failures=100)
    register(api, receiver.url)
    iid = api["client"].create(max_delivery_attempts=2)["intent_id"]
    events = wait_status(api["client"], iid, "FAILED")
    assert [e["event_type"] for e in events[2:]] == ["intent.delivery_failed", "intent.delivery_failed", "intent.failed"]
    assert events[-1]["details"]["error"]["code"] == "delivery_failed"
    assert len(receiver.received) == 2 and check_stream(events) == []


def test_reminders_then_escalation(api: dict[str, Api]) -> None:
    iid = api["client"].create(
        remind_after_seconds=1, remind_interval_seconds=1, max_reminders=2, escalate_to="agent://local/dev/admin"
    )["intent_id"]
    deadline = time.monotonic() + 10
    types: list[str] = []
    while time.monotonic() < deadline:
        types = [e["event_type"] for e in api["client"].events(iid)]
        if "intent.escalated" in types:
            break
        time.sleep(0.1)
    assert types[2:] == ["intent.reminder", "intent.reminder", "intent.escalated"]
    events = api["client"].events(iid)
    assert check_stream(events) == [] and events[-1]["details"]["escalate_to"] == "agent://local/dev/admin"
