"""The ``axp`` command line: one click group; each area contributes its commands from its own module."""

from __future__ import annotations

import os
from typing import Any

import click

from axp import __version__


class UnusableInput(click.ClickException):
    """A file the user named cannot be read or written: exit 2, like every other unreadable input."""

    exit_code = 2


class InternalError(click.ClickException):
    """A bug of ours, reported in one line; AXP_DEBUG=1 shows the traceback instead."""

    exit_code = 3


class AxpGroup(click.Group):
    """The last line of defence behind every command's own error handling: a user never sees a
    traceback, only one line that says what went wrong."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise UnusableInput(f"{where}{exc.strerror or exc}") from None
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:  # noqa: BLE001 - turned into one line unless debugging
            if os.environ.get("AXP_DEBUG"):
                raise
            raise InternalError(
                f"internal error: {type(exc).__name__}: {exc} (a bug in axp; rerun with AXP_DEBUG=1 for the traceback)"
            ) from None


@click.group(cls=AxpGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
