"""Idempotency: create replay, conflict and concurrent duplicates; keys on the intent writes."""

from __future__ import annotations

import concurrent.futures
import json
import uuid

import httpx

from conformance.context import Context
from conformance.registry import check


@check("idempotency", ["AXP-IDEM-001", "AXP-IDEM-006"])
def idempotent_replay_returns_original(ctx: Context) -> None:
    """Same key and same body (keys reordered) answer the identical original response."""
    key = f"conf-{uuid.uuid4()}"
    body = ctx.create_body()
    first = ctx.http().post("/v1/intents", json=body, headers={"Idempotency-Key": key})
    reordered = json.dumps(dict(reversed(list(body.items()))))
    second = ctx.http().post(
        "/v1/intents", content=reordered, headers={"Idempotency-Key": key, "Content-Type": "application/json"}
    )
    ctx.expect(first.status_code == second.status_code == 200, "replay must answer 200", "AXP-IDEM-001")
    ctx.expect(ctx.json_of(first) == ctx.json_of(second), "a replay must answer the identical body", "AXP-IDEM-001")


@check("idempotency", ["AXP-IDEM-002"])
def idempotency_key_with_other_body_is_409(ctx: Context) -> None:
    """Same key with a different body answers 409 idempotency_conflict."""
    key = f"conf-{uuid.uuid4()}"
    body = ctx.create_body()
    ctx.http().post("/v1/intents", json=body, headers={"Idempotency-Key": key})
    other = ctx.http().post("/v1/intents", json={**body, "payload": {"changed": True}}, headers={"Idempotency-Key": key})
    ctx.expect_error(other, 409, "idempotency_conflict", "AXP-IDEM-002")


@check("idempotency", ["AXP-IDEM-003"])
def concurrent_duplicates_make_one_intent(ctx: Context) -> None:
    """20 concurrent creates with one key produce exactly one intent."""
    key = f"conf-{uuid.uuid4()}"
    body = ctx.create_body()

    def create(_: int) -> str:
        with httpx.Client(
            base_url=ctx.target.base_url,
            headers={"x-api-key": ctx.target.client_key},
            timeout=ctx.target.timeout,
            trust_env=False,
        ) as c:
            response = c.post("/v1/intents", json=body, headers={"Idempotency-Key": key})
            return str(response.json().get("intent_id")) if response.status_code == 200 else f"http {response.status_code}"

    with concurrent.futures.ThreadPoolExecutor(max_workers=10) as pool:
        ids = set(pool.map(create, range(20)))
    ctx.expect(len(ids) == 1, f"{len(ids)} different answers to one key: {sorted(ids)[:3]}", "AXP-IDEM-003")


@check("idempotency", ["AXP-IDEM-008"])
def writes_honour_idempotency_keys(ctx: Context) -> None:
    """A resolve repeated with its Idempotency-Key answers the original again (not 409 intent_terminal);
    the same key with another body is 409 idempotency_conflict; the intent ends once."""
    intent_id = ctx.create()
    path, key = f"/v1/intents/{intent_id}/resolve", {"Idempotency-Key": f"conf-{uuid.uuid4()}"}
    body = {"status": "CANCELED", "reason": "retried by a flaky network"}
    first = ctx.http().post(path, json=body, headers=key)
    ctx.expect(first.status_code == 200, f"resolve answered {first.status_code}", "AXP-API-007")
    again = ctx.http().post(path, json=body, headers=key)
    ctx.expect(again.status_code == 200, f"the replayed resolve answered {again.status_code}", "AXP-IDEM-008")
    ctx.expect(ctx.json_of(again) == ctx.json_of(first), "the replay must answer the original body", "AXP-IDEM-008")
    other = ctx.http().post(path, json={**body, "reason": "another body"}, headers=key)
    ctx.expect_error(other, 409, "idempotency_conflict", "AXP-IDEM-008")
    ended = [e for e in ctx.events(intent_id) if e["event_type"] == "intent.canceled"]
    ctx.expect(len(ended) == 1, f"{len(ended)} intent.canceled events", "AXP-IDEM-008")


@check("idempotency", ["AXP-IDEM-006", "AXP-IDEM-001"])
def numbers_compare_by_value(ctx: Context) -> None:
    """Numbers compare by value: payloads holding 1, 1.0 and 1e0 under one key are one body, a replay
    (strings by code points: same_body_means_equal_as_parsed_json)."""
    headers = {"Idempotency-Key": f"conf-num-{uuid.uuid4()}", "Content-Type": "application/json"}
    text = json.dumps(ctx.create_body(payload={"qty": 0})).replace('"payload": {"qty": 0}', '"payload": {"qty": NUM}')

    def create(number: str) -> tuple[int, object]:
        answer = ctx.http().post("/v1/intents", content=text.replace("NUM", number).encode(), headers=headers)
        return answer.status_code, ctx.json_of(answer).get("intent_id")

    first = create("1")
    # A key that is not honoured at all is AXP-IDEM-001, not a body-equality failure.
    replay = create("1")
    ctx.expect(replay == first, f"the identical create repeated with its key answered {replay}, not {first}", "AXP-IDEM-001")
    for number in ("1.0", "1e0"):
        again = create(number)
        ctx.expect(
            again == first, f"qty {number} after qty 1 under one key answered {again}, not the original {first}", "AXP-IDEM-006"
        )
