"""``axp schema``: list, print and bundle the AXP JSON Schemas and the OpenAPI document."""

from __future__ import annotations

import json

import click

from axp import bundle, schemas


@click.group(name="schema")
def command() -> None:
    """List, show or bundle the bundled AXP schemas."""


@command.command(name="list")
def list_schemas() -> None:
    """List every schema with its title."""
    for name in schemas.names():
        doc = schemas.get(name)
        click.echo(f"{name:28} {doc.get('title', '')}")


@command.command(name="show")
@click.argument("name")
def show(name: str) -> None:
    """Print one schema (by short name, file name or $id)."""
    try:
        doc = schemas.get(name)
    except KeyError as exc:
        raise click.UsageError(str(exc.args[0])) from None
    click.echo(json.dumps(doc, indent=2, ensure_ascii=False))


@command.command(name="bundle")
@click.option("--schema", "name", metavar="NAME", help="Bundle this JSON Schema instead of the OpenAPI document.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@click.option(
    "--keep-local-refs",
    is_flag=True,
    help="Keep references into components/$defs (smaller; for tools that follow local refs only).",
)
def bundle_cmd(name: str | None, output: str | None, keep_local_refs: bool) -> None:
    """Write one self-contained file (OpenAPI by default) with every $ref inlined, for tools that
    cannot follow references."""
    try:
        doc = bundle.bundle_schema(name) if name else bundle.bundle_openapi()
    except KeyError as exc:
        raise click.UsageError(str(exc.args[0])) from None
    if not keep_local_refs:
        doc = bundle.dereference(doc)
    text = bundle.render(doc)
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
