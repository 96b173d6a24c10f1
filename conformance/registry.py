"""Checks as small named functions, each tagged with the requirement IDs it verifies.

The contract is typed and validated when a check registers: its area and tags come from the
declared sets below, its requirement IDs exist in ``spec/requirements.json`` and its capability in
``spec/capabilities.json``. A typo therefore fails at import, not as a silently empty selection.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from axp.models import conformance_report as report_model

if TYPE_CHECKING:
    from conformance.context import Context


# The outcome enums come from the report schema (schemas/v1/conformance_report.json) through its
# generated model, so the suite, its reports and their schema name the same statuses.
Status = report_model.Status  # how one check ended
Verdict = report_model.Verdict  # what the run says about one requirement

CheckFn = Callable[["Context"], None]
# A restart check's first half runs before the server is restarted and returns the second half,
# which runs after it (a closure keeps what the first half created).
RestartFn = Callable[["Context"], CheckFn]

AREAS: Mapping[str, str] = {
    "core": "HTTP behaviour every server has",
    "auth": "authentication and authorization",
    "identifiers": "identifier and value grammar",
    "events": "event fields and order",
    "lifecycle": "status transitions",
    "streams": "SSE windows",
    "delivery": "agent delivery: stream, poll, push",
    "timers": "deadlines, reminders, escalation",
    "human_tasks": "human tasks",
    "idempotency": "Idempotency-Key",
    "schema": "property-based fuzzing against the OpenAPI document",
    "durability": "what survives a crash and restart",
    "compat": "the axme compatibility profile (spec/16-compat-axme.md), when claimed",
}

TAGS: Mapping[str, str] = {
    "slow": "takes seconds of waiting; started first so it overlaps the quick checks",
    "serial": "shares server state with other serial checks: they run one at a time",
    "exclusive": "acts on intents it did not create: runs alone after everything else",
    "fuzz": "generated inputs",
    "schemathesis": "runs schemathesis in a subprocess",
    "push": "receives pushes on a local HTTP server",
    "restart": "needs the server restarted between its two halves (--restart-cmd)",
}


class CheckFailure(AssertionError):
    """The server broke a requirement; ``requirement`` names which one (default: the check's first)."""

    def __init__(
        self,
        message: str,
        requirement: str | None = None,
        evidence: dict[str, Any] | None = None,
        others: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.requirement = requirement
        self.evidence = evidence
        self.others = others or []  # further (requirement, message) pairs found by the same check


class HarnessError(RuntimeError):
    """Our side failed (a tool crashed or timed out, or the suite built a request the spec forbids):
    reported apart from server failures, never counted against the server."""


class NotApplicable(Exception):
    """The server does not claim what this check needs (never counted as a failure)."""


class NotCovered(Exception):
    """This run cannot exercise the check (it needs something the user did not provide)."""


@dataclass(frozen=True)
class Check:
    name: str
    area: str
    requirements: tuple[str, ...]
    fn: Callable[[Any], Any]
    capability: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    description: str = ""
    # More capabilities the check needs besides ``capability`` (all must be claimed).
    needs: tuple[str, ...] = field(default_factory=tuple)

    @property
    def restart(self) -> bool:
        return "restart" in self.tags

    @property
    def capabilities(self) -> tuple[str, ...]:
        return ((self.capability,) if self.capability else ()) + self.needs

    @property
    def node_id(self) -> str:
        """The stable name reports, the CLI and the pytest plugin use: ``<area>/<check>``."""
        return f"{self.area}/{self.name}"


CHECKS: dict[str, Check] = {}


def validate(chk: Check) -> None:
    """Refuse a check whose declarations do not exist (raised at import: a suite bug)."""
    from axp.capabilities import vocabulary
    from axp.requirements import load_index

    problems = []
    if chk.area not in AREAS:
        problems.append(f"unknown area {chk.area!r} (declare it in conformance.registry.AREAS)")
    problems += [f"unknown tag {t!r} (declare it in conformance.registry.TAGS)" for t in chk.tags if t not in TAGS]
    index = load_index()
    problems += [f"unknown requirement {r}" for r in chk.requirements if r not in index]
    if not chk.requirements:
        problems.append("no requirement IDs")
    names = {c.name for c in vocabulary()}
    problems += [f"unknown capability {c!r}" for c in chk.capabilities if c not in names]
    if problems:
        raise ValueError(f"check {chk.name}: " + "; ".join(problems))


def _decorator(
    area: str,
    requirements: list[str],
    capability: str | None,
    needs: list[str] | None,
    tags: list[str],
) -> Callable[[Callable[[Any], Any]], Any]:
    def register(fn: Callable[[Any], Any]) -> Any:
        _register(fn, area, requirements, capability, needs, tags)
        return fn

    return register


def check(
    area: str,
    requirements: list[str],
    *,
    capability: str | None = None,
    needs: list[str] | None = None,
    tags: list[str] | None = None,
) -> Callable[[CheckFn], CheckFn]:
    """Register a check: ``fn(ctx)`` raises ``CheckFailure`` (through ``ctx.expect``) on a violation."""
    return _decorator(area, requirements, capability, needs, tags or [])


def restart_check(
    area: str,
    requirements: list[str],
    *,
    capability: str | None = None,
    needs: list[str] | None = None,
    tags: list[str] | None = None,
) -> Callable[[RestartFn], RestartFn]:
    """Register a check in two halves around a server restart: ``fn(ctx)`` prepares and returns
    ``after(ctx)``, which the runner calls once the restarted server answers /health again."""
    return _decorator(area, requirements, capability, needs, ["restart", *(tags or [])])


def _register(
    fn: Callable[[Any], Any],
    area: str,
    requirements: list[str],
    capability: str | None,
    needs: list[str] | None,
    tags: list[str],
) -> None:
    name = fn.__name__
    if name in CHECKS:
        raise ValueError(f"duplicate check {name}")
    doc = (fn.__doc__ or "").strip()
    chk = Check(
        name,
        area,
        tuple(requirements),
        fn,
        capability,
        tuple(tags),
        doc.splitlines()[0] if doc else "",
        tuple(needs or ()),
    )
    validate(chk)
    CHECKS[name] = chk


def all_checks() -> list[Check]:
    from conformance import checks  # noqa: F401 - importing registers every check

    return list(CHECKS.values())
