"""Delivery over what it ranges over: both hand-over paths (poll and stream), pages of every size,
every 2xx answer of a push receiver, and the default number of push attempts."""

from __future__ import annotations

import time
from typing import Any

from conformance.checks.delivery import SECRET, PushReceiver, pushes_of
from conformance.context import Context
from conformance.registry import check


@check("delivery", ["AXP-DLV-008", "AXP-DLV-007"], capability="agents.poll", tags=["serial"])
def poll_pages_hand_over_every_record_once(ctx: Context) -> None:
    """Paging the agent's deliveries with small limits from a cursor returns every new record exactly
    once, in increasing cursor order, each carrying seq = delivery_seq."""
    ids = [ctx.create() for _ in range(5)]
    with ctx.target.state.lock:
        cursor = ctx.target.state.agent_cursors.get(ctx.target.agent_address, 0)
    path = ctx.agent_path("/intents")
    seen: list[dict[str, Any]] = []
    for _ in range(500):
        page = ctx.json_of(ctx.http("agent").get(path, params={"since": cursor, "limit": 2}), "AXP-DLV-008")
        ctx.schema("agent_poll_response", page, "AXP-DLV-008")
        ctx.expect(len(page["deliveries"]) <= 2, f"limit 2 answered {len(page['deliveries'])} records", "AXP-DLV-008")
        seen += page["deliveries"]
        if ids[-1] in [d["intent_id"] for d in page["deliveries"]] or page["next_cursor"] == cursor:
            break
        cursor = page["next_cursor"]
    mine = [d for d in seen if d["intent_id"] in ids]
    got = [d["intent_id"] for d in mine]
    ctx.expect(got == ids, f"paging with limit 2 handed over {got}, not each of {ids} once in order", "AXP-DLV-008")
    cursors = [int(d["seq"]) for d in seen]
    ctx.expect(cursors == sorted(set(cursors)), f"record cursors across pages: {cursors}", "AXP-DLV-008")
    ctx.expect(
        all(d.get("delivery_seq", d["seq"]) == d["seq"] for d in seen),
        "a record's delivery_seq differs from its seq",
        "AXP-DLV-007",
    )


@check("delivery", ["AXP-DLV-009"], capability="agents.stream", tags=["serial"])
def the_agent_stream_hands_over_like_the_poll(ctx: Context) -> None:
    """An intent the agent's stream delivers moves from SUBMITTED to DELIVERED with intent.delivered,
    as one handed over by poll does."""
    intent_id = ctx.create()
    with ctx.target.state.lock:
        since = ctx.target.state.agent_cursors.get(ctx.target.agent_address, 0)
    ctx.sse(ctx.agent_path("/intents/stream"), who="agent", params={"since": since, "wait_seconds": 1}, limit=20,
            until=lambda raw: intent_id in raw)  # fmt: skip
    events = ctx.wait_events(intent_id, lambda evs: evs[-1]["status"] != "SUBMITTED", 5)
    ctx.expect(
        events[-1]["status"] == "DELIVERED" and events[-1]["event_type"] == "intent.delivered",
        f"after the agent stream delivered it the intent is {events[-1]['status']} ({events[-1]['event_type']})",
        "AXP-DLV-009",
    )


def _pushed(ctx: Context, receiver: PushReceiver, wanted: str, **fields: Any) -> tuple[list[dict[str, Any]], list[bytes]]:
    path = ctx.agent_path("/push", ctx.target.agent2_address)
    registered = ctx.http("agent2").put(path, json={"url": receiver.url, "secret": SECRET})
    ctx.expect(registered.status_code == 200, f"push registration answered {registered.status_code}", "AXP-DLV-010")
    intent_id = ctx.create(to_agent=ctx.target.agent2_address, **fields)
    events = ctx.wait_events(
        intent_id, lambda evs: evs[-1]["status"] == wanted or evs[-1]["status"] in ("FAILED", "DELIVERED"), 30
    )
    time.sleep(0.3)  # an attempt past the limit would land now
    return events, pushes_of(receiver, intent_id)


@check("delivery", ["AXP-DLV-012"], capability="delivery.push", tags=["push", "serial"])
def every_2xx_answer_delivers_a_push(ctx: Context) -> None:
    """A receiver that answers 202 or 204 has taken the push: the intent is DELIVERED, with no failed
    attempt."""
    for success in (204, 202):
        receiver = PushReceiver(failures=0, success=success)
        try:
            events, pushes = _pushed(ctx, receiver, "DELIVERED")
        finally:
            receiver.close()
        kinds = [e["event_type"] for e in events]
        ctx.expect(
            events[-1]["status"] == "DELIVERED" and "intent.delivery_failed" not in kinds,
            f"a receiver answering {success} left the intent {events[-1]['status']} after {len(pushes)} push(es): {kinds}",
            "AXP-DLV-012",
        )


@check("delivery", ["AXP-DLV-004"], capability="delivery.push", tags=["push", "serial", "slow"])
def three_push_attempts_by_default(ctx: Context) -> None:
    """Without max_delivery_attempts an intent whose pushes all fail is FAILED after exactly 3 attempts."""
    receiver = PushReceiver(failures=10_000)
    try:
        events, pushes = _pushed(ctx, receiver, "FAILED")
    finally:
        receiver.close()
    ctx.expect(
        events[-1]["status"] == "FAILED" and len(pushes) == 3,
        f"with the default max_delivery_attempts the intent is {events[-1]['status']} after {len(pushes)} attempts, "
        "not FAILED after 3",
        "AXP-DLV-004",
    )
