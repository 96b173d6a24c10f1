"""``--write`` / ``--check`` for files generated from the spec sources (index, bundle).

CI runs ``--check`` through the tests; a stale file fails with the one command that refreshes it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def write_or_check(argv: list[str] | None, path: Path, render: Callable[[], str], refresh: str) -> int:
    parser = argparse.ArgumentParser(description=f"Write or check {path.name}")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true")
    group.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    fresh = render()
    if args.write:
        path.write_text(fresh, encoding="utf-8")
        print(f"wrote {path}")
        return 0
    if not path.exists() or path.read_text(encoding="utf-8") != fresh:
        print(f"{path.name} is stale: run {refresh}", file=sys.stderr)
        return 1
    return 0
