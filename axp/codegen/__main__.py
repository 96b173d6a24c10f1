"""``python -m axp.codegen --write | --check``: regenerate, or check, everything committed that
codegen writes — ``axp/models`` (pydantic) and ``generated/<target>`` for every other-language
target — from ``schemas/``. After a rebase that touched the schemas, run ``--write``; never merge
generated files by hand.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
import tempfile
from pathlib import Path

from axp.codegen import FOREIGN_TARGETS, CodegenError, generate

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas" / "v1"


def committed() -> dict[str, Path]:
    """Where each committed target lives in the repository."""
    return {"pydantic-v2": ROOT / "axp" / "models", **{t: ROOT / "generated" / t for t in FOREIGN_TARGETS}}


def tree(root: Path) -> dict[str, Path]:
    skip = {"__pycache__"}
    return {
        str(p.relative_to(root)): p for p in sorted(root.rglob("*")) if p.is_file() and not skip & set(p.relative_to(root).parts)
    }


def fresh(target: str, into: Path) -> Path:
    """Generate ``target`` into a scratch directory laid out like the repository (the builtin
    Python formatter takes its line length from the nearest pyproject.toml)."""
    shutil.copy(ROOT / "pyproject.toml", into / "pyproject.toml")
    out = into / "out"
    generate(out, target, SCHEMAS)
    return out


def stale(target: str, where: Path) -> list[str]:
    """The files of ``where`` that differ from a fresh generation (missing, extra or changed)."""
    with tempfile.TemporaryDirectory(prefix="axp-codegen-check-") as tmp:
        new, old = tree(fresh(target, Path(tmp))), tree(where) if where.exists() else {}
        changed = [n for n in sorted(new.keys() & old.keys()) if not filecmp.cmp(new[n], old[n], shallow=False)]
        return sorted(new.keys() ^ old.keys()) + changed


def write(target: str, where: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="axp-codegen-write-") as tmp:
        out = fresh(target, Path(tmp))
        if where.exists():
            shutil.rmtree(where)
        shutil.copytree(out, where)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate or check axp/models and generated/ from schemas/.")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true")
    group.add_argument("--check", action="store_true")
    parser.add_argument("targets", nargs="*", help="only these targets (default: all committed ones)")
    args = parser.parse_args(argv)
    places = committed()
    chosen = args.targets or list(places)
    unknown = [t for t in chosen if t not in places]
    if unknown:
        parser.error(f"not a committed target: {', '.join(unknown)}")
    status = 0
    for target in chosen:
        try:
            if args.write:
                write(target, places[target])
                print(f"wrote {places[target].relative_to(ROOT)}")
            elif problems := stale(target, places[target]):
                print(
                    f"{places[target].relative_to(ROOT)} is stale ({', '.join(problems[:5])}): run python -m axp.codegen --write"
                )
                status = 1
        except CodegenError as exc:
            print(f"Error: {target}: {exc}", file=sys.stderr)
            return 2
    return status


if __name__ == "__main__":
    raise SystemExit(main())
