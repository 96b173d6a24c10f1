"""Prose and data cannot drift apart: what a requirement says, the schemas and the OpenAPI document say too.

Three rules, following the conventions of spec/00-overview.md:

1. **Presence.** A field that a requirement says a message *carries* (or an answer comes *with*, or
   that *is present*) is listed under ``required`` in the schema the same clause names
   (``name.json``). Text after "may"/"optional" in a clause is about optional fields and is skipped.
2. **Status codes.** Every HTTP status a requirement names — through an error code of
   ``spec/errors.json`` in backticks, or as "answers 404" — is among the responses of every
   operation that requirement governs.
3. **Parameter bounds.** Every ``maxLength``, ``minLength``, ``minimum``, ``maximum`` and
   ``pattern`` of an operation's parameter schema is stated by a requirement governing that
   operation: the number (or the pattern, without its anchors, in backticks) in a requirement
   that names the parameter in backticks (path segments need only the pattern).

4. **Descriptions.** Every property of every schema, and every shared definition, says what it is
   for: the docs' field tables and the generated models show the text.

The requirements governing an operation are those its OpenAPI ``description`` lists, plus the
general ones in ``GENERAL`` below, which apply to every operation with the stated property. Each
rule is tested on a deliberately broken input too, so none can pass by finding nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from axp import bundle, errors, requirements, schemas
from axp.capabilities import core_names

REQS = {r.id: r for r in requirements.parse()}
DOC = bundle.bundle_openapi()
PARAMETERS = DOC["components"]["parameters"]

SCHEMA_FILE = re.compile(r"`([a-z_]+)\.json`")
BACKTICKED = re.compile(r"`([^`]+)`")
PRESENCE = re.compile(r"\b(carries|carry|with|are present|is present|answers)\b")
OPTIONAL = re.compile(r"\b(may|MAY|optional|optionally)\b")
BARE_STATUS = re.compile(r"\b(?:answers|answer|is|gets|get|with)\s+([1-5][0-9]{2})\b")
CODED_STATUS = re.compile(r"\b([1-5][0-9]{2})\s+`([a-z_]+)`")
BOUNDS = ("maxLength", "minLength", "minimum", "maximum")


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    op: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.op["operationId"])

    def parameters(self) -> list[dict[str, Any]]:
        return [PARAMETERS[p["$ref"].rsplit("/", 1)[-1]] if "$ref" in p else p for p in self.op.get("parameters", [])]


OPERATIONS = [Operation(path, method, op) for path, item in DOC["paths"].items() for method, op in item.items()]


def _is_optional_capability(op: Operation) -> bool:
    capability = op.op.get("x-axp-capability")
    return capability is not None and capability not in core_names()


# Requirements that govern every operation with a property, rather than being listed on each one.
GENERAL: list[tuple[Callable[[Operation], bool], tuple[str, ...]]] = [
    (lambda op: True, ("AXP-API-010", "AXP-ERR-008")),
    (lambda op: op.op.get("security") != [], ("AXP-AUTH-001",)),
    (lambda op: "requestBody" in op.op, ("AXP-API-005", "AXP-API-011", "AXP-API-019", "AXP-API-022", "AXP-GEN-001")),
    (lambda op: any(p["name"] == "Idempotency-Key" for p in op.parameters()), ("AXP-IDEM-007",)),
    (_is_optional_capability, ("AXP-CAP-005",)),
]


def governing(op: Operation) -> list[str]:
    listed = requirements.MENTION.findall(op.op.get("description", ""))
    general = [rid for applies, rids in GENERAL if applies(op) for rid in rids]
    return list(dict.fromkeys(listed + general))


# ---- rule 1: presence -----------------------------------------------------------------------------


def _inline_objects(node: Any) -> Iterator[dict[str, Any]]:
    """Every object schema written inline in ``node`` (``$ref``s are not followed: each file answers for itself)."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            yield node
        for key, value in node.items():
            if key not in ("$defs", "if", "then", "else", "not"):
                yield from _inline_objects(value)
    elif isinstance(node, list):
        for item in node:
            yield from _inline_objects(item)


def presence_claims(text: str) -> Iterator[tuple[str, str]]:
    """(schema name, field) for every field a clause of ``text`` says is present in a schema it names."""
    for clause in text.split(";"):
        clause = OPTIONAL.split(clause, maxsplit=1)[0]
        if not PRESENCE.search(clause):
            continue
        named = [n for n in SCHEMA_FILE.findall(clause) if n in schemas.names()]
        for schema in named:
            for field in BACKTICKED.findall(clause):
                yield schema, field


def presence_problems(text: str, lookup: Callable[[str], dict[str, Any]]) -> list[str]:
    problems = []
    for schema, field in dict.fromkeys(presence_claims(text)):
        for obj in _inline_objects(lookup(schema)):
            if field in obj["properties"] and field not in obj.get("required", []):
                problems.append(f"`{field}` is said to be present but {schema}.json does not require it")
    return problems


@pytest.mark.parametrize("rid", sorted(REQS))
def test_fields_a_requirement_says_are_present_are_required(rid: str) -> None:
    assert presence_problems(REQS[rid].text, schemas.get) == []


def test_the_presence_rule_reads_the_requirements_it_should() -> None:
    claims = {(rid, s, f) for rid, r in REQS.items() for s, f in presence_claims(r.text)}
    for expected in [
        ("AXP-API-001", "create_intent_response", "correlation_id"),
        ("AXP-API-002", "intent", "lifecycle_status"),
        ("AXP-DLV-007", "agent_delivery", "delivery_seq"),
        ("AXP-SSE-004", "stream_timeout", "last_seq"),
        ("AXP-EV-005", "event", "at"),
        ("AXP-ERR-005", "error", "pointer"),
    ]:
        assert expected in claims
    # "it may carry `actor`" and "may carry `rule`" are optional, not claims
    assert ("AXP-EV-005", "event", "actor") not in claims
    assert ("AXP-ERR-005", "error", "rule") not in claims


def test_the_presence_rule_fails_when_a_schema_drops_a_required_field() -> None:
    def without_last_seq(name: str) -> dict[str, Any]:
        doc = dict(schemas.get(name))
        return {**doc, "required": [f for f in doc["required"] if f != "last_seq"]}

    assert presence_problems(REQS["AXP-SSE-004"].text, without_last_seq) == [
        "`last_seq` is said to be present but stream_timeout.json does not require it"
    ]


# ---- rule 2: status codes -------------------------------------------------------------------------


def named_statuses(text: str) -> set[int]:
    registry = errors.registry()
    found = {registry[code].http_status for code in BACKTICKED.findall(text) if code in registry}
    found |= {int(n) for n in BARE_STATUS.findall(text)}
    found |= {int(n) for n, code in CODED_STATUS.findall(text)}
    return {s for s in found if s >= 300}


def status_problems(op: Operation, reqs: dict[str, requirements.Requirement]) -> list[str]:
    listed = {int(code) for code in op.op["responses"]}
    return [
        f"{rid} names {status}, which {op.id} does not list"
        for rid in governing(op)
        for status in sorted(named_statuses(reqs[rid].text) - listed)
    ]


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda o: o.id)
def test_every_status_a_governing_requirement_names_is_a_documented_response(op: Operation) -> None:
    unknown = [rid for rid in governing(op) if rid not in REQS]
    assert unknown == [], f"{op.id} lists requirements that do not exist"
    assert status_problems(op, REQS) == []


def test_the_status_rule_fails_when_a_requirement_names_an_undocumented_status() -> None:
    get = next(op for op in OPERATIONS if op.id == "getIntent")
    changed = dict(REQS)
    changed["AXP-API-002"] = REQS["AXP-API-002"].__class__(
        **{**REQS["AXP-API-002"].__dict__, "text": "an intent that is gone answers 410 and one being written `intent_terminal`"}
    )
    assert status_problems(get, changed) == [
        "AXP-API-002 names 409, which getIntent does not list",
        "AXP-API-002 names 410, which getIntent does not list",
    ]


# ---- rule 3: parameter bounds ---------------------------------------------------------------------


def bound_problems(op: Operation, reqs: dict[str, requirements.Requirement]) -> list[str]:
    texts = [reqs[rid].text for rid in governing(op) if rid in reqs]
    problems = []
    for param in op.parameters():
        name, schema = param["name"], param["schema"]
        naming = texts if param["in"] == "path" else [t for t in texts if f"`{name}`" in t]
        for key in BOUNDS:
            if key in schema and not any(re.search(rf"(?<![\d.]){schema[key]}(?![\d.])", t) for t in naming):
                problems.append(f"{op.id}: {key} {schema[key]} of `{name}` is stated by no governing requirement")
        if "pattern" in schema:
            core = schema["pattern"].removeprefix("^").removesuffix("$")
            if not any(core in span for t in naming for span in BACKTICKED.findall(t)):
                problems.append(f"{op.id}: pattern {schema['pattern']} of `{name}` is stated by no governing requirement")
    return problems


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda o: o.id)
def test_every_parameter_bound_is_stated_in_the_prose(op: Operation) -> None:
    assert bound_problems(op, REQS) == []


def test_the_bound_rule_fails_when_the_prose_loses_a_bound() -> None:
    events = next(op for op in OPERATIONS if op.id == "listIntentEvents")
    changed = dict(REQS)
    old = REQS["AXP-API-004"]
    changed["AXP-API-004"] = old.__class__(**{**old.__dict__, "text": old.text.replace("1000", "many")})
    assert bound_problems(events, changed) == ["listIntentEvents: maximum 1000 of `limit` is stated by no governing requirement"]


# ---- rule 4: descriptions -------------------------------------------------------------------------


def undescribed(name: str, doc: dict[str, Any]) -> list[str]:
    """Properties (at any depth, conditionals aside) and $defs of one schema that have no description."""
    missing = [f"{name}.json#/$defs/{d}" for d, node in doc.get("$defs", {}).items() if not node.get("description")]
    for obj in _inline_objects(doc):
        for prop, node in obj["properties"].items():
            if not (isinstance(node, dict) and str(node.get("description", "")).strip()):
                missing.append(f"{name}.json: {prop}")
    return missing


@pytest.mark.parametrize("name", schemas.names())
def test_every_property_and_definition_is_described(name: str) -> None:
    assert undescribed(name, schemas.get(name)) == []


def test_the_description_rule_sees_nested_properties() -> None:
    doc = schemas.get("capabilities_response")
    limits = {**doc["properties"]["limits"], "properties": {"max_body_bytes": {"type": "integer"}}}
    broken = {**doc, "properties": {**doc["properties"], "limits": limits}}
    assert undescribed("capabilities_response", broken) == ["capabilities_response.json: max_body_bytes"]


# ---- examples: every operation can show one complete exchange ---------------------------------------


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda o: o.id)
def test_every_operation_has_an_example_answer_that_matches_its_schemas(op: Operation) -> None:
    """The docs print one request and answer per operation from these examples; stream examples are
    SSE text whose every data line is checked against the schema of its frame."""
    from axp.validate import validator_for

    kind, content = next(iter(op.op["responses"]["200"]["content"].items()))
    example = content.get("example") or next(iter(content.get("examples", {}).values()), {}).get("value")
    assert example is not None, f"{op.id} has no example answer"
    if kind != "text/event-stream":
        return
    frames = [
        dict(line.split(": ", 1) for line in block.splitlines() if not line.startswith(":")) for block in example.split("\n\n")
    ]
    frames = [f for f in frames if f]
    assert frames[-1]["event"] == "stream.timeout"
    record = "agent_delivery" if op.id == "streamAgentIntents" else "event"
    for frame in frames:
        data = json.loads(frame["data"])
        schema = "stream_timeout" if frame["event"] == "stream.timeout" else record
        assert validator_for(schema).errors(data) == [], frame
        if "id" in frame:
            assert frame["id"] == str(data["seq"])
