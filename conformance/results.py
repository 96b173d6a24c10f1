"""Regenerate the committed conformance reports of the reference server's profiles, which the docs'
cross-implementation page renders (``python -m conformance.results``).

Each profile is the embedded reference server started with some ``axp serve`` arguments and run
through the whole suite, restart phase included. A report of another implementation is made with
``axp conformance run URL --restart-cmd ... --report json docs/conformance-results/FILE``; either
way, adding it to the page is one line in ``docs/conformance-results/implementations.yaml``.
"""

from __future__ import annotations

import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent.parent / "docs" / "conformance-results"
# report file -> extra `axp serve` arguments of the profile
PROFILES: dict[str, tuple[str, ...]] = {
    "reference-sqlite.json": (),
    "reference-core-only.json": ("--capabilities", "core"),
}


def main(argv: list[str] | None = None) -> int:
    from axp import reporting
    from conformance import report as render
    from conformance.context import Target
    from conformance.embedded import embedded_server
    from conformance.registry import all_checks
    from conformance.runner import run

    chosen = argv if argv else list(PROFILES)
    for name in chosen:
        if name not in PROFILES:
            print(f"unknown profile {name}; known: {', '.join(PROFILES)}", file=sys.stderr)
            return 2
        with embedded_server(PROFILES[name]) as (url, restart):
            report = run(Target(url), all_checks(), workers=4, restart=restart)
        reporting.emit(render.as_report(report), "json", RESULTS / name, with_summary=False)
        print(f"{name}: {render.headline(report)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
