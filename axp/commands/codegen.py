"""``axp codegen``: generate models for another codebase from the bundled (or given) AXP schemas."""

from __future__ import annotations

from pathlib import Path

import click

from axp.cli import UnusableInput
from axp.codegen import TARGETS, CodegenError, generate


@click.command(name="codegen")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory to write the models into.",
)
@click.option("--target", type=click.Choice(TARGETS), default="pydantic-v2", show_default=True)
@click.option(
    "--schemas",
    "source",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Schema directory (default: the bundled AXP v1 schemas).",
)
def command(out_dir: Path, target: str, source: Path | None) -> None:
    """Generate typed models from the AXP schemas: Python (pydantic v2, dataclasses, TypedDict,
    msgspec), TypeScript, Go, Java or C# (through quicktype, which needs Node.js), or the
    self-contained JSON Schema bundle (jsonschema)."""
    try:
        files = generate(out_dir, target, source)
    except CodegenError as exc:
        raise UnusableInput(str(exc)) from None
    click.echo(f"wrote {len(files)} files ({target}) to {out_dir}")
