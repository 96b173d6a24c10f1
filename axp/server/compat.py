"""The ``axme`` compatibility profile (spec/16-compat-axme.md): upstream request shapes, read canonically.

Code written against AXME's hosted platform and its official SDKs sends bodies and paths the
canonical spec refuses (flattened agent results, two-segment addresses, free-form errors, upstream
control names). With ``axp serve --compat axme`` the server reads each of them as the one
canonical request it stands for, and stores, emits and answers exactly what that canonical request
would have produced.

Why one module of pure functions: every rule of the profile is here, next to the requirement ID
that states it, so the mapping can be read, tested and argued about in one place; the server calls
:func:`translate` only for a body the canonical schema refused (a canonical body never changes
meaning), plus :func:`approval_answer` for the one state-dependent rule. A body whose meaning would
be a guess is refused with :class:`Refused`, which names the rule that refused it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from axp import schemas
from axp.lifecycle import LIFECYCLE
from axp.validate import ValidationIssue, validator_for

PROFILE = "axme"
CAPABILITY = "compat.axme"
WORKSPACE = "default"  # the workspace of a two-segment address (AXP-CMP-004), fixed by the spec
UNSPECIFIED = "unspecified"  # the code of an error object that has none (AXP-CMP-009)
SUPPORTED_INTENT_TYPES = ("intent.*.v1",)  # AXP-CMP-016
CLIENT_NOTES = ("last_retry_attempt", "next_retry_delay_seconds")  # AXP-CMP-015
SHORT_AGENT_STREAM = "/v1/agents/{org}/{name}/intents/stream"  # AXP-CMP-005
AGENT_STREAM = "/v1/agents/{org}/{workspace}/{name}/intents/stream"

# Upstream member names the profile reads; the prose may quote them (tests/test_spec_requirements.py).
UPSTREAM_NAMES = frozenset({"notify_email", "timeout_seconds", "completion_delivery", "owner_agent", *CLIENT_NOTES})


class Refused(Exception):
    """An upstream shape the profile will not guess at; answered 422 ``schema_invalid``."""

    def __init__(self, pointer: str, message: str, requirement: str) -> None:
        super().__init__(message)
        self.pointer = pointer
        self.message = message
        self.requirement = requirement

    def problem(self) -> dict[str, str]:
        return {"pointer": self.pointer, "message": self.message, "requirement": self.requirement}


@dataclass(frozen=True)
class Mapped:
    """The canonical request an upstream body stands for."""

    body: dict[str, Any]
    rules: tuple[str, ...]  # the requirement IDs applied, for the answer to a body still invalid after mapping
    # Keyword arguments for the service call that the canonical body cannot carry (resolve's
    # expected_policy_generation, AXP-CMP-013).
    options: dict[str, Any] = field(default_factory=dict)


# ---- addresses ---------------------------------------------------------------------------------


def _segments() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The org and name grammars of AXP-ID-001, taken apart from the address pattern in common.json."""
    pattern = schemas.get("common")["$defs"]["AgentAddress"]["pattern"]
    org, _, name = pattern.removeprefix("^agent://").removesuffix("$").split("/")
    return re.compile(org), re.compile(name)


def long_address(org: str, name: str) -> str:
    """The canonical address of the two-segment address ``agent://org/name`` (AXP-CMP-004)."""
    return f"agent://{org}/{WORKSPACE}/{name}"


def short_address(value: Any) -> str | None:
    """``agent://org/name`` with a well-formed org and name, as its canonical address; else None."""
    if not isinstance(value, str) or not value.startswith("agent://"):
        return None
    parts = value.removeprefix("agent://").split("/")
    org_re, name_re = _segments()
    if len(parts) != 2 or not org_re.fullmatch(parts[0]) or not name_re.fullmatch(parts[1]):
        return None
    return long_address(parts[0], parts[1])


# ---- create ------------------------------------------------------------------------------------


def _create(body: dict[str, Any], rules: list[str]) -> dict[str, Any]:
    out = dict(body)
    mapped = short_address(out.get("to_agent"))
    if mapped is not None:
        out["to_agent"] = mapped
        rules.append("AXP-CMP-004")
    reply_to = out.get("reply_to")
    if isinstance(reply_to, str) and reply_to.startswith("initiator://"):
        del out["reply_to"]
        rules.append("AXP-CMP-006")
    elif (mapped := short_address(reply_to)) is not None:
        out["reply_to"] = mapped
        rules.append("AXP-CMP-004")
    task = out.get("human_task")
    if isinstance(task, dict) and ("notify_email" in task or "title" not in task):
        out["human_task"] = _human_task(task, out.get("intent_type"))
        rules.append("AXP-CMP-017")
    return out


def _human_task(task: dict[str, Any], intent_type: Any) -> dict[str, Any]:
    out = dict(task)
    if "notify_email" in out:
        email = out.pop("notify_email")
        if not isinstance(email, str) or not email:
            raise Refused("/human_task/notify_email", "notify_email must be a non-empty string", "AXP-CMP-017")
        assignees = out.get("assignees")
        if assignees is None:
            out["assignees"] = [email]
        elif isinstance(assignees, list) and email not in assignees:
            out["assignees"] = [*assignees, email]
    if "title" not in out and isinstance(intent_type, str):
        out["title"] = intent_type
    return out


# ---- resume ------------------------------------------------------------------------------------

# The members of a canonical resume body, from its schema: a bare result must have none of them.
RESUME_MEMBERS = frozenset(schemas.get("resume_request")["properties"])
# Members that contradict an action's own data when they come with it (AXP-CMP-007, AXP-CMP-008).
CONFLICTING = {"complete": ("error", "task_result", "waiting_reason", "approve_current_step"),
               "fail": ("result", "task_result", "waiting_reason", "approve_current_step")}  # fmt: skip


def _resume(body: dict[str, Any], rules: list[str]) -> dict[str, Any] | None:
    action = body.get("action")
    if action in ("complete", "fail"):
        return _flattened(body, action, rules)
    if "action" in body or "task_result" in body or "approve_current_step" in body:
        return None  # no rule reads these: the canonical answer stands
    if "outcome" in body:
        if body.get("outcome") != "success" or set(body) != {"outcome", "result"} or not isinstance(body["result"], dict):
            raise Refused(
                "/outcome",
                'only {"outcome": "success", "result": {...}} has a meaning; a person\'s answer goes under task_result',
                "AXP-CMP-011",
            )
        rules.append("AXP-CMP-011")
        return {"action": "complete", "result": body["result"]}
    if not set(body) - RESUME_MEMBERS:
        return None  # canonical members only (or none): the canonical reading stands (AXP-CMP-002)
    mixed = sorted(RESUME_MEMBERS & set(body))
    if mixed:
        raise Refused(
            f"/{mixed[0]}",
            f"{', '.join(mixed)} next to other members: a result or a canonical field? send action complete with result",
            "AXP-CMP-010",
        )
    rules.append("AXP-CMP-010")
    return {"action": "complete", "result": dict(body)}


def _flattened(body: dict[str, Any], action: str, rules: list[str]) -> dict[str, Any] | None:
    """``complete`` / ``fail`` with the outcome's members next to ``action`` (AXP-CMP-007, AXP-CMP-008)."""
    own = "result" if action == "complete" else "error"
    rest = {k: v for k, v in body.items() if k != "action"}
    clash = [k for k in CONFLICTING[action] if k in rest]
    if clash:
        rule = "AXP-CMP-007" if action == "complete" else "AXP-CMP-008"
        raise Refused(f"/{clash[0]}", f"{clash[0]} contradicts action {action}", rule)
    if own in rest:
        extra = sorted(set(rest) - RESUME_MEMBERS)
        if action == "fail" and not extra and isinstance(rest[own], dict):
            rules.append("AXP-CMP-009")  # a canonical shape whose error lacks a member
            return {**body, "error": normalise_error(rest[own])}
        if extra:
            raise Refused(
                f"/{extra[0]}",
                f"{', '.join(extra)} next to {own}: part of {own} or not? put every member inside {own}",
                "AXP-CMP-007" if action == "complete" else "AXP-CMP-008",
            )
        return None
    if action == "complete":
        rules.append("AXP-CMP-007")
        return {"action": "complete", "result": rest}
    rules += ["AXP-CMP-008", "AXP-CMP-009"]
    return {"action": "fail", "error": normalise_error(rest)}


def normalise_error(error: dict[str, Any]) -> dict[str, Any]:
    """An error object with the members the canonical one requires (AXP-CMP-009): ``code`` defaults
    to ``unspecified``; ``message`` to the object's ``reason`` when that is a non-empty string, else
    to its code. Every other member is kept as sent."""
    out = dict(error)
    out.setdefault("code", UNSPECIFIED)
    if "message" not in out:
        reason = out.get("reason")
        out["message"] = reason if isinstance(reason, str) and reason else out["code"]
    return out


def is_step_approval(body: dict[str, Any]) -> bool:
    """A canonical resume body that approves the current step (AXP-CMP-012)."""
    return body.get("approve_current_step") is True


def approval_answer(intent: dict[str, Any]) -> dict[str, Any] | None:
    """The answer to a step approval on ``intent`` when nothing waits for one: 200, ``applied``
    false, nothing written (AXP-CMP-012). None for a WAITING intent (the canonical continue) and
    for a terminal one (the canonical 409)."""
    status = intent["status"]
    if status == LIFECYCLE.waiting_status or LIFECYCLE.is_terminal(status):
        return None
    return {"ok": True, "applied": False, "intent": intent, "event": None, "events": []}


# ---- resolve and controls ----------------------------------------------------------------------


def _resolve(body: dict[str, Any], rules: list[str], options: dict[str, Any]) -> dict[str, Any]:
    out = dict(body)
    if "expected_policy_generation" in out:
        generation = out.pop("expected_policy_generation")
        if not isinstance(generation, int) or isinstance(generation, bool) or generation < 0:
            raise Refused("/expected_policy_generation", "expected_policy_generation must be an integer >= 0", "AXP-CMP-013")
        options["expected_policy_generation"] = generation
        rules.append("AXP-CMP-013")
    if out.get("status") == "FAILED" and isinstance(out.get("error"), dict):
        out["error"] = normalise_error(out["error"])
        rules.append("AXP-CMP-009")
    return out


def _controls(body: dict[str, Any], rules: list[str], now: datetime) -> dict[str, Any] | None:
    patch = body.get("controls_patch")
    if not isinstance(patch, dict):
        return None
    out = dict(patch)
    if "timeout_seconds" in out:
        if "deadline_at" in out:
            raise Refused("/controls_patch/timeout_seconds", "timeout_seconds and deadline_at: which deadline?", "AXP-CMP-014")
        seconds = out.pop("timeout_seconds")
        bounds = schemas.get("common")["$defs"]["PositiveSeconds"]
        if not isinstance(seconds, int) or isinstance(seconds, bool) or not bounds["minimum"] <= seconds <= bounds["maximum"]:
            raise Refused(
                "/controls_patch/timeout_seconds",
                f"timeout_seconds must be an integer from {bounds['minimum']} to {bounds['maximum']}",
                "AXP-CMP-014",
            )
        deadline = datetime.fromtimestamp(now.timestamp() + seconds, UTC)
        out["deadline_at"] = deadline.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        rules.append("AXP-CMP-014")
    if any(note in out for note in CLIENT_NOTES):
        for note in CLIENT_NOTES:
            out.pop(note, None)
        rules.append("AXP-CMP-015")
    return {**body, "controls_patch": out}


# ---- the entry points --------------------------------------------------------------------------


def translate(schema: str, body: Any, now: datetime | None = None) -> Mapped | None:
    """The canonical request for a body ``schemas/v1/<schema>.json`` refused, or None when no rule
    of the profile applies (the canonical refusal stands). Raises :class:`Refused` for a shape the
    profile declines to guess at."""
    if not isinstance(body, dict) or validator_for(schema).is_valid(body):
        return None  # a canonical body keeps its canonical meaning (AXP-CMP-002), by construction
    rules: list[str] = []
    options: dict[str, Any] = {}
    mapped: dict[str, Any] | None
    if schema == "create_intent_request":
        mapped = _create(body, rules)
    elif schema == "resume_request":
        mapped = _resume(body, rules)
    elif schema == "resolve_request":
        mapped = _resolve(body, rules, options)
    elif schema == "controls_request":
        mapped = _controls(body, rules, now or datetime.now(UTC))
    else:
        return None
    if mapped is None or (mapped == body and not options):
        return None  # nothing the profile reads: the canonical answer stands
    return Mapped(mapped, tuple(dict.fromkeys(rules)), options)


def problems(schema: str, mapped: Mapped) -> list[ValidationIssue]:
    """What the canonical schema still finds wrong with a mapped body. A controls patch left empty
    once client notes are dropped is the one non-canonical body the profile passes on: the service
    answers it as a patch that changes nothing (AXP-CMP-015)."""
    found = validator_for(schema).errors(mapped.body)
    if schema == "controls_request":
        return [p for p in found if (p.pointer, p.rule) != ("/controls_patch", "minProperties")]
    return found
