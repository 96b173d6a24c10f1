"""`axp conformance` (placeholder until the suite lands)."""

import click


@click.group(name="conformance")
def command() -> None:
    """Run the AXP conformance suite."""
