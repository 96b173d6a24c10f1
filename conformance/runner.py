"""Run checks against a target and turn their outcomes into per-requirement verdicts.

A requirement is **failed** only when a failure names it; the other requirements of a check that
stopped early are **not reached** (the check never got to them). Requirements no selected check
covers are **not selected**; requirements nothing could observe are **not covered**, with the
reason. Harness errors (our bug or our timeout) are kept apart from server failures.

Restart checks run in two halves around a restart of the server (``--restart-cmd``, or a kill -9
of the embedded reference server): every other check first, then every first half, the restart,
a wait for ``/health``, then every second half.
"""

from __future__ import annotations

import concurrent.futures
import functools
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import yaml

import axp
from axp.models import conformance_report as model
from axp.requirements import load_index
from conformance.context import Context, Target
from conformance.registry import (
    AREAS,
    TAGS,
    Check,
    CheckFailure,
    CheckFn,
    HarnessError,
    NotApplicable,
    NotCovered,
    Status,
    Verdict,
    all_checks,
)

# Requirements whose verdict follows from the others': they hold when every requirement they sum up holds.
DERIVED = {
    "AXP-GEN-004": "holds when every MUST this run could observe holds",
    "AXP-CAP-002": "holds when every requirement of the claimed capabilities' checks holds",
}
NEEDS_RESTART = "needs --restart-cmd (the server restarted between the two halves of the check)"


@dataclass
class CheckResult:
    name: str
    area: str
    requirements: tuple[str, ...]
    status: Status
    message: str = ""
    failures: list[tuple[str, str]] = field(default_factory=list)
    evidence: dict[str, Any] | None = None
    duration: float = 0.0
    capabilities: tuple[str, ...] = ()

    @property
    def node(self) -> str:
        return f"{self.area}/{self.name}"


class SelectionError(ValueError):
    """A --only/--skip token that names nothing (a usage error, shown as one line)."""


def _matches(chk: Check, token: str) -> bool:
    codes = {r.split("-")[1] for r in chk.requirements}
    return (
        token in (chk.name, chk.area, chk.node_id)
        or token in chk.tags
        or token in chk.requirements
        or token.upper() in codes
        or token in chk.capabilities
    )


def select(checks: Iterable[Check], only: Sequence[str] = (), skip: Sequence[str] = (), level: str | None = None) -> list[Check]:
    """The checks ``--only``/``--skip``/``--level`` pick. Tokens are check names, ``area/check``
    node IDs, areas, tags, capabilities, requirement IDs or requirement area codes (``LC``, ``TMR``).
    A token that names nothing is a ``SelectionError``."""
    pool = list(checks)
    index = load_index()
    for token in (*only, *skip):
        if not any(_matches(c, token) for c in pool):
            if token in index:
                raise SelectionError(f"{token} has no check: {untestable().get(token, DERIVED.get(token, 'none yet'))}")
            known = "check names, areas, tags, capabilities, requirement IDs or codes such as LC"
            raise SelectionError(f"--only/--skip {token!r} matches no check (use {known}; see axp conformance list)")
    chosen = [c for c in pool if (not only or any(_matches(c, t) for t in only)) and not any(_matches(c, t) for t in skip)]
    if level:
        chosen = [c for c in chosen if any(index[r].severity == level for r in c.requirements)]
    return chosen


class _Outcome:
    """Turns how a check (or one half of it) ended into its result, timed from ``started``."""

    def __init__(self, chk: Check, started: float, earlier: float = 0.0) -> None:
        self.chk, self.started, self.earlier = chk, started, earlier

    def __call__(
        self, status: Status, message: str = "", failures: list[tuple[str, str]] | None = None, evidence: Any = None
    ) -> CheckResult:
        chk = self.chk
        spent = self.earlier + time.monotonic() - self.started
        reqs = chk.requirements
        return CheckResult(chk.name, chk.area, reqs, status, message, failures or [], evidence, spent, chk.capabilities)

    def of(self, exc: BaseException, ctx: Context) -> CheckResult:
        if isinstance(exc, NotApplicable):
            return self(Status.not_applicable, str(exc))
        if isinstance(exc, NotCovered):
            return self(Status.not_covered, str(exc))
        if isinstance(exc, CheckFailure):
            requirement = exc.requirement or self.chk.requirements[0]
            return self(Status.failed, exc.message, [(requirement, exc.message), *exc.others], exc.evidence or ctx.last)
        if isinstance(exc, HarnessError | httpx.TimeoutException):
            return self(Status.harness_error, f"{type(exc).__name__}: {exc}")
        if isinstance(exc, httpx.HTTPError):
            message = f"transport error talking to the server: {exc}"
            return self(Status.failed, message, [("AXP-API-009", message)], ctx.last)
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return self(Status.harness_error, f"suite bug: {detail}")


def run_check(chk: Check, target: Target) -> CheckResult:
    """Run one check to its result (a restart check is not covered: nothing restarts the server)."""
    outcome = first_half(chk, target, restart_available=False)
    assert isinstance(outcome, CheckResult)
    return outcome


def first_half(chk: Check, target: Target, *, restart_available: bool) -> CheckResult | tuple[CheckFn, float]:
    """Run a check. A restart check's first half answers ``(second half, seconds spent)`` instead
    of a result when the server will be restarted; without a restart it is not covered."""
    ctx = Context(target)
    outcome = _Outcome(chk, time.monotonic())
    try:
        missing = [c for c in chk.capabilities if c not in target.capabilities]
        if missing:
            raise NotApplicable(f"the server does not claim {', '.join(missing)}")
        if chk.restart and not restart_available:
            raise NotCovered(NEEDS_RESTART)
        after = chk.fn(ctx)
        if chk.restart:
            return after, time.monotonic() - outcome.started
        return outcome(Status.passed)
    except Exception as exc:  # noqa: BLE001 - every way a check ends becomes a result
        return outcome.of(exc, ctx)
    finally:
        ctx.close()


def finish_after(chk: Check, after: CheckFn, target: Target, before_seconds: float) -> CheckResult:
    """The second half of a restart check, against the restarted server."""
    ctx = Context(target)
    outcome = _Outcome(chk, time.monotonic(), before_seconds)
    try:
        after(ctx)
        return outcome(Status.passed)
    except Exception as exc:  # noqa: BLE001
        return outcome.of(exc, ctx)
    finally:
        ctx.close()


@cache
def _untestable() -> dict[str, dict[str, str]]:
    path = Path(__file__).with_name("untestable.yaml")
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {kind: {str(k): str(v) for k, v in (raw.get(kind) or {}).items()} for kind in ("not_for_servers", "unobservable")}


def not_for_servers() -> dict[str, str]:
    """Requirement ID -> why it binds clients, receivers or the spec, not a platform."""
    return _untestable()["not_for_servers"]


def unobservable() -> dict[str, str]:
    """Requirement ID -> why no black-box HTTP run can observe it."""
    return _untestable()["unobservable"]


def untestable() -> dict[str, str]:
    """Every requirement without a check, with the reason (conformance/untestable.yaml)."""
    return {**not_for_servers(), **unobservable()}


@cache
def all_covered() -> frozenset[str]:
    """Requirement IDs some registered check verifies, selected in this run or not."""
    return frozenset(r for c in all_checks() for r in c.requirements)


def fetch_capabilities(base_url: str, timeout: float) -> dict[str, Any]:
    """The server's capabilities document (``{}`` when it cannot be read)."""
    try:
        response = httpx.get(f"{base_url}/v1/capabilities", timeout=timeout, trust_env=False)
        body = response.json() if response.status_code == 200 else {}
        return body if isinstance(body, dict) else {}
    except (httpx.HTTPError, ValueError):
        return {}


def preflight(target: Target) -> str | None:
    """Why the suite cannot usefully run against this target, or None.

    An unreachable URL, something that is not an AXP server, or a key the server does not know
    would otherwise turn every check red and bury the one fact the user needs under dozens of
    failures; these are usage problems, not conformance verdicts. The keys are tried on a core
    operation (reading an intent that does not exist), which every server serves.
    """
    from axp.validate import validator_for

    keys = {
        "--api-key": target.client_key,
        "--agent-key": target.agent_key,
        "--agent2-key": target.agent2_key,
        "--admin-key": target.admin_key,
    }
    try:
        with httpx.Client(base_url=target.base_url, timeout=target.timeout, trust_env=False) as http:
            answer = http.get("/v1/capabilities")
            ctype = answer.headers.get("content-type", "?").split(";")[0]
            not_axp = f"{target.base_url} is not an AXP server: GET /v1/capabilities answered HTTP {answer.status_code} {ctype}"
            if answer.status_code != 200:
                return not_axp
            try:
                document = answer.json()
            except ValueError:
                return f"{not_axp}, not JSON"
            problems = validator_for("capabilities_response").errors(document)
            if problems:
                return f"{not_axp} that breaks capabilities_response.json ({problems[0].pointer or '/'}: {problems[0].message})"
            probe = "/v1/intents/00000000-0000-4000-8000-000000000000"
            for option, key in keys.items():
                if http.get(probe, headers={"x-api-key": key}).status_code == 401:
                    return f"{target.base_url} refused {option} (HTTP 401): pass a key the server knows"
    except httpx.HTTPError as exc:
        return f"cannot reach {target.base_url}: {exc or type(exc).__name__}"
    return None


def verdicts(results: list[CheckResult], checks: Sequence[Check], level: str | None = None) -> list[dict[str, Any]]:
    """One verdict per requirement of the index (see the module docstring for the rules)."""
    index = load_index()
    selected = {r for c in checks for r in c.requirements}
    covering: dict[str, list[CheckResult]] = {}
    for result in results:
        for rid in result.requirements:
            covering.setdefault(rid, []).append(result)
    failures: dict[str, list[tuple[str, str]]] = {}
    for result in results:
        for rid, message in result.failures:
            failures.setdefault(rid, []).append((result.name, message))
    out: list[dict[str, Any]] = []
    for rid, req in sorted(index.items()):
        mine = covering.get(rid, [])
        entry: dict[str, Any] = {"id": rid, "level": req.level, "area": req.area, "text": req.text}
        entry["checks"] = sorted({r.name for r in mine})
        verdict, message = _verdict(rid, req.severity, mine, failures.get(rid), rid in selected or not checks)
        if level and req.severity != level and verdict not in (Verdict.failed, Verdict.warning):
            verdict, message = Verdict.not_selected, f"not of level {level.upper()} (--level)"
        entry["verdict"] = verdict.value
        if message:
            entry["message"] = message[:2000]
        out.append(entry)
    _derive(out, results)
    return out


def _verdict(
    rid: str, severity: str, mine: list[CheckResult], failed: list[tuple[str, str]] | None, in_selection: bool
) -> tuple[Verdict, str]:
    if failed:
        text = "; ".join(f"{name}: {msg}" for name, msg in failed)
        return (Verdict.failed if severity == "must" else Verdict.warning), text
    if rid in not_for_servers():
        return Verdict.not_applicable, f"not a platform's duty: {not_for_servers()[rid]}"
    if rid in DERIVED:
        return Verdict.not_covered, DERIVED[rid]  # settled by _derive
    if not mine:
        if rid in unobservable():
            return Verdict.not_covered, f"no black-box check: {unobservable()[rid]}"
        if rid in all_covered() and not in_selection:
            return Verdict.not_selected, "its checks were not selected in this run (--only / --skip / --level)"
        return Verdict.not_covered, "no check covers it yet"
    if any(r.status == Status.passed for r in mine):
        return Verdict.passed, ""
    if all(r.status == Status.not_applicable for r in mine):
        return Verdict.not_applicable, mine[0].message
    stopped = [r for r in mine if r.status == Status.failed]
    if stopped:
        return Verdict.not_reached, "its checks stopped at an earlier failure: " + "; ".join(
            f"{r.name} ({', '.join(q for q, _ in r.failures)})" for r in stopped
        )
    reasons = sorted({r.message for r in mine if r.status in (Status.not_covered, Status.harness_error)})
    return Verdict.not_covered, "; ".join(reasons) or "every check covering it was not applicable or did not run"


def _derive(reqs: list[dict[str, Any]], results: list[CheckResult]) -> None:
    """Settle the requirements that sum up others (AXP-GEN-004, AXP-CAP-002)."""
    others = [r for r in reqs if r["id"] not in DERIVED]
    if any(r["verdict"] == Verdict.not_selected for r in others):
        outcome: dict[str, tuple[Verdict, str]] = dict.fromkeys(DERIVED, (Verdict.not_selected, "a partial run cannot show it"))
    else:
        harness = any(r.status == Status.harness_error for r in results)
        bad_must = [r["id"] for r in others if r["level"].startswith("MUST") and r["verdict"] in ("failed", "not_reached")]
        claimed = {q for res in results if res.capabilities and res.status != Status.not_applicable for q in res.requirements}
        bad_claimed = [r["id"] for r in others if r["id"] in claimed and r["verdict"] in ("failed", "warning", "not_reached")]
        outcome = {}
        for rid, bad in (("AXP-GEN-004", bad_must), ("AXP-CAP-002", bad_claimed)):
            if bad:
                outcome[rid] = (Verdict.not_reached, f"does not hold while {', '.join(bad[:8])} do not")
            elif harness:
                outcome[rid] = (Verdict.not_covered, "harness errors left parts of the run without a verdict")
            else:
                outcome[rid] = (Verdict.passed, DERIVED[rid])
    for r in reqs:
        if r["id"] in outcome:
            r["verdict"], r["message"] = outcome[r["id"]][0].value, outcome[r["id"]][1]


def run(
    target: Target,
    checks: list[Check],
    workers: int = 4,
    on_result: Callable[[CheckResult], None] | None = None,
    restart: Callable[[], None] | None = None,
    level: str | None = None,
) -> dict[str, Any]:
    """Run ``checks`` and build the report. ``restart`` restarts the server the hard way and
    returns once it answers /health; without it restart checks are not covered."""
    started = time.monotonic()
    started_at = datetime.now(UTC)
    document = fetch_capabilities(target.base_url, target.timeout)
    target.capabilities = [str(c) for c in document.get("capabilities", [])]
    target.limits = dict(document.get("limits") or {})
    results: list[CheckResult] = []
    plain = [c for c in checks if not c.restart]
    restarts = sorted((c for c in checks if c.restart), key=lambda c: c.name)

    def record(result: CheckResult) -> None:
        results.append(result)
        if on_result:
            on_result(result)

    run_plain(target, plain, workers, record)
    restart_info = run_restarts(target, restarts, workers, record, restart)
    results.sort(key=lambda r: r.name)
    return build_report(target, checks, results, time.monotonic() - started, started_at, level, restart_info)


def run_plain(target: Target, checks: list[Check], workers: int, record: Callable[[CheckResult], None]) -> None:
    # Slow checks first, so they overlap with the many quick ones instead of trailing the run.
    ordered = sorted(checks, key=lambda c: ("slow" not in c.tags, c.name))
    # "exclusive" checks act on intents they did not create (the fuzzer follows list results into
    # cancel/resolve/controls), so they run alone, first: the server is then nearly empty, which also
    # keeps the fuzzer's list answers short.
    exclusive = [c for c in ordered if "exclusive" in c.tags]
    serial = [c for c in ordered if "serial" in c.tags and c not in exclusive]  # share state: one at a time
    concurrent_checks = [c for c in ordered if c not in serial and c not in exclusive]
    plain_result = functools.partial(run_check, target=target)
    for chk in exclusive:
        record(plain_result(chk))

    def run_serial() -> None:
        for chk in serial:
            record(plain_result(chk))

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, workers) + 1) as pool:
        futures = [pool.submit(plain_result, c) for c in concurrent_checks]
        serial_future = pool.submit(run_serial)
        for future in concurrent.futures.as_completed(futures):
            record(future.result())
        serial_future.result()


def run_restarts(
    target: Target,
    checks: list[Check],
    workers: int,
    record: Callable[[CheckResult], None],
    restart: Callable[[], None] | None,
) -> dict[str, Any]:
    """First halves, one restart, second halves. Returns the report's ``restart`` section."""
    if not checks:
        return {"performed": False}
    halves: list[tuple[Check, CheckFn, float]] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        firsts = {pool.submit(first_half, c, target, restart_available=restart is not None): c for c in checks}
        for future in concurrent.futures.as_completed(firsts):
            outcome = future.result()
            if isinstance(outcome, CheckResult):
                record(outcome)
            else:
                halves.append((firsts[future], *outcome))
    if not halves or restart is None:
        return {"performed": False}
    began = time.monotonic()
    target.state.restarted_at = time.time()
    try:
        restart()
    except Exception as exc:  # noqa: BLE001 - a restart that fails leaves the second halves without a verdict
        for chk, _, spent in halves:
            message = f"HarnessError: the restart failed: {exc}"
            record(CheckResult(chk.name, chk.area, chk.requirements, Status.harness_error, message, duration=spent))
        return {"performed": False}
    seconds = time.monotonic() - began
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        after_futures = [pool.submit(finish_after, chk, after, target, spent) for chk, after, spent in halves]
        for done in concurrent.futures.as_completed(after_futures):
            record(done.result())
    return {"performed": True, "seconds": round(seconds, 3)}


def replay_command(target: Target, check_name: str) -> str:
    """The command that reruns one check exactly: same URL, seed and addresses. Keys are never
    printed; they come from AXP_API_KEY / AXP_AGENT_KEY / AXP_AGENT2_KEY / AXP_ADMIN_KEY or the
    key options."""
    defaults = Target(target.base_url)
    parts = ["axp conformance run", target.base_url, "--only", check_name, "--seed", str(target.seed)]
    if target.max_examples != defaults.max_examples:
        parts += ["--max-examples", str(target.max_examples)]
    for option, value, default in (
        ("--agent-address", target.agent_address, defaults.agent_address),
        ("--agent2-address", target.agent2_address, defaults.agent2_address),
    ):
        if value != default:
            parts += [option, value]
    return " ".join(parts)


def summarize(reqs: list[dict[str, Any]], results: list[CheckResult]) -> model.Summary:
    by_level: dict[str, dict[str, int]] = {}
    by_area: dict[str, dict[str, int]] = {}
    for r in reqs:
        for bucket in (by_level.setdefault(r["level"].split()[0], {}), by_area.setdefault(r["area"], {})):
            if not bucket:
                bucket.update(dict.fromkeys((v.value for v in Verdict), 0))
            bucket[r["verdict"]] += 1
    must = [r for r in reqs if r["level"].startswith("MUST")]
    count = {v: sum(1 for r in must if r["verdict"] == v.value) for v in Verdict}
    applicable = count[Verdict.passed] + count[Verdict.failed]
    return model.Summary(
        by_level=by_level,
        by_area=by_area,
        must_passed=count[Verdict.passed],
        must_applicable=applicable,
        must_failed=count[Verdict.failed],
        must_not_reached=count[Verdict.not_reached],
        must_not_covered=count[Verdict.not_covered],
        harness_errors=sum(1 for r in results if r.status == Status.harness_error),
        score=round(100.0 * count[Verdict.passed] / applicable, 1) if applicable else 0.0,
    )


def build_report(
    target: Target,
    checks: Sequence[Check],
    results: list[CheckResult],
    duration: float,
    started_at: datetime,
    level: str | None = None,
    restart: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON report, built through the generated model of ``conformance_report.json``."""
    reqs = verdicts(results, checks, level)
    report = model.ConformanceReport(
        suite="axp-conformance",
        suite_version=axp.__version__,
        spec_version="v1",
        target=target.base_url,
        seed=target.seed,
        max_examples=target.max_examples,
        started_at=started_at,
        duration_seconds=round(duration, 3),
        capabilities=list(target.capabilities),
        restart=model.Restart(**(restart or {"performed": False})),
        summary=summarize(reqs, results),
        requirements=[model.Requirement(**r) for r in reqs],
        checks=[
            model.Check(
                name=r.name,
                node=r.node,
                area=r.area,
                requirements=list(r.requirements),
                status=r.status,
                message=r.message,
                duration_seconds=round(r.duration, 3),
                failures=[model.Failure(requirement=q, message=m) for q, m in r.failures],
                evidence=r.evidence,
                replay=replay_command(target, r.name),
            )
            for r in results
        ],
    )
    return dict(report.model_dump(mode="json", exclude_unset=True))


__all__ = [
    "AREAS",
    "TAGS",
    "CheckResult",
    "SelectionError",
    "all_checks",
    "build_report",
    "run",
    "run_check",
    "select",
    "verdicts",
]
