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
