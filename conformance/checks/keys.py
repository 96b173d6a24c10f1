"""Idempotency keys over everything they range over: every legal key form, every "same body" form,
each operation as its own scope, and a replay after the intent has changed."""

from __future__ import annotations

import json
import uuid

from conformance.context import Context
from conformance.registry import check

VISIBLE = "".join(chr(c) for c in range(0x21, 0x7F))


def _key() -> dict[str, str]:
    return {"Idempotency-Key": f"conf-{uuid.uuid4()}"}


@check("idempotency", ["AXP-IDEM-001", "AXP-API-021"])
def a_replay_answers_the_original_even_after_changes(ctx: Context) -> None:
    """A create repeated with its key after the intent was resolved answers the original status code
    and body (status SUBMITTED), not the intent as it is now, and creates nothing."""
    key, body = _key(), ctx.create_body()
    first = ctx.http().post("/v1/intents", json=body, headers=key)
    ctx.expect(first.status_code == 200, f"create answered {first.status_code}", "AXP-API-001")
    original = first.json()
    done = ctx.http().post(f"/v1/intents/{original['intent_id']}/resolve", json={"status": "COMPLETED", "result": {}})
    ctx.expect(done.status_code == 200, f"resolve answered {done.status_code}", "AXP-API-007")
    again = ctx.http().post("/v1/intents", json=body, headers=key)
    ctx.expect(
        again.status_code == 200 and again.json() == original,
        f"the replay after a resolve answered {again.status_code} {again.text[:200]}, not the original {json.dumps(original)}",
        "AXP-IDEM-001",
    )


@check("idempotency", ["AXP-IDEM-006", "AXP-IDEM-001", "AXP-IDEM-002"])
def same_body_means_equal_as_parsed_json(ctx: Context) -> None:
    """Member order, white space and escapes do not make another body ("\\u00e9" is "é"); a string that
    differs only by Unicode normalisation does ("é" is not "e" + U+0301), so it is 409."""
    key, body = _key(), ctx.create_body(payload={"name": "café", "n": [1, 2]})
    first = ctx.http().post("/v1/intents", json=body, headers=key)
    ctx.expect(first.status_code == 200, f"create answered {first.status_code}", "AXP-API-001")
    original = first.json()
    same = ctx.http().post("/v1/intents", json=body, headers=key)
    ctx.expect(
        same.status_code == 200 and same.json() == original,
        f"the identical request repeated with its key answered {same.status_code}, not the original",
        "AXP-IDEM-001",
    )
    escaped = json.dumps(dict(reversed(list(body.items()))), indent=3, ensure_ascii=True)
    again = ctx.http().post("/v1/intents", content=escaped.encode(), headers={**key, "Content-Type": "application/json"})
    ctx.expect(
        again.status_code == 200 and again.json() == original,
        f"the same body re-serialised (order, white space, \\u escapes) answered {again.status_code}, not the original",
        "AXP-IDEM-006",
    )
    other = ctx.create_body(payload={"name": "cafe\u0301", "n": [1, 2]})
    other["correlation_id"] = body["correlation_id"]
    conflict = ctx.http().post("/v1/intents", json=other, headers=key)
    ctx.expect(
        conflict.status_code == 409,
        f"a body whose string differs only by normalisation answered {conflict.status_code}, not 409",
        "AXP-IDEM-006",
    )
    ctx.expect_error(conflict, 409, "idempotency_conflict", "AXP-IDEM-002")


@check("idempotency", ["AXP-IDEM-007"])
def every_legal_key_is_taken_and_no_other(ctx: Context) -> None:
    """Keys of 1 and 255 visible ASCII characters (punctuation included) are taken; 256 characters, a
    space, a tab or a non-ASCII character is 400 invalid_parameter."""
    longest = (VISIBLE * 3)[:219] + str(uuid.uuid4())  # 255 characters
    # One character is a key any earlier run may have used: always send the same body with it, so a
    # repeat is a replay (200), never a conflict.
    fixed = ctx.create_body(correlation_id=str(uuid.uuid5(uuid.NAMESPACE_URL, "https://axp.dev/conformance/one-character-key")))
    fixed["payload"] = {"one_character_key": True}
    for key, body in ((VISIBLE[0], fixed), (longest, ctx.create_body()), (VISIBLE + str(uuid.uuid4()), ctx.create_body())):
        response = ctx.http().post("/v1/intents", json=body, headers={"Idempotency-Key": key})
        ctx.expect(response.status_code == 200, f"a {len(key)}-character key answered {response.status_code}", "AXP-IDEM-007")
    for key in ((VISIBLE * 3)[:256], "has space", "has\ttab"):
        response = ctx.http().post("/v1/intents", json=ctx.create_body(), headers={"Idempotency-Key": key})
        ctx.expect_error(response, 400, "invalid_parameter", "AXP-IDEM-007")
    response = ctx.http().post("/v1/intents", json=ctx.create_body(), headers={b"Idempotency-Key": b"caf\xe9"})
    ctx.expect_error(response, 400, "invalid_parameter", "AXP-IDEM-007")


@check("idempotency", ["AXP-IDEM-005"])
def a_key_belongs_to_one_operation(ctx: Context) -> None:
    """A key used on a create and then on resolve is two unrelated keys: the resolve is done (or, when
    the platform does not honour keys on writes, simply runs), never answered with the create's body
    or refused as a conflict."""
    key = _key()
    intent_id = ctx.json_of(ctx.http().post("/v1/intents", json=ctx.create_body(), headers=key))["intent_id"]
    response = ctx.http().post(f"/v1/intents/{intent_id}/resolve", json={"status": "CANCELED", "reason": "same key"}, headers=key)
    ctx.expect(
        response.status_code == 200 and "event" in response.json(),
        f"a resolve reusing a create's key answered {response.status_code} {response.text[:200]}",
        "AXP-IDEM-005",
    )
