"""Validator throughput: envelopes per second and lifecycle events per second, one core.

Run: python bench/validate.py [--seconds 1.0] [--cli-lines 1000000] [--cli-runs 3]
Prints the public API (axp.validate), the raw jsonschema-rs engine and a plain
jsonschema.validate() loop as baseline, all with formats asserted; then the whole CLI
(`axp validate --events` on an NDJSON file: reading, strict JSON parsing, schema and lifecycle)
beside the engine's rate measured in the same run. The CLI's rate is given per second of the CPU
time its process used (one core, whatever else the machine is doing) and per second of wall time;
like every engine row it is the best of several runs, so the ratio compares the same statistic on
both sides (a single run against a best-of-three engine rate lets the machine's noise decide);
each run is also divided by the engine's rate measured just before it, under the same load, and
the median of those paired ratios is printed beside. Target: 500,000 lines/s on one core.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from typing import Any

import jsonschema

from axp import schemas, vectors
from axp.lifecycle import LIFECYCLE
from axp.validate import StreamChecker, validator_for


def rate(fn: Callable[[], Any], seconds: float, batch: int) -> float:
    """Calls per CPU second of this process: best of three runs of at least ``seconds`` each (CPU
    time, so a machine busy with other work slows the clock, not the ratio between rows)."""
    best = 0.0
    for _ in range(3):
        count, started = 0, time.process_time()
        while (elapsed := time.process_time() - started) < seconds:
            for _ in range(batch):
                fn()
            count += batch
        best = max(best, count / elapsed)
    return best


def lifecycle_events(intents: int) -> list[dict[str, Any]]:
    path = ["CREATED", "SUBMITTED", "DELIVERED", "ACKNOWLEDGED", "IN_PROGRESS", "COMPLETED"]
    out = []
    for _ in range(intents):
        iid = str(uuid.uuid4())
        for seq, status in enumerate(path, 1):
            out.append(
                {
                    "intent_id": iid,
                    "seq": seq,
                    "event_type": LIFECYCLE.status_event[status],
                    "status": status,
                    "at": "2026-11-24T10:00:00Z",
                }
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--cli-lines", type=int, default=1_000_000, help="NDJSON lines for the CLI run (0 = skip).")
    parser.add_argument("--cli-runs", type=int, default=3, help="CLI runs over the same file; the best one counts.")
    args = parser.parse_args()
    envelope = next(v.message for v in vectors.iter_schema_vectors() if v.schema == "envelope" and v.valid)

    public = validator_for("envelope")
    assert public.is_valid(envelope)
    public_rate = rate(lambda: public.is_valid(envelope), args.seconds, 1000)
    global ENGINE_RATE
    ENGINE_RATE = public_rate
    print(f"envelopes/s  axp.validate validator_for('envelope').is_valid : {public_rate:>12,.0f}")
    import jsonschema_rs

    raw = jsonschema_rs.Draft202012Validator(schemas.get("envelope"), registry=schemas.registry(), validate_formats=True)
    raw_rate = rate(lambda: raw.is_valid(envelope), args.seconds, 1000)
    print(f"envelopes/s  raw jsonschema-rs is_valid                      : {raw_rate:>12,.0f}")
    import fastjsonschema

    from axp.bundle import bundle_schema_draft7

    uuid_pattern = schemas.get("common")["$defs"]["Uuid"]["pattern"]
    fast = fastjsonschema.compile(bundle_schema_draft7("envelope"), formats={"uuid": uuid_pattern})
    fast_rate = rate(lambda: fast(envelope), args.seconds, 1000)
    print(f"envelopes/s  fastjsonschema (draft-07 bundle)                 : {fast_rate:>12,.0f}")
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    registry = schemas.referencing_registry()

    def baseline() -> None:
        jsonschema.validate(
            envelope, schemas.get("envelope"), cls=jsonschema.Draft202012Validator, format_checker=checker, registry=registry
        )

    print(f"envelopes/s  baseline jsonschema.validate() loop              : {rate(baseline, args.seconds / 2, 20):>12,.0f}")

    events = lifecycle_events(20_000)
    parse_rates(events, args.seconds)
    for label, schema_too in (("lifecycle rules only", False), ("lifecycle rules + event.json", True)):
        best = 0.0
        for _ in range(3):
            stream = StreamChecker(check_schema=schema_too)
            feed = stream.feed
            started = time.process_time()
            for event in events:
                feed(event)
            best = max(best, len(events) / (time.process_time() - started))
            assert stream.events_checked == len(events)
        print(f"events/s     StreamChecker ({label:28}) : {best:>12,.0f}")
    if args.cli_lines:
        cli_run(args.cli_lines, max(1, args.cli_runs), lambda: rate(lambda: public.is_valid(envelope), args.seconds, 1000))


def parse_rates(events: list[dict[str, Any]], seconds: float) -> None:
    """Strict parsing (I-JSON: constants, ranges, surrogates, duplicate names) against plain json.loads,
    on the NDJSON lines the CLI reads, measured back to back so the ratio survives a noisy machine."""
    from axp import jsontext

    lines = [json.dumps({**e, "details": {"attempt": 1, "binding": "http"}}) for e in events[:2000]]
    rates = {}
    for label, fn in (("json.loads", json.loads), ("axp.jsontext.loads", jsontext.loads)):

        def parse_all(fn: Callable[[str], Any] = fn) -> None:
            for line in lines:
                fn(line)

        rates[label] = rate(parse_all, seconds, 1) * len(lines)
    for label, value in rates.items():
        print(f"lines/s      {label:48} : {value:>12,.0f}")
    ratio = rates["axp.jsontext.loads"] / rates["json.loads"]
    print(f"ratio        strict / plain parsing                         : {ratio:>12.2f}")


ENGINE_RATE = 0.0
TARGET = 500_000
REFERENCE_ENGINE = 1_200_000  # envelopes/s of the engine on the machine the target was set on (issue 14)


def cli_run(lines: int, runs: int, engine: Callable[[], float]) -> None:
    """The end-to-end number a CI job sees: one process over one big NDJSON file, best of ``runs``.
    Each run is also paired with the engine's rate measured just before it (``engine``), so both
    sides of that ratio see the same load; the median of those ratios is printed too."""
    with tempfile.NamedTemporaryFile("w", suffix=".ndjson", delete=False) as handle:
        for event in lifecycle_events(lines // 6 + 1)[:lines]:
            handle.write(json.dumps(event) + "\n")
        path = handle.name
    measured: list[tuple[float, float]] = []  # (CPU seconds, wall seconds) per run
    paired: list[float] = []  # lines/s of a run over the engine's envelopes/s just before it
    try:
        for _ in range(runs):
            engine_rate = engine()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "axp", "validate", "--events", path], capture_output=True, text=True, check=False
            )
            elapsed = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            assert proc.returncode == 0, proc.stdout[-500:] + proc.stderr[-500:]
            measured.append(((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), elapsed))
            paired.append(lines / measured[-1][0] / engine_rate)
    finally:
        os.unlink(path)
    cpu, elapsed = min(measured)
    each = ", ".join(f"{c:.1f}s" for c, _ in measured)
    print(
        f"lines/s      axp validate --events, {lines:,} NDJSON lines        : {lines / cpu:>12,.0f}"
        f"  per CPU second (best of {each}, process start included; {lines / elapsed:,.0f} per wall second)"
    )
    ratio = lines / cpu / ENGINE_RATE
    print(
        f"             = {ratio:.2f} x the engine's envelopes/s above. Target: {TARGET:,}/s where the engine does "
        f"{REFERENCE_ENGINE:,}/s (issue 14), a ratio of {TARGET / REFERENCE_ENGINE:.2f}: "
        f"{'met' if ratio >= TARGET / REFERENCE_ENGINE else 'NOT met'}"
    )
    print(
        f"             paired with the engine measured just before each run: "
        f"{', '.join(f'{r:.2f}' for r in paired)} (median {statistics.median(paired):.2f})"
    )


if __name__ == "__main__":
    main()
