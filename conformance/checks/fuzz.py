"""Schema conformance by property-based fuzzing: schemathesis against the bundled OpenAPI document.

Only the operations of capabilities the server claims are fuzzed (``x-axp-capability`` in
spec/openapi.yaml): an unclaimed operation answers like a route the server does not serve, which
``gating`` checks. Generated requests cancel, resolve and re-time intents found through list
answers, including other checks' intents, so this check is tagged ``exclusive``: the runner gives
it the server alone.

Runs the schemathesis CLI in a subprocess (deterministic generation) so its own failures stay out
of our process, reads its NDJSON event log for each failing case's exact request and response,
and maps each schemathesis finding to the requirement it breaks. Schemathesis' internal errors
are harness errors, never server failures.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from axp.bundle import bundle_path
from axp.capabilities import operations
from conformance.context import EVIDENCE_BYTES, KEY_ENV, Context, shell_word
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
FILTERED = "[Filtered]"


def excluded_operations(claimed: list[str]) -> list[str]:
    """Streams (schemathesis cannot read a window) and every operation of an unclaimed capability."""
    unclaimed = [op.operation_id for op in operations() if op.capability and op.capability not in claimed]
    return sorted({*STREAMING, *unclaimed})


@check("schema", ["AXP-API-005", "AXP-API-009", "AXP-ERR-002"], tags=["fuzz", "schemathesis", "exclusive"])
def schema_fuzzing(ctx: Context) -> None:
    """Generated valid and invalid requests for every claimed non-streaming operation; answers must match the spec."""
    with tempfile.TemporaryDirectory() as workdir:
        log = Path(workdir) / "events.ndjson"
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
            "--report",
            "ndjson",
            "--report-ndjson-path",
            str(log),
        ]
        for op in excluded_operations(ctx.target.capabilities):
            args += ["--exclude-operation-id", op]
        try:
            proc = subprocess.run(args, capture_output=True, text=True, cwd=workdir, timeout=240, check=False)
        except subprocess.TimeoutExpired as exc:
            raise HarnessError("schemathesis did not finish in 240 s") from exc
        cases = failing_cases(log.read_text(encoding="utf-8") if log.exists() else "", ctx)
    found = parse_findings(proc.stdout)
    findings = list(dict.fromkeys([(r, op, what) for r, op, what, _ in cases] + [f for f in found if f[0] != HARNESS]))
    if not findings and (proc.returncode not in (0, 1) or found):
        detail = "; ".join(f"{op}: {what}" for _, op, what in found[:3]) or proc.stderr.strip()[-300:]
        raise HarnessError(f"schemathesis exited {proc.returncode}: {detail}")
    if findings:
        requirement, operation, what = findings[0]
        evidence = next((ev for r, op, w, ev in cases if (r, op, w) == findings[0]), None)
        evidence = evidence or {"schemathesis_output": proc.stdout[-EVIDENCE_BYTES:]}
        evidence["findings"] = [f"{r} {op}: {w}" for r, op, w in findings[:20]]
        raise CheckFailure(f"{operation}: {what}", requirement, evidence, others=[(r, f"{op}: {w}") for r, op, w in findings[1:]])


def _text(blob: Any) -> str | None:
    if not isinstance(blob, dict):
        return None
    if "$base64" in blob:
        return base64.b64decode(blob["$base64"]).decode("utf-8", "replace")
    return str(blob.get("string", "")) or None


def failing_cases(ndjson: str, ctx: Context) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(requirement, operation, finding, evidence) for each failing case in schemathesis' event log,
    in the order found: the exact request (keys as $AXP_API_KEY) and answer, and a curl command."""
    out: list[tuple[str, str, str, dict[str, Any]]] = []
    for line in ndjson.splitlines():
        finished = json.loads(line).get("ScenarioFinished") if line.strip() else None
        if not finished or finished.get("status") != "failure":
            continue
        recorder = finished.get("recorder") or {}
        for case_id, checks in (recorder.get("checks") or {}).items():
            for chk in checks:
                failure = ((chk.get("failure_info") or {}).get("failure")) or {}
                code = failure.get("code")
                if chk.get("status") != "failure" or code not in FINDING_REQUIREMENT:
                    continue
                operation = failure.get("operation") or recorder.get("label", "?")
                what = f"{code} {failure.get('title', '')}".strip()
                interaction = (recorder.get("interactions") or {}).get(case_id) or {}
                case = ((recorder.get("cases") or {}).get(case_id) or {}).get("value") or {}
                out.append((FINDING_REQUIREMENT[code], operation, what, case_evidence(interaction, case, failure, ctx)))
    return out


def case_evidence(interaction: dict[str, Any], case: dict[str, Any], failure: dict[str, Any], ctx: Context) -> dict[str, Any]:
    request = interaction.get("request") or {}
    response = interaction.get("response") or {}
    placeholder = f"${KEY_ENV['client']}"
    headers = {
        k: (placeholder if v and v[0] == FILTERED and k.lower() == "x-api-key" else v[0])
        for k, v in (request.get("headers") or {}).items()
        if v
    }
    body = _text(request.get("body"))
    parts = ["curl", "-sS", "-X", str(request.get("method", case.get("method", "GET"))), shell_word(str(request.get("uri", "")))]
    for name, value in headers.items():
        parts += ["-H", shell_word(f"{name}: {value}")]
    if body is not None:
        parts += ["--data-binary", shell_word(body)]
    answer = _text(response.get("content")) or ""
    return {
        "request": {"method": request.get("method"), "url": request.get("uri"), "headers": headers, "body": body},
        "response": {
            "status": response.get("status_code"),
            "headers": {k: v[0] for k, v in (response.get("headers") or {}).items() if v},
            "body": answer[:EVIDENCE_BYTES],
        },
        "curl": " ".join(parts),
        "schemathesis": {
            "finding": f"{failure.get('code')} {failure.get('title', '')}".strip(),
            "message": failure.get("message") or "",
            "case": {k: case.get(k) for k in ("method", "path", "path_parameters", "query", "headers", "body") if k in case},
            "generation": ((case.get("meta") or {}).get("phase") or {}).get("data"),
        },
    }


def parse_findings(output: str) -> list[tuple[str, str, str]]:
    """(requirement, operation, what) for every schemathesis failure in its text output, and for
    every operation the server did not answer at all (a dropped connection or a timeout on
    generated input is a server failure, and must not let the check pass silently)."""
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
