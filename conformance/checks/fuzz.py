"""Schema conformance by property-based fuzzing: schemathesis against the bundled OpenAPI document.

Generated requests cancel, resolve and re-time intents found through list answers, including
other checks' intents, so this check is tagged ``exclusive``: the runner gives it the server alone.

Runs the schemathesis CLI in a subprocess (deterministic generation) so its own failures stay out
of our process, and maps each schemathesis finding to the requirement it breaks. Schemathesis'
internal errors are harness errors, never server failures.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile

from axp.bundle import bundle_path
from conformance.context import Context
from conformance.registry import CheckFailure, HarnessError, check

FINDING_REQUIREMENT = {
    "ST101": "AXP-API-005",  # server error on generated input
    "ST201": "AXP-API-005",  # schema-violating request accepted
    "ST103": "AXP-ERR-002",  # status code the spec does not document
    "ST104": "AXP-API-009",  # undocumented content type
    "ST108": "AXP-API-009",  # response violates its schema
    "ST105": "AXP-API-009",
}
STREAMING = ("streamIntentEvents", "streamAgentIntents")
HEADER = re.compile(r"^_{3,} (GET|POST|PUT|DELETE|PATCH) (\S+) _{3,}$")
SECTION = re.compile(r"^={3,} ([A-Z ]+) ={3,}$")
FINDING = re.compile(r"^- (ST\d{3}) (.+)$")
# Errors schemathesis reports when the server did not answer at all: the server's fault, not ours.
SERVER_SIDE_ERRORS = ("Network Error", "Timeout Error", "Connection", "Read timed out")
HARNESS = "harness"  # pseudo-requirement of an error on schemathesis' side


@check("schema", ["AXP-API-005", "AXP-API-009", "AXP-ERR-002"], tags=["fuzz", "schemathesis", "exclusive"])
def schema_fuzzing(ctx: Context) -> None:
    """Generated valid and invalid requests for every non-streaming operation; responses must match the spec."""
    with tempfile.TemporaryDirectory() as workdir:
        args = [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "run",
            str(bundle_path().resolve()),
            "--url",
            ctx.target.base_url,
            "-H",
            f"x-api-key: {ctx.target.client_key}",
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,"
            "response_schema_conformance,negative_data_rejection",
            "--max-examples",
            str(ctx.target.max_examples),
            # seed 0 (the default) is schemathesis' deterministic mode; any other seed drives generation
            *(["--seed", str(ctx.target.seed)] if ctx.target.seed else ["--generation-deterministic"]),
            "--workers",
            "1",
            "--no-color",
            "--request-timeout",
            str(ctx.target.timeout),
            "--phases",
            "examples,coverage,fuzzing,stateful",
        ]
        for op in STREAMING:
            args += ["--exclude-operation-id", op]
        try:
            proc = subprocess.run(args, capture_output=True, text=True, cwd=workdir, timeout=240, check=False)
        except subprocess.TimeoutExpired as exc:
            raise HarnessError("schemathesis did not finish in 240 s") from exc
    found = parse_findings(proc.stdout)
    findings = [f for f in found if f[0] != HARNESS]
    if not findings and (proc.returncode not in (0, 1) or found):
        detail = "; ".join(f"{op}: {what}" for _, op, what in found[:3]) or proc.stderr.strip()[-300:]
        raise HarnessError(f"schemathesis exited {proc.returncode}: {detail}")
    if findings:
        unique = list(dict.fromkeys(findings))
        requirement, operation, what = unique[0]
        raise CheckFailure(
            f"{operation}: {what}",
            requirement,
            {"schemathesis_output": proc.stdout[-4000:]},
            others=[(r, f"{op}: {w}") for r, op, w in unique[1:]],
        )


def parse_findings(output: str) -> list[tuple[str, str, str]]:
    """(requirement, operation, what) for every schemathesis failure, and for every operation the
    server did not answer at all (a dropped connection or a timeout on generated input is a server
    failure, and must not let the check pass silently)."""
    findings: list[tuple[str, str, str]] = []
    section, operation, awaiting_error_kind = "", "?", False
    for raw in output.splitlines():
        line = raw.strip()
        if (match := SECTION.match(line)) is not None:
            section = match.group(1).strip()
        elif (header := HEADER.match(line)) is not None:
            operation = f"{header.group(1)} {header.group(2)}"
            awaiting_error_kind = section == "ERRORS"
        elif awaiting_error_kind and line:
            awaiting_error_kind = False
            server_side = line.startswith(SERVER_SIDE_ERRORS)
            findings.append(("AXP-API-005" if server_side else HARNESS, operation, f"no answer: {line}" if server_side else line))
        elif (found := FINDING.match(line)) is not None and found.group(1) in FINDING_REQUIREMENT:
            findings.append((FINDING_REQUIREMENT[found.group(1)], operation, f"{found.group(1)} {found.group(2)}"))
    return findings
