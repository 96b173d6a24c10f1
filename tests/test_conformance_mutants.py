"""The suite is proven by broken servers: each mutant must fail on the requirement it breaks and
on no unrelated one, and the unbroken reference server must pass every MUST it claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from axp.server.config import ServerConfig
from axp.server.runner import serve_in_thread
from conformance.context import Target
from conformance.registry import all_checks
from conformance.runner import run, select
from tests.mutants import MUTANTS, Mutant


def run_suite(tmp_path: Path, only: tuple[str, ...] = (), wrap: object = None, **config: object) -> dict:
    cfg = ServerConfig.dev(str(tmp_path / "axp.db"), log_requests=False, keepalive_seconds=1.0, push_backoff_base=0.05, **config)  # type: ignore[arg-type]
    with serve_in_thread(cfg, wrap=wrap) as base_url:  # type: ignore[arg-type]
        checks = select(all_checks(), only)
        assert checks, only
        return run(Target(base_url, max_examples=5, timeout=10), checks, workers=4)


def test_there_are_at_least_twenty_mutants() -> None:
    assert len(MUTANTS) >= 20


@pytest.mark.parametrize("mutant", list(MUTANTS.values()), ids=lambda m: m.name)
def test_suite_catches_the_mutant(mutant: Mutant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = run_suite(tmp_path, mutant.only, wrap=lambda app: mutant.apply(app, monkeypatch))
    flagged = {r["id"] for r in report["requirements"] if r["verdict"] in ("failed", "warning")}
    assert flagged & set(mutant.breaks), f"{mutant.name} went unnoticed; flagged {sorted(flagged)}"
    blamed = {f["requirement"] for c in report["checks"] for f in c["failures"]}
    assert blamed <= set(mutant.breaks), f"{mutant.name} was blamed on unrelated {sorted(blamed - set(mutant.breaks))}"
    assert report["summary"]["harness_errors"] == 0, [c for c in report["checks"] if c["status"] == "harness_error"]


def test_reference_server_passes_everything_it_claims(tmp_path: Path) -> None:
    report = run_suite(tmp_path)
    failed = [(r["id"], r.get("message")) for r in report["requirements"] if r["verdict"] == "failed"]
    evidence = [c["evidence"] for c in report["checks"] if c["status"] == "failed"]
    assert failed == [], evidence
    assert report["summary"]["harness_errors"] == 0
    assert report["summary"]["must_passed"] == report["summary"]["must_applicable"] > 60


def test_html_report_leads_with_failures_evidence_and_replay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conformance.report import html_page

    broken = MUTANTS["skips_a_seq_number"]
    report = run_suite(tmp_path, broken.only, wrap=lambda app: broken.apply(app, monkeypatch))
    page = html_page(report)
    failed = [c for c in report["checks"] if c["status"] == "failed"]
    assert failed
    failures_at, requirements_at = page.index("<h2>Failures</h2>"), page.index("<h2>Requirements</h2>")
    assert failures_at < requirements_at
    for chk in failed:
        block = page[page.index(f"<h3>{chk['name']} ") : requirements_at]
        assert "<summary>evidence</summary>" in block and f"--only {chk['name']} --seed 0" in block
        assert "last request: <code class='cmd'>curl -sS -X " in block and "$AXP_API_KEY" in block
        assert "axp-dev-client" not in block  # keys never travel with a report
    assert "<tr id='AXP-EV-002' class='failed'>" in page and "href='#AXP-EV-002'" in page
    # every requirement ID links to its sentence on the docs site
    assert "<a href='https://axp.dev/spec/04-events/#axp-ev-002'><code>AXP-EV-002</code></a>" in page
