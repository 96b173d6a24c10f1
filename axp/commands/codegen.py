"""`axp codegen` (placeholder until its area lands)."""

import click


@click.command(name="codegen")
def command() -> None:
    """Not implemented yet."""
    raise click.ClickException("axp codegen is not implemented yet")
