"""The runner's scheduling: exclusive checks get the server to themselves, serial ones run one at a time."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from axp.server.config import ServerConfig
from axp.server.runner import serve_in_thread
from conformance.context import Target
from conformance.registry import CHECKS, Check, all_checks
from conformance.runner import run


def test_exclusive_checks_never_overlap_any_other(tmp_path: Path) -> None:
    windows: dict[str, tuple[float, float]] = {}
    lock = threading.Lock()

    def timed(name: str) -> Check:
        def fn(ctx: Any) -> None:
            started = time.monotonic()
            ctx.http().get("/health")
            time.sleep(0.2)
            with lock:
                windows[name] = (started, time.monotonic())

        tags = ("exclusive",) if name.startswith("x") else ("serial",) if name.startswith("s") else ()
        return Check(name, "core", ("AXP-API-001",), fn, tags=tags)

    checks = [timed(n) for n in ("x1", "a1", "a2", "a3", "s1", "s2", "x2")]
    with serve_in_thread(ServerConfig.dev(str(tmp_path / "axp.db"), log_requests=False)) as base_url:
        report = run(Target(base_url), checks, workers=4)
    assert {c["name"]: c["status"] for c in report["checks"]} == dict.fromkeys(windows, "passed")
    for name in ("x1", "x2"):
        start, end = windows[name]
        others = [(n, w) for n, w in windows.items() if n != name]
        assert all(w[1] <= start or w[0] >= end for _, w in others), (name, windows)
    s1, s2 = windows["s1"], windows["s2"]
    assert s1[1] <= s2[0] or s2[1] <= s1[0]


def test_the_fuzzer_is_exclusive() -> None:
    all_checks()
    assert "exclusive" in CHECKS["schema_fuzzing"].tags


def test_an_invalid_request_built_by_the_suite_is_a_harness_error_not_a_server_failure(tmp_path: Path) -> None:
    def buggy(ctx: Any) -> None:
        ctx.create(payload="not an object")  # our bug: create() promises a valid body

    checks = [Check("buggy_check", "core", ("AXP-API-001",), buggy)]
    with serve_in_thread(ServerConfig.dev(str(tmp_path / "axp.db"), log_requests=False)) as base_url:
        report = run(Target(base_url), checks, workers=1)
    (result,) = report["checks"]
    assert result["status"] == "harness_error" and "the suite built an invalid create body" in result["message"]
    assert report["summary"]["must_failed"] == 0 and report["summary"]["harness_errors"] == 1


def test_only_a_named_requirement_fails_and_the_rest_of_its_check_is_not_reached() -> None:
    from conformance.registry import Status
    from conformance.runner import CheckResult, verdicts

    checks = [
        Check("c", "lifecycle", ("AXP-LC-002", "AXP-LC-010"), lambda ctx: None),
        Check("d", "core", ("AXP-API-001",), lambda ctx: None),
    ]
    results = [
        CheckResult("c", "lifecycle", ("AXP-LC-002", "AXP-LC-010"), Status.failed, "x", [("AXP-LC-010", "a repeat")]),
        CheckResult("d", "core", ("AXP-API-001",), Status.passed),
    ]
    by_id = {r["id"]: r for r in verdicts(results, checks)}
    assert by_id["AXP-LC-010"]["verdict"] == "failed" and "a repeat" in by_id["AXP-LC-010"]["message"]
    assert by_id["AXP-LC-002"]["verdict"] == "not_reached" and "c (AXP-LC-010)" in by_id["AXP-LC-002"]["message"]
    assert by_id["AXP-API-001"]["verdict"] == "passed"
    assert by_id["AXP-SSE-003"]["verdict"] == "not_selected"  # covered by checks that were not selected
    assert by_id["AXP-API-013"]["verdict"] == "not_applicable"  # a rule for clients
    assert by_id["AXP-ERR-003"]["verdict"] == "not_covered" and "cannot be provoked" in by_id["AXP-ERR-003"]["message"]
    assert by_id["AXP-GEN-004"]["verdict"] == "not_selected"  # a partial run cannot show the sum of all MUSTs


def test_a_branch_failure_is_explained_by_the_closest_branch_and_names_its_rule() -> None:
    from axp.validate import validator_for
    from conformance.context import explain

    intent = {
        "intent_id": "3f1c2b9e-8d4a-4c71-9e0b-5a6d7c8e9f10",
        "intent_type": "order.fulfill.v1",
        "correlation_id": "c0ffee00-1234-4abc-8def-0123456789ab",
        "status": "WAITING",
        "lifecycle_status": "WAITING",
        "waiting_reason": "WAITING_FOR_LUNCH",
        "from_agent": "agent://acme/prod/shop",
        "to_agent": "agent://acme/prod/fulfiller",
        "payload": {},
        "created_at": "2026-11-24T10:00:00Z",
        "updated_at": "2026-11-24T10:00:00Z",
        "last_seq": 3,
    }
    problems = validator_for("intent").errors(intent)
    assert problems and problems[0].rule == "anyOf"
    message, rule = explain("intent", intent, problems[0])
    assert "closest fails at /waiting_reason" in message and "WAITING_FOR_LUNCH" in message
    assert rule == "AXP-LC-004"
