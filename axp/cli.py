"""The ``axp`` command line: one click group; each area contributes its commands from its own module."""

from __future__ import annotations

import click

from axp import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="axp")
def main() -> None:
    """Tools for the AXP Intent Protocol: validate messages, serve, test conformance."""


def _register() -> None:
    from axp.commands import codegen, schema, serve, validate
    from conformance import cli as conformance_cli

    main.add_command(validate.command)
    main.add_command(schema.command)
    main.add_command(codegen.command)
    main.add_command(serve.command)
    main.add_command(conformance_cli.command)


_register()
