"""`axp serve` (placeholder until its area lands)."""

import click


@click.command(name="serve")
def command() -> None:
    """Not implemented yet."""
    raise click.ClickException("axp serve is not implemented yet")
