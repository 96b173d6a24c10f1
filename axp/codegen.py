"""Generate typed models from the AXP JSON Schemas with datamodel-code-generator.

One function holds the generator options, so the committed ``axp/models`` and the models users
generate for their own codebases (``axp codegen``) come from exactly the same invocation.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from axp._resources import schemas_dir

TARGETS = {
    "pydantic-v2": "pydantic_v2.BaseModel",
    "dataclasses": "dataclasses.dataclass",
    "typeddict": "typing.TypedDict",
    "msgspec": "msgspec.Struct",
}


class CodegenError(RuntimeError):
    """datamodel-codegen failed; the message carries its own explanation."""


def command(out_dir: Path, target: str = "pydantic-v2", source: Path | None = None) -> list[str]:
    return [
        sys.executable,
        "-m",
        "datamodel_code_generator",
        "--input",
        str(source or schemas_dir()),
        "--input-file-type",
        "jsonschema",
        "--output",
        str(out_dir),
        "--output-model-type",
        TARGETS[target],
        "--use-annotated",
        "--field-constraints",
        "--disable-timestamp",
        "--use-title-as-name",
        "--target-python-version",
        "3.11",
        "--use-standard-collections",
        "--use-union-operator",
        "--strict-types",
        "str",
        "int",
        "bool",
        "--formatters",
        "builtin",
    ]


def generate(out_dir: Path, target: str = "pydantic-v2", source: Path | None = None) -> list[Path]:
    """Write one module per schema into ``out_dir``; returns the files written."""
    if target not in TARGETS:
        raise CodegenError(f"unknown target {target!r}; choose one of {', '.join(TARGETS)}")
    if source is not None and not any(source.glob("*.json")):
        raise CodegenError(f"{source} holds no .json schemas")
    out_dir.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(command(out_dir, target, source), capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip() and "Warning" not in ln]
        raise CodegenError(lines[-1] if lines else f"datamodel-codegen exited {proc.returncode}")
    return sorted(out_dir.rglob("*.py"))
