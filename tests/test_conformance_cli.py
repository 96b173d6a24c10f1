"""`axp conformance` end to end: embedded run, reports (JSON schema, JUnit, HTML, badge), baseline, pytest plugin."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import time
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
    assert re.match(r"MUST: \d+ passed, 0 failed, \d+ not covered", out.strip().splitlines()[-1]), out
    report = json.loads(paths["json"].read_text())
    assert validator_for("conformance_report").errors(report) == []
    verdicts = {r["id"]: r["verdict"] for r in report["requirements"]}
    assert verdicts["AXP-IDEM-003"] == "passed" and verdicts["AXP-HT-002"] == "not_selected"
    suite = ET.parse(paths["junit"]).getroot()
    assert suite.tag == "testsuite" and int(suite.get("failures", "1")) == 0
    assert "AXP conformance report" in paths["html"].read_text()
    summary = paths["markdown"].read_text()
    idem = "[AXP-IDEM-003](https://axp.dev/spec/10-idempotency-correlation/#axp-idem-003)"
    assert summary.startswith("## AXP conformance: ") and f"| {idem} | MUST | passed |" in summary
    messages = {r["id"]: r.get("message", "") for r in report["requirements"]}
    assert verdicts["AXP-SSE-003"] == "not_selected" and "not selected in this run" in messages["AXP-SSE-003"]
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
    assert code == 2 and "'no-such-check' matches no check" in out


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
    from conformance.runner import DERIVED, all_covered, untestable

    covered = set(all_covered())
    assert set(untestable()) <= set(load_index()) and set(DERIVED) <= set(load_index())
    assert not set(untestable()) & covered, "a covered requirement is listed as untestable"
    assert not set(DERIVED) & (covered | set(untestable()))
    # The coverage gate: every requirement has a check, follows from others, or has a stated reason.
    assert set(load_index()) - covered - set(untestable()) - set(DERIVED) == set(), "requirements with neither"


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
            "--api-key", "ak-2=agent:agent://acme/prod/billing", "--api-key", "adm-1"]  # fmt: skip
    who = ["--api-key", "ck-1", "--agent-key", "ak-1", "--agent-address", "agent://acme/prod/fulfil",
           "--agent2-key", "ak-2", "--agent2-address", "agent://acme/prod/billing", "--admin-key", "adm-1"]  # fmt: skip
    report = tmp_path / "r.json"
    with ServerProcess(tmp_path / "keys.db", extra_args=keys, dev_keys=False) as server:
        code, out = invoke("conformance", "run", server.base_url, *who, "--only", "auth", "-q", "--report", "json", str(report))
        assert code == 0, out
        code, out = invoke("conformance", "replay", str(report), "only_sender_may_cancel", *who)
        assert code == 0 and "replaying: axp conformance run" in out and "MUST: 1 passed, 0 failed" in out, out
        code, out = invoke("conformance", "replay", str(report), "only_sender_may_cancel")  # dev keys: unknown here
        assert code == 2 and "refused --api-key (HTTP 401)" in out, out
        # The printed replay command carries the addresses but never a key; keys may come from the environment.
        printed = next(c["replay"] for c in json.loads(report.read_text())["checks"] if c["name"] == "only_sender_may_cancel")
        assert "--agent-address agent://acme/prod/fulfil" in printed and "ck-1" not in printed and "ak-" not in printed
        env = {"AXP_API_KEY": "ck-1", "AXP_AGENT_KEY": "ak-1", "AXP_AGENT2_KEY": "ak-2", "AXP_ADMIN_KEY": "adm-1"}
        result = CliRunner(env=env).invoke(main, printed.split()[1:] + ["-q"])
        assert result.exit_code == 0 and "MUST: 1 passed, 0 failed" in result.output, result.output


def test_selection_takes_area_codes_node_ids_and_requirement_ids() -> None:
    from conformance.registry import all_checks
    from conformance.runner import select

    checks = all_checks()
    tmr = select(checks, ("TMR",))
    assert tmr and all(any(r.startswith("AXP-TMR-") for r in c.requirements) for c in tmr)
    assert select(checks, ("lc",)) == select(checks, ("LC",)) and select(checks, ("LC",))
    assert [c.name for c in select(checks, ("lifecycle/illegal_transition_is_refused",))] == ["illegal_transition_is_refused"]
    assert all("AXP-LC-002" in c.requirements for c in select(checks, ("AXP-LC-002",)))
    assert all(c.area != "schema" for c in select(checks, (), ("schema",)))


def test_ci_output_is_one_line_per_check_and_never_wraps(tmp_path: Path) -> None:
    code, out = invoke("conformance", "run", "--only", "core", "--report", "json", str(tmp_path / "r.json"))
    assert code == 0, out
    lines = out.splitlines()
    report = json.loads((tmp_path / "r.json").read_text())
    for chk in report["checks"]:
        line = next(x for x in lines if x.startswith(("PASS ", "FAIL ", "N/A ", "SKIP ")) and f" {chk['node']} " in x)
        word = "PASS" if chk["status"] == "passed" else "N/A"
        pattern = rf"^{word} {re.escape(chk['node'])} AXP-[A-Z]+-\d{{3}}(,AXP-[A-Z]+-\d{{3}})* \d+\.\d\ds(: .+)?$"
        assert re.match(pattern, line), line
    assert re.match(r"^MUST: \d+ passed, 0 failed, \d+ not covered, .*\(restart: none, time: [\d.]+s\)$", lines[-1]), lines[-1]


def test_a_failure_prints_its_request_and_replay_on_single_lines(tmp_path: Path) -> None:
    """Against a server that answers 201 to creates (read through a tiny proxy), the FAIL line, the
    curl command and the replay command each fit one line, whatever their length."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    import httpx

    with ServerProcess(tmp_path / "p.db") as server:

        class Proxy(BaseHTTPRequestHandler):
            def _relay(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
                answer = httpx.request(
                    self.command, server.base_url + self.path, content=body or None, headers=dict(self.headers), timeout=10
                )
                status = (
                    201
                    if self.command == "POST" and self.path == "/v1/intents" and answer.status_code == 200
                    else answer.status_code
                )
                self.send_response(status)
                for k, v in answer.headers.items():
                    if k.lower() not in ("content-length", "transfer-encoding", "connection", "date", "server"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = _relay  # noqa: N815

            def log_message(self, *args: object) -> None:
                return

        proxy = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
        threading.Thread(target=proxy.serve_forever, daemon=True).start()
        try:
            url = f"http://127.0.0.1:{proxy.server_address[1]}"
            code, out = invoke("conformance", "run", url, "--only", "create_records_created_and_submitted")
        finally:
            proxy.shutdown()
    assert code == 1, out
    lines = out.splitlines()
    fail = next(x for x in lines if x.startswith("FAIL AXP-"))
    assert "AXP-API-009" in fail and "201" in fail
    request = next(x for x in lines if x.strip().startswith("request: curl "))
    assert '"x-api-key: $AXP_API_KEY"' in request and "axp-dev-client" not in out
    replay = next(x for x in lines if x.strip().startswith("replay: axp conformance run "))
    assert replay.strip().endswith("--only create_records_created_and_submitted --seed 0")
    assert lines[-1].startswith("MUST: 0 passed, 1 failed")


def test_preflight_refuses_a_server_that_is_not_axp(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import httpx

        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        code, out = invoke("conformance", "run", f"http://127.0.0.1:{port}")
    finally:
        proc.kill()
        proc.wait()
    assert code == 2, out
    assert out.strip().count("\n") == 0, out
    assert f"http://127.0.0.1:{port} is not an AXP server: GET /v1/capabilities answered HTTP 404" in out


def test_require_coverage_fails_a_run_with_uncovered_musts() -> None:
    code, out = invoke("conformance", "run", "--only", "health_answers_ok", "--require-coverage")
    assert code == 1, out
    assert "NOT COVERED (--require-coverage): " in out and "AXP-ERR-003" in out
    assert invoke("conformance", "run", "--only", "health_answers_ok")[0] == 0


def test_restart_cmd_restarts_a_real_server_between_the_halves(tmp_path: Path) -> None:
    from axp.server.runner import free_port, wait_healthy

    port = free_port()
    pidfile, db = tmp_path / "server.pid", tmp_path / "restart.db"
    start = (
        f"nohup {shlex.quote(sys.executable)} -m axp serve --port {port} --db {db} --dev-keys "
        f"--push-backoff-base 0.2 --log-level warning >> {tmp_path / 'server.log'} 2>&1 & echo $! > {pidfile}"
    )
    script = tmp_path / "restart.sh"
    script.write_text(f"kill -9 $(cat {pidfile}) 2>/dev/null; sleep 0.2; {start}\n")
    subprocess.run(["sh", "-c", start], check=True)
    try:
        wait_healthy(f"http://127.0.0.1:{port}")
        report = tmp_path / "r.json"
        code, out = invoke(
            "conformance",
            "run",
            f"http://127.0.0.1:{port}",
            "--only",
            "durability",
            "--restart-cmd",
            f"sh {script}",
            "--report",
            "json",
            str(report),
        )
        assert code == 0, out
        data = json.loads(report.read_text())
        assert data["restart"]["performed"] is True
        assert {c["status"] for c in data["checks"]} == {"passed"}
        code, out = invoke("conformance", "run", f"http://127.0.0.1:{port}", "--only", "durability")
        assert code == 0 and "SKIP durability/acknowledged_writes_survive_a_restart" in out and "needs --restart-cmd" in out
    finally:
        subprocess.run(["sh", "-c", f"kill -9 $(cat {pidfile})"], check=False)


def test_pytest_plugin_collects_checks_as_real_items(tmp_path: Path) -> None:
    with ServerProcess(tmp_path / "plugin.db") as server:
        base = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--axp-url", server.base_url]
        where = ["--rootdir", str(tmp_path), str(tmp_path)]

        def pytest_run(*args: str) -> str:
            proc = subprocess.run([*base, *args, *where], capture_output=True, text=True, timeout=300, check=False)
            return proc.stdout + proc.stderr

        listed = pytest_run("--collect-only", "-q")
        from conformance.registry import all_checks

        for chk in all_checks():
            assert f"conformance/{chk.area}/{chk.name}" in listed, chk.name
        assert f"{len(all_checks())} tests collected" in listed, listed[-500:]
        waiting = pytest_run("--collect-only", "-q", "-k", "waiting")
        assert "conformance/lifecycle/waiting_carries_its_reason" in waiting and " deselected" in waiting, waiting[-500:]
        assert "-" not in waiting.split("tests collected")[0].split()[-1]
        by_marker = pytest_run("--collect-only", "-q", "-m", "auth and must")
        assert "conformance/auth/every_operation_needs_a_credential" in by_marker and "conformance/core/" not in by_marker
        junit = tmp_path / "axp.xml"
        ran = pytest_run("-q", "-k", "LC and not slow", f"--axp-report=junit:{junit}", f"--axp-report=json:{tmp_path / 'r.json'}")
        outcome = [line for line in ran.splitlines() if re.search(r"\d+ passed.* in [\d.]+s", line)]
        assert outcome and " failed" not in outcome[-1], ran[-2000:]
        assert re.search(r"wrote junit report to \S+: MUST: \d+ passed, 0 failed", ran), ran[-2000:]
        assert junit.read_text().startswith("<?xml") and json.loads((tmp_path / "r.json").read_text())["checks"]


def test_committed_conformance_results_are_reports_of_this_suite() -> None:
    """The cross-implementation page is built from docs/conformance-results: one line per report in
    implementations.yaml, each a valid report whose requirement IDs all exist."""
    import yaml

    from axp.requirements import load_index

    folder = Path(__file__).resolve().parent.parent / "docs" / "conformance-results"
    listed = yaml.safe_load((folder / "implementations.yaml").read_text(encoding="utf-8"))
    assert listed and all(isinstance(title, str) and title for title in listed.values())
    for file in listed:
        report = json.loads((folder / file).read_text(encoding="utf-8"))
        assert validator_for("conformance_report").errors(report) == [], file
        assert {r["id"] for r in report["requirements"]} <= set(load_index()), file
        assert report["restart"]["performed"], f"{file}: run it with its crash-restart phase"
