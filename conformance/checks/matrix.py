"""The lifecycle as a matrix: every request from every live status, every write on every terminal
status, the deadline from every live status — expectations derived from spec/lifecycle.json.

A rule stated "from every status" is checked from every status the suite can reach, not from the
one a happy path passes through.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from axp.lifecycle import LIFECYCLE
from conformance.context import Context
from conformance.registry import NotApplicable, check

WAITING = LIFECYCLE.waiting_status
TERMINAL_BY_RESOLVE: dict[str, dict[str, Any]] = {
    "COMPLETED": {"status": "COMPLETED", "result": {"matrix": True}},
    "FAILED": {"status": "FAILED", "error": {"code": "conformance_matrix", "message": "failed on purpose"}},
    "CANCELED": {"status": "CANCELED", "reason": "canceled on purpose"},
}


@dataclass(frozen=True)
class Action:
    """One request an intent may receive: who sends it, where, and the status it asks for."""

    name: str
    who: str
    path: str  # suffix after /v1/intents/{id}/
    body: dict[str, Any] | None
    target: str | None  # the status it moves to; None for ack (see ack_expectation)
    capability: str | None
    requirement: str  # what a legal request refused breaks
    only_from: str | None = None  # a continuation: legal only from this status


def actions() -> list[Action]:
    found = [
        Action("start", "agent", "resume", {"action": "start"}, "IN_PROGRESS", "intents.resume", "AXP-API-015"),
        Action(
            "wait",
            "agent",
            "resume",
            {"action": "wait", "waiting_reason": "WAITING_FOR_AGENT"},
            WAITING,
            "intents.resume",
            "AXP-API-015",
        ),
        Action("continue (empty body)", "agent", "resume", {}, "IN_PROGRESS", "intents.resume", "AXP-API-015", WAITING),
        Action(
            "continue (approve_current_step)",
            "agent",
            "resume",
            {"approve_current_step": True},
            "IN_PROGRESS",
            "intents.resume",
            "AXP-API-015",
            WAITING,
        ),
        Action(
            "complete",
            "agent",
            "resume",
            {"action": "complete", "result": {"ok": 1}},
            "COMPLETED",
            "intents.resume",
            "AXP-LC-011",
        ),
        Action(
            "fail",
            "agent",
            "resume",
            {"action": "fail", "error": {"code": "conformance_fail", "message": "x"}},
            "FAILED",
            "intents.resume",
            "AXP-LC-011",
        ),
        Action("cancel", "client", "cancel", {"reason": "matrix"}, "CANCELED", "intents.cancel", "AXP-API-016"),
        Action("ack", "agent", "ack", None, None, "intents.ack", "AXP-DLV-006"),
    ]
    found += [
        Action(f"resolve {status}", "client", "resolve", body, status, None, "AXP-LC-011")
        for status, body in TERMINAL_BY_RESOLVE.items()
    ]
    return found


def reach(ctx: Context, status: str, **extra: Any) -> str | None:
    """A new intent in ``status`` (None when the server does not claim what it takes to get there)."""
    intent_id = ctx.create(**extra)
    agent = ctx.http("agent")
    if status == "SUBMITTED":
        return intent_id
    if status == "DELIVERED":
        if not ctx.target.claims("agents.poll") or ctx.poll_until(intent_id) is None:
            return None
        return intent_id
    if status == "ACKNOWLEDGED":
        if not ctx.target.claims("intents.ack"):
            return None
        answer = agent.post(f"/v1/intents/{intent_id}/ack")
        ctx.expect(answer.status_code == 200, f"ack from SUBMITTED answered {answer.status_code}", "AXP-DLV-006")
        return intent_id
    if not ctx.target.claims("intents.resume"):
        return None
    answer = agent.post(f"/v1/intents/{intent_id}/resume", json={"action": "start"})
    ctx.expect(answer.status_code == 200, f"resume start from SUBMITTED answered {answer.status_code}", "AXP-API-015")
    if status == WAITING:
        answer = agent.post(f"/v1/intents/{intent_id}/resume", json={"action": "wait", "waiting_reason": "WAITING_FOR_TOOL"})
        ctx.expect(answer.status_code == 200, f"resume wait from IN_PROGRESS answered {answer.status_code}", "AXP-API-015")
    return intent_id


LIVE = ("SUBMITTED", "DELIVERED", "ACKNOWLEDGED", "IN_PROGRESS", WAITING)


def ack_moves(status: str) -> list[str]:
    """The statuses an ack walks through from ``status`` (AXP-DLV-006): none from ACKNOWLEDGED on."""
    if status == "SUBMITTED":
        return ["DELIVERED", "ACKNOWLEDGED"]
    return ["ACKNOWLEDGED"] if status == "DELIVERED" else []


@check(
    "lifecycle",
    ["AXP-LC-002", "AXP-LC-010", "AXP-LC-011", "AXP-API-015", "AXP-API-016", "AXP-API-018", "AXP-DLV-006", "AXP-LC-008"],
    tags=["serial"],
)
def every_request_from_every_live_status(ctx: Context) -> None:
    """From each live status, each resume action, ack, cancel and resolve is accepted exactly when
    lifecycle.json has the transition (and appends exactly its event, answering the intent after the
    write), and refused with 409 invalid_transition, appending nothing, when it has not."""
    ran = 0
    for status in LIVE:
        for action in actions():
            if action.capability and not ctx.target.claims(action.capability):
                continue
            if "approve_current_step" in (action.body or {}) and status != WAITING and ctx.target.claims("compat.axme"):
                continue  # the axme profile answers it 200 applied false (AXP-CMP-012, checked by compat_step_approval)
            intent_id = reach(ctx, status)
            if intent_id is None:
                continue
            ran += 1
            one_request(ctx, intent_id, status, action)
    if not ran:
        raise NotApplicable("no live status can be reached with the claimed capabilities")


def one_request(ctx: Context, intent_id: str, status: str, action: Action) -> None:
    before = ctx.events(intent_id)
    start = before[-1]["status"]
    label = f"{action.name} from {status}"
    response = ctx.http(action.who).post(f"/v1/intents/{intent_id}/{action.path}", json=action.body)
    after = ctx.events(intent_id)
    new = after[len(before) :]  # the serial tag keeps agent polls and streams from delivering meanwhile
    if action.target is None:  # ack
        moves = ack_moves(start)
        ctx.expect(response.status_code == 200, f"{label} answered {response.status_code}, not 200", "AXP-DLV-006")
        body = ctx.json_of(response)
        ctx.expect(
            [e["status"] for e in new] == moves and body.get("applied") is bool(moves),
            f"{label} appended {[e['event_type'] for e in new]} with applied {body.get('applied')}; expected {moves}",
            "AXP-DLV-006",
        )
        write_answer(ctx, label, body, after, bool(moves))
        return
    legal = LIFECYCLE.can_transition(start, action.target) and (action.only_from in (None, start))
    if not legal:
        rule = "AXP-LC-010" if start == action.target else "AXP-LC-002"
        ctx.expect_error(response, 409, "invalid_transition", rule)
        ctx.expect(not new, f"a refused {label} appended {[e['event_type'] for e in new]}", rule)
        return
    ctx.expect(response.status_code == 200, f"{label} answered {response.status_code}: {response.text[:200]}", action.requirement)
    kinds = [e["event_type"] for e in new]
    wanted = LIFECYCLE.status_event[action.target]
    ctx.expect(
        kinds == [wanted],
        f"{label} appended {kinds}, not exactly [{wanted}]",
        "AXP-LC-011" if LIFECYCLE.is_terminal(action.target) else action.requirement,
    )
    write_answer(ctx, label, ctx.json_of(response), after, True)


def write_answer(ctx: Context, label: str, body: dict[str, Any], events: list[dict[str, Any]], applied: bool) -> None:
    """AXP-API-018: the answer is the intent after the write and the event it appended."""
    intent = body.get("intent") if isinstance(body, dict) else None
    ctx.expect(isinstance(intent, dict), f"{label} answered no intent", "AXP-API-018")
    assert isinstance(intent, dict)
    ctx.intent_rules(intent)
    last = events[-1]
    ctx.expect(
        intent.get("status") == last["status"],
        f"{label} answered the intent as {intent.get('status')}; its log ends at {last['status']} (seq {last['seq']})",
        "AXP-API-018",
    )
    event = body.get("event")
    if applied:
        stored = next((e for e in events if isinstance(event, dict) and e["seq"] == event.get("seq")), None)
        ctx.expect(
            stored is not None and stored == event, f"{label} answered event {event}, not the one it stored", "AXP-API-018"
        )
    else:
        ctx.expect(event is None, f"{label} changed nothing but answered event {event}", "AXP-API-018")
    ctx.expect(body.get("applied") is applied, f"{label} answered applied {body.get('applied')}", "AXP-API-018")
    status = ctx.intent(str(intent.get("intent_id")))["status"]
    ctx.expect(status == ctx.events(str(intent.get("intent_id")))[-1]["status"], f"after {label} GET says {status}", "AXP-LC-008")


WRITES: tuple[tuple[str, str, str, Callable[[], dict[str, Any] | None], str | None], ...] = (
    ("resolve", "client", "resolve", lambda: {"status": "CANCELED", "reason": "again"}, None),
    ("resume start", "agent", "resume", lambda: {"action": "start"}, "intents.resume"),
    ("resume continue", "agent", "resume", lambda: {}, "intents.resume"),
    ("cancel", "client", "cancel", lambda: {"reason": "again"}, "intents.cancel"),
    ("ack", "agent", "ack", lambda: None, "intents.ack"),
    ("controls", "client", "controls", lambda: {"controls_patch": {"max_reminders": 2}}, "intents.controls"),
)


def terminal_intents(ctx: Context) -> dict[str, str]:
    """One intent per terminal status the suite can produce (TIMED_OUT when deadlines are claimed)."""
    out: dict[str, str] = {}
    timed = None
    if ctx.target.claims("deadlines"):
        timed = ctx.create(deadline_at=(datetime.now(UTC) + timedelta(seconds=1)).isoformat().replace("+00:00", "Z"))
    for status, body in TERMINAL_BY_RESOLVE.items():
        intent_id = ctx.create()
        answer = ctx.http().post(f"/v1/intents/{intent_id}/resolve", json=body)
        ctx.expect(answer.status_code == 200, f"resolve {status} answered {answer.status_code}", "AXP-API-007")
        out[status] = intent_id
    if timed is not None:
        ctx.wait_status(timed, "TIMED_OUT", 12, "AXP-LC-006")
        out["TIMED_OUT"] = timed
    return out


@check("lifecycle", ["AXP-API-006", "AXP-LC-003"])
def every_write_on_every_terminal_status_is_refused(ctx: Context) -> None:
    """On a COMPLETED, FAILED, CANCELED and TIMED_OUT intent, every claimed write (resolve, resume,
    cancel, ack, controls) is refused with 409 intent_terminal and changes nothing."""
    for status, intent_id in terminal_intents(ctx).items():
        before = ctx.events(intent_id)
        doc = ctx.intent(intent_id)
        for name, who, path, body, capability in WRITES:
            if capability and not ctx.target.claims(capability):
                continue
            response = ctx.http(who).post(f"/v1/intents/{intent_id}/{path}", json=body())
            label = f"{name} on a {status} intent"
            ctx.expect(
                response.status_code == 409,
                f"{label} answered {response.status_code}: {response.text[:200]}",
                "AXP-API-006",
            )
            ctx.expect_error(response, 409, "intent_terminal", "AXP-API-006")
        after = ctx.events(intent_id)
        ctx.expect(
            after == before,
            f"writes on a {status} intent appended {[e['event_type'] for e in after[len(before) :]]}",
            "AXP-LC-003",
        )
        now = ctx.intent(intent_id)
        changed = sorted(k for k in set(doc) | set(now) if k != "updated_at" and doc.get(k) != now.get(k))
        ctx.expect(not changed, f"refused writes changed the {status} intent's {changed}", "AXP-API-006")


@check("timers", ["AXP-LC-006", "AXP-TMR-004"], capability="deadlines", tags=["slow", "serial"])
def deadline_applies_from_every_live_status(ctx: Context) -> None:
    """A deadline that passes moves the intent to TIMED_OUT whatever live status it is in.

    Each intent gets its own deadline, a few seconds after its create: reaching a status takes a
    create and up to two writes (or a poll), which a busy machine can stretch past a deadline
    shared by all of them, and a deadline that passes before the intent gets there makes that
    write a 409."""
    intents: dict[str, tuple[str, float]] = {}
    for status in LIVE:
        due = time.time() + 5.0
        deadline = datetime.fromtimestamp(due, UTC).isoformat().replace("+00:00", "Z")
        intent_id = reach(ctx, status, deadline_at=deadline)
        if intent_id is not None:
            intents[status] = (intent_id, due)
    for status, (intent_id, due) in intents.items():
        remaining = max(0.0, due - time.time())
        events = ctx.wait_events(intent_id, lambda evs: LIFECYCLE.is_terminal(evs[-1]["status"]), remaining + 10)
        ctx.expect(
            events[-1]["status"] == "TIMED_OUT",
            f"an intent {status} when its deadline passed ended up {events[-1]['status']}, not TIMED_OUT",
            "AXP-LC-006",
        )
