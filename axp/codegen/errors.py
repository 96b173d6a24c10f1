"""Errors of ``axp codegen``, each carrying the one line the CLI prints."""

from __future__ import annotations


class CodegenError(RuntimeError):
    """A generator failed or its input is unusable; the message says why."""


class ToolMissing(CodegenError):
    """A target needs a program (Node.js, a JDK...) that is not installed; the message names it."""
