"""Wall time of a full default conformance run against the embedded reference server (the main
job: a child process restarted with kill -9 between the halves of the durability checks), with
the restart and the slowest checks beside it.

Run: python bench/conformance.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

# This file is named like the `conformance` package; keep its own folder off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from conformance.context import Target  # noqa: E402
from conformance.embedded import embedded_server  # noqa: E402
from conformance.registry import all_checks  # noqa: E402
from conformance.runner import run  # noqa: E402


def main() -> None:
    checks = all_checks()
    started = time.perf_counter()
    with embedded_server() as (base, restart):
        report = run(Target(base), checks, workers=4, restart=restart)
    wall = time.perf_counter() - started
    s = report["summary"]
    print(f"checks: {len(checks)}  wall time: {wall:.1f}s  checks/s: {len(checks) / wall:.2f}")
    print(f"restart (kill -9, start, /health): {report['restart'].get('seconds', 0):.2f}s")
    slowest = sorted(report["checks"], key=lambda c: -c["duration_seconds"])[:5]
    print("slowest checks: " + ", ".join(f"{c['node']} {c['duration_seconds']:.1f}s" for c in slowest))
    print(
        f"MUST passed {s['must_passed']}/{s['must_applicable']}, failed {s['must_failed']}, not covered {s['must_not_covered']}, "
        f"harness errors {s['harness_errors']}"
    )


if __name__ == "__main__":
    main()
