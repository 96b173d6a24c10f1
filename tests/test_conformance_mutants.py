"""The suite is proven by broken servers: each mutant must fail on the requirement it breaks and
on no unrelated one, and the unbroken reference server must pass every MUST it claims — including
after a crash and restart, and as a platform that claims only the core capabilities."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

from axp.server.config import ServerConfig
from axp.server.runner import ServerProcess, free_port, serve_in_thread
from conformance.context import Target
from conformance.registry import all_checks
from conformance.runner import run, select
from tests.mutants import MUTANTS, Mutant


class ThreadServer:
    """The reference server in a thread, restartable on the same port and database (each start builds
    a new app, so whatever a mutant keeps in memory is lost, as in a real restart)."""

    def __init__(self, config: ServerConfig, wrap: Callable[[Any], Any] | None) -> None:
        config.port = free_port()
        self.config, self.wrap = config, wrap
        self._stack = ExitStack()
        self.base_url = self._stack.enter_context(serve_in_thread(config, wrap=wrap))

    def restart(self) -> None:
        self._stack.close()
        self._stack = ExitStack()
        self._stack.enter_context(serve_in_thread(self.config, wrap=self.wrap))

    def close(self) -> None:
        self._stack.close()


@contextmanager
def reference(tmp_path: Path, wrap: Callable[[Any], Any] | None = None, **config: Any) -> Iterator[ThreadServer]:
    cfg = ServerConfig.dev(str(tmp_path / "axp.db"), log_requests=False, keepalive_seconds=1.0, push_backoff_base=0.2, **config)
    server = ThreadServer(cfg, wrap)
    try:
        yield server
    finally:
        server.close()


def run_suite(
    tmp_path: Path, only: tuple[str, ...] = (), wrap: Any = None, restart: bool = True, **config: Any
) -> dict[str, Any]:
    with reference(tmp_path, wrap, **config) as server:
        checks = select(all_checks(), only)
        assert checks, only
        return run(
            Target(server.base_url, max_examples=5, timeout=10), checks, workers=4, restart=server.restart if restart else None
        )


def failed(report: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(r["id"], r.get("message")) for r in report["requirements"] if r["verdict"] == "failed"]


def test_there_are_at_least_twenty_mutants() -> None:
    assert len(MUTANTS) >= 20


@pytest.mark.parametrize("mutant", list(MUTANTS.values()), ids=lambda m: m.name)
def test_suite_catches_the_mutant(mutant: Mutant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = run_suite(
        tmp_path, mutant.only, wrap=lambda app: mutant.apply(app, monkeypatch), restart=mutant.restart, **mutant.config
    )
    flagged = {r["id"] for r in report["requirements"] if r["verdict"] in ("failed", "warning")}
    assert flagged & set(mutant.breaks), f"{mutant.name} went unnoticed; flagged {sorted(flagged)}"
    blamed = {f["requirement"] for c in report["checks"] for f in c["failures"]}
    assert blamed <= set(mutant.breaks), f"{mutant.name} was blamed on unrelated {sorted(blamed - set(mutant.breaks))}"
    assert report["summary"]["harness_errors"] == 0, [c for c in report["checks"] if c["status"] == "harness_error"]


def test_reference_server_passes_everything_it_claims_across_a_restart(tmp_path: Path) -> None:
    report = run_suite(tmp_path)
    evidence = [c["evidence"] for c in report["checks"] if c["status"] == "failed"]
    assert failed(report) == [], evidence
    assert report["summary"]["harness_errors"] == 0, [c for c in report["checks"] if c["status"] == "harness_error"]
    assert report["restart"]["performed"] is True
    restart_checks = {c["name"]: c["status"] for c in report["checks"] if c["node"].startswith("durability/")}
    assert restart_checks and set(restart_checks.values()) == {"passed"}, restart_checks
    assert report["summary"]["must_passed"] == report["summary"]["must_applicable"] > 90


def test_the_core_only_profile_fails_nothing(tmp_path: Path) -> None:
    """Fair gating: the reference server claiming only the core capabilities (``axp serve
    --capabilities core``), whose other routes are simply not served, gets no failure at all — the
    fuzzer leaves unclaimed operations alone and every other check of them is not applicable."""
    report = run_suite(tmp_path, capabilities=[])
    assert failed(report) == [], [c["evidence"] for c in report["checks"] if c["status"] == "failed"]
    assert report["summary"]["harness_errors"] == 0
    verdicts = {r["id"]: r["verdict"] for r in report["requirements"]}
    assert verdicts["AXP-AUTH-001"] == "passed" and verdicts["AXP-CAP-005"] == "passed"
    assert verdicts["AXP-HT-001"] == "not_applicable" and verdicts["AXP-DLV-008"] == "not_applicable"


def test_a_server_that_forgets_everything_on_restart_fails_the_restart_checks(tmp_path: Path) -> None:
    """The in-memory variant of the reference server (``--db :memory:``), restarted with kill -9, is
    caught on the durability requirements; the same run without a restart would not see it."""
    with ServerProcess(":memory:", extra_args=["--push-backoff-base", "0.2"]) as server:
        checks = select(all_checks(), ("durability",))
        target = Target(server.base_url, timeout=10)
        report = run(target, checks, workers=4, restart=server.crash_and_restart)
        without = run(Target(server.base_url, timeout=10), checks, workers=4)
    verdicts = {r["id"]: r["verdict"] for r in report["requirements"]}
    assert {"AXP-API-014", "AXP-IDEM-001"} <= {rid for rid, v in verdicts.items() if v == "failed"}, verdicts
    blamed = {f["requirement"] for c in report["checks"] for f in c["failures"]}
    assert blamed <= {"AXP-API-014", "AXP-EV-006", "AXP-IDEM-001", "AXP-TMR-003", "AXP-DLV-004", "AXP-SSE-003"}, blamed
    quiet = {r["id"]: (r["verdict"], r.get("message", "")) for r in without["requirements"]}
    assert quiet["AXP-API-014"][0] == "not_covered" and "needs --restart-cmd" in quiet["AXP-API-014"][1]


def test_reference_server_with_the_axme_profile_passes_everything_it_claims(tmp_path: Path) -> None:
    """The profile changes no canonical answer but the ones it states (spec/16-compat-axme.md)."""
    report = run_suite(tmp_path, compat="axme")
    warned = [(r["id"], r.get("message")) for r in report["requirements"] if r["verdict"] in ("failed", "warning")]
    assert warned == [], [c["evidence"] for c in report["checks"] if c["status"] == "failed"]
    profile = {r["id"]: r["verdict"] for r in report["requirements"] if r["id"].startswith("AXP-CMP-")}
    assert profile and set(profile.values()) == {"passed"}, profile
    assert report["summary"]["harness_errors"] == 0


def test_html_report_leads_with_failures_evidence_and_replay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conformance.report import html_page

    broken = MUTANTS["skips_a_seq_number"]
    report = run_suite(tmp_path, broken.only, wrap=lambda app: broken.apply(app, monkeypatch))
    page = html_page(report)
    failed_checks = [c for c in report["checks"] if c["status"] == "failed"]
    assert failed_checks
    failures_at, requirements_at = page.index("<h2>Failures</h2>"), page.index("<h2>Requirements</h2>")
    assert failures_at < requirements_at
    for chk in failed_checks:
        block = page[page.index(f"<h3>{chk['name']} ") : requirements_at]
        assert "<summary>evidence</summary>" in block and f"--only {chk['name']} --seed 0" in block
        assert "last request: <code class='cmd'>curl -sS -X " in block and "$AXP_API_KEY" in block
        assert "axp-dev-client" not in block  # keys never travel with a report
    assert "<tr id='AXP-EV-002' class='failed'>" in page and "href='#AXP-EV-002'" in page
    # every requirement ID links to its sentence on the docs site
    assert "<a href='https://axp.dev/spec/04-events/#axp-ev-002'><code>AXP-EV-002</code></a>" in page
