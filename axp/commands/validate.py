"""`axp validate` (placeholder until its area lands)."""

import click


@click.command(name="validate")
def command() -> None:
    """Not implemented yet."""
    raise click.ClickException("axp validate is not implemented yet")
