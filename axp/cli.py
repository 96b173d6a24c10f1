"""The ``axp`` command line: one click group; each area contributes its commands from its own module.

Commands are imported only when used, so ``axp validate`` starts fast and works on the base install
(``pip install axp-toolkit``). A command whose extra is not installed is still listed; running it
says which extra to install (exit 2) instead of failing on an import.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from typing import Any

import click

from axp import __version__

DISTRIBUTION = "axp-toolkit"


class UnusableInput(click.ClickException):
    """A file the user named cannot be read or written: exit 2, like every other unreadable input."""

    exit_code = 2


class InternalError(click.ClickException):
    """A bug of ours, reported in one line; AXP_DEBUG=1 shows the traceback instead."""

    exit_code = 3


class MissingExtra(click.ClickException):
    """The command needs an optional part of axp that is not installed: exit 2, like bad input,
    because the user fixes it with one install command."""

    exit_code = 2


# name -> (module holding ``command``, the extra it needs, or None for the base install)
COMMANDS: dict[str, tuple[str, str | None]] = {
    "validate": ("axp.commands.validate", None),
    "schema": ("axp.commands.schema", None),
    "intents": ("axp.commands.intents", None),
    "codegen": ("axp.commands.codegen", "codegen"),
    "serve": ("axp.commands.serve", "server"),
    "db": ("axp.commands.db", "server"),
    "conformance": ("conformance.cli", "conformance"),
}

_EXTRA_MARKER = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def missing_for_extra(extra: str) -> list[str]:
    """Distributions the extra needs that are not installed, read from our own package metadata
    (pyproject's extras are the one list; nothing here repeats it). Empty when axp runs from a
    source tree without metadata: then an import error, if any, speaks for itself."""
    import importlib.metadata  # here, not at the top: it costs `axp validate`'s start-up 50 ms

    try:
        requirements = importlib.metadata.requires(DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError:
        return []
    missing = []
    for requirement in requirements:
        marker = _EXTRA_MARKER.search(requirement)
        name = _NAME.match(requirement)
        if marker is None or marker.group(1) != extra or name is None:
            continue
        try:
            importlib.metadata.distribution(name.group(1))
        except importlib.metadata.PackageNotFoundError:
            missing.append(name.group(1))
    return missing


def install_hint(extra: str) -> str:
    return f"pip install '{DISTRIBUTION}[{extra}]'"


def _unavailable(name: str, extra: str, why: str) -> click.Command:
    """A stand-in for a command whose extra is missing: listed in --help, one line when run."""

    def refuse(args: tuple[str, ...]) -> None:
        raise MissingExtra(f"axp {name} needs the '{extra}' extra ({why}): {install_hint(extra)}")

    return click.Command(
        name,
        callback=refuse,
        params=[click.Argument(["args"], nargs=-1, type=click.UNPROCESSED)],
        help=f"(not installed: {install_hint(extra)})",
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []},
    )


class AxpGroup(click.Group):
    """The last line of defence behind every command's own error handling: a user never sees a
    traceback, only one line that says what went wrong. Subcommands load lazily (see COMMANDS)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module_name, extra = COMMANDS[cmd_name]
        if extra is not None and (missing := missing_for_extra(extra)):
            return _unavailable(cmd_name, extra, "missing " + ", ".join(missing))
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if extra is None or (exc.name or "").split(".")[0] in ("axp", "conformance"):
                raise
            return _unavailable(cmd_name, extra, f"cannot import {exc.name}")
        command: click.Command = module.command
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # The reader went away (`axp schema show event | head`): stop quietly, as a Unix tool
            # killed by SIGPIPE would, and keep Python from complaining when it flushes stdout.
            _silence_stdout()
            raise click.exceptions.Exit(141) from None
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


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (a test runner's capture): nothing to flush
        pass


@click.group(cls=AxpGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="axp")
def main() -> None:
    """Tools for the AXP Intent Protocol: validate messages, serve, test conformance."""
