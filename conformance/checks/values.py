"""Values from the whole legal range, in every field where a type appears.

The suite's own helpers send one convenient form of each value (a lower-case UUID, a UTC
timestamp with ``Z``); a server that only works for that form, or normalises what it stores,
looks fine until real clients arrive. These checks send the other legal forms — upper-case UUIDs,
offsets and lower-case ``t``/``z``, the longest names, astral characters at the length limit — and
the illegal ones, in every field that carries the type.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from conformance.context import Context
from conformance.registry import check

LONG_SEGMENT = "a" + "b-" * 30 + "9c"  # 63 characters: the longest org / workspace segment
LONG_NAME = "n" + "a._-" * 15 + "z9"  # 63 characters with dots, underscores and hyphens
LONGEST_ADDRESS = f"agent://{LONG_SEGMENT}/{LONG_SEGMENT}/{LONG_NAME}"
SHORTEST_ADDRESS = "agent://a-b/c-d/ef"
LONGEST_TYPE = "a_9" * 82 + "a.b_c.v12"  # 255 characters: the longest intent_type
ASTRAL = "😀"  # one code point, two UTF-16 units, four UTF-8 bytes


def _future(seconds: float, offset_hours: float = 0) -> datetime:
    zone = timezone(timedelta(hours=offset_hours))
    return (datetime.now(UTC) + timedelta(seconds=seconds)).astimezone(zone)


def timestamp_forms() -> Iterator[tuple[str, str]]:
    """(what, value): RFC 3339 date-times a platform must accept (AXP-GEN-002), an hour away."""
    later = _future(3600)
    yield "a Z timestamp", later.strftime("%Y-%m-%dT%H:%M:%SZ")
    yield "a lower-case t and z", later.strftime("%Y-%m-%dt%H:%M:%Sz")
    yield "a +05:30 offset", _future(3600, 5.5).isoformat(timespec="seconds")
    yield "a -08:00 offset with microseconds", _future(3600, -8).isoformat(timespec="microseconds")
    yield "a +00:00 offset", later.isoformat(timespec="milliseconds")


def legal_creates(ctx: Context) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(requirement, what, create-body changes) for legal values a platform must accept."""
    yield "AXP-API-001", "an upper-case correlation_id", {"correlation_id": str(uuid.uuid4()).upper()}
    for what, value in timestamp_forms():
        yield "AXP-GEN-002", f"deadline_at with {what}", {"deadline_at": value}
    yield "AXP-API-001", "a 255-character intent_type", {"intent_type": LONGEST_TYPE}
    yield "AXP-API-001", "the longest reply_to address", {"reply_to": LONGEST_ADDRESS}
    yield "AXP-API-001", "the shortest reply_to address", {"reply_to": SHORTEST_ADDRESS}
    yield "AXP-API-001", "the longest escalate_to address", {"escalate_to": LONGEST_ADDRESS}
    yield (
        "AXP-ENV-004",
        "metadata of 64 values of 2048 astral characters",
        {"metadata": {f"κλειδί-{i:02}-{ASTRAL}": ASTRAL * 2048 for i in range(64)}},
    )
    yield (
        "AXP-API-001",
        "a payload of every JSON type at its edges",
        {
            "payload": {
                "max_safe": 9007199254740991,
                "min_safe": -9007199254740991,
                "big_double": 1.7976931348623157e308,
                "tiny": 5e-324,
                "nfc": "\u00e9",
                "nfd": "e\u0301",
                "family": "\U0001f469\u200d\U0001f469\u200d\U0001f467",
                "rtl": "\u0645\u0631\u062d\u0628\u0627",
                "separators": "a\u2028b\u2029c\nd\re\tf",
                "nul": "a\u0000b",
                "quotes": '"\\/',
                "empty": {},
                "list": [None, True, False, 0, -0.0, [], {}],
            }
        },
    )


@check("identifiers", ["AXP-API-001", "AXP-GEN-002", "AXP-ENV-004", "AXP-COR-001"])
def legal_values_of_every_form_are_accepted(ctx: Context) -> None:
    """Creates carrying the other legal forms of each value — upper-case UUIDs, timestamps with offsets
    and a lower-case t/z, the longest and shortest addresses and intent types, metadata at its limits
    in astral characters, payload values at the edges of JSON — are accepted, and correlation_id
    comes back exactly as given."""
    for requirement, what, changes in legal_creates(ctx):
        body = ctx.create_body(**changes)
        response = ctx.http().post("/v1/intents", json=body)
        ctx.expect(
            response.status_code == 200,
            f"a create with {what} answered {response.status_code}: {response.text[:300]}",
            requirement,
        )
        created = ctx.json_of(response)
        given = body["correlation_id"]
        ctx.expect(created.get("correlation_id") == given, f"the create answer changed correlation_id {given}", "AXP-COR-001")
        stored = ctx.intent(str(created["intent_id"]))
        ctx.expect(
            stored["correlation_id"] == given,
            f"the intent holds correlation_id {stored['correlation_id']}, not {given}",
            "AXP-COR-001",
        )


def bad_addresses() -> Iterator[tuple[str, str]]:
    yield "an upper-case org", "agent://Acme/prod/agent"
    yield "a two-character org", "agent://qa/prod/agent"
    yield "a segment ending in a hyphen", "agent://acme-/prod/agent"
    yield "a name ending in a dot", "agent://acme/prod/agent."
    yield "two segments", "agent://acme/prod"
    yield "four segments", "agent://acme/prod/agent/extra"
    yield "another scheme", "https://acme/prod/agent"
    yield "a 64-character segment", f"agent://{LONG_SEGMENT}x/prod/agent"


def bad_timestamps() -> Iterator[tuple[str, str]]:
    later = _future(3600)
    yield "a space separator", later.strftime("%Y-%m-%d %H:%M:%SZ")
    yield "no offset", later.strftime("%Y-%m-%dT%H:%M:%S")
    yield "a date only", later.strftime("%Y-%m-%d")
    yield "month 13", "2099-13-01T00:00:00Z"
    yield "an offset without colon", later.strftime("%Y-%m-%dT%H:%M:%S+0000")


def bad_uuids() -> Iterator[tuple[str, str]]:
    value = uuid.uuid4()
    yield "32 digits without hyphens", value.hex
    yield "braces", "{" + str(value) + "}"
    yield "a URN", value.urn
    yield "a short last group", str(value)[:-1]


@check("identifiers", ["AXP-ID-001", "AXP-ID-002", "AXP-ID-003", "AXP-GEN-002"])
def illegal_values_are_refused_wherever_they_appear(ctx: Context) -> None:
    """An address that breaks the grammar is refused in to_agent and reply_to; a timestamp without
    offset or with a space, in deadline_at (and a controls patch); an intent_type over 255
    characters or off the pattern; a UUID in another form, as correlation_id (and the list's
    filter) — each with a 4xx error model answer."""
    cases: list[tuple[str, str, dict[str, Any]]] = []
    for what, value in bad_addresses():
        if what == "two segments" and ctx.target.claims("compat.axme"):
            continue  # the axme profile reads agent://org/name as agent://org/default/name (AXP-CMP-004)
        for field in ("to_agent", "reply_to"):
            cases.append(("AXP-ID-001", f"{field} with {what}", {field: value}))
    for what, value in bad_timestamps():
        cases.append(("AXP-GEN-002", f"deadline_at with {what}", {"deadline_at": value}))
    for what, value in (
        ("256 characters", "x" + LONGEST_TYPE),
        ("upper case", "Order.fulfill.v1"),
        ("one name segment", "order.v1"),
        ("no version", "order.fulfill"),
    ):
        cases.append(("AXP-ID-002", f"intent_type with {what}", {"intent_type": value}))
    for what, value in bad_uuids():
        cases.append(("AXP-ID-003", f"correlation_id with {what}", {"correlation_id": value}))
    http = ctx.http()
    for requirement, what, changes in cases:
        response = http.post("/v1/intents", json=ctx.create_body(**changes))
        ctx.expect(response.status_code in (400, 422), f"a create with {what} answered {response.status_code}", requirement)
        ctx.expect_error(response, response.status_code, None, requirement)
    if ctx.target.claims("intents.controls"):
        intent_id = ctx.create()
        path = f"/v1/intents/{intent_id}/controls"
        for what, value in bad_timestamps():
            response = http.post(path, json={"controls_patch": {"deadline_at": value}})
            ctx.expect(
                response.status_code in (400, 422),
                f"controls with deadline_at {what} answered {response.status_code}",
                "AXP-GEN-002",
            )
        ctx.expect(
            ctx.intent(intent_id).get("policy_generation", 0) == 0, "a refused controls patch changed the intent", "AXP-API-017"
        )
    if ctx.target.claims("intents.list"):
        for what, value in bad_uuids():
            response = http.get("/v1/intents", params={"correlation_id": value})
            ctx.expect_error(response, 400, "invalid_parameter", "AXP-ID-003")
            del what


@check("timers", ["AXP-TMR-004", "AXP-GEN-002"], capability="deadlines", tags=["slow"])
def deadlines_in_any_offset_mean_the_same_instant(ctx: Context) -> None:
    """deadline_at written with another offset (or a lower-case t/z) names the same instant: one due in
    1.5 s times out then, in any form; one due in an hour does not time out early in any form."""
    soon = [
        _future(1.5).strftime("%Y-%m-%dt%H:%M:%S.%fz"),
        _future(1.5, 5.5).isoformat(),
        _future(1.5, -8).isoformat(),
    ]
    later = [value for _, value in timestamp_forms()]
    due = [ctx.create(deadline_at=value) for value in soon]
    idle = [ctx.create(deadline_at=value) for value in later]
    for intent_id, value in zip(due, soon, strict=True):
        events = ctx.wait_events(intent_id, lambda evs: evs[-1]["status"] == "TIMED_OUT", 12)
        ctx.expect(
            events[-1]["status"] == "TIMED_OUT", f"deadline_at {value} (due 1.5 s after creation) never fired", "AXP-TMR-004"
        )
    for intent_id, value in zip(idle, later, strict=True):
        status = ctx.intent(intent_id)["status"]
        ctx.expect(status != "TIMED_OUT", f"deadline_at {value}, an hour away, already timed the intent out", "AXP-TMR-004")
