"""Subcommands of the axp CLI, one module each."""
