"""The reference server over a real socket: lifecycle flows, errors, idempotency and authorization."""

from __future__ import annotations

import concurrent.futures
import json
import uuid

import httpx
import pytest

from axp import vectors
from axp.validate import check_stream, validator_for
from tests.conftest import AGENT2_ADDR, AGENT_ADDR, Api
from tests.pgcluster import both_backends  # noqa: F401  (these server tests run on SQLite and PostgreSQL)

ERROR = validator_for("error_response")


def assert_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert ERROR.errors(body) == [] and body["error"]["code"] == code
    assert response.headers["x-request-id"]


def test_full_agent_flow_is_a_legal_stream(api: dict[str, Api]) -> None:
    created = api["client"].create()
    assert validator_for("create_intent_response").errors(created) == []
    iid = created["intent_id"]
    agent = api["agent"].http
    assert agent.post(f"/v1/intents/{iid}/ack").json()["applied"] is True
    assert agent.post(f"/v1/intents/{iid}/resume", json={"action": "start"}).status_code == 200
    done = agent.post(f"/v1/intents/{iid}/resume", json={"action": "complete", "result": {"shipped": True}}).json()
    assert validator_for("intent_update_response").errors(done) == []
    events = api["client"].events(iid)
    assert [e["status"] for e in events] == ["CREATED", "SUBMITTED", "DELIVERED", "ACKNOWLEDGED", "IN_PROGRESS", "COMPLETED"]
    assert check_stream(events) == []
    intent = api["client"].http.get(f"/v1/intents/{iid}").json()["intent"]
    assert intent["status"] == intent["lifecycle_status"] == "COMPLETED" and intent["result"] == {"shipped": True}


def test_second_terminal_resolve_is_409(api: dict[str, Api]) -> None:
    iid = api["client"].create()["intent_id"]
    ok = api["client"].http.post(f"/v1/intents/{iid}/resolve", json={"status": "COMPLETED", "result": {}})
    assert ok.status_code == 200 and ok.json()["event"]["event_type"] == "intent.completed"
    again = api["client"].http.post(f"/v1/intents/{iid}/resolve", json={"status": "CANCELED", "reason": "x"})
    assert_error(again, 409, "intent_terminal")
    assert len(api["client"].events(iid)) == 3


def test_integers_beyond_64_bits_and_non_ascii_text_round_trip(api: dict[str, Api]) -> None:
    """Integers beyond 64 bits and text beyond ASCII (U+2028 too) come back equal from the server's
    one encoder, in its answers, its stored documents and its SSE frames alike."""
    value = {"big": 2**70, "negative": -(2**65), "text": "café \u2028 ✓"}
    iid = api["client"].create(payload=value)["intent_id"]
    done = api["client"].http.post(f"/v1/intents/{iid}/resolve", json={"status": "COMPLETED", "result": value})
    assert done.status_code == 200 and done.json()["intent"]["result"] == value
    stored = api["client"].http.get(f"/v1/intents/{iid}").json()["intent"]
    assert stored["payload"] == stored["result"] == value
    listed = api["client"].events(iid)
    with api["client"].http.stream("GET", f"/v1/intents/{iid}/events/stream", params={"wait_seconds": 1}) as response:
        raw = response.read().decode()
    streamed = [json.loads(line.removeprefix("data: ")) for line in raw.split("\n") if line.startswith("data: ")]
    assert streamed == listed and listed[-1]["details"]["result"] == value


def test_idempotent_create_same_and_different_body(api: dict[str, Api]) -> None:
    body = {"intent_type": "order.fulfill.v1", "correlation_id": str(uuid.uuid4()), "to_agent": AGENT_ADDR, "payload": {"n": 1}}
    http = api["client"].http
    first = http.post("/v1/intents", json=body, headers={"Idempotency-Key": "order-1"})
    reordered = json.dumps(dict(reversed(list(body.items()))))
    second = http.post(
        "/v1/intents", content=reordered, headers={"Idempotency-Key": "order-1", "Content-Type": "application/json"}
    )
    assert first.status_code == second.status_code == 200 and first.json() == second.json()
    conflict = http.post("/v1/intents", json={**body, "payload": {"n": 2}}, headers={"Idempotency-Key": "order-1"})
    assert_error(conflict, 409, "idempotency_conflict")
    other_principal = api["admin"].http.post("/v1/intents", json=body, headers={"Idempotency-Key": "order-1"})
    assert other_principal.json()["intent_id"] != first.json()["intent_id"]


def test_fifty_concurrent_creates_with_one_key_make_one_intent(api: dict[str, Api], server: str) -> None:
    body = {"intent_type": "order.fulfill.v1", "correlation_id": str(uuid.uuid4()), "to_agent": AGENT_ADDR, "payload": {}}

    def create(_: int) -> str:
        with httpx.Client(base_url=server, headers={"x-api-key": "axp-dev-client"}, trust_env=False) as c:
            response = c.post("/v1/intents", json=body, headers={"Idempotency-Key": "race"})
            assert response.status_code == 200
            return str(response.json()["intent_id"])

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        ids = set(pool.map(create, range(50)))
    assert len(ids) == 1
    listed = api["client"].http.get("/v1/intents", params={"correlation_id": body["correlation_id"]}).json()
    assert len(listed["intents"]) == 1


def test_auth_errors(api: dict[str, Api], server: str) -> None:
    assert_error(api["anon"].http.get("/v1/intents"), 401, "missing_api_key")
    assert_error(httpx.get(f"{server}/v1/intents", headers={"x-api-key": "nope"}), 401, "auth_failed")
    bearer = httpx.get(f"{server}/v1/intents", headers={"Authorization": "Bearer axp-dev-client"})
    assert bearer.status_code == 200
    assert api["anon"].http.get("/health").json()["ok"] is True
    assert api["anon"].http.get("/v1/capabilities").status_code == 200


def test_only_the_addressed_agent_may_resume_or_ack(api: dict[str, Api]) -> None:
    iid = api["client"].create(to=AGENT_ADDR)["intent_id"]
    assert_error(api["agent2"].http.post(f"/v1/intents/{iid}/resume", json={"action": "start"}), 404, "intent_not_found")
    shared = api["client"].create(to=AGENT2_ADDR)["intent_id"]
    assert_error(api["client"].http.post(f"/v1/intents/{shared}/resume", json={"action": "start"}), 403, "policy_denied")
    assert_error(api["client"].http.post(f"/v1/intents/{shared}/ack"), 403, "policy_denied")
    assert_error(api["agent2"].http.post(f"/v1/intents/{shared}/cancel", json={"reason": "no"}), 403, "policy_denied")
    assert api["admin"].http.post(f"/v1/intents/{shared}/resume", json={"action": "start"}).status_code == 200


def test_agent_stream_is_private(api: dict[str, Api]) -> None:
    assert_error(api["agent2"].http.get("/v1/agents/local/dev/agent/intents"), 403, "policy_denied")
    mine = api["client"].create(to=AGENT_ADDR)["intent_id"]
    other = api["client"].create(to=AGENT2_ADDR)["intent_id"]
    delivered = api["agent"].http.get("/v1/agents/local/dev/agent/intents").json()
    ids = {d["intent_id"] for d in delivered["deliveries"]}
    assert mine in ids and other not in ids
    assert validator_for("agent_poll_response").errors(delivered) == []


@pytest.mark.parametrize("vector", list(vectors.iter_json_text_vectors()), ids=lambda v: v.id)
def test_json_text_vectors_are_accepted_or_refused_as_stated(api: dict[str, Api], vector: vectors.JsonTextVector) -> None:
    body = vector.body({"intent_type": "a.b.v1", "correlation_id": str(uuid.uuid4()), "to_agent": AGENT_ADDR})
    response = api["client"].http.post("/v1/intents", content=body, headers={"Content-Type": "application/json"})
    if vector.valid:
        assert response.status_code == 200, response.text
    else:
        assert_error(response, 400, "invalid_json")


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [
        ("post", "/v1/intents", {"content": b"{nope", "headers": {"Content-Type": "application/json"}}, 400, "invalid_json"),
        ("post", "/v1/intents", {"json": {"intent_type": "x"}}, 422, "schema_invalid"),
        ("post", "/v1/intents", {"content": b"a=b", "headers": {"Content-Type": "text/plain"}}, 415, "unsupported_media_type"),
        ("post", "/v1/intents", {"content": b"\xff\xfe", "headers": {"Content-Type": "application/json"}}, 400, "invalid_json"),
        (
            "post",
            "/v1/intents",
            {"content": b"[" + b"1," * 600_000 + b"1]", "headers": {"Content-Type": "application/json"}},
            413,
            "payload_too_large",
        ),
        (
            "post",
            "/v1/intents",
            {"content": b'{"a":' * 5000 + b"1" + b"}" * 5000, "headers": {"Content-Type": "application/json"}},
            400,
            "invalid_json",
        ),
        ("get", "/v1/intents/not-a-uuid", {}, 404, "intent_not_found"),
        ("get", f"/v1/intents/{uuid.uuid4()}", {}, 404, "intent_not_found"),
        ("get", f"/v1/intents/{uuid.uuid4()}/events/stream", {}, 404, "intent_not_found"),
        ("get", "/v1/intents", {"params": {"limit": "0"}}, 400, "invalid_parameter"),
        ("get", "/v1/intents", {"params": {"status": "ACCEPTED"}}, 400, "invalid_parameter"),
        ("get", "/v1/nowhere", {}, 404, "not_found"),
        ("delete", "/v1/intents", {}, 405, "method_not_allowed"),
        ("post", "/v1/intents", {"json": {}, "headers": {"Idempotency-Key": "bad key"}}, 400, "invalid_parameter"),
    ],
)
def test_bad_input_gets_the_error_model_never_a_500(
    api: dict[str, Api], method: str, path: str, kwargs: dict[str, object], status: int, code: str
) -> None:
    assert_error(getattr(api["client"].http, method)(path, **kwargs), status, code)


def test_list_pagination_and_filters(api: dict[str, Api]) -> None:
    correlation = str(uuid.uuid4())
    for _ in range(5):
        api["client"].create(correlation_id=correlation)
    seen: list[str] = []
    cursor = None
    while True:
        params = {"correlation_id": correlation, "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = api["client"].http.get("/v1/intents", params=params).json()
        assert validator_for("list_intents_response").errors(page) == []
        seen += [i["intent_id"] for i in page["intents"]]
        if not page["has_more"]:
            break
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen)) == 5
    assert api["agent2"].http.get("/v1/intents", params={"correlation_id": correlation}).json()["intents"] == []


def test_human_task_rules(api: dict[str, Api]) -> None:
    task = {
        "title": "Approve",
        "allowed_outcomes": ["approved", "rejected"],
        "required_comment": True,
        "evidence_required": True,
        "form_schema": {"type": "object", "required": ["amount"], "properties": {"amount": {"type": "number"}}},
    }
    iid = api["client"].create(human_task=task)["intent_id"]
    events = api["client"].events(iid)
    assert [e["event_type"] for e in events][-2:] == ["intent.waiting", "intent.human_task_assigned"]
    assert events[-1]["waiting_reason"] == "WAITING_FOR_HUMAN"
    resume = api["agent"].http.post
    bad = resume(f"/v1/intents/{iid}/resume", json={"task_result": {"outcome": "maybe"}})
    assert_error(bad, 422, "task_result_invalid")
    reqs = {e["requirement"] for e in bad.json()["error"]["details"]["errors"]}
    assert reqs == {"AXP-HT-002", "AXP-HT-003", "AXP-HT-004", "AXP-HT-005"}
    good = resume(
        f"/v1/intents/{iid}/resume",
        json={"task_result": {"outcome": "approved", "comment": "fine", "data": {"amount": 3, "evidence": ["x.jpg"]}}},
    )
    assert good.status_code == 200 and good.json()["intent"]["status"] == "COMPLETED"
    assert check_stream(api["client"].events(iid)) == []


def test_controls_compare_and_set(api: dict[str, Api]) -> None:
    iid = api["client"].create()["intent_id"]
    http = api["client"].http
    ok = http.post(f"/v1/intents/{iid}/controls", json={"controls_patch": {"max_reminders": 2}, "expected_policy_generation": 0})
    assert ok.status_code == 200 and ok.json()["policy_generation"] == 1
    stale = http.post(
        f"/v1/intents/{iid}/controls", json={"controls_patch": {"max_reminders": 3}, "expected_policy_generation": 0}
    )
    assert_error(stale, 409, "stale_policy_generation")


def test_trace_id_is_echoed(api: dict[str, Api]) -> None:
    response = api["client"].http.get("/health", headers={"X-Trace-Id": "trace-123"})
    assert response.headers["x-trace-id"] == "trace-123"


def test_huge_cursors_are_400_not_500(api: dict[str, Api]) -> None:
    """Found by the suite's fuzzing: a since beyond SQLite's integer range crashed the query."""
    iid = api["client"].create()["intent_id"]
    assert_error(api["client"].http.get(f"/v1/intents/{iid}/events", params={"since": 10**22}), 400, "invalid_parameter")
    assert_error(
        api["client"].http.get(f"/v1/intents/{iid}/events/stream", headers={"Last-Event-ID": "9" * 30}), 400, "invalid_parameter"
    )


def test_query_and_header_parameters_follow_the_openapi_schemas(api: dict[str, Api]) -> None:
    """Parameter rules come from spec/openapi.yaml (axp/server/params.py), not from hand-written checks."""
    from axp.server.params import _parameters

    declared = _parameters()
    assert ("GET", "/v1/intents") in declared and {n for _, n, _, _ in declared[("GET", "/v1/intents")]} >= {
        "status",
        "to_agent",
        "correlation_id",
        "limit",
        "cursor",
    }
    response = api["client"].http.get("/v1/intents", params={"cursor": "1" * 300})
    assert_error(response, 400, "invalid_parameter")
    assert response.json()["error"]["message"].startswith("cursor:")
    assert_error(api["client"].http.get("/v1/intents", params={"status": "submitted"}), 400, "invalid_parameter")


def test_idempotency_key_on_an_intent_write_replays_and_conflicts(api: dict[str, Api]) -> None:
    intent_id = api["client"].create()["intent_id"]
    path, key = f"/v1/intents/{intent_id}/cancel", {"Idempotency-Key": "cancel-once"}
    first = api["client"].http.post(path, json={"reason": "dup"}, headers=key)
    again = api["client"].http.post(path, json={"reason": "dup"}, headers=key)
    assert first.status_code == again.status_code == 200 and first.json() == again.json()
    assert_error(api["client"].http.post(path, json={"reason": "other"}, headers=key), 409, "idempotency_conflict")
    # the same key on another intent's cancel is an unrelated request (scope includes the intent)
    other = api["client"].create()["intent_id"]
    assert api["client"].http.post(f"/v1/intents/{other}/cancel", json={"reason": "dup"}, headers=key).status_code == 200
    assert_error(api["client"].http.post(path, json={"reason": "dup"}), 409, "intent_terminal")
