"""`axp conformance` end to end: embedded run, reports (JSON schema, JUnit, HTML, badge), baseline, pytest plugin."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from axp.cli import main
from axp.server.runner import ServerProcess
from axp.validate import validator_for


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_embedded_run_writes_valid_reports(tmp_path: Path) -> None:
    paths = {k: tmp_path / f"r.{k}" for k in ("json", "junit", "html", "markdown")}
    code, out = invoke(
        "conformance",
        "run",
        "--only",
        "core",
        "--only",
        "idempotency",
        "-q",
        *[a for k, p in paths.items() for a in ("--report", k, str(p))],
    )
    assert code == 0, out
    assert out.strip().splitlines()[-1].endswith("passed, 0 failed")
    report = json.loads(paths["json"].read_text())
    assert validator_for("conformance_report").errors(report) == []
    verdicts = {r["id"]: r["verdict"] for r in report["requirements"]}
    assert verdicts["AXP-IDEM-003"] == "passed" and verdicts["AXP-HT-002"] == "not_covered"
    suite = ET.parse(paths["junit"]).getroot()
    assert suite.tag == "testsuite" and int(suite.get("failures", "1")) == 0
    assert "AXP conformance report" in paths["html"].read_text()
    summary = paths["markdown"].read_text()
    idem = "[AXP-IDEM-003](https://axp.dev/spec/10-idempotency-correlation/#axp-idem-003)"
    assert summary.startswith("## AXP conformance: ") and f"| {idem} | MUST | passed |" in summary
    messages = {r["id"]: r.get("message", "") for r in report["requirements"]}
    assert "not selected in this run" in messages["AXP-SSE-003"]  # streams were not selected
    badge = tmp_path / "badge.svg"
    assert invoke("conformance", "badge", str(paths["json"]), "-o", str(badge))[0] == 0
    assert badge.read_text().startswith("<svg") and "MUST" in badge.read_text()


def test_baseline_reports_stale_entries_and_fails(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.yaml"
    baseline.write_text("expected_failures:\n  - AXP-API-001\n")
    code, out = invoke("conformance", "run", "--only", "core", "-q", "--baseline", str(baseline))
    assert code == 1 and "STALE BASELINE AXP-API-001" in out


def test_unknown_selection_is_a_usage_error() -> None:
    code, out = invoke("conformance", "run", "--only", "no-such-check")
    assert code == 2 and "no check matches" in out


def test_unreachable_server_is_one_clear_line_not_a_wall_of_failures() -> None:
    import socket

    with socket.socket() as sock:  # a port that was free a moment ago and has no listener now
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code, out = invoke("conformance", "run", f"http://127.0.0.1:{port}")
    assert code == 2, out
    assert f"cannot reach http://127.0.0.1:{port}" in out and "FAIL" not in out


def test_bad_urls_and_option_values_are_usage_errors() -> None:
    for args in (
        ["localhost:8080"],
        ["ftp://example.org"],
        ["--workers", "0"],
        ["--timeout", "0"],
        ["--max-examples", "0"],
        ["--seed", "-1"],
    ):
        code, out = invoke("conformance", "run", *args)
        assert code == 2 and "Error" in out and "FAIL" not in out, (args, out)


def test_a_key_the_server_refuses_is_a_usage_error() -> None:
    code, out = invoke("conformance", "run", "--api-key", "not-a-key", "--only", "core")
    assert code == 2, out
    assert "refused --api-key (HTTP 401)" in out and "FAIL" not in out


def test_replay_and_badge_refuse_files_that_are_not_reports(tmp_path: Path) -> None:
    not_a_report = tmp_path / "envelope.json"
    not_a_report.write_text('{"version": "v1"}')
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe")
    for args in (["replay", str(not_a_report), "schema_fuzzing"], ["badge", str(binary), "-o", str(tmp_path / "b.svg")]):
        code, out = invoke("conformance", *args)
        assert code == 2 and "Error:" in out and "Traceback" not in out, out
    assert "is not an axp conformance report" in invoke("conformance", "badge", str(not_a_report), "-o", "x.svg")[1]


def test_list_names_every_check_with_requirements() -> None:
    code, out = invoke("conformance", "list")
    assert code == 0 and "schema_fuzzing" in out and "AXP-SSE-003" in out and len(out.splitlines()) >= 30


def test_run_against_a_url_and_the_pytest_plugin(tmp_path: Path) -> None:
    with ServerProcess(tmp_path / "p.db") as server:
        code, out = invoke("conformance", "run", server.base_url, "--only", "streams", "-q", "--skip", "slow")
        assert code == 0, out
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "--axp-url",
                server.base_url,
                "--axp-only",
                "auth",
                "--rootdir",
                str(tmp_path),
                str(tmp_path),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0 and " passed" in proc.stdout, proc.stdout[-2000:]


def test_every_requirement_has_a_check_or_a_reason_it_cannot_have_one() -> None:
    from axp.requirements import load_index
    from conformance.runner import all_covered, untestable

    covered = set(all_covered())
    assert set(untestable()) <= set(load_index())
    assert not set(untestable()) & covered, "a covered requirement is listed as untestable"
    # The coverage gate: every requirement has a check or a stated reason why HTTP cannot observe it.
    assert set(load_index()) - covered - set(untestable()) == set(), "requirements with neither a check nor a reason"


def test_pytest_plugin_reports_an_unreachable_server_as_a_usage_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--axp-url", f"http://127.0.0.1:{port}"]
    proc = subprocess.run(
        [*args, "--rootdir", str(tmp_path), str(tmp_path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 4, proc.stdout[-2000:] + proc.stderr[-2000:]  # pytest's "usage error"
    assert f"cannot reach http://127.0.0.1:{port}" in proc.stdout + proc.stderr


def test_replay_reruns_one_check_with_the_runs_own_keys(tmp_path: Path) -> None:
    keys = ["--api-key", "ck-1=client:agent://acme/prod/shop", "--api-key", "ak-1=agent:agent://acme/prod/fulfil",
            "--api-key", "ak-2=agent:agent://acme/prod/billing"]  # fmt: skip
    who = ["--api-key", "ck-1", "--agent-key", "ak-1", "--agent-address", "agent://acme/prod/fulfil",
           "--agent2-key", "ak-2", "--agent2-address", "agent://acme/prod/billing"]  # fmt: skip
    report = tmp_path / "r.json"
    with ServerProcess(tmp_path / "keys.db", extra_args=keys, dev_keys=False) as server:
        code, out = invoke("conformance", "run", server.base_url, *who, "--only", "auth", "-q", "--report", "json", str(report))
        assert code == 0, out
        code, out = invoke("conformance", "replay", str(report), "only_sender_may_cancel", *who)
        assert code == 0 and "replaying: axp conformance run" in out and "1 passed, 0 failed" in out, out
        code, out = invoke("conformance", "replay", str(report), "only_sender_may_cancel")  # dev keys: unknown here
        assert code == 2 and "refused --api-key (HTTP 401)" in out, out
        # The printed replay command carries the addresses but never a key; keys may come from the environment.
        printed = next(c["replay"] for c in json.loads(report.read_text())["checks"] if c["name"] == "only_sender_may_cancel")
        assert "--agent-address agent://acme/prod/fulfil" in printed and "ck-1" not in printed and "ak-" not in printed
        env = {"AXP_API_KEY": "ck-1", "AXP_AGENT_KEY": "ak-1", "AXP_AGENT2_KEY": "ak-2"}
        result = CliRunner(env=env).invoke(main, printed.split()[1:] + ["-q"])
        assert result.exit_code == 0 and result.output.strip().endswith("passed, 0 failed"), result.output
