"""``axp codegen``: typed models for other codebases, generated from the AXP JSON Schemas.

Python targets go through datamodel-code-generator (:mod:`axp.codegen.python`); TypeScript, Go,
Java and C# through quicktype, and ``jsonschema`` writes the self-contained bundle those
generators read (:mod:`axp.codegen.foreign`). ``python -m axp.codegen --write`` regenerates
everything committed (``axp/models`` and ``generated/``) from ``schemas/``.
"""

from __future__ import annotations

from pathlib import Path

from axp._resources import schemas_dir
from axp.codegen import foreign, python
from axp.codegen.errors import CodegenError, ToolMissing

PYTHON_TARGETS = tuple(python.TARGETS)
FOREIGN_TARGETS = tuple(foreign.TARGETS)
TARGETS = (*PYTHON_TARGETS, *FOREIGN_TARGETS)

__all__ = ["FOREIGN_TARGETS", "PYTHON_TARGETS", "TARGETS", "CodegenError", "ToolMissing", "generate"]


def generate(out_dir: Path, target: str = "pydantic-v2", source: Path | None = None) -> list[Path]:
    """Write the models for ``target`` into ``out_dir``; returns the files written."""
    if target not in TARGETS:
        raise CodegenError(f"unknown target {target!r}; choose one of {', '.join(TARGETS)}")
    source = source or schemas_dir()
    if not any(source.glob("*.json")):
        raise CodegenError(f"{source} holds no .json schemas")
    if target in python.TARGETS:
        python.generate(out_dir, target, source)
    else:
        foreign.generate(out_dir, target, source)
    return sorted(p for p in out_dir.rglob("*") if p.is_file())
