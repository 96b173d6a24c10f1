"""Wall time of a full default conformance run against the embedded reference server.

Run: python bench/conformance.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

# This file is named like the `conformance` package; keep its own folder off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from axp.server.config import ServerConfig  # noqa: E402
from axp.server.runner import serve_in_thread  # noqa: E402
from conformance.context import Target  # noqa: E402
from conformance.registry import all_checks  # noqa: E402
from conformance.runner import run  # noqa: E402


def main() -> None:
    checks = all_checks()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        with serve_in_thread(ServerConfig.dev(str(Path(tmp) / "c.db"), log_requests=False)) as base:
            report = run(Target(base), checks, workers=4)
        wall = time.perf_counter() - started
    s = report["summary"]
    print(f"checks: {len(checks)}  wall time: {wall:.1f}s  checks/s: {len(checks) / wall:.2f}")
    print(
        f"MUST passed {s['must_passed']}/{s['must_applicable']}, failed {s['must_failed']}, harness errors {s['harness_errors']}"
    )


if __name__ == "__main__":
    main()
