"""`axp schema` (placeholder until its area lands)."""

import click


@click.command(name="schema")
def command() -> None:
    """Not implemented yet."""
    raise click.ClickException("axp schema is not implemented yet")
