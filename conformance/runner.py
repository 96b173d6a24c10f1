"""Run checks against a target and turn their outcomes into per-requirement verdicts.

Verdicts: passed, failed (a MUST), warning (a SHOULD/MAY not met), not_applicable (an optional
capability the server does not claim), not_covered (no check yet). A requirement whose checks
all stopped early on another failure cannot be shown to hold, so it counts as failed ("blocked").
Harness errors (our bug or our timeout) are kept apart from server failures.
"""

from __future__ import annotations

import concurrent.futures
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import yaml

import axp
from axp.requirements import Requirement, load_index
from conformance.context import Context, Target
from conformance.registry import Check, CheckFailure, HarnessError, NotApplicable, all_checks


@dataclass
class CheckResult:
    name: str
    area: str
    requirements: tuple[str, ...]
    status: str  # passed | failed | not_applicable | harness_error
    message: str = ""
    failures: list[tuple[str, str]] = field(default_factory=list)
    evidence: dict[str, Any] | None = None
    duration: float = 0.0


def select(
    checks: Iterable[Check], only: tuple[str, ...] = (), skip: tuple[str, ...] = (), level: str | None = None
) -> list[Check]:
    index = load_index()

    def matches(c: Check, token: str) -> bool:
        return token in (c.name, c.area) or token in c.requirements or token in c.tags

    chosen = [c for c in checks if (not only or any(matches(c, t) for t in only)) and not any(matches(c, t) for t in skip)]
    if level:
        chosen = [c for c in chosen if any(index[r].severity == level for r in c.requirements if r in index)]
    return chosen


def run_check(chk: Check, target: Target) -> CheckResult:
    ctx = Context(target)
    started = time.monotonic()
    try:
        if chk.capability and chk.capability not in target.capabilities:
            raise NotApplicable(f"the server does not claim {chk.capability}")
        chk.fn(ctx)
        return CheckResult(chk.name, chk.area, chk.requirements, "passed", duration=time.monotonic() - started)
    except NotApplicable as exc:
        return CheckResult(chk.name, chk.area, chk.requirements, "not_applicable", str(exc))
    except CheckFailure as exc:
        requirement = exc.requirement or chk.requirements[0]
        failures = [(requirement, exc.message)] + list(exc.others)
        return CheckResult(
            chk.name,
            chk.area,
            chk.requirements,
            "failed",
            exc.message,
            failures,
            exc.evidence or ctx.last,
            time.monotonic() - started,
        )
    except (HarnessError, httpx.TimeoutException) as exc:
        return CheckResult(
            chk.name,
            chk.area,
            chk.requirements,
            "harness_error",
            f"{type(exc).__name__}: {exc}",
            duration=time.monotonic() - started,
        )
    except httpx.HTTPError as exc:
        failure = ("AXP-API-009", f"transport error talking to the server: {exc}")
        return CheckResult(
            chk.name, chk.area, chk.requirements, "failed", failure[1], [failure], ctx.last, time.monotonic() - started
        )
    except Exception as exc:  # noqa: BLE001 - a bug in a check is a harness error, never a server failure
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return CheckResult(
            chk.name, chk.area, chk.requirements, "harness_error", f"suite bug: {detail}", duration=time.monotonic() - started
        )
    finally:
        ctx.close()


@cache
def untestable() -> dict[str, str]:
    """Requirement ID -> why no HTTP check can observe it (conformance/untestable.yaml)."""
    path = Path(__file__).with_name("untestable.yaml")
    return {str(k): str(v) for k, v in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items()}


@cache
def all_covered() -> frozenset[str]:
    """Requirement IDs some registered check verifies, selected in this run or not."""
    return frozenset(r for c in all_checks() for r in c.requirements)


def fetch_capabilities(base_url: str, timeout: float) -> list[str]:
    try:
        response = httpx.get(f"{base_url}/v1/capabilities", timeout=timeout, trust_env=False)
        return list(response.json().get("capabilities", [])) if response.status_code == 200 else []
    except (httpx.HTTPError, ValueError):
        return []


def preflight(target: Target) -> str | None:
    """Why the suite cannot usefully run against this target, or None.

    An unreachable URL or a key the server does not know would otherwise turn every check red and
    bury the one fact the user needs under dozens of failures; these are usage problems, not
    conformance verdicts.
    """
    keys = {"--api-key": target.client_key, "--agent-key": target.agent_key, "--agent2-key": target.agent2_key}
    try:
        with httpx.Client(base_url=target.base_url, timeout=target.timeout, trust_env=False) as http:
            http.get("/v1/capabilities")
            for option, key in keys.items():
                answer = http.get("/v1/intents", params={"limit": 1}, headers={"x-api-key": key})
                if answer.status_code == 401:
                    return f"{target.base_url} refused {option} (HTTP 401): pass a key the server knows"
    except httpx.HTTPError as exc:
        return f"cannot reach {target.base_url}: {exc or type(exc).__name__}"
    return None


def verdicts(results: list[CheckResult], checks: list[Check], level: str | None = None) -> list[dict[str, Any]]:
    index = load_index()
    by_req: dict[str, list[CheckResult]] = {}
    for result in results:
        for req in result.requirements:
            by_req.setdefault(req, [])
            by_req[req].append(result)
    failures: dict[str, list[tuple[str, str]]] = {}
    for result in results:
        for req, message in result.failures:
            failures.setdefault(req, []).append((result.name, message))
            by_req.setdefault(req, [])
    out = []
    for rid, req in sorted(index.items()):
        if level and req.severity != level:
            continue
        covering = by_req.get(rid)
        entry: dict[str, Any] = {
            "id": rid,
            "level": req.level,
            "area": req.area,
            "text": req.text,
            "checks": sorted({r.name for r in covering or []}),
        }
        if rid in failures:
            entry["verdict"] = "failed" if req.severity == "must" else "warning"
            entry["message"] = "; ".join(f"{name}: {msg}" for name, msg in failures[rid])[:2000]
        elif not covering:
            entry["verdict"] = "not_covered"
            if rid in untestable():
                entry["message"] = f"no black-box check: {untestable()[rid]}"
            elif rid in all_covered():
                entry["message"] = "its checks were not selected in this run (--only / --skip / --level)"
        elif all(r.status == "not_applicable" for r in covering):
            entry["verdict"] = "not_applicable"
        elif any(r.status == "passed" for r in covering):
            entry["verdict"] = "passed"
        elif all(r.status in ("harness_error", "not_applicable") for r in covering):
            entry["verdict"] = "not_covered"
            entry["message"] = "every check covering it hit a harness error"
        else:
            entry["verdict"] = "failed" if req.severity == "must" else "warning"
            blockers = [f"{r.name}: {r.message}" for r in covering if r.status == "failed"]
            entry["message"] = ("blocked: " + "; ".join(blockers))[:2000]
        out.append(entry)
    return out


def run(
    target: Target, checks: list[Check], workers: int = 4, on_result: Callable[[CheckResult], None] | None = None
) -> dict[str, Any]:
    started = time.monotonic()
    started_at = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    target.capabilities = fetch_capabilities(target.base_url, target.timeout)
    results: list[CheckResult] = []
    # Slow checks first, so they overlap with the many quick ones instead of trailing the run.
    ordered = sorted(checks, key=lambda c: ("slow" not in c.tags, c.name))
    # "exclusive" checks act on intents they did not create (the fuzzer follows list results into
    # cancel/resolve/controls), so they run alone once everything else has finished.
    exclusive = [c for c in ordered if "exclusive" in c.tags]
    serial = [c for c in ordered if "serial" in c.tags and c not in exclusive]  # share state: one at a time
    concurrent_checks = [c for c in ordered if c not in serial and c not in exclusive]

    def record(result: CheckResult) -> None:
        results.append(result)
        if on_result:
            on_result(result)

    def run_serial() -> list[CheckResult]:
        return [run_check(c, target) for c in serial]

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, workers) + 1) as pool:
        futures = [pool.submit(run_check, c, target) for c in concurrent_checks]
        serial_future = pool.submit(run_serial)
        for future in concurrent.futures.as_completed(futures):
            record(future.result())
        for result in serial_future.result():
            record(result)
    for chk in exclusive:
        record(run_check(chk, target))
    results.sort(key=lambda r: r.name)
    return build_report(target, checks, results, time.monotonic() - started, started_at)


def replay_command(target: Target, check_name: str) -> str:
    """The command that reruns one check exactly: same URL, seed and addresses. Keys are never
    printed; they come from AXP_API_KEY / AXP_AGENT_KEY / AXP_AGENT2_KEY or the key options."""
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


def build_report(
    target: Target, checks: list[Check], results: list[CheckResult], duration: float, started_at: str, level: str | None = None
) -> dict[str, Any]:
    reqs = verdicts(results, checks, level)
    summary: dict[str, Any] = {"by_level": {}, "by_area": {}}
    for r in reqs:
        for key, group in (("by_level", r["level"].split()[0]), ("by_area", r["area"])):
            bucket = summary[key].setdefault(
                group, {"passed": 0, "failed": 0, "warning": 0, "not_applicable": 0, "not_covered": 0}
            )
            bucket[r["verdict"]] += 1
    must = [r for r in reqs if r["level"].startswith("MUST")]
    applicable = [r for r in must if r["verdict"] in ("passed", "failed")]
    summary["must_passed"] = sum(1 for r in applicable if r["verdict"] == "passed")
    summary["must_applicable"] = len(applicable)
    summary["must_failed"] = sum(1 for r in must if r["verdict"] == "failed")
    summary["harness_errors"] = sum(1 for r in results if r.status == "harness_error")
    summary["score"] = round(100.0 * summary["must_passed"] / len(applicable), 1) if applicable else 0.0
    return {
        "suite": "axp-conformance",
        "suite_version": axp.__version__,
        "spec_version": "v1",
        "target": target.base_url,
        "seed": target.seed,
        "max_examples": target.max_examples,
        "started_at": started_at,
        "duration_seconds": round(duration, 3),
        "capabilities": target.capabilities,
        "summary": summary,
        "requirements": reqs,
        "checks": [
            {
                "name": r.name,
                "area": r.area,
                "requirements": list(r.requirements),
                "status": r.status,
                "message": r.message,
                "duration_seconds": round(r.duration, 3),
                "failures": [{"requirement": q, "message": m} for q, m in r.failures],
                "evidence": r.evidence,
                "replay": replay_command(target, r.name),
            }
            for r in results
        ],
    }


def requirement_of(rid: str) -> Requirement:
    return load_index()[rid]


__all__ = ["CheckResult", "all_checks", "build_report", "run", "run_check", "select", "verdicts"]
