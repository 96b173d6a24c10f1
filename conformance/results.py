"""Regenerate the committed conformance reports of the reference server's profiles, which the docs'
cross-implementation page renders (``python -m conformance.results``; the PostgreSQL profile
takes ``--postgresql URL``, an empty database).

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
    "reference-postgresql.json": (),
}
# Profiles whose database is not a temporary SQLite file: they need --postgresql URL (an empty database).
ON_POSTGRESQL = {"reference-postgresql.json"}


def main(argv: list[str] | None = None) -> int:
    import argparse

    from axp import reporting
    from conformance import report as render
    from conformance.context import Target
    from conformance.embedded import embedded_server
    from conformance.registry import all_checks
    from conformance.runner import run

    parser = argparse.ArgumentParser(prog="python -m conformance.results", description=__doc__.splitlines()[0])
    parser.add_argument("profiles", nargs="*", metavar="PROFILE", help=f"default: all ({', '.join(PROFILES)})")
    parser.add_argument("--postgresql", metavar="URL", help="an empty PostgreSQL database for the PostgreSQL profile")
    args = parser.parse_args(argv)
    chosen = args.profiles or list(PROFILES)
    for name in chosen:
        if name not in PROFILES:
            parser.error(f"unknown profile {name}; known: {', '.join(PROFILES)}")
        if name in ON_POSTGRESQL and not args.postgresql:
            parser.error(f"{name} runs on PostgreSQL: give --postgresql URL (an empty database)")
    for name in chosen:
        db = args.postgresql if name in ON_POSTGRESQL else None
        with embedded_server(PROFILES[name], db=db) as (url, restart):
            report = run(Target(url), all_checks(), workers=4, restart=restart)
        reporting.emit(render.as_report(report), "json", RESULTS / name, with_summary=False)
        print(f"{name}: {render.headline(report)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
