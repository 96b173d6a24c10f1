"""The axme profile's mapping (axp/server/compat.py) as pure functions, its properties, and its
switch: `axp serve` is strict unless --compat axme is given."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from axp.bundle import bundle_schema
from axp.server import compat
from axp.server.config import ServerConfig
from axp.server.runner import serve_in_thread
from axp.validate import validator_for
from axp.vectors import iter_schema_vectors
from tests.conftest import AGENT, CLIENT, Api

MAPPED = ["create_intent_request", "resume_request", "resolve_request", "controls_request"]
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def mapped(schema: str, body: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    found = compat.translate(schema, body, NOW)
    assert found is not None, body
    assert compat.problems(schema, found) == [], found
    return found.body, found.rules


@pytest.mark.parametrize(
    "schema, body, canonical, rule",
    [
        (
            "resume_request",
            {"action": "complete", "passed": True, "reason": "ok"},
            {"action": "complete", "result": {"passed": True, "reason": "ok"}},
            "AXP-CMP-007",
        ),
        ("resume_request", {"action": "complete"}, {"action": "complete", "result": {}}, "AXP-CMP-007"),
        (
            "resume_request",
            {"action": "fail", "code": "out_of_stock", "message": "gone"},
            {"action": "fail", "error": {"code": "out_of_stock", "message": "gone"}},
            "AXP-CMP-008",
        ),
        (
            "resume_request",
            {"action": "fail", "reason": "no"},
            {"action": "fail", "error": {"code": "unspecified", "message": "no", "reason": "no"}},
            "AXP-CMP-009",
        ),
        (
            "resume_request",
            {"action": "fail", "error": {"code": "x_y"}},
            {"action": "fail", "error": {"code": "x_y", "message": "x_y"}},
            "AXP-CMP-009",
        ),
        (
            "resume_request",
            {"shipment_id": "s", "carrier": "UPS"},
            {"action": "complete", "result": {"shipment_id": "s", "carrier": "UPS"}},
            "AXP-CMP-010",
        ),
        ("resume_request", {"outcome": "success", "result": {"a": 1}}, {"action": "complete", "result": {"a": 1}}, "AXP-CMP-011"),
        (
            "resolve_request",
            {"status": "FAILED", "error": {"code": "max_attempts", "attempts": 5}},
            {"status": "FAILED", "error": {"code": "max_attempts", "attempts": 5, "message": "max_attempts"}},
            "AXP-CMP-009",
        ),
        (
            "resolve_request",
            {"status": "FAILED", "error": {"attempts": 5}},
            {"status": "FAILED", "error": {"attempts": 5, "code": "unspecified", "message": "unspecified"}},
            "AXP-CMP-009",
        ),
        (
            "controls_request",
            {"controls_patch": {"timeout_seconds": 120}},
            {"controls_patch": {"deadline_at": "2026-01-02T03:06:05.000Z"}},
            "AXP-CMP-014",
        ),
        (
            "controls_request",
            {"controls_patch": {"last_retry_attempt": 1, "next_retry_delay_seconds": 2}},
            {"controls_patch": {}},
            "AXP-CMP-015",
        ),
        (
            "create_intent_request",
            {"intent_type": "a.b.v1", "correlation_id": "c", "to_agent": "agent://conformance/receiver", "payload": {}},
            {"intent_type": "a.b.v1", "correlation_id": "c", "to_agent": "agent://conformance/default/receiver", "payload": {}},
            "AXP-CMP-004",
        ),
        (
            "create_intent_request",
            {"to_agent": "agent://acme/prod/x", "reply_to": "initiator://fire-and-forget"},
            {"to_agent": "agent://acme/prod/x"},
            "AXP-CMP-006",
        ),
        (
            "create_intent_request",
            {"intent_type": "a.b.v1", "human_task": {"notify_email": "p@example.com", "assignees": ["ops"]}},
            {"intent_type": "a.b.v1", "human_task": {"assignees": ["ops", "p@example.com"], "title": "a.b.v1"}},
            "AXP-CMP-017",
        ),
    ],
)
def test_each_rule_maps_its_shape(schema: str, body: dict[str, Any], canonical: dict[str, Any], rule: str) -> None:
    found = compat.translate(schema, body, NOW)
    assert found is not None and found.body == canonical and rule in found.rules


def test_resolve_expected_generation_becomes_a_condition_of_the_write() -> None:
    found = compat.translate("resolve_request", {"status": "CANCELED", "reason": "r", "expected_policy_generation": 2})
    assert found is not None and found.body == {"status": "CANCELED", "reason": "r"}
    assert found.options == {"expected_policy_generation": 2}


@pytest.mark.parametrize(
    "schema, body, rule, pointer",
    [
        ("resume_request", {"action": "complete", "result": {}, "shipment_id": "s"}, "AXP-CMP-007", "/shipment_id"),
        ("resume_request", {"action": "complete", "error": {"code": "x_y"}}, "AXP-CMP-007", "/error"),
        ("resume_request", {"action": "fail", "error": {"code": "x_y", "message": "m"}, "sku": 1}, "AXP-CMP-008", "/sku"),
        ("resume_request", {"action": "fail", "result": {}}, "AXP-CMP-008", "/result"),
        ("resume_request", {"reason": "done", "carrier": "UPS"}, "AXP-CMP-010", "/reason"),
        ("resume_request", {"outcome": "failure", "result": {}}, "AXP-CMP-011", "/outcome"),
        ("resume_request", {"outcome": "success", "result": {}, "note": 1}, "AXP-CMP-011", "/outcome"),
        (
            "resolve_request",
            {"status": "COMPLETED", "result": {}, "expected_policy_generation": -1},
            "AXP-CMP-013",
            "/expected_policy_generation",
        ),
        (
            "controls_request",
            {"controls_patch": {"timeout_seconds": 60, "deadline_at": "2030-01-01T00:00:00Z"}},
            "AXP-CMP-014",
            "/controls_patch/timeout_seconds",
        ),
        ("controls_request", {"controls_patch": {"timeout_seconds": 0}}, "AXP-CMP-014", "/controls_patch/timeout_seconds"),
        ("create_intent_request", {"human_task": {"notify_email": 7}}, "AXP-CMP-017", "/human_task/notify_email"),
    ],
)
def test_ambiguous_shapes_are_refused_with_the_rule(schema: str, body: dict[str, Any], rule: str, pointer: str) -> None:
    with pytest.raises(compat.Refused) as info:
        compat.translate(schema, body, NOW)
    assert info.value.requirement == rule and info.value.pointer == pointer


@pytest.mark.parametrize("address", ["agent://qa/bot", "agent://acme/Bot", "agent://acme", "agent://a/b/c/d", "acme/bot", 7])
def test_only_well_formed_two_segment_addresses_are_read(address: object) -> None:
    assert compat.short_address(address) is None
    assert compat.short_address("agent://acme-corp/bot.v2") == "agent://acme-corp/default/bot.v2"


@pytest.mark.parametrize("schema", MAPPED)
def test_every_valid_vector_keeps_its_canonical_meaning(schema: str) -> None:
    """AXP-CMP-002: the profile never re-reads a body the canonical schema accepts."""
    vectors = [v for v in iter_schema_vectors() if v.schema == schema and v.valid]
    assert vectors
    for vector in vectors:
        assert compat.translate(schema, vector.message, NOW) is None, vector.name


@pytest.mark.parametrize("schema", MAPPED)
def test_generated_canonical_bodies_keep_their_meaning(schema: str) -> None:
    flat = bundle_schema(schema)
    flat.pop("$id", None)

    @settings(max_examples=40, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(body=from_schema(flat, custom_formats={"uuid": st.uuids().map(str)}))
    def check(body: dict[str, Any]) -> None:
        assert validator_for(schema).is_valid(body)
        assert compat.translate(schema, body, NOW) is None

    check()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
NAMES = st.sampled_from(
    [
        "action",
        "result",
        "error",
        "reason",
        "actor",
        "outcome",
        "passed",
        "code",
        "message",
        "task_result",
        "approve_current_step",
        "waiting_reason",
        "shipment_id",
        "status",
        "expected_policy_generation",
        "controls_patch",
        "timeout_seconds",
        "last_retry_attempt",
        "to_agent",
        "reply_to",
        "human_task",
        "title",
    ]
)
VALUES = JSON | st.sampled_from(["complete", "fail", "start", "success", "agent://conformance/receiver", "FAILED"])


@pytest.mark.parametrize("schema", MAPPED)
def test_any_body_is_mapped_refused_or_left_alone(schema: str) -> None:
    """Whatever arrives, translate answers a Mapped, None or Refused (never another exception), and a
    mapped resume body names exactly one outcome."""

    @settings(max_examples=300, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(body=st.dictionaries(NAMES, VALUES, max_size=5))
    def check(body: dict[str, Any]) -> None:
        try:
            found = compat.translate(schema, body, NOW)
        except compat.Refused as exc:
            assert exc.requirement.startswith("AXP-CMP-") and exc.pointer.startswith("/")
            return
        if found is None or schema != "resume_request":
            return
        assert found.body.get("action") in ("complete", "fail") or found.body == body or "task_result" in found.body
        if found.body.get("action") == "complete":
            assert "error" not in found.body and isinstance(found.body.get("result"), dict)

    check()


# ---- the switch and the server hooks -----------------------------------------------------------


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[dict[str, Api]]:
    config = ServerConfig.dev(str(tmp_path / "axp.db"), log_requests=False, compat="axme")
    with serve_in_thread(config) as base_url:
        yield {"client": Api(base_url, CLIENT), "agent": Api(base_url, AGENT)}


def test_strict_by_default(api: dict[str, Api]) -> None:
    capabilities = api["anon"].http.get("/v1/capabilities").json()
    assert compat.CAPABILITY not in capabilities["capabilities"] and capabilities["supported_intent_types"] == ["*"]
    iid = api["client"].create()["intent_id"]
    refused = api["agent"].http.post(f"/v1/intents/{iid}/resume", json={"action": "complete", "shipment_id": "s"})
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "schema_invalid"
    assert api["agent"].http.get("/v1/agents/local/agent/intents/stream").status_code == 404


def test_a_body_still_invalid_after_mapping_names_the_rules(profile: dict[str, Api]) -> None:
    iid = profile["client"].create()["intent_id"]
    bad = profile["agent"].http.post(f"/v1/intents/{iid}/resume", json={"action": "fail", "code": "Not A Code"})
    error = bad.json()["error"]
    assert bad.status_code == 422 and error["code"] == "schema_invalid"
    assert "AXP-CMP-008" in error["message"] and any(p["pointer"] == "/error/code" for p in error["details"]["errors"])
    refused = profile["agent"].http.post(f"/v1/intents/{iid}/resume", json={"outcome": "done"})
    assert refused.status_code == 422 and refused.json()["error"]["details"]["errors"][0]["requirement"] == "AXP-CMP-011"
    assert profile["client"].events(iid)[-1]["status"] == "SUBMITTED"


def test_step_approval_writes_nothing_and_is_not_remembered(profile: dict[str, Api]) -> None:
    iid = profile["client"].create()["intent_id"]
    key = {"Idempotency-Key": f"approve-{iid}"}
    for _ in range(2):
        answer = profile["client"].http.post(f"/v1/intents/{iid}/resume", json={"approve_current_step": True}, headers=key)
        assert answer.status_code == 200 and answer.json()["applied"] is False
    profile["agent"].http.post(f"/v1/intents/{iid}/resume", json={"action": "wait", "waiting_reason": "WAITING_FOR_TOOL"})
    continued = profile["agent"].http.post(f"/v1/intents/{iid}/resume", json={"approve_current_step": True}, headers=key)
    assert continued.status_code == 200 and continued.json()["intent"]["status"] == "IN_PROGRESS"
    assert [e["status"] for e in profile["client"].events(iid)][-2:] == ["WAITING", "IN_PROGRESS"]


def test_resolve_with_expected_generation_is_checked_in_the_write(profile: dict[str, Api]) -> None:
    iid = profile["client"].create()["intent_id"]
    http = profile["client"].http
    assert (
        http.post(f"/v1/intents/{iid}/controls", json={"controls_patch": {"max_reminders": 2}}).json()["policy_generation"] == 1
    )
    stale = http.post(f"/v1/intents/{iid}/resolve", json={"status": "CANCELED", "reason": "r", "expected_policy_generation": 0})
    assert stale.status_code == 409 and stale.json()["error"]["details"]["policy_generation"] == 1
    done = http.post(f"/v1/intents/{iid}/resolve", json={"status": "CANCELED", "reason": "r", "expected_policy_generation": 1})
    assert done.status_code == 200 and done.json()["intent"]["status"] == "CANCELED"
    assert "completion_delivery" not in done.json()


def test_two_segment_stream_path_keeps_the_canonical_parameter_rules(profile: dict[str, Api]) -> None:
    http = profile["agent"].http
    assert http.get("/v1/agents/local/agent/intents/stream", params={"wait_seconds": 61}).status_code == 400
    assert http.get("/v1/agents/local/agent/intents/stream", params={"wait_seconds": 1}).status_code == 403
    assert httpx.get(str(http.base_url).rstrip("/") + "/v1/agents/local/agent/intents/stream", trust_env=False).status_code == 401
    assert http.post("/v1/agents/local/agent/intents/stream").status_code == 405
    body = {"intent_type": "a.b.v1", "correlation_id": str(uuid.uuid4()), "to_agent": "agent://local/agent", "payload": {}}
    assert profile["client"].http.post("/v1/intents", json=body).json()["status"] == "SUBMITTED"


def test_serve_takes_the_profile_option() -> None:
    from click.testing import CliRunner

    from axp.cli import main

    result = CliRunner().invoke(main, ["serve", "--dev-keys", "--compat", "axmee"])
    assert result.exit_code == 2 and "Invalid value for '--compat'" in result.output
    assert "--compat [axme]" in CliRunner().invoke(main, ["serve", "--help"]).output


def test_the_migration_guide_sample_runs(profile: dict[str, Api], capsys: pytest.CaptureFixture[str]) -> None:
    """docs/guides/from-axme.md's Python sample, with the official SDK, against a server with the profile."""
    from tests.test_docs import DOCS, code_blocks

    base_url = str(profile["client"].http.base_url).rstrip("/")
    blocks = code_blocks(DOCS / "guides" / "from-axme.md", "python")
    assert blocks
    for block in blocks:
        exec(compile(block.replace("http://127.0.0.1:8080", base_url), "from-axme.md", "exec"), {})  # noqa: S102
    assert capsys.readouterr().out.strip() == "COMPLETED"


def test_owner_agent_grants_nothing_and_reply_to_reaches_the_agent(api: dict[str, Api]) -> None:
    """Upstream differences rows 35 and 37: owner_agent is ignored; reply_to travels with the intent."""
    iid = api["client"].create(reply_to="agent://local/dev/agent-two")["intent_id"]
    scope = {"params": {"owner_agent": "agent://local/dev/agent"}, "headers": {"x-owner-agent": "agent://local/dev/agent"}}
    for who, status in (("client", 403), ("agent2", 404)):  # the sender may not resume; a stranger cannot see it
        refused = api[who].http.post(f"/v1/intents/{iid}/resume", json={"action": "start"}, **scope)  # type: ignore[arg-type]
        assert refused.status_code == status, refused.text
    page = api["agent"].http.get("/v1/agents/local/dev/agent/intents").json()
    record = next(d for d in page["deliveries"] if d["intent_id"] == iid)
    assert record["intent"]["reply_to"] == "agent://local/dev/agent-two"
