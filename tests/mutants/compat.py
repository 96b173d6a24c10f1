"""Mutants of the axme compatibility profile (spec/16-compat-axme.md) and of prompt agent windows:
each breaks one rule, and the checks of conformance/checks/compat.py must blame that rule."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from axp.server import compat
from tests.mutants import ASGI, mutant, rewrite, rewrite_json_body, service

AXME = {"compat": "axme"}


def _translate_then(mp: pytest.MonkeyPatch, edit: Any) -> None:
    """Run the real mapping, then let ``edit(schema, body, mapped)`` return a different one."""
    real = compat.translate

    def translate(schema: str, body: Any, now: datetime | None = None) -> compat.Mapped | None:
        return edit(schema, body, real(schema, body, now))

    mp.setattr(compat, "translate", translate)


@mutant(["AXP-DLV-016"], ["agent_window_ends_soon_after_deliveries"])
def agent_window_waits_out_wait_seconds(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Agent windows end only when idle for wait_seconds: a whole-window reader gets deliveries late."""
    mp.setattr(app.state.config, "agent_quiet_seconds", None)
    return app


@mutant(["AXP-CMP-001"], ["compat_profile_is_claimed_exactly_when_applied"], AXME)
def applies_the_profile_unclaimed(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Reads upstream shapes while leaving compat.axme out of its capabilities."""

    def body(scope: dict[str, Any], raw: bytes) -> bytes:
        if scope["path"] != "/v1/capabilities":
            return raw
        doc = json.loads(raw)
        doc["capabilities"] = [c for c in doc["capabilities"] if c != compat.CAPABILITY]
        return json.dumps(doc).encode()

    return rewrite(app, body=body, buffer=True)


@mutant(["AXP-CMP-004", "AXP-CMP-005"], ["compat_two_segment_addresses"], AXME)
def two_segments_in_another_workspace(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Reads agent://org/name as agent://org/dev/name."""
    mp.setattr(compat, "WORKSPACE", "dev")
    return app


@mutant(["AXP-CMP-005"], ["compat_two_segment_addresses"], AXME)
def no_two_segment_agent_path(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Maps two-segment addresses in bodies but does not serve the SDK's two-segment stream path."""

    def request(scope: dict[str, Any]) -> None:
        parts = scope["path"].strip("/").split("/")
        if len(parts) == 6 and parts[:2] == ["v1", "agents"] and parts[4:] == ["intents", "stream"]:
            scope["path"] += "/not-served"

    return rewrite(app, request=request)


@mutant(["AXP-CMP-006"], ["compat_reply_to"], AXME)
def keeps_initiator_reply_to(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Has no rule for initiator://, so the canonical refusal stands."""

    def edit(schema: str, body: Any, mapped: compat.Mapped | None) -> compat.Mapped | None:
        if mapped is not None and "AXP-CMP-006" in mapped.rules:
            return None
        return mapped

    _translate_then(mp, edit)
    return app


@mutant(["AXP-CMP-007"], ["compat_flattened_complete"], AXME)
def flattened_result_drops_notes(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Leaves reason and actor out of a flattened result."""

    def edit(schema: str, body: Any, mapped: compat.Mapped | None) -> compat.Mapped | None:
        if mapped is not None and "AXP-CMP-007" in mapped.rules:
            result = {k: v for k, v in mapped.body["result"].items() if k not in ("reason", "actor")}
            return compat.Mapped({**mapped.body, "result": result}, mapped.rules)
        return mapped

    _translate_then(mp, edit)
    return app


@mutant(["AXP-CMP-002"], ["compat_flattened_complete"], AXME)
def canonical_note_read_as_result(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Re-reads a canonical complete body: its note becomes part of the result."""

    def edit(body: dict[str, Any]) -> None:
        if body.get("action") == "complete" and isinstance(body.get("result"), dict) and "reason" in body:
            body["result"]["reason"] = body.pop("reason")

    return rewrite_json_body(app, "POST", "/resume", edit)


@mutant(["AXP-CMP-009"], ["compat_flattened_fail"], AXME)
def missing_code_is_called_error(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Gives an error without a code the code `error` instead of `unspecified`."""
    mp.setattr(compat, "UNSPECIFIED", "error")
    return app


@mutant(["AXP-CMP-009"], ["compat_resolve_free_form_error", "compat_flattened_fail"], AXME)
def missing_message_is_a_stock_phrase(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Fills a missing error message with a stock phrase instead of the code."""
    real = compat.normalise_error
    mp.setattr(compat, "normalise_error", lambda error: {**real(error), **({} if "message" in error else {"message": "failed"})})
    return app


@mutant(["AXP-CMP-010", "AXP-CMP-003"], ["compat_bare_result"], AXME)
def mixed_bare_result_accepted(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Reads a body that mixes canonical members with others as a result instead of refusing it."""
    mp.setattr(compat, "RESUME_MEMBERS", frozenset({"action", "task_result", "approve_current_step"}))
    return app


@mutant(["AXP-CMP-011", "AXP-CMP-003"], ["compat_outcome_success"], AXME)
def any_outcome_completes(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Completes an intent whatever the top-level outcome says."""

    def edit(schema: str, body: Any, mapped: compat.Mapped | None) -> compat.Mapped | None:
        if schema == "resume_request" and isinstance(body, dict) and "outcome" in body:
            return compat.Mapped({"action": "complete", "result": body.get("result") or {}}, ("AXP-CMP-011",))
        return mapped

    real = compat.translate

    def translate(schema: str, body: Any, now: datetime | None = None) -> compat.Mapped | None:
        try:
            mapped = real(schema, body, now)
        except compat.Refused:
            mapped = None
        return edit(schema, body, mapped)

    mp.setattr(compat, "translate", translate)
    return app


@mutant(["AXP-CMP-012"], ["compat_step_approval"], AXME)
def approval_is_read_canonically(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Has no step-approval rule: a sender's approval of a SUBMITTED intent is 403, the agent's 409."""
    mp.setattr(compat, "approval_answer", lambda intent: None)
    return app


@mutant(["AXP-CMP-013"], ["compat_resolve_expected_policy_generation"], AXME)
def resolve_ignores_expected_generation(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Drops expected_policy_generation from a resolve instead of checking it."""

    def edit(schema: str, body: Any, mapped: compat.Mapped | None) -> compat.Mapped | None:
        return compat.Mapped(mapped.body, mapped.rules) if mapped is not None else None

    _translate_then(mp, edit)
    return app


@mutant(["AXP-CMP-014"], ["compat_controls_timeout_seconds"], AXME)
def timeout_counts_from_yesterday(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Counts timeout_seconds from a day before the patch."""
    real = compat.translate

    def translate(schema: str, body: Any, now: datetime | None = None) -> compat.Mapped | None:
        return real(schema, body, datetime.now(UTC) - timedelta(days=1))

    mp.setattr(compat, "translate", translate)
    return app


@mutant(["AXP-CMP-015"], ["compat_controls_client_notes"], AXME)
def notes_count_as_a_patch(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Applies a patch of client notes alone as a change (applied true, a new policy_generation)."""
    svc = service(app)
    real = svc.controls

    async def controls(intent_id: str, who: Any, body: dict[str, Any], key: str | None = None) -> dict[str, Any]:
        if body.get("controls_patch") == {}:
            body = {**body, "controls_patch": {"max_reminders": 3}}
        return await real(intent_id, who, body, key)

    mp.setattr(svc, "controls", controls)
    return app


@mutant(["AXP-CMP-016"], ["compat_supported_intent_types"], AXME)
def star_intent_types_under_the_profile(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Answers the canonical ["*"] while the profile is on."""
    mp.setattr(compat, "SUPPORTED_INTENT_TYPES", ("*",))
    return app


@mutant(["AXP-CMP-017"], ["compat_human_task_notify_email"], AXME)
def notify_email_dropped(app: ASGI, mp: pytest.MonkeyPatch) -> ASGI:
    """Drops notify_email instead of listing the person in assignees."""
    real = compat._human_task

    def human_task(task: dict[str, Any], intent_type: Any) -> dict[str, Any]:
        return real({k: v for k, v in task.items() if k != "notify_email"}, intent_type)

    mp.setattr(compat, "_human_task", human_task)
    return app
