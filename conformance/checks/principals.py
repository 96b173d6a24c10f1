"""Authorization over every principal and every path: the sender, the addressed agent, a stranger
and an admin, each on every operation a rule names (ack and resume, cancel and controls, the
agent's stream and poll, every read of an intent)."""

from __future__ import annotations

import json
from typing import Any

from conformance.context import Context
from conformance.registry import NotApplicable, check

REFUSED = (403, 404)  # a stranger may be told 404 (the intent's existence does not leak, AXP-AUTH-007)


def _refused(ctx: Context, intent_id: str, who: str, path: str, body: Any, rule: str, *, stranger: bool) -> None:
    before = ctx.events(intent_id)
    response = ctx.http(who).post(f"/v1/intents/{intent_id}/{path}", json=body)
    if stranger:
        ctx.expect(response.status_code in REFUSED, f"{path} by an unrelated agent answered {response.status_code}", rule)
        ctx.expect_error(response, response.status_code, None, rule)
    else:
        ctx.expect_error(response, 403, "policy_denied", rule)
    after = ctx.events(intent_id)
    ctx.expect(after == before, f"a refused {path} by {who} appended {[e['event_type'] for e in after[len(before) :]]}", rule)


def _allowed(ctx: Context, intent_id: str, who: str, path: str, body: Any, rule: str) -> None:
    response = ctx.http(who).post(f"/v1/intents/{intent_id}/{path}", json=body)
    ctx.expect(response.status_code == 200, f"{path} by the {who} answered {response.status_code}: {response.text[:200]}", rule)


@check("auth", ["AXP-AUTH-003", "AXP-AUTH-004", "AXP-AUTH-010"], tags=["serial"])
def every_write_checks_who_sends_it(ctx: Context) -> None:
    """ack and resume belong to the addressed agent, cancel and controls to the sender; anyone else who
    sees the intent gets 403 policy_denied, a stranger 403 or 404, and nothing changes; an admin may
    do all of them.

    "Nothing changes" compares the intent's log around each refused write while the intent is still
    SUBMITTED, so no reader of the shared agent may hand it over meanwhile: serial."""
    rules = (
        ("ack", None, "intents.ack", "AXP-AUTH-003", "agent", "client"),
        ("resume", {"action": "start"}, "intents.resume", "AXP-AUTH-003", "agent", "client"),
        ("cancel", {"reason": "not yours"}, "intents.cancel", "AXP-AUTH-004", "client", "agent"),
        ("controls", {"controls_patch": {"max_reminders": 2}}, "intents.controls", "AXP-AUTH-010", "client", "agent"),
    )
    ran = False
    for path, body, capability, rule, _owner, other in rules:
        if not ctx.target.claims(capability):
            continue
        ran = True
        intent_id = ctx.create()
        _refused(ctx, intent_id, other, path, body, rule, stranger=False)
        _refused(ctx, intent_id, "agent2", path, body, rule, stranger=True)
        _allowed(ctx, intent_id, "admin", path, body, rule)
    if not ran:
        raise NotApplicable("the server claims none of ack, resume, cancel and controls")


def _delivered_ids(ctx: Context, who: str, path: str, stream: bool, until_id: str) -> tuple[int, list[str]]:
    """(status code, intent ids) of one read of an agent's deliveries, from the run's last cursor."""
    with ctx.target.state.lock:
        since = ctx.target.state.agent_cursors.get(ctx.target.agent_address, 0)
    if stream:
        response, frames, _ = ctx.sse(
            path, who=who, params={"since": since, "wait_seconds": 1}, limit=15, until=lambda raw: until_id in raw
        )
        records = [json.loads(f["data"]) for f in frames if f.get("event") == "intent.delivered"]
        return response.status_code, [str(r["intent_id"]) for r in records]
    seen: list[str] = []
    for _ in range(100):
        response = ctx.http(who).get(path, params={"since": since, "limit": 200})
        if response.status_code != 200:
            return response.status_code, seen
        page = ctx.json_of(response)
        seen += [str(d["intent_id"]) for d in page["deliveries"]]
        if until_id in seen or not page["deliveries"] or page["next_cursor"] == since:
            break
        since = page["next_cursor"]
    return 200, seen


@check("auth", ["AXP-AUTH-005", "AXP-DLV-001"], tags=["serial"])
def agent_deliveries_are_private_on_every_path(ctx: Context) -> None:
    """The agent's stream and poll open only for that agent or an admin (403 policy_denied for a client
    or another agent), and carry only intents addressed to it."""
    readers = (("/intents", False, "agents.poll"), ("/intents/stream", True, "agents.stream"))
    paths = [(suffix, stream) for suffix, stream, cap in readers if ctx.target.claims(cap)]
    if not paths:
        raise NotApplicable("the server claims neither agents.poll nor agents.stream")
    for suffix, stream in paths:
        theirs = ctx.create(to_agent=ctx.target.agent2_address)
        mine = ctx.create()
        path = ctx.agent_path(suffix)
        for who in ("client", "agent2"):
            if stream:
                response, _, _ = ctx.sse(path, who=who, params={"wait_seconds": 1}, limit=10)
            else:
                response = ctx.http(who).get(path)
            ctx.expect_error(response, 403, "policy_denied", "AXP-AUTH-005")
        for who in ("agent", "admin"):
            status, ids = _delivered_ids(ctx, who, path, stream, mine)
            ctx.expect(status == 200, f"{'stream' if stream else 'poll'} by the {who} answered {status}", "AXP-AUTH-005")
            ctx.expect(
                theirs not in ids, f"the agent's {'stream' if stream else 'poll'} carried another agent's intent", "AXP-AUTH-005"
            )
            ctx.expect(
                mine in ids,
                f"the agent's {'stream' if stream else 'poll'} (read by the {who}) lacks its new intent",
                "AXP-DLV-001",
            )


@check("auth", ["AXP-AUTH-007"])
def strangers_find_nothing_on_any_read_path(ctx: Context) -> None:
    """To a principal that is neither sender, addressee nor admin, an intent does not exist on any read
    path (GET, events, the event stream, the list) nor for resolve; an admin reads and resolves it."""
    intent_id = ctx.create()
    stranger = ctx.http("agent2")
    for path in (f"/v1/intents/{intent_id}", f"/v1/intents/{intent_id}/events"):
        ctx.expect_error(stranger.get(path), 404, "intent_not_found", "AXP-AUTH-007")
    response, _, _ = ctx.sse(f"/v1/intents/{intent_id}/events/stream", who="agent2", params={"wait_seconds": 1}, limit=10)
    ctx.expect_error(response, 404, "intent_not_found", "AXP-AUTH-007")
    resolve = stranger.post(f"/v1/intents/{intent_id}/resolve", json={"status": "CANCELED", "reason": "not mine"})
    ctx.expect_error(resolve, 404, "intent_not_found", "AXP-AUTH-007")
    if ctx.target.claims("intents.list"):
        listed = ctx.json_of(stranger.get("/v1/intents", params={"correlation_id": ctx.intent(intent_id)["correlation_id"]}))
        ctx.expect(
            intent_id not in [i.get("intent_id") for i in listed.get("intents", [])],
            "the list shows a stranger another pair's intent",
            "AXP-AUTH-007",
        )
    ctx.intent(intent_id, who="admin")
    answer = ctx.http("admin").post(f"/v1/intents/{intent_id}/resolve", json={"status": "CANCELED", "reason": "by an admin"})
    ctx.expect(answer.status_code == 200, f"resolve by an admin answered {answer.status_code}", "AXP-AUTH-007")
